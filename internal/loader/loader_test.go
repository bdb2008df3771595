package loader_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/silkgraph/silkgraph/internal/loader"
	"github.com/silkgraph/silkgraph/internal/seed"
	"github.com/silkgraph/silkgraph/internal/store"
	"github.com/silkgraph/silkgraph/internal/synth"
	"github.com/silkgraph/silkgraph/internal/testenv"
)

func counts(t *testing.T, st *store.Store) [2]int64 {
	t.Helper()
	n, r, err := st.Counts(context.Background())
	if err != nil {
		t.Fatalf("counts: %v", err)
	}
	return [2]int64{n, r}
}

func load(t *testing.T, st *store.Store, o loader.Options, paths ...string) {
	t.Helper()
	ds, err := seed.Read(paths...)
	if err != nil {
		t.Fatalf("read %v: %v", paths, err)
	}
	if _, err := loader.Load(context.Background(), st, ds, o); err != nil {
		t.Fatalf("load: %v", err)
	}
}

// Loading the seed twice leaves exactly the same graph.
func TestLoadIsIdempotent(t *testing.T) {
	st := testenv.Empty(t)
	seedDir := filepath.Join(testenv.Root(t), "seed")
	load(t, st, loader.Options{Dataset: "seed"}, seedDir)
	first := counts(t, st)
	load(t, st, loader.Options{Dataset: "seed"}, seedDir)
	if second := counts(t, st); second != first {
		t.Fatalf("second load changed counts: %v -> %v", first, second)
	}
	ds, err := seed.Read(seedDir)
	if err != nil {
		t.Fatal(err)
	}
	// A node per source, per source text and per entity.
	want := [2]int64{int64(2*len(ds.Sources) + len(ds.Entities)), int64(len(ds.Relationships))}
	if first != want {
		t.Fatalf("graph has %v nodes/relationships, seed has %v", first, want)
	}
}

// A changed file updates what changed, and with Prune what the input no
// longer holds is removed.
func TestLoadUpdatesAndPrunes(t *testing.T) {
	st := testenv.Empty(t)
	base := filepath.Join("..", "seed", "testdata", "base")
	load(t, st, loader.Options{Dataset: "t", Prune: true}, base)
	before := counts(t, st)

	load(t, st, loader.Options{Dataset: "t", Prune: true}, filepath.Join(base, "sources.yaml"), "testdata/changed.yaml")
	after := counts(t, st)
	if after != [2]int64{before[0] - 1, before[1] - 1} {
		t.Fatalf("after pruning one entity and one relationship: %v -> %v", before, after)
	}
	got, err := st.EntitiesByID(context.Background(), []string{"purchase"})
	if err != nil {
		t.Fatal(err)
	}
	if p := got["purchase"]; p.Value.Amount != 220000 || p.Status != "delivered" {
		t.Fatalf("purchase not updated: %+v", p)
	}
}

// Invalid input is rejected whole: nothing is written.
func TestInvalidSeedWritesNothing(t *testing.T) {
	st := testenv.Empty(t)
	base := filepath.Join("..", "seed", "testdata", "base")
	load(t, st, loader.Options{Dataset: "t"}, base)
	before := counts(t, st)
	if _, err := seed.Read(base, filepath.Join("..", "seed", "testdata", "broken")); err == nil {
		t.Fatal("broken seeds validated")
	}
	if after := counts(t, st); after != before {
		t.Fatalf("counts changed: %v -> %v", before, after)
	}
}

// A bulk load, repeated or cut short and re-run, ends with the same graph.
func TestBulkLoadIsIdempotent(t *testing.T) {
	st := testenv.Empty(t)
	ctx := context.Background()
	b, stats := testenv.SyntheticBulk(t, synth.Options{Entities: 500, Relationships: 3000, Seed: 3})
	noProgress := func(int, int) {}
	// Cut short: stop after the first batches, as a killed load would.
	cut, cancel := context.WithCancel(ctx)
	_, _ = loader.LoadBulk(cut, st, b, loader.Options{Dataset: "syn", BatchSize: 200, Writers: 2}, func(_, rels int) {
		if rels > 0 {
			cancel()
		}
	})
	cancel()
	for range 2 {
		if _, err := loader.LoadBulk(ctx, st, b, loader.Options{Dataset: "syn", BatchSize: 200, Writers: 2}, noProgress); err != nil {
			t.Fatalf("LoadBulk: %v", err)
		}
		// The entities, plus the source and its text.
		if got := counts(t, st); got != [2]int64{int64(stats.Entities + 2), int64(stats.Relationships)} {
			t.Fatalf("counts %v, want %d nodes and %d relationships", got, stats.Entities+2, stats.Relationships)
		}
	}
}
