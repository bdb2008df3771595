// Package server is Silkgraph's HTTP front: routing, request logs with ids,
// health and readiness, the in-browser IDE, and graceful shutdown. It knows
// HTTP, not GraphQL: the GraphQL endpoint is handed to it as a handler.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/http/pprof"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/rs/zerolog"
	"github.com/rs/zerolog/hlog"
	"golang.org/x/sync/singleflight"
)

// Config is what the server serves.
type Config struct {
	Addr string
	// GraphQL serves /graphql.
	GraphQL http.Handler
	// Ready reports whether the database answers; /readyz calls it, at
	// most once per ReadyTTL (default 1 s): the endpoint is open to anyone,
	// so concurrent and repeated probes share one check rather than each
	// pinging Neo4j.
	Ready    func(context.Context) error
	ReadyTTL time.Duration
	// IDE is the in-browser GraphQL IDE served at /, if built.
	IDE fs.FS
	// Examples is served as /examples.json for the IDE's tabs.
	Examples []byte
	// Routes are further handlers by ServeMux pattern (e.g. "GET /explore/"),
	// so features mount themselves without the server knowing them.
	Routes map[string]http.Handler
	// MaxBodyBytes bounds a request body.
	MaxBodyBytes int64
	// ShutdownTimeout bounds how long in-flight requests may drain.
	ShutdownTimeout time.Duration
	// DebugAddr, if set, serves runtime metrics at /debug/vars and Go's
	// profiles at /debug/pprof/ on a listener of its own (config keeps it on
	// loopback), apart from the API.
	DebugAddr string
	Log       zerolog.Logger
}

// Server is the HTTP server.
type Server struct {
	cfg      Config
	ready    readiness
	draining atomic.Bool
	http     *http.Server
}

// New returns a server; Serve starts it.
func New(cfg Config) *Server {
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = 1 << 20
	}
	if cfg.ShutdownTimeout == 0 {
		cfg.ShutdownTimeout = 20 * time.Second
	}
	if cfg.ReadyTTL == 0 {
		cfg.ReadyTTL = time.Second
	}
	s := &Server{cfg: cfg, ready: readiness{probe: cfg.Ready, ttl: cfg.ReadyTTL, log: cfg.Log}}
	s.http = &http.Server{
		Addr:              cfg.Addr,
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	return s
}

// Handler returns the routes wrapped in logging middleware.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/graphql", http.MaxBytesHandler(s.cfg.GraphQL, s.cfg.MaxBodyBytes))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { writeText(w, http.StatusOK, "ok") })
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.HandleFunc("GET /examples.json", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(s.cfg.Examples)
	})
	for pattern, h := range s.cfg.Routes {
		mux.Handle(pattern, h)
	}
	if s.cfg.IDE != nil {
		mux.Handle("/", ideHeaders(http.FileServerFS(s.cfg.IDE)))
	} else {
		mux.HandleFunc("/{$}", func(w http.ResponseWriter, _ *http.Request) {
			writeText(w, http.StatusOK, "Silkgraph: POST GraphQL queries to /graphql. The in-browser IDE is not built into this binary: run `make web` and rebuild.")
		})
	}
	log := s.cfg.Log
	var h http.Handler = securityHeaders(mux)
	h = hlog.AccessHandler(func(r *http.Request, status, size int, d time.Duration) {
		hlog.FromRequest(r).Info().Str("method", r.Method).Str("path", r.URL.Path).Int("status", status).
			Int("size", size).Dur("duration", d).Msg("request")
	})(h)
	h = hlog.RemoteAddrHandler("remote")(h)
	h = hlog.RequestIDHandler("req_id", "X-Request-Id")(h)
	h = hlog.NewHandler(log)(h)
	return h
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	if s.draining.Load() {
		writeText(w, http.StatusServiceUnavailable, "shutting down")
		return
	}
	if err := s.ready.answer(r.Context()); err != nil {
		writeText(w, http.StatusServiceUnavailable, "neo4j unavailable")
		return
	}
	writeText(w, http.StatusOK, "ready")
}

// readiness is the last answer of a readiness check, reused for ttl. A
// check runs one at a time; those who ask meanwhile wait for its answer, or
// for their own request to end.
type readiness struct {
	probe  func(context.Context) error
	ttl    time.Duration
	log    zerolog.Logger
	flight singleflight.Group
	mu     sync.Mutex
	at     time.Time
	err    error
}

// last returns the last answer, if it is younger than ttl.
func (r *readiness) last() (fresh bool, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return !r.at.IsZero() && time.Since(r.at) < r.ttl, r.err
}

func (r *readiness) answer(ctx context.Context) error {
	if fresh, err := r.last(); fresh {
		return err
	}
	done := r.flight.DoChan("ready", func() (any, error) {
		// A check that ended after this caller looked has answered it.
		if fresh, err := r.last(); fresh {
			return nil, err
		}
		// Not a request's context: a prober that hangs up must not make the
		// shared answer "canceled".
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		err := r.probe(ctx)
		if err != nil { // once per check, not once per probe
			r.log.Warn().Err(err).Msg("not ready")
		}
		r.mu.Lock()
		r.err, r.at = err, time.Now()
		r.mu.Unlock()
		return nil, err
	})
	select {
	case res := <-done:
		return res.Err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// securityHeaders are sent with every response: no MIME sniffing, no
// referrer, no framing by other sites.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// ideCSP lets the IDE page load only its own bundle and talk only to its
// own origin. Inline styles are allowed: the page and its editor set them;
// scripts are not.
const ideCSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
	"font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

func ideHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", ideCSP)
		next.ServeHTTP(w, r)
	})
}

// debugVars reports the process's goroutines and memory as JSON, for
// watching a long run (the soak test samples it).
func debugVars(w http.ResponseWriter, _ *http.Request) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"goroutines": runtime.NumGoroutine(), "heapAlloc": m.HeapAlloc, "heapInuse": m.HeapInuse,
		"heapObjects": m.HeapObjects, "sys": m.Sys, "numGC": m.NumGC,
	})
}

// Serve listens and serves until ctx is done, then turns /readyz false and
// drains in-flight requests before returning.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	if s.cfg.DebugAddr != "" {
		stop, err := s.serveDebug()
		if err != nil {
			return err
		}
		defer stop()
	}
	errc := make(chan error, 1)
	go func() { errc <- s.http.Serve(ln) }()
	s.cfg.Log.Info().Str("addr", ln.Addr().String()).Msg("serving GraphQL at /graphql")
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.draining.Store(true)
	s.cfg.Log.Info().Msg("shutting down: draining requests")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := s.http.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// serveDebug serves /debug/vars and /debug/pprof/ on DebugAddr until the
// returned stop.
func (s *Server) serveDebug() (stop func(), err error) {
	ln, err := net.Listen("tcp", s.cfg.DebugAddr)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /debug/vars", debugVars)
	mux.HandleFunc("GET /debug/pprof/", pprof.Index)
	mux.HandleFunc("GET /debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("GET /debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	s.cfg.Log.Info().Str("addr", ln.Addr().String()).Msg("serving runtime metrics at /debug/vars and profiles at /debug/pprof/")
	return func() { _ = srv.Close() }, nil
}

// ListenAndServe listens on the configured address and serves.
func (s *Server) ListenAndServe(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("%w: another server holds it; stop that one, or serve elsewhere with --listen (LISTEN_ADDR), e.g. --listen :8081", err)
	}
	if err != nil {
		return err
	}
	return s.Serve(ctx, ln)
}

func writeText(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(msg + "\n"))
}
