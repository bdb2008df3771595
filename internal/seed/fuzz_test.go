package seed

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// The readers take files from anywhere: whatever the bytes, they return
// records or errors that point at a line, and never panic.

func addFiles(f *testing.F, pattern string) {
	f.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed corpus at %s: %v", pattern, err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func checkErrors(t *testing.T, err error) {
	t.Helper()
	var errs Errors
	if err == nil {
		return
	}
	if !errors.As(err, &errs) {
		t.Fatalf("error of type %T: %v", err, err)
	}
	for _, e := range errs {
		if e.File == "" || e.Line < 1 || e.Message == "" {
			t.Fatalf("error without a place: %#v", e)
		}
	}
}

func FuzzReadYAML(f *testing.F) {
	addFiles(f, "testdata/*/*.yaml")
	addFiles(f, "../../seed/*.yaml")
	f.Add([]byte("entities: [{id: x, kind: Company, name: X, sources: [{source: s, quote: q}]}]"))
	f.Fuzz(func(t *testing.T, b []byte) {
		c := newCollector()
		c.parseYAML("testdata/fuzz.yaml", b)
		ds, err := c.dataset()
		checkErrors(t, err)
		if err == nil && ds == nil {
			t.Fatal("no dataset and no error")
		}
	})
}

// checkRecord checks what a scanner hands on: a record with a line, holding
// exactly one of a source, an entity or a relationship unless it is bad, and
// convertible to a domain record or an error.
func checkRecord(t *testing.T, rec record) {
	t.Helper()
	if rec.line < 1 {
		t.Fatalf("record without a line: %+v", rec)
	}
	if rec.bad != nil {
		return
	}
	if n := countSet(rec.source != nil, rec.entity != nil, rec.rel != nil); n != 1 {
		t.Fatalf("record holds %d records", n)
	}
	switch {
	case rec.entity != nil:
		_, _ = rec.toEntity()
	case rec.rel != nil:
		_, _ = rec.toRelationship()
	}
}

func FuzzScanJSONL(f *testing.F) {
	addFiles(f, "testdata/*/*.jsonl")
	f.Add([]byte(`{"entity": {"id": "x", "kind": "Company", "name": "X", "value": {"amount": 1e400}}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		err := scanJSONL("fuzz.jsonl", bytes.NewReader(b), func(rec record) error {
			checkRecord(t, rec)
			return nil
		})
		checkErrors(t, errorsOf(err))
	})
}

func FuzzScanCSV(f *testing.F) {
	addFiles(f, "testdata/*/*.csv")
	f.Add([]byte("type,from,to,amount\nOWNS,a,b,1e999\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, name := range []string{"fuzz.nodes.csv", "fuzz.edges.csv"} {
			err := scanCSV(name, bytes.NewReader(b), func(rec record) error {
				checkRecord(t, rec)
				return nil
			})
			checkErrors(t, errorsOf(err))
		}
	})
}

// errorsOf wraps a scanner's single Error as Errors.
func errorsOf(err error) error {
	var e Error
	if errors.As(err, &e) {
		return Errors{e}
	}
	return err
}
