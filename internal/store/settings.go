package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/rs/zerolog"
)

// GroupingThreshold is the db.relationship_grouping_threshold our Neo4j runs
// with (scripts/neo4j-local, docker-compose.yml) instead of Neo4j's 50. A
// node with more relationships than the threshold keeps them in one chain
// per type and direction, whose length Neo4j stores; below it, counting one
// type walks all of the node's relationships. Agreements have tens, and
// supply chains count each agreement's suppliers: at 10, those for a hub
// country take 0.5 to 0.8 of the time (docs/benchmarks.md). Neo4j groups a
// node's relationships as they are written, so a store loaded under a
// higher threshold keeps its layout until reloaded. The setting applies to the
// record formats (Community's aligned among them), not to Enterprise's block
// format.
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
// Silkgraph slower. A user who may not list settings is not warned, nor one
// whose store has the block format, which ignores the threshold.
func (s *Store) warnOfSettings(ctx context.Context, log zerolog.Logger) {
	n, err := s.RelationshipGroupingThreshold(ctx)
	if err != nil {
		log.Debug().Err(err).Msg("could not read neo4j's settings")
		return
	}
	if n <= GroupingThreshold || s.blockFormat(ctx) {
		return
	}
	log.Warn().Int("db.relationship_grouping_threshold", n).Int("recommended", GroupingThreshold).
		Msg("neo4j counts relationships of small nodes by walking them all; set db.relationship_grouping_threshold before loading (docs/scaling.md)")
}

// blockFormat tells a database stored in the block format (Enterprise);
// false when it cannot tell.
func (s *Store) blockFormat(ctx context.Context) bool {
	recs, err := s.read(ctx, `SHOW DATABASES YIELD name, store WHERE name = $name RETURN store`, map[string]any{"name": s.database})
	if err != nil || len(recs) == 0 {
		return false
	}
	format, _ := get[string](recs[0], "store")
	return strings.HasPrefix(format, "block")
}
