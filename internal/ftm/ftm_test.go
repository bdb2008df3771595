package ftm_test

import (
	"testing"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/ftm"
)

func TestEveryKindHasASchemaReadBackAsAKind(t *testing.T) {
	for _, k := range domain.Kinds {
		schema := ftm.SchemaOf(k.Kind)
		if _, ok := ftm.KindOf(schema); !ok {
			t.Errorf("%s is written as %q, which is not read back", k.Kind, schema)
		}
	}
}

// A relationship takes the first FtM schema whose ranges its ends fit.
func TestLinkFor(t *testing.T) {
	tests := []struct {
		typ        domain.RelType
		from, to   domain.Kind
		schema     string
		fromP, toP string
	}{
		{domain.RelSupplierOf, domain.KindCompany, domain.KindAgreement, "ContractAward", "supplier", "contract"},
		{domain.RelSupplierOf, domain.KindCompany, domain.KindProject, "ProjectParticipant", "participant", "project"},
		{domain.RelSupplierOf, domain.KindPlace, domain.KindAgreement, "UnknownLink", "subject", "object"}, // an Address is no legal entity
		{domain.RelBuyerOf, domain.KindGovernmentBody, domain.KindAgreement, "UnknownLink", "subject", "object"},
		{domain.RelMemberOf, domain.KindState, domain.KindInitiative, "ProjectParticipant", "participant", "project"},
		{domain.RelMemberOf, domain.KindState, domain.KindOrganization, "Membership", "member", "organization"},
		{domain.RelOwns, domain.KindState, domain.KindCompany, "Ownership", "owner", "asset"},
		{domain.RelOwns, domain.KindState, domain.KindOrganization, "UnknownLink", "subject", "object"}, // an Organization is no Asset
		{domain.RelSubsidiaryOf, domain.KindCompany, domain.KindCompany, "Ownership", "asset", "owner"},
		{domain.RelHoldsPosition, domain.KindPerson, domain.KindState, "Directorship", "director", "organization"},
		{domain.RelFunds, domain.KindFinancialInstitution, domain.KindGovernmentBody, "Payment", "payer", "beneficiary"},
		{domain.RelFunds, domain.KindFinancialInstitution, domain.KindAgreement, "UnknownLink", "subject", "object"},
		{domain.RelLocatedIn, domain.KindCompany, domain.KindState, "UnknownLink", "subject", "object"},
	}
	for _, tt := range tests {
		t.Run(string(tt.typ)+" "+string(tt.from)+"-"+string(tt.to), func(t *testing.T) {
			l := ftm.LinkFor(tt.typ, tt.from, tt.to)
			if l.Schema != tt.schema || l.From != tt.fromP || l.To != tt.toP {
				t.Fatalf("got %s(%s, %s), want %s(%s, %s)", l.Schema, l.From, l.To, tt.schema, tt.fromP, tt.toP)
			}
			back, ok := ftm.LinkOfType(l.Schema, tt.typ)
			if !ok || back.From != l.From || back.To != l.To {
				t.Fatalf("%s is not read back as %s from %s", tt.typ, l.Schema, l.From)
			}
		})
	}
}

func TestFromRelationshipFtMSide(t *testing.T) {
	cites := []domain.Citation{{Source: "doc", Quote: "they signed"}}
	tests := []struct {
		name  string
		rel   domain.Relationship
		from  domain.Kind
		to    domain.Kind
		id    string
		props map[string]string // one value each
	}{
		{"an unknown link's role names its type", domain.Relationship{ID: "huawei|LOCATED_IN|china", Type: domain.RelLocatedIn, From: "huawei", To: "china", Citations: cites},
			domain.KindCompany, domain.KindState, "huawei.located-in.china",
			map[string]string{"subject": "huawei", "object": "china", "role": "located in", "recordId": "huawei|LOCATED_IN|china", "summary": "[doc] they signed", "proof": "doc"}},
		{"a keyed id is hashed", domain.Relationship{ID: "a|PART_OF|b|2019 deal", Type: domain.RelPartOf, From: "a", To: "b", Role: "unit", Citations: cites},
			domain.KindGovernmentBody, domain.KindGovernmentBody, "a.part-of.b.5243aa8d8b51",
			map[string]string{"role": "unit", "recordId": "a|PART_OF|b|2019 deal"}},
		{"an award keeps its amount", domain.Relationship{ID: "x|SUPPLIER_OF|y", Type: domain.RelSupplierOf, From: "x", To: "y", Amount: domain.Money{Amount: 1.5e6, Currency: "EUR", Text: "1.5 million euros"}, Citations: cites},
			domain.KindCompany, domain.KindAgreement, "x.supplier-of.y",
			map[string]string{"supplier": "x", "contract": "y", "amount": "1500000", "currency": "EUR"}},
		{"a share is a percentage", domain.Relationship{ID: "s|OWNS|c", Type: domain.RelOwns, From: "s", To: "c", Extra: map[string]string{"share": "51"}, Citations: cites},
			domain.KindState, domain.KindCompany, "s.owns.c", map[string]string{"owner": "s", "asset": "c", "percentage": "51"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := ftm.FromRelationship(tt.rel, tt.from, tt.to, nil)
			if e.ID != tt.id {
				t.Errorf("id %q, want %q", e.ID, tt.id)
			}
			for name, want := range tt.props {
				if got := e.Properties[name]; len(got) != 1 || got[0] != want {
					t.Errorf("%s = %q, want [%q]", name, got, want)
				}
			}
		})
	}
}

func TestCitationRoundTrip(t *testing.T) {
	for _, c := range []domain.Citation{{Source: "rferl-2024", Quote: "a [bracketed] quote] with a bracket"}, {Source: "doc", Quote: ""}} {
		got, ok := ftm.ParseCitation(ftm.Citation(c))
		if !ok || got != c {
			t.Errorf("ParseCitation(Citation(%v)) = %v, %v", c, got, ok)
		}
	}
	for _, s := range []string{"no source", "[Not A Slug] quote", "[doc]quote"} {
		if c, ok := ftm.ParseCitation(s); ok {
			t.Errorf("ParseCitation(%q) = %v, want no citation", s, c)
		}
	}
}
