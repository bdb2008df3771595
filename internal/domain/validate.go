package domain

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// MaxQuoteWords bounds a citation's quote: enough to state a fact, short
// enough to stay a quotation.
const MaxQuoteWords = 45

var slug = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// Problem is one thing wrong with a record. Field names the offending field
// (as written in seed files, e.g. "sources[1].quote") so that a loader can
// point at its line.
type Problem struct {
	Field   string
	Message string
}

func (p Problem) String() string {
	if p.Field == "" {
		return p.Message
	}
	return p.Field + ": " + p.Message
}

// ValidID reports whether id is a slug usable as an entity or source id.
func ValidID(id string) bool { return slug.MatchString(id) }

// Validate checks an entity on its own: ids, kind, category, dates and
// amounts allowed for its kind, and citations. Checks that need other
// records (does the country exist?) are the caller's.
func (e *Entity) Validate(lib *Library) []Problem {
	var ps []Problem
	add := func(field, format string, args ...any) {
		ps = append(ps, Problem{field, fmt.Sprintf(format, args...)})
	}
	if !ValidID(e.ID) {
		add("id", "%q is not a valid id: use lowercase letters, digits and single hyphens", e.ID)
	}
	info := e.Kind.Info()
	switch {
	case e.Kind == "":
		add("kind", "missing kind (one of %v)", KindLabels())
	case info == nil:
		add("kind", "unknown kind %q (one of %v)", e.Kind, KindLabels())
	}
	if strings.TrimSpace(e.Name) == "" {
		add("name", "missing name")
	}
	if e.Country != "" && !ValidID(e.Country) {
		add("country", "%q is not a valid entity id", e.Country)
	}
	if info != nil {
		if e.Category != "" && !slices.Contains(info.Categories, e.Category) {
			add("category", "category %q is not one of %s's categories %v", e.Category, e.Kind, info.Categories)
		}
		if !info.Dated {
			for field, set := range map[string]bool{
				"date": !e.Date.IsZero(), "startDate": !e.StartDate.IsZero(), "endDate": !e.EndDate.IsZero(),
				"status": e.Status != "", "value": !e.Value.IsZero(), "discount": !e.Discount.IsZero(), "subject": e.Subject != "",
			} {
				if set {
					add(field, "a %s has no %s (only agreements, projects, initiatives and events do)", e.Kind, field)
				}
			}
		}
	}
	for field, m := range map[string]Money{"value": e.Value, "discount": e.Discount} {
		if !m.IsZero() {
			if err := m.Validate(); err != nil {
				add(field, "%v", err)
			}
		}
	}
	for _, t := range e.Tags {
		if !ValidID(t) {
			add("tags", "tag %q: use a lowercase slug", t)
		}
	}
	ps = append(ps, validateDates(e.StartDate, e.EndDate)...)
	ps = append(ps, validateProvenance(e.Citations, e.Variants, lib)...)
	return ps
}

// Validate checks a relationship given the kinds of its two ends (empty when
// an end is unknown, which the caller reports).
func (r *Relationship) Validate(fromKind, toKind Kind, lib *Library) []Problem {
	var ps []Problem
	add := func(field, format string, args ...any) {
		ps = append(ps, Problem{field, fmt.Sprintf(format, args...)})
	}
	info := r.Type.Info()
	if info == nil {
		add("type", "unknown relationship type %q (one of %v)", r.Type, RelTypeNames())
	}
	for field, id := range map[string]string{"from": r.From, "to": r.To} {
		if !ValidID(id) {
			add(field, "%q is not a valid entity id", id)
		}
	}
	if info != nil {
		if fromKind != "" && toKind != "" {
			if err := r.Type.CheckEndpoints(fromKind, toKind); err != nil {
				add("type", "%v", err)
			}
		}
		if info.RequireRole && strings.TrimSpace(r.Role) == "" {
			add("role", "%s needs a role", r.Type)
		}
		for name := range r.Extra {
			if !slices.Contains(info.Extra, name) {
				add("properties."+name, "%s has no property %q (allowed: %v)", r.Type, name, info.Extra)
			}
		}
		for _, name := range info.Required {
			if strings.TrimSpace(r.Extra[name]) == "" {
				add("properties."+name, "%s needs properties.%s", r.Type, name)
			}
		}
		if share, ok := r.Extra[PropShare]; ok {
			var f float64
			if _, err := fmt.Sscanf(share, "%g", &f); err != nil || f < 0 || f > 100 {
				add("properties.share", "share %q: want a percentage between 0 and 100", share)
			}
		}
	}
	if !r.Amount.IsZero() {
		if err := r.Amount.Validate(); err != nil {
			add("amount", "%v", err)
		}
	}
	ps = append(ps, validateDates(r.StartDate, r.EndDate)...)
	ps = append(ps, validateProvenance(r.Citations, r.Variants, lib)...)
	return ps
}

// CheckCountry checks an entity's country, given the kind of the entity the
// country names (known false when there is none).
func CheckCountry(country string, kind Kind, known bool) []Problem {
	switch {
	case country == "":
		return nil
	case !known:
		return []Problem{{"country", fmt.Sprintf("unknown entity %q", country)}}
	case kind != KindState:
		return []Problem{{"country", fmt.Sprintf("%q is a %s, not a State", country, kind)}}
	}
	return nil
}

// ValidateCitations checks the sources and quotes given for a change that is
// not itself a record (a merge, a retraction), by the records' own rules.
func ValidateCitations(cs []Citation, lib *Library) []Problem {
	return validateProvenance(cs, nil, lib)
}

func validateDates(start, end Date) []Problem {
	if start.IsZero() || end.IsZero() {
		return nil
	}
	// Compare at the coarser of the two precisions: 2019 does not end before 2019-05.
	s, e := start.String(), end.String()
	n := min(len(s), len(e))
	if e[:n] < s[:n] {
		return []Problem{{"endDate", fmt.Sprintf("endDate %s is before startDate %s", end, start)}}
	}
	return nil
}

func validateProvenance(cs []Citation, vs []Variant, lib *Library) []Problem {
	var ps []Problem
	if len(cs) == 0 {
		ps = append(ps, Problem{"sources", "needs at least one source with a quote"})
	}
	for i, c := range cs {
		for _, p := range checkQuote(c.Source, c.Quote, lib) {
			p.Field = fmt.Sprintf("sources[%d].%s", i, p.Field)
			ps = append(ps, p)
		}
	}
	for i, v := range vs {
		field := fmt.Sprintf("variants[%d]", i)
		if v.Field == "" || v.Value == "" {
			ps = append(ps, Problem{field, "a variant needs a field and a value"})
		}
		for _, p := range checkQuote(v.Source, v.Quote, lib) {
			p.Field = field + "." + p.Field
			ps = append(ps, p)
		}
	}
	return ps
}

func checkQuote(source, quote string, lib *Library) []Problem {
	switch {
	case source == "":
		return []Problem{{"source", "missing source id"}}
	case strings.TrimSpace(quote) == "":
		return []Problem{{"quote", "missing quote"}}
	}
	if n := len(strings.FieldsFunc(quote, unicode.IsSpace)); n > MaxQuoteWords {
		return []Problem{{"quote", fmt.Sprintf("quote has %d words; keep it under %d", n, MaxQuoteWords)}}
	}
	if lib == nil {
		return nil
	}
	if !lib.Has(source) {
		return []Problem{{"source", fmt.Sprintf("unknown source %q", source)}}
	}
	if !lib.Contains(source, quote) {
		return []Problem{{"quote", fmt.Sprintf("quote not found in source %q: %q", source, abbreviate(quote, 80))}}
	}
	return nil
}

func abbreviate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
