// Package store is the only package that speaks Cypher. Every statement is
// parameterized; labels and relationship types come from the ontology in
// internal/domain, never from user input.
package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/cenkalti/backoff/v4"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	neo4jconfig "github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
	"github.com/rs/zerolog"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// Options configure a Store.
type Options struct {
	URI, User, Password, Database string
	// ConnectTimeout bounds how long Open waits for Neo4j to answer.
	ConnectTimeout time.Duration
	// QueryTimeout bounds every statement.
	QueryTimeout time.Duration
}

// Store is Silkgraph's access to Neo4j. It is safe for concurrent use.
type Store struct {
	driver       neo4j.DriverWithContext
	database     string
	queryTimeout time.Duration
	statements   atomic.Int64
	// observe, when set (only by tests, before use), sees every statement
	// before it is sent; the query-plan test records them with it.
	observe func(cypher string, params map[string]any)
}

// Open connects to Neo4j, retrying with backoff until ConnectTimeout, and
// fails at once with a clear message when the credentials are wrong.
func Open(ctx context.Context, o Options, log zerolog.Logger) (*Store, error) {
	driver, err := neo4j.NewDriverWithContext(o.URI, neo4j.BasicAuth(o.User, o.Password, ""), func(c *neo4jconfig.Config) {
		c.SocketConnectTimeout = 5 * time.Second
		c.ConnectionAcquisitionTimeout = 5 * time.Second
		// Retries of transient errors stay short, so that a request fails
		// fast with UNAVAILABLE when Neo4j is down instead of hanging.
		c.MaxTransactionRetryTime = 3 * time.Second
		c.MaxConnectionPoolSize = 100
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j URI %q: %w", o.URI, err)
	}
	s := &Store{driver: driver, database: o.Database, queryTimeout: o.QueryTimeout}
	if s.queryTimeout <= 0 {
		s.queryTimeout = 15 * time.Second
	}
	b := backoff.NewExponentialBackOff()
	b.InitialInterval = 250 * time.Millisecond
	b.MaxInterval = 5 * time.Second
	b.MaxElapsedTime = o.ConnectTimeout
	attempt := 0
	err = backoff.Retry(func() error {
		attempt++
		err := s.Ping(ctx)
		if err == nil {
			return nil
		}
		if isAuthError(err) {
			return backoff.Permanent(fmt.Errorf("neo4j at %s rejected user %q: check NEO4J_USER and NEO4J_PASSWORD", o.URI, o.User))
		}
		log.Warn().Err(err).Int("attempt", attempt).Str("uri", o.URI).Msg("neo4j not ready, retrying")
		return err
	}, backoff.WithContext(b, ctx))
	if err != nil {
		_ = driver.Close(context.Background())
		var perm *backoff.PermanentError
		if errors.As(err, &perm) {
			return nil, perm.Err
		}
		return nil, fmt.Errorf("neo4j at %s is unreachable after %s (is it running? for the local server run `scripts/neo4j-local start`): %w", o.URI, o.ConnectTimeout, err)
	}
	log.Info().Str("uri", o.URI).Str("database", o.Database).Msg("connected to neo4j")
	s.warnOfSettings(ctx, log)
	return s, nil
}

// Close releases the driver's connections.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// Ping checks that Neo4j answers a query on the configured database.
func (s *Store) Ping(ctx context.Context) error {
	_, err := s.read(ctx, "RETURN 1 AS ok", nil)
	return err
}

// Statements returns how many statements this store has sent, for tests that
// bound the round trips of a request.
func (s *Store) Statements() int64 { return s.statements.Load() }

func isAuthError(err error) bool {
	var ne *neo4j.Neo4jError
	return errors.As(err, &ne) && strings.HasPrefix(ne.Code, "Neo.ClientError.Security.")
}

// translate maps driver errors onto domain errors: connectivity problems are
// UNAVAILABLE, so clients know to retry; everything else is INTERNAL.
func translate(err error) error {
	if err == nil {
		return nil
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	var ne *neo4j.Neo4jError
	var ce *neo4j.ConnectivityError
	var limit *neo4j.TransactionExecutionLimit
	switch {
	case neo4j.IsConnectivityError(err), errors.As(err, &ce), errors.As(err, &limit),
		errors.Is(err, context.DeadlineExceeded), isAuthError(err):
		return &domain.Error{Code: domain.EUNAVAILABLE, Message: "the graph database is unavailable; try again shortly", Err: err}
	case errors.As(err, &ne) && (ne.Code == "Neo.ClientError.Transaction.TransactionTimedOut" || ne.Code == "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"):
		return &domain.Error{Code: domain.EUNAVAILABLE, Message: "the query took too long; narrow it (fewer hops, a smaller page)", Err: err}
	case errors.As(err, &ne) && strings.HasPrefix(ne.Code, "Neo.TransientError."):
		return &domain.Error{Code: domain.EUNAVAILABLE, Message: "the graph database is busy; try again shortly", Err: err}
	}
	var ue *neo4j.UsageError
	if errors.As(err, &ue) && strings.Contains(ue.Message, "closed") {
		return &domain.Error{Code: domain.EUNAVAILABLE, Message: "the graph database is unavailable; try again shortly", Err: err}
	}
	return &domain.Error{Code: domain.EINTERNAL, Message: "internal error", Err: err}
}

// read runs one read-only statement, routed to readers on a cluster.
func (s *Store) read(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	return s.run(ctx, cypher, params, neo4j.ExecuteQueryWithReadersRouting())
}

// write runs one statement that changes the graph.
func (s *Store) write(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	return s.run(ctx, cypher, params, neo4j.ExecuteQueryWithWritersRouting())
}

func (s *Store) run(ctx context.Context, cypher string, params map[string]any, routing neo4j.ExecuteQueryConfigurationOption) ([]*neo4j.Record, error) {
	ctx, cancel := context.WithTimeout(ctx, s.queryTimeout)
	defer cancel()
	s.statements.Add(1)
	s.sent(ctx, cypher, params)
	res, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database), routing,
		neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(s.queryTimeout)))
	if err != nil {
		zerolog.Ctx(ctx).Debug().Err(err).Msg("cypher failed")
		return nil, translate(err)
	}
	return res.Records, nil
}

// sent logs a statement's text, never its parameters, at trace level (what
// the database is asked, and in tests proof that user input only ever
// travels as parameters) and shows it to the observer, if any.
func (s *Store) sent(ctx context.Context, cypher string, params map[string]any) {
	zerolog.Ctx(ctx).Trace().Str("cypher", cypher).Msg("statement")
	if s.observe != nil {
		s.observe(cypher, params)
	}
}

// tracedTx passes the statements of a managed transaction through sent.
type tracedTx struct {
	neo4j.ManagedTransaction
	sent func(ctx context.Context, cypher string, params map[string]any)
}

func (t tracedTx) Run(ctx context.Context, cypher string, params map[string]any) (neo4j.ResultWithContext, error) {
	t.sent(ctx, cypher, params)
	return t.ManagedTransaction.Run(ctx, cypher, params)
}
