package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// Curation: API writes of single records. Each write is one transaction
// that locks the entities it touches, checks the versions the client read,
// validates with the loader's rules (domain.Validate, quotes checked against
// the source texts in the store), writes with the loader's statements and
// records a Change in the audit trail. Nothing is ever deleted: a retracted
// relationship moves to a Retraction node, a merged entity leaves a
// MergedId behind.

// CurationDataset tags records created through the API, so that pruning a
// loaded dataset never removes them.
const CurationDataset = "curation"

// Statements of single relationships by id, per type: the id index of each
// type finds them in one seek.
var (
	relByIDCypher   = map[domain.RelType]string{}
	deleteRelCypher = map[domain.RelType]string{}
)

func init() {
	for _, r := range domain.RelTypes {
		relByIDCypher[r.Type] = fmt.Sprintf(`MATCH (a:Entity)-[x:%s {id: $id}]->(b:Entity) RETURN x, a.id AS from, b.id AS to`, r.Type)
		deleteRelCypher[r.Type] = fmt.Sprintf(`MATCH ()-[x:%s {id: $id}]->() DELETE x`, r.Type)
	}
}

const (
	// lockCypher takes the write lock of each entity before reading it, so
	// that a version read under the lock is the one the write replaces
	// (Neo4j locks on write, not on read). The property is set and removed
	// in one go: the lock stays until the transaction ends, the node is
	// unchanged.
	lockCypher = `UNWIND $ids AS id
		MATCH (n:Entity {id: id})
		SET n._lock = true REMOVE n._lock
		RETURN n`
	// contextCypher reads what validation needs besides the record: the
	// texts of the cited sources, the kinds of referenced entities and the
	// survivors of merged ids.
	contextCypher = `
		CALL () { UNWIND $sources AS id MATCH (:Source {id: id}) OPTIONAL MATCH (t:SourceText {id: id})
			RETURN collect([id, coalesce(t.text, '')]) AS texts }
		CALL () { UNWIND $entities AS id MATCH (n:Entity {id: id}) RETURN collect([id, n.kind]) AS kinds }
		CALL () { UNWIND $entities AS id MATCH (m:MergedId {id: id}) RETURN collect([id, m.into]) AS merged }
		RETURN texts, kinds, merged`
	mergedIntoCypher = `UNWIND $ids AS id MATCH (m:MergedId {id: id}) RETURN id, m.into AS into`
)

// locked is an entity read under its write lock, with its stored
// properties for the audit trail.
type locked struct {
	entity domain.Entity
	props  map[string]any
}

// lock locks and reads the entities with the given ids, in id order so that
// two writes never wait on each other's locks.
func lock(ctx context.Context, tx neo4j.ManagedTransaction, ids ...string) (map[string]locked, error) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	res, err := tx.Run(ctx, lockCypher, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]locked, len(recs))
	for _, rec := range recs {
		v, _ := rec.Get("n")
		n, ok := v.(dbtype.Node)
		if !ok {
			return nil, fmt.Errorf("lock: want a node, got %T", v)
		}
		e := entityFromProps(n.Props)
		out[e.ID] = locked{entity: e, props: n.Props}
	}
	return out, nil
}

// writeContext is what validation of a write needs from the store.
type writeContext struct {
	lib    *domain.Library
	kinds  map[string]domain.Kind
	merged map[string]string // merged id -> survivor
}

// readContext reads the texts of the sources cited and the kinds of the
// entities named.
func readContext(ctx context.Context, tx neo4j.ManagedTransaction, sources []string, entities ...string) (writeContext, error) {
	res, err := tx.Run(ctx, contextCypher, map[string]any{"sources": sources, "entities": entities})
	if err != nil {
		return writeContext{}, err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return writeContext{}, err
	}
	wc := writeContext{lib: domain.NewLibrary(), kinds: map[string]domain.Kind{}, merged: map[string]string{}}
	pairs := func(key string, put func(k, v string)) {
		v, _ := rec.Get(key)
		list, _ := v.([]any)
		for _, item := range list {
			if pair, ok := item.([]any); ok && len(pair) == 2 {
				k, _ := pair[0].(string)
				v, _ := pair[1].(string)
				put(k, v)
			}
		}
	}
	pairs("texts", func(id, text string) { wc.lib.Add(id, text) })
	pairs("kinds", func(id, kind string) { wc.kinds[id] = domain.Kind(kind) })
	pairs("merged", func(id, into string) { wc.merged[id] = into })
	return wc, nil
}

// cited lists the sources of citations and variants.
func cited(cs []domain.Citation, vs []domain.Variant) []string {
	out := make([]string, 0, len(cs)+len(vs))
	for _, c := range cs {
		out = append(out, c.Source)
	}
	for _, v := range vs {
		out = append(out, v.Source)
	}
	return out
}

// missing is the error for an entity that does not exist, saying where a
// merged one went.
func (wc writeContext) missing(field, id string) domain.Problem {
	if into, ok := wc.merged[id]; ok {
		return domain.Problem{Field: field, Message: fmt.Sprintf("entity %q was merged into %q; use that id", id, into)}
	}
	return domain.Problem{Field: field, Message: fmt.Sprintf("unknown entity %q", id)}
}

// checkVersion compares the version a client read (nil: it means to create
// the record) with the stored one.
func checkVersion(what, id string, exists bool, stored int64, expected *int64) error {
	switch {
	case expected == nil && exists:
		return domain.Errorf(domain.ECONFLICT, "%s %q already exists (version %d); to change it, pass the version you read as expectedVersion", what, id, stored)
	case expected != nil && !exists:
		return domain.Errorf(domain.ENOTFOUND, "no %s %q", what, id)
	case expected != nil && *expected != stored:
		return domain.Errorf(domain.ECONFLICT, "%s %q is at version %d, not %d: it changed since you read it; read it again and redo your change", what, id, stored, *expected)
	}
	return nil
}

// UpsertEntity creates an entity (expected nil) or replaces the one at
// version *expected. Its kind cannot change: its relationships were
// validated against it.
func (s *Store) UpsertEntity(ctx context.Context, by domain.Actor, e domain.Entity, expected *int64) (domain.Entity, error) {
	err := s.inWriteTx(ctx, func(tx neo4j.ManagedTransaction) error {
		cur, err := lock(ctx, tx, e.ID)
		if err != nil {
			return err
		}
		old, exists := cur[e.ID]
		wc, err := readContext(ctx, tx, cited(e.Citations, e.Variants), e.ID, e.Country)
		if err != nil {
			return err
		}
		if into, ok := wc.merged[e.ID]; ok && !exists {
			return domain.Errorf(domain.ECONFLICT, "entity %q was merged into %q; change that one", e.ID, into)
		}
		if err := checkVersion("entity", e.ID, exists, old.entity.Version, expected); err != nil {
			return err
		}
		problems := e.Validate(wc.lib)
		kind, known := wc.kinds[e.Country]
		problems = append(problems, domain.CheckCountry(e.Country, kind, known)...)
		if exists && e.Kind != old.entity.Kind {
			problems = append(problems, domain.Problem{Field: "kind", Message: fmt.Sprintf("an entity's kind cannot change (%q is a %s)", e.ID, old.entity.Kind)})
		}
		if len(problems) > 0 {
			return domain.Invalid(problems)
		}
		dataset, action := CurationDataset, domain.ActionCreateEntity
		if exists {
			dataset, action = str(old.props, "dataset"), domain.ActionUpdateEntity
		}
		props := EntityProps(e, dataset)
		if exists {
			err = runConsume(ctx, tx, upsertEntitiesCypher[e.Kind], map[string]any{"rows": []any{props}})
		} else {
			err = runConsume(ctx, tx, createEntityCypher[e.Kind], map[string]any{"props": props})
		}
		if err != nil {
			return err
		}
		e.Version = old.entity.Version + 1
		props["version"] = e.Version
		return recordChange(ctx, tx, by, action, []string{e.ID}, "", optionalJSON(exists, old.props), recordJSON(props))
	})
	if isConstraintViolation(err) {
		return e, domain.Errorf(domain.ECONFLICT, "entity %q was just created by another write; read it and pass its version", e.ID)
	}
	return e, err
}

// storedRel is a relationship read under its ends' locks.
type storedRel struct {
	rel   domain.Relationship
	props map[string]any
}

func readRelationship(ctx context.Context, tx neo4j.ManagedTransaction, t domain.RelType, id string) (*storedRel, error) {
	res, err := tx.Run(ctx, relByIDCypher[t], map[string]any{"id": id})
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	v, _ := recs[0].Get("x")
	x, ok := v.(dbtype.Relationship)
	if !ok {
		return nil, fmt.Errorf("want a relationship, got %T", v)
	}
	from, _ := recs[0].Get("from")
	to, _ := recs[0].Get("to")
	fromID, _ := from.(string)
	toID, _ := to.(string)
	return &storedRel{rel: relationshipFromProps(x.Type, fromID, toID, x.Props), props: x.Props}, nil
}

// lockRelationship locks the ends of an existing relationship (key: from
// parseRelID) and reads it, at version expected.
func lockRelationship(ctx context.Context, tx neo4j.ManagedTransaction, key domain.Relationship, expected int64) (map[string]locked, *storedRel, error) {
	ends, err := lock(ctx, tx, key.From, key.To)
	if err != nil {
		return nil, nil, err
	}
	cur, err := readRelationship(ctx, tx, key.Type, key.ID)
	if err != nil {
		return nil, nil, err
	}
	if cur == nil {
		return nil, nil, domain.Errorf(domain.ENOTFOUND, "no relationship %q", key.ID)
	}
	return ends, cur, checkVersion("relationship", key.ID, true, cur.rel.Version, &expected)
}

// validateRelationship checks a relationship whose ends are locked.
func validateRelationship(r domain.Relationship, ends map[string]locked, wc writeContext) error {
	var problems []domain.Problem
	from, fromOK := ends[r.From]
	to, toOK := ends[r.To]
	if !fromOK {
		problems = append(problems, wc.missing("from", r.From))
	}
	if !toOK {
		problems = append(problems, wc.missing("to", r.To))
	}
	problems = append(problems, r.Validate(from.entity.Kind, to.entity.Kind, wc.lib)...)
	if len(problems) > 0 {
		return domain.Invalid(problems)
	}
	return nil
}

// AddRelationship creates a relationship; r.ID must be derived from its
// type, ends and key (domain.RelationshipID).
func (s *Store) AddRelationship(ctx context.Context, by domain.Actor, r domain.Relationship) (domain.Relationship, error) {
	if !r.Type.Valid() {
		return r, domain.Invalid(r.Validate("", "", nil))
	}
	err := s.inWriteTx(ctx, func(tx neo4j.ManagedTransaction) error {
		ends, err := lock(ctx, tx, r.From, r.To)
		if err != nil {
			return err
		}
		wc, err := readContext(ctx, tx, cited(r.Citations, r.Variants), r.From, r.To)
		if err != nil {
			return err
		}
		if err := validateRelationship(r, ends, wc); err != nil {
			return err
		}
		cur, err := readRelationship(ctx, tx, r.Type, r.ID)
		if err != nil {
			return err
		}
		if cur != nil {
			return checkVersion("relationship", r.ID, true, cur.rel.Version, nil)
		}
		props := RelationshipProps(r, CurationDataset)
		if err := runConsume(ctx, tx, createRelsCypher[r.Type], map[string]any{"rows": []any{relRowParams(r, props)}}); err != nil {
			return err
		}
		r.Version = 1
		props["version"] = r.Version
		return recordChange(ctx, tx, by, domain.ActionAddRelationship, []string{r.From, r.To}, r.ID, "", relJSON(r, props))
	})
	return r, err
}

// parseRelID splits a relationship id (from|TYPE|to[|key]) into its parts.
func parseRelID(id string) (domain.Relationship, error) {
	parts := strings.SplitN(id, "|", 4)
	if len(parts) < 3 || !domain.RelType(parts[1]).Valid() {
		return domain.Relationship{}, domain.Errorf(domain.ENOTFOUND, "no relationship %q: ids look like from|TYPE|to", id)
	}
	return domain.Relationship{ID: id, From: parts[0], Type: domain.RelType(parts[1]), To: parts[2]}, nil
}

// UpdateRelationship replaces the attributes (role, dates, amount, note,
// properties, sources, variants) of the relationship with the given id, at
// version expected; its type and ends are its id's.
func (s *Store) UpdateRelationship(ctx context.Context, by domain.Actor, id string, attrs domain.Relationship, expected int64) (domain.Relationship, error) {
	key, err := parseRelID(id)
	if err != nil {
		return attrs, err
	}
	r := attrs
	r.ID, r.Type, r.From, r.To = key.ID, key.Type, key.From, key.To
	err = s.inWriteTx(ctx, func(tx neo4j.ManagedTransaction) error {
		ends, cur, err := lockRelationship(ctx, tx, key, expected)
		if err != nil {
			return err
		}
		wc, err := readContext(ctx, tx, cited(r.Citations, r.Variants))
		if err != nil {
			return err
		}
		if err := validateRelationship(r, ends, wc); err != nil {
			return err
		}
		props := RelationshipProps(r, str(cur.props, "dataset"))
		if err := runConsume(ctx, tx, updateRelsCypher[r.Type], map[string]any{"rows": []any{relRowParams(r, props)}}); err != nil {
			return err
		}
		r.Version = cur.rel.Version + 1
		props["version"] = r.Version
		return recordChange(ctx, tx, by, domain.ActionUpdateRelationship, []string{r.From, r.To}, r.ID,
			relJSON(cur.rel, cur.props), relJSON(r, props))
	})
	return r, err
}

// RetractRelationship takes the relationship at version expected out of the
// graph into a Retraction that keeps it whole, with the reason, the sources
// that support retracting it, who and when. Reads of the graph no longer see
// it; Retractions and Changes do.
func (s *Store) RetractRelationship(ctx context.Context, by domain.Actor, id, reason string, cites []domain.Citation, expected int64) (domain.Retraction, error) {
	key, err := parseRelID(id)
	if err != nil {
		return domain.Retraction{}, err
	}
	var out domain.Retraction
	err = s.inWriteTx(ctx, func(tx neo4j.ManagedTransaction) error {
		_, cur, err := lockRelationship(ctx, tx, key, expected)
		if err != nil {
			return err
		}
		wc, err := readContext(ctx, tx, cited(cites, nil))
		if err != nil {
			return err
		}
		problems := domain.ValidateCitations(cites, wc.lib)
		if reason == "" {
			problems = append(problems, domain.Problem{Field: "reason", Message: "say why the relationship is retracted"})
		}
		if len(problems) > 0 {
			return domain.Invalid(problems)
		}
		out, err = retract(ctx, tx, by, cur, reason, cites)
		if err != nil {
			return err
		}
		return recordChange(ctx, tx, by, domain.ActionRetractRelationship, []string{cur.rel.From, cur.rel.To}, id,
			relJSON(cur.rel, cur.props), "")
	})
	return out, err
}

// retract archives a relationship and deletes it from the graph.
func retract(ctx context.Context, tx neo4j.ManagedTransaction, by domain.Actor, cur *storedRel, reason string, cites []domain.Citation) (domain.Retraction, error) {
	props := map[string]any{
		"relationshipId": cur.rel.ID, "type": string(cur.rel.Type), "from": cur.rel.From, "to": cur.rel.To,
		"relationship": recordJSON(cur.props), "reason": reason, "byKey": by.KeyID, "byName": by.Name,
	}
	putProvenance(props, cites, nil)
	res, err := tx.Run(ctx, createRetractionCypher, map[string]any{"props": props})
	if err != nil {
		return domain.Retraction{}, err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return domain.Retraction{}, err
	}
	v, _ := rec.Get("r")
	out, err := nodeRetraction(v)
	if err != nil {
		return out, err
	}
	return out, runConsume(ctx, tx, deleteRelCypher[cur.rel.Type], map[string]any{"id": cur.rel.ID})
}

// ResolveEntities returns the entities with the given ids, keyed by the id
// asked for; an id that was merged gives the entity it was merged into.
func (s *Store) ResolveEntities(ctx context.Context, ids []string) (map[string]domain.Entity, error) {
	found, err := s.EntitiesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, id := range ids {
		if _, ok := found[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return found, nil
	}
	recs, err := s.read(ctx, mergedIntoCypher, map[string]any{"ids": missing})
	if err != nil || len(recs) == 0 {
		return found, err
	}
	into := make(map[string]string, len(recs))
	survivors := make([]string, 0, len(recs))
	for _, rec := range recs {
		id, _, _ := neo4j.GetRecordValue[string](rec, "id")
		to, _, _ := neo4j.GetRecordValue[string](rec, "into")
		into[id] = to
		survivors = append(survivors, to)
	}
	live, err := s.EntitiesByID(ctx, survivors)
	if err != nil {
		return nil, err
	}
	for id, to := range into {
		if e, ok := live[to]; ok {
			found[id] = e
		}
	}
	return found, nil
}

func relRowParams(r domain.Relationship, props map[string]any) map[string]any {
	return map[string]any{"id": r.ID, "from": r.From, "to": r.To, "props": props}
}

func runConsume(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) error {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

func isConstraintViolation(err error) bool {
	var ne *neo4j.Neo4jError
	return errors.As(err, &ne) && ne.Code == "Neo.ClientError.Schema.ConstraintValidationFailed"
}
