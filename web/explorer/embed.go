// Package explorer embeds the network explorer built from this directory
// (npm ci && npm run build, or `make web`) into the Go binary and serves it
// at /explore with headers that keep the page to its own origin.
package explorer

import (
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"strings"
)

// dist holds the build output. Only dist/README.txt is committed, so that this
// directive compiles on a fresh clone before the bundle has been built.
//
//go:embed all:dist
var dist embed.FS

// Prefix is where the explorer is mounted; its page links its assets under it.
const Prefix = "/explore"

var files = []string{"index.html", "explorer.js", "explorer.css"}

// Files returns the built explorer (dist/), or an error telling the user to run
// `make web` when it has not been built.
func Files() (fs.FS, error) {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		return nil, err
	}
	for _, name := range files {
		if _, err := fs.Stat(sub, name); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("explorer: web/explorer/dist/%s is missing; the explorer has not been built: run `make web` (cd web/explorer && npm ci && npm run build) and rebuild the binary", name)
			}
			return nil, fmt.Errorf("explorer: %w", err)
		}
	}
	return sub, nil
}

// Routes returns the ServeMux patterns and handler that serve the built
// explorer: the page at /explore and /explore/, its assets under /explore/.
func Routes() (map[string]http.Handler, error) {
	files, err := Files()
	if err != nil {
		return nil, err
	}
	return routes(files)
}

func routes(fsys fs.FS) (map[string]http.Handler, error) {
	h, err := newHandler(fsys)
	if err != nil {
		return nil, err
	}
	return map[string]http.Handler{"GET " + Prefix: h, "GET " + Prefix + "/": h}, nil
}

// cytoscapeStyle is the one stylesheet Cytoscape.js inserts into the page; the
// policy allows exactly it by hash rather than allowing inline styles at large.
const cytoscapeStyle = ".__________cytoscape_container { position: relative; }"

// csp lets the page load only its own bundle and talk only to its own origin
// (GraphQL and the export links), and forbids framing it.
var csp = strings.Join([]string{
	"default-src 'none'",
	"script-src 'self'",
	"style-src 'self' 'sha256-" + hash(cytoscapeStyle) + "'",
	"img-src 'self' data:",
	"connect-src 'self'",
	"base-uri 'none'",
	"form-action 'none'",
	"frame-ancestors 'none'",
}, "; ")

func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return base64.StdEncoding.EncodeToString(sum[:])
}

type handler struct {
	fsys fs.FS
	// etags by file name, so browsers revalidate cheaply: embedded files have
	// no modification time to compare.
	etags map[string]string
}

func newHandler(fsys fs.FS) (*handler, error) {
	h := &handler{fsys: fsys, etags: map[string]string{}}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		h.etags[name] = `"` + hash(string(b)) + `"`
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("explorer: %w", err)
	}
	return h, nil
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(strings.TrimPrefix(r.URL.Path, Prefix), "/")
	if name == "" {
		name = "index.html"
	}
	hd := w.Header()
	hd.Set("Content-Security-Policy", csp)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("X-Frame-Options", "DENY")
	etag, ok := h.etags[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	hd.Set("ETag", etag)
	hd.Set("Cache-Control", "no-cache")
	http.ServeFileFS(w, r, h.fsys, name)
}
