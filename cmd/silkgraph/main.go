// Command silkgraph serves the Silkgraph GraphQL API and manages its data:
// serve, load, migrate, gen, keys and version.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/rs/zerolog"
	"github.com/spf13/cobra"

	"github.com/silkgraph/silkgraph/internal/config"
	"github.com/silkgraph/silkgraph/internal/logging"
	"github.com/silkgraph/silkgraph/internal/seed"
	"github.com/silkgraph/silkgraph/internal/store"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := newRoot().ExecuteContext(ctx)
	stop()
	if err != nil {
		var errs seed.Errors
		if errors.As(err, &errs) {
			fmt.Fprintln(os.Stderr, errs.Error())
			fmt.Fprintf(os.Stderr, "%d problem(s) found; nothing was written\n", len(errs))
		} else {
			fmt.Fprintln(os.Stderr, "silkgraph:", err)
		}
		os.Exit(1)
	}
}

// app carries the configuration shared by all commands.
type app struct {
	cfg config.Config
	log zerolog.Logger
}

func newRoot() *cobra.Command {
	a := &app{cfg: config.Default()}
	root := &cobra.Command{
		Use:           "silkgraph",
		Short:         "Silkgraph: a sourced knowledge graph of the Digital Silk Road, served over GraphQL",
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			log, err := logging.New(os.Stderr, a.cfg.LogLevel, a.cfg.LogFormat)
			if err != nil {
				return err
			}
			a.log = log
			cmd.SetContext(log.WithContext(cmd.Context()))
			return nil
		},
	}
	a.cfg.BindLog(root.PersistentFlags())
	root.AddCommand(a.serveCmd(), a.loadCmd(), a.migrateCmd(), a.versionCmd(), a.genCmd(), a.keysCmd())
	return root
}

// openStore validates the database settings and connects.
func (a *app) openStore(ctx context.Context) (*store.Store, error) {
	if err := a.cfg.Validate(); err != nil {
		return nil, err
	}
	return store.Open(ctx, store.Options{
		URI: a.cfg.Neo4jURI, User: a.cfg.Neo4jUser, Password: a.cfg.Neo4jPassword, Database: a.cfg.Neo4jDatabase,
		ConnectTimeout: a.cfg.ConnectTimeout, QueryTimeout: a.cfg.QueryTimeout,
	}, a.log)
}

func (a *app) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			fmt.Fprintln(cmd.OutOrStdout(), "silkgraph", version)
		},
	}
}

func (a *app) migrateCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "migrate",
		Short: "Create the constraints and indexes the API needs (idempotent)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close(context.Background())
			if err := st.Migrate(cmd.Context()); err != nil {
				return err
			}
			a.log.Info().Msg("schema is up to date")
			return nil
		},
	}
	a.cfg.BindNeo4j(cmd.Flags())
	return cmd
}
