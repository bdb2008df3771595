package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// ExportPageSize is how many entities or relationships one export statement
// reads by default: memory holds one page, however large the graph.
const ExportPageSize = 1000

// Edge is a relationship with the kinds of its two ends, which some export
// formats need to pick a schema.
type Edge struct {
	domain.Relationship
	FromKind, ToKind domain.Kind
}

func (f EntityFilter) empty() bool {
	return len(f.Kinds) == 0 && len(f.Countries) == 0 && len(f.Tags) == 0 && len(f.Categories) == 0 && f.Has == nil
}

// Export streams the entities matching f in id order, then the
// relationships whose both ends match f, type by type in id order, one page
// of pageSize rows per statement. Pages are read with keyset pagination on
// the indexed ids (WHERE id > $after ORDER BY id LIMIT $n): a page costs the
// same however deep into the graph it is, and memory holds one page, even
// for a hub with a hundred thousand relationships. An empty filter exports
// everything.
//
// The ids the filter names are looked up first, as the entities query does
// (its countries are called countries in the message), and begin (if not
// nil) is called only then: an export with a mistyped id fails before its
// answer has begun.
func (s *Store) Export(ctx context.Context, f EntityFilter, countries string, pageSize int, begin func() error, entity func(domain.Entity) error, edge func(Edge) error) error {
	if pageSize < 1 {
		return fmt.Errorf("export page size %d: want at least 1", pageSize)
	}
	if err := s.checkRefs(ctx, f.refs(countries)...); err != nil {
		return err
	}
	if begin != nil {
		if err := begin(); err != nil {
			return err
		}
	}
	entities, edges := exportCypher(f)
	params := map[string]any{"limit": pageSize}
	filterCypher(f, params) // sets the filter's parameters; the text is in the statements
	err := s.pages(ctx, entities, params, pageSize, func(rec *neo4j.Record) (string, error) {
		v, _ := rec.Get("n")
		e, err := nodeEntity(v)
		if err != nil {
			return "", err
		}
		return e.ID, entity(e)
	})
	if err != nil {
		return err
	}
	for _, t := range domain.RelTypes {
		err := s.pages(ctx, edges[t.Type], params, pageSize, func(rec *neo4j.Record) (string, error) {
			e, err := exportEdge(rec)
			if err != nil {
				return "", err
			}
			return e.ID, edge(e)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// pages runs a keyset-paged statement until a page comes back short; each
// row's handler returns the id the next page starts after.
func (s *Store) pages(ctx context.Context, cypher string, params map[string]any, pageSize int, row func(*neo4j.Record) (string, error)) error {
	for after := ""; ; {
		params["after"] = after
		recs, err := s.read(ctx, cypher, params)
		if err != nil {
			return err
		}
		for _, rec := range recs {
			if after, err = row(rec); err != nil {
				return err
			}
		}
		if len(recs) < pageSize {
			return nil
		}
	}
}

// exportCypher returns the statement that reads a page of entities and, per
// relationship type, the one that reads a page of relationships through the
// type's id index. A filter applies to both ends of a relationship through
// the entity id index.
func exportCypher(f EntityFilter) (entities string, edges map[domain.RelType]string) {
	where := filterCypher(f, map[string]any{})
	entities = `MATCH (n:Entity) WHERE n.id > $after AND ` + where + `
		RETURN n ORDER BY n.id LIMIT $limit`
	ends := ""
	if !f.empty() {
		ends = `AND EXISTS { MATCH (n:Entity {id: a.id}) WHERE ` + where + ` }
			AND EXISTS { MATCH (n:Entity {id: b.id}) WHERE ` + where + ` }`
	}
	edges = make(map[domain.RelType]string, len(domain.RelTypes))
	for _, t := range domain.RelTypes {
		// The seek hint keeps keyset paging on the id index for a small
		// type too, where the planner would rather scan it whole.
		edges[t.Type] = fmt.Sprintf(`MATCH (a:Entity)-[x:%[1]s]->(b:Entity) USING INDEX SEEK x:%[1]s(id) WHERE x.id > $after %[2]s
			RETURN x, a.id AS from, b.id AS to, a.kind AS fromKind, b.kind AS toKind ORDER BY x.id LIMIT $limit`, t.Type, ends)
	}
	return entities, edges
}

func exportEdge(rec *neo4j.Record) (Edge, error) {
	v, _ := rec.Get("x")
	x, ok := v.(dbtype.Relationship)
	if !ok {
		return Edge{}, fmt.Errorf("want a relationship, got %T", v)
	}
	var ends [4]string
	for i, key := range []string{"from", "to", "fromKind", "toKind"} {
		var err error
		if ends[i], err = get[string](rec, key); err != nil {
			return Edge{}, err
		}
	}
	return Edge{
		Relationship: relationshipFromProps(x.Type, ends[0], ends[1], x.Props),
		FromKind:     domain.Kind(ends[2]), ToKind: domain.Kind(ends[3]),
	}, nil
}
