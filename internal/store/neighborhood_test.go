package store_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/silkgraph/silkgraph/internal/loader"
	"github.com/silkgraph/silkgraph/internal/seed"
	"github.com/silkgraph/silkgraph/internal/synth"
	"github.com/silkgraph/silkgraph/internal/testenv"
)

// TestNeighborhoodEdgesAroundHubs checks that reading a neighborhood's
// edges from its small nodes' side and probing hub pairs by id finds exactly
// the relationships among its nodes, on a synthetic graph whose hubs pass
// the dense-node threshold.
func TestNeighborhoodEdgesAroundHubs(t *testing.T) {
	ctx := context.Background()
	st := testenv.Empty(t)
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "hubs.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if err := synth.Write(f, synth.Options{Entities: 3000, Relationships: 30000, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	b, _, err := seed.ReadBulk([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := loader.LoadBulk(ctx, st, b, loader.Options{Dataset: "hubs"}, func(int, int) {}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id    string
		depth int
	}{
		{"company-0", 1}, {"company-0", 2}, {"state-0", 2}, {"company-123", 2}, {"person-33", 3},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			g, err := st.Neighborhood(ctx, tt.id, tt.depth, nil, nil, 200)
			if err != nil {
				t.Fatal(err)
			}
			ids := make([]string, len(g.Nodes))
			for i, n := range g.Nodes {
				ids[i] = n.ID
			}
			want := linksAmong(t, ids)
			got := make([]string, len(g.Edges))
			for i, e := range g.Edges {
				got[i] = e.ID
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%d edges among %d nodes, want %d", len(got), len(ids), len(want))
			}
		})
	}
}

// linksAmong reads the relationships among ids the plain way: expanding
// every node, hubs included.
func linksAmong(t *testing.T, ids []string) []string {
	t.Helper()
	o := testenv.Options(t)
	d, err := neo4j.NewDriverWithContext(o.URI, neo4j.BasicAuth(o.User, o.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(context.Background())
	res, err := neo4j.ExecuteQuery(context.Background(), d,
		`MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids RETURN r.id AS id`,
		map[string]any{"ids": ids}, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(o.Database))
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(res.Records))
	for i, rec := range res.Records {
		out[i], _ = rec.Values[0].(string)
	}
	return out
}
