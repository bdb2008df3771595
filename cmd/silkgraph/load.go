package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/silkgraph/silkgraph/internal/loader"
	"github.com/silkgraph/silkgraph/internal/seed"
)

func (a *app) loadCmd() *cobra.Command {
	var (
		opts   loader.Options
		dryRun bool
	)
	cmd := &cobra.Command{
		Use:   "load PATH...",
		Short: "Validate seed and bulk files and load them into Neo4j",
		Long: `Load reads seed files (YAML, see seed/FORMAT.md) and bulk files (JSON Lines
*.jsonl, CSV *.nodes.csv and *.edges.csv, FollowTheMoney *.ftm.json and
*.ftm.jsonl, see docs/ftm.md) from the given files or directories,
validates all of them, and writes them only if every record is valid;
otherwise it prints every problem as file:line: message and exits 1 without
touching the database. Bulk files are streamed, never read whole. Loading is
idempotent: loading the same input twice leaves the same graph.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, paths []string) error {
			for _, p := range paths {
				if info, err := os.Stat(p); err != nil {
					return err
				} else if !info.IsDir() && !seed.IsInput(p) {
					return fmt.Errorf("%s: not a seed or bulk file (want .yaml, .yml, .jsonl, .nodes.csv, .edges.csv, .ftm.json or .ftm.jsonl)", p)
				}
			}
			ds, err := seed.Read(paths...)
			if err != nil {
				return err
			}
			bulk, bulkStats, err := seed.ReadBulk(paths, ds)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "valid: %d sources, %d entities, %d relationships\n",
				len(ds.Sources)+len(bulkSources(bulk)), len(ds.Entities)+bulkStats.Entities, len(ds.Relationships)+bulkStats.Relationships)
			if dryRun {
				return nil
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close(context.Background())
			start := time.Now()
			stats, err := loader.Load(cmd.Context(), st, ds, opts)
			if err != nil {
				return err
			}
			if bulk != nil {
				progress := a.progress(bulkStats)
				bs, err := loader.LoadBulk(cmd.Context(), st, bulk, opts, progress.update)
				progress.done()
				if err != nil {
					return err
				}
				stats.Sources += bs.Sources
				stats.Entities += bs.Entities
				stats.Relationships += bs.Relationships
			}
			elapsed := time.Since(start)
			fmt.Fprintf(out, "loaded: %d sources, %d entities, %d relationships in %s (%.0f relationships/s; pruned %d entities, %d relationships)\n",
				stats.Sources, stats.Entities, stats.Relationships, elapsed.Round(time.Millisecond),
				float64(stats.Relationships)/elapsed.Seconds(), stats.PrunedEntities, stats.PrunedRels)
			return nil
		},
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "validate only; do not connect to Neo4j")
	cmd.Flags().StringVar(&opts.Dataset, "dataset", "seed", "name tagged on every record loaded, for --prune")
	cmd.Flags().BoolVar(&opts.Prune, "prune", false, "delete the dataset's entities and relationships that the YAML input no longer holds")
	cmd.Flags().IntVar(&opts.BatchSize, "batch-size", 10000, "rows per transaction")
	// Two writers keep a 2-core machine busy: one Neo4j transaction uses
	// about one core, so a second overlaps it (1M relationships: 24-26k/s
	// against 20-22k/s with one; docs/benchmarks.md).
	cmd.Flags().IntVar(&opts.Writers, "writers", 2, "concurrent write transactions of a bulk load (more may help on machines with more cores)")
	a.cfg.BindNeo4j(cmd.Flags())
	return cmd
}

func bulkSources(b *seed.Bulk) []string {
	if b == nil {
		return nil
	}
	ids := make([]string, len(b.Sources))
	for i, s := range b.Sources {
		ids[i] = s.ID
	}
	return ids
}

// progressReporter shows a bulk load's progress: a bar on a terminal, a log
// line every few seconds otherwise.
type progressReporter struct {
	bar     *progressbar.ProgressBar
	app     *app
	total   int
	lastLog time.Time
	start   time.Time
}

func (a *app) progress(total seed.Stats) *progressReporter {
	p := &progressReporter{app: a, total: total.Entities + total.Relationships, start: time.Now(), lastLog: time.Now()}
	if isatty.IsTerminal(os.Stderr.Fd()) {
		p.bar = progressbar.NewOptions(p.total, progressbar.OptionSetWriter(os.Stderr), progressbar.OptionSetDescription("loading"),
			progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("records"), progressbar.OptionThrottle(200*time.Millisecond))
	}
	return p
}

func (p *progressReporter) update(entities, relationships int) {
	done := entities + relationships
	if p.bar != nil {
		_ = p.bar.Set(done)
		return
	}
	if time.Since(p.lastLog) >= 5*time.Second {
		p.lastLog = time.Now()
		p.app.log.Info().Int("entities", entities).Int("relationships", relationships).Int("of", p.total).
			Float64("records_per_s", float64(done)/time.Since(p.start).Seconds()).Msg("loading")
	}
}

func (p *progressReporter) done() {
	if p.bar != nil {
		_ = p.bar.Finish()
		fmt.Fprintln(os.Stderr)
	}
}
