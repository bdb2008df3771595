// Command codegen regenerates the GraphQL server code (go generate ./...):
// gqlgen, then one change to the executor it writes. gqlgen marshals each
// element of a list of objects in a goroutine of its own; for a 200-node
// neighborhood that is about 1,000 goroutines, and growing their stacks took
// a fifth of the server's CPU. No resolver here blocks per element (the
// loaders fetch a list's whole set on its first key), so lists are
// marshalled in order, in the caller's goroutine, by graph.marshalSlice.
package main

import (
	"fmt"
	"go/format"
	"os"
	"regexp"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen/config"
)

// concurrentSlice is gqlgen's call, with the worker limit and panic-handler
// arguments that marshalSlice does without (it always recovers).
var concurrentSlice = regexp.MustCompile(`graphql\.MarshalSliceConcurrently\(ctx, len\(v\), \d+, (?:true|false), `)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "codegen:", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err != nil {
		return err
	}
	if err := api.Generate(cfg); err != nil {
		return err
	}
	return sequentialSlices(cfg.Exec.Filename)
}

// sequentialSlices rewrites the executor's list marshalling to marshalSlice,
// failing when there is none to rewrite: a gqlgen that writes its lists
// differently must not silently bring the goroutines back.
func sequentialSlices(file string) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	if n := len(concurrentSlice.FindAllIndex(src, -1)); n == 0 {
		return fmt.Errorf("%s: no graphql.MarshalSliceConcurrently call to rewrite; gqlgen changed how it marshals lists", file)
	}
	out, err := format.Source(concurrentSlice.ReplaceAll(src, []byte("marshalSlice(ctx, len(v), ")))
	if err != nil {
		return err
	}
	if rest := regexp.MustCompile(`MarshalSliceConcurrently`).Find(out); rest != nil {
		return fmt.Errorf("%s: a graphql.MarshalSliceConcurrently call has arguments codegen does not know", file)
	}
	return os.WriteFile(file, out, 0o644)
}
