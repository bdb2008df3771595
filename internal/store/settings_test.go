package store_test

import (
	"context"
	"testing"

	"github.com/silkgraph/silkgraph/internal/store"
	"github.com/silkgraph/silkgraph/internal/testenv"
)

// The local Neo4j groups the relationships of nodes as small as an
// agreement (tools/neo4j/Launcher.java); docker-compose.yml is checked
// against the same constant in cmd/silkgraph.
func TestNeo4jGroupsRelationshipsEarly(t *testing.T) {
	if testenv.External() {
		t.Skip("NEO4J_URI names a server this repository does not configure")
	}
	got, err := testenv.Store(t).RelationshipGroupingThreshold(context.Background())
	if err != nil || got != store.GroupingThreshold {
		t.Fatalf("db.relationship_grouping_threshold = %d, %v; want %d", got, err, store.GroupingThreshold)
	}
}
