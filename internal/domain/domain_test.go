package domain_test

import (
	"strings"
	"testing"

	"github.com/silkgraph/silkgraph/internal/domain"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in        string
		want      string
		precision domain.Precision
		wantErr   bool
	}{
		{"2021", "2021", domain.PrecisionYear, false},
		{"2021-06", "2021-06", domain.PrecisionMonth, false},
		{"2024-03-01", "2024-03-01", domain.PrecisionDay, false},
		{"2024-02-30", "", "", true},
		{"2024-13", "", "", true},
		{"21-06", "", "", true},
		{"2024-3", "", "", true},
		{"June 2021", "", "", true},
		{"", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := domain.ParseDate(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseDate(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			}
			if err == nil && (d.String() != tt.want || d.Precision() != tt.precision) {
				t.Errorf("ParseDate(%q) = %s (%s), want %s (%s)", tt.in, d, d.Precision(), tt.want, tt.precision)
			}
		})
	}
}

func TestOntologyIsConsistent(t *testing.T) {
	enums := map[string]bool{}
	for _, k := range domain.Kinds {
		if enums[k.Enum] {
			t.Errorf("duplicate kind enum %s", k.Enum)
		}
		enums[k.Enum] = true
		if got, ok := domain.KindFromEnum(k.Enum); !ok || got != k.Kind {
			t.Errorf("KindFromEnum(%s) = %s, %v", k.Enum, got, ok)
		}
	}
	for _, r := range domain.RelTypes {
		if len(r.From) == 0 || len(r.To) == 0 || r.Description == "" {
			t.Errorf("%s: needs endpoints and a description", r.Type)
		}
		for _, req := range r.Required {
			found := false
			for _, e := range r.Extra {
				found = found || e == req
			}
			if !found {
				t.Errorf("%s requires %q but does not allow it", r.Type, req)
			}
		}
	}
}

func lib() *domain.Library {
	l := domain.NewLibrary()
	l.Add("doc", "The Ministry of Interior and Huawei signed an MoU on “cooperation” in 2014 – a first step.")
	return l
}

func TestEntityValidate(t *testing.T) {
	good := func() domain.Entity {
		return domain.Entity{ID: "huawei", Kind: domain.KindCompany, Name: "Huawei",
			Citations: []domain.Citation{{Source: "doc", Quote: "Huawei signed an MoU"}}}
	}
	tests := []struct {
		name   string
		change func(*domain.Entity)
		field  string // "" when valid
	}{
		{"valid", func(*domain.Entity) {}, ""},
		{"quote with straight quotes and dash", func(e *domain.Entity) {
			e.Citations[0].Quote = `an MoU on "cooperation" in 2014 - a first step`
		}, ""},
		{"bad id", func(e *domain.Entity) { e.ID = "Huawei Inc" }, "id"},
		{"unknown kind", func(e *domain.Entity) { e.Kind = "Vendor" }, "kind"},
		{"missing name", func(e *domain.Entity) { e.Name = " " }, "name"},
		{"category of another kind", func(e *domain.Entity) { e.Category = "ministry" }, "category"},
		{"value on a company", func(e *domain.Entity) { e.Value = domain.Money{Amount: 1, Currency: "EUR", Text: "1 euro"} }, "value"},
		{"no sources", func(e *domain.Entity) { e.Citations = nil }, "sources"},
		{"quote not in source", func(e *domain.Entity) { e.Citations[0].Quote = "Huawei never signed" }, "sources[0].quote"},
		{"unknown source", func(e *domain.Entity) { e.Citations[0].Source = "other" }, "sources[0].source"},
		{"quote too long", func(e *domain.Entity) { e.Citations[0].Quote = strings.Repeat("word ", 46) }, "sources[0].quote"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := good()
			tt.change(&e)
			problems := e.Validate(lib())
			if tt.field == "" {
				if len(problems) > 0 {
					t.Fatalf("want valid, got %v", problems)
				}
				return
			}
			for _, p := range problems {
				if p.Field == tt.field {
					return
				}
			}
			t.Fatalf("want a problem in %s, got %v", tt.field, problems)
		})
	}
}

func TestRelationshipValidate(t *testing.T) {
	cite := []domain.Citation{{Source: "doc", Quote: "Huawei signed an MoU"}}
	tests := []struct {
		name     string
		rel      domain.Relationship
		from, to domain.Kind
		field    string
	}{
		{"valid supplier", domain.Relationship{Type: domain.RelSupplierOf, From: "huawei", To: "mou", Citations: cite}, domain.KindCompany, domain.KindAgreement, ""},
		{"wrong end kind", domain.Relationship{Type: domain.RelSupplierOf, From: "huawei", To: "serbia", Citations: cite}, domain.KindCompany, domain.KindState, "type"},
		{"position needs role", domain.Relationship{Type: domain.RelHoldsPosition, From: "vucic", To: "serbia", Citations: cite}, domain.KindPerson, domain.KindState, "role"},
		{"property not allowed", domain.Relationship{Type: domain.RelMakes, From: "huawei", To: "elte", Extra: map[string]string{"share": "5"}, Citations: cite}, domain.KindCompany, domain.KindProduct, "properties.share"},
		{"share out of range", domain.Relationship{Type: domain.RelOwns, From: "state", To: "telekom", Extra: map[string]string{"share": "120"}, Citations: cite}, domain.KindState, domain.KindCompany, "properties.share"},
		{"negative finding needs statement", domain.Relationship{Type: domain.RelDeniesLinkTo, From: "mup", To: "huawei", Citations: cite}, domain.KindGovernmentBody, domain.KindCompany, "properties.statement"},
		{"end before start", domain.Relationship{Type: domain.RelMemberOf, From: "serbia", To: "bri", StartDate: domain.MustParseDate("2020-05"), EndDate: domain.MustParseDate("2019"), Citations: cite}, domain.KindState, domain.KindInitiative, "endDate"},
		{"bad currency", domain.Relationship{Type: domain.RelDonatesTo, From: "china", To: "serbia", Amount: domain.Money{Amount: 1, Currency: "euro", Text: "1 euro"}, Citations: cite}, domain.KindState, domain.KindState, "amount"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems := tt.rel.Validate(tt.from, tt.to, lib())
			if tt.field == "" {
				if len(problems) > 0 {
					t.Fatalf("want valid, got %v", problems)
				}
				return
			}
			for _, p := range problems {
				if p.Field == tt.field {
					return
				}
			}
			t.Fatalf("want a problem in %s, got %v", tt.field, problems)
		})
	}
}
