package main

import (
	"context"
	"fmt"

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
		Short: "Validate seed files and load them into Neo4j",
		Long: `Load reads YAML seed files (see seed/FORMAT.md) from the given files or
directories, validates all of them, and writes them only if every record is
valid; otherwise it prints every problem as file:line: message and exits 1
without touching the database. Loading is idempotent.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, paths []string) error {
			ds, err := seed.Read(paths...)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if dryRun {
				fmt.Fprintf(out, "valid: %d sources, %d entities, %d relationships\n", len(ds.Sources), len(ds.Entities), len(ds.Relationships))
				return nil
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close(context.Background())
			stats, err := loader.Load(cmd.Context(), st, ds, opts)
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "loaded: %d sources, %d entities, %d relationships (pruned %d entities, %d relationships)\n",
				stats.Sources, stats.Entities, stats.Relationships, stats.PrunedEntities, stats.PrunedRels)
			return nil
		},
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "validate only; do not connect to Neo4j")
	cmd.Flags().StringVar(&opts.Dataset, "dataset", "seed", "name tagged on every record loaded, for --prune")
	cmd.Flags().BoolVar(&opts.Prune, "prune", false, "delete the dataset's entities and relationships that the input no longer holds")
	cmd.Flags().IntVar(&opts.BatchSize, "batch-size", 5000, "rows per transaction")
	a.cfg.BindNeo4j(cmd.Flags())
	return cmd
}
