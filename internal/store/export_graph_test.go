package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/seed"
	"github.com/silkgraph/silkgraph/internal/store"
	"github.com/silkgraph/silkgraph/internal/testenv"
)

// Export pages through the graph in id order (relationships type by type):
// whatever the page size, it
// gives every entity the filter matches once, and every relationship among
// them once, as the entities query and the seed say.
func TestExportPages(t *testing.T) {
	st := testenv.Shared(t, testenv.LoadSeed)
	ds, err := seed.Read(filepath.Join(testenv.Root(t), "seed"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tests := []struct {
		name   string
		filter store.EntityFilter
	}{
		{"everything", store.EntityFilter{}},
		{"kinds", store.EntityFilter{Kinds: []domain.Kind{domain.KindCompany, domain.KindAgreement, domain.KindProduct}}},
		{"country", store.EntityFilter{Countries: []string{"serbia"}}},
		{"has a relationship", store.EntityFilter{Has: &store.RelCondition{Types: []domain.RelType{domain.RelSupplierOf}, Direction: store.Out}}},
	}
	for _, tt := range tests {
		want, _, err := st.Entities(ctx, tt.filter, store.EntityOrder{Field: store.OrderID}, store.Page{Limit: 10000}, store.Everything)
		if err != nil {
			t.Fatal(err)
		}
		if len(want) == 0 {
			t.Fatalf("%s: matches nothing in the seed", tt.name)
		}
		in := map[string]bool{}
		for _, e := range want {
			in[e.ID] = true
		}
		var wantRels []string
		for _, r := range ds.Relationships {
			if in[r.From] && in[r.To] {
				wantRels = append(wantRels, r.ID)
			}
		}
		slices.Sort(wantRels)
		for _, size := range []int{10, store.ExportPageSize} {
			t.Run(fmt.Sprintf("%s/page-%d", tt.name, size), func(t *testing.T) {
				var ids, rels, types []string
				err := st.Export(ctx, tt.filter, "country", size, nil, func(e domain.Entity) error {
					ids = append(ids, e.ID)
					return nil
				}, func(e store.Edge) error {
					if k := ds.Entities[slices.IndexFunc(ds.Entities, func(x domain.Entity) bool { return x.ID == e.To })].Kind; e.ToKind != k {
						t.Errorf("%s: end kind %s, want %s", e.ID, e.ToKind, k)
					}
					if n := len(rels); n > 0 && types[n-1] == string(e.Type) && rels[n-1] >= e.ID {
						t.Errorf("%s after %s: not in id order", e.ID, rels[n-1])
					}
					rels = append(rels, e.ID)
					types = append(types, string(e.Type))
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				if !slices.IsSorted(ids) {
					t.Errorf("page size %d: not in id order", size)
				}
				if len(ids) != len(want) || !slices.Equal(ids, sortedIDs(want)) {
					t.Errorf("page size %d: %d entities, want %d", size, len(ids), len(want))
				}
				slices.Sort(rels)
				if !slices.Equal(rels, wantRels) {
					t.Errorf("page size %d: %d relationships, want %d", size, len(rels), len(wantRels))
				}
			})
		}
	}
}

func sortedIDs(es []domain.Entity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	slices.Sort(out)
	return out
}
