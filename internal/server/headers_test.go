package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rs/zerolog"

	"github.com/silkgraph/silkgraph/internal/server"
)

func TestSecurityHeaders(t *testing.T) {
	srv := server.New(server.Config{
		GraphQL: http.NotFoundHandler(),
		Ready:   func(context.Context) error { return nil },
		IDE:     fstest.MapFS{"index.html": {Data: []byte("<title>IDE</title>")}},
		Log:     zerolog.Nop(),
	})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	tests := []struct {
		path string
		csp  bool // the IDE page may only load its own bundle
	}{
		{"/", true},
		{"/healthz", false},
		{"/graphql", false},
	}
	for _, tt := range tests {
		res, err := http.Get(ts.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		h := res.Header
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" || h.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: headers %v", tt.path, h)
		}
		csp := h.Get("Content-Security-Policy")
		if tt.csp != (csp != "") || (tt.csp && (!strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-eval"))) {
			t.Errorf("%s: Content-Security-Policy %q", tt.path, csp)
		}
	}
}

func TestDebugVarsOnTheirOwnListener(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	debug, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	debugAddr := debug.Addr().String()
	debug.Close()
	srv := server.New(server.Config{GraphQL: http.NotFoundHandler(), Ready: func(context.Context) error { return nil },
		DebugAddr: debugAddr, Log: zerolog.Nop()})
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	defer func() {
		cancel()
		if err := <-served; err != nil {
			t.Errorf("Serve: %v", err)
		}
	}()
	var vars struct {
		Goroutines int    `json:"goroutines"`
		HeapAlloc  uint64 `json:"heapAlloc"`
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		res, err := http.Get("http://" + debugAddr + "/debug/vars")
		if err == nil {
			err = json.NewDecoder(res.Body).Decode(&vars)
			res.Body.Close()
		}
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/debug/vars: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if vars.Goroutines < 1 || vars.HeapAlloc == 0 {
		t.Fatalf("vars %+v", vars)
	}
	res, err := http.Get("http://" + debugAddr + "/debug/pprof/goroutine?debug=1")
	if err != nil {
		t.Fatal(err)
	}
	profile, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(profile), "goroutine profile:") {
		t.Fatalf("/debug/pprof/goroutine: %d %.200s", res.StatusCode, profile)
	}
	res, err = http.Get("http://" + ln.Addr().String() + "/debug/vars")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode == http.StatusOK {
		t.Fatal("the API listener serves /debug/vars too")
	}
}
