package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// Page selects a slice of an ordered result.
type Page struct {
	Offset, Limit int
}

// Direction selects which relationships of an entity to follow.
type Direction string

// Directions.
const (
	Out  Direction = "OUT"
	In   Direction = "IN"
	Both Direction = "BOTH"
)

// pattern returns the relationship pattern for a direction; the only text a
// caller's choice adds to a statement.
func (d Direction) pattern() string {
	switch d {
	case Out:
		return "(n)-[r]->(m:Entity)"
	case In:
		return "(n)<-[r]-(m:Entity)"
	default:
		return "(n)-[r]-(m:Entity)"
	}
}

// relRowCypher returns a relationship row with its entity ids; see relRow.
const relRowCypher = "{r: r, from: startNode(r).id, to: endNode(r).id}"

// EntitiesByID returns the entities with the given ids; missing ids are
// absent from the map.
func (s *Store) EntitiesByID(ctx context.Context, ids []string) (map[string]domain.Entity, error) {
	recs, err := s.read(ctx, `UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string]domain.Entity, len(recs))
	for _, rec := range recs {
		v, _ := rec.Get("n")
		e, err := nodeEntity(v)
		if err != nil {
			return nil, err
		}
		out[e.ID] = e
	}
	return out, nil
}

// RelQuery selects relationships of an entity.
type RelQuery struct {
	Direction Direction
	Types     []domain.RelType // nil: all
	Page      Page
}

// RelPage is one entity's page of relationships, with the entity at the
// other end of each.
type RelPage struct {
	Relationships []domain.Relationship
	Others        []domain.Entity
	Total         int
}

// relationshipsOfCypher[direction] pages an entity's relationships, sorted
// by type, then the other end's name. Per-type counts come from the node's
// degree store in one read each, so the statement knows which types the page
// spans and expands only those: the first page of a vendor with 70,000
// relationships reads its first type's few thousand, not all of them. Types
// are disjoint, so the branches are concatenated without de-duplication; the
// sort keeps only the rows up to the page's end, and only the page's rows
// are projected.
var relationshipsOfCypher = map[Direction]string{}

func init() {
	for _, d := range []Direction{Out, In, Both} {
		// Spans must follow the page's order: types sorted by name.
		types := make([]string, len(domain.RelTypes))
		for i, t := range domain.RelTypes {
			types[i] = string(t.Type)
		}
		slices.Sort(types)
		counts := make([]string, len(types))
		branches := make([]string, len(types))
		for i, t := range types {
			typed := strings.Replace(d.pattern(), "[r]", "[r:"+t+"]", 1)
			counts[i] = fmt.Sprintf("{t: '%s', c: COUNT { %s }}", t, strings.Replace(typed, "(m:Entity)", "()", 1))
			branches[i] = fmt.Sprintf("WITH n, window WHERE '%s' IN window MATCH %s RETURN r, m", t, typed)
		}
		relationshipsOfCypher[d] = fmt.Sprintf(`
			UNWIND $ids AS id
			MATCH (n:Entity {id: id})
			WITH id, n, [c IN [%[1]s] WHERE c.c > 0 AND ($types IS NULL OR c.t IN $types)] AS counts
			WITH id, n, reduce(spans = [], c IN counts | spans + [c {.*, start: coalesce(last(spans).start + last(spans).c, 0)}]) AS spans
			WITH id, n, spans, [s IN spans WHERE s.start < $offset + $limit AND s.start + s.c > $offset] AS inPage
			WITH id, n, spans, [s IN inPage | s.t] AS window, coalesce($offset - inPage[0].start, 0) AS skip
			CALL (n, window, skip) {
				CALL (n, window) { %[2]s }
				WITH r, m ORDER BY type(r), m.sortName, r.id LIMIT $offset + $limit
				WITH collect({r: r, m: m}) AS rows
				UNWIND rows[skip..skip + $limit] AS x
				WITH x.r AS r, x.m AS m
				RETURN collect(%[3]s) AS rels, collect(m) AS others
			}
			RETURN id, rels, others, reduce(total = 0, s IN spans | total + s.c) AS total`,
			strings.Join(counts, ", "), strings.Join(branches, " UNION ALL "), relRowCypher)
	}
}

// RelationshipsOf returns a page of relationships for each entity id, in one
// statement however many ids.
func (s *Store) RelationshipsOf(ctx context.Context, ids []string, q RelQuery) (map[string]RelPage, error) {
	recs, err := s.read(ctx, relationshipsOfCypher[q.Direction], map[string]any{
		"ids": ids, "types": typeNames(q.Types), "offset": q.Page.Offset, "limit": q.Page.Limit,
	})
	if err != nil {
		return nil, err
	}
	out := make(map[string]RelPage, len(recs))
	for _, rec := range recs {
		id, err := get[string](rec, "id")
		if err != nil {
			return nil, err
		}
		total, err := get[int64](rec, "total")
		if err != nil {
			return nil, err
		}
		relsV, _ := rec.Get("rels")
		othersV, _ := rec.Get("others")
		rels, err := listOf(relsV, relRow)
		if err != nil {
			return nil, err
		}
		others, err := listOf(othersV, nodeEntity)
		if err != nil {
			return nil, err
		}
		out[id] = RelPage{Relationships: rels, Others: others, Total: int(total)}
	}
	return out, nil
}

// Relationship returns one relationship by id, with both ends.
func (s *Store) Relationship(ctx context.Context, id string) (domain.Relationship, []domain.Entity, error) {
	parts := strings.Split(id, "|")
	if len(parts) < 3 {
		return domain.Relationship{}, nil, domain.Errorf(domain.ENOTFOUND, "no relationship %q: ids look like from|TYPE|to", id)
	}
	recs, err := s.read(ctx, `
		MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to}) WHERE r.id = $id
		RETURN `+relRowCypher+` AS rel, a, b`, map[string]any{"from": parts[0], "to": parts[2], "id": id})
	if err != nil {
		return domain.Relationship{}, nil, err
	}
	if len(recs) == 0 {
		return domain.Relationship{}, nil, domain.Errorf(domain.ENOTFOUND, "no relationship %q", id)
	}
	v, _ := recs[0].Get("rel")
	r, err := relRow(v)
	if err != nil {
		return r, nil, err
	}
	av, _ := recs[0].Get("a")
	bv, _ := recs[0].Get("b")
	a, err := nodeEntity(av)
	if err != nil {
		return r, nil, err
	}
	b, err := nodeEntity(bv)
	return r, []domain.Entity{a, b}, err
}

// EntitiesByCountry returns, for each country id, its entities of one kind.
func (s *Store) EntitiesByCountry(ctx context.Context, countries []string, kind domain.Kind) (map[string][]domain.Entity, error) {
	recs, err := s.read(ctx, `
		UNWIND $countries AS c
		MATCH (n:Entity {country: c}) WHERE n.kind = $kind
		WITH c, n ORDER BY n.sortName, n.id
		RETURN c, collect(n) AS ns`, map[string]any{"countries": countries, "kind": string(kind)})
	if err != nil {
		return nil, err
	}
	out := map[string][]domain.Entity{}
	for _, rec := range recs {
		c, err := get[string](rec, "c")
		if err != nil {
			return nil, err
		}
		v, _ := rec.Get("ns")
		if out[c], err = listOf(v, nodeEntity); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// typeNames and kindNames return nil (Cypher null: no filter) for an empty
// list; a typed nil slice would be sent as an empty list.
func typeNames(types []domain.RelType) any {
	if len(types) == 0 {
		return nil
	}
	out := make([]string, len(types))
	for i, t := range types {
		out[i] = string(t)
	}
	return out
}

func kindNames(kinds []domain.Kind) any {
	if len(kinds) == 0 {
		return nil
	}
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = string(k)
	}
	return out
}
