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
// relationships whose both ends match f, by start entity in id order, one
// page of pageSize entities per statement. Pages are read with keyset
// pagination on the indexed entity id (WHERE id > $after ORDER BY id LIMIT
// $n), so a page costs the same however deep into the graph it is, and
// memory holds one page (with a hub's relationships, all of them). An empty
// filter exports everything.
func (s *Store) Export(ctx context.Context, f EntityFilter, pageSize int, entity func(domain.Entity) error, edge func(Edge) error) error {
	if pageSize < 1 {
		return fmt.Errorf("export page size %d: want at least 1", pageSize)
	}
	entities, edges := exportCypher(f)
	params := map[string]any{"limit": pageSize}
	filterCypher(f, params) // sets the filter's parameters; the text is in the statements
	for after := ""; ; {
		params["after"] = after
		recs, err := s.read(ctx, entities, params)
		if err != nil {
			return err
		}
		for _, rec := range recs {
			v, _ := rec.Get("n")
			e, err := nodeEntity(v)
			if err != nil {
				return err
			}
			if err := entity(e); err != nil {
				return err
			}
			after = e.ID
		}
		if len(recs) < pageSize {
			break
		}
	}
	for after := ""; ; {
		params["after"] = after
		recs, err := s.read(ctx, edges, params)
		if err != nil {
			return err
		}
		for _, rec := range recs {
			if after, err = exportEdges(rec, edge); err != nil {
				return err
			}
		}
		if len(recs) < pageSize {
			return nil
		}
	}
}

// exportCypher returns the statements that read a page of entities and the
// relationships of a page of start entities. A filter applies to the other
// end of a relationship through the entity id index.
func exportCypher(f EntityFilter) (entities, edges string) {
	where := filterCypher(f, map[string]any{})
	entities = `MATCH (n:Entity) WHERE n.id > $after AND ` + where + `
		RETURN n ORDER BY n.id LIMIT $limit`
	starts, ends := "", ""
	if !f.empty() {
		starts = `AND EXISTS { MATCH (n:Entity {id: a.id}) WHERE ` + where + ` }`
		ends = `WHERE EXISTS { MATCH (n:Entity {id: b.id}) WHERE ` + where + ` }`
	}
	edges = `MATCH (a:Entity) WHERE a.id > $after ` + starts + `
		WITH a ORDER BY a.id LIMIT $limit
		CALL (a) {
			MATCH (a)-[x]->(b:Entity) ` + ends + `
			WITH x, b ORDER BY x.id
			RETURN collect({x: x, to: b.id, toKind: b.kind}) AS out
		}
		RETURN a.id AS id, a.kind AS kind, out`
	return entities, edges
}

// exportEdges passes on the relationships of one start entity and returns
// its id.
func exportEdges(rec *neo4j.Record, edge func(Edge) error) (string, error) {
	from, err := get[string](rec, "id")
	if err != nil {
		return "", err
	}
	kind, err := get[string](rec, "kind")
	if err != nil {
		return "", err
	}
	out, err := get[[]any](rec, "out")
	if err != nil {
		return "", err
	}
	for _, v := range out {
		row, _ := v.(map[string]any)
		x, ok := row["x"].(dbtype.Relationship)
		if !ok {
			return "", fmt.Errorf("want a relationship, got %T", row["x"])
		}
		to, _ := row["to"].(string)
		toKind, _ := row["toKind"].(string)
		e := Edge{Relationship: relationshipFromProps(x.Type, from, to, x.Props), FromKind: domain.Kind(kind), ToKind: domain.Kind(toKind)}
		if err := edge(e); err != nil {
			return "", err
		}
	}
	return from, nil
}
