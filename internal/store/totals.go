package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// TotalsGroup says how agreement values are grouped.
type TotalsGroup string

// Groupings.
const (
	BySupplier  TotalsGroup = "SUPPLIER"
	ByBuyer     TotalsGroup = "BUYER"
	ByFinancier TotalsGroup = "FINANCIER"
	ByCountry   TotalsGroup = "COUNTRY"
	ByYear      TotalsGroup = "YEAR"
)

// AgreementFilter selects the agreements (and projects) to total.
type AgreementFilter struct {
	Categories                          []string
	IncludeProjects                     bool
	Supplier, Buyer, Financier, Country string
	From, To                            domain.Date
	Currency                            string
}

// Total is the sum of agreement values in one currency for one group.
type Total struct {
	Key        string // empty: the agreements without a date, ByYear
	Entity     *domain.Entity
	Currency   string
	Amount     float64
	Agreements []domain.Entity
}

// The edges that make an entity a buyer or a financier of a deal.
const (
	buyerTypes     = "BUYER_OF|BORROWER_OF|GRANTEE_OF"
	financierTypes = "LENDER_OF|FUNDS|GRANTOR_OF"
)

// groupBy maps each grouping to the fixed Cypher that yields a key and, where
// the key is an entity, the entity.
var groupBy = map[TotalsGroup]string{
	BySupplier:  "MATCH (g:Entity)-[:SUPPLIER_OF]->(d) WITH d, g.id AS key, g AS ent",
	ByBuyer:     "MATCH (g:Entity)-[:" + buyerTypes + "]->(d) WITH d, g.id AS key, g AS ent",
	ByFinancier: "MATCH (g:Entity)-[:" + financierTypes + "]->(d) WITH d, g.id AS key, g AS ent",
	ByCountry: "MATCH (g:Entity)-[:" + buyerTypes + "]->(d) WITH d, CASE WHEN g.kind = 'State' THEN g.id ELSE coalesce(g.country, d.country) END AS key " +
		"WHERE key IS NOT NULL OPTIONAL MATCH (ent:Entity {id: key}) WITH d, key, ent",
	ByYear: "WITH d, left(coalesce(d.date, d.startDate), 4) AS key, null AS ent",
}

// totalsOrder puts the largest totals first, and years in order (Cypher
// sorts the undated group's null key last).
func totalsOrder(g TotalsGroup) string {
	if g == ByYear {
		return "key, currency"
	}
	return "amount DESC, key, currency"
}

// AgreementTotals sums agreement values per group and currency; agreements
// with several parties in one group count once.
func (s *Store) AgreementTotals(ctx context.Context, group TotalsGroup, f AgreementFilter) ([]Total, error) {
	grouping, ok := groupBy[group]
	if !ok {
		return nil, domain.Errorf(domain.EINVALID, "unknown grouping %q", group)
	}
	kinds := []string{string(domain.KindAgreement)}
	if f.IncludeProjects {
		kinds = append(kinds, string(domain.KindProject))
	}
	cypher := fmt.Sprintf(`
		MATCH (d:Entity) WHERE d.kind IN $kinds AND d.valueAmount IS NOT NULL
			AND ($categories IS NULL OR d.category IN $categories)
			AND ($currency IS NULL OR d.valueCurrency = $currency)
			AND ($supplier IS NULL OR EXISTS { (:Entity {id: $supplier})-[:SUPPLIER_OF]->(d) })
			AND ($buyer IS NULL OR EXISTS { (:Entity {id: $buyer})-[:%[1]s]->(d) })
			AND ($financier IS NULL OR EXISTS { (:Entity {id: $financier})-[:%[2]s]->(d) })
			AND ($country IS NULL OR d.country = $country OR EXISTS { (b:Entity)-[:%[1]s]->(d) WHERE b.country = $country OR b.id = $country })
			AND (($from IS NULL AND $to IS NULL) OR (coalesce(d.date, d.startDate) IS NOT NULL AND %[3]s))
		%[4]s
		WITH key, ent, d.valueCurrency AS currency, collect(DISTINCT d) AS deals
		RETURN key, ent, currency, reduce(t = 0.0, x IN deals | t + x.valueAmount) AS amount, deals
		ORDER BY %[5]s`, buyerTypes, financierTypes, fmt.Sprintf(inRange, "coalesce(d.date, d.startDate)"), grouping, totalsOrder(group))
	recs, err := s.read(ctx, cypher, map[string]any{
		"kinds": kinds, "categories": orNilList(f.Categories), "currency": orNilString(strings.ToUpper(f.Currency)),
		"supplier": orNilString(f.Supplier), "buyer": orNilString(f.Buyer), "financier": orNilString(f.Financier),
		"country": orNilString(f.Country), "from": dateParam(f.From), "to": dateParam(f.To),
	})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		if err := s.checkRefs(ctx, ref{"filter.supplier", f.Supplier}, ref{"filter.buyer", f.Buyer},
			ref{"filter.financier", f.Financier}, ref{"filter.country", f.Country}); err != nil {
			return nil, err
		}
	}
	out := make([]Total, 0, len(recs))
	for _, rec := range recs {
		var t Total
		if k, _ := rec.Get("key"); k != nil {
			if t.Key, err = get[string](rec, "key"); err != nil {
				return nil, err
			}
		}
		if t.Currency, err = get[string](rec, "currency"); err != nil {
			return nil, err
		}
		if t.Amount, err = get[float64](rec, "amount"); err != nil {
			return nil, err
		}
		if v, _ := rec.Get("ent"); v != nil {
			e, err := nodeEntity(v)
			if err != nil {
				return nil, err
			}
			t.Entity = &e
		}
		dv, _ := rec.Get("deals")
		if t.Agreements, err = listOf(dv, nodeEntity); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}
