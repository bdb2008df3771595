package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// Queries about agreements and projects: who supplies whom, what happened
// when, and how much.

// inRange is true when a date string overlaps [$from, $to], comparing at the
// coarser precision: 2024 is within from 2024-03.
const inRange = `($from IS NULL OR left(%[1]s, size($from)) >= left($from, size(%[1]s)))
	AND ($to IS NULL OR left(%[1]s, size($to)) <= left($to, size(%[1]s)))`

func dateParam(d domain.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// SupplyChainFilter selects supply chains.
type SupplyChainFilter struct {
	Supplier, Buyer, Country, Product string
	From, To                          domain.Date
}

// SupplyChain is who supplies whom via which agreement.
type SupplyChain struct {
	Supplier, Agreement domain.Entity
	Buyer               *domain.Entity // nil when the graph names no buyer
	Manufacturers       []domain.Entity
	Intermediaries      []domain.Entity
	Financiers          []domain.Entity
	Products            []domain.Entity
	// Citations of the agreement, the supplier's role and the buyer's role.
	Citations []domain.Citation
}

// A supply chain is one row per supplier relationship and buyer
// relationship of an agreement (or per supplier relationship alone, when the
// agreement has no buyer). Rows are ordered by the agreement's date and id,
// then supplier and buyer, so that a page needs only the agreements that
// reach it: the statement counts each agreement's rows from its degrees and
// its matching buyers, sorts agreements rather than rows, and expands the
// first offset+limit agreements only (each has at least one row). A hub
// country with half a million chains costs a sort of its agreements.

// supplyChainAnchors yield (d, rb): an agreement and one of its buyer
// relationships, or null when it has none, starting from the most selective
// filter through an index rather than from every SUPPLIER_OF relationship.
// The ontology lets only entities take part in these relationships, so the
// far ends need no label check. implies names the filter an anchor already
// guarantees.
var supplyChainAnchors = map[string]struct{ cypher, implies string }{
	"supplier": {`MATCH (:Entity {id: $supplier})-[:SUPPLIER_OF]->(d)
		WITH DISTINCT d OPTIONAL MATCH ()-[rb:BUYER_OF]->(d)`, ""},
	"buyer": {`MATCH (:Entity {id: $buyer})-[rb:BUYER_OF]->(d) WHERE EXISTS { (d)<-[:SUPPLIER_OF]-() }`, "buyer"},
	"country": {`CALL () {
			MATCH (b:Entity {country: $country}) WHERE ` + kindTest("b", domain.RelBuyerOf.Info().From) + `
			MATCH (b)-[rb:BUYER_OF]->(d) RETURN d, rb
			UNION MATCH (:Entity {id: $country})-[rb:BUYER_OF]->(d) RETURN d, rb
			UNION MATCH (d:Entity {country: $country}) WHERE ` + kindTest("d", domain.RelSupplierOf.Info().To) + ` AND EXISTS { (d)<-[:SUPPLIER_OF]-() }
				OPTIONAL MATCH ()-[rb:BUYER_OF]->(d) RETURN d, rb
		}`, "country"},
	"": {`MATCH ()-[:SUPPLIER_OF]->(d) WITH DISTINCT d OPTIONAL MATCH ()-[rb:BUYER_OF]->(d)`, ""},
}

// kindTest tests v's label against kinds (from the ontology, never from
// input). A country's entities are a quarter of a hub country's graph; testing
// the kinds a relationship allows before expanding spares reading the
// relationship chains of all the others (its agreements, people, products).
func kindTest(v string, kinds []domain.Kind) string {
	tests := make([]string, len(kinds))
	for i, k := range kinds {
		tests[i] = v + ":" + string(k)
	}
	return "(" + strings.Join(tests, " OR ") + ")"
}

// supplyChainConditions are the filters on (d, rb), each entering the
// statement only when given and not implied by the anchor.
// ofBuyer marks those that select buyers rather than agreements.
var supplyChainConditions = []struct {
	filter, cypher string
	ofBuyer        bool
}{
	{"buyer", `startNode(rb).id = $buyer`, true},
	{"country", `(startNode(rb).country = $country OR startNode(rb).id = $country OR d.country = $country)`, true},
	{"date", `coalesce(d.date, d.startDate) IS NOT NULL AND ` + fmt.Sprintf(inRange, "coalesce(d.date, d.startDate)"), false},
	{"product", `(toLower(coalesce(d.subject, '')) CONTAINS toLower($product)
		OR EXISTS { MATCH (d)-[:COVERS]->(p:Entity) WHERE p.id = $product OR toLower(p.name) CONTAINS toLower($product) })`, false},
}

const supplyChainOrder = `coalesce(d.date, d.startDate, '9999'), d.id`

// supplyChainsPage sorts the counted agreements, expands the head into rows
// and fetches products, intermediaries, financiers and makers for the page
// only. %[1]s counts an agreement's supplier relationships, %[2]s matches
// them, %[3]s filters the buyers again (the count keeps no lists: a hub
// country has tens of thousands of agreements, and 32 such requests at once
// exceeded Neo4j's transaction memory).
const supplyChainsPage = `
	WITH d, count(*) AS pairs
	WITH d, pairs * %[1]s AS n WHERE n > 0
	WITH d, n ORDER BY ` + supplyChainOrder + `
	WITH collect({d: d, n: n}) AS agreements
	WITH reduce(total = 0, a IN agreements | total + a.n) AS total, agreements[0..$offset + $limit] AS head
	CALL (head) {
		UNWIND head AS a
		WITH a.d AS d
		MATCH %[2]s
		OPTIONAL MATCH ()-[rb:BUYER_OF]->(d)
%[3]s
		WITH s, rs, d, rb, startNode(rb) AS b
		ORDER BY ` + supplyChainOrder + `, s.sortName, s.id, b.sortName, b.id, rs.id, rb.id
		WITH collect({s: s, b: b, d: d, rs: rs, rb: rb})[$offset..$offset + $limit] AS items
		UNWIND items AS it
		WITH it, it.d AS d
		WITH it,
			COLLECT { MATCH (d)-[:COVERS]->(p:Entity) RETURN p ORDER BY p.sortName } AS products,
			COLLECT { MATCH (i:Entity)-[:INTERMEDIARY_OF]->(d) RETURN i ORDER BY i.sortName } AS intermediaries,
			COLLECT { MATCH (f:Entity)-[:LENDER_OF|FUNDS|GRANTOR_OF|GUARANTOR_OF]->(d) RETURN DISTINCT f ORDER BY f.sortName } AS financiers
		WITH it, products, intermediaries, financiers,
			COLLECT { UNWIND products AS p MATCH (mk:Entity)-[:MAKES]->(p) RETURN DISTINCT mk ORDER BY mk.sortName } AS makers
		RETURN collect(it {.*, products: products, intermediaries: intermediaries, financiers: financiers, makers: makers}) AS page
	}
	RETURN total, page`

// supplyChainsCypher assembles the statement for the filters given; its
// parts come from the tables above only.
func supplyChainsCypher(f SupplyChainFilter) string {
	given := map[string]bool{"supplier": f.Supplier != "", "buyer": f.Buyer != "", "country": f.Country != "",
		"date": !f.From.IsZero() || !f.To.IsZero(), "product": f.Product != ""}
	anchor := ""
	for _, name := range []string{"supplier", "buyer", "country"} {
		if given[name] {
			anchor = name
			break
		}
	}
	a := supplyChainAnchors[anchor]
	var where, buyerWhere []string
	for _, c := range supplyChainConditions {
		if given[c.filter] && c.filter != a.implies {
			where = append(where, c.cypher)
		}
		if given[c.filter] && c.ofBuyer {
			buyerWhere = append(buyerWhere, c.cypher)
		}
	}
	cypher := a.cypher + whereClause("d, rb", where)
	count, match := `COUNT { (d)<-[:SUPPLIER_OF]-() }`, `(s:Entity)-[rs:SUPPLIER_OF]->(d)`
	if given["supplier"] {
		count, match = `COUNT { (:Entity {id: $supplier})-[:SUPPLIER_OF]->(d) }`, `(s:Entity {id: $supplier})-[rs:SUPPLIER_OF]->(d)`
	}
	return cypher + fmt.Sprintf(supplyChainsPage, count, match, whereClause("s, rs, d, rb", buyerWhere))
}

// whereClause joins conditions into a WITH of vars ... WHERE, or nothing.
func whereClause(vars string, conditions []string) string {
	if len(conditions) == 0 {
		return ""
	}
	return "\n\tWITH " + vars + " WHERE " + strings.Join(conditions, "\n\t\tAND ")
}

// SupplyChains returns a page of supply chains and their total.
func (s *Store) SupplyChains(ctx context.Context, f SupplyChainFilter, page Page) ([]SupplyChain, int, error) {
	return readPage(ctx, s, supplyChainsCypher(f), map[string]any{
		"supplier": orNilString(f.Supplier), "buyer": orNilString(f.Buyer), "country": orNilString(f.Country),
		"product": orNilString(f.Product), "from": dateParam(f.From), "to": dateParam(f.To),
		"offset": page.Offset, "limit": page.Limit,
	}, decodeSupplyChain, ref{"supplier", f.Supplier}, ref{"buyer", f.Buyer}, ref{"country", f.Country})
}

func decodeSupplyChain(v any) (SupplyChain, error) {
	m, _ := v.(map[string]any)
	var c SupplyChain
	var err error
	for _, f := range []struct {
		key string
		dst *domain.Entity
	}{{"s", &c.Supplier}, {"d", &c.Agreement}} {
		if *f.dst, err = nodeEntity(m[f.key]); err != nil {
			return c, err
		}
	}
	if m["b"] != nil {
		b, err := nodeEntity(m["b"])
		if err != nil {
			return c, err
		}
		c.Buyer = &b
	}
	for _, f := range []struct {
		key string
		dst *[]domain.Entity
	}{{"products", &c.Products}, {"intermediaries", &c.Intermediaries}, {"financiers", &c.Financiers}, {"makers", &c.Manufacturers}} {
		if *f.dst, err = listOf(m[f.key], nodeEntity); err != nil {
			return c, err
		}
	}
	c.Citations = append(c.Citations, c.Agreement.Citations...)
	for _, key := range []string{"rs", "rb"} {
		if m[key] == nil {
			continue
		}
		r, err := relRow(map[string]any{"r": m[key]})
		if err != nil {
			return c, err
		}
		c.Citations = appendCitations(c.Citations, r.Citations)
	}
	return c, nil
}

func appendCitations(dst, src []domain.Citation) []domain.Citation {
	for _, c := range src {
		seen := false
		for _, d := range dst {
			seen = seen || d == c
		}
		if !seen {
			dst = append(dst, c)
		}
	}
	return dst
}

func orNilString(s string) any {
	if s == "" {
		return nil
	}
	return s
}
