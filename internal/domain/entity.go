package domain

import "strings"

// Citation ties a fact to a source document with a verbatim quote.
type Citation struct {
	Source string
	Quote  string
}

// Variant keeps a value that a source states differently from the value the
// record holds (a date given two ways, an amount in two currencies). Sources
// that disagree are kept side by side, never merged.
type Variant struct {
	Field  string
	Value  string
	Source string
	Quote  string
}

// Source is a document facts are drawn from.
type Source struct {
	ID          string
	Title       string
	Publisher   string
	Authors     []string
	Date        Date
	URL         string
	Description string
	// File is the document's text, relative to the seed directory; quotes are
	// checked against it.
	File string
	// Text is the document's full text, kept in the store so that API writes
	// check quotes as the loader does. Reads of sources leave it empty.
	Text string
}

// Entity is a node of the knowledge graph.
type Entity struct {
	ID          string
	Kind        Kind
	Name        string
	Aliases     []string
	Description string
	Country     string // id of a State entity
	Category    string
	Tags        []string
	// Dated kinds (agreements, projects, initiatives, events).
	Date      Date // signed, announced or occurred
	StartDate Date
	EndDate   Date
	Status    string
	Value     Money
	Discount  Money
	Subject   string // product or service, in words
	Citations []Citation
	Variants  []Variant
	// Version counts the writes of the record, for optimistic concurrency:
	// a write names the version it read and fails if it changed since.
	Version int64
}

// Relationship is a typed, sourced edge between two entities.
type Relationship struct {
	ID        string
	Type      RelType
	From, To  string
	Role      string
	StartDate Date
	EndDate   Date
	Amount    Money
	Note      string
	// Extra holds the type's extra properties (share, reason, outcome,
	// statement), named from the ontology.
	Extra     map[string]string
	Citations []Citation
	Variants  []Variant
	Version   int64
}

// RelationshipID derives a relationship's stable id from its type, its ends
// and an optional key that tells apart two relationships of one type between
// the same two entities.
func RelationshipID(t RelType, from, to, key string) string {
	id := from + "|" + string(t) + "|" + to
	if key != "" {
		id += "|" + key
	}
	return id
}

// RelationshipKey returns the key part of a relationship id ("" if none), so
// that a relationship moved to other ends keeps telling itself apart.
func RelationshipKey(id string) string {
	parts := strings.SplitN(id, "|", 4)
	if len(parts) < 4 {
		return ""
	}
	return parts[3]
}
