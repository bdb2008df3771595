package store_test

import (
	"context"
	"testing"

	"github.com/silkgraph/silkgraph/internal/store"
	"github.com/silkgraph/silkgraph/internal/testenv"
)

// The citation indexes find exactly what a scan of every sourceIds list
// finds, for every seed source; an id with Lucene syntax in it finds nothing
// and fails nothing.
func TestSourcesFindTheirCitations(t *testing.T) {
	ctx := context.Background()
	st := testenv.Empty(t)
	testenv.LoadSeed(t, st)
	sources, err := st.Sources(ctx)
	if err != nil || len(sources) == 0 {
		t.Fatalf("sources: %v, %v", sources, err)
	}
	all := store.Page{Limit: 100000}
	for _, src := range sources {
		t.Run(src.ID, func(t *testing.T) {
			entities, total, err := st.SourceEntities(ctx, src.ID, all)
			if err != nil {
				t.Fatal(err)
			}
			want := plainStrings(t, `MATCH (n:Entity) WHERE $s IN n.sourceIds RETURN n.id ORDER BY n.sortName, n.id`, map[string]any{"s": src.ID})
			if total != len(want) || len(entities) != len(want) {
				t.Fatalf("%d entities (total %d), want %d", len(entities), total, len(want))
			}
			for i, e := range entities {
				if e.ID != want[i] {
					t.Fatalf("entity %d is %s, want %s", i, e.ID, want[i])
				}
			}
			rels, total, err := st.SourceRelationships(ctx, src.ID, all)
			if err != nil {
				t.Fatal(err)
			}
			want = plainStrings(t, `MATCH ()-[r]->() WHERE $s IN r.sourceIds RETURN r.id ORDER BY r.id`, map[string]any{"s": src.ID})
			if total != len(want) || len(rels) != len(want) || len(want) == 0 {
				t.Fatalf("%d relationships (total %d), want %d", len(rels), total, len(want))
			}
			for i, r := range rels {
				if r.Relationship.ID != want[i] {
					t.Fatalf("relationship %d is %s, want %s", i, r.Relationship.ID, want[i])
				}
			}
		})
	}
	for _, id := range []string{`x" OR *:*`, `\`, `rferl*`, ""} {
		if es, n, err := st.SourceEntities(ctx, id, all); err != nil || n != 0 || len(es) != 0 {
			t.Errorf("SourceEntities(%q) = %d, %d, %v; want nothing", id, len(es), n, err)
		}
		if rs, n, err := st.SourceRelationships(ctx, id, all); err != nil || n != 0 || len(rs) != 0 {
			t.Errorf("SourceRelationships(%q) = %d, %d, %v; want nothing", id, len(rs), n, err)
		}
	}
}
