package store

import (
	"context"
	"strings"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// Sources returns every source document, ordered by id.
func (s *Store) Sources(ctx context.Context) ([]domain.Source, error) {
	return s.sources(ctx, `MATCH (s:Source) RETURN s ORDER BY s.id`, nil)
}

// SourcesByID returns the sources with the given ids.
func (s *Store) SourcesByID(ctx context.Context, ids []string) (map[string]domain.Source, error) {
	list, err := s.sources(ctx, `UNWIND $ids AS id MATCH (s:Source {id: id}) RETURN s`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string]domain.Source, len(list))
	for _, src := range list {
		out[src.ID] = src
	}
	return out, nil
}

func (s *Store) sources(ctx context.Context, cypher string, params map[string]any) ([]domain.Source, error) {
	recs, err := s.read(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	out := make([]domain.Source, 0, len(recs))
	for _, rec := range recs {
		v, _ := rec.Get("s")
		n, ok := v.(interface{ GetProperties() map[string]any })
		if !ok {
			continue
		}
		out = append(out, sourceFromProps(n.GetProperties()))
	}
	return out, nil
}

// SourceEntities returns a page of the entities a source supports.
func (s *Store) SourceEntities(ctx context.Context, source string, page Page) ([]domain.Entity, int, error) {
	return readPage(ctx, s, `
		CALL db.index.fulltext.queryNodes('`+entitySourcesIndex+`', $term) YIELD node AS n
		WITH n ORDER BY n.sortName, n.id
		WITH collect(n) AS items
		RETURN size(items) AS total, items[$offset..$offset + $limit] AS page`,
		map[string]any{"term": sourceTerm(source), "offset": page.Offset, "limit": page.Limit}, nodeEntity)
}

// SourceRelationships returns a page of the relationships a source supports,
// with their ends.
func (s *Store) SourceRelationships(ctx context.Context, source string, page Page) ([]Linked, int, error) {
	return readPage(ctx, s, `
		CALL db.index.fulltext.queryRelationships('`+relSourcesIndex+`', $term) YIELD relationship AS r
		WITH startNode(r) AS a, r, endNode(r) AS b ORDER BY r.id
		WITH collect({r: r, from: a.id, to: b.id, a: a, b: b}) AS items
		RETURN size(items) AS total, items[$offset..$offset + $limit] AS page`,
		map[string]any{"term": sourceTerm(source), "offset": page.Offset, "limit": page.Limit}, linkedRow)
}

// sourceTerm is the Lucene query for one source id in a citation index: a
// quoted term, in which only quotes and backslashes are syntax.
func sourceTerm(id string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(id) + `"`
}
