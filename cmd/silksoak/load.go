package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"
)

// reads are the readers' questions, on the seed graph.
var reads = []struct {
	name, query string
}{
	{"read entity", `{ entity(id: "huawei") { id name version relationships(first: 20) { totalCount
		edges { node { id version type from { id } to { id } sources { quote source { id } } } } } } }`},
	{"read search", `{ search(query: "huawei", first: 10) { totalCount edges { score node { id name } } } }`},
	{"read neighborhood", `{ neighborhood(id: "hytera", depth: 2, limit: 100) { truncated nodes { id } edges { id } } }`},
	{"read supplyChains", `{ supplyChains(country: "serbia") { totalCount edges { node { supplier { id } agreement { id } } } } }`},
	{"read paths", `{ paths(from: "huawei", to: "belgrade", maxHops: 3) { length nodes { id } } }`},
	{"read timeline", `{ timeline(entity: "huawei") { date title } }`},
	{"read changes", `{ changes(first: 20) { totalCount edges { node { action by } } } }`},
}

// read asks the questions in turn until the deadline; every error is
// unexpected.
func read(ctx context.Context, c *client, t *tally, deadline time.Time, offset int) {
	for i := offset; time.Now().Before(deadline); i++ {
		q := reads[i%len(reads)]
		start := time.Now()
		err := c.do(ctx, q.query, nil, nil)
		t.record(q.name, time.Since(start), false, err)
	}
}

// Every write cites this seed source.
var citation = []any{map[string]any{"source": "rferl-2024-sarajevo-bodycams", "quote": "Hytera, a partially state-owned Chinese manufacturer"}}

const upsertMutation = `mutation($in: EntityInput!, $v: Int) { upsertEntity(input: $in, expectedVersion: $v) { version description } }`

// writes counts the writes the API accepted, for the audit trail check.
var writes atomic.Int64

// ownEntity is an entity one writer alone writes, as the writer last wrote it.
type ownEntity struct {
	id          string
	version     int
	description string
}

// writer writes its own entities and relationships, whose every write must
// succeed, and contends with the others for the shared entity.
type writer struct {
	c         *client
	t         *tally
	shared    *sharedEntity
	rng       *rand.Rand
	ents      []*ownEntity
	rels      map[string]int // live relationship id -> version
	relIDs    []string       // the keys of rels, for picking one
	retracted []string
	n         int
}

// upsert writes an entity whole, with a new description. Under contention
// a CONFLICT is the expected answer of a lost race; otherwise it is an error.
func upsert(ctx context.Context, c *client, t *tally, op, id string, version *int, description string, contended bool) (int, error) {
	vars := map[string]any{"in": map[string]any{"id": id, "kind": "COMPANY", "name": "Soak " + id, "description": description,
		"sources": citation}}
	if version != nil {
		vars["v"] = *version
	}
	var out struct {
		UpsertEntity struct {
			Version     int    `json:"version"`
			Description string `json:"description"`
		} `json:"upsertEntity"`
	}
	start := time.Now()
	err := c.do(ctx, upsertMutation, vars, &out)
	var ge *gqlError
	if contended && errors.As(err, &ge) && ge.code == "CONFLICT" {
		t.record(op, time.Since(start), true, nil)
		return 0, err
	}
	t.record(op, time.Since(start), false, err)
	if err == nil {
		writes.Add(1)
	}
	return out.UpsertEntity.Version, err
}

func (w *writer) next() string {
	w.n++
	return fmt.Sprintf("write %d", w.n)
}

func (w *writer) create(ctx context.Context, id string) error {
	e := &ownEntity{id: id, description: w.next()}
	v, err := upsert(ctx, w.c, w.t, "create entity", id, nil, e.description, false)
	if err != nil {
		return err
	}
	e.version = v
	w.ents = append(w.ents, e)
	return nil
}

// loop writes until the deadline. A write that was sent always gets its
// answer (nothing is cancelled), so what the writer believes is what the
// database must hold.
func (w *writer) loop(ctx context.Context, deadline time.Time) {
	for time.Now().Before(deadline) {
		switch r := w.rng.IntN(100); {
		case r < 35:
			w.updateEntity(ctx)
		case r < 55 || len(w.relIDs) == 0:
			w.addRelationship(ctx)
		case r < 72:
			w.updateRelationship(ctx)
		case r < 82:
			w.retract(ctx)
		default:
			w.shared.contend(ctx, w.c, w.t, w.next())
		}
	}
}

func (w *writer) updateEntity(ctx context.Context) {
	e := w.ents[w.rng.IntN(len(w.ents))]
	desc := w.next()
	if v, err := upsert(ctx, w.c, w.t, "update entity", e.id, &e.version, desc, false); err == nil {
		e.version, e.description = v, desc
	}
}

// relationship runs a relationship mutation and returns the version it
// reports.
func (w *writer) relationship(ctx context.Context, op, query string, vars map[string]any) (int, error) {
	var out map[string]struct {
		Version int `json:"version"`
	}
	start := time.Now()
	err := w.c.do(ctx, query, vars, &out)
	w.t.record(op, time.Since(start), false, err)
	if err != nil {
		return 0, err
	}
	writes.Add(1)
	for _, v := range out {
		return v.Version, nil
	}
	return 0, nil
}

func (w *writer) addRelationship(ctx context.Context) {
	i := w.rng.IntN(len(w.ents))
	j := (i + 1 + w.rng.IntN(len(w.ents)-1)) % len(w.ents)
	w.n++
	key := fmt.Sprintf("k%d", w.n)
	from, to := w.ents[i].id, w.ents[j].id
	v, err := w.relationship(ctx, "add relationship", `mutation($from: ID!, $to: ID!, $key: String, $s: [CitationInput!]!) {
		addRelationship(input: {type: PARTNERS_WITH, from: $from, to: $to, key: $key, sources: $s}) { version } }`,
		map[string]any{"from": from, "to": to, "key": key, "s": citation})
	if err == nil {
		id := from + "|PARTNERS_WITH|" + to + "|" + key
		w.rels[id] = v
		w.relIDs = append(w.relIDs, id)
	}
}

func (w *writer) updateRelationship(ctx context.Context) {
	id := w.relIDs[w.rng.IntN(len(w.relIDs))]
	v, err := w.relationship(ctx, "update relationship", `mutation($id: ID!, $note: String, $s: [CitationInput!]!, $v: Int!) {
		updateRelationship(id: $id, input: {note: $note, sources: $s}, expectedVersion: $v) { version } }`,
		map[string]any{"id": id, "note": w.next(), "s": citation, "v": w.rels[id]})
	if err == nil {
		w.rels[id] = v
	}
}

func (w *writer) retract(ctx context.Context) {
	i := w.rng.IntN(len(w.relIDs))
	id := w.relIDs[i]
	_, err := w.relationship(ctx, "retract relationship", `mutation($id: ID!, $s: [CitationInput!]!, $v: Int!) {
		retractRelationship(id: $id, reason: "soak", sources: $s, expectedVersion: $v) { relationship { version } } }`,
		map[string]any{"id": id, "s": citation, "v": w.rels[id]})
	if err == nil {
		delete(w.rels, id)
		w.relIDs = append(w.relIDs[:i], w.relIDs[i+1:]...)
		w.retracted = append(w.retracted, id)
	}
}

// sharedEntity is written by every writer: each reads its version and
// writes it, and those that lose the race get CONFLICT. Its version must end
// as the number of writes that succeeded.
type sharedEntity struct {
	id     string
	mu     sync.Mutex
	writes int
}

func (s *sharedEntity) create(ctx context.Context, c *client, t *tally) error {
	_, err := upsert(ctx, c, t, "create entity", s.id, nil, "created", false)
	s.writes = 1
	return err
}

func (s *sharedEntity) contend(ctx context.Context, c *client, t *tally, description string) {
	var out struct {
		Entity struct {
			Version int `json:"version"`
		} `json:"entity"`
	}
	start := time.Now()
	err := c.do(ctx, `query($id: ID!) { entity(id: $id) { version } }`, map[string]any{"id": s.id}, &out)
	t.record("read shared version", time.Since(start), false, err)
	if err != nil {
		return
	}
	if _, err := upsert(ctx, c, t, "update shared entity", s.id, &out.Entity.Version, description, true); err == nil {
		s.mu.Lock()
		s.writes++
		s.mu.Unlock()
	}
}
