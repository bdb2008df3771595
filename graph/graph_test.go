package graph_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/silkgraph/silkgraph/graph"
	"github.com/silkgraph/silkgraph/internal/store"
	"github.com/silkgraph/silkgraph/internal/testenv"
)

// api is the GraphQL endpoint on the seed data, served as users reach it.
type api struct {
	t   *testing.T
	st  *store.Store
	url string
}

var shared *api

// seeded returns the API over the seed graph, loaded once per package.
func seeded(t *testing.T) *api {
	t.Helper()
	if shared == nil {
		st := testenv.Shared(t, testenv.LoadSeed)
		srv := httptest.NewServer(graph.NewHandler(st, graph.DefaultOptions))
		shared = &api{st: st, url: srv.URL}
	}
	return &api{t: t, st: shared.st, url: shared.url}
}

type gqlError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

type response struct {
	Data   map[string]any `json:"data"`
	Errors []gqlError     `json:"errors"`
	Status int            `json:"-"`
	Raw    string         `json:"-"`
}

func (a *api) do(query string, vars map[string]any) response {
	a.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	res, err := http.Post(a.url, "application/json", bytes.NewReader(body))
	if err != nil {
		a.t.Fatalf("post: %v", err)
	}
	defer res.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(res.Body)
	var r response
	if err := json.Unmarshal(buf.Bytes(), &r); err != nil {
		a.t.Fatalf("decode %q: %v", buf.String(), err)
	}
	r.Status, r.Raw = res.StatusCode, buf.String()
	return r
}

// ok runs a query that must succeed and returns its data as JSON text.
func (a *api) ok(query string, vars map[string]any) string {
	a.t.Helper()
	r := a.do(query, vars)
	if len(r.Errors) > 0 || r.Status != http.StatusOK {
		a.t.Fatalf("query failed (%d): %s", r.Status, r.Raw)
	}
	return r.Raw
}

func TestExamplesAnswerWithSources(t *testing.T) {
	a := seeded(t)
	tests := map[string][]string{ // example -> strings its answer must contain
		"BodyCams":             {`"mibo-komunikacije"`, `"manufacturer":{"id":"hytera"`, `"currency":"EUR"`, `"quote"`},
		"HuaweiBelgradePaths":  {`"id":"belgrade"`, `"length":2`, `"quote"`},
		"CdbFinanced":          {`"currency":"USD"`, `"financed":[{`, `"quote"`},
		"HuaweiSerbiaTimeline": {`"precision":"YEAR"`, `"quote"`},
		"CleanNetworkMembers":  {`"MEMBER_OF"`, `"quote"`},
		"SearchVucic":          {`"id":"aleksandar-vucic"`},
		"HyteraNeighborhood":   {`"id":"mibo-komunikacije"`, `"id":"sarajevo-canton-ministry-of-interior"`, `"truncated":false`},
	}
	examples := graph.Examples()
	if len(examples) != len(tests) {
		t.Fatalf("%d examples, %d tested", len(examples), len(tests))
	}
	for _, ex := range examples {
		name := operationName(ex.Query)
		t.Run(name, func(t *testing.T) {
			a.t = t
			got := a.ok(ex.Query, nil)
			for _, want := range tests[name] {
				if !strings.Contains(got, want) {
					t.Errorf("answer lacks %s:\n%.2000s", want, got)
				}
			}
		})
	}
}

func operationName(q string) string {
	_, rest, _ := strings.Cut(q, "query ")
	name, _, _ := strings.Cut(rest, " ")
	return name
}

func TestErrorsCarryCodes(t *testing.T) {
	a := seeded(t)
	tests := []struct {
		name, query string
		vars        map[string]any
		code        string
		message     string // what the message must say, if anything
	}{
		{"unknown entity", `{ entity(id: "no-such-entity") { id } }`, nil, "NOT_FOUND", ""},
		{"unknown source", `{ source(id: "no-such-source") { id } }`, nil, "NOT_FOUND", ""},
		{"unknown relationship", `{ relationship(id: "a|OWNS|b") { id } }`, nil, "NOT_FOUND", ""},
		{"paths beyond the hop cap", `{ paths(from: "huawei", to: "belgrade", maxHops: 7) { length } }`, nil, "BAD_USER_INPUT", "maxHops must be between 1 and 6, got 7"},
		{"paths to an unknown id", `{ paths(from: "huawei", to: "atlantis") { length } }`, nil, "NOT_FOUND", ""},
		{"paths from an unknown id", `{ paths(from: "atlantis", to: "huawei") { length } }`, nil, "NOT_FOUND", ""},
		{"timeline of an unknown entity", `{ timeline(entity: "atlantis") { title } }`, nil, "NOT_FOUND", ""},
		{"timeline of an unknown country", `{ timeline(country: "atlantis") { title } }`, nil, "NOT_FOUND", ""},
		{"timeline of a known entity in an unknown country", `{ timeline(entity: "huawei", country: "atlantis") { title } }`, nil, "NOT_FOUND", ""},
		{"timeline of a country that is no entity", `{ timeline(country: "atlantis-corp") { title } }`, nil, "NOT_FOUND", `no entity with id "atlantis-corp" (country)`},
		{"supply chains of an unknown buyer", `{ supplyChains(buyer: "sarajevo-canton-ministry-of-interiors") { totalCount } }`, nil, "NOT_FOUND",
			`no entity with id "sarajevo-canton-ministry-of-interiors" (buyer)`},
		{"supply chains of an unknown supplier", `{ supplyChains(supplier: "nope") { totalCount } }`, nil, "NOT_FOUND", `no entity with id "nope" (supplier)`},
		{"totals of an unknown financier", `{ agreementTotals(groupBy: FINANCIER, filter: {financier: "nope"}) { key } }`, nil, "NOT_FOUND",
			`no entity with id "nope" (filter.financier)`},
		{"entities of an unknown country beside a known one", `{ entities(filter: {countries: ["serbia", "atlantis"]}) { totalCount } }`, nil, "NOT_FOUND",
			`no entity with id "atlantis" (filter.countries)`},
		{"entities dealing with an unknown entity", `{ entities(filter: {hasRelationship: {otherIds: ["nope"]}}) { totalCount } }`, nil, "NOT_FOUND",
			`no entity with id "nope" (filter.hasRelationship.otherIds)`},
		{"page too large", `{ entities(first: 100000) { totalCount } }`, nil, "BAD_USER_INPUT", "first must be between 0 and 500, got 100000"},
		{"nested page too large", `{ entity(id: "huawei") { relationships(first: 100000) { totalCount } } }`, nil, "BAD_USER_INPUT", "first must be between 0 and 500, got 100000"},
		{"too many paths", `{ paths(from: "huawei", to: "belgrade", first: 1000) { length } }`, nil, "BAD_USER_INPUT", "first must be between 1 and 25, got 1000"},
		{"neighborhood too large", `{ neighborhood(id: "huawei", limit: 100000) { truncated } }`, nil, "BAD_USER_INPUT", "limit must be between 1 and 1000, got 100000"},
		{"too complex a query", `{ search(query: "huawei", first: 500) { edges { node { relationships(first: 500) { edges { node { id } } } } } } }`, nil, "BAD_USER_INPUT", "ask for smaller pages"},
		{"bad cursor", `{ entities(after: "bogus") { totalCount } }`, nil, "BAD_USER_INPUT", ""},
		{"a cursor of the old format", `{ entities(after: "bzow") { totalCount } }`, nil, "BAD_USER_INPUT", "is not a cursor from this API"},
		{"malformed date", `query($d: Date) { timeline(from: $d) { title } }`, map[string]any{"d": "2024-13"}, "BAD_USER_INPUT", ""},
		{"unknown kind", `query($k: [EntityKind!]) { search(query: "huawei", kinds: $k) { totalCount } }`, map[string]any{"k": []string{"VENDOR"}}, "BAD_USER_INPUT", ""},
		{"syntax error", `{ entity(id: "huawei") { id `, nil, "BAD_USER_INPUT", ""},
		{"several operations, none named", `query A { __typename } query B { __typename }`, nil, "BAD_USER_INPUT",
			"the document defines several operations: set operationName to the one to run"},
		{"unknown field", `{ entity(id: "huawei") { nope } }`, nil, "BAD_USER_INPUT", ""},
		{"empty search", `{ search(query: "*:*") { totalCount } }`, nil, "BAD_USER_INPUT", ""},
		{"neighborhood too deep", `{ neighborhood(id: "huawei", depth: 9) { truncated } }`, nil, "BAD_USER_INPUT", "depth must be between 1 and 3, got 9"},
		{"too deep a query", `{ entity(id: "huawei") { relationships { edges { node { from { relationships { edges { node { to { relationships { edges { node { id } } } } } } } } } } } } }`, nil, "BAD_USER_INPUT", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a.t = t
			r := a.do(tt.query, tt.vars)
			if r.Status >= 500 {
				t.Fatalf("HTTP %d", r.Status)
			}
			if len(r.Errors) == 0 {
				t.Fatalf("want an error, got %s", r.Raw)
			}
			if got := r.Errors[0].Extensions["code"]; got != tt.code {
				t.Fatalf("code = %v, want %s: %s", got, tt.code, r.Raw)
			}
			if !strings.Contains(r.Errors[0].Message, tt.message) {
				t.Fatalf("message %q does not say %q", r.Errors[0].Message, tt.message)
			}
		})
	}
}

// GraphiQL's introspection query nests type references deeply; the depth
// limit must not block it.
func TestIntrospectionPassesDepthLimit(t *testing.T) {
	a := seeded(t)
	got := a.ok(`{ __schema { queryType { name } types { name fields { name type { name ofType { name ofType { name
		ofType { name ofType { name ofType { name ofType { name ofType { name } } } } } } } } } } } }`, nil)
	if !strings.Contains(got, `"queryType":{"name":"Query"}`) {
		t.Fatalf("introspection: %.300s", got)
	}
}

// Lucene syntax in a search string is data, never syntax: it neither fails
// nor changes the query; the words still match.
func TestSearchTreatsSyntaxAsText(t *testing.T) {
	a := seeded(t)
	tests := []struct{ query, want string }{
		{`huawei* OR telekom:`, "telekom-srbija-huawei-all-ip-framework-agreement-2016"},
		{`"huawei`, "huawei"},
		{`huawei\`, "huawei"},
		{`name:(huawei) AND`, "huawei"},
		{`Huawei~~`, "huawei"},
		{`HUAWEI`, "huawei"},
		{`Huawie`, "huawei"},
		{`Vucic`, "aleksandar-vucic"},
		{`telekom serbia`, "telekom-srbija"},
	}
	for _, tt := range tests {
		got := a.ok(`query($q: String!) { search(query: $q, first: 5) { edges { node { id } } } }`, map[string]any{"q": tt.query})
		if !strings.Contains(got, `"id":"`+tt.want+`"`) {
			t.Errorf("search %q does not find %s: %s", tt.query, tt.want, got)
		}
	}
}

// An exact name gets the exact-name boost, which a near miss does not: the
// same letters split apart, for a name holding words the index keeps whole
// ("People's", "RFE/RL's"), or, for a name longer than the ten parts a
// search asks clauses for, the same words with the last two swapped.
func TestSearchBoostsExactNames(t *testing.T) {
	a := seeded(t)
	top := func(query string) (string, float64) {
		t.Helper()
		var out struct {
			Data struct {
				Search struct {
					Edges []struct {
						Score float64
						Node  struct{ ID string }
					}
				}
			}
		}
		raw := a.ok(`query($q: String!) { search(query: $q, first: 1) { edges { score node { id } } } }`, map[string]any{"q": query})
		if err := json.Unmarshal([]byte(raw), &out); err != nil {
			t.Fatal(err)
		}
		if len(out.Data.Search.Edges) == 0 {
			t.Fatalf("search %q finds nothing", query)
		}
		e := out.Data.Search.Edges[0]
		return e.Node.ID, e.Score
	}
	tests := []struct{ name, split, want string }{
		{"People's Republic of China", "People s Republic of China", "china"},
		{"RFE/RL's Kazakh Service", "RFE RL s Kazakh Service", "rferl-kazakh-service"},
		{"Modernization of Serbia's broadband network", "Modernization of Serbia s broadband network", "serbia-broadband-network-modernization"},
		{"Huawei grant to Serbia for an AI platform and National Data Center cloud infrastructure",
			"Huawei grant to Serbia for an AI platform and National Data Center infrastructure cloud", "huawei-serbia-ai-platform-grant"},
	}
	for _, tt := range tests {
		id, score := top(tt.name)
		_, splitScore := top(tt.split)
		if id != tt.want || score < 1.5*splitScore {
			t.Errorf("search %q ranks %s first with %.1f (split apart: %.1f); want %s boosted as an exact name", tt.name, id, score, splitScore, tt.want)
		}
	}
}

// A search finds the entities that match all its words (stop words aside);
// only when none does, those that match any word.
func TestSearchMatchesAllWordsFirst(t *testing.T) {
	a := seeded(t)
	search := func(query string) (ids []string, matched string) {
		t.Helper()
		var out struct {
			Data struct {
				Search struct {
					Matched string
					Edges   []struct{ Node struct{ ID string } }
				}
			}
		}
		raw := a.ok(`query($q: String!) { search(query: $q, first: 500) { totalCount matched edges { node { id } } } }`, map[string]any{"q": query})
		if err := json.Unmarshal([]byte(raw), &out); err != nil {
			t.Fatal(err)
		}
		for _, e := range out.Data.Search.Edges {
			ids = append(ids, e.Node.ID)
		}
		slices.Sort(ids)
		return ids, out.Data.Search.Matched
	}
	tests := []struct {
		query       string
		words       []string // each hit must be a hit of every one of these
		want        string   // a hit
		wantMatched string
	}{
		{"huawei serbia", []string{"huawei", "serbia"}, "telekom-srbija-huawei-all-ip-framework-agreement-2016", "ALL_WORDS"},
		{"Hytera and the body cameras", []string{"hytera", "body", "cameras"}, "hytera", "ALL_WORDS"},
		{"safe city belgrade", []string{"safe", "city", "belgrade"}, "safe-city-belgrade", "ALL_WORDS"},
		// The index splits a hyphenated word: both halves are required, as
		// two words are, not either ("City of Belgrade" is no hit).
		{"Safe-City Belgrade", []string{"safe", "city", "belgrade"}, "safe-city-belgrade", "ALL_WORDS"},
		// "rl's" is one term in the index: "rfe" and it (or "rl") are
		// required, not the lone "s", which as a prefix would match most
		// entities.
		{"RFE/RL's Kazakh", []string{"kazakh", "rfe"}, "rferl-kazakh-service", "ALL_WORDS"},
		{"Xi Jinping's visit", []string{"xi", "jinping", "visit"}, "xi-jinping-visit-serbia-2016", "ALL_WORDS"},
		// The index holds each Chinese character as a term: all are
		// required, not any (CITIC's 中国中信集团有限公司 shares only 国).
		{"国家开发银行", []string{"国", "家", "开", "发", "银", "行"}, "china-development-bank", "ALL_WORDS"},
		// A stop word is not required: the hits of "huawei".
		{"the huawei", []string{"huawei"}, "huawei", "ALL_WORDS"},
		// No entity says xylophone: every entity that says huawei.
		{"huawei xylophone", []string{"huawei"}, "huawei", "ANY_WORD"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got, matched := search(tt.query)
			if !slices.Contains(got, tt.want) {
				t.Errorf("hits %v lack %s", got, tt.want)
			}
			if matched != tt.wantMatched {
				t.Errorf("matched %q, want %q", matched, tt.wantMatched)
			}
			var fewest []string
			for _, w := range tt.words {
				of, _ := search(w)
				for _, id := range got {
					if _, found := slices.BinarySearch(of, id); !found {
						t.Errorf("hit %s does not match %q", id, w)
					}
				}
				if fewest == nil || len(of) < len(fewest) {
					fewest = of
				}
			}
			if len(tt.words) == 1 && !slices.Equal(got, fewest) {
				t.Errorf("hits %v, want those of %q: %v", got, tt.words[0], fewest)
			}
		})
	}
	// Falling back to any word, the lone s of "rl's" is still no word.
	got, matched := search("RFE/RL's xylophone")
	rfe, _ := search("rfe")
	rls, _ := search("rl's")
	for _, id := range got {
		if !slices.Contains(rfe, id) && !slices.Contains(rls, id) {
			t.Errorf("%q (%s) finds %s, which says neither rfe nor rl's", "RFE/RL's xylophone", matched, id)
		}
	}
	if matched != "ANY_WORD" || len(got) == 0 {
		t.Errorf("%q: %s, %d hits; want ANY_WORD hits", "RFE/RL's xylophone", matched, len(got))
	}
	if got := a.ok(`{ entities(first: 1) { matched } }`, nil); !strings.Contains(got, `"matched":null`) {
		t.Errorf("entities: %s, want matched null", got)
	}
}

// An entity whose name or alias is exactly the searched words ranks first,
// above entities whose names, aliases and descriptions repeat the words.
func TestSearchRanksExactNamesFirst(t *testing.T) {
	a := seeded(t)
	tests := []struct{ query, want string }{
		{"Hytera", "hytera"},
		{"huawei", "huawei"},
		{"Telekom Serbia", "telekom-srbija"},
		{"china development bank", "china-development-bank"},
		{"Clean Network", "clean-network"},
		{"BRI", "belt-and-road-initiative"},
	}
	for _, tt := range tests {
		var out struct {
			Data struct {
				Search struct {
					Edges []struct{ Node struct{ ID string } }
				}
			}
		}
		raw := a.ok(`query($q: String!) { search(query: $q, first: 3) { edges { node { id } } } }`, map[string]any{"q": tt.query})
		if err := json.Unmarshal([]byte(raw), &out); err != nil {
			t.Fatal(err)
		}
		if edges := out.Data.Search.Edges; len(edges) == 0 || edges[0].Node.ID != tt.want {
			t.Errorf("search %q ranks first %v, want %s", tt.query, edges, tt.want)
		}
	}
}

// A request costs a bounded number of statements, whatever the page size.
func TestRoundTripsDoNotGrowWithResults(t *testing.T) {
	a := seeded(t)
	const q = `query($n: Int) { entities(first: $n) { edges { node { id country { name }
		relationships(first: 5) { edges { node { from { id } to { id } sources { source { title } } } } } } } } }`
	cost := func(n int) int64 {
		before := a.st.Statements()
		a.ok(q, map[string]any{"n": n})
		return a.st.Statements() - before
	}
	small, large := cost(20), cost(300)
	if small != large || large > 5 {
		t.Fatalf("statements grew with the page: %d for 20 entities, %d for 300", small, large)
	}
	for _, ex := range graph.Examples() {
		before := a.st.Statements()
		a.ok(ex.Query, nil)
		if n := a.st.Statements() - before; n > 5 {
			t.Errorf("%s: %d statements", operationName(ex.Query), n)
		}
	}
}

// The README shows the same examples GraphiQL opens with.
func TestReadmeShowsExamples(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(testenv.Root(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range graph.Examples() {
		if !strings.Contains(string(readme), strings.TrimSpace(ex.Query)) {
			t.Errorf("README.md lacks the example %q", ex.Name)
		}
	}
}

// Deals whose sources name no buyer still show who supplied them, and a
// negative finding never counts as a relationship in filters.
func TestSupplyChainsAndFiltersEdgeCases(t *testing.T) {
	a := seeded(t)
	got := a.ok(`{ supplyChains(supplier: "huawei", first: 200) { edges { node { agreement { id } buyer { id } } } } }`, nil)
	if !strings.Contains(got, `"agreement":{"id":"huawei-uzbekistan-telecom-modernization-1997"},"buyer":null`) {
		t.Errorf("a deal without a named buyer is missing: %.1500s", got)
	}
	got = a.ok(`{ supplyChains(country: "serbia", first: 200) { edges { node { supplier { id } agreement { id } } } } }`, nil)
	if !strings.Contains(got, `"supplier":{"id":"huawei"},"agreement":{"id":"serbia-moi-huawei-elte-order-2024"}`) {
		t.Errorf("supply chains for a country miss the eLTE order: %.1500s", got)
	}
	got = a.ok(`{ entities(first: 100, filter: {kinds: [COMPANY], hasRelationship: {otherIds: ["serbia-ministry-of-interior"]}}) { edges { node { id } } } }`, nil)
	for _, denied := range []string{"dahua", "hikvision"} {
		if strings.Contains(got, `"id":"`+denied+`"`) {
			t.Errorf("%s matched through a denied link: %s", denied, got)
		}
	}
	if !strings.Contains(got, `"id":"huawei"`) {
		t.Errorf("huawei should match: %s", got)
	}
}

func TestPathsShortestFirst(t *testing.T) {
	a := seeded(t)
	tests := []struct {
		name, from, to  string
		maxHops, first  int
		wantCount       int
		wantFirstLength float64
		wantLongest     float64
	}{
		{"all shortest, two hops", "huawei", "belgrade", 3, 10, 6, 2, 2},
		{"direct link, then two hops", "huawei", "serbia", 4, 5, 5, 1, 2},
		{"direct link only within one hop", "huawei", "serbia", 1, 5, 1, 1, 1},
		{"none within one hop", "huawei", "belgrade", 1, 5, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out struct {
				Data struct {
					Paths []struct {
						Length float64
						Nodes  []struct{ ID string }
					}
				}
			}
			raw := a.ok(`query($f: ID!, $t: ID!, $h: Int, $n: Int) { paths(from: $f, to: $t, maxHops: $h, first: $n) { length nodes { id } } }`,
				map[string]any{"f": tt.from, "t": tt.to, "h": tt.maxHops, "n": tt.first})
			if err := json.Unmarshal([]byte(raw), &out); err != nil {
				t.Fatal(err)
			}
			paths := out.Data.Paths
			if len(paths) != tt.wantCount {
				t.Fatalf("%d paths, want %d: %s", len(paths), tt.wantCount, raw)
			}
			for i, p := range paths {
				if i > 0 && p.Length < paths[i-1].Length {
					t.Errorf("path %d is shorter than the one before it", i)
				}
				ids := make([]string, len(p.Nodes))
				for j, n := range p.Nodes {
					ids[j] = n.ID
				}
				if ids[0] != tt.from || ids[len(ids)-1] != tt.to {
					t.Errorf("path %v does not connect %s to %s", ids, tt.from, tt.to)
				}
			}
			if len(paths) > 0 && (paths[0].Length != tt.wantFirstLength || paths[len(paths)-1].Length != tt.wantLongest) {
				t.Errorf("lengths %v..%v, want %v..%v", paths[0].Length, paths[len(paths)-1].Length, tt.wantFirstLength, tt.wantLongest)
			}
		})
	}
}

// TestRelationshipPagesConcatenate pages through entities' relationships in
// small pages that cross type boundaries: the pages must add up to the one
// big page, in the same order.
func TestRelationshipPagesConcatenate(t *testing.T) {
	a := seeded(t)
	tests := []struct {
		id, direction string
		pageSize      int
	}{
		{"huawei", "BOTH", 7}, {"huawei", "OUT", 3}, {"serbia", "IN", 5}, {"hytera", "BOTH", 4},
	}
	type page struct {
		Data struct {
			Entity struct {
				Relationships struct {
					TotalCount float64
					Edges      []struct {
						Cursor string
						Node   struct{ ID string }
					}
				}
			}
		}
	}
	var cursors []string // of the whole list, which the pages share
	fetch := func(id, dir string, first, offset int) page {
		t.Helper()
		var p page
		vars := map[string]any{"id": id, "d": dir, "n": first}
		if offset > 0 {
			vars["a"] = cursors[offset-1]
		}
		raw := a.ok(`query($id: ID!, $d: Direction, $n: Int, $a: String) { entity(id: $id) { relationships(direction: $d, first: $n, after: $a) {
			totalCount edges { cursor node { id } } } } }`, vars)
		if err := json.Unmarshal([]byte(raw), &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tt := range tests {
		t.Run(tt.id+"/"+tt.direction, func(t *testing.T) {
			all := fetch(tt.id, tt.direction, 500, 0).Data.Entity.Relationships
			if len(all.Edges) < 2*tt.pageSize || float64(len(all.Edges)) != all.TotalCount {
				t.Fatalf("%d relationships of %v: too few for the test", len(all.Edges), all.TotalCount)
			}
			ids := make([]string, len(all.Edges))
			cursors = make([]string, len(all.Edges))
			for i, e := range all.Edges {
				ids[i], cursors[i] = e.Node.ID, e.Cursor
			}
			assertPagesConcatenate(t, ids, tt.pageSize, func(offset int) []string {
				var page []string
				for _, e := range fetch(tt.id, tt.direction, tt.pageSize, offset).Data.Entity.Relationships.Edges {
					page = append(page, e.Node.ID)
				}
				return page
			})
		})
	}
}

// assertPagesConcatenate fails unless the pages of pageSize that fetch
// returns from each offset add up to all, in the same order.
func assertPagesConcatenate(t *testing.T, all []string, pageSize int, fetch func(offset int) []string) {
	t.Helper()
	var paged []string
	for off := 0; off < len(all); off += pageSize {
		paged = append(paged, fetch(off)...)
	}
	for i, id := range all {
		if i >= len(paged) || paged[i] != id {
			t.Fatalf("item %d: pages give %v, one page gives %q", i, paged[min(i, len(paged)-1)], id)
		}
	}
	if len(paged) != len(all) {
		t.Errorf("pages hold %d items, one page %d", len(paged), len(all))
	}
}

// Search pages are ranked by score, ties by id, and page through the hits
// without gaps or repeats, also where a page boundary falls among equal
// scores.
func TestSearchPagesConcatenate(t *testing.T) {
	a := seeded(t)
	tests := []struct {
		query    string
		pageSize int
	}{
		{"huawei", 3}, {"interior ministry", 4}, {"safe city", 5}, {"china", 2},
	}
	type hits struct {
		Data struct {
			Search struct {
				TotalCount float64
				PageInfo   struct{ HasNextPage bool }
				Edges      []struct {
					Cursor string
					Score  float64
					Node   struct{ ID string }
				}
			}
		}
	}
	var cursors []string // of all the hits, which the pages share
	// Without totalCount the server reads only the index's top hits.
	fetchAs := func(selection, query string, first, offset int) hits {
		t.Helper()
		var h hits
		vars := map[string]any{"q": query, "n": first}
		if offset > 0 {
			vars["a"] = cursors[offset-1]
		}
		raw := a.ok(`query($q: String!, $n: Int, $a: String) { search(query: $q, first: $n, after: $a) {
			`+selection+` pageInfo { hasNextPage } edges { cursor score node { id } } } }`, vars)
		if err := json.Unmarshal([]byte(raw), &h); err != nil {
			t.Fatal(err)
		}
		return h
	}
	fetch := func(query string, first, offset int) hits { return fetchAs("totalCount", query, first, offset) }
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			all := fetch(tt.query, 500, 0).Data.Search
			if len(all.Edges) < 3*tt.pageSize || float64(len(all.Edges)) != all.TotalCount {
				t.Fatalf("%d hits of %v: too few for the test", len(all.Edges), all.TotalCount)
			}
			ids, ties := make([]string, len(all.Edges)), 0
			cursors = make([]string, len(all.Edges))
			for i, e := range all.Edges {
				ids[i], cursors[i] = e.Node.ID, e.Cursor
				if i == 0 {
					continue
				}
				prev := all.Edges[i-1]
				if e.Score > prev.Score || e.Score == prev.Score && e.Node.ID < prev.Node.ID {
					t.Fatalf("hit %d (%s, %v) ranks after %s (%v)", i, e.Node.ID, e.Score, prev.Node.ID, prev.Score)
				}
				if e.Score == prev.Score {
					ties++
				}
			}
			if ties == 0 {
				t.Errorf("no equal scores among %d hits: the query does not test ties", len(ids))
			}
			for _, selection := range []string{"totalCount", ""} {
				assertPagesConcatenate(t, ids, tt.pageSize, func(offset int) []string {
					var page []string
					h := fetchAs(selection, tt.query, tt.pageSize, offset).Data.Search
					for _, e := range h.Edges {
						page = append(page, e.Node.ID)
					}
					if more := offset+len(page) < len(ids); h.PageInfo.HasNextPage != more {
						t.Errorf("selection %q, offset %d: hasNextPage %v, want %v", selection, offset, h.PageInfo.HasNextPage, more)
					}
					return page
				})
			}
			// A count asked through a fragment is still exact.
			if h := fetchAs("... on EntityConnection { totalCount }", tt.query, tt.pageSize, 0).Data.Search; h.TotalCount != all.TotalCount {
				t.Errorf("totalCount %v through a fragment, want %v", h.TotalCount, all.TotalCount)
			}
		})
	}
}

func TestCountryTimeline(t *testing.T) {
	a := seeded(t)
	tests := []struct {
		country      string
		want, absent []string
	}{
		{"serbia", []string{"serbia-moi-huawei-safe-society-mou-2014", "serbia-huawei-smart-city-mou-2019"}, []string{"uzbekistan-safe-cities-joint-initiative-agreement-2019"}},
		{"uzbekistan", []string{"uzbekistan-safe-cities-joint-initiative-agreement-2019"}, []string{"serbia-huawei-smart-city-mou-2019"}},
	}
	for _, tt := range tests {
		t.Run(tt.country, func(t *testing.T) {
			raw := a.ok(`query($c: ID!) { timeline(country: $c, first: 500) { date entity { id } } }`, map[string]any{"c": tt.country})
			var out struct {
				Data struct {
					Timeline []struct {
						Date   string
						Entity *struct{ ID string }
					}
				}
			}
			if err := json.Unmarshal([]byte(raw), &out); err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for i, ev := range out.Data.Timeline {
				if i > 0 && ev.Date < out.Data.Timeline[i-1].Date {
					t.Errorf("entry %d (%s) is out of order", i, ev.Date)
				}
				if ev.Entity != nil {
					got[ev.Entity.ID] = true
				}
			}
			for _, id := range tt.want {
				if !got[id] {
					t.Errorf("%s's timeline lacks %s", tt.country, id)
				}
			}
			for _, id := range tt.absent {
				if got[id] {
					t.Errorf("%s's timeline holds %s", tt.country, id)
				}
			}
		})
	}
}

// A network view and a detailed view of the same neighborhood have the same
// nodes and edges; the detailed one gets every field it asks for, however
// it asks.
func TestNeighborhoodSelections(t *testing.T) {
	a := seeded(t)
	const view = `{ neighborhood(id: "hytera", depth: 2) { nodes { id name kind } edges { id type from { id } to { id } } } }`
	var light, full struct {
		Data struct {
			Neighborhood struct {
				Nodes []struct{ ID, Name, Kind, Description string }
				Edges []struct {
					ID, Type  string
					StartDate *string
					From, To  struct{ ID, Name string }
					Sources   []struct{ Quote string }
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(a.ok(view, nil)), &light); err != nil {
		t.Fatal(err)
	}
	const detailed = `{ neighborhood(id: "hytera", depth: 2) { nodes { id name kind ...D } edges { id type startDate
		from { id name } to { id ... on Company { name } } sources { quote } } } }
		fragment D on Entity { description }`
	if err := json.Unmarshal([]byte(a.ok(detailed, nil)), &full); err != nil {
		t.Fatal(err)
	}
	l, f := light.Data.Neighborhood, full.Data.Neighborhood
	if len(l.Nodes) < 10 || len(l.Nodes) != len(f.Nodes) || len(l.Edges) != len(f.Edges) {
		t.Fatalf("%d nodes and %d edges in the view, %d and %d in the detailed answer", len(l.Nodes), len(l.Edges), len(f.Nodes), len(f.Edges))
	}
	described := 0
	for i, n := range f.Nodes {
		if n.ID != l.Nodes[i].ID || n.Name != l.Nodes[i].Name || n.Kind != l.Nodes[i].Kind {
			t.Errorf("node %d: %+v in the detailed answer, %+v in the view", i, n, l.Nodes[i])
		}
		if n.Description != "" {
			described++
		}
	}
	if described == 0 {
		t.Error("no node of the detailed answer has a description")
	}
	for i, e := range f.Edges {
		if e.ID != l.Edges[i].ID || e.From.ID != l.Edges[i].From.ID || e.To.ID != l.Edges[i].To.ID {
			t.Errorf("edge %d: %s in the detailed answer, %s in the view", i, e.ID, l.Edges[i].ID)
		}
		if len(e.Sources) == 0 || e.Sources[0].Quote == "" || e.From.Name == "" {
			t.Errorf("edge %s: no quote or no name of its start: %+v", e.ID, e)
		}
	}
}

// A list's page read as summaries (a search box, a front-end's list) and a
// detailed page of the same query have the same entities in the same order,
// and only the detailed one reads more.
func TestConnectionSelections(t *testing.T) {
	a := seeded(t)
	tests := []struct{ name, field string }{
		{"search", `search(query: "huawei", first: 30)`},
		{"entities", `entities(filter: {kinds: [COMPANY, GOVERNMENT_BODY]}, orderBy: {field: NAME}, first: 30)`},
	}
	type page struct {
		Data map[string]struct {
			TotalCount int
			Edges      []struct {
				Score *float64
				Node  struct {
					ID, Name, Kind, Description string
					Country                     *struct{ Name string }
					Sources                     []struct{ Quote string }
				}
			}
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var light, full page
			box := `{ list: ` + tt.field + ` { totalCount edges { score node { id name kind country { name } } } } }`
			if err := json.Unmarshal([]byte(a.ok(box, nil)), &light); err != nil {
				t.Fatal(err)
			}
			detailed := `{ list: ` + tt.field + ` { totalCount edges { score node { id name kind country { name } ...D } } } }
				fragment D on Entity { description sources { quote } }`
			if err := json.Unmarshal([]byte(a.ok(detailed, nil)), &full); err != nil {
				t.Fatal(err)
			}
			l, f := light.Data["list"], full.Data["list"]
			if len(l.Edges) != 30 || len(f.Edges) != 30 || l.TotalCount != f.TotalCount {
				t.Fatalf("%d of %d in the light page, %d of %d in the detailed one", len(l.Edges), l.TotalCount, len(f.Edges), f.TotalCount)
			}
			countries, quoted := 0, 0
			for i, e := range f.Edges {
				b := l.Edges[i]
				if e.Node.ID != b.Node.ID || e.Node.Name != b.Node.Name || e.Node.Kind != b.Node.Kind ||
					(e.Score == nil) != (b.Score == nil) || e.Score != nil && *e.Score != *b.Score || (e.Node.Country == nil) != (b.Node.Country == nil) {
					t.Errorf("%d: %+v in the detailed page, %+v in the light one", i, e, b)
				}
				if b.Node.Country != nil && b.Node.Country.Name != "" {
					countries++
				}
				if len(e.Node.Sources) > 0 && e.Node.Sources[0].Quote != "" {
					quoted++
				}
			}
			if countries == 0 || quoted != len(f.Edges) {
				t.Errorf("%d of the light page with a country name, %d of the detailed page with a quote", countries, quoted)
			}
		})
	}
}

// Grouped by year, each group holds the agreements of that year, and the
// agreements without a date are a group of their own, with a null key.
// The seed's totals run to billions of euros.
func TestTotalsByYear(t *testing.T) {
	a := seeded(t)
	raw := a.ok(`{ agreementTotals(groupBy: YEAR, filter: { includeProjects: true }) {
		key currency amount agreements { id ... on Agreement { date startDate } ... on Project { date startDate } } } }`, nil)
	var out struct {
		Data struct {
			AgreementTotals []struct {
				Key        *string
				Currency   string
				Agreements []struct{ ID, Date, StartDate string }
			}
		}
	}
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		t.Fatal(err)
	}
	undated := 0
	for _, tot := range out.Data.AgreementTotals {
		for _, d := range tot.Agreements {
			date := d.Date
			if date == "" {
				date = d.StartDate
			}
			switch {
			case tot.Key == nil && date != "":
				t.Errorf("%s (%s) is dated, yet in the undated %s group", d.ID, date, tot.Currency)
			case tot.Key != nil && !strings.HasPrefix(date, *tot.Key):
				t.Errorf("%s (%q) is in the %s %s group", d.ID, date, *tot.Key, tot.Currency)
			}
		}
		if tot.Key == nil {
			undated++
		} else if len(*tot.Key) != 4 {
			t.Errorf("key %q is not a year", *tot.Key)
		}
	}
	if undated == 0 {
		t.Errorf("no undated group; the seed has agreements with a value and no date: %s", raw)
	}
	// Years in order, the undated group last.
	var keys []string
	for i, tot := range out.Data.AgreementTotals {
		switch {
		case tot.Key != nil:
			keys = append(keys, *tot.Key)
		case i < len(out.Data.AgreementTotals)-undated:
			t.Errorf("the undated %s group is at %d of %d", tot.Currency, i, len(out.Data.AgreementTotals))
		}
	}
	if !slices.IsSorted(keys) {
		t.Errorf("years out of order: %v", keys)
	}
	// Amounts of billions are written out, as JavaScript writes them.
	if strings.Contains(raw, "e+") {
		t.Errorf("an amount has an exponent: %s", raw)
	}
}

// Currency codes are matched whatever their case.
func TestTotalsCurrencyIgnoresCase(t *testing.T) {
	a := seeded(t)
	const q = `query($c: String) { agreementTotals(groupBy: SUPPLIER, filter: { currency: $c }) { key currency amount } }`
	upper := a.ok(q, map[string]any{"c": "EUR"})
	if !strings.Contains(upper, `"currency":"EUR"`) {
		t.Fatalf("no EUR totals: %s", upper)
	}
	if lower := a.ok(q, map[string]any{"c": "eur"}); lower != upper {
		t.Errorf("eur:\n%s\nEUR:\n%s", lower, upper)
	}
}

// A cursor pages the list it came from, however the next request spells
// that list (defaults given or left out, empty lists, nulls, sets in
// another order), and no other: another field, another entity's list of the
// same field, or another order or filter would read its offset as another
// item.
func TestCursorsBelongToTheirList(t *testing.T) {
	a := seeded(t)
	endCursor := func(query string) string {
		t.Helper()
		var out struct{ Data map[string]json.RawMessage }
		if err := json.Unmarshal([]byte(a.ok(query, nil)), &out); err != nil {
			t.Fatal(err)
		}
		raw := string(out.Data["entities"]) + string(out.Data["entity"]) + string(out.Data["search"])
		m := regexp.MustCompile(`"endCursor":"([^"]+)"`).FindStringSubmatch(raw)
		if m == nil {
			t.Fatalf("no endCursor in %s", raw)
		}
		return m[1]
	}
	entities := endCursor(`{ entities(first: 3) { pageInfo { endCursor } } }`)
	rels := endCursor(`{ entity(id: "huawei") { relationships(first: 2, types: [SUPPLIER_OF, PARTNERS_WITH, SIGNATORY_OF]) { pageInfo { endCursor } } } }`)
	search := endCursor(`{ search(query: "huawei", first: 2) { pageInfo { endCursor } } }`)
	tests := []struct {
		name, query, cursor string
		vars                map[string]any
		refused             bool
	}{
		{"another page size", `query($a: String) { entities(first: 7, after: $a) { totalCount } }`, entities, nil, false},
		{"the default order spelled out", `query($a: String) { entities(orderBy: {field: NAME, direction: ASC}, after: $a) { totalCount } }`, entities, nil, false},
		{"an empty filter", `query($a: String) { entities(filter: {}, after: $a) { totalCount } }`, entities, nil, false},
		{"an empty list of kinds", `query($a: String) { entities(filter: {kinds: []}, after: $a) { totalCount } }`, entities, nil, false},
		{"types in another order, direction null", `query($a: String, $d: Direction) { entity(id: "huawei") {
			relationships(direction: $d, types: [SIGNATORY_OF, SUPPLIER_OF, PARTNERS_WITH], after: $a) { totalCount } } }`, rels, map[string]any{"d": nil}, false},
		{"no kinds, as an empty list", `query($a: String) { search(query: "huawei", kinds: [], after: $a) { totalCount } }`, search, nil, false},
		{"another field", `query($a: String) { search(query: "huawei", after: $a) { totalCount } }`, entities, nil, true},
		{"another order", `query($a: String) { entities(orderBy: {field: ID}, after: $a) { totalCount } }`, entities, nil, true},
		{"another filter", `query($a: String) { entities(filter: {kinds: [COMPANY]}, after: $a) { totalCount } }`, entities, nil, true},
		{"another entity's relationships", `query($a: String) { entity(id: "zte") {
			relationships(types: [SUPPLIER_OF, PARTNERS_WITH, SIGNATORY_OF], after: $a) { totalCount } } }`, rels, nil, true},
		{"other types", `query($a: String) { entity(id: "huawei") { relationships(types: [SUPPLIER_OF], after: $a) { totalCount } } }`, rels, nil, true},
		{"other words", `query($a: String) { search(query: "hytera", after: $a) { totalCount } }`, search, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vars := map[string]any{"a": tt.cursor}
			maps.Copy(vars, tt.vars)
			r := a.do(tt.query, vars)
			switch refused := len(r.Errors) > 0 && strings.Contains(r.Errors[0].Message, "is a cursor of another list"); {
			case refused != tt.refused:
				t.Errorf("refused %v, want %v: %.300s", refused, tt.refused, r.Raw)
			case refused && r.Errors[0].Extensions["code"] != "BAD_USER_INPUT":
				t.Errorf("code %v: %.300s", r.Errors[0].Extensions["code"], r.Raw)
			case !refused && len(r.Errors) > 0:
				t.Errorf("errors: %.300s", r.Raw)
			}
		})
	}
}

// Messages that quote the request are cut short: an id of 100,000
// characters is not sent back whole.
func TestLongMessagesAreCut(t *testing.T) {
	a := seeded(t)
	r := a.do(`query($id: ID!) { entity(id: $id) { id } }`, map[string]any{"id": strings.Repeat("x", 100000)})
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "NOT_FOUND" {
		t.Fatalf("errors: %.300s", r.Raw)
	}
	if m := []rune(r.Errors[0].Message); len(m) != 500 || !strings.HasPrefix(string(m), `no entity with id "xxx`) || m[499] != '…' {
		t.Errorf("message of %d characters: %.80s…", len(m), string(m))
	}
}
