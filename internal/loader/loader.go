// Package loader writes validated datasets into the store, in batches and
// idempotently: loading the same input twice leaves the same graph.
package loader

import (
	"context"
	"fmt"

	"github.com/rs/zerolog"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/seed"
	"github.com/silkgraph/silkgraph/internal/store"
)

// Options tune a load.
type Options struct {
	// Dataset tags every record written, so that Prune can remove what the
	// input no longer holds without touching other datasets.
	Dataset string
	// Prune deletes the dataset's records that are not in the input.
	Prune bool
	// BatchSize is the number of rows per transaction.
	BatchSize int
	// Writers is the number of concurrent write transactions of a bulk load
	// (default 1: on 2 cores a second writer gained nothing measurable).
	Writers int
}

func (o Options) writers() int {
	if o.Writers <= 0 {
		return 1
	}
	return o.Writers
}

// Stats counts what a load wrote.
type Stats struct {
	Sources, Entities, Relationships int
	PrunedEntities, PrunedRels       int64
}

// Load writes a validated dataset.
func Load(ctx context.Context, st *store.Store, ds *seed.Dataset, o Options) (Stats, error) {
	log := zerolog.Ctx(ctx)
	if o.BatchSize <= 0 {
		o.BatchSize = 5000
	}
	var stats Stats
	if err := st.WriteSources(ctx, ds.Sources); err != nil {
		return stats, fmt.Errorf("write sources: %w", err)
	}
	stats.Sources = len(ds.Sources)
	for _, batch := range chunks(ds.Entities, o.BatchSize) {
		if err := st.WriteEntities(ctx, batch, o.Dataset); err != nil {
			return stats, fmt.Errorf("write entities: %w", err)
		}
		stats.Entities += len(batch)
		log.Debug().Int("entities", stats.Entities).Msg("load progress")
	}
	for _, batch := range chunks(ds.Relationships, o.BatchSize) {
		if err := st.WriteRelationships(ctx, batch, o.Dataset); err != nil {
			return stats, fmt.Errorf("write relationships: %w", err)
		}
		stats.Relationships += len(batch)
		log.Debug().Int("relationships", stats.Relationships).Msg("load progress")
	}
	if o.Prune {
		var err error
		stats.PrunedEntities, stats.PrunedRels, err = st.Prune(ctx, o.Dataset, ids(ds.Entities, func(e domain.Entity) string { return e.ID }),
			ids(ds.Relationships, func(r domain.Relationship) string { return r.ID }))
		if err != nil {
			return stats, fmt.Errorf("prune: %w", err)
		}
	}
	return stats, nil
}

func chunks[T any](items []T, size int) [][]T {
	var out [][]T
	for len(items) > 0 {
		n := min(size, len(items))
		out = append(out, items[:n])
		items = items[n:]
	}
	return out
}

func ids[T any](items []T, id func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = id(it)
	}
	return out
}
