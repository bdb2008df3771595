package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// Decoding of nodes and relationships back into domain types; the inverse of
// props.go.

func str(props map[string]any, key string) string {
	s, _ := props[key].(string)
	return s
}

func strs(props map[string]any, key string) []string {
	raw, _ := props[key].([]any)
	out := make([]string, 0, len(raw))
	for _, v := range raw {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// integer reads a whole number, as Neo4j returns it (int64) or as JSON
// decodes it (float64, from an archived record).
func integer(props map[string]any, key string) int64 {
	switch v := props[key].(type) {
	case int64:
		return v
	case float64:
		return int64(v)
	}
	return 0
}

func date(props map[string]any, key string) domain.Date {
	d, _ := domain.ParseDate(str(props, key)) // written by the loader, so valid or empty
	return d
}

func money(props map[string]any, prefix string) domain.Money {
	amount, ok := props[prefix+"Amount"].(float64)
	if !ok {
		return domain.Money{}
	}
	return domain.Money{Amount: amount, Currency: str(props, prefix+"Currency"), Text: str(props, prefix+"Text")}
}

func provenance(props map[string]any) ([]domain.Citation, []domain.Variant) {
	sources, quotes := strs(props, "sourceIds"), strs(props, "quotes")
	cites := make([]domain.Citation, 0, len(sources))
	for i := range min(len(sources), len(quotes)) {
		cites = append(cites, domain.Citation{Source: sources[i], Quote: quotes[i]})
	}
	fields, values, vsources, vquotes := strs(props, "variantFields"), strs(props, "variantValues"), strs(props, "variantSources"), strs(props, "variantQuotes")
	var vars []domain.Variant
	for i := range min(len(fields), len(values), len(vsources), len(vquotes)) {
		vars = append(vars, domain.Variant{Field: fields[i], Value: values[i], Source: vsources[i], Quote: vquotes[i]})
	}
	return cites, vars
}

func entityFromProps(p map[string]any) domain.Entity {
	cites, vars := provenance(p)
	return domain.Entity{
		ID: str(p, "id"), Kind: domain.Kind(str(p, "kind")), Name: str(p, "name"), Aliases: strs(p, "aliases"),
		Description: str(p, "description"), Country: str(p, "country"), Category: str(p, "category"), Tags: strs(p, "tags"),
		Date: date(p, "date"), StartDate: date(p, "startDate"), EndDate: date(p, "endDate"), Status: str(p, "status"),
		Value: money(p, "value"), Discount: money(p, "discount"), Subject: str(p, "subject"),
		Citations: cites, Variants: vars, Version: integer(p, "version"),
	}
}

func relationshipFromProps(typ, from, to string, p map[string]any) domain.Relationship {
	cites, vars := provenance(p)
	var extra map[string]string
	var allowed []string
	if info := domain.RelType(typ).Info(); info != nil {
		allowed = info.Extra
	}
	for _, name := range allowed {
		if v := str(p, name); v != "" {
			if extra == nil {
				extra = map[string]string{}
			}
			extra[name] = v
		}
	}
	return domain.Relationship{
		ID: str(p, "id"), Type: domain.RelType(typ), From: from, To: to, Role: str(p, "role"),
		StartDate: date(p, "startDate"), EndDate: date(p, "endDate"), Amount: money(p, "amount"), Note: str(p, "note"),
		Extra: extra, Citations: cites, Variants: vars, Version: integer(p, "version"),
	}
}

func sourceFromProps(p map[string]any) domain.Source {
	return domain.Source{
		ID: str(p, "id"), Title: str(p, "title"), Publisher: str(p, "publisher"), Authors: strs(p, "authors"),
		Date: date(p, "date"), URL: str(p, "url"), Description: str(p, "description"), File: str(p, "file"),
	}
}

// get extracts a typed value from a record, failing loudly on a shape the
// statement should never produce.
func get[T neo4j.RecordValue](rec *neo4j.Record, key string) (T, error) {
	v, _, err := neo4j.GetRecordValue[T](rec, key)
	if err != nil {
		var zero T
		return zero, fmt.Errorf("record field %q: %w", key, err)
	}
	return v, nil
}

func nodeEntity(v any) (domain.Entity, error) {
	n, ok := v.(dbtype.Node)
	if !ok {
		return domain.Entity{}, fmt.Errorf("want a node, got %T", v)
	}
	return entityFromProps(n.Props), nil
}

// relRow decodes {r: relationship, from: id, to: id} maps that statements
// return for relationships, since a relationship alone carries element ids,
// not entity ids.
func relRow(v any) (domain.Relationship, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return domain.Relationship{}, fmt.Errorf("want a relationship row, got %T", v)
	}
	r, ok := m["r"].(dbtype.Relationship)
	if !ok {
		return domain.Relationship{}, fmt.Errorf("want a relationship, got %T", m["r"])
	}
	from, _ := m["from"].(string)
	to, _ := m["to"].(string)
	return relationshipFromProps(r.Type, from, to, r.Props), nil
}

// summaryEntity and summaryRelationship decode the maps that statements
// return for Summary detail: only the fields a summary has, since a network
// view decodes a thousand of them per request.
func summaryEntity(v any) (domain.Entity, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return domain.Entity{}, fmt.Errorf("want an entity summary, got %T", v)
	}
	return domain.Entity{ID: str(m, "id"), Kind: domain.Kind(str(m, "kind")), Name: str(m, "name"), Country: str(m, "country")}, nil
}

func summaryRelationship(v any) (domain.Relationship, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return domain.Relationship{}, fmt.Errorf("want a relationship summary, got %T", v)
	}
	return domain.Relationship{ID: str(m, "id"), Type: domain.RelType(str(m, "type")), From: str(m, "from"), To: str(m, "to")}, nil
}

// Linked is a relationship with the entities at its ends.
type Linked struct {
	Relationship domain.Relationship
	From, To     domain.Entity
}

// linkedRow decodes a relationship row that also holds its end nodes as a
// and b.
func linkedRow(v any) (Linked, error) {
	r, err := relRow(v)
	if err != nil {
		return Linked{}, err
	}
	m := v.(map[string]any)
	l := Linked{Relationship: r}
	if l.From, err = nodeEntity(m["a"]); err != nil {
		return l, err
	}
	l.To, err = nodeEntity(m["b"])
	return l, err
}

func listOf[T any](v any, decode func(any) (T, error)) ([]T, error) {
	items, _ := v.([]any)
	out := make([]T, 0, len(items))
	for _, it := range items {
		x, err := decode(it)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, nil
}

// readPage runs a statement that returns one row with the total count and a
// page of items, and decodes the items. When there are none, it checks the
// ids the question named (refs).
func readPage[T any](ctx context.Context, s *Store, cypher string, params map[string]any, decode func(any) (T, error), refs ...ref) ([]T, int, error) {
	recs, err := s.read(ctx, cypher, params)
	if err != nil {
		return nil, 0, err
	}
	total, err := get[int64](recs[0], "total")
	if err != nil {
		return nil, 0, err
	}
	if total == 0 {
		if err := s.checkRefs(ctx, refs...); err != nil {
			return nil, 0, err
		}
	}
	v, _ := recs[0].Get("page")
	items, err := listOf(v, decode)
	return items, int(total), err
}
