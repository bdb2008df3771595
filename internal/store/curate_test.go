package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/loader"
	"github.com/silkgraph/silkgraph/internal/seed"
	"github.com/silkgraph/silkgraph/internal/store"
	"github.com/silkgraph/silkgraph/internal/testenv"
)

var curator = domain.Actor{KeyID: "k-test", Name: "tester"}

// curated returns a store on a fresh copy of testdata/curation.
func curated(t *testing.T) *store.Store {
	t.Helper()
	st := testenv.Empty(t)
	ds, err := seed.Read("testdata/curation")
	if err != nil {
		t.Fatalf("read testdata: %v", err)
	}
	if _, err := loader.Load(context.Background(), st, ds, loader.Options{Dataset: "test"}); err != nil {
		t.Fatalf("load: %v", err)
	}
	return st
}

func cite(quote string) []domain.Citation { return []domain.Citation{{Source: "doc", Quote: quote}} }

func version(v int64) *int64 { return &v }

// code returns an error's domain code, "" for nil.
func code(err error) string {
	var de *domain.Error
	if errors.As(err, &de) {
		return de.Code
	}
	if err != nil {
		return "not a domain error: " + err.Error()
	}
	return ""
}

func problemFields(err error) []string {
	var de *domain.Error
	if !errors.As(err, &de) {
		return nil
	}
	var out []string
	for _, p := range de.Problems {
		out = append(out, p.Field)
	}
	return out
}

func entity(t *testing.T, st *store.Store, id string) domain.Entity {
	t.Helper()
	found, err := st.ResolveEntities(context.Background(), []string{id})
	if err != nil {
		t.Fatal(err)
	}
	e, ok := found[id]
	if !ok {
		t.Fatalf("no entity %q", id)
	}
	return e
}

func relationshipsOf(t *testing.T, st *store.Store, id string) map[string]domain.Relationship {
	t.Helper()
	pages, err := st.RelationshipsOf(context.Background(), []string{id}, store.RelQuery{Direction: store.Both, Page: store.Page{Limit: 100}})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]domain.Relationship{}
	for _, r := range pages[id].Relationships {
		out[r.ID] = r
	}
	return out
}

func changes(t *testing.T, st *store.Store, id string) []domain.Change {
	t.Helper()
	list, total, err := st.Changes(context.Background(), id, time.Time{}, store.Page{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if total != len(list) {
		t.Fatalf("total %d, page %d", total, len(list))
	}
	return list
}

func TestLoaderVersionsRecords(t *testing.T) {
	st := curated(t)
	if v := entity(t, st, "mibo").Version; v != 1 {
		t.Fatalf("loaded entity at version %d, want 1", v)
	}
	ds, err := seed.Read("testdata/curation")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := loader.Load(context.Background(), st, ds, loader.Options{Dataset: "test"}); err != nil {
		t.Fatal(err)
	}
	if v := entity(t, st, "mibo").Version; v != 2 {
		t.Fatalf("reloaded entity at version %d, want 2", v)
	}
	if v := relationshipsOf(t, st, "mibo")["mibo|SUPPLIER_OF|purchase"].Version; v != 2 {
		t.Fatalf("reloaded relationship at version %d, want 2", v)
	}
}

func TestUpsertEntity(t *testing.T) {
	st := curated(t)
	ctx := context.Background()
	reseller := func(change func(*domain.Entity)) domain.Entity {
		e := domain.Entity{ID: "mibo-doo", Kind: domain.KindCompany, Name: "MIBO Komunikacije d.o.o.", Country: "bosnia",
			Citations: cite("Local media also spelled the supplier as MIBO Komunikacije d.o.o.")}
		if change != nil {
			change(&e)
		}
		return e
	}
	tests := []struct {
		name     string
		e        domain.Entity
		expected *int64
		code     string
		fields   []string // problems, for BAD_USER_INPUT
		version  int64
	}{
		{"create", reseller(nil), nil, "", nil, 1},
		{"create again", reseller(nil), nil, domain.ECONFLICT, nil, 0},
		{"stale version", reseller(func(e *domain.Entity) { e.Category = "reseller" }), version(0), domain.ECONFLICT, nil, 0},
		{"update", reseller(func(e *domain.Entity) { e.Category = "reseller" }), version(1), "", nil, 2},
		{"same version twice", reseller(nil), version(1), domain.ECONFLICT, nil, 0},
		{"quote not in the source", reseller(func(e *domain.Entity) { e.Citations = cite("MIBO never sold anything") }), version(2),
			domain.EINVALID, []string{"sources[0].quote"}, 0},
		{"unknown source", reseller(func(e *domain.Entity) { e.Citations[0].Source = "elsewhere" }), version(2),
			domain.EINVALID, []string{"sources[0].source"}, 0},
		{"no source", reseller(func(e *domain.Entity) { e.Citations = nil }), version(2), domain.EINVALID, []string{"sources"}, 0},
		{"country not a state", reseller(func(e *domain.Entity) { e.Country = "hytera" }), version(2), domain.EINVALID, []string{"country"}, 0},
		{"kind changes", reseller(func(e *domain.Entity) { e.Kind = domain.KindOrganization }), version(2), domain.EINVALID, []string{"kind"}, 0},
		{"rules of the kind", reseller(func(e *domain.Entity) { e.Status = "signed"; e.ID = "Bad Id" }), nil,
			domain.EINVALID, []string{"id", "status"}, 0},
		{"a variant, quoted from its source", reseller(func(e *domain.Entity) {
			e.Variants = []domain.Variant{{Field: "name", Value: "MIBO Komunikacije d.o.o.", Source: "doc", Quote: "MIBO Komunikacije d.o.o."}}
		}), version(2), "", nil, 3},
		{"no such entity", reseller(func(e *domain.Entity) { e.ID = "nobody" }), version(3), domain.ENOTFOUND, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := st.UpsertEntity(ctx, curator, tt.e, tt.expected)
			if code(err) != tt.code {
				t.Fatalf("error %v, want code %q", err, tt.code)
			}
			if fields := problemFields(err); !slices.Equal(sortedCopy(fields), tt.fields) {
				t.Fatalf("problems in %v, want %v (%v)", fields, tt.fields, err)
			}
			if err == nil && (got.Version != tt.version || entity(t, st, tt.e.ID).Version != tt.version) {
				t.Fatalf("version %d, stored %d, want %d", got.Version, entity(t, st, tt.e.ID).Version, tt.version)
			}
		})
	}
	// Only the successful writes are in the trail, with before and after.
	trail := changes(t, st, "mibo-doo")
	if len(trail) != 3 || trail[0].Action != domain.ActionCreateEntity || trail[1].Action != domain.ActionUpdateEntity {
		t.Fatalf("changes %+v", trail)
	}
	// The whole trail, the trail since a time, and ids that hold Lucene
	// syntax (which find nothing).
	for _, q := range []struct {
		entity string
		since  time.Time
		want   int
	}{
		{"", time.Time{}, 3}, {"", trail[1].At, 2}, {"", time.Now().Add(time.Hour), 0},
		{"mibo-doo", trail[2].At, 1}, {`mibo-doo" OR "*`, time.Time{}, 0}, {`\`, time.Time{}, 0},
	} {
		if list, total, err := st.Changes(ctx, q.entity, q.since, store.Page{Limit: 100}); err != nil || total != q.want || len(list) != q.want {
			t.Errorf("Changes(%q, %v) = %d (total %d), %v; want %d", q.entity, q.since, len(list), total, err, q.want)
		}
	}
	if trail[0].Before != "" || !strings.Contains(trail[1].Before, `"version":1`) || !strings.Contains(trail[1].After, `"category":"reseller"`) ||
		trail[1].By != curator || trail[1].At.IsZero() {
		t.Fatalf("update change %+v", trail[1])
	}
}

func TestRelationshipWrites(t *testing.T) {
	st := curated(t)
	ctx := context.Background()
	partners := domain.Relationship{Type: domain.RelPartnersWith, From: "hytera", To: "mibo",
		Citations: cite("described it as a reseller of Hytera equipment")}
	partners.ID = domain.RelationshipID(partners.Type, partners.From, partners.To, "")
	with := func(change func(*domain.Relationship)) domain.Relationship {
		r := partners
		r.Citations = slices.Clone(r.Citations)
		change(&r)
		return r
	}
	addTests := []struct {
		name   string
		r      domain.Relationship
		code   string
		fields []string
	}{
		{"add", partners, "", nil},
		{"add again", partners, domain.ECONFLICT, nil},
		{"ends of the wrong kinds", with(func(r *domain.Relationship) { r.Type, r.ID = domain.RelMakes, "hytera|MAKES|mibo" }), domain.EINVALID, []string{"type"}},
		{"unknown end", with(func(r *domain.Relationship) { r.To, r.ID = "nobody", "hytera|PARTNERS_WITH|nobody" }), domain.EINVALID, []string{"to"}},
		{"property the type lacks", with(func(r *domain.Relationship) { r.Extra = map[string]string{"share": "5"}; r.ID += "|k" }),
			domain.EINVALID, []string{"properties.share"}},
		{"quote not in the source", with(func(r *domain.Relationship) { r.Citations = cite("Hytera owns MIBO"); r.ID += "|k" }),
			domain.EINVALID, []string{"sources[0].quote"}},
	}
	for _, tt := range addTests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := st.AddRelationship(ctx, curator, tt.r)
			if code(err) != tt.code || !slices.Equal(sortedCopy(problemFields(err)), tt.fields) {
				t.Fatalf("error %v (problems %v), want %q %v", err, problemFields(err), tt.code, tt.fields)
			}
			if err == nil && got.Version != 1 {
				t.Fatalf("new relationship at version %d", got.Version)
			}
		})
	}
	noted := partners
	noted.Note = "Named as partners by local media."
	noted.Citations = cite("Hytera and MIBO Komunikacije d.o.o. were described as partners")
	updateTests := []struct {
		name     string
		id       string
		expected int64
		code     string
		version  int64
	}{
		{"stale", partners.ID, 0, domain.ECONFLICT, 0},
		{"update", partners.ID, 1, "", 2},
		{"update the version just written", partners.ID, 2, "", 3},
		{"lost update", partners.ID, 2, domain.ECONFLICT, 0},
		{"no such relationship", "hytera|PARTNERS_WITH|ministry", 1, domain.ENOTFOUND, 0},
		{"not an id", "nonsense", 1, domain.ENOTFOUND, 0},
	}
	for _, tt := range updateTests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := st.UpdateRelationship(ctx, curator, tt.id, noted, tt.expected)
			if code(err) != tt.code {
				t.Fatalf("error %v, want %q", err, tt.code)
			}
			if err == nil && (got.Version != tt.version || relationshipsOf(t, st, "hytera")[tt.id].Note != noted.Note) {
				t.Fatalf("got %+v, want version %d with the note", got, tt.version)
			}
		})
	}
}

func TestRetractionHidesAndKeeps(t *testing.T) {
	st := curated(t)
	ctx := context.Background()
	const id = "mibo|SUPPLIER_OF|purchase"
	because := cite("A later report said the sale was not made by MIBO Komunikacije")
	if _, err := st.RetractRelationship(ctx, curator, id, "wrong supplier", because, 7); code(err) != domain.ECONFLICT {
		t.Fatalf("stale retraction: %v", err)
	}
	if _, err := st.RetractRelationship(ctx, curator, id, "", because, 1); !slices.Equal(problemFields(err), []string{"reason"}) {
		t.Fatalf("retraction without a reason: %v", err)
	}
	x, err := st.RetractRelationship(ctx, curator, id, "wrong supplier", because, 1)
	if err != nil {
		t.Fatalf("retract: %v", err)
	}
	// Hidden from every read of the graph...
	if _, _, err := st.Relationship(ctx, id); code(err) != domain.ENOTFOUND {
		t.Fatalf("retracted relationship still readable: %v", err)
	}
	if _, ok := relationshipsOf(t, st, "mibo")[id]; ok {
		t.Fatal("retracted relationship still among mibo's relationships")
	}
	chains, _, err := st.SupplyChains(ctx, store.SupplyChainFilter{Supplier: "mibo"}, store.Page{Limit: 10})
	if err != nil || len(chains) != 0 {
		t.Fatalf("supply chains still use it: %v, %v", chains, err)
	}
	// ...and kept whole, with why, who and when.
	list, total, err := st.Retractions(ctx, "purchase", store.Page{Limit: 10})
	if err != nil || total != 1 {
		t.Fatalf("retractions: %v, %v", list, err)
	}
	got := list[0]
	if got.ID != x.ID || got.Relationship.ID != id || got.Relationship.Version != 1 || got.Reason != "wrong supplier" || got.By != curator ||
		got.At.IsZero() || !slices.Equal(got.Citations, because) || len(got.Relationship.Citations) != 1 {
		t.Fatalf("retraction %+v", got)
	}
	trail := changes(t, st, "mibo")
	if len(trail) != 1 || trail[0].Action != domain.ActionRetractRelationship || trail[0].Relationship != id ||
		!strings.Contains(trail[0].Before, `"type":"SUPPLIER_OF"`) || trail[0].After != "" {
		t.Fatalf("changes %+v", trail)
	}
	// Once retracted, it can be added again.
	again := got.Relationship
	again.Version = 0
	if _, err := st.AddRelationship(ctx, curator, again); err != nil {
		t.Fatalf("add after retraction: %v", err)
	}
}

func TestMergeKeepsEveryRelationshipAndSource(t *testing.T) {
	st := curated(t)
	ctx := context.Background()
	dup := domain.Entity{ID: "mibo-doo", Kind: domain.KindCompany, Name: "MIBO Komunikacije d.o.o.", Aliases: []string{"MIBO d.o.o."},
		Tags: []string{"reseller"}, Citations: cite("Local media also spelled the supplier as MIBO Komunikacije d.o.o.")}
	if _, err := st.UpsertEntity(ctx, curator, dup, nil); err != nil {
		t.Fatal(err)
	}
	add := func(typ domain.RelType, from, to, quote string) {
		t.Helper()
		r := domain.Relationship{ID: domain.RelationshipID(typ, from, to, ""), Type: typ, From: from, To: to, Citations: cite(quote)}
		if _, err := st.AddRelationship(ctx, curator, r); err != nil {
			t.Fatalf("add %s: %v", r.ID, err)
		}
	}
	add(domain.RelSupplierOf, "mibo-doo", "purchase", "described it as a reseller of Hytera equipment") // mibo has it too
	add(domain.RelPartnersWith, "hytera", "mibo-doo", "Hytera and MIBO Komunikacije d.o.o. were described as partners")
	add(domain.RelPartnersWith, "mibo", "mibo-doo", "MIBO Komunikacije d.o.o.") // between the two records
	before := relationshipsOf(t, st, "mibo")

	if _, err := st.MergeEntities(ctx, curator, "mibo", "mibo-doo", cite("Local media also spelled the supplier as MIBO Komunikacije d.o.o."), version(1), version(4)); code(err) != domain.ECONFLICT {
		t.Fatalf("merge at a stale version: %v", err)
	}
	if _, err := st.MergeEntities(ctx, curator, "mibo", "hytera", cite("Hytera is MIBO"), nil, nil); code(err) != domain.EINVALID {
		t.Fatalf("merge without a supporting quote: %v", err)
	}
	got, err := st.MergeEntities(ctx, curator, "mibo", "mibo-doo", cite("Local media also spelled the supplier as MIBO Komunikacije d.o.o."), version(1), version(1))
	if err != nil {
		t.Fatalf("merge: %v", err)
	}

	after := relationshipsOf(t, st, "mibo")
	want := []string{"hytera|PARTNERS_WITH|mibo", "mibo|SUPPLIER_OF|purchase"}
	if !slices.Equal(keys(after), want) || !slices.Equal(keys(before), []string{"mibo|PARTNERS_WITH|mibo-doo", "mibo|SUPPLIER_OF|purchase"}) {
		t.Fatalf("mibo's relationships: %v before, %v after the merge; want %v after", keys(before), keys(after), want)
	}
	if c := after["mibo|SUPPLIER_OF|purchase"].Citations; len(c) != 2 {
		t.Fatalf("the supply both records had keeps citations %v, want both", c)
	}
	if found, err := st.EntitiesByID(ctx, []string{"mibo-doo"}); err != nil || len(found) != 0 {
		t.Fatalf("the merged entity is still there: %v, %v", found, err)
	}
	stored := entity(t, st, "mibo-doo") // the old id resolves to the survivor
	if stored.ID != "mibo" || stored.Version != 2 || got.Version != 2 ||
		!slices.Contains(stored.Aliases, "MIBO Komunikacije d.o.o.") || !slices.Contains(stored.Aliases, "MIBO d.o.o.") ||
		!slices.Contains(stored.Tags, "reseller") || len(stored.Citations) != 2 {
		t.Fatalf("survivor %+v", stored)
	}
	x, _, err := st.Retractions(ctx, "mibo-doo", store.Page{Limit: 10})
	if err != nil || len(x) != 1 || x[0].Relationship.ID != "mibo|PARTNERS_WITH|mibo-doo" || x[0].Reason != store.MergeReason {
		t.Fatalf("the relationship between the records: %+v, %v", x, err)
	}
	trail := changes(t, st, "mibo")
	last := trail[len(trail)-1]
	var rec struct {
		Merged        json.RawMessage   `json:"merged"`
		Relationships []json.RawMessage `json:"relationships"`
	}
	if err := json.Unmarshal([]byte(last.Before), &rec); err != nil || last.Action != domain.ActionMergeEntities || len(rec.Relationships) != 3 || len(rec.Merged) == 0 {
		t.Fatalf("merge change %+v (%v)", last, err)
	}
	if n := len(changes(t, st, "mibo-doo")); n != len(trail) {
		t.Fatalf("history of the merged id has %d changes, of the survivor %d", n, len(trail))
	}
}

// Concurrent writers that each read a version and write it never lose an
// update: every write either lands or gets CONFLICT.
func TestConcurrentWritesNeverLoseUpdates(t *testing.T) {
	st := curated(t)
	ctx := context.Background()
	const writers, each = 4, 5
	var wg sync.WaitGroup
	var mu sync.Mutex
	var written []string
	for w := range writers {
		wg.Go(func() {
			for i := 0; i < each; {
				e := entity(t, st, "hytera")
				alias := "H" + string(rune('a'+w)) + string(rune('a'+i))
				e.Aliases = append(e.Aliases, alias)
				v := e.Version
				_, err := st.UpsertEntity(ctx, curator, e, &v)
				switch code(err) {
				case "":
					mu.Lock()
					written = append(written, alias)
					mu.Unlock()
					i++
				case domain.ECONFLICT:
				default:
					t.Errorf("write: %v", err)
					return
				}
			}
		})
	}
	wg.Wait()
	e := entity(t, st, "hytera")
	if int(e.Version) != 1+len(written) || len(written) != writers*each {
		t.Fatalf("version %d after %d writes", e.Version, len(written))
	}
	for _, a := range written {
		if !slices.Contains(e.Aliases, a) {
			t.Fatalf("lost the write of alias %s: %v", a, e.Aliases)
		}
	}
}

func TestChangesSince(t *testing.T) {
	st := curated(t)
	ctx := context.Background()
	e := entity(t, st, "serbia")
	e.Description = "A state."
	if _, err := st.UpsertEntity(ctx, curator, e, version(1)); err != nil {
		t.Fatal(err)
	}
	mid := time.Now()
	time.Sleep(10 * time.Millisecond)
	e.Description = "A state in the Western Balkans."
	if _, err := st.UpsertEntity(ctx, curator, e, version(2)); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		entity string
		since  time.Time
		want   int
	}{
		{"all", "", time.Time{}, 2},
		{"of the entity", "serbia", time.Time{}, 2},
		{"since", "serbia", mid, 1},
		{"of another entity", "bosnia", time.Time{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, total, err := st.Changes(ctx, tt.entity, tt.since, store.Page{Limit: 1})
			if err != nil || total != tt.want || len(list) != min(1, tt.want) {
				t.Fatalf("%d changes (page %d), %v; want %d", total, len(list), err, tt.want)
			}
		})
	}
}

func sortedCopy(ss []string) []string {
	if ss == nil {
		return nil
	}
	return slices.Sorted(slices.Values(ss))
}

func keys[V any](m map[string]V) []string {
	return slices.Sorted(func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	})
}
