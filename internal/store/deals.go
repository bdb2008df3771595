package store

import (
	"context"
	"fmt"

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

// supplyChainAnchors start a supply-chain query from the most selective
// filter given, through an index, rather than from every SUPPLIER_OF
// relationship; the shared remainder applies every filter again.
var supplyChainAnchors = map[string]string{
	"supplier": `MATCH (s:Entity {id: $supplier})-[rs:SUPPLIER_OF]->(d:Entity)`,
	"buyer": `MATCH (:Entity {id: $buyer})-[:BUYER_OF]->(d:Entity)
		WITH DISTINCT d MATCH (s:Entity)-[rs:SUPPLIER_OF]->(d)`,
	"country": `CALL () {
			MATCH (:Entity {country: $country})-[:BUYER_OF]->(d:Entity) RETURN d
			UNION MATCH (:Entity {id: $country})-[:BUYER_OF]->(d:Entity) RETURN d
			UNION MATCH (d:Entity {country: $country}) RETURN d
		}
		WITH DISTINCT d MATCH (s:Entity)-[rs:SUPPLIER_OF]->(d)`,
	"": `MATCH (s:Entity)-[rs:SUPPLIER_OF]->(d:Entity)`,
}

func supplyChainAnchor(f SupplyChainFilter) string {
	switch {
	case f.Supplier != "":
		return "supplier"
	case f.Buyer != "":
		return "buyer"
	case f.Country != "":
		return "country"
	}
	return ""
}

// supplyChainsRest filters, sorts and pages the chains first, then fetches
// products, intermediaries, financiers and makers for the page only: a
// country with thousands of agreements costs a sort, not thousands of
// subqueries.
var supplyChainsRest = fmt.Sprintf(`
	WITH s, rs, d WHERE $supplier IS NULL OR s.id = $supplier
	OPTIONAL MATCH (d)<-[rb:BUYER_OF]-(b:Entity)
	WITH s, rs, d, b, rb
	WHERE ($buyer IS NULL OR b.id = $buyer)
		AND ($country IS NULL OR b.country = $country OR b.id = $country OR d.country = $country)
		AND (($from IS NULL AND $to IS NULL) OR (coalesce(d.date, d.startDate) IS NOT NULL AND %s))
		AND ($product IS NULL
			OR toLower(coalesce(d.subject, '')) CONTAINS toLower($product)
			OR EXISTS { MATCH (d)-[:COVERS]->(p:Entity) WHERE p.id = $product OR toLower(p.name) CONTAINS toLower($product) })
	WITH s, b, d, rs, rb ORDER BY coalesce(d.date, d.startDate, '9999'), s.sortName, b.sortName, d.id
	WITH collect({s: s, b: b, d: d, rs: rs, rb: rb}) AS items
	CALL (items) {
		UNWIND items[$offset..$offset + $limit] AS it
		WITH it, it.d AS d
		WITH it,
			COLLECT { MATCH (d)-[:COVERS]->(p:Entity) RETURN p ORDER BY p.sortName } AS products,
			COLLECT { MATCH (i:Entity)-[:INTERMEDIARY_OF]->(d) RETURN i ORDER BY i.sortName } AS intermediaries,
			COLLECT { MATCH (f:Entity)-[:LENDER_OF|FUNDS|GRANTOR_OF|GUARANTOR_OF]->(d) RETURN DISTINCT f ORDER BY f.sortName } AS financiers
		WITH it, products, intermediaries, financiers,
			COLLECT { UNWIND products AS p MATCH (mk:Entity)-[:MAKES]->(p) RETURN DISTINCT mk ORDER BY mk.sortName } AS makers
		RETURN collect(it {.*, products: products, intermediaries: intermediaries, financiers: financiers, makers: makers}) AS page
	}
	RETURN size(items) AS total, page`, fmt.Sprintf(inRange, "coalesce(d.date, d.startDate)"))

// SupplyChains returns a page of supply chains and their total.
func (s *Store) SupplyChains(ctx context.Context, f SupplyChainFilter, page Page) ([]SupplyChain, int, error) {
	return readPage(ctx, s, supplyChainAnchors[supplyChainAnchor(f)]+supplyChainsRest, map[string]any{
		"supplier": orNilString(f.Supplier), "buyer": orNilString(f.Buyer), "country": orNilString(f.Country),
		"product": orNilString(f.Product), "from": dateParam(f.From), "to": dateParam(f.To),
		"offset": page.Offset, "limit": page.Limit,
	}, decodeSupplyChain)
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
