package seed_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/seed"
)

func TestReadBulkValid(t *testing.T) {
	ds, err := seed.Read("testdata/base")
	if err != nil {
		t.Fatal(err)
	}
	b, stats, err := seed.ReadBulk([]string{"testdata/bulk"}, ds)
	if err != nil {
		t.Fatalf("ReadBulk: %v", err)
	}
	// The repeated acme line counts once.
	if stats.Entities != 3 || stats.Relationships != 3 {
		t.Fatalf("stats = %+v", stats)
	}
	var ents, rels []string
	err = b.Each(func(e domain.Entity) error { ents = append(ents, e.ID); return nil },
		func(r domain.Relationship) error { rels = append(rels, r.ID); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 3 || len(rels) != 3 {
		t.Fatalf("Each gave entities %v and relationships %v", ents, rels)
	}
}

func TestReadBulkBroken(t *testing.T) {
	ds, err := seed.Read("testdata/base")
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = seed.ReadBulk([]string{"testdata/bulk-broken"}, ds)
	var errs seed.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("want seed.Errors, got %v", err)
	}
	for _, want := range []string{
		`broken.edges.csv:2: startDate: date "2023-13"`,
		`broken.jsonl:1: kind: unknown kind "Vendor"`,
		`broken.jsonl:2: sources[0].quote: quote not found`,
		`broken.jsonl:3: invalid JSON record`,
		`broken.jsonl:4: from: unknown entity "nobody"`,
		`broken.jsonl:5: entity "acme2" appears again with different content`,
	} {
		if !strings.Contains(errs.Error(), want) {
			t.Errorf("want %q in:\n%v", want, errs)
		}
	}
}
