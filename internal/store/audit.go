package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// The audit trail: a Change node per write, written in the write's own
// transaction, and Retraction nodes for retracted relationships. Neither is
// connected to the graph, so no read of the graph ever meets them.

const (
	createChangeCypher     = `CREATE (c:Change {id: randomUUID(), at: datetime()}) SET c += $props`
	createRetractionCypher = `CREATE (r:Retraction {id: randomUUID(), at: datetime()}) SET r += $props RETURN r`
	// aboutCypher binds ids to an entity's id and every id merged into it,
	// so that history follows a merge; null when no entity is given.
	aboutCypher = `
		OPTIONAL MATCH (into:MergedId {id: $entity})
		WITH coalesce(into.into, $entity) AS root
		OPTIONAL MATCH (m:MergedId {into: root})
		WITH root, collect(m.id) AS merged
		WITH CASE WHEN root IS NULL THEN null ELSE [root] + merged END AS ids`
	// changesCypher reads every change, changesSinceCypher those since
	// $since (through the change_at index); changesOfCypher an entity's,
	// from the change_entities index (a change names its entities in a
	// list, which only full-text indexes cover), with one quoted Lucene term
	// per id.
	changesCypher      = `MATCH (c:Change)` + changesPage
	changesSinceCypher = `MATCH (c:Change) WHERE c.at >= datetime($since)` + changesPage
	changesOfCypher    = aboutCypher + `
		WITH reduce(q = '', id IN ids | q + CASE q WHEN '' THEN '' ELSE ' OR ' END
			+ '"' + replace(replace(id, '\\', '\\\\'), '"', '\\"') + '"') AS terms
		CALL db.index.fulltext.queryNodes('` + changeEntitiesIndex + `', terms) YIELD node AS c
		WITH c WHERE $since IS NULL OR c.at >= datetime($since)` + changesPage
	changesPage = `
		WITH c ORDER BY c.at, c.id
		WITH collect(c) AS items
		RETURN size(items) AS total, items[$offset..$offset + $limit] AS page`
	retractionsCypher = aboutCypher + `
		MATCH (x:Retraction) WHERE x.from IN ids OR x.to IN ids
		WITH x ORDER BY x.at, x.id
		WITH collect(x) AS items
		RETURN size(items) AS total, items[$offset..$offset + $limit] AS page`
)

// recordChange writes a Change; before and after are JSON ("" for none).
func recordChange(ctx context.Context, tx neo4j.ManagedTransaction, by domain.Actor, action string, entities []string, rel, before, after string) error {
	props := map[string]any{
		"byKey": by.KeyID, "byName": by.Name, "action": action,
		"entities":     slices.Compact(slices.Sorted(slices.Values(entities))),
		"relationship": orNil(rel), "before": orNil(before), "after": orNil(after),
	}
	return runConsume(ctx, tx, createChangeCypher, map[string]any{"props": props})
}

// recordJSON renders stored properties as JSON, keys sorted, without unset
// ones.
func recordJSON(props map[string]any) string {
	out := make(map[string]any, len(props))
	for k, v := range props {
		if v != nil && k != "_lock" {
			out[k] = v
		}
	}
	b, err := json.Marshal(out)
	if err != nil { // properties are strings, numbers and lists of them
		panic(fmt.Sprintf("record JSON: %v", err))
	}
	return string(b)
}

// optionalJSON is recordJSON of props if the record existed, else "".
func optionalJSON(existed bool, props map[string]any) string {
	if !existed {
		return ""
	}
	return recordJSON(props)
}

// relJSON renders a relationship: its properties with its type and ends.
func relJSON(r domain.Relationship, props map[string]any) string {
	p := make(map[string]any, len(props)+3)
	for k, v := range props {
		p[k] = v
	}
	p["type"], p["from"], p["to"] = string(r.Type), r.From, r.To
	return recordJSON(p)
}

// Changes returns a page of the audit trail, oldest first: every change, or
// those about an entity (and the entities merged into it), since a time
// (zero: from the start).
func (s *Store) Changes(ctx context.Context, entity string, since time.Time, page Page) ([]domain.Change, int, error) {
	params := map[string]any{"entity": orNil(entity), "since": nil, "offset": page.Offset, "limit": page.Limit}
	if !since.IsZero() {
		// Built in Cypher, at offset Z as datetime() writes it: Neo4j orders a
		// datetime in the named zone "UTC" (which the driver sends) after the
		// same instant at Z, so a change made at exactly `since` was left out.
		params["since"] = map[string]any{"epochSeconds": since.Unix(), "nanosecond": since.Nanosecond()}
	}
	cypher := changesCypher
	switch {
	case entity != "":
		cypher = changesOfCypher
	case !since.IsZero():
		cypher = changesSinceCypher
	}
	return readPage(ctx, s, cypher, params, nodeChange)
}

// Retractions returns a page of the relationships retracted from an entity
// (or from the entities merged into it), oldest first.
func (s *Store) Retractions(ctx context.Context, entity string, page Page) ([]domain.Retraction, int, error) {
	return readPage(ctx, s, retractionsCypher, map[string]any{"entity": entity, "offset": page.Offset, "limit": page.Limit}, nodeRetraction)
}

func nodeChange(v any) (domain.Change, error) {
	n, ok := v.(dbtype.Node)
	if !ok {
		return domain.Change{}, fmt.Errorf("want a change node, got %T", v)
	}
	p := n.Props
	at, _ := p["at"].(time.Time)
	return domain.Change{
		ID: str(p, "id"), At: at, By: domain.Actor{KeyID: str(p, "byKey"), Name: str(p, "byName")},
		Action: str(p, "action"), Entities: strs(p, "entities"), Relationship: str(p, "relationship"),
		Before: str(p, "before"), After: str(p, "after"),
	}, nil
}

func nodeRetraction(v any) (domain.Retraction, error) {
	n, ok := v.(dbtype.Node)
	if !ok {
		return domain.Retraction{}, fmt.Errorf("want a retraction node, got %T", v)
	}
	p := n.Props
	var relProps map[string]any
	if err := json.Unmarshal([]byte(str(p, "relationship")), &relProps); err != nil {
		return domain.Retraction{}, fmt.Errorf("retraction %s: %w", str(p, "id"), err)
	}
	at, _ := p["at"].(time.Time)
	cites, _ := provenance(p)
	return domain.Retraction{
		ID:           str(p, "id"),
		Relationship: relationshipFromProps(str(p, "type"), str(p, "from"), str(p, "to"), relProps),
		Reason:       str(p, "reason"), By: domain.Actor{KeyID: str(p, "byKey"), Name: str(p, "byName")},
		At: at, Citations: cites,
	}, nil
}
