package server_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rs/zerolog"

	"github.com/silkgraph/silkgraph/internal/server"
)

func TestRoutes(t *testing.T) {
	var ready error
	srv := server.New(server.Config{
		GraphQL:  http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, `{"data":{}}`) }),
		Ready:    func(context.Context) error { return ready },
		ReadyTTL: time.Nanosecond, // each case sees its own readiness
		IDE:      fstest.MapFS{"index.html": {Data: []byte("<title>Silkgraph GraphiQL</title>")}},
		Examples: []byte(`[{"name":"x","query":"{ a }"}]`),
		Log:      zerolog.Nop(),
	})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	tests := []struct {
		name, method, path string
		notReady           bool
		status             int
		body               string
	}{
		{"health", "GET", "/healthz", false, 200, "ok\n"},
		{"ready", "GET", "/readyz", false, 200, "ready\n"},
		{"not ready", "GET", "/readyz", true, 503, "neo4j unavailable\n"},
		{"health while not ready", "GET", "/healthz", true, 200, "ok\n"},
		{"graphql", "POST", "/graphql", false, 200, `{"data":{}}`},
		{"ide", "GET", "/", false, 200, "<title>Silkgraph GraphiQL</title>"},
		{"examples", "GET", "/examples.json", false, 200, `[{"name":"x","query":"{ a }"}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ready = nil
			if tt.notReady {
				ready = errors.New("down")
			}
			req, _ := http.NewRequest(tt.method, ts.URL+tt.path, nil)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			if res.StatusCode != tt.status || string(b) != tt.body {
				t.Fatalf("%s %s = %d %q, want %d %q", tt.method, tt.path, res.StatusCode, b, tt.status, tt.body)
			}
			if res.Header.Get("X-Request-Id") == "" {
				t.Error("no X-Request-Id header")
			}
		})
	}
}

// /readyz is open to anyone: probes within ReadyTTL, at once or one after
// another, share one database check, and a probe after it checks again.
// The TTLs are an hour (nothing expires, however slow the machine) or far
// shorter than the wait (the wait is at least what it says).
func TestReadinessIsShared(t *testing.T) {
	tests := []struct {
		name       string
		ttl        time.Duration
		waves      []int         // probes at once, wave after wave
		gap        time.Duration // between waves
		wantChecks int32
	}{
		{"at once and again within the TTL", time.Hour, []int{20, 5, 1}, 0, 1},
		{"after the TTL", 20 * time.Millisecond, []int{1, 1, 1}, 60 * time.Millisecond, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var checks atomic.Int32
			srv := server.New(server.Config{
				GraphQL: http.NotFoundHandler(),
				Ready: func(ctx context.Context) error {
					checks.Add(1)
					time.Sleep(10 * time.Millisecond) // long enough for probes to meet in it
					return ctx.Err()
				},
				ReadyTTL: tt.ttl,
				Log:      zerolog.Nop(),
			})
			ts := httptest.NewServer(srv.Handler())
			defer ts.Close()
			for i, probes := range tt.waves {
				if i > 0 {
					time.Sleep(tt.gap)
				}
				var wg sync.WaitGroup
				for range probes {
					wg.Go(func() {
						res, err := http.Get(ts.URL + "/readyz")
						if err != nil {
							t.Error(err)
							return
						}
						res.Body.Close()
						if res.StatusCode != http.StatusOK {
							t.Errorf("status %d", res.StatusCode)
						}
					})
				}
				wg.Wait()
			}
			if got := checks.Load(); got != tt.wantChecks {
				t.Errorf("%d checks of the database, want %d", got, tt.wantChecks)
			}
		})
	}
}

// Shutdown turns /readyz false at once, lets in-flight requests finish, and
// then returns.
func TestGracefulShutdown(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	srv := server.New(server.Config{
		GraphQL: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			close(started)
			<-release
			_, _ = io.WriteString(w, "done")
		}),
		Ready: func(context.Context) error { return nil },
		Log:   zerolog.Nop(),
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	base := "http://" + ln.Addr().String()

	inflight := make(chan string, 1)
	go func() {
		res, err := http.Post(base+"/graphql", "application/json", nil)
		if err != nil {
			inflight <- err.Error()
			return
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		inflight <- string(b)
	}()
	<-started
	cancel()
	time.Sleep(100 * time.Millisecond)
	close(release)
	if got := <-inflight; got != "done" {
		t.Fatalf("in-flight request got %q, want it drained", got)
	}
	if err := <-served; err != nil {
		t.Fatalf("Serve: %v", err)
	}
}

// A taken address says what to do about it.
func TestListenOnATakenAddress(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	srv := server.New(server.Config{Addr: ln.Addr().String(), GraphQL: http.NotFoundHandler(),
		Ready: func(context.Context) error { return nil }, Log: zerolog.Nop()})
	err = srv.ListenAndServe(context.Background())
	if err == nil || !strings.Contains(err.Error(), "address already in use") || !strings.Contains(err.Error(), "--listen") {
		t.Fatalf("ListenAndServe on a taken address: %v, want it to name --listen", err)
	}
}
