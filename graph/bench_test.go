package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/silkgraph/silkgraph/graph"
	"github.com/silkgraph/silkgraph/internal/store"
	"github.com/silkgraph/silkgraph/internal/testenv"
)

// BenchmarkOperations measures each operation through the full HTTP and
// GraphQL stack, in process, on the seed graph; with -cpuprofile it shows
// where the API's own time goes (cmd/silkbench measures it end to end).
func BenchmarkOperations(b *testing.B) {
	st := testenv.Shared(b, testenv.LoadSeed)
	srv := httptest.NewServer(graph.NewHandler(st, graph.DefaultOptions))
	defer srv.Close()
	ops := []struct{ name, query string }{
		{"entity", `{ entity(id: "huawei") { id name relationships(first: 20) { edges { node { id type from { id name } to { id name } } } } } }`},
		{"search", `{ search(query: "huawei", first: 20) { edges { score node { id name kind } } } }`},
		{"neighborhood", `{ neighborhood(id: "hytera", depth: 2, limit: 200) { truncated nodes { id name kind } edges { id type from { id } to { id } } } }`},
		{"paths", `{ paths(from: "huawei", to: "belgrade", maxHops: 4) { length nodes { id name } relationships { id type } } }`},
		{"timeline", `{ timeline(entity: "huawei") { date title } }`},
	}
	for _, op := range ops {
		body, _ := json.Marshal(map[string]any{"query": op.query})
		b.Run(op.name, func(b *testing.B) {
			for b.Loop() {
				res, err := http.Post(srv.URL, "application/json", bytes.NewReader(body))
				if err != nil {
					b.Fatal(err)
				}
				var out struct{ Errors []any }
				if err := json.NewDecoder(res.Body).Decode(&out); err != nil || len(out.Errors) > 0 {
					b.Fatalf("%s: %v %v", op.name, err, out.Errors)
				}
				res.Body.Close()
			}
		})
	}
	b.Run("neighborhood-raw", func(b *testing.B) {
		for b.Loop() {
			if _, err := st.Neighborhood(context.Background(), store.NeighborhoodQuery{ID: "hytera", Depth: 2, Limit: 200, Detail: store.Summary}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
