package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/silkgraph/silkgraph/internal/domain"
)

const (
	// Relationships of the merged entity, each once (a self-loop matches
	// twice).
	mergedRelsCypher = `MATCH (m:Entity {id: $id})-[x]-(:Entity)
		WITH DISTINCT x
		RETURN x, type(x) AS type, startNode(x).id AS from, endNode(x).id AS to`
	// The survivor's relationships with the entities the moved ones reach:
	// where a moved relationship already exists.
	survivorRelsCypher = `MATCH (s:Entity {id: $id})-[x]-(o:Entity) WHERE o.id IN $others
		WITH DISTINCT x
		RETURN x, type(x) AS type, startNode(x).id AS from, endNode(x).id AS to`
	// The merged id keeps resolving: to the survivor, as do ids merged into
	// the merged entity before.
	redirectCypher = `MERGE (r:MergedId {id: $merged}) SET r.into = $survivor, r.at = datetime()
		WITH r
		OPTIONAL MATCH (earlier:MergedId {into: $merged})
		SET earlier.into = $survivor`
	// Entities whose country was the merged state now belong to the survivor.
	recountryCypher = `MATCH (n:Entity {country: $merged})
		SET n.country = $survivor, n.version = coalesce(n.version, 0) + 1`
	deleteEntityCypher = `MATCH (n:Entity {id: $id}) DETACH DELETE n`
)

// MergeReason is the reason recorded for a relationship between the two
// records of a merge: after the merge it would join the entity to itself.
const MergeReason = "merged: a relationship between two records of one entity"

// MergeEntities merges the entity merged into survivor, two records of one
// real entity: merged's relationships are re-created on survivor (ids
// derived anew; where survivor already has one, the citations are merged),
// its name, aliases, tags, sources and variants join survivor's, and merged
// is deleted, its id resolving to survivor from then on. The versions, when
// given, must be current. cites support the merge.
func (s *Store) MergeEntities(ctx context.Context, by domain.Actor, survivorID, mergedID string, cites []domain.Citation, survivorVersion, mergedVersion *int64) (domain.Entity, error) {
	if survivorID == mergedID {
		return domain.Entity{}, domain.Invalid([]domain.Problem{{Field: "merged", Message: "an entity cannot merge into itself"}})
	}
	var out domain.Entity
	err := s.inWriteTx(ctx, func(tx neo4j.ManagedTransaction) error {
		both, err := lock(ctx, tx, survivorID, mergedID)
		if err != nil {
			return err
		}
		wc, err := readContext(ctx, tx, cited(cites, nil), survivorID, mergedID)
		if err != nil {
			return err
		}
		survivor, sok := both[survivorID]
		merged, mok := both[mergedID]
		var problems []domain.Problem
		if !sok {
			problems = append(problems, wc.missing("survivor", survivorID))
		}
		if !mok {
			problems = append(problems, wc.missing("merged", mergedID))
		}
		if sok && mok && survivor.entity.Kind != merged.entity.Kind {
			problems = append(problems, domain.Problem{Field: "merged", Message: fmt.Sprintf("%q is a %s and %q a %s: only records of one kind merge",
				mergedID, merged.entity.Kind, survivorID, survivor.entity.Kind)})
		}
		problems = append(problems, domain.ValidateCitations(cites, wc.lib)...)
		if len(problems) > 0 {
			return domain.Invalid(problems)
		}
		if survivorVersion != nil {
			if err := checkVersion("entity", survivorID, true, survivor.entity.Version, survivorVersion); err != nil {
				return err
			}
		}
		if mergedVersion != nil {
			if err := checkVersion("entity", mergedID, true, merged.entity.Version, mergedVersion); err != nil {
				return err
			}
		}
		moved, err := moveRelationships(ctx, tx, by, survivorID, mergedID)
		if err != nil {
			return err
		}
		out = absorb(survivor.entity, merged.entity, cites)
		props := EntityProps(out, str(survivor.props, "dataset"))
		if err := runConsume(ctx, tx, upsertEntitiesCypher[out.Kind], map[string]any{"rows": []any{props}}); err != nil {
			return err
		}
		out.Version = survivor.entity.Version + 1
		props["version"] = out.Version
		names := map[string]any{"survivor": survivorID, "merged": mergedID}
		for _, stmt := range []string{recountryCypher, redirectCypher} {
			if err := runConsume(ctx, tx, stmt, names); err != nil {
				return err
			}
		}
		if err := runConsume(ctx, tx, deleteEntityCypher, map[string]any{"id": mergedID}); err != nil {
			return err
		}
		before := mergeRecord{Survivor: raw(recordJSON(survivor.props)), Merged: raw(recordJSON(merged.props)), Relationships: moved.before}
		after := mergeRecord{Survivor: raw(recordJSON(props)), RelationshipIDs: moved.after, Retracted: moved.retracted}
		return recordChange(ctx, tx, by, domain.ActionMergeEntities, []string{survivorID, mergedID}, "", before.json(), after.json())
	})
	return out, err
}

// absorb returns survivor with merged's name, aliases, tags, sources and
// variants added; survivor's own fields win.
func absorb(survivor, merged domain.Entity, cites []domain.Citation) domain.Entity {
	out := survivor
	for _, a := range append([]string{merged.Name}, merged.Aliases...) {
		if a != survivor.Name && !slices.Contains(out.Aliases, a) {
			out.Aliases = append(out.Aliases, a)
		}
	}
	out.Tags = union(out.Tags, merged.Tags)
	out.Citations = union(union(out.Citations, merged.Citations), cites)
	out.Variants = union(out.Variants, merged.Variants)
	return out
}

// union appends the items of b that a lacks.
func union[T comparable](a, b []T) []T {
	out := slices.Clone(a)
	for _, x := range b {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// movedRels is what moveRelationships did, for the audit trail: the
// relationships as they were, the ids they have now, and those retracted.
type movedRels struct {
	before           []json.RawMessage
	after, retracted []string
}

// moveRelationships re-creates merged's relationships on the survivor.
// Relationships between the two records are retracted with MergeReason, so
// that nothing is lost.
func moveRelationships(ctx context.Context, tx neo4j.ManagedTransaction, by domain.Actor, survivorID, mergedID string) (movedRels, error) {
	var done movedRels
	rels, err := readRels(ctx, tx, mergedRelsCypher, map[string]any{"id": mergedID})
	if err != nil {
		return done, err
	}
	var others []string
	for _, r := range rels {
		others = append(others, r.rel.From, r.rel.To)
	}
	existing, err := readRels(ctx, tx, survivorRelsCypher, map[string]any{"id": survivorID, "others": others})
	if err != nil {
		return done, err
	}
	onSurvivor := map[string]storedRel{}
	for _, e := range existing {
		onSurvivor[e.rel.ID] = e
	}
	updates := map[domain.RelType][]any{}
	creates := map[domain.RelType][]any{}
	for _, cur := range rels {
		done.before = append(done.before, raw(relJSON(cur.rel, cur.props)))
		r := cur.rel
		if r.From == survivorID || r.To == survivorID || r.From == r.To {
			if _, err := retract(ctx, tx, by, &cur, MergeReason, nil); err != nil {
				return done, err
			}
			done.retracted = append(done.retracted, r.ID)
			continue
		}
		if r.From == mergedID {
			r.From = survivorID
		}
		if r.To == mergedID {
			r.To = survivorID
		}
		// Distinct old ids give distinct new ids: each differs from the
		// others in more than the merged end.
		r.ID = domain.RelationshipID(r.Type, r.From, r.To, domain.RelationshipKey(cur.rel.ID))
		done.after = append(done.after, r.ID)
		if prev, ok := onSurvivor[r.ID]; ok {
			both := prev.rel
			both.Citations = union(prev.rel.Citations, r.Citations)
			both.Variants = union(prev.rel.Variants, r.Variants)
			updates[r.Type] = append(updates[r.Type], relRowParams(both, RelationshipProps(both, str(prev.props, "dataset"))))
			continue
		}
		creates[r.Type] = append(creates[r.Type], relRowParams(r, RelationshipProps(r, CurationDataset)))
	}
	for _, t := range domain.RelTypes {
		if rows := updates[t.Type]; len(rows) > 0 {
			if err := runConsume(ctx, tx, updateRelsCypher[t.Type], map[string]any{"rows": rows}); err != nil {
				return done, err
			}
		}
		if rows := creates[t.Type]; len(rows) > 0 {
			if err := runConsume(ctx, tx, createRelsCypher[t.Type], map[string]any{"rows": rows}); err != nil {
				return done, err
			}
		}
	}
	return done, nil
}

// readRels reads relationships returned as x, type, from, to.
func readRels(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) ([]storedRel, error) {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]storedRel, 0, len(recs))
	for _, rec := range recs {
		v, _ := rec.Get("x")
		x, ok := v.(dbtype.Relationship)
		if !ok {
			return nil, fmt.Errorf("want a relationship, got %T", v)
		}
		from, _, _ := neo4j.GetRecordValue[string](rec, "from")
		to, _, _ := neo4j.GetRecordValue[string](rec, "to")
		out = append(out, storedRel{rel: relationshipFromProps(x.Type, from, to, x.Props), props: x.Props})
	}
	return out, nil
}

// mergeRecord is a merge's before or after in the audit trail.
type mergeRecord struct {
	Survivor        json.RawMessage   `json:"survivor"`
	Merged          json.RawMessage   `json:"merged,omitempty"`
	Relationships   []json.RawMessage `json:"relationships,omitempty"`
	RelationshipIDs []string          `json:"relationshipIds,omitempty"`
	Retracted       []string          `json:"retracted,omitempty"`
}

func (m mergeRecord) json() string {
	b, err := json.Marshal(m)
	if err != nil { // made of valid JSON and strings
		panic(fmt.Sprintf("merge JSON: %v", err))
	}
	return string(b)
}

func raw(s string) json.RawMessage { return json.RawMessage(s) }
