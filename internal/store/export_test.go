package store

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Test-only access for this package's external tests.

// Observe makes s show every statement it sends to f first.
func Observe(s *Store, f func(cypher string, params map[string]any)) { s.observe = f }

// Explain returns the plan Neo4j chooses for a statement, without running it.
func Explain(ctx context.Context, s *Store, cypher string, params map[string]any) (neo4j.Plan, error) {
	res, err := neo4j.ExecuteQuery(ctx, s.driver, "EXPLAIN "+cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database))
	if err != nil {
		return nil, err
	}
	return res.Summary.Plan(), nil
}

// Replan resamples every index and empties the query plan cache, so that
// the next plans are made for the data in the database now.
func Replan(ctx context.Context, s *Store) error {
	run := func(cypher string, params map[string]any) ([]*neo4j.Record, error) {
		res, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.database))
		if err != nil {
			return nil, err
		}
		return res.Records, nil
	}
	recs, err := run("SHOW INDEXES YIELD name, type WHERE type IN ['RANGE', 'FULLTEXT'] RETURN name", nil)
	if err != nil {
		return err
	}
	for _, rec := range recs {
		if _, err := run("CALL db.resampleIndex($name)", map[string]any{"name": rec.Values[0]}); err != nil {
			return err
		}
	}
	_, err = run("CALL db.clearQueryCaches()", nil)
	return err
}
