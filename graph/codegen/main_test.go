package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSequentialSlices(t *testing.T) {
	const call = "\tret := graphql.MarshalSliceConcurrently(ctx, len(v), 0, false, func(ctx context.Context, i int) graphql.Marshaler {\n\t\treturn nil\n\t})\n"
	tests := []struct {
		name, body string
		wantErr    string
		want       string
	}{
		{"rewritten", call, "", "marshalSlice(ctx, len(v), func("},
		{"no call left to rewrite", "\tret := marshalSlice(ctx, len(v), nil)\n", "gqlgen changed how it marshals lists", ""},
		{"unknown arguments", strings.Replace(call, "len(v)", "n", 1), "gqlgen changed how it marshals lists", ""},
		{"one of two unknown", call + strings.Replace(call, "0, false", "limit, false", 1), "arguments codegen does not know", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "generated.go")
			src := "package graph\n\nfunc f() {\n" + tt.body + "\t_ = ret\n}\n"
			if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			err := rewriteFile(file, []rewrite{sliceRewrite})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				if got, _ := os.ReadFile(file); string(got) != src {
					t.Errorf("a failed rewrite changed the file:\n%s", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, _ := os.ReadFile(file)
			if !strings.Contains(string(got), tt.want) || strings.Contains(string(got), "MarshalSliceConcurrently") {
				t.Errorf("rewritten to:\n%s", got)
			}
		})
	}
}

func TestDirectLeaves(t *testing.T) {
	// resolve is gqlgen's resolution of field f, reading read, with
	// middleware mw, marshalling a v of type typ with marshal.
	resolve := func(read, mw, typ, marshal string) string {
		return "\treturn graphql.ResolveField(\n\t\tctx,\n\t\tec.OperationContext,\n\t\tfield,\n" +
			"\t\tfunc(ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error) {\n\t\t\treturn ec.fieldContext_Company_f(ctx, field)\n\t\t},\n" +
			"\t\tfunc(ctx context.Context) (any, error) {\n\t\t\treturn " + read + ", nil\n\t\t},\n" +
			"\t\t" + mw + ",\n" +
			"\t\tfunc(ctx context.Context, selections ast.SelectionSet, v " + typ + ") graphql.Marshaler {\n" +
			"\t\t\treturn ec." + marshal + "(ctx, selections, v)\n\t\t},\n" +
			"\t\ttrue,\n\t\ttrue,\n\t)\n"
	}
	leaf := resolve("obj.Name()", "nil", "string", "marshalNString2string")
	tests := []struct {
		name, body string
		wantErr    string
		want       string // the body rewritten; "" for unchanged
	}{
		{"method", leaf, "", "\treturn ec.marshalNString2string(ctx, field.Selections, obj.Name())\n"},
		{"struct field, enum with a qualified marshaller",
			resolve("obj.Kind", "nil", "domain.Kind", "marshalNEntityKind2githubᚗcomᚐKind"),
			"", "\treturn ec.marshalNEntityKind2githubᚗcomᚐKind(ctx, field.Selections, obj.Kind)\n"},
		{"no leaf field", "\treturn nil\n", "gqlgen changed how it resolves fields", ""},
	}
	// Fields that may fail, be null or carry a directive keep gqlgen's resolution.
	kept := []string{
		resolve("obj.Name()", "func(ctx context.Context, next graphql.Resolver) graphql.Resolver { return next }", "string", "marshalNString2string"),
		resolve("obj.Date", "nil", "*domain.Date", "marshalODate2ᚖdomainᚐDate"),
		resolve("obj.Country", "nil", "string", "marshalOString2string"),
		resolve("obj.Amount", "nil", "float64", "marshalNFloat2float64"),
		resolve("ec.resolvers.Company().Owners(ctx, obj)", "nil", "string", "marshalNString2string"),
	}
	for i, body := range kept {
		tests = append(tests, struct{ name, body, wantErr, want string }{fmt.Sprintf("kept %d", i), leaf + body, "", ""})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "generated.go")
			src := "package graph\n\nfunc f() {\n" + tt.body + "}\n"
			if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			err := rewriteFile(file, []rewrite{leafRewrite})
			got, _ := os.ReadFile(file)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				if string(got) != src {
					t.Errorf("a failed rewrite changed the file:\n%s", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want
			if want == "" { // the leaf before it rewritten, the body kept
				want = "\treturn ec.marshalNString2string(ctx, field.Selections, obj.Name())\n" + strings.TrimPrefix(tt.body, leaf)
			}
			if string(got) != "package graph\n\nfunc f() {\n"+want+"}\n" {
				t.Errorf("rewritten to:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestPlainRewrites(t *testing.T) {
	const list = "func (ec *executionContext) marshalNRelationship2ᚕᚖgithubᚗcomᚐRelationshipᚄ(ctx context.Context, sel ast.SelectionSet, v []*model.Relationship) graphql.Marshaler {\n\treturn nil\n}\n"
	const field = "func (ec *executionContext) _Relationship_from(ctx context.Context, field graphql.CollectedField, obj *model.Relationship) (ret graphql.Marshaler) {\n" +
		"\treturn graphql.ResolveField(\n\t\tctx,\n\t\tec.OperationContext,\n\t\tfield,\n" +
		"\t\tfunc(ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error) {\n\t\t\treturn ec.fieldContext_Relationship_from(ctx, field)\n\t\t},\n" +
		"\t\tfunc(ctx context.Context) (any, error) {\n\t\t\treturn obj.From, nil\n\t\t},\n" +
		"\t\tnil,\n" +
		"\t\tfunc(ctx context.Context, selections ast.SelectionSet, v model.Entity) graphql.Marshaler {\n" +
		"\t\t\treturn ec.marshalNEntity2githubᚗcomᚐEntity(ctx, selections, v)\n\t\t},\n" +
		"\t\ttrue,\n\t\ttrue,\n\t)\n}\n"
	tests := []struct {
		name    string
		rw      rewrite
		src     string
		want    string // in the rewritten source
		wantErr string
	}{
		{"relationship list", relationshipListRewrite, list, "graphql.Marshaler {\n\tif m, ok := plainRelationships(sel, v); ok {\n\t\treturn m\n\t}\n\treturn nil", ""},
		{"entity field", entityFieldRewrite, field, "(ret graphql.Marshaler) {\n\tif m, ok := plainEntity(field.Selections, obj.From); ok {\n\t\treturn m\n\t}\n\treturn graphql.ResolveField(", ""},
		{"entity list missing", entityListRewrite, list, "", "marshaller of [Entity!]!"},
		{"nullable entity field kept", entityFieldRewrite, strings.Replace(field, "marshalNEntity", "marshalOEntity", 1), "", "entity field resolution"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "generated.go")
			src := "package graph\n\n" + tt.src
			if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			err := rewriteFile(file, []rewrite{tt.rw})
			got, _ := os.ReadFile(file)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				if string(got) != src {
					t.Errorf("a failed rewrite changed the file:\n%s", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(got), tt.want) {
				t.Errorf("rewritten to:\n%s\nwant it to contain:\n%s", got, tt.want)
			}
		})
	}
}
