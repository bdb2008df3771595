package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/silkgraph/silkgraph/internal/synth"
)

func (a *app) genCmd() *cobra.Command {
	var (
		opts synth.Options
		out  string
	)
	cmd := &cobra.Command{
		Use:   "gen --entities N --relationships M --out DIR",
		Short: "Generate a synthetic data set in the bulk format, for benchmarks",
		Long: `Gen writes DIR/synthetic.jsonl: N entities of every kind and M relationships
drawn with a Zipf law, so that a few vendors and states become hubs of very
high degree while most entities have few relationships, as in the real graph.
The same --seed gives the same file.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := os.MkdirAll(out, 0o755); err != nil {
				return err
			}
			path := filepath.Join(out, "synthetic.jsonl")
			f, err := os.Create(path)
			if err != nil {
				return err
			}
			if err := synth.Write(f, opts); err != nil {
				f.Close()
				return err
			}
			if err := f.Close(); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s: %d entities, %d relationships\n", path, opts.Entities, opts.Relationships)
			return nil
		},
	}
	cmd.Flags().IntVar(&opts.Entities, "entities", 100000, "number of entities (about; every kind gets its share)")
	cmd.Flags().IntVar(&opts.Relationships, "relationships", 1000000, "number of relationships")
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 1, "random seed")
	cmd.Flags().StringVar(&out, "out", "bench/data", "output directory")
	return cmd
}
