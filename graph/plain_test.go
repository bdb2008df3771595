package graph_test

import (
	"regexp"
	"strings"
	"testing"
)

// typename matches the __typename fields a control query adds: they send
// every object through gqlgen's own marshalling.
var typename = regexp.MustCompile(`,"__typename":"\w+"`)

// Lists of entities and relationships, and entity fields, whose selection
// is plain are written without gqlgen's field sets (graph/plain.go). Each
// query here is asked twice: as is, and with __typename last in every
// selection, which the shortcut does not take. Without the __typename
// fields, the two answers must be the same bytes, in the same key order.
func TestPlainSelectionsAnswerAsGqlgen(t *testing.T) {
	a := seeded(t)
	// {E} is an entity's selection, {R} a relationship's.
	queries := []struct{ name, query string }{
		{"neighborhood", `{ neighborhood(id: "hytera", depth: 2) { nodes { {E} } edges { {R} } } }`},
		{"relationship connection", `{ entity(id: "huawei") { relationships(first: 30) { edges { node { {R} } } } } }`},
		{"search hits", `{ search(query: "huawei", first: 10) { edges { node { {E} } } } }`},
		{"supply chains", `{ supplyChains(country: "serbia", first: 10) { edges { node { supplier { {E} } agreement { {E} } buyer { {E} } } } } }`},
		{"paths", `{ paths(from: "huawei", to: "belgrade", maxHops: 4) { nodes { {E} } relationships { {R} } } }`},
	}
	selections := []struct{ entity, relationship string }{
		{"id", "id type from { {E} } to { {E} }"},
		{"id name kind", "id type from { {E} } to { {E} }"},
		{"kind name id", "to { {E} } type id from { {E} }"},
		{"name", "id"},
		{"key: id label: name", "key: id source: from { {E} }"},
		{"id id", "id id to { {E} }"},                                // repeated keys are merged: gqlgen's path
		{"id ... on Company { name }", "type from { {E} }"},          // a fragment: gqlgen's path
		{`id name @include(if: true)`, "id type @include(if: true)"}, // a directive: gqlgen's path
		{"id description", "id role from { {E} }"},                   // a field outside the plain ones: gqlgen's path
		{"id", "id sources { quote } to { {E} }"},                    // a list field: gqlgen's path
	}
	expand := func(q, entity, relationship, extra string) string {
		q = strings.ReplaceAll(q, "{R}", relationship+extra)
		return strings.ReplaceAll(q, "{E}", entity+extra)
	}
	for _, q := range queries {
		for _, sel := range selections {
			t.Run(q.name+"/"+sel.entity+"/"+sel.relationship, func(t *testing.T) {
				got := a.ok(expand(q.query, sel.entity, sel.relationship, ""), nil)
				want := typename.ReplaceAllString(a.ok(expand(q.query, sel.entity, sel.relationship, " __typename"), nil), "")
				if got != want {
					t.Errorf("answer:\n%.600s\ngqlgen's:\n%.600s", got, want)
				}
				if strings.Count(got, `"id"`)+strings.Count(got, `"name"`)+strings.Count(got, `"key"`) < 2 {
					t.Errorf("too little in the answer to compare: %.300s", got)
				}
			})
		}
	}
}
