package store

import (
	"strings"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// The property layout of nodes and relationships. Citations and variants are
// kept as parallel lists, since Neo4j properties cannot hold maps.

func sourceProps(s domain.Source) map[string]any {
	return map[string]any{
		"id": s.ID, "title": s.Title, "publisher": orNil(s.Publisher), "authors": s.Authors,
		"date": orNil(s.Date.String()), "url": orNil(s.URL), "description": orNil(s.Description), "file": orNil(s.File),
	}
}

// EntityProps returns the node properties of an entity.
func EntityProps(e domain.Entity, dataset string) map[string]any {
	p := map[string]any{
		"id": e.ID, "kind": string(e.Kind), "name": e.Name, "sortName": strings.ToLower(e.Name),
		"aliases": nonNil(e.Aliases), "aliasText": orNil(strings.Join(e.Aliases, " | ")), "nameKeys": nameKeys(e),
		"description": orNil(e.Description), "country": orNil(e.Country), "category": orNil(e.Category),
		"tags": nonNil(e.Tags), "date": orNil(e.Date.String()), "startDate": orNil(e.StartDate.String()),
		"endDate": orNil(e.EndDate.String()), "status": orNil(e.Status), "subject": orNil(e.Subject),
		"dataset": orNil(dataset),
	}
	putMoney(p, "value", e.Value)
	putMoney(p, "discount", e.Discount)
	putProvenance(p, e.Citations, e.Variants)
	return p
}

// nameKeys is the text that lets search rank an exact name first: the name
// and each alias between two marker words, which a phrase query of the
// markers and the searched words matches only when they are all of a name
// (exactNameQuery).
func nameKeys(e domain.Entity) string {
	keys := make([]string, 0, 1+len(e.Aliases))
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		keys = append(keys, nameKeyBegin+" "+n+" "+nameKeyEnd)
	}
	return strings.Join(keys, " ")
}

// RelationshipProps returns the properties of a relationship.
func RelationshipProps(r domain.Relationship, dataset string) map[string]any {
	p := map[string]any{
		"id": r.ID, "role": orNil(r.Role), "startDate": orNil(r.StartDate.String()), "endDate": orNil(r.EndDate.String()),
		"note": orNil(r.Note), "dataset": orNil(dataset),
	}
	for k, v := range r.Extra { // names are checked against the ontology by validation
		p[k] = v
	}
	putMoney(p, "amount", r.Amount)
	putProvenance(p, r.Citations, r.Variants)
	return p
}

func putMoney(p map[string]any, prefix string, m domain.Money) {
	if m.IsZero() {
		return
	}
	p[prefix+"Amount"] = m.Amount
	p[prefix+"Currency"] = m.Currency
	p[prefix+"Text"] = m.Text
}

func putProvenance(p map[string]any, cs []domain.Citation, vs []domain.Variant) {
	sources, quotes := make([]string, len(cs)), make([]string, len(cs))
	for i, c := range cs {
		sources[i], quotes[i] = c.Source, c.Quote
	}
	p["sourceIds"], p["quotes"] = sources, quotes
	if len(vs) == 0 {
		return
	}
	fields, values, vsources, vquotes := make([]string, len(vs)), make([]string, len(vs)), make([]string, len(vs)), make([]string, len(vs))
	for i, v := range vs {
		fields[i], values[i], vsources[i], vquotes[i] = v.Field, v.Value, v.Source, v.Quote
	}
	p["variantFields"], p["variantValues"], p["variantSources"], p["variantQuotes"] = fields, values, vsources, vquotes
}

func orNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}
