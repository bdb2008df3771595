// Command codegen regenerates the GraphQL server code (go generate ./...):
// gqlgen, then two changes to the executor it writes.
//
// gqlgen marshals each element of a list of objects in a goroutine of its
// own; for a 200-node neighborhood that is about 1,000 goroutines, and
// growing their stacks took a fifth of the server's CPU. No resolver here
// blocks per element (the loaders fetch a list's whole set on its first
// key), so lists are marshalled in order, in the caller's goroutine, by
// graph.marshalSlice.
//
// gqlgen resolves every field through graphql.ResolveField: a field
// context, a context value, closures, a deferred recover and the resolver
// middleware, about eight allocations, also for a field that only reads a
// string of its object. Leaf fields that read a non-null scalar of their
// object, with no arguments, directive or error, are marshalled directly
// (directLeaves): they cannot fail, panic or be null, and have no children
// that would need their context. A field middleware (none is installed)
// would not see them.
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

// leafField is gqlgen's resolution of a field that returns its object's
// non-null scalar: $1 reads it, $2 marshals it. The scalar types listed
// are those whose marshallers never give null or an error (a float may:
// NaN and infinities are not JSON).
var leafField = regexp.MustCompile(`\treturn graphql\.ResolveField\(\n\t\tctx,\n\t\tec\.OperationContext,\n\t\tfield,\n` +
	`\t\tfunc\(ctx context\.Context, field graphql\.CollectedField\) \(\*graphql\.FieldContext, error\) \{\n\t\t\treturn ec\.fieldContext_\w+\(ctx, field\)\n\t\t\},\n` +
	`\t\tfunc\(ctx context\.Context\) \(any, error\) \{\n\t\t\treturn (obj\.\w+(?:\(\))?), nil\n\t\t\},\n` +
	`\t\tnil,\n` +
	`\t\tfunc\(ctx context\.Context, selections ast\.SelectionSet, v (?:string|int|int64|bool|domain\.Kind|domain\.RelType)\) graphql\.Marshaler \{\n` +
	`\t\t\treturn (ec\.marshalN[^(]+)\(ctx, selections, v\)\n\t\t\},\n` +
	`\t\ttrue,\n\t\ttrue,\n\t\)\n`)

func run() error {
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err != nil {
		return err
	}
	if err := api.Generate(cfg); err != nil {
		return err
	}
	if err := sequentialSlices(cfg.Exec.Filename); err != nil {
		return err
	}
	return directLeaves(cfg.Exec.Filename)
}

// directLeaves marshals leaf fields without graphql.ResolveField, failing
// when it finds none: a gqlgen that resolves fields differently must not
// silently bring the cost back.
func directLeaves(file string) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	if !leafField.Match(src) {
		return fmt.Errorf("%s: no leaf field resolution to rewrite; gqlgen changed how it resolves fields", file)
	}
	out, err := format.Source(leafField.ReplaceAll(src, []byte("\treturn $2(ctx, field.Selections, $1)\n")))
	if err != nil {
		return err
	}
	return os.WriteFile(file, out, 0o644)
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
