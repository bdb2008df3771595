package main

import (
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
			err := sequentialSlices(file)
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
