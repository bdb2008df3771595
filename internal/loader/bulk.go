package loader

import (
	"context"
	"fmt"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/seed"
	"github.com/silkgraph/silkgraph/internal/store"
)

// Progress is told how many entities and relationships have been written.
type Progress func(entities, relationships int)

// batch is one write: entities of one kind or relationships of one type.
type batch struct {
	entities []domain.Entity
	rels     []domain.Relationship
}

// LoadBulk streams a validated bulk set into the store: its sources, then
// its entities and relationships in batches of o.BatchSize, one transaction
// per batch. Reading the next batch overlaps writing the last one; memory
// holds a few batches however large the input. A load killed half-way and
// run again ends with the same graph, since every write is an upsert by id.
func LoadBulk(ctx context.Context, st *store.Store, b *seed.Bulk, o Options, progress Progress) (Stats, error) {
	if o.BatchSize <= 0 {
		o.BatchSize = 5000
	}
	var stats Stats
	if err := st.WriteSources(ctx, b.Sources); err != nil {
		return stats, fmt.Errorf("write sources: %w", err)
	}
	stats.Sources = len(b.Sources)
	g, ctx := errgroup.WithContext(ctx)
	batches := make(chan batch, 2*o.writers())
	var entitiesWritten sync.WaitGroup
	g.Go(func() error {
		defer close(batches)
		return readBatches(ctx, b, o.BatchSize, batches, &entitiesWritten)
	})
	var mu sync.Mutex
	for range o.writers() {
		g.Go(func() error {
			for bt := range batches {
				if len(bt.entities) > 0 {
					err := st.WriteEntities(ctx, bt.entities, o.Dataset)
					entitiesWritten.Done()
					if err != nil {
						return fmt.Errorf("write entities: %w", err)
					}
				}
				if len(bt.rels) > 0 {
					if err := st.WriteRelationships(ctx, bt.rels, o.Dataset); err != nil {
						return fmt.Errorf("write relationships: %w", err)
					}
				}
				mu.Lock()
				stats.Entities += len(bt.entities)
				stats.Relationships += len(bt.rels)
				progress(stats.Entities, stats.Relationships)
				mu.Unlock()
			}
			return nil
		})
	}
	err := g.Wait()
	return stats, err
}

// readBatches groups the bulk set's records by kind and type into batches.
// Every entity batch is written before the first relationship batch is
// sent (entitiesWritten), so both ends of a relationship exist.
func readBatches(ctx context.Context, b *seed.Bulk, size int, out chan<- batch, entitiesWritten *sync.WaitGroup) error {
	send := func(bt batch) error {
		if len(bt.entities) > 0 {
			entitiesWritten.Add(1)
		}
		select {
		case out <- bt:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	ents := map[domain.Kind][]domain.Entity{}
	rels := map[domain.RelType][]domain.Relationship{}
	flushEntities := func() error {
		for k, list := range ents {
			if len(list) > 0 {
				if err := send(batch{entities: list}); err != nil {
					return err
				}
			}
			delete(ents, k)
		}
		return nil
	}
	relsStarted := false
	err := b.Each(func(e domain.Entity) error {
		ents[e.Kind] = append(ents[e.Kind], e)
		if len(ents[e.Kind]) >= size {
			list := ents[e.Kind]
			ents[e.Kind] = nil
			return send(batch{entities: list})
		}
		return nil
	}, func(r domain.Relationship) error {
		if !relsStarted {
			relsStarted = true
			if err := flushEntities(); err != nil {
				return err
			}
			if err := waitCtx(ctx, entitiesWritten); err != nil {
				return err
			}
		}
		rels[r.Type] = append(rels[r.Type], r)
		if len(rels[r.Type]) >= size {
			list := rels[r.Type]
			rels[r.Type] = nil
			return send(batch{rels: list})
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := flushEntities(); err != nil {
		return err
	}
	for _, list := range rels {
		if len(list) > 0 {
			if err := send(batch{rels: list}); err != nil {
				return err
			}
		}
	}
	return nil
}

// waitCtx waits for wg, or for ctx to end.
func waitCtx(ctx context.Context, wg *sync.WaitGroup) error {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
