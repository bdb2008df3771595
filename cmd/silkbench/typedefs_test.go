package main

import (
	"os"
	"path/filepath"
	"testing"
)

// The library's server reads the committed type definitions; they must be
// what the ontology and the store's property layout give now.
func TestTypeDefsAreUpToDate(t *testing.T) {
	path := filepath.Join("..", "..", "bench", "neo4j-graphql", "typedefs.graphql")
	committed, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(committed) != typeDefs() {
		t.Fatalf("%s is stale: run `go run ./cmd/silkbench -typedefs > %s` and commit it", path, filepath.ToSlash(filepath.Join("bench", "neo4j-graphql", "typedefs.graphql")))
	}
}
