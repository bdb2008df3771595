package main

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"net/http"
	"os"
	"runtime/debug"
	"strings"

	"github.com/rs/cors"
	"github.com/spf13/cobra"

	"github.com/silkgraph/silkgraph/graph"
	"github.com/silkgraph/silkgraph/internal/auth"
	"github.com/silkgraph/silkgraph/internal/export"
	"github.com/silkgraph/silkgraph/internal/loader"
	"github.com/silkgraph/silkgraph/internal/ratelimit"
	"github.com/silkgraph/silkgraph/internal/seed"
	"github.com/silkgraph/silkgraph/internal/server"
	"github.com/silkgraph/silkgraph/internal/store"
	"github.com/silkgraph/silkgraph/web/explorer"
	"github.com/silkgraph/silkgraph/web/graphiql"
)

func (a *app) serveCmd() *cobra.Command {
	var (
		migrate bool
		load    []string
		opts    = graph.DefaultOptions
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the GraphQL API at /graphql, GraphiQL at / and the explorer at /explore",
		Long: `Serve connects to Neo4j (retrying for --connect-timeout), optionally
creates the schema and loads seed files, then serves GraphQL at /graphql,
GraphiQL at /, the network explorer at /explore, exports at
/export/{graphml,gexf,cytoscape,csv,ftm}, /healthz and /readyz until SIGINT
or SIGTERM, when it drains in-flight requests and exits.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			tuneGC()
			var ds *seed.Dataset
			if len(load) > 0 { // validate before connecting: bad seeds fail fast
				var err error
				if ds, err = seed.Read(load...); err != nil {
					return err
				}
			}
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close(context.Background())
			if migrate {
				if err := st.Migrate(ctx); err != nil {
					return err
				}
			} else if missing, err := st.MissingIndexes(ctx); err != nil {
				return err
			} else if len(missing) > 0 {
				// Fail now rather than answer searches with INTERNAL errors.
				return fmt.Errorf("the database lacks the indexes %s (made by an earlier version, or not migrated): run `silkgraph migrate` or `silkgraph serve --migrate`",
					strings.Join(missing, ", "))
			}
			if ds != nil {
				stats, err := loader.Load(ctx, st, ds, loader.Options{Dataset: "seed", Prune: true})
				if err != nil {
					return fmt.Errorf("load %v: %w", load, err)
				}
				a.log.Info().Int("entities", stats.Entities).Int("relationships", stats.Relationships).Msg("seed loaded")
			}
			var ide fs.FS
			if a.cfg.GraphiQL {
				if ide, err = graphiql.Files(); err != nil {
					a.log.Warn().Err(err).Msg("GraphiQL is not available")
				}
			}
			opts.Introspection = a.cfg.Introspection
			a.log.Info().Bool("reads_need_key", a.cfg.ReadsNeedKey).Float64("rate_limit", a.cfg.RateLimit).Int("rate_burst", a.cfg.RateBurst).
				Strs("cors_origins", a.cfg.CORSOrigins).Bool("graphiql", ide != nil).Bool("introspection", opts.Introspection).Msg("access")
			// Exports read the graph as GraphQL does, so they need the same
			// key when reads need one, and draw on the same rate limits.
			guard := a.guard(st)
			routes := map[string]http.Handler{export.Pattern: a.cors(guard(export.Handler(st)))}
			explore, err := explorer.Routes()
			if err != nil {
				a.log.Warn().Err(err).Msg("the explorer is not available")
			}
			maps.Copy(routes, explore)
			return server.New(server.Config{
				Addr:      a.cfg.ListenAddr,
				GraphQL:   a.cors(guard(graph.NewHandler(st, opts))),
				Ready:     st.Ping,
				IDE:       ide,
				Examples:  graph.ExamplesJSON(),
				Routes:    routes,
				DebugAddr: a.cfg.DebugAddr,
				Log:       a.log,
			}).ListenAndServe(ctx)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&migrate, "migrate", false, "create constraints and indexes before serving")
	f.StringSliceVar(&load, "load", nil, "seed files or directories to validate and load (pruning the seed dataset) before serving")
	f.IntVar(&opts.MaxComplexity, "max-complexity", opts.MaxComplexity, "largest query cost accepted")
	f.IntVar(&opts.MaxDepth, "max-depth", opts.MaxDepth, "deepest selection nesting accepted")
	f.DurationVar(&opts.Timeout, "request-timeout", opts.Timeout, "timeout of one GraphQL request")
	a.cfg.BindServer(f)
	a.cfg.BindNeo4j(f)
	return cmd
}

// tuneGC trades memory for CPU unless GOGC or GOMEMLIMIT say otherwise. The
// server's garbage is short-lived, per request; collecting when the heap is
// five times what survived, rather than twice, leaves more of the CPU (which
// Neo4j shares on small machines) to answering: about 20% more throughput
// for 32 concurrent 200-node neighborhoods. The soft limit keeps the process
// under 200 MB whatever the load.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(160 << 20)
	}
}

// guard is the API keys and rate limits every data endpoint sits behind;
// its one limiter is shared by all of them.
func (a *app) guard(st *store.Store) func(http.Handler) http.Handler {
	return auth.NewAuthenticator(st).Middleware(auth.Options{
		ReadsNeedKey: a.cfg.ReadsNeedKey,
		Limiter:      ratelimit.New(a.cfg.RateLimit, a.cfg.RateBurst),
	})
}

// cors lets the configured origins (none by default) call a data endpoint
// from a browser, with a key.
func (a *app) cors(h http.Handler) http.Handler {
	if len(a.cfg.CORSOrigins) == 0 { // rs/cors would allow every origin
		return h
	}
	return cors.New(cors.Options{
		AllowedOrigins: a.cfg.CORSOrigins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost},
		AllowedHeaders: []string{"Authorization", "Content-Type"},
		MaxAge:         600,
	}).Handler(h)
}
