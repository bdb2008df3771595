package store_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/store"
)

// hostile are strings a user might send to break out of a statement.
var hostile = []string{
	`x"}) DETACH DELETE n //`,
	`x' OR 1=1 RETURN n //`,
	"x`) MATCH (m) DETACH DELETE m //",
	`$ids} UNION MATCH (n) RETURN n`,
	"x\\\"\n}]) CALL db.labels() //",
	`hua* OR name:x~ AND (*:*)`,
	strings.Repeat("ы", 90), // long, within the search limit
}

// statements runs fn and returns the text of every statement it sent, as
// the store traces them.
func statements(t *testing.T, fn func(ctx context.Context)) []string {
	t.Helper()
	var buf bytes.Buffer
	ctx := zerolog.New(&buf).Level(zerolog.TraceLevel).WithContext(context.Background())
	fn(ctx)
	var out []string
	sc := bufio.NewScanner(&buf)
	for sc.Scan() {
		var line struct {
			Cypher string `json:"cypher"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err == nil && line.Cypher != "" {
			out = append(out, line.Cypher)
		}
	}
	return out
}

// Whatever the strings a user sends, every store call sends statements of
// the same text as it does for harmless ones: user input only ever travels
// as parameters. Each call takes the same path for both (an id that does not
// exist, a name that validates), so that the comparison is like for like.
func TestUserStringsNeverChangeStatements(t *testing.T) {
	st := curated(t)
	page := store.Page{Limit: 5}
	n := 0
	calls := map[string]func(ctx context.Context, v string){
		"search": func(ctx context.Context, v string) {
			_, _ = st.Search(ctx, store.SearchQuery{Text: "huawei " + v, Page: page, Counted: true})
		},
		"entities": func(ctx context.Context, v string) {
			_, _, _ = st.Entities(ctx, store.EntityFilter{Countries: []string{v}, Tags: []string{v}, Categories: []string{v},
				Has: &store.RelCondition{Direction: store.Both, OtherCounts: []string{v}, OtherIDs: []string{v}, ThroughAgreement: true}}, store.EntityOrder{}, page, store.Everything)
		},
		"entitiesByID":    func(ctx context.Context, v string) { _, _ = st.EntitiesByID(ctx, []string{v}) },
		"resolveEntities": func(ctx context.Context, v string) { _, _ = st.ResolveEntities(ctx, []string{v}) },
		"relationship":    func(ctx context.Context, v string) { _, _, _ = st.Relationship(ctx, v+"|OWNS|"+v) },
		"relationshipsOf": func(ctx context.Context, v string) {
			_, _ = st.RelationshipsOf(ctx, []string{v}, store.RelQuery{Direction: store.Out, Page: page})
		},
		"byCountry": func(ctx context.Context, v string) { _, _ = st.EntitiesByCountry(ctx, []string{v}, domain.KindCompany) },
		"paths":     func(ctx context.Context, v string) { _, _ = st.Paths(ctx, v, "mibo", 3, nil, 5) },
		"neighborhood": func(ctx context.Context, v string) {
			_, _ = st.Neighborhood(ctx, store.NeighborhoodQuery{ID: v, Depth: 2, Limit: 10})
		},
		"timeline": func(ctx context.Context, v string) {
			_, _ = st.Timeline(ctx, store.TimelineFilter{Entity: v, First: 5})
		},
		"sourcesByID":    func(ctx context.Context, v string) { _, _ = st.SourcesByID(ctx, []string{v}) },
		"sourceEntities": func(ctx context.Context, v string) { _, _, _ = st.SourceEntities(ctx, v, page) },
		"sourceRels":     func(ctx context.Context, v string) { _, _, _ = st.SourceRelationships(ctx, v, page) },
		"changes":        func(ctx context.Context, v string) { _, _, _ = st.Changes(ctx, v, time.Time{}, page) },
		"retractions":    func(ctx context.Context, v string) { _, _, _ = st.Retractions(ctx, v, page) },
		"key":            func(ctx context.Context, v string) { _, _ = st.Key(ctx, v) },
		"revokeKey":      func(ctx context.Context, v string) { _, _ = st.RevokeKey(ctx, v) },
		"updateRel": func(ctx context.Context, v string) {
			_, _ = st.UpdateRelationship(ctx, curator, "hytera|MAKES|"+v, domain.Relationship{}, 1)
		},
		"retract": func(ctx context.Context, v string) {
			_, _ = st.RetractRelationship(ctx, curator, "hytera|MAKES|"+v, v, nil, 1)
		},
		"merge": func(ctx context.Context, v string) { _, _ = st.MergeEntities(ctx, curator, v, "nobody", nil, nil, nil) },
		"supplyChains": func(ctx context.Context, v string) {
			_, _, _ = st.SupplyChains(ctx, store.SupplyChainFilter{Supplier: v, Buyer: v, Country: v, Product: v}, page)
		},
		"totals": func(ctx context.Context, v string) {
			_, _ = st.AgreementTotals(ctx, store.BySupplier, store.AgreementFilter{Categories: []string{v}, Supplier: v, Buyer: v, Financier: v, Country: v, Currency: v})
		},
		"upsertEntity": func(ctx context.Context, v string) {
			n++
			_, err := st.UpsertEntity(ctx, curator, domain.Entity{ID: fmt.Sprintf("probe-%d", n), Kind: domain.KindCompany, Name: v,
				Description: v, Aliases: []string{v}, Citations: cite("Hytera Communications")}, nil)
			if err != nil {
				t.Errorf("upsert a name of %q: %v", v, err)
			}
		},
		"addRelationship": func(ctx context.Context, v string) {
			n++
			r := domain.Relationship{Type: domain.RelPartnersWith, From: "hytera", To: "mibo", Note: v, Role: v, Citations: cite("Hytera")}
			r.ID = domain.RelationshipID(r.Type, r.From, r.To, fmt.Sprintf("k%d", n))
			if _, err := st.AddRelationship(ctx, curator, r); err != nil {
				t.Errorf("add a note of %q: %v", v, err)
			}
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			want := statements(t, func(ctx context.Context) { call(ctx, "harmless-value") })
			if len(want) == 0 {
				t.Fatal("no statement traced")
			}
			for _, v := range hostile {
				if got := statements(t, func(ctx context.Context) { call(ctx, v) }); !slices.Equal(got, want) {
					t.Fatalf("with %.30q the statements changed:\n%s\nwant\n%s", v, strings.Join(got, "\n--\n"), strings.Join(want, "\n--\n"))
				}
			}
		})
	}
}
