package store

import (
	"context"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// ref is an entity id that a question names, and the argument that names
// it.
type ref struct{ arg, id string }

func refs(arg string, ids ...string) []ref {
	out := make([]ref, len(ids))
	for i, id := range ids {
		out[i] = ref{arg, id}
	}
	return out
}

// checkRefs fails with NOT_FOUND for the first id that is no entity; empty
// ids are not asked about. Queries call it when they find nothing, so that
// a mistyped id reads as one rather than as "none", and answers that find
// something cost no extra round trip.
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
		if _, ok := found[r.id]; r.id != "" && !ok {
			return domain.Errorf(domain.ENOTFOUND, "no entity with id %q (%s)", r.id, r.arg)
		}
	}
	return nil
}
