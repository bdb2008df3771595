package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// Statements that write one batch of rows. Labels and relationship types are
// spliced in from the ontology only.
// Every write sets a record's version to one more than it was (1 for a new
// record), so API writes can detect that a record changed since it was read.
var (
	upsertEntitiesCypher = map[domain.Kind]string{}
	createEntityCypher   = map[domain.Kind]string{}
	updateRelsCypher     = map[domain.RelType]string{}
	createRelsCypher     = map[domain.RelType]string{}
)

const (
	upsertSourcesCypher = `UNWIND $rows AS r MERGE (s:Source {id: r.id}) SET s = r`
	// Texts live apart from the Source nodes, so reads of sources do not
	// carry whole documents.
	upsertSourceTextsCypher = `UNWIND $rows AS r MERGE (t:SourceText {id: r.id}) SET t.text = r.text`
)

func init() {
	for _, k := range domain.Kinds {
		var others []string
		for _, o := range domain.Kinds {
			if o.Kind != k.Kind {
				others = append(others, string(o.Kind))
			}
		}
		upsertEntitiesCypher[k.Kind] = fmt.Sprintf(`UNWIND $rows AS r MERGE (n:Entity {id: r.id})
			WITH n, r, coalesce(n.version, 0) + 1 AS version
			SET n = r, n.version = version, n:%s REMOVE n:%s`, k.Kind, strings.Join(others, ":"))
		// Fails on the id's uniqueness constraint if the entity exists.
		createEntityCypher[k.Kind] = fmt.Sprintf(`CREATE (n:Entity:%s) SET n = $props, n.version = 1`, k.Kind)
	}
	for _, r := range domain.RelTypes {
		// Not MERGE (a)-[x {id}]->(b): between hubs that expands one end's
		// relationships for every row. The id index finds existing
		// relationships in one seek each (the hint keeps the planner from
		// scanning a small type's index); the rest are created.
		updateRelsCypher[r.Type] = fmt.Sprintf(`UNWIND $rows AS r
			MATCH ()-[x:%[1]s {id: r.id}]->() USING INDEX SEEK x:%[1]s(id)
			WITH r, x, coalesce(x.version, 0) + 1 AS version
			SET x = r.props, x.version = version
			RETURN collect(r.id) AS updated`, r.Type)
		createRelsCypher[r.Type] = fmt.Sprintf(`UNWIND $rows AS r
			MATCH (a:Entity {id: r.from}) MATCH (b:Entity {id: r.to})
			CREATE (a)-[x:%s]->(b) SET x = r.props, x.version = 1`, r.Type)
	}
}

// WriteSources upserts source documents and their texts.
func (s *Store) WriteSources(ctx context.Context, sources []domain.Source) error {
	rows := make([]any, len(sources))
	var texts []any
	for i, src := range sources {
		rows[i] = sourceProps(src)
		if src.Text != "" {
			texts = append(texts, map[string]any{"id": src.ID, "text": src.Text})
		}
	}
	if err := s.writeBatch(ctx, upsertSourcesCypher, rows); err != nil || len(texts) == 0 {
		return err
	}
	return s.writeBatch(ctx, upsertSourceTextsCypher, texts)
}

// WriteEntities upserts entities in one transaction, one statement per kind
// present. Properties that are no longer given are removed, so a changed
// record replaces the old.
func (s *Store) WriteEntities(ctx context.Context, entities []domain.Entity, dataset string) error {
	byKind := map[domain.Kind][]any{}
	for _, e := range entities {
		byKind[e.Kind] = append(byKind[e.Kind], EntityProps(e, dataset))
	}
	return s.inWriteTx(ctx, func(tx neo4j.ManagedTransaction) error {
		for _, k := range domain.Kinds {
			if rows := byKind[k.Kind]; len(rows) > 0 {
				if err := runRows(ctx, tx, upsertEntitiesCypher[k.Kind], rows); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// WriteRelationships upserts relationships in one transaction: per type
// present, one statement updates those that exist and a second creates the
// rest. Both ends must exist. One commit per batch, not per type: a bulk
// batch spans a dozen types, and commits dominated small per-type ones.
func (s *Store) WriteRelationships(ctx context.Context, rels []domain.Relationship, dataset string) error {
	byType := map[domain.RelType][]map[string]any{}
	for _, r := range rels {
		byType[r.Type] = append(byType[r.Type], map[string]any{"id": r.ID, "from": r.From, "to": r.To, "props": RelationshipProps(r, dataset)})
	}
	return s.inWriteTx(ctx, func(tx neo4j.ManagedTransaction) error {
		for _, t := range domain.RelTypes {
			if rows := byType[t.Type]; len(rows) > 0 {
				if err := upsertRelationships(ctx, tx, t.Type, rows); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func upsertRelationships(ctx context.Context, tx neo4j.ManagedTransaction, t domain.RelType, rows []map[string]any) error {
	res, err := tx.Run(ctx, updateRelsCypher[t], map[string]any{"rows": rows})
	if err != nil {
		return err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return err
	}
	updated, _, _ := neo4j.GetRecordValue[[]any](rec, "updated")
	done := make(map[string]bool, len(updated))
	for _, id := range updated {
		done[id.(string)] = true
	}
	fresh := make([]map[string]any, 0, len(rows)-len(done))
	for _, row := range rows {
		if !done[row["id"].(string)] {
			fresh = append(fresh, row)
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	res, err = tx.Run(ctx, createRelsCypher[t], map[string]any{"rows": fresh})
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// writeBatch runs one UNWIND statement in a managed transaction.
func (s *Store) writeBatch(ctx context.Context, cypher string, rows []any) error {
	return s.inWriteTx(ctx, func(tx neo4j.ManagedTransaction) error { return runRows(ctx, tx, cypher, rows) })
}

// runRows runs one UNWIND statement over rows.
func runRows(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, rows []any) error {
	res, err := tx.Run(ctx, cypher, map[string]any{"rows": rows})
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// inWriteTx runs work in a managed write transaction, which the driver
// retries on transient errors; each statement counts as a round trip. It
// shares the bookmarks of s.read and s.write, so that on a cluster a later
// read waits until its reader has this transaction.
func (s *Store) inWriteTx(ctx context.Context, work func(neo4j.ManagedTransaction) error) error {
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite,
		BookmarkManager: s.driver.ExecuteQueryBookmarkManager()})
	defer session.Close(ctx)
	_, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		s.statements.Add(1)
		return nil, work(tracedTx{tx, s.sent})
	}, neo4j.WithTxTimeout(0))
	return translate(err)
}

// Prune deletes the entities and relationships of a dataset that are not in
// the given id sets, so that a reloaded dataset holds exactly its input.
func (s *Store) Prune(ctx context.Context, dataset string, entityIDs, relIDs []string) (entities, rels int64, err error) {
	recs, err := s.write(ctx, `
		MATCH ()-[x]->() WHERE x.dataset = $dataset AND NOT x.id IN $relIDs
		DELETE x RETURN count(*) AS n`, map[string]any{"dataset": dataset, "relIDs": relIDs})
	if err != nil {
		return 0, 0, err
	}
	rels, _, _ = neo4j.GetRecordValue[int64](recs[0], "n")
	recs, err = s.write(ctx, `
		MATCH (n:Entity {dataset: $dataset}) WHERE NOT n.id IN $entityIDs
		DETACH DELETE n RETURN count(*) AS n`, map[string]any{"dataset": dataset, "entityIDs": entityIDs})
	if err != nil {
		return 0, 0, err
	}
	entities, _, _ = neo4j.GetRecordValue[int64](recs[0], "n")
	return entities, rels, nil
}

// Counts returns the number of nodes and relationships in the database.
func (s *Store) Counts(ctx context.Context) (nodes, rels int64, err error) {
	recs, err := s.read(ctx, `CALL { MATCH (n) RETURN count(n) AS nodes } CALL { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels`, nil)
	if err != nil {
		return 0, 0, err
	}
	nodes, _, _ = neo4j.GetRecordValue[int64](recs[0], "nodes")
	rels, _, _ = neo4j.GetRecordValue[int64](recs[0], "rels")
	return nodes, rels, nil
}

// DeleteAll empties the database, in batches so that a large graph does not
// need one huge transaction. Tests use it; it is not reachable from the API.
func (s *Store) DeleteAll(ctx context.Context) error {
	// CALL ... IN TRANSACTIONS needs an auto-commit transaction.
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	// Relationships first: detaching 10,000 nodes at once, hubs among them,
	// can hold millions of relationships in one transaction.
	for _, stmt := range []string{
		`MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS`,
		`MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`,
	} {
		res, err := session.Run(ctx, stmt, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return translate(err)
		}
	}
	return nil
}
