// Package graphiql embeds the offline GraphiQL IDE built from this directory
// (npm ci && npm run build, or `make web`) into the Go binary.
package graphiql

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
)

// dist holds the build output. Only dist/README.txt is committed, so that this
// directive compiles on a fresh clone before the bundle has been built.
//
//go:embed all:dist
var dist embed.FS

// Files returns the built IDE (dist/), or an error telling the user to run `make web` when it has not been built.
func Files() (fs.FS, error) {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		return nil, err
	}
	for _, name := range []string{"index.html", "graphiql.js", "graphiql.css"} {
		if _, err := fs.Stat(sub, name); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("graphiql: web/graphiql/dist/%s is missing; the GraphiQL IDE has not been built: run `make web` (cd web/graphiql && npm ci && npm run build) and rebuild the binary", name)
			}
			return nil, fmt.Errorf("graphiql: %w", err)
		}
	}
	return sub, nil
}
