package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// SearchIndex is the full-text index over entity names, aliases and
// descriptions, and over nameKeys (see exactNameQuery). Its analyzer folds
// diacritics, so "Vucic" finds "Vučić". A full-text index's properties are
// fixed when it is created, so a new set of properties takes a new name and
// the migration drops the old index (OldSearchIndexes).
const SearchIndex = "entity_search_v2"

// SearchFields are the entity properties SearchIndex covers.
var SearchFields = []string{"name", "aliasText", "description", "nameKeys"}

// OldSearchIndexes are earlier versions of SearchIndex.
var OldSearchIndexes = []string{"entity_search"}

// Citations are kept as a list property (sourceIds), which of Neo4j's indexes
// only full-text ones cover; with the keyword analyzer each source id is one
// term, so "what does this source support" is an index lookup, not a scan.
const (
	entitySourcesIndex = "entity_sources"
	// changeEntitiesIndex finds the audit trail of an entity the same way.
	changeEntitiesIndex = "change_entities"
	// relSourcesPrefix names the relationships' index; its name ends in a
	// hash of the ontology's types, since a relationship index lists its
	// types and a new type needs a new index (Migrate drops the old one).
	relSourcesPrefix = "relationship_sources_"
	keywordIndex     = "OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword', `fulltext.eventually_consistent`: false}}"
)

var relSourcesIndex = func() string {
	types := make([]string, len(domain.RelTypes))
	for i, r := range domain.RelTypes {
		types[i] = string(r.Type)
	}
	sum := sha256.Sum256([]byte(strings.Join(types, "|")))
	return relSourcesPrefix + hex.EncodeToString(sum[:4])
}()

func citationIndexes() []string {
	types := make([]string, len(domain.RelTypes))
	for i, r := range domain.RelTypes {
		types[i] = string(r.Type)
	}
	return []string{
		"CREATE FULLTEXT INDEX " + entitySourcesIndex + " IF NOT EXISTS FOR (n:Entity) ON EACH [n.sourceIds] " + keywordIndex,
		"CREATE FULLTEXT INDEX " + changeEntitiesIndex + " IF NOT EXISTS FOR (c:Change) ON EACH [c.entities] " + keywordIndex,
		"CREATE FULLTEXT INDEX " + relSourcesIndex + " IF NOT EXISTS FOR ()-[r:" + strings.Join(types, "|") + "]-() ON EACH [r.sourceIds] " + keywordIndex,
	}
}

// schema is every constraint and index the queries rely on. Each statement is
// idempotent, so Migrate can run at every start.
var schema = []string{
	"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT source_id IF NOT EXISTS FOR (s:Source) REQUIRE s.id IS UNIQUE",
	"CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind)",
	"CREATE INDEX entity_country IF NOT EXISTS FOR (n:Entity) ON (n.country)",
	"CREATE INDEX entity_sort_name IF NOT EXISTS FOR (n:Entity) ON (n.sortName)",
	"CREATE INDEX entity_dataset IF NOT EXISTS FOR (n:Entity) ON (n.dataset)",
	// Curation: source texts for checking quotes, ids of merged entities,
	// retracted relationships, the audit trail and API keys.
	"CREATE CONSTRAINT source_text_id IF NOT EXISTS FOR (t:SourceText) REQUIRE t.id IS UNIQUE",
	"CREATE CONSTRAINT merged_id IF NOT EXISTS FOR (m:MergedId) REQUIRE m.id IS UNIQUE",
	"CREATE INDEX merged_into IF NOT EXISTS FOR (m:MergedId) ON (m.into)",
	"CREATE CONSTRAINT retraction_id IF NOT EXISTS FOR (r:Retraction) REQUIRE r.id IS UNIQUE",
	"CREATE INDEX retraction_from IF NOT EXISTS FOR (r:Retraction) ON (r.from)",
	"CREATE INDEX retraction_to IF NOT EXISTS FOR (r:Retraction) ON (r.to)",
	"CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:Change) REQUIRE c.id IS UNIQUE",
	"CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.at)",
	"CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE",
}

func searchIndexes() []string {
	var out []string
	for _, old := range OldSearchIndexes {
		out = append(out, "DROP INDEX "+old+" IF EXISTS")
	}
	fields := make([]string, len(SearchFields))
	for i, f := range SearchFields {
		fields[i] = "n." + f
	}
	return append(out, "CREATE FULLTEXT INDEX "+SearchIndex+" IF NOT EXISTS FOR (n:Entity) ON EACH ["+strings.Join(fields, ", ")+"] "+
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false}}")
}

// Migrate creates the constraints and indexes, and waits until they are
// online.
func (s *Store) Migrate(ctx context.Context) error {
	for _, stmt := range schema {
		if _, err := s.write(ctx, stmt, nil); err != nil {
			return fmt.Errorf("migrate %q: %w", stmt, err)
		}
	}
	stale, err := s.staleRelSourcesIndexes(ctx)
	if err != nil {
		return err
	}
	stmts := append(searchIndexes(), relationshipIndexes()...)
	for _, stmt := range append(append(stale, citationIndexes()...), stmts...) {
		if _, err := s.write(ctx, stmt, nil); err != nil {
			return fmt.Errorf("migrate %q: %w", stmt, err)
		}
	}
	_, err = s.write(ctx, "CALL db.awaitIndexes(300)", nil)
	return err
}

// staleRelSourcesIndexes returns the statements that drop relationship
// citation indexes made for an earlier set of relationship types.
func (s *Store) staleRelSourcesIndexes(ctx context.Context) ([]string, error) {
	recs, err := s.read(ctx, `SHOW FULLTEXT INDEXES YIELD name WHERE name STARTS WITH $prefix AND name <> $current RETURN name`,
		map[string]any{"prefix": relSourcesPrefix, "current": relSourcesIndex})
	if err != nil {
		return nil, fmt.Errorf("migrate: list indexes: %w", err)
	}
	var out []string
	for _, rec := range recs {
		// Names come from the database and match our own prefix; backticks
		// quote them all the same.
		if name, ok := rec.Values[0].(string); ok && !strings.Contains(name, "`") {
			out = append(out, "DROP INDEX `"+name+"` IF EXISTS")
		}
	}
	return out, nil
}

func relationshipIndexes() []string {
	out := make([]string, 0, len(domain.RelTypes))
	for _, r := range domain.RelTypes {
		out = append(out, fmt.Sprintf("CREATE INDEX rel_id_%s IF NOT EXISTS FOR ()-[r:%s]-() ON (r.id)", strings.ToLower(string(r.Type)), r.Type))
	}
	return out
}

// MissingIndexes names the full-text indexes the queries need that the
// database lacks or has not finished building: a database migrated by an
// earlier version, which Migrate brings up to date.
func (s *Store) MissingIndexes(ctx context.Context) ([]string, error) {
	want := []string{SearchIndex, entitySourcesIndex, changeEntitiesIndex, relSourcesIndex}
	recs, err := s.read(ctx, `SHOW FULLTEXT INDEXES YIELD name, state WHERE name IN $names AND state = 'ONLINE' RETURN collect(name) AS names`,
		map[string]any{"names": want})
	if err != nil {
		return nil, err
	}
	online, _ := recs[0].Values[0].([]any)
	var missing []string
	for _, name := range want {
		if !slices.Contains(online, any(name)) {
			missing = append(missing, name)
		}
	}
	return missing, nil
}
