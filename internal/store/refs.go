package store

import (
	"context"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// ref is an entity id that a question names, the argument that names it,
// and the kind of entity it must be ("": any).
type ref struct {
	arg, id string
	kind    domain.Kind
}

func entityRef(arg, id string) ref  { return ref{arg: arg, id: id} }
func countryRef(arg, id string) ref { return ref{arg: arg, id: id, kind: domain.KindState} }

func countryRefs(arg string, ids []string) []ref {
	out := make([]ref, len(ids))
	for i, id := range ids {
		out[i] = countryRef(arg, id)
	}
	return out
}

// checkRefs fails with NOT_FOUND for the first id that is no entity, and
// with BAD_USER_INPUT for the first of the wrong kind; empty ids are not
// asked about. Queries call it when they find nothing, so that a mistyped
// id reads as one rather than as "none", and answers that find something
// cost no extra round trip.
func (s *Store) checkRefs(ctx context.Context, refs ...ref) error {
	var ids []string
	for _, r := range refs {
		if r.id != "" {
			ids = append(ids, r.id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	found, err := s.EntitiesByID(ctx, ids)
	if err != nil {
		return err
	}
	for _, r := range refs {
		if r.id == "" {
			continue
		}
		e, ok := found[r.id]
		switch {
		case !ok:
			return domain.Errorf(domain.ENOTFOUND, "no entity with id %q (%s)", r.id, r.arg)
		case r.kind != "" && e.Kind != r.kind:
			return domain.Errorf(domain.EINVALID, "%s: %q is a %s, not a %s", r.arg, r.id, e.Kind.Info().Enum, r.kind.Info().Enum)
		}
	}
	return nil
}
