package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// Limits of graph traversals, enforced here so that no caller can ask for an
// unbounded expansion.
const (
	MaxHops          = 6
	MaxPaths         = 25
	MaxDepth         = 3
	MaxNeighborhood  = 1000
	maxEdgesPerGraph = 5000
	denseDegree      = 1000
)

// Path is a connection between two entities.
type Path struct {
	Nodes         []domain.Entity
	Relationships []domain.Relationship
}

// pathTypes is the default set of types a path may follow: every type but
// negative findings, which say there is no link.
func pathTypes(types []domain.RelType) []string {
	if len(types) > 0 {
		return typeNames(types).([]string)
	}
	var out []string
	for _, t := range domain.RelTypes {
		if t.Type != domain.RelDeniesLinkTo {
			out = append(out, string(t.Type))
		}
	}
	return out
}

// Paths returns up to first connections between two entities, ignoring
// direction: every shortest path (a bidirectional search, cheap even between
// hubs), and, when the two are linked directly and that gives fewer than
// first, the two-hop paths after them. Longer paths are not enumerated on
// purpose: Cypher's SHORTEST k expands hubs' neighborhoods hop by hop, which
// on the million-relationship benchmark graph takes minutes even for k = 2.
func (s *Store) Paths(ctx context.Context, from, to string, maxHops int, types []domain.RelType, first int) ([]Path, error) {
	if maxHops < 1 || maxHops > MaxHops {
		return nil, domain.Errorf(domain.EINVALID, "maxHops must be between 1 and %d, got %d", MaxHops, maxHops)
	}
	if first < 1 || first > MaxPaths {
		return nil, domain.Errorf(domain.EINVALID, "first must be between 1 and %d, got %d", MaxPaths, first)
	}
	if from == to {
		return nil, domain.Errorf(domain.EINVALID, "from and to are the same entity %q", from)
	}
	params := map[string]any{"from": from, "to": to, "types": pathTypes(types)}
	// Hop bounds and path counts must be literals in Cypher; all are
	// integers checked above.
	shortest, err := s.paths(ctx, fmt.Sprintf(`
		MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
		MATCH p = allShortestPaths((a)-[*..%d]-(b))
		WHERE all(x IN relationships(p) WHERE type(x) IN $types)
		WITH p LIMIT %d`, maxHops, first), params)
	if err == nil && len(shortest) == 0 {
		// No path, or no such entity: only now does it take a statement to
		// tell which.
		err = s.checkRefs(ctx, ref{"from", from}, ref{"to", to})
	}
	if err != nil || len(shortest) == 0 || len(shortest) == first || len(shortest[0].Relationships) > 1 || maxHops < 2 {
		return shortest, err
	}
	twoHops, err := s.paths(ctx, fmt.Sprintf(`
		MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
		MATCH p = (a)-[x]-(m:Entity)-[y]-(b)
		WHERE type(x) IN $types AND type(y) IN $types AND m <> a AND m <> b
		WITH p LIMIT %d`, first-len(shortest)), params)
	return append(shortest, twoHops...), err
}

// paths runs a statement that binds paths p and returns them.
func (s *Store) paths(ctx context.Context, match string, params map[string]any) ([]Path, error) {
	recs, err := s.read(ctx, match+`
		RETURN nodes(p) AS nodes, [r IN relationships(p) | `+relRowCypher+`] AS rels`, params)
	if err != nil {
		return nil, err
	}
	paths := make([]Path, 0, len(recs))
	for _, rec := range recs {
		nv, _ := rec.Get("nodes")
		rv, _ := rec.Get("rels")
		nodes, err := listOf(nv, nodeEntity)
		if err != nil {
			return nil, err
		}
		rels, err := listOf(rv, relRow)
		if err != nil {
			return nil, err
		}
		paths = append(paths, Path{Nodes: nodes, Relationships: rels})
	}
	return paths, nil
}

// Subgraph is a set of entities and the relationships among them.
type Subgraph struct {
	Nodes     []domain.Entity
	Edges     []domain.Relationship
	Truncated bool
}

// Detail is how much of each entity and relationship a read returns.
type Detail int

const (
	// Everything is every property.
	Everything Detail = iota
	// Summary is what a network view draws: an entity's id, kind, name and
	// country; a relationship's id, type and ends. Neo4j and the driver then
	// move a fraction of the bytes of a large subgraph.
	Summary
)

// detailCypher projects the node n, the nodes in list seen and the
// relationship (r) rows that a statement returns, and decodes them.
var detailCypher = map[Detail]struct {
	entity, nodes, rel string
	node               func(any) (domain.Entity, error)
	row                func(any) (domain.Relationship, error)
}{
	Everything: {"n", "seen", relRowCypher, nodeEntity, relRow},
	Summary: {summaryNode, "[n IN seen | " + summaryNode + "]",
		"{id: r.id, type: type(r), from: startNode(r).id, to: endNode(r).id}", summaryEntity, summaryRelationship},
}

const summaryNode = "n {.id, .kind, .name, .country}"

// NeighborhoodQuery asks for the entities around one and the relationships
// among them.
type NeighborhoodQuery struct {
	ID     string
	Depth  int              // hops, 1 to MaxDepth
	Types  []domain.RelType // nil: all
	Kinds  []domain.Kind    // nil: all
	Limit  int              // entities, 1 to MaxNeighborhood
	Detail Detail
}

// neighborhoodCypher[{depth, detail}] expands breadth first, one hop per
// subquery, each hop stopping at the node cap so that a hub with many
// relationships costs no more than the cap. The edges among the nodes found
// are then read from the small nodes' side: a hub (more than denseDegree
// relationships) is never expanded, only probed against the other hubs, so
// that a hub with 100,000 relationships costs what its neighbors do.
var neighborhoodCypher = map[neighborhoodShape]string{}

type neighborhoodShape struct {
	depth  int
	detail Detail
}

// hubPairs pairs up the hubs of a subgraph (list hubs), each with the
// relationship types it has outgoing (outs) and incoming (ins): degree
// lookups, once per hub, so that hubLinks seeks only the types both ends have.
var hubPairs = func() string {
	outs := make([]string, len(domain.RelTypes))
	ins := make([]string, len(domain.RelTypes))
	for i, t := range domain.RelTypes {
		outs[i] = fmt.Sprintf(`CASE WHEN COUNT { (x)-[:%[1]s]->() } > 0 THEN '%[1]s' END`, t.Type)
		ins[i] = fmt.Sprintf(`CASE WHEN COUNT { (x)<-[:%[1]s]-() } > 0 THEN '%[1]s' END`, t.Type)
	}
	return fmt.Sprintf(`WITH [x IN hubs | {hub: x, outs: [t IN [%s] WHERE t IS NOT NULL], ins: [t IN [%s] WHERE t IS NOT NULL]}] AS typed
				UNWIND typed AS from
				UNWIND typed AS to
				WITH from.hub AS h, to.hub AS g, from.outs AS outs, to.ins AS ins WHERE h <> g`,
		strings.Join(outs, ", "), strings.Join(ins, ", "))
}()

// hubLinks finds the relationships from hub h to hub g through the
// relationship id indexes (ids are "from|TYPE|to" or "from|TYPE|to|key"),
// seeking only the types in both outs (of h) and ins (of g): expanding
// either hub, or Expand(Into) between two, reads tens of thousands of
// relationships. The inner CALL keeps the type test ahead of the seek.
var hubLinks = func() string {
	branches := make([]string, len(domain.RelTypes))
	for i, t := range domain.RelTypes {
		branches[i] = fmt.Sprintf(`WITH h, g WHERE '%[1]s' IN outs AND '%[1]s' IN ins
				CALL (h, g) {
					MATCH ()-[r:%[1]s]->() USING INDEX SEEK r:%[1]s(id)
					WHERE (r.id = h.id + '|%[1]s|' + g.id OR r.id STARTS WITH h.id + '|%[1]s|' + g.id + '|') AND endNode(r) = g
					RETURN r
				}
				RETURN r`, t.Type)
	}
	return strings.Join(branches, " UNION ALL ")
}()

func init() {
	const hop = `
		CALL (seen) {
			UNWIND seen AS x
			MATCH (x)-[r]-(m:Entity)
			WHERE ($types IS NULL OR type(r) IN $types) AND ($kinds IS NULL OR m.kind IN $kinds) AND NOT m IN seen
			WITH DISTINCT m LIMIT $cap
			RETURN collect(m) AS found
		}
		WITH seen + found[..$cap - size(seen)] AS seen, cut OR size(seen) + size(found) > $cap AS cut`
	for depth := 1; depth <= MaxDepth; depth++ {
		for detail, proj := range detailCypher {
			neighborhoodCypher[neighborhoodShape{depth, detail}] = `MATCH (c:Entity {id: $id}) WITH [c] AS seen, false AS cut` + strings.Repeat(hop, depth) + fmt.Sprintf(`
		WITH seen, cut, [x IN seen WHERE COUNT { (x)--() } > $dense] AS hubs
		CALL (seen, hubs) {
			CALL (seen, hubs) {
				UNWIND seen AS a
				WITH a WHERE NOT a IN hubs
				MATCH (a)-[r]->(b:Entity) WHERE b IN seen AND ($types IS NULL OR type(r) IN $types)
				RETURN r
				UNION
				UNWIND seen AS a
				WITH a WHERE NOT a IN hubs
				MATCH (a)<-[r]-(h:Entity) WHERE h IN hubs AND ($types IS NULL OR type(r) IN $types)
				RETURN r
				UNION
				`+hubPairs+`
				CALL (h, g, outs, ins) {`+hubLinks+`}
				WITH r WHERE $types IS NULL OR type(r) IN $types
				RETURN r
			}
			WITH r LIMIT %d
			RETURN collect(%s) AS edges
		}
		RETURN %s AS nodes, edges, cut AS truncated`, maxEdgesPerGraph, proj.rel, proj.nodes)
		}
	}
}

// Neighborhood returns the entities within q.Depth hops of q.ID (at most
// q.Limit of them) and the relationships among them.
func (s *Store) Neighborhood(ctx context.Context, q NeighborhoodQuery) (Subgraph, error) {
	if q.Depth < 1 || q.Depth > MaxDepth {
		return Subgraph{}, domain.Errorf(domain.EINVALID, "depth must be between 1 and %d, got %d", MaxDepth, q.Depth)
	}
	if q.Limit < 1 || q.Limit > MaxNeighborhood {
		return Subgraph{}, domain.Errorf(domain.EINVALID, "limit must be between 1 and %d, got %d", MaxNeighborhood, q.Limit)
	}
	proj, ok := detailCypher[q.Detail]
	if !ok {
		return Subgraph{}, fmt.Errorf("unknown detail %d", q.Detail)
	}
	recs, err := s.read(ctx, neighborhoodCypher[neighborhoodShape{q.Depth, q.Detail}], map[string]any{
		"id": q.ID, "types": typeNames(q.Types), "kinds": kindNames(q.Kinds), "cap": q.Limit, "dense": denseDegree,
	})
	if err != nil {
		return Subgraph{}, err
	}
	if len(recs) == 0 {
		return Subgraph{}, domain.Errorf(domain.ENOTFOUND, "no entity with id %q", q.ID)
	}
	nv, _ := recs[0].Get("nodes")
	ev, _ := recs[0].Get("edges")
	truncated, err := get[bool](recs[0], "truncated")
	if err != nil {
		return Subgraph{}, err
	}
	nodes, err := listOf(nv, proj.node)
	if err != nil {
		return Subgraph{}, err
	}
	edges, err := listOf(ev, proj.row)
	if err != nil {
		return Subgraph{}, err
	}
	return Subgraph{Nodes: nodes, Edges: byID(edges), Truncated: truncated || len(edges) == maxEdgesPerGraph}, nil
}

// byID orders relationships by id. It sorts their positions and copies each
// once: sorting the 250-byte structs themselves moved each about log n times,
// 7% of the server's CPU for a 1M neighborhood.
func byID(rels []domain.Relationship) []domain.Relationship {
	order := make([]int, len(rels))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(rels[a].ID, rels[b].ID) })
	out := make([]domain.Relationship, len(rels))
	for i, j := range order {
		out[i] = rels[j]
	}
	return out
}
