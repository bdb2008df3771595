// Package loader batches the store reads of one GraphQL request, so that a
// request costs a number of Neo4j round trips that depends on the query's
// depth, never on the number of results.
package loader

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/store"
)

// RelKey asks for one page of an entity's relationships.
type RelKey struct {
	EntityID  string
	Direction store.Direction
	Types     string // comma-joined, sorted: keys must be comparable
	Offset    int
	Limit     int
}

// CountryKey asks for a country's entities of a kind.
type CountryKey struct {
	Country string
	Kind    domain.Kind
}

// Loaders are the request's batching loaders.
type Loaders struct {
	Entities      *dataloadgen.Loader[string, domain.Entity]
	Sources       *SourceCache
	Relationships *dataloadgen.Loader[RelKey, store.RelPage]
	ByCountry     *dataloadgen.Loader[CountryKey, []domain.Entity]

	fetchRelationships func(context.Context, []RelKey) (map[RelKey]store.RelPage, error)
}

// wait is how long a loader collects keys before it fetches. Lists prime
// their siblings' keys at once (see model.NewEntities), so the wait only
// gathers keys from unrelated parts of a query and can stay short.
const wait = time.Millisecond

// New returns fresh loaders for one request.
func New(st *store.Store) *Loaders {
	fetchRelationships := func(ctx context.Context, keys []RelKey) (map[RelKey]store.RelPage, error) {
		return fetchGrouped(ctx, keys, func(k RelKey) RelKey {
			return RelKey{Direction: k.Direction, Types: k.Types, Offset: k.Offset, Limit: k.Limit}
		},
			func(k RelKey) string { return k.EntityID },
			func(ctx context.Context, group RelKey, ids []string) (map[string]store.RelPage, error) {
				return st.RelationshipsOf(ctx, ids, store.RelQuery{Direction: group.Direction, Types: SplitTypes(group.Types), Page: store.Page{Offset: group.Offset, Limit: group.Limit}})
			})
	}
	return &Loaders{
		Entities:           dataloadgen.NewMappedLoader(st.EntitiesByID, dataloadgen.WithWait(wait)),
		Sources:            &SourceCache{store: st},
		Relationships:      dataloadgen.NewMappedLoader(fetchRelationships, dataloadgen.WithWait(wait)),
		fetchRelationships: fetchRelationships,
		ByCountry: dataloadgen.NewMappedLoader(func(ctx context.Context, keys []CountryKey) (map[CountryKey][]domain.Entity, error) {
			out, err := fetchGrouped(ctx, keys, func(k CountryKey) domain.Kind { return k.Kind },
				func(k CountryKey) string { return k.Country },
				func(ctx context.Context, kind domain.Kind, ids []string) (map[string][]domain.Entity, error) {
					return st.EntitiesByCountry(ctx, ids, kind)
				})
			for _, k := range keys { // a country without such entities has none, not a missing key
				if _, ok := out[k]; !ok && err == nil {
					out[k] = nil
				}
			}
			return out, err
		}, dataloadgen.WithWait(wait)),
	}
}

// RelationshipsNow loads one page of relationships at once and primes the
// loader with it. It serves entities that came alone: with no siblings to
// batch with, the loader's wait would only add latency.
func (l *Loaders) RelationshipsNow(ctx context.Context, key RelKey) (store.RelPage, error) {
	pages, err := l.fetchRelationships(ctx, []RelKey{key})
	if err != nil {
		return store.RelPage{}, err
	}
	page := pages[key] // an entity without such relationships has an empty page
	l.Relationships.Prime(key, page)
	return page, nil
}

// SourceCache loads every source once per request: sources are few, and
// citations are scattered over a response, where batching by time would
// split them into several statements.
type SourceCache struct {
	store   *store.Store
	once    sync.Once
	sources map[string]domain.Source
	err     error
}

// Load returns one source.
func (c *SourceCache) Load(ctx context.Context, id string) (domain.Source, error) {
	c.once.Do(func() {
		var list []domain.Source
		list, c.err = c.store.Sources(ctx)
		c.sources = make(map[string]domain.Source, len(list))
		for _, s := range list {
			c.sources[s.ID] = s
		}
	})
	if c.err != nil {
		return domain.Source{}, c.err
	}
	s, ok := c.sources[id]
	if !ok {
		return s, dataloadgen.ErrNotFound
	}
	return s, nil
}

// fetchGrouped splits keys into groups that share everything but an id, and
// runs one fetch per group.
func fetchGrouped[K comparable, G comparable, V any](ctx context.Context, keys []K, group func(K) G, id func(K) string,
	fetch func(context.Context, G, []string) (map[string]V, error)) (map[K]V, error) {
	groups := map[G][]K{}
	for _, k := range keys {
		groups[group(k)] = append(groups[group(k)], k)
	}
	out := make(map[K]V, len(keys))
	for g, ks := range groups {
		ids := make([]string, len(ks))
		for i, k := range ks {
			ids[i] = id(k)
		}
		res, err := fetch(ctx, g, ids)
		if err != nil {
			return nil, err
		}
		for _, k := range ks {
			if v, ok := res[id(k)]; ok {
				out[k] = v
			}
		}
	}
	return out, nil
}

// JoinTypes makes a comparable key of a type list.
func JoinTypes(types []domain.RelType) string {
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = string(t)
	}
	slices.Sort(names)
	return strings.Join(slices.Compact(names), ",")
}

// SplitTypes undoes JoinTypes.
func SplitTypes(s string) []domain.RelType {
	if s == "" {
		return nil
	}
	var out []domain.RelType
	for _, name := range strings.Split(s, ",") {
		out = append(out, domain.RelType(name))
	}
	return out
}

type ctxKey struct{}

// With returns a context carrying the loaders.
func With(ctx context.Context, l *Loaders) context.Context {
	return context.WithValue(ctx, ctxKey{}, l)
}

// From returns the request's loaders.
func From(ctx context.Context) *Loaders {
	l, _ := ctx.Value(ctxKey{}).(*Loaders)
	return l
}

// IsNotFound reports whether a loader found nothing for a key.
func IsNotFound(err error) bool { return errors.Is(err, dataloadgen.ErrNotFound) }
