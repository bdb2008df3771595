package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/rs/zerolog"
)

// GroupingThreshold is the db.relationship_grouping_threshold our Neo4j runs
// with (scripts/neo4j-local, docker-compose.yml) instead of Neo4j's 50. A
// node with more relationships than the threshold keeps them in one chain
// per type and direction, whose length Neo4j stores; below it, counting one
// type walks all of the node's relationships. Agreements have tens, and
// supply chains count each agreement's suppliers: at 10, those for a hub
// country take 0.6 of the time (docs/benchmarks.md). Neo4j groups a node's
// relationships as they are written, so a store loaded under a higher
// threshold keeps its layout until reloaded.
const GroupingThreshold = 10

// RelationshipGroupingThreshold reads the database's setting.
func (s *Store) RelationshipGroupingThreshold(ctx context.Context) (int, error) {
	recs, err := s.read(ctx, `SHOW SETTINGS YIELD name, value WHERE name = 'db.relationship_grouping_threshold' RETURN value`, nil)
	if err != nil {
		return 0, err
	}
	if len(recs) == 0 {
		return 0, fmt.Errorf("neo4j has no setting db.relationship_grouping_threshold")
	}
	v, err := get[string](recs[0], "value")
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(v)
}

// warnOfSettings says when the database runs with settings that make
// Silkgraph slower. A user who may not list settings is not warned.
func (s *Store) warnOfSettings(ctx context.Context, log zerolog.Logger) {
	n, err := s.RelationshipGroupingThreshold(ctx)
	switch {
	case err != nil:
		log.Debug().Err(err).Msg("could not read neo4j's settings")
	case n > GroupingThreshold:
		log.Warn().Int("db.relationship_grouping_threshold", n).Int("recommended", GroupingThreshold).
			Msg("neo4j counts relationships of small nodes by walking them all; set db.relationship_grouping_threshold before loading (docs/scaling.md)")
	}
}
