package domain

import (
	"strings"
	"unicode"
)

// Library holds the texts of the source documents so that every quote can be
// checked against what the document actually says.
type Library struct {
	texts map[string]string // source id -> normalized text; "" when the text is not available
}

// NewLibrary returns an empty library.
func NewLibrary() *Library { return &Library{texts: map[string]string{}} }

// Add registers a source and its full text. A source without text (text ==
// "") is known, but its quotes cannot be checked and so are rejected.
func (l *Library) Add(id, text string) { l.texts[id] = normalizeText(text) }

// Has reports whether the source is known.
func (l *Library) Has(id string) bool {
	_, ok := l.texts[id]
	return ok
}

// Contains reports whether quote occurs in the source's text, ignoring
// differences of whitespace and of typographic quotes and dashes.
func (l *Library) Contains(id, quote string) bool {
	text := l.texts[id]
	q := normalizeText(quote)
	return text != "" && q != "" && strings.Contains(text, q)
}

var typography = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201a", "'", "\u201b", "'", "\u2032", "'",
	"\u201c", `"`, "\u201d", `"`, "\u201e", `"`, "\u201f", `"`, "\u2033", `"`,
	"\u2013", "-", "\u2014", "-", "\u2012", "-", "\u2212", "-", "\u00a0", " ",
	"\u2026", "...", "**", "",
)

// normalizeText collapses whitespace and maps typographic punctuation to
// ASCII, so that a quote typed by hand matches the document's wording.
func normalizeText(s string) string {
	s = typography.Replace(s)
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}
