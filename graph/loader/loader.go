// Package loader batches the store reads of one GraphQL request, so that a
// request costs a number of Neo4j round trips that depends on the query's
// depth, never on the number of results.
package loader

import (
	"context"
	"slices"
	"strings"
	"sync"

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

// Loaders are the request's loaders. A list of entities asks for a field of
// all its items at once (see model.NewEntities), so each loader fetches a
// whole set in one statement the first time any key of the set is asked for,
// and serves the rest from its cache: no batching window, so the number of
// statements does not depend on how goroutines are scheduled.
type Loaders struct {
	Entities      *SetLoader[string, domain.Entity]
	Sources       *SourceCache
	Relationships *SetLoader[RelKey, store.RelPage]
	ByCountry     *SetLoader[CountryKey, []domain.Entity]
}

// New returns fresh loaders for one request.
func New(st *store.Store) *Loaders {
	return &Loaders{
		Entities: NewSetLoader(st.EntitiesByID),
		Sources:  &SourceCache{store: st},
		Relationships: NewSetLoader(func(ctx context.Context, keys []RelKey) (map[RelKey]store.RelPage, error) {
			return fetchGrouped(ctx, keys, func(k RelKey) RelKey {
				return RelKey{Direction: k.Direction, Types: k.Types, Offset: k.Offset, Limit: k.Limit}
			},
				func(k RelKey) string { return k.EntityID },
				func(ctx context.Context, group RelKey, ids []string) (map[string]store.RelPage, error) {
					return st.RelationshipsOf(ctx, ids, store.RelQuery{Direction: group.Direction, Types: SplitTypes(group.Types), Page: store.Page{Offset: group.Offset, Limit: group.Limit}})
				})
		}),
		ByCountry: NewSetLoader(func(ctx context.Context, keys []CountryKey) (map[CountryKey][]domain.Entity, error) {
			return fetchGrouped(ctx, keys, func(k CountryKey) domain.Kind { return k.Kind },
				func(k CountryKey) string { return k.Country },
				func(ctx context.Context, kind domain.Kind, ids []string) (map[string][]domain.Entity, error) {
					return st.EntitiesByCountry(ctx, ids, kind)
				})
		}),
	}
}

// SetLoader fetches the values of a set of keys in one call and caches them
// for the request.
type SetLoader[K comparable, V any] struct {
	fetch func(context.Context, []K) (map[K]V, error)
	mu    sync.Mutex
	calls map[K]*setCall[K, V]
}

type setCall[K comparable, V any] struct {
	done   chan struct{}
	values map[K]V
	err    error
}

// NewSetLoader returns a loader over fetch, which returns the values it
// found; keys without a value are absent.
func NewSetLoader[K comparable, V any](fetch func(context.Context, []K) (map[K]V, error)) *SetLoader[K, V] {
	return &SetLoader[K, V]{fetch: fetch, calls: map[K]*setCall[K, V]{}}
}

// Load returns key's value, fetching it with every key of set not fetched
// yet; found is false when there is none.
func (l *SetLoader[K, V]) Load(ctx context.Context, set []K, key K) (v V, found bool, err error) {
	l.mu.Lock()
	c, ok := l.calls[key]
	if !ok {
		c = &setCall[K, V]{done: make(chan struct{})}
		todo := []K{key}
		l.calls[key] = c
		for _, k := range set {
			if _, taken := l.calls[k]; !taken {
				l.calls[k] = c
				todo = append(todo, k)
			}
		}
		l.mu.Unlock()
		c.values, c.err = l.fetch(ctx, todo)
		close(c.done)
	} else {
		l.mu.Unlock()
		select {
		case <-c.done:
		case <-ctx.Done():
			return v, false, ctx.Err()
		}
	}
	v, found = c.values[key]
	return v, found, c.err
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
		return s, domain.Errorf(domain.ENOTFOUND, "no source %q", id)
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
