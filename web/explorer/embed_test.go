package explorer

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

func TestRoutes(t *testing.T) {
	rs, err := routes(fstest.MapFS{
		"index.html":   {Data: []byte("<title>Silkgraph explorer</title>")},
		"explorer.js":  {Data: []byte("console.log(1)")},
		"explorer.css": {Data: []byte("body{}")},
	})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	for pattern, h := range rs {
		mux.Handle(pattern, h)
	}
	tests := []struct {
		name, path  string
		status      int
		contentType string
		body        string
	}{
		{"page", "/explore", 200, "text/html; charset=utf-8", "<title>Silkgraph explorer</title>"},
		{"page with view", "/explore?expand=hytera&layout=tree", 200, "text/html; charset=utf-8", "<title>Silkgraph explorer</title>"},
		{"page with slash", "/explore/", 200, "text/html; charset=utf-8", "<title>Silkgraph explorer</title>"},
		{"script", "/explore/explorer.js", 200, "text/javascript; charset=utf-8", "console.log(1)"},
		{"style", "/explore/explorer.css", 200, "text/css; charset=utf-8", "body{}"},
		{"unknown asset", "/explore/nope.js", 404, "text/plain; charset=utf-8", "404 page not found\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, httptest.NewRequest("GET", tt.path, nil))
			res := rec.Result()
			if res.StatusCode != tt.status || rec.Body.String() != tt.body || res.Header.Get("Content-Type") != tt.contentType {
				t.Fatalf("GET %s = %d %q %q, want %d %q %q", tt.path, res.StatusCode, res.Header.Get("Content-Type"), rec.Body, tt.status, tt.contentType, tt.body)
			}
			for header, want := range map[string]string{
				"X-Content-Type-Options": "nosniff",
				"Referrer-Policy":        "no-referrer",
				"X-Frame-Options":        "DENY",
			} {
				if got := res.Header.Get(header); got != want {
					t.Errorf("%s = %q, want %q", header, got, want)
				}
			}
			policy := res.Header.Get("Content-Security-Policy")
			for _, directive := range []string{"default-src 'none'", "script-src 'self'", "frame-ancestors 'none'", "connect-src 'self'"} {
				if !strings.Contains(policy, directive) {
					t.Errorf("Content-Security-Policy %q lacks %q", policy, directive)
				}
			}
			if strings.Contains(policy, "unsafe-inline") || strings.Contains(policy, "http") {
				t.Errorf("Content-Security-Policy %q allows inline code or remote origins", policy)
			}
		})
	}
}

// A browser that has the file revalidates it without downloading it again.
func TestRevalidation(t *testing.T) {
	rs, err := routes(fstest.MapFS{"explorer.js": {Data: []byte("console.log(1)")}})
	if err != nil {
		t.Fatal(err)
	}
	h := rs["GET /explore/"]
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/explore/explorer.js", nil))
	etag := rec.Header().Get("ETag")
	if etag == "" || rec.Header().Get("Cache-Control") != "no-cache" {
		t.Fatalf("ETag %q, Cache-Control %q", etag, rec.Header().Get("Cache-Control"))
	}
	req := httptest.NewRequest("GET", "/explore/explorer.js", nil)
	req.Header.Set("If-None-Match", etag)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified {
		t.Fatalf("revalidation = %d, want 304", rec.Code)
	}
}
