package main

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/store"
)

// verify compares what the writers believe they wrote with what the
// database holds, read directly, not through the API: each entity's
// version and last description, the shared entity's version, every live
// relationship exactly once at its version, every retraction exactly once,
// and one audit entry per accepted write.
func verify(ctx context.Context, st *store.Store, writers []*writer, shared *sharedEntity, start time.Time) []string {
	var problems []string
	fail := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	ids := []string{shared.id}
	wantRels, wantRetracted := map[string]int{}, map[string]bool{}
	for _, w := range writers {
		for _, e := range w.ents {
			ids = append(ids, e.id)
		}
		for id, v := range w.rels {
			wantRels[id] = v
		}
		for _, id := range w.retracted {
			wantRetracted[id] = true
		}
	}
	found, err := st.EntitiesByID(ctx, ids)
	if err != nil {
		return []string{fmt.Sprintf("read entities: %v", err)}
	}
	for _, w := range writers {
		for _, e := range w.ents {
			if got := found[e.id]; got.Version != int64(e.version) || got.Description != e.description {
				fail("entity %s is at version %d with %q; the writer wrote version %d with %q", e.id, got.Version, got.Description, e.version, e.description)
			}
		}
	}
	if got := found[shared.id].Version; got != int64(shared.writes) {
		fail("shared entity %s is at version %d after %d accepted writes", shared.id, got, shared.writes)
	}

	pages, err := st.RelationshipsOf(ctx, ids[1:], store.RelQuery{Direction: store.Out, Types: []domain.RelType{domain.RelPartnersWith},
		Page: store.Page{Limit: 1_000_000}})
	if err != nil {
		return append(problems, fmt.Sprintf("read relationships: %v", err))
	}
	seen := map[string]int{}
	for _, p := range pages {
		for _, r := range p.Relationships {
			seen[r.ID]++
			if want, ok := wantRels[r.ID]; !ok {
				fail("relationship %s is in the database, but was never added or was retracted", r.ID)
			} else if r.Version != int64(want) {
				fail("relationship %s is at version %d, the writer wrote version %d", r.ID, r.Version, want)
			}
		}
	}
	for id := range wantRels {
		if seen[id] != 1 {
			fail("relationship %s is in the database %d times, want once", id, seen[id])
		}
	}

	retractions := map[string]string{} // retraction id -> relationship id
	for _, id := range ids[1:] {
		list, _, err := st.Retractions(ctx, id, store.Page{Limit: 1_000_000})
		if err != nil {
			return append(problems, fmt.Sprintf("read retractions: %v", err))
		}
		for _, x := range list {
			retractions[x.ID] = x.Relationship.ID
		}
	}
	retracted := map[string]int{}
	for _, rel := range retractions {
		retracted[rel]++
	}
	for id := range wantRetracted {
		if retracted[id] != 1 {
			fail("relationship %s is retracted %d times, want once", id, retracted[id])
		}
	}
	if len(retracted) != len(wantRetracted) {
		fail("%d relationships retracted, the writers retracted %d", len(retracted), len(wantRetracted))
	}

	_, total, err := st.Changes(ctx, "", start, store.Page{})
	if err != nil {
		return append(problems, fmt.Sprintf("read changes: %v", err))
	}
	if int64(total) != writes.Load() {
		fail("the audit trail has %d changes since the start, the API accepted %d writes", total, writes.Load())
	}
	slices.Sort(problems)
	return problems
}
