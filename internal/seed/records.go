// Package seed reads curated seed files (YAML) and bulk files (JSON Lines,
// CSV), validates every record against the ontology and the source texts,
// and hands the loader a dataset that is known to be whole and consistent.
package seed

import (
	"fmt"
	"strconv"
	"strings"
)

// The raw records mirror the file formats field by field (see seed/FORMAT.md);
// they are turned into domain types only after validation.

type rawMoney struct {
	Amount   *float64 `yaml:"amount" json:"amount"`
	Currency string   `yaml:"currency" json:"currency"`
	Text     string   `yaml:"text" json:"text"`
}

type rawCitation struct {
	Source string `yaml:"source" json:"source"`
	Quote  string `yaml:"quote" json:"quote"`
}

type rawVariant struct {
	Field  string `yaml:"field" json:"field"`
	Value  string `yaml:"value" json:"value"`
	Source string `yaml:"source" json:"source"`
	Quote  string `yaml:"quote" json:"quote"`
}

type rawSource struct {
	ID          string   `yaml:"id" json:"id"`
	Title       string   `yaml:"title" json:"title"`
	Publisher   string   `yaml:"publisher" json:"publisher"`
	Authors     []string `yaml:"authors" json:"authors"`
	Date        string   `yaml:"date" json:"date"`
	URL         string   `yaml:"url" json:"url"`
	Description string   `yaml:"description" json:"description"`
	File        string   `yaml:"file" json:"file"`
	// Text carries the document inline, for bulk files whose sources have no file.
	Text string `yaml:"text" json:"text"`
}

type rawEntity struct {
	ID          string        `yaml:"id" json:"id"`
	Kind        string        `yaml:"kind" json:"kind"`
	Name        string        `yaml:"name" json:"name"`
	Aliases     []string      `yaml:"aliases" json:"aliases"`
	Description string        `yaml:"description" json:"description"`
	Country     string        `yaml:"country" json:"country"`
	Category    string        `yaml:"category" json:"category"`
	Tags        []string      `yaml:"tags" json:"tags"`
	Date        string        `yaml:"date" json:"date"`
	StartDate   string        `yaml:"startDate" json:"startDate"`
	EndDate     string        `yaml:"endDate" json:"endDate"`
	Status      string        `yaml:"status" json:"status"`
	Value       *rawMoney     `yaml:"value" json:"value"`
	Discount    *rawMoney     `yaml:"discount" json:"discount"`
	Subject     string        `yaml:"subject" json:"subject"`
	Sources     []rawCitation `yaml:"sources" json:"sources"`
	Variants    []rawVariant  `yaml:"variants" json:"variants"`
}

type rawRelationship struct {
	Type       string            `yaml:"type" json:"type"`
	From       string            `yaml:"from" json:"from"`
	To         string            `yaml:"to" json:"to"`
	Key        string            `yaml:"key" json:"key"`
	Role       string            `yaml:"role" json:"role"`
	StartDate  string            `yaml:"startDate" json:"startDate"`
	EndDate    string            `yaml:"endDate" json:"endDate"`
	Amount     *rawMoney         `yaml:"amount" json:"amount"`
	Note       string            `yaml:"note" json:"note"`
	Properties map[string]scalar `yaml:"properties" json:"properties"`
	Sources    []rawCitation     `yaml:"sources" json:"sources"`
	Variants   []rawVariant      `yaml:"variants" json:"variants"`
}

// scalar accepts a property written as a string or a number (share: 51).
type scalar string

func (s *scalar) UnmarshalJSON(b []byte) error {
	if str, err := strconv.Unquote(string(b)); err == nil {
		*s = scalar(str)
		return nil
	}
	if _, err := strconv.ParseFloat(string(b), 64); err != nil {
		return fmt.Errorf("want a string or a number, got %s", b)
	}
	*s = scalar(b)
	return nil
}

// Fields each record type may have, for rejecting misspelt keys.
var knownFields = map[string][]string{
	"source":       {"id", "title", "publisher", "authors", "date", "url", "description", "file", "text"},
	"entity":       {"id", "kind", "name", "aliases", "description", "country", "category", "tags", "date", "startDate", "endDate", "status", "value", "discount", "subject", "sources", "variants"},
	"relationship": {"type", "from", "to", "key", "role", "startDate", "endDate", "amount", "note", "properties", "sources", "variants"},
	"citation":     {"source", "quote"},
	"variant":      {"field", "value", "source", "quote"},
	"money":        {"amount", "currency", "text"},
}

func trimAll(ss []string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
