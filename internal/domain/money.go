package domain

import (
	"fmt"
	"math"
	"regexp"
)

// Money is an amount as a source states it: the text as written ("$10
// million"), the number it means and its ISO 4217 currency. Sums never mix
// currencies.
type Money struct {
	Amount   float64
	Currency string
	Text     string
}

var currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)

// IsZero reports whether no amount is given.
func (m Money) IsZero() bool { return m == Money{} }

// Validate checks that the amount is complete and plausible.
func (m Money) Validate() error {
	if !currencyCode.MatchString(m.Currency) {
		return fmt.Errorf("currency %q: want an ISO 4217 code such as EUR, USD, BAM", m.Currency)
	}
	if m.Text == "" {
		return fmt.Errorf("amount needs its text as written in the source")
	}
	if m.Amount < 0 || math.IsNaN(m.Amount) || math.IsInf(m.Amount, 0) {
		return fmt.Errorf("amount %v: want a non-negative number", m.Amount)
	}
	return nil
}
