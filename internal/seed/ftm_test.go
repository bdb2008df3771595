package seed_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/seed"
)

// FtM lines become the records they stand for: entities by schema (or the
// kind our export names), relationships by recordId or the schema's default
// type, citations from summaries, and a Document of a known source refers to
// it.
func TestReadFtM(t *testing.T) {
	ds, err := seed.Read("testdata/base")
	if err != nil {
		t.Fatal(err)
	}
	b, stats, err := seed.ReadBulk([]string{"testdata/ftm"}, ds)
	if err != nil {
		t.Fatalf("ReadBulk: %v", err)
	}
	if stats.Entities != 2 || stats.Relationships != 3 || len(b.Sources) != 0 {
		t.Fatalf("stats = %+v, %d new sources", stats, len(b.Sources))
	}
	ents := map[string]domain.Entity{}
	rels := map[string]domain.Relationship{}
	err = b.Each(func(e domain.Entity) error { ents[e.ID] = e; return nil },
		func(r domain.Relationship) error { rels[r.ID] = r; return nil })
	if err != nil {
		t.Fatal(err)
	}
	cite := func(quote string) []domain.Citation { return []domain.Citation{{Source: "doc", Quote: quote}} }
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"foreign company: first name, other names aliases, quote from its one proof", ents["hytera-ftm"], domain.Entity{
			ID: "hytera-ftm", Kind: domain.KindCompany, Name: "Hytera Communications", Aliases: []string{"Hytera"}, Tags: nil,
			Citations: cite("purchase 200 police body cams in 2023 from Hytera")}},
		{"contract with the extension's fields", ents["sale"], domain.Entity{
			ID: "sale", Kind: domain.KindAgreement, Name: "Body-cam sale", Category: "contract", Date: domain.MustParseDate("2023-11"),
			Value:     domain.Money{Amount: 200000, Currency: "EUR", Text: "200,000-euro"},
			Citations: cite("in November 2023, in a 200,000-euro ($222,000) sale")}},
		{"ownership without recordId: OWNS, keyed by its FtM id, share from percentage", rels["hytera|OWNS|hytera-ftm|own-1"], domain.Relationship{
			ID: "hytera|OWNS|hytera-ftm|own-1", Type: domain.RelOwns, From: "hytera", To: "hytera-ftm", Extra: map[string]string{"share": "100"},
			Citations: cite("purchase 200 police body cams in 2023 from Hytera")}},
		{"contract award with our recordId", rels["mibo|SUPPLIER_OF|sale"], domain.Relationship{
			ID: "mibo|SUPPLIER_OF|sale", Type: domain.RelSupplierOf, From: "mibo", To: "sale", Role: "reseller",
			Citations: cite("a Sarajevo-based supplier called MIBO Komunikacije")}},
		{"unknown link with a keyed recordId", rels["mibo|PARTNERS_WITH|hytera|2023"], domain.Relationship{
			ID: "mibo|PARTNERS_WITH|hytera|2023", Type: domain.RelPartnersWith, From: "mibo", To: "hytera",
			Citations: cite("The equipment was acquired from a Sarajevo-based supplier")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// %+v prints nil and empty lists alike, and maps sorted.
			if fmt.Sprintf("%+v", tt.got) != fmt.Sprintf("%+v", tt.want) {
				t.Errorf("got  %+v\nwant %+v", tt.got, tt.want)
			}
		})
	}
}

func TestReadFtMBroken(t *testing.T) {
	ds, err := seed.Read("testdata/base")
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = seed.ReadBulk([]string{"testdata/ftm-broken"}, ds)
	var errs seed.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("want seed.Errors, got %v", err)
	}
	for _, want := range []string{
		`broken.ftm.jsonl:1: Company no-citation: no citation`,
		`broken.ftm.jsonl:2: UnknownLink link: an UnknownLink says nothing of its type`,
		`broken.ftm.jsonl:3: Vessel boat: schema "Vessel" is not read`,
		`broken.ftm.jsonl:4: document "nowhere" is no known source`,
		`broken.ftm.jsonl:5: Ownership own: recordId "hytera|OWNS|mibo" does not match owner "mibo"`,
		`broken.ftm.jsonl:6: invalid FtM entity`,
		`broken.ftm.jsonl:7: sources[0].quote: quote not found`,
		`broken.ftm.jsonl:8: Company typo: silkgraph: json: unknown field "knd"`,
	} {
		if !strings.Contains(errs.Error(), want) {
			t.Errorf("want %q in:\n%v", want, errs)
		}
	}
	if len(errs) != 8 {
		t.Errorf("want 8 problems, got %d:\n%v", len(errs), errs)
	}
}
