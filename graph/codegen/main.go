// Command codegen regenerates the GraphQL server code (go generate ./...):
// gqlgen, then changes to the executor it writes.
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
// (leafField): they cannot fail, panic or be null, and have no children
// that would need their context. A field middleware (none is installed)
// would not see them.
//
// Lists of entities and relationships, and entity fields that read their
// object's value as is, are written by graph/plain.go when their selection
// is plain, such as a subgraph's `nodes { id name kind }` and `edges { id
// type from { id } to { id } }` (entityField, entityList, relationshipList).
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

// resolveObjectField is gqlgen's resolution of a field that returns its
// object's obj.X as is ($1), marshalled by a non-null marshaller of type %[1]s
// ($2).
const resolveObjectField = `\treturn graphql\.ResolveField\(\n\t\tctx,\n\t\tec\.OperationContext,\n\t\tfield,\n` +
	`\t\tfunc\(ctx context\.Context, field graphql\.CollectedField\) \(\*graphql\.FieldContext, error\) \{\n\t\t\treturn ec\.fieldContext_\w+\(ctx, field\)\n\t\t\},\n` +
	`\t\tfunc\(ctx context\.Context\) \(any, error\) \{\n\t\t\treturn (obj\.\w+(?:\(\))?), nil\n\t\t\},\n` +
	`\t\tnil,\n` +
	`\t\tfunc\(ctx context\.Context, selections ast\.SelectionSet, v %[1]s\) graphql\.Marshaler \{\n` +
	`\t\t\treturn (ec\.marshalN[^(]+)\(ctx, selections, v\)\n\t\t\},\n` +
	`\t\ttrue,\n\t\ttrue,\n\t\)\n`

// leafField resolves a non-null scalar. The scalar types listed are those
// whose marshallers never give null or an error (a float may: NaN and
// infinities are not JSON).
var leafField = regexp.MustCompile(fmt.Sprintf(resolveObjectField, `(?:string|int|int64|bool|domain\.Kind|domain\.RelType)`))

// entityField resolves a non-null entity; entityList and relationshipList
// marshal non-null lists of them.
var (
	entityField      = regexp.MustCompile("(" + fmt.Sprintf(resolveObjectField, `model\.Entity`) + ")")
	entityList       = listMarshaller(`Entity`, `\[\]model\.Entity`)
	relationshipList = listMarshaller(`Relationship`, `\[\]\*model\.Relationship`)
)

func listMarshaller(typ, goType string) *regexp.Regexp {
	return regexp.MustCompile(`(func \(ec \*executionContext\) marshalN` + typ + `2ᚕ[^(]+ᚄ\(ctx context\.Context, sel ast\.SelectionSet, v ` + goType + `\) graphql\.Marshaler \{\n)`)
}

// A rewrite replaces every match of re in the executor. Finding none fails
// codegen: a gqlgen that writes its executor differently must not silently
// bring the cost back; nor may a match of leftover remain after it.
type rewrite struct {
	re   *regexp.Regexp
	repl string
	what string // what re matches, for the error
	// leftover, if set, matches what the rewrite must leave none of, and
	// leftoverWhat says what that would mean.
	leftover     *regexp.Regexp
	leftoverWhat string
}

// changedLists and changedFields say why a rewrite found nothing to rewrite.
const (
	changedLists  = "; gqlgen changed how it marshals lists"
	changedFields = "; gqlgen changed how it resolves fields"
)

var (
	sliceRewrite = rewrite{re: concurrentSlice, repl: "marshalSlice(ctx, len(v), ", what: "graphql.MarshalSliceConcurrently call" + changedLists,
		leftover: regexp.MustCompile(`MarshalSliceConcurrently`), leftoverWhat: "a graphql.MarshalSliceConcurrently call has arguments codegen does not know"}
	leafRewrite        = rewrite{re: leafField, repl: "\treturn $2(ctx, field.Selections, $1)\n", what: "leaf field resolution" + changedFields}
	entityFieldRewrite = rewrite{re: entityField, repl: "\tif m, ok := plainEntity(field.Selections, $2); ok {\n\t\treturn m\n\t}\n$1",
		what: "entity field resolution" + changedFields}
	entityListRewrite = rewrite{re: entityList, repl: "$1\tif m, ok := plainEntities(sel, v); ok {\n\t\treturn m\n\t}\n",
		what: "marshaller of [Entity!]!" + changedLists}
	relationshipListRewrite = rewrite{re: relationshipList, repl: "$1\tif m, ok := plainRelationships(sel, v); ok {\n\t\treturn m\n\t}\n",
		what: "marshaller of [Relationship!]!" + changedLists}
)

var rewrites = []rewrite{sliceRewrite, leafRewrite, entityFieldRewrite, entityListRewrite, relationshipListRewrite}

func run() error {
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err != nil {
		return err
	}
	if err := api.Generate(cfg); err != nil {
		return err
	}
	return rewriteFile(cfg.Exec.Filename, rewrites)
}

// rewriteFile applies rws in order and writes the file only when all apply.
func rewriteFile(file string, rws []rewrite) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	for _, rw := range rws {
		if !rw.re.Match(src) {
			return fmt.Errorf("%s: no %s", file, rw.what)
		}
		src = rw.re.ReplaceAll(src, []byte(rw.repl))
		if rw.leftover != nil && rw.leftover.Match(src) {
			return fmt.Errorf("%s: %s", file, rw.leftoverWhat)
		}
	}
	out, err := format.Source(src)
	if err != nil {
		return err
	}
	return os.WriteFile(file, out, 0o644)
}
