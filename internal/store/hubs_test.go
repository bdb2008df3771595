package store_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/loader"
	"github.com/silkgraph/silkgraph/internal/store"
	"github.com/silkgraph/silkgraph/internal/synth"
	"github.com/silkgraph/silkgraph/internal/testenv"
)

// TestQueriesAroundHubs runs the queries whose statements avoid expanding
// hubs on a synthetic graph whose hubs pass the dense-node threshold, and
// checks their answers against plain statements that expand everything.
func TestQueriesAroundHubs(t *testing.T) {
	ctx := context.Background()
	st := testenv.Empty(t)
	b, _ := testenv.SyntheticBulk(t, synth.Options{Entities: 3000, Relationships: 30000, Seed: 7})
	if _, err := loader.LoadBulk(ctx, st, b, loader.Options{Dataset: "hubs"}, func(int, int) {}); err != nil {
		t.Fatal(err)
	}
	t.Run("neighborhood edges", func(t *testing.T) { testNeighborhoodEdges(t, st) })
	t.Run("supply chains", func(t *testing.T) { testSupplyChains(t, st) })
	t.Run("search without a count", func(t *testing.T) { testSearchTop(t, st) })
}

// testSearchTop checks that a search that needs no count, which reads only
// the index's top hits unless equal scores run past them, gives the pages
// of the counted search, where hundreds of entities share a score.
func testSearchTop(t *testing.T, st *store.Store) {
	ctx := context.Background()
	// "company xylophone" finds all companies, through the any-word fallback.
	for _, q := range []string{"company", "company xylophone", "state person"} {
		counted, err := st.Search(ctx, store.SearchQuery{Text: q, Page: store.Page{Limit: 1}, Counted: true})
		if err != nil {
			t.Fatal(err)
		}
		total := counted.Total
		if total < 400 {
			t.Fatalf("%q: %d hits, too few for the test", q, total)
		}
		for _, offset := range []int{0, 20, 300, total - 30, total - 5} {
			page := store.Page{Offset: offset, Limit: 20}
			full, err := st.Search(ctx, store.SearchQuery{Text: q, Page: page, Counted: true})
			if err != nil {
				t.Fatal(err)
			}
			top, err := st.Search(ctx, store.SearchQuery{Text: q, Page: page})
			if err != nil {
				t.Fatal(err)
			}
			want, got, lower := full.Hits, top.Hits, top.Total
			if !slices.EqualFunc(got, want, func(a, b store.Hit) bool { return a.Entity.ID == b.Entity.ID && a.Score == b.Score }) {
				t.Errorf("%q at %d: the uncounted page differs from the counted one", q, offset)
			}
			if more, wantMore := lower > offset+len(got), offset+len(want) < total; more != wantMore {
				t.Errorf("%q at %d: more hits %v, want %v", q, offset, more, wantMore)
			}
		}
	}
}

// testNeighborhoodEdges checks that reading a neighborhood's edges from its
// small nodes' side and probing hub pairs by id finds exactly the
// relationships among its nodes, and that its summary has the same nodes and
// edges.
func testNeighborhoodEdges(t *testing.T, st *store.Store) {
	ctx := context.Background()
	tests := []struct {
		id    string
		depth int
	}{
		{"company-0", 1}, {"company-0", 2}, {"state-0", 2}, {"company-123", 2}, {"person-33", 3},
		{linkHubs(t, st), 1},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			g, err := st.Neighborhood(ctx, store.NeighborhoodQuery{ID: tt.id, Depth: tt.depth, Limit: 200})
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
			sum, err := st.Neighborhood(ctx, store.NeighborhoodQuery{ID: tt.id, Depth: tt.depth, Limit: 200, Detail: store.Summary})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := summary(sum), summary(g); !reflect.DeepEqual(got, want) {
				t.Errorf("summary differs from the full subgraph's:\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

// linkHubs links the hubs company-0, company-1 and state-0 a second time
// each (ids with a key) and returns a new company linked to all three, whose
// neighborhood is those hubs and the links among them.
func linkHubs(t *testing.T, st *store.Store) string {
	t.Helper()
	ctx := context.Background()
	cites := []domain.Citation{{Source: synth.SourceID, Quote: "Synthetic record"}}
	const broker = "hub-broker"
	if _, err := st.UpsertEntity(ctx, curator, domain.Entity{ID: broker, Kind: domain.KindCompany, Name: "Hub broker", Citations: cites}, nil); err != nil {
		t.Fatal(err)
	}
	links := []struct {
		typ           domain.RelType
		from, to, key string
	}{
		{domain.RelPartnersWith, "company-0", "company-1", "second"},
		{domain.RelPartnersWith, "company-1", "company-0", "second"},
		{domain.RelLocatedIn, "company-1", "state-0", "second"},
		{domain.RelPartnersWith, broker, "company-0", ""},
		{domain.RelPartnersWith, broker, "company-1", ""},
		{domain.RelLocatedIn, broker, "state-0", ""},
	}
	for _, l := range links {
		r := domain.Relationship{ID: domain.RelationshipID(l.typ, l.from, l.to, l.key), Type: l.typ, From: l.from, To: l.to, Citations: cites}
		if _, err := st.AddRelationship(ctx, curator, r); err != nil {
			t.Fatal(err)
		}
	}
	hubs := plainStrings(t, `MATCH (n:Entity) WHERE n.id IN ['company-0', 'company-1', 'state-0'] AND COUNT { (n)--() } > 1000 RETURN n.id`, nil)
	if len(hubs) != 3 {
		t.Fatalf("hubs %v: too few for the test", hubs)
	}
	return broker
}

// summary keeps the fields of a subgraph that store.Summary reads.
func summary(g store.Subgraph) store.Subgraph {
	out := store.Subgraph{Truncated: g.Truncated}
	for _, n := range g.Nodes {
		out.Nodes = append(out.Nodes, domain.Entity{ID: n.ID, Kind: n.Kind, Name: n.Name, Country: n.Country})
	}
	for _, e := range g.Edges {
		out.Edges = append(out.Edges, domain.Relationship{ID: e.ID, Type: e.Type, From: e.From, To: e.To})
	}
	return out
}

// testSupplyChains checks that counting each agreement's rows and
// expanding only the agreements a page reaches gives the total and the
// pages of the plain statement, which makes every row and sorts them all.
func testSupplyChains(t *testing.T, st *store.Store) {
	ctx := context.Background()
	tests := []struct {
		name string
		f    store.SupplyChainFilter
	}{
		{"hub country", store.SupplyChainFilter{Country: "state-0"}},
		{"small country", store.SupplyChainFilter{Country: "state-7"}},
		{"hub supplier", store.SupplyChainFilter{Supplier: "company-0"}},
		{"supplier in a country", store.SupplyChainFilter{Supplier: "company-0", Country: "state-0"}},
		{"buyer", store.SupplyChainFilter{Buyer: "government-body-0"}},
		{"buyer and supplier", store.SupplyChainFilter{Buyer: "government-body-0", Supplier: "company-0"}},
		{"dates", store.SupplyChainFilter{Country: "state-0", From: date(t, "2010"), To: date(t, "2014-06")}},
		{"product", store.SupplyChainFilter{Product: "product 1"}},
		{"everything", store.SupplyChainFilter{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := plainSupplyChains(t, tt.f)
			if len(want) < 3 {
				t.Fatalf("%d chains: too few for the test", len(want))
			}
			const size = 40
			for _, offset := range []int{0, size, len(want) / 2, len(want) - 1} {
				page, total, err := st.SupplyChains(ctx, tt.f, store.Page{Offset: offset, Limit: size})
				if err != nil {
					t.Fatal(err)
				}
				if total != len(want) {
					t.Fatalf("total %d, want %d", total, len(want))
				}
				for i, c := range page {
					if got := chainKey(c); offset+i >= len(want) || got != want[offset+i] {
						t.Fatalf("chain %d is %s, want %s", offset+i, got, want[min(offset+i, len(want)-1)])
					}
				}
				if wantLen := min(size, len(want)-offset); len(page) != wantLen {
					t.Errorf("page at %d holds %d chains, want %d", offset, len(page), wantLen)
				}
			}
		})
	}
}

func date(t *testing.T, s string) domain.Date {
	t.Helper()
	d, err := domain.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// chainKey names a chain by its supplier, agreement and buyer: the
// synthetic graph never links a pair twice with one type.
func chainKey(c store.SupplyChain) string {
	buyer := ""
	if c.Buyer != nil {
		buyer = c.Buyer.ID
	}
	return c.Supplier.ID + " " + c.Agreement.ID + " " + buyer
}

// plainSupplyChains makes every row of the filter's supply chains and
// sorts them, in the order the store pages them.
func plainSupplyChains(t *testing.T, f store.SupplyChainFilter) []string {
	t.Helper()
	params := map[string]any{"supplier": nil, "buyer": nil, "country": nil, "product": nil, "from": nil, "to": nil}
	for k, v := range map[string]string{"supplier": f.Supplier, "buyer": f.Buyer, "country": f.Country, "product": f.Product,
		"from": f.From.String(), "to": f.To.String()} {
		if v != "" {
			params[k] = v
		}
	}
	return plainStrings(t, `
		MATCH (s:Entity)-[:SUPPLIER_OF]->(d:Entity)
		OPTIONAL MATCH (b:Entity)-[:BUYER_OF]->(d)
		WITH s, d, b, coalesce(d.date, d.startDate) AS day
		WHERE ($supplier IS NULL OR s.id = $supplier) AND ($buyer IS NULL OR b.id = $buyer)
			AND ($country IS NULL OR b.country = $country OR b.id = $country OR d.country = $country)
			AND ($from IS NULL OR (day IS NOT NULL AND left(day, size($from)) >= left($from, size(day))))
			AND ($to IS NULL OR (day IS NOT NULL AND left(day, size($to)) <= left($to, size(day))))
			AND ($product IS NULL OR toLower(coalesce(d.subject, '')) CONTAINS toLower($product)
				OR EXISTS { MATCH (d)-[:COVERS]->(p:Entity) WHERE p.id = $product OR toLower(p.name) CONTAINS toLower($product) })
		RETURN s.id + ' ' + d.id + ' ' + coalesce(b.id, '') AS key
		ORDER BY coalesce(day, '9999'), d.id, s.sortName, s.id, b.sortName, b.id`, params)
}

// linksAmong reads the relationships among ids the plain way: expanding
// every node, hubs included.
func linksAmong(t *testing.T, ids []string) []string {
	t.Helper()
	return plainStrings(t, `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids RETURN r.id AS id`,
		map[string]any{"ids": ids})
}

// plainStrings runs a statement through a driver of its own, not the store,
// and returns the first column of its rows.
func plainStrings(t *testing.T, cypher string, params map[string]any) []string {
	t.Helper()
	o := testenv.Options(t)
	d, err := neo4j.NewDriverWithContext(o.URI, neo4j.BasicAuth(o.User, o.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(context.Background())
	res, err := neo4j.ExecuteQuery(context.Background(), d, cypher, params, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(o.Database))
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(res.Records))
	for i, rec := range res.Records {
		out[i], _ = rec.Values[0].(string)
	}
	return out
}
