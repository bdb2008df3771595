package graph_test

import (
	"encoding/json"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// Analyst questions: each is a GraphQL query an analyst would send through
// the same HTTP handler users hit, run against the seed data, with the
// specific answer (ids, amounts, currencies, dates) and its sources asserted.
// Every question names the documents of seed/sources/ it is drawn from:
//
//	000 rferl-2024-sarajevo-bodycams-newsletter   001 rferl-2024-sarajevo-bodycams
//	002 amo-2021-dsr-western-balkans              003 rferl-2025-serbia-huawei-safe-city
//	004 jamestown-2021-uzbekistan-safe-cities
//
// ANALYST_DUMP=1 logs every answer.

// j is a decoded JSON value with helpers to walk it.
type j struct{ v any }

// at follows a dotted path of object keys and list indexes ("a.b.0.c").
func (x j) at(path string) j {
	v := x.v
	for _, k := range strings.Split(path, ".") {
		if k == "" {
			continue
		}
		switch t := v.(type) {
		case map[string]any:
			v = t[k]
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(t) {
				return j{}
			}
			v = t[i]
		default:
			return j{}
		}
	}
	return j{v}
}

func (x j) str(path string) string {
	s, _ := x.at(path).v.(string)
	return s
}

func (x j) num(path string) float64 {
	f, _ := x.at(path).v.(float64)
	return f
}

func (x j) null(path string) bool { return x.at(path).v == nil }

func (x j) list(path string) []j {
	l, _ := x.at(path).v.([]any)
	out := make([]j, len(l))
	for i, v := range l {
		out[i] = j{v}
	}
	return out
}

// where returns the items of the list at path whose field key equals value.
func (x j) where(path, key, value string) []j {
	var out []j
	for _, it := range x.list(path) {
		if it.str(key) == value {
			out = append(out, it)
		}
	}
	return out
}

// one returns the single item of the list at path whose key equals value.
func (x j) one(t *testing.T, path, key, value string) j {
	t.Helper()
	got := x.where(path, key, value)
	if len(got) != 1 {
		t.Fatalf("%s: want exactly one item with %s = %q, got %d", path, key, value, len(got))
	}
	return got[0]
}

// strs collects the string at key of every item of the list at path, sorted.
func (x j) strs(path, key string) []string {
	var out []string
	for _, it := range x.list(path) {
		out = append(out, it.str(key))
	}
	sort.Strings(out)
	return out
}

// cited asserts that the citations at path are non-empty, each with a source
// id and a non-empty quote, and that they come from every source in from.
func (x j) cited(t *testing.T, path string, from ...string) {
	t.Helper()
	cs := x.list(path)
	if len(cs) == 0 {
		t.Errorf("%s: no sources", path)
		return
	}
	seen := map[string]bool{}
	for _, c := range cs {
		if strings.TrimSpace(c.str("quote")) == "" || c.str("source.id") == "" {
			t.Errorf("%s: citation without a quote or a source: %v", path, c.v)
		}
		seen[c.str("source.id")] = true
	}
	for _, s := range from {
		if !seen[s] {
			t.Errorf("%s: no citation from %s (have %v)", path, s, keys(seen))
		}
	}
}

// quoted asserts that some citation at path quotes text containing want.
func (x j) quoted(t *testing.T, path, want string) {
	t.Helper()
	for _, c := range x.list(path) {
		if strings.Contains(c.str("quote"), want) {
			return
		}
	}
	t.Errorf("%s: no quote contains %q", path, want)
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func eq[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func sameSet(t *testing.T, what string, got, want []string) {
	t.Helper()
	got, want = slices.Clone(got), slices.Clone(want)
	sort.Strings(got)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func contains(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("%s = %v, lacks %s", what, got, w)
		}
	}
}

// money asserts an amount, its currency and (part of) its text as written.
func money(t *testing.T, x j, path string, amount float64, currency, text string) {
	t.Helper()
	eq(t, path+".amount", x.num(path+".amount"), amount)
	eq(t, path+".currency", x.str(path+".currency"), currency)
	if !strings.Contains(x.str(path+".text"), text) {
		t.Errorf("%s.text = %q, want it to contain %q", path, x.str(path+".text"), text)
	}
}

// The fields every citation list is asked for.
const cite = `sources { quote source { id } }`

const (
	srcNewsletter = "rferl-2024-sarajevo-bodycams-newsletter" // 000
	srcBodycams   = "rferl-2024-sarajevo-bodycams"            // 001
	srcAMO        = "amo-2021-dsr-western-balkans"            // 002
	srcSafeCity   = "rferl-2025-serbia-huawei-safe-city"      // 003
	srcJamestown  = "jamestown-2021-uzbekistan-safe-cities"   // 004
)

type analystQuestion struct {
	question string
	docs     []string // the source documents the question is drawn from
	query    string
	vars     map[string]any
	want     []string // substrings of the JSON answer
	check    func(t *testing.T, d j)
}

func TestAnalystQuestions(t *testing.T) {
	a := seeded(t)
	covered := map[string]bool{}
	for _, q := range analystQuestions {
		for _, d := range q.docs {
			covered[d] = true
		}
		t.Run(q.question, func(t *testing.T) {
			a.t = t
			raw := a.ok(q.query, q.vars)
			if os.Getenv("ANALYST_DUMP") != "" {
				t.Logf("%s", raw)
			}
			defer func() {
				if t.Failed() {
					t.Logf("answer: %.4000s", raw)
				}
			}()
			for _, w := range q.want {
				if !strings.Contains(raw, w) {
					t.Errorf("answer lacks %s", w)
				}
			}
			if !strings.Contains(raw, `"quote":"`) {
				t.Errorf("answer carries no quote")
			}
			var d struct{ Data any }
			if err := json.Unmarshal([]byte(raw), &d); err != nil {
				t.Fatal(err)
			}
			if q.check != nil {
				q.check(t, j{d.Data})
			}
		})
	}
	for _, s := range []string{srcNewsletter, srcBodycams, srcAMO, srcSafeCity, srcJamestown} {
		if !covered[s] {
			t.Errorf("no analyst question is drawn from %s", s)
		}
	}
}

var analystQuestions = []analystQuestion{
	// ---- the product owner's questions ----
	{
		question: "Who sold the Sarajevo Canton Interior Ministry its body cams, made by whom, for how much and when?",
		docs:     []string{srcNewsletter, srcBodycams},
		query: `query($buyer: ID) { supplyChains(buyer: $buyer) { totalCount edges { node {
			supplier { id name } manufacturer { id } manufacturers { id } intermediaries { id }
			agreement { id ... on Agreement { status } } products { id } subject
			value { amount currency text } date ` + cite + ` } } } }`,
		vars: map[string]any{"buyer": "sarajevo-canton-ministry-of-interior"},
		want: []string{`"supplier":{"id":"mibo-komunikacije"`, `"manufacturer":{"id":"hytera"}`, `"date":"2023-11"`},
		check: func(t *testing.T, d j) {
			// One purchase, one supplier: MIBO sold, Hytera made.
			eq(t, "totalCount", d.num("supplyChains.totalCount"), 1)
			c := d.at("supplyChains.edges.0.node")
			eq(t, "supplier", c.str("supplier.id"), "mibo-komunikacije")
			eq(t, "manufacturer", c.str("manufacturer.id"), "hytera")
			sameSet(t, "manufacturers", c.strs("manufacturers", "id"), []string{"hytera"})
			eq(t, "agreement", c.str("agreement.id"), "sarajevo-canton-bodycam-purchase-2023")
			sameSet(t, "products", c.strs("products", "id"), []string{"hytera-body-cameras", "hytera-body-camera-software"})
			money(t, c, "value", 200000, "EUR", "200,000-euro")
			eq(t, "date", c.str("date"), "2023-11")
			c.cited(t, "sources", srcBodycams, srcNewsletter)
			c.quoted(t, "sources", "acquired from a Sarajevo-based supplier called MIBO Komunikacije in November 2023")
			c.quoted(t, "sources", "200,000-euro")
		},
	},
	{
		question: "Which Huawei contracts in Uzbekistan did China Development Bank finance, and what were they worth?",
		docs:     []string{srcJamestown},
		query: `{
			entity(id: "china-development-bank") { ... on FinancialInstitution { financed {
				type role ` + cite + `
				to { id country { id } ... on Agreement { date endDate value { amount currency text }
					parties { type from { id } ` + cite + ` } } } } } }
			agreementTotals(groupBy: FINANCIER, filter: { financier: "china-development-bank", country: "uzbekistan" }) {
				key currency amount count agreements { id } } }`,
		check: func(t *testing.T, d j) {
			fin := d.list("entity.financed")
			var ids []string
			for _, f := range fin {
				ids = append(ids, f.str("to.id"))
				eq(t, f.str("to.id")+" type", f.str("type"), "FUNDS")
				eq(t, f.str("to.id")+" country", f.str("to.country.id"), "uzbekistan")
				f.cited(t, "sources", srcJamestown)
				huawei := false
				for _, p := range f.list("to.parties") {
					huawei = huawei || p.str("from.id") == "huawei" && p.str("type") == "SIGNATORY_OF"
				}
				if !huawei {
					t.Errorf("%s: Huawei is not a signatory", f.str("to.id"))
				}
			}
			sameSet(t, "financed", ids, []string{"huawei-uzbekistan-telecom-modernization-1997", "huawei-uzbekistan-5g-deal-2011"})
			telecom := d.one(t, "entity.financed", "role", "financed in large part")
			eq(t, "1997 contract", telecom.str("to.id"), "huawei-uzbekistan-telecom-modernization-1997")
			money(t, telecom, "to.value", 21200000, "USD", "$21.2 million")
			eq(t, "1997 contract date", telecom.str("to.date"), "1997")
			eq(t, "1997 contract completed", telecom.str("to.endDate"), "2008")
			fiveG := d.one(t, "entity.financed", "role", "financed in part")
			eq(t, "2011 deal", fiveG.str("to.id"), "huawei-uzbekistan-5g-deal-2011")
			money(t, fiveG, "to.value", 18000000, "USD", "$18 million")
			eq(t, "2011 deal date", fiveG.str("to.date"), "2011")
			tot := d.list("agreementTotals")
			if len(tot) != 1 {
				t.Fatalf("want one total, got %d", len(tot))
			}
			eq(t, "total key", tot[0].str("key"), "china-development-bank")
			eq(t, "total currency", tot[0].str("currency"), "USD")
			eq(t, "total amount", tot[0].num("amount"), 39200000)
			eq(t, "total count", tot[0].num("count"), 2)
		},
	},
	{
		question: "Which Western Balkan states joined the Clean Network, and when?",
		docs:     []string{srcAMO},
		query: `{ entity(id: "clean-network") { ... on Initiative { members {
			type startDate from { id kind } ` + cite + ` } } } }`,
		check: func(t *testing.T, d j) {
			joined := map[string]j{}
			for _, m := range d.where("entity.members", "type", "MEMBER_OF") {
				joined[m.str("from.id")] = m
				m.cited(t, "sources", srcAMO)
			}
			var ids []string
			for id := range joined {
				ids = append(ids, id)
			}
			sameSet(t, "members", ids, []string{"albania", "kosovo", "north-macedonia"})
			eq(t, "Albania joined", joined["albania"].str("startDate"), "2020-08")
			joined["albania"].quoted(t, "sources", "Albania joined the 'Clean Network' initiative in August of 2020")
			eq(t, "Kosovo joined", joined["kosovo"].str("startDate"), "2020-10")
			joined["kosovo"].quoted(t, "sources", "in October 2020")
			// The paper says North Macedonia joined but gives no date.
			if !joined["north-macedonia"].null("startDate") {
				t.Errorf("North Macedonia's startDate = %v, but the paper gives none", joined["north-macedonia"].str("startDate"))
			}
			for _, s := range []string{"serbia", "montenegro", "bosnia-and-herzegovina"} {
				if _, ok := joined[s]; ok {
					t.Errorf("%s is a member, but the paper says it has not joined", s)
				}
			}
		},
	},
	{
		question: "What did Huawei discount on Serbia's March 2024 eLTE order?",
		docs:     []string{srcSafeCity},
		want:     []string{`"currency":"EUR","text":"a 57 percent discount worth more than $1.7 million (1.5 million euros)"`},
		query: `{ entity(id: "serbia-moi-huawei-elte-order-2024") { id ... on Agreement {
			date value { amount currency text } discount { amount currency text }
			parties { type from { id } }
			relationships(types: [COVERS], direction: OUT) { edges { node { to { id } amount { amount currency text } note ` + cite + ` } } }
			` + cite + ` } } }`,
		check: func(t *testing.T, d j) {
			o := d.at("entity")
			eq(t, "date", o.str("date"), "2024-03")
			money(t, o, "value", 2600000, "EUR", "2.6 million euros")
			money(t, o, "discount", 1500000, "EUR", "57 percent")
			eq(t, "supplier", o.one(t, "parties", "type", "SUPPLIER_OF").str("from.id"), "huawei")
			eq(t, "buyer", o.one(t, "parties", "type", "BUYER_OF").str("from.id"), "serbia-ministry-of-interior")
			eq(t, "intermediary", o.one(t, "parties", "type", "INTERMEDIARY_OF").str("from.id"), "informatika-ad")
			o.cited(t, "sources", srcSafeCity)
			o.quoted(t, "sources", `"one-time discount"`)
			o.quoted(t, "sources", "57 percent discount worth more than $1.7 million (1.5 million euros)")
			// The GIS package: 961,501.72 euros discounted 92 percent to 69,087.69 euros.
			gis := o.one(t, "relationships.edges", "node.to.id", "gis-source-access-software").at("node")
			money(t, gis, "amount", 69087.69, "EUR", "69,087.69 euros")
			gis.quoted(t, "sources", "961,501.72 euros")
			gis.quoted(t, "sources", "92 percent discount")
		},
	},

	// ---- 000 and 001: the Sarajevo body cams and the 2024 briefing ----
	{
		question: "Who owns part of Hytera, and how large a share?",
		docs:     []string{srcNewsletter, srcBodycams},
		query:    `{ entity(id: "hytera") { ... on Company { owners { from { id } properties { name value } note ` + cite + ` } } } }`,
		check: func(t *testing.T, d j) {
			o := d.one(t, "entity.owners", "from.id", "china")
			eq(t, "share", o.one(t, "properties", "name", "share").str("value"), "10")
			o.cited(t, "sources", srcBodycams, srcNewsletter)
			o.quoted(t, "sources", "owns approximately 10 percent of Hytera through an investment fund")
		},
	},
	{
		question: "What did a US jury award Motorola against Hytera, and when?",
		docs:     []string{srcNewsletter, srcBodycams},
		query: `{ search(query: "Motorola Hytera trade secrets", kinds: [EVENT], first: 3) { edges { node { id
			... on Event { date status
				parties { type role from { id } amount { amount currency text } properties { name value } ` + cite + ` } } } } } }`,
		check: func(t *testing.T, d j) {
			c := d.at("search.edges.0.node")
			eq(t, "top hit", c.str("id"), "motorola-v-hytera-trade-secrets-case")
			eq(t, "date", c.str("date"), "2020")
			// Event has no value field: the damages are on the parties' roles.
			plaintiff := c.one(t, "parties", "from.id", "motorola")
			money(t, plaintiff, "amount", 748000000, "USD", "more than $748 million")
			if !strings.Contains(plaintiff.one(t, "properties", "name", "outcome").str("value"), "ruled in favor of Motorola") {
				t.Errorf("outcome = %v", plaintiff.at("properties").v)
			}
			eq(t, "motorola role", plaintiff.str("role"), "plaintiff")
			eq(t, "hytera role", c.one(t, "parties", "from.id", "hytera").str("role"), "defendant")
			plaintiff.cited(t, "sources", srcBodycams, srcNewsletter)
			plaintiff.quoted(t, "sources", "awarded more than $748 million in damages")
		},
	},
	{
		question: "When was the Sarajevo police body-cam pilot promised and launched, and who takes part?",
		docs:     []string{srcNewsletter, srcBodycams},
		query: `{ entity(id: "sarajevo-canton-bodycam-pilot") { ... on Project { date startDate status
			relationships(direction: IN, first: 50) { edges { node { type from { id } role ` + cite + ` } } }
			` + cite + ` } } }`,
		check: func(t *testing.T, d j) {
			p := d.at("entity")
			eq(t, "promised", p.str("date"), "2021")
			eq(t, "launched", p.str("startDate"), "2024-07-01")
			p.cited(t, "sources", srcBodycams, srcNewsletter)
			p.quoted(t, "sources", "the program launched on July 1")
			in := map[string]string{}
			for _, e := range p.list("relationships.edges") {
				in[e.str("node.from.id")+" "+e.str("node.type")] = e.str("node.role")
			}
			for _, k := range []string{
				"sarajevo-canton-ministry-of-interior IMPLEMENTER_OF",
				"sarajevo-canton-traffic-police INVOLVED_IN",
				"sarajevo-canton-government INVOLVED_IN",
				"sarajevo-canton-bodycam-purchase-2023 PART_OF",
			} {
				if _, ok := in[k]; !ok {
					t.Errorf("pilot lacks %s (has %v)", k, in)
				}
			}
		},
	},
	{
		question: "How much did BYD pledge for its Uzbek electric-car factory, when did it open and with whom?",
		docs:     []string{srcNewsletter},
		query: `{ search(query: "BYD Uzbekistan factory", kinds: [PROJECT], first: 3) { edges { node { id
			... on Project { date value { amount currency text } parties { type from { id } ` + cite + ` } ` + cite + ` } } } } }`,
		check: func(t *testing.T, d j) {
			f := d.at("search.edges.0.node")
			eq(t, "top hit", f.str("id"), "byd-uzbekistan-ev-factory")
			eq(t, "opened", f.str("date"), "2024-06")
			money(t, f, "value", 160000000, "USD", "$160 million")
			var parties []string
			for _, p := range f.list("parties") {
				parties = append(parties, p.str("from.id")+" "+p.str("type"))
				p.cited(t, "sources", srcNewsletter)
			}
			contains(t, "parties", parties, "byd IMPLEMENTER_OF", "byd FUNDS", "uzauto IMPLEMENTER_OF")
			f.cited(t, "sources", srcNewsletter)
			f.quoted(t, "sources", "BYD pledged a $160 million investment")
		},
	},
	{
		question: "What happened at Kazakhstan's Dostyk border crossing in September 2024?",
		docs:     []string{srcNewsletter},
		query: `{ timeline(entity: "kazakhstan", from: "2024-09", to: "2024-09") { date precision kind title
			entity { id } ` + cite + ` } }`,
		check: func(t *testing.T, d j) {
			e := d.one(t, "timeline", "entity.id", "kazakhstan-dostyk-container-suspension-2024")
			eq(t, "date", e.str("date"), "2024-09-02")
			eq(t, "precision", e.str("precision"), "DAY")
			e.cited(t, "sources", srcNewsletter)
			e.quoted(t, "sources", "Dostyk border crossing")
		},
	},

	// ---- 002: the AMO paper ----
	{
		question: "Which Huawei supply deals with Serbian buyers does the graph know, and for how much?",
		docs:     []string{srcAMO, srcSafeCity},
		query: `{ supplyChains(supplier: "huawei", country: "serbia") { totalCount edges { node {
			buyer { id } agreement { id } value { amount currency text } date ` + cite + ` } } } }`,
		check: func(t *testing.T, d j) {
			var deals []string
			for _, e := range d.list("supplyChains.edges") {
				deals = append(deals, e.str("node.agreement.id")+" <- "+e.str("node.buyer.id"))
				e.at("node").cited(t, "sources")
			}
			contains(t, "deals", deals,
				"telekom-srbija-all-ip-project <- telekom-srbija",
				"telekom-srbija-huawei-all-ip-amendments-2016 <- telekom-srbija",
				"safe-city-belgrade <- serbia-ministry-of-interior",
				"serbia-moi-huawei-elte-order-2024 <- serbia-ministry-of-interior")
			allIP := d.one(t, "supplyChains.edges", "node.agreement.id", "telekom-srbija-all-ip-project").at("node")
			money(t, allIP, "value", 150000000, "EUR", "€150 million")
			allIP.cited(t, "sources", srcAMO)
		},
	},
	{
		question: "When was Safe City Belgrade announced, and do the sources agree?",
		docs:     []string{srcAMO, srcSafeCity},
		query: `{ entity(id: "safe-city-belgrade") { ... on Project { date
			variants { field value citation { quote source { id } } } ` + cite + ` } } }`,
		check: func(t *testing.T, d j) {
			p := d.at("entity")
			eq(t, "date (AMO)", p.str("date"), "2019-01")
			p.cited(t, "sources", srcAMO, srcSafeCity)
			p.quoted(t, "sources", "in January 2019")
			v := p.one(t, "variants", "field", "date")
			eq(t, "variant", v.str("value"), "2017")
			eq(t, "variant source", v.str("citation.source.id"), srcSafeCity)
			if !strings.Contains(v.str("citation.quote"), "first announced in 2017") {
				t.Errorf("variant quote = %q", v.str("citation.quote"))
			}
		},
	},
	{
		question: "How is Montenegro's Bar-Boljare highway financed, and what does it cost?",
		docs:     []string{srcAMO},
		query: `{ entity(id: "bar-boljare-highway") { ... on Project { value { amount currency text }
			parties { type from { id } ` + cite + ` }
			relationships(types: [PART_OF], direction: IN) { edges { node { from { id
				... on Agreement { category parties { type from { id } ` + cite + ` } } } } } } } } }`,
		check: func(t *testing.T, d j) {
			h := d.at("entity")
			money(t, h, "value", 1300000000, "EUR", "€1.3 billion")
			h.one(t, "parties", "from.id", "china").cited(t, "sources", srcAMO)
			eq(t, "china funds", h.one(t, "parties", "from.id", "china").str("type"), "FUNDS")
			loan := h.one(t, "relationships.edges", "node.from.id", "montenegro-china-bar-boljare-loan").at("node.from")
			eq(t, "loan category", loan.str("category"), "loan")
			eq(t, "lender", loan.one(t, "parties", "type", "LENDER_OF").str("from.id"), "china")
			eq(t, "borrower", loan.one(t, "parties", "type", "BORROWER_OF").str("from.id"), "montenegro")
			loan.one(t, "parties", "type", "LENDER_OF").cited(t, "sources", srcAMO)
		},
	},
	{
		question: "Which agreements and projects in Serbia involve Huawei, and when were they dated?",
		docs:     []string{srcAMO, srcSafeCity},
		query: `{ entities(filter: { kinds: [AGREEMENT, PROJECT], countries: ["serbia"],
			hasRelationship: { otherIds: ["huawei"], direction: IN } }, orderBy: { field: ID }, first: 100) {
			totalCount edges { node { id ... on Agreement { date } ... on Project { date startDate } ` + cite + ` } } } }`,
		check: func(t *testing.T, d j) {
			dates := map[string]string{}
			for _, e := range d.list("entities.edges") {
				dates[e.str("node.id")] = e.str("node.date")
				e.at("node").cited(t, "sources")
			}
			for id, date := range map[string]string{
				"serbia-moi-huawei-safe-society-mou-2014":                "2014",
				"serbia-moi-huawei-safe-city-strategic-partnership-2017": "2017",
				"telekom-srbija-huawei-all-ip-framework-agreement-2016":  "2016",
				"telekom-srbija-all-ip-project":                          "2016",
				"safe-city-belgrade":                                     "2019-01",
				"serbia-huawei-smart-city-mou-2019":                      "2019-04",
				"huawei-kragujevac-city-data-center-grant":               "",
				"serbia-moi-huawei-elte-order-2024":                      "2024-03",
				"serbia-safe-city":                                       "2017",
				"telekom-srbija-huawei-all-ip-amendments-2016":           "2016",
			} {
				got, ok := dates[id]
				if !ok {
					t.Errorf("%s is missing", id)
				} else if got != date {
					t.Errorf("%s dated %q, want %q", id, got, date)
				}
			}
		},
	},
	{
		question: "Which Chinese camera makers did Serbia's Interior Ministry deny cooperating with, and whom did it name instead?",
		docs:     []string{srcAMO},
		query: `{ entity(id: "serbia-ministry-of-interior") { relationships(types: [DENIES_LINK_TO, PARTNERS_WITH], direction: OUT) {
			edges { node { type to { id } properties { name value } ` + cite + ` } } } } }`,
		check: func(t *testing.T, d j) {
			var denied []string
			for _, e := range d.where("entity.relationships.edges", "node.type", "DENIES_LINK_TO") {
				denied = append(denied, e.str("node.to.id"))
				if e.at("node").one(t, "properties", "name", "statement").str("value") == "" {
					t.Errorf("denial of %s has no statement", e.str("node.to.id"))
				}
				e.at("node").cited(t, "sources", srcAMO)
			}
			sameSet(t, "denied", denied, []string{"dahua", "hikvision"})
			p := d.one(t, "entity.relationships.edges", "node.type", "PARTNERS_WITH").at("node")
			eq(t, "partner", p.str("to.id"), "huawei")
			p.quoted(t, "sources", "but it does have one with Huawei")
		},
	},
	{
		question: "Which companies have agreements or projects with Serbian government bodies?",
		docs:     []string{srcAMO, srcSafeCity},
		// Without types, hasRelationship also matches direct links such as the
		// ministry's DENIES_LINK_TO Hikvision and Dahua: an analyst must name
		// the company's roles to get deals only.
		query: `{ entities(filter: { kinds: [COMPANY], hasRelationship: { throughAgreement: true,
			types: [SUPPLIER_OF, SIGNATORY_OF, INTERMEDIARY_OF, IMPLEMENTER_OF, GRANTOR_OF, BUYER_OF],
			otherKinds: [GOVERNMENT_BODY], otherCountries: ["serbia"] } }) { totalCount edges { node { id ` + cite + ` } } } }`,
		check: func(t *testing.T, d j) {
			var ids []string
			for _, e := range d.list("entities.edges") {
				ids = append(ids, e.str("node.id"))
				e.at("node").cited(t, "sources")
			}
			contains(t, "companies", ids, "huawei", "informatika-ad")
			for _, no := range []string{"hytera", "mibo-komunikacije", "hikvision", "dahua"} {
				if slices.Contains(ids, no) {
					t.Errorf("%s has no deal with a Serbian body", no)
				}
			}
		},
	},
	{
		question: "Which 2015 Chinese document first proposed the Information Silk Road, and who issued it?",
		docs:     []string{srcAMO, srcJamestown},
		query: `{ search(query: "2015 White Paper Belt and Road Information Silk Road", kinds: [INITIATIVE], first: 5) { edges { node { id name aliases
			... on Initiative { date relationships(types: [SIGNATORY_OF, PART_OF, AFFECTS], first: 20) { edges { node { type from { id } to { id } } } } }
			` + cite + ` } } } }`,
		check: func(t *testing.T, d j) {
			var ids []string
			for _, e := range d.list("search.edges") {
				ids = append(ids, e.str("node.id"))
			}
			if slices.Contains(ids, "belt-and-road-white-paper-2015") {
				t.Errorf("the 2015 white paper (004) and Vision and Actions (002) are one document, found twice: %v", ids)
			}
			doc := d.one(t, "search.edges", "node.id", "vision-and-actions-belt-and-road-2015").at("node")
			eq(t, "date", doc.str("date"), "2015-03-28")
			doc.cited(t, "sources", srcAMO, srcJamestown)
			doc.quoted(t, "sources", "Information Silk Road")
			var rels []string
			for _, e := range doc.list("relationships.edges") {
				rels = append(rels, e.str("node.from.id")+" "+e.str("node.type")+" "+e.str("node.to.id"))
			}
			contains(t, "relationships", rels,
				"china-national-development-and-reform-commission SIGNATORY_OF vision-and-actions-belt-and-road-2015",
				"china-ministry-of-foreign-affairs SIGNATORY_OF vision-and-actions-belt-and-road-2015",
				"china-ministry-of-commerce SIGNATORY_OF vision-and-actions-belt-and-road-2015",
				"vision-and-actions-belt-and-road-2015 PART_OF belt-and-road-initiative",
				"vision-and-actions-belt-and-road-2015 AFFECTS digital-silk-road")
		},
	},

	// ---- 003: Serbia's Safe City (2025) and the Alaska summit ----
	{
		question: "Which Serbian cities have deployed Safe City with Huawei?",
		docs:     []string{srcSafeCity},
		query: `{ entity(id: "serbia-safe-city") { ... on Project { relationships(types: [INVOLVED_IN], direction: IN) {
			edges { node { from { id kind } ` + cite + ` } } } parties { type from { id } } } } }`,
		check: func(t *testing.T, d j) {
			var cities []string
			for _, e := range d.list("entity.relationships.edges") {
				if e.str("node.from.kind") == "PLACE" {
					cities = append(cities, e.str("node.from.id"))
					e.at("node").cited(t, "sources", srcSafeCity)
					e.at("node").quoted(t, "sources", "have deployed Safe City programs in cooperation with Huawei")
				}
			}
			sameSet(t, "cities", cities, []string{"belgrade", "novi-sad", "nis"})
			eq(t, "supplier", d.one(t, "entity.parties", "type", "SUPPLIER_OF").str("from.id"), "huawei")
		},
	},
	{
		question: "Who procured the eLTE order for the Interior Ministry, and how did it leak?",
		docs:     []string{srcSafeCity},
		query: `{ paths(from: "informatika-ad", to: "serbia-moi-huawei-elte-order-2024", maxHops: 2, first: 10) {
			length nodes { id ... on Event { date } } relationships { type from { id } to { id } role ` + cite + ` } } }`,
		check: func(t *testing.T, d j) {
			var hops []string
			hackDate := ""
			for _, p := range d.list("paths") {
				for _, r := range p.list("relationships") {
					hops = append(hops, r.str("from.id")+" "+r.str("type")+" "+r.str("to.id"))
					r.cited(t, "sources", srcSafeCity)
				}
				for _, n := range p.list("nodes") {
					if n.str("id") == "informatika-ad-hack-2025" {
						hackDate = n.str("date")
					}
				}
			}
			contains(t, "hops", hops,
				"informatika-ad INTERMEDIARY_OF serbia-moi-huawei-elte-order-2024",
				"informatika-ad-hack-2025 AFFECTS informatika-ad",
				"informatika-ad-hack-2025 AFFECTS serbia-moi-huawei-elte-order-2024")
			eq(t, "hack date", hackDate, "2025-06")
		},
	},
	{
		question: "When did the US ban exports of Nvidia's H20 chip to China, and what happened next?",
		docs:     []string{srcSafeCity},
		query:    `{ timeline(entity: "nvidia-h20") { date kind title entity { id } relationship { type from { id } } ` + cite + ` } }`,
		check: func(t *testing.T, d j) {
			var ban, reversal j
			for _, e := range d.list("timeline") {
				if e.str("relationship.type") == "BANS" && e.str("relationship.from.id") == "united-states" {
					ban = e
				}
				if e.str("entity.id") == "us-h20-export-ban-reversal-2025" {
					reversal = e
				}
			}
			eq(t, "ban date", ban.str("date"), "2025-04")
			ban.cited(t, "sources", srcSafeCity)
			ban.quoted(t, "sources", "imposed an export ban on H20 chips going to China")
			eq(t, "reversal date", reversal.str("date"), "2025")
			reversal.cited(t, "sources", srcSafeCity)
		},
	},

	// ---- 004: Safe Cities in Uzbekistan ----
	{
		question: "Since when has Huawei been present in Uzbekistan?",
		docs:     []string{srcJamestown},
		query:    `{ relationship(id: "huawei|LOCATED_IN|uzbekistan") { startDate variants { field value citation { quote source { id } } } ` + cite + ` } }`,
		check: func(t *testing.T, d j) {
			r := d.at("relationship")
			eq(t, "startDate", r.str("startDate"), "1997")
			r.cited(t, "sources", srcJamestown)
			v := r.one(t, "variants", "field", "startDate")
			eq(t, "variant", v.str("value"), "1999")
			eq(t, "variant source", v.str("citation.source.id"), srcJamestown)
		},
	},
	{
		question: "What did Huawei donate to Uzbekistan during COVID-19, and when?",
		docs:     []string{srcJamestown},
		query: `{ entity(id: "huawei-uzbekistan-covid-donation-2020") { ... on Agreement { date category
			parties { type from { id } ` + cite + ` } products { id } ` + cite + ` } } }`,
		check: func(t *testing.T, d j) {
			g := d.at("entity")
			eq(t, "date", g.str("date"), "2020-03")
			eq(t, "grantor", g.one(t, "parties", "type", "GRANTOR_OF").str("from.id"), "huawei")
			eq(t, "grantee", g.one(t, "parties", "type", "GRANTEE_OF").str("from.id"), "uzbekistan")
			sameSet(t, "products", g.strs("products", "id"), []string{"thermographic-cameras", "video-calling-service"})
			g.cited(t, "sources", srcJamestown)
			g.quoted(t, "sources", "In March 2020, Huawei donated thermographic cameras")
		},
	},
	{
		question: "Who carries out the Bukhara Safe Tourism pilot, since when, and what does it include?",
		docs:     []string{srcJamestown},
		query: `{ entity(id: "bukhara-safe-tourism-pilot") { ... on Project { date
			parties { type startDate from { id } ` + cite + ` } products { id }
			relationships(types: [PART_OF], direction: OUT) { edges { node { to { id } } } } } } }`,
		check: func(t *testing.T, d j) {
			p := d.at("entity")
			eq(t, "date", p.str("date"), "2018")
			var impl []string
			for _, r := range p.where("parties", "type", "IMPLEMENTER_OF") {
				impl = append(impl, r.str("from.id"))
				eq(t, r.str("from.id")+" since", r.str("startDate"), "2018")
				r.cited(t, "sources", srcJamestown)
			}
			sameSet(t, "implementers", impl, []string{"huawei-tech-investment-tashkent", "uzbekistan-state-committee-for-tourism-development", "uzbekistan-ministry-of-internal-affairs"})
			eq(t, "supplier", p.one(t, "parties", "type", "SUPPLIER_OF").str("from.id"), "huawei")
			contains(t, "products", p.strs("products", "id"), "converged-command-center", "unified-lte-communication-network", "hd-video-cameras-face-recognition")
			eq(t, "part of", p.str("relationships.edges.0.node.to.id"), "uzbekistan-safe-city")
		},
	},
	{
		question: "Is Seeds for the Future in Uzbekistan part of Huawei's global Seeds for the Future program?",
		docs:     []string{srcJamestown, srcAMO},
		query: `{ entity(id: "huawei-seeds-for-the-future-uzbekistan") { ... on Project { startDate
			relationships(types: [PART_OF, IMPLEMENTER_OF]) { edges { node { type from { id } to { id } ` + cite + ` } } } } } }`,
		check: func(t *testing.T, d j) {
			p := d.at("entity")
			eq(t, "launched", p.str("startDate"), "2017")
			part := p.one(t, "relationships.edges", "node.to.id", "huawei-seeds-for-the-future").at("node")
			eq(t, "type", part.str("type"), "PART_OF")
			part.cited(t, "sources", srcJamestown, srcAMO)
			part.quoted(t, "sources", "the global 'Seeds for the Future' program")
			eq(t, "implementer", p.one(t, "relationships.edges", "node.type", "IMPLEMENTER_OF").str("node.from.id"), "huawei")
		},
	},

	// ---- all documents ----
	{
		question: "Which documents back the graph, and does each support facts?",
		docs:     []string{srcNewsletter, srcBodycams, srcAMO, srcSafeCity, srcJamestown},
		query: `{ sources { id title date entities(first: 1) { totalCount edges { node { id ` + cite + ` } } }
			relationships(first: 1) { totalCount } } }`,
		check: func(t *testing.T, d j) {
			var ids []string
			for _, s := range d.list("sources") {
				ids = append(ids, s.str("id"))
				if s.num("entities.totalCount") < 10 || s.num("relationships.totalCount") < 10 {
					t.Errorf("%s supports %v entities and %v relationships", s.str("id"), s.num("entities.totalCount"), s.num("relationships.totalCount"))
				}
				s.at("entities.edges.0.node").cited(t, "sources")
			}
			sameSet(t, "sources", ids, []string{srcNewsletter, srcBodycams, srcAMO, srcSafeCity, srcJamestown})
		},
	},
}
