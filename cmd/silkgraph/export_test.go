package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/export"
	"github.com/silkgraph/silkgraph/internal/seed"
	"github.com/silkgraph/silkgraph/internal/store"
	"github.com/silkgraph/silkgraph/internal/testenv"
)

// graphOf reads every entity, relationship and source of the database, each
// printed with %+v (which prints nil and empty lists alike) by id.
func graphOf(t *testing.T, st *store.Store) (ents, rels map[string]string, sources string) {
	t.Helper()
	ents, rels = map[string]string{}, map[string]string{}
	err := st.Export(context.Background(), store.EntityFilter{}, "country", store.ExportPageSize, nil,
		// Versions count writes (a reload bumps them), they are not content.
		func(e domain.Entity) error { e.Version = 0; ents[e.ID] = fmt.Sprintf("%+v", e); return nil },
		func(e store.Edge) error { e.Version = 0; rels[e.ID] = fmt.Sprintf("%+v", e); return nil })
	if err != nil {
		t.Fatal(err)
	}
	srcs, err := st.Sources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ents, rels, fmt.Sprintf("%+v", srcs)
}

func sameGraph(t *testing.T, what string, want, got map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d %s, want %d", len(got), what, len(want))
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s %s:\n got %s\nwant %s", what, id, got[id], w)
		}
	}
}

// The FollowTheMoney export of the seed graph, loaded with `silkgraph load`
// into an empty database together with the seed's sources (whose texts the
// quotes are checked against), gives the same graph: every entity and
// relationship with its id, kind or type, fields and citations. Loading it
// again changes nothing.
func TestFtMExportLoadsBackTheSameGraph(t *testing.T) {
	setEnv(t)
	st := testenv.Store(t)
	testenv.LoadSeed(t, st)
	wantEnts, wantRels, wantSources := graphOf(t, st)

	mux := http.NewServeMux()
	mux.Handle(export.Pattern, export.Handler(st))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/export/ftm")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "silkgraph-graph.ftm.jsonl")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	f.Close()

	testenv.Reset(t, st)
	for i := range 2 {
		out, err := run(context.Background(), "load", "../../seed/sources.yaml", file)
		if err != nil {
			t.Fatalf("load %d: %v", i+1, err)
		}
		if !strings.Contains(out, fmt.Sprintf("loaded: 5 sources, %d entities, %d relationships", len(wantEnts), len(wantRels))) {
			t.Errorf("load %d said %q", i+1, out)
		}
		ents, rels, sources := graphOf(t, st)
		sameGraph(t, "entities", wantEnts, ents)
		sameGraph(t, "relationships", wantRels, rels)
		if sources != wantSources {
			t.Errorf("sources:\n got %s\nwant %s", sources, wantSources)
		}
	}
}

// A FollowTheMoney file with any invalid line is rejected whole, every
// problem at its line, and nothing is written.
func TestLoadFtMRejectsBrokenFilesWhole(t *testing.T) {
	setEnv(t)
	st := testenv.Empty(t)
	tests := []struct {
		paths []string
		want  string
	}{
		{[]string{"../../internal/seed/testdata/base", "../../internal/seed/testdata/ftm/data.ftm.jsonl", "../../internal/seed/testdata/ftm-broken/broken.ftm.jsonl"},
			"broken.ftm.jsonl:2: UnknownLink link: an UnknownLink says nothing of its type"},
		// Without the seed file that defines its source, the valid file is not.
		{[]string{"../../internal/seed/testdata/ftm"}, `data.ftm.jsonl:1: document "doc" is no known source`},
	}
	for _, tt := range tests {
		_, err := run(context.Background(), append([]string{"load"}, tt.paths...)...)
		var errs seed.Errors
		if !errors.As(err, &errs) || !strings.Contains(errs.Error(), tt.want) {
			t.Errorf("load %v: want %q, got %v", tt.paths, tt.want, err)
		}
		if nodes, rels, err := st.Counts(context.Background()); err != nil || nodes+rels != 0 {
			t.Errorf("load %v wrote %d nodes and %d relationships (%v)", tt.paths, nodes, rels, err)
		}
	}
}
