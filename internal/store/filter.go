package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// EntityFilter selects entities; every condition given must hold.
type EntityFilter struct {
	Kinds      []domain.Kind
	Countries  []string
	Tags       []string
	Categories []string
	Has        *RelCondition
}

// RelCondition requires a relationship of the entity.
type RelCondition struct {
	Types       []domain.RelType
	Direction   Direction
	OtherKinds  []domain.Kind
	OtherCounts []string // the other end's countries
	OtherIDs    []string
	// ThroughAgreement also matches counterparties in a shared agreement or
	// project.
	ThroughAgreement bool
}

// OrderField sorts entities.
type OrderField string

// Sort fields; ties are broken by id.
const (
	OrderName OrderField = "sortName"
	OrderID   OrderField = "id"
	OrderKind OrderField = "kind"
)

// EntityOrder sorts entities.
type EntityOrder struct {
	Field OrderField
	Desc  bool
}

func (o EntityOrder) cypher() string {
	field := OrderName
	switch o.Field {
	case OrderID, OrderKind:
		field = o.Field
	}
	dir := " ASC"
	if o.Desc {
		dir = " DESC"
	}
	if field == OrderID {
		return "n.id" + dir
	}
	return "n." + string(field) + dir + ", n.id" + dir
}

const otherEndCondition = `($otherKinds IS NULL OR m.kind IN $otherKinds)
	AND ($otherCountries IS NULL OR m.country IN $otherCountries OR m.id IN $otherCountries)
	AND ($otherIds IS NULL OR m.id IN $otherIds)`

// filterCypher builds the WHERE clause of a filter from fixed fragments, one
// per condition given (a `$x IS NULL OR ...` guard would keep the planner
// off the kind and country indexes); values are always parameters.
func filterCypher(f EntityFilter, params map[string]any) string {
	conds := []string{"true"}
	for _, c := range []struct {
		name, cond string
		value      any
	}{
		{"kinds", "n.kind IN $kinds", kindNames(f.Kinds)},
		{"countries", "n.country IN $countries", orNilList(f.Countries)},
		{"tags", "any(t IN n.tags WHERE t IN $tags)", orNilList(f.Tags)},
		{"categories", "n.category IN $categories", orNilList(f.Categories)},
	} {
		if c.value != nil {
			params[c.name] = c.value
			conds = append(conds, c.cond)
		}
	}
	if h := f.Has; h != nil {
		// Without explicit types, negative findings do not count: a denied
		// link is no link.
		params["relTypes"] = pathTypes(h.Types)
		params["otherKinds"] = kindNames(h.OtherKinds)
		params["otherCountries"] = orNilList(h.OtherCounts)
		params["otherIds"] = orNilList(h.OtherIDs)
		direct := "EXISTS { MATCH " + h.Direction.pattern() + " WHERE type(r) IN $relTypes AND " + otherEndCondition + " }"
		if h.ThroughAgreement {
			params["roleTypes"] = typeNames(domain.RoleTypes())
			shared := `EXISTS { MATCH (n)-[r1]->(d:Entity)<-[r2]-(m:Entity)
				WHERE d.kind IN ['Agreement', 'Project'] AND m <> n
				AND type(r1) IN $roleTypes AND type(r2) IN $roleTypes
				AND type(r1) IN $relTypes AND ` + otherEndCondition + ` }`
			conds = append(conds, "("+direct+" OR "+shared+")")
		} else {
			conds = append(conds, direct)
		}
	}
	return strings.Join(conds, " AND ")
}

// Entities returns a page of entities matching the filter, and their total.
func (s *Store) Entities(ctx context.Context, f EntityFilter, order EntityOrder, page Page, detail Detail) ([]domain.Entity, int, error) {
	proj, ok := detailCypher[detail]
	if !ok {
		return nil, 0, fmt.Errorf("unknown detail %d", detail)
	}
	// A mistyped id among several still leaves an answer, which would not
	// show it: the ids are looked up first (no statement when none are named).
	if err := s.checkRefs(ctx, f.refs("filter.countries")...); err != nil {
		return nil, 0, err
	}
	params := map[string]any{"offset": page.Offset, "limit": page.Limit}
	where := filterCypher(f, params)
	return readPage(ctx, s, `
		CALL () { MATCH (n:Entity) WHERE `+where+` RETURN count(n) AS total }
		CALL () { MATCH (n:Entity) WHERE `+where+`
			WITH n ORDER BY `+order.cypher()+` SKIP $offset LIMIT $limit
			RETURN collect(`+proj.entity+`) AS page }
		RETURN total, page`, params, proj.node)
}

// refs are the entities a filter names; countries is what the caller calls
// its Countries.
func (f EntityFilter) refs(countries string) []ref {
	out := refs(countries, f.Countries...)
	if f.Has != nil {
		out = append(out, refs("filter.hasRelationship.otherCountries", f.Has.OtherCounts...)...)
		out = append(out, refs("filter.hasRelationship.otherIds", f.Has.OtherIDs...)...)
	}
	return out
}

func orNilList(ss []string) any {
	if len(ss) == 0 {
		return nil
	}
	return ss
}
