package graph_test

import (
	"net/http/httptest"
	"testing"

	"github.com/silkgraph/silkgraph/graph"
)

// With introspection off (INTROSPECTION=false), schema queries are refused
// as bad input, however they are spelled; __typename still answers.
func TestIntrospectionCanBeTurnedOff(t *testing.T) {
	a := seeded(t)
	opts := graph.DefaultOptions
	opts.Introspection = false
	srv := httptest.NewServer(graph.NewHandler(a.st, opts))
	defer srv.Close()
	a.url = srv.URL
	tests := []struct{ query, code string }{
		{`{ __schema { queryType { name } } }`, "BAD_USER_INPUT"},
		{`{ ... on Query { __type(name: "Entity") { name } } }`, "BAD_USER_INPUT"},
		{`query Q { ...F } fragment F on Query { __schema { types { name } } }`, "BAD_USER_INPUT"},
		{`{ __typename entity(id: "huawei") { __typename id } }`, ""},
	}
	for _, tt := range tests {
		r := a.do(tt.query, nil)
		got := ""
		if len(r.Errors) > 0 {
			got, _ = r.Errors[0].Extensions["code"].(string)
		}
		if got != tt.code || r.Status >= 500 {
			t.Errorf("%s: HTTP %d, code %q, want %q: %s", tt.query, r.Status, got, tt.code, r.Raw)
		}
	}
}
