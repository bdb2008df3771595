package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precision says how much of a date a source gives.
type Precision string

// Date precisions.
const (
	PrecisionYear  Precision = "YEAR"
	PrecisionMonth Precision = "MONTH"
	PrecisionDay   Precision = "DAY"
)

// Date is a calendar date known to a year, a month or a day, as the source
// gives it. Its text form (2021, 2021-06, 2021-06-30) sorts in time order,
// which is why the store keeps dates as strings.
type Date struct {
	Year, Month, Day int
}

// ParseDate parses YYYY, YYYY-MM or YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	parts := strings.Split(strings.TrimSpace(s), "-")
	if len(parts) == 0 || len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	var nums [3]int
	for i, p := range parts {
		if i > 0 && len(p) != 2 {
			return Date{}, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		n, err := strconv.Atoi(p)
		if err != nil {
			return Date{}, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		nums[i] = n
	}
	d := Date{Year: nums[0], Month: nums[1], Day: nums[2]}
	if d.Year < 1800 || d.Year > 2200 {
		return Date{}, fmt.Errorf("date %q: year out of range", s)
	}
	if len(parts) >= 2 && (d.Month < 1 || d.Month > 12) {
		return Date{}, fmt.Errorf("date %q: month out of range", s)
	}
	if len(parts) == 3 {
		t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
		if d.Day < 1 || t.Day() != d.Day {
			return Date{}, fmt.Errorf("date %q: no such day", s)
		}
	}
	return d, nil
}

// MustParseDate is ParseDate for constants in tests and tables.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.Year == 0 }

// Precision returns how precise the date is.
func (d Date) Precision() Precision {
	switch {
	case d.Day != 0:
		return PrecisionDay
	case d.Month != 0:
		return PrecisionMonth
	default:
		return PrecisionYear
	}
}

// String formats the date at its own precision; the zero date is "".
func (d Date) String() string {
	switch {
	case d.IsZero():
		return ""
	case d.Day != 0:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	case d.Month != 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	default:
		return fmt.Sprintf("%04d", d.Year)
	}
}
