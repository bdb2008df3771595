package graph

import (
	"bufio"
	"embed"
	"encoding/json"
	"io/fs"
	"path"
	"strings"
)

//go:embed examples/*.graphql
var examplesFS embed.FS

// Example is a ready-to-run query shown in GraphiQL and the README.
type Example struct {
	Name  string `json:"name"`
	Query string `json:"query"`
}

// Examples returns the example queries, in file order; each file's first
// comment line is its name.
func Examples() []Example {
	files, _ := fs.Glob(examplesFS, "examples/*.graphql")
	out := make([]Example, 0, len(files))
	for _, f := range files {
		b, _ := examplesFS.ReadFile(f)
		name := strings.TrimSuffix(path.Base(f), ".graphql")
		if line, _, _ := bufio.NewReader(strings.NewReader(string(b))).ReadLine(); strings.HasPrefix(string(line), "#") {
			name = strings.TrimSpace(strings.TrimPrefix(string(line), "#"))
		}
		out = append(out, Example{Name: name, Query: string(b)})
	}
	return out
}

// ExamplesJSON returns Examples as JSON for the IDE.
func ExamplesJSON() []byte {
	b, _ := json.Marshal(Examples())
	return b
}
