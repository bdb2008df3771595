// Package export writes the graph, or a part of it, in the formats analysts'
// tools read: GraphML, GEXF, Cytoscape.js JSON, CSV and FollowTheMoney. Every
// format is streamed: an encoder is handed one entity or relationship at a
// time and writes it at once.
package export

import (
	"encoding/json"
	"slices"
	"strconv"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/store"
)

// Encoder writes one export: Begin, then every node, then every edge, then
// End.
type Encoder interface {
	// Begin starts the document; sources are those the export cites.
	Begin(sources []domain.Source) error
	Node(domain.Entity) error
	Edge(store.Edge) error
	End() error
}

// The tabular formats (GraphML, GEXF, CSV, Cytoscape.js) share one layout:
// a fixed set of columns for nodes and one for edges, derived from the
// domain types and the ontology, so that a streamed document can declare
// them before the first row. A row holds each column's value as text, ""
// when absent; lists (aliases, tags, citations, variants) are JSON arrays.

type columnType int

const (
	text columnType = iota
	number
	list // a JSON array
)

type column struct {
	name string
	typ  columnType
}

var nodeColumns = []column{
	{"id", text}, {"kind", text}, {"name", text}, {"aliases", list}, {"description", text}, {"country", text},
	{"category", text}, {"tags", list},
	{"date", text}, {"datePrecision", text}, {"startDate", text}, {"startDatePrecision", text}, {"endDate", text}, {"endDatePrecision", text},
	{"status", text},
	{"valueAmount", number}, {"valueCurrency", text}, {"valueText", text},
	{"discountAmount", number}, {"discountCurrency", text}, {"discountText", text},
	{"subject", text}, {"citations", list}, {"variants", list},
}

// edgeColumns end with the extra properties of the ontology's types
// (share, reason, ...), then the provenance.
var edgeColumns = func() []column {
	cols := []column{
		{"id", text}, {"type", text}, {"from", text}, {"to", text}, {"role", text},
		{"startDate", text}, {"startDatePrecision", text}, {"endDate", text}, {"endDatePrecision", text},
		{"amount", number}, {"currency", text}, {"amountText", text}, {"note", text},
	}
	var extra []string
	for _, t := range domain.RelTypes {
		for _, name := range t.Extra {
			if !slices.Contains(extra, name) {
				extra = append(extra, name)
			}
		}
	}
	slices.Sort(extra)
	for _, name := range extra {
		typ := text
		if name == domain.PropShare {
			typ = number
		}
		cols = append(cols, column{name, typ})
	}
	return append(cols, column{"citations", list}, column{"variants", list})
}()

func dateCells(d domain.Date) []string {
	if d.IsZero() {
		return []string{"", ""}
	}
	return []string{d.String(), string(d.Precision())}
}

func moneyCells(m domain.Money) []string {
	if m.IsZero() {
		return []string{"", "", ""}
	}
	return []string{strconv.FormatFloat(m.Amount, 'f', -1, 64), m.Currency, m.Text}
}

func jsonList[T any](items []T) string {
	if len(items) == 0 {
		return ""
	}
	b, _ := json.Marshal(items) // strings and string maps always marshal
	return string(b)
}

type citationJSON struct {
	Source string `json:"source"`
	Quote  string `json:"quote"`
}

type variantJSON struct {
	Field  string `json:"field"`
	Value  string `json:"value"`
	Source string `json:"source"`
	Quote  string `json:"quote"`
}

func provenanceCells(cs []domain.Citation, vs []domain.Variant) []string {
	cites := make([]citationJSON, len(cs))
	for i, c := range cs {
		cites[i] = citationJSON(c)
	}
	vars := make([]variantJSON, len(vs))
	for i, v := range vs {
		vars[i] = variantJSON(v)
	}
	return []string{jsonList(cites), jsonList(vars)}
}

func nodeRow(e domain.Entity) []string {
	row := []string{e.ID, string(e.Kind), e.Name, jsonList(e.Aliases), e.Description, e.Country, e.Category, jsonList(e.Tags)}
	row = append(row, dateCells(e.Date)...)
	row = append(row, dateCells(e.StartDate)...)
	row = append(row, dateCells(e.EndDate)...)
	row = append(row, e.Status)
	row = append(row, moneyCells(e.Value)...)
	row = append(row, moneyCells(e.Discount)...)
	row = append(row, e.Subject)
	return append(row, provenanceCells(e.Citations, e.Variants)...)
}

func edgeRow(r domain.Relationship) []string {
	row := []string{r.ID, string(r.Type), r.From, r.To, r.Role}
	row = append(row, dateCells(r.StartDate)...)
	row = append(row, dateCells(r.EndDate)...)
	row = append(row, moneyCells(r.Amount)...)
	row = append(row, r.Note)
	for _, c := range edgeColumns[len(row) : len(edgeColumns)-2] {
		row = append(row, r.Extra[c.name])
	}
	return append(row, provenanceCells(r.Citations, r.Variants)...)
}
