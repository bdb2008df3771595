package store

import (
	"context"
	"fmt"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// MaxTimeline bounds a timeline's length.
const MaxTimeline = 1000

// TimelineFilter selects timeline entries: those about an entity, a country,
// or both, within dates.
type TimelineFilter struct {
	Entity, Country string
	From, To        domain.Date
	First           int
}

// TimelineEntry is a dated entity (agreement, project, initiative, event) or
// a dated relationship with both its ends.
type TimelineEntry struct {
	Date         domain.Date
	Entity       *domain.Entity
	Relationship *domain.Relationship
	Ends         []domain.Entity // from and to of Relationship
}

// The timeline's two sources of entries: dated entities, and dated
// relationships. With an entity, both start from that entity's node, so that
// one entity's timeline costs its neighborhood, not a scan of the graph.
const (
	datedKinds         = "['Agreement', 'Project', 'Initiative', 'Event']"
	countryOfDated     = "($country IS NULL OR d.country = $country OR EXISTS { (d)--(y:Entity) WHERE y.country = $country OR y.id = $country })"
	countryOfRel       = "($country IS NULL OR $country IN [a.country, b.country, a.id, b.id])"
	timelineEntityCols = "coalesce(d.date, d.startDate) AS date, d AS entity, null AS rel, null AS a, null AS b"
)

var timelineRelCols = "r.startDate AS date, null AS entity, " + relRowCypher + " AS rel, a, b"

// timelineCypher holds the statements for a timeline of everything, of an
// entity, and of a country (which starts from the country's entities through
// the country index).
var timelineCypher = map[string]string{
	"all": timelineStatement(`
		MATCH (d:Entity) WHERE d.kind IN ` + datedKinds + ` AND coalesce(d.date, d.startDate) IS NOT NULL
		RETURN ` + timelineEntityCols + `
		UNION ALL
		MATCH (a:Entity)-[r]->(b:Entity) WHERE r.startDate IS NOT NULL
		RETURN ` + timelineRelCols),
	"entity": timelineStatement(`
		MATCH (x:Entity {id: $entity})
		CALL (x) {
			WITH x AS d RETURN d
			UNION
			MATCH (x)--(d:Entity) RETURN d
		}
		WITH d WHERE d.kind IN ` + datedKinds + ` AND coalesce(d.date, d.startDate) IS NOT NULL AND ` + countryOfDated + `
		RETURN ` + timelineEntityCols + `
		UNION ALL
		MATCH (x:Entity {id: $entity})-[r]-(:Entity) WHERE r.startDate IS NOT NULL
		WITH r, startNode(r) AS a, endNode(r) AS b WHERE ` + countryOfRel + `
		RETURN ` + timelineRelCols),
	"country": timelineStatement(`
		CALL () {
			MATCH (y:Entity {country: $country}) RETURN y
			UNION MATCH (y:Entity {id: $country}) RETURN y
		}
		CALL (y) {
			WITH y AS d RETURN d
			UNION
			MATCH (y)--(d:Entity) RETURN d
		}
		WITH DISTINCT d WHERE d.kind IN ` + datedKinds + ` AND coalesce(d.date, d.startDate) IS NOT NULL
		RETURN ` + timelineEntityCols + `
		UNION ALL
		CALL () {
			MATCH (y:Entity {country: $country}) RETURN y
			UNION MATCH (y:Entity {id: $country}) RETURN y
		}
		MATCH (y)-[r]-(:Entity) WHERE r.startDate IS NOT NULL
		WITH DISTINCT r
		WITH r, startNode(r) AS a, endNode(r) AS b
		RETURN ` + timelineRelCols),
}

func timelineStatement(entries string) string {
	return fmt.Sprintf(`
	CALL () {%s
	}
	WITH * WHERE %s
	RETURN date, entity, rel, a, b
	ORDER BY date, coalesce(entity.id, rel.r.id)
	LIMIT $first`, entries, fmt.Sprintf(inRange, "date"))
}

// Timeline returns dated entries in time order.
func (s *Store) Timeline(ctx context.Context, f TimelineFilter) ([]TimelineEntry, error) {
	if f.First < 1 || f.First > MaxTimeline {
		return nil, domain.Errorf(domain.EINVALID, "first must be between 1 and %d, got %d", MaxTimeline, f.First)
	}
	variant := "all"
	switch {
	case f.Entity != "":
		variant = "entity"
	case f.Country != "":
		variant = "country"
	}
	recs, err := s.read(ctx, timelineCypher[variant], map[string]any{
		"entity": orNilString(f.Entity), "country": orNilString(f.Country),
		"from": dateParam(f.From), "to": dateParam(f.To), "first": f.First,
	})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		// An entry names only entities that exist (the loader and curation
		// check every reference), so only an empty timeline may be of an
		// unknown entity or country.
		if err := s.checkRefs(ctx, ref{"entity", f.Entity}, ref{"country", f.Country}); err != nil {
			return nil, err
		}
	}
	out := make([]TimelineEntry, 0, len(recs))
	for _, rec := range recs {
		ds, err := get[string](rec, "date")
		if err != nil {
			return nil, err
		}
		e := TimelineEntry{Date: date(map[string]any{"d": ds}, "d")}
		if v, _ := rec.Get("entity"); v != nil {
			ent, err := nodeEntity(v)
			if err != nil {
				return nil, err
			}
			e.Entity = &ent
		}
		if v, _ := rec.Get("rel"); v != nil {
			r, err := relRow(v)
			if err != nil {
				return nil, err
			}
			e.Relationship = &r
			for _, key := range []string{"a", "b"} {
				v, _ := rec.Get(key)
				end, err := nodeEntity(v)
				if err != nil {
					return nil, err
				}
				e.Ends = append(e.Ends, end)
			}
		}
		out = append(out, e)
	}
	return out, nil
}
