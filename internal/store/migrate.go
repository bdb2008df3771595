package store

import (
	"context"
	"fmt"
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
	for _, stmt := range append(searchIndexes(), relationshipIndexes()...) {
		if _, err := s.write(ctx, stmt, nil); err != nil {
			return fmt.Errorf("migrate %q: %w", stmt, err)
		}
	}
	_, err := s.write(ctx, "CALL db.awaitIndexes(300)", nil)
	return err
}

func relationshipIndexes() []string {
	out := make([]string, 0, len(domain.RelTypes))
	for _, r := range domain.RelTypes {
		out = append(out, fmt.Sprintf("CREATE INDEX rel_id_%s IF NOT EXISTS FOR ()-[r:%s]-() ON (r.id)", strings.ToLower(string(r.Type)), r.Type))
	}
	return out
}
