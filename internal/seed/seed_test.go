package seed_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/silkgraph/silkgraph/internal/seed"
)

func TestReadValid(t *testing.T) {
	ds, err := seed.Read("testdata/base")
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if len(ds.Sources) != 1 || len(ds.Entities) != 4 || len(ds.Relationships) != 2 {
		t.Fatalf("got %d sources, %d entities, %d relationships", len(ds.Sources), len(ds.Entities), len(ds.Relationships))
	}
	if got := ds.Relationships[0].ID; got != "mibo|SUPPLIER_OF|purchase" {
		t.Errorf("relationship id = %q", got)
	}
}

// Each broken file, read with the valid base, must be rejected with errors
// that point at the right line.
func TestReadBroken(t *testing.T) {
	tests := []struct {
		file string
		want []string // "line: substring" of each expected error
	}{
		{"syntax.yaml", []string{"2: invalid YAML"}}, // yaml.v3 reports where the unclosed list starts,
		{"unknown-field.yaml", []string{`3: unknown entity field "nmae"`}},
		{"unknown-kind.yaml", []string{`3: kind: unknown kind "Vendor"`}},
		{"unknown-type.yaml", []string{`2: type: unknown relationship type "SELLS_TO"`}},
		{"missing-reference.yaml", []string{`3: from: unknown entity "motorola"`}},
		{"missing-sources.yaml", []string{"2: sources: needs at least one source"}},
		{"quote-not-found.yaml", []string{`7: sources[0].quote: quote not found in source "doc"`}},
		{"bad-date.yaml", []string{`5: date: date "November 2023"`}},
		{"bad-amount.yaml", []string{`5: value: currency "euro"`}},
		{"conflicting-duplicate.yaml", []string{`4: entity hytera: name "Hytera Communications" conflicts with "Hytera"`}},
		{"wrong-endpoints.yaml", []string{"2: type: SUPPLIER_OF cannot end at a GovernmentBody"}},
		{"unknown-source.yaml", []string{`6: sources[0].source: unknown source "rumor"`}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", "broken", tt.file)
			_, err := seed.Read("testdata/base", path)
			var errs seed.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("want seed.Errors, got %v", err)
			}
			for _, want := range tt.want {
				found := false
				for _, e := range errs {
					found = found || strings.HasPrefix(e.String(), path+":"+want)
				}
				if !found {
					t.Errorf("want an error %s:%s..., got:\n%v", path, want, errs)
				}
			}
		})
	}
}

// All problems are reported at once, not just the first.
func TestReadReportsEveryError(t *testing.T) {
	_, err := seed.Read("testdata/base", "testdata/broken")
	var errs seed.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("want seed.Errors, got %v", err)
	}
	files := map[string]bool{}
	for _, e := range errs {
		files[filepath.Base(e.File)] = true
	}
	if len(files) < 12 {
		t.Errorf("errors name %d files, want all 12 broken ones:\n%v", len(files), errs)
	}
}

// The project's own seed data must always validate.
func TestProjectSeedIsValid(t *testing.T) {
	ds, err := seed.Read("../../seed")
	if err != nil {
		t.Fatalf("seed/ does not validate:\n%v", err)
	}
	if len(ds.Entities) < 150 || len(ds.Relationships) < 250 {
		t.Errorf("seed/ has %d entities and %d relationships; expected well over 150 and 250", len(ds.Entities), len(ds.Relationships))
	}
}
