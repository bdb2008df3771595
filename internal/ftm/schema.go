// Package ftm maps Silkgraph's ontology onto FollowTheMoney (FtM), the entity
// model of Aleph and OpenSanctions: which schema each kind and relationship
// type becomes, and which FtM property holds each field. The exporter writes
// with it and the loader reads with it, so the two directions cannot drift
// apart. docs/ftm.md has the mapping as a table.
package ftm

import (
	"slices"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// Entity is one FtM entity as a JSON line: every property value is a list of
// strings. Silkgraph carries the fields FtM has no property for (a State's
// kind, an amount's text, variants...) so that a re-import gives back the
// same graph; FtM tools ignore it.
type Entity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
	Silkgraph  map[string]any      `json:"silkgraph,omitempty"`
}

// ExtensionKey is the top-level key of Entity.Silkgraph in a JSON line.
const ExtensionKey = "silkgraph"

// DocumentSchema is the schema sources are written as. Any schema of the
// Document family is read back as a source.
const DocumentSchema = "Document"

// documents are FtM's Document schema and its descendants.
var documents = []string{"Document", "PlainText", "Pages", "Folder", "Package", "Workbook", "Image", "Video", "Audio",
	"HyperText", "Email", "Table", "Article", "Page"}

// IsDocument reports whether schema is FtM's Document or one of its
// descendants.
func IsDocument(schema string) bool { return slices.Contains(documents, schema) }

// kindSchemata gives each kind its FtM schema. FtM has no state: a State is
// the PublicBody that governs it (it signs, owns and pays, which only legal
// entities do in FtM; Territory, new in FtM 4, is not one). A Place is an
// Address, which FtM 3 tools such as Aleph know too.
var kindSchemata = map[domain.Kind]string{
	domain.KindState:                "PublicBody",
	domain.KindPlace:                "Address",
	domain.KindGovernmentBody:       "PublicBody",
	domain.KindCompany:              "Company",
	domain.KindFinancialInstitution: "Company",
	domain.KindOrganization:         "Organization",
	domain.KindPerson:               "Person",
	domain.KindAgreement:            "Contract",
	domain.KindProject:              "Project",
	domain.KindInitiative:           "Project",
	domain.KindProduct:              "Asset",
	domain.KindEvent:                "Event",
}

// schemaKinds is the kind an FtM schema is read as when the entity does not
// name its kind (data from other FtM tools).
var schemaKinds = map[string]domain.Kind{
	"PublicBody":   domain.KindGovernmentBody,
	"Address":      domain.KindPlace,
	"Company":      domain.KindCompany,
	"Organization": domain.KindOrganization,
	"LegalEntity":  domain.KindOrganization,
	"Person":       domain.KindPerson,
	"Contract":     domain.KindAgreement,
	"Project":      domain.KindProject,
	"Asset":        domain.KindProduct,
	"Event":        domain.KindEvent,
}

// ancestors lists each schema used here with the schemata it extends, for
// checking that a link's ends fall in the ranges FtM gives its properties.
var ancestors = map[string][]string{
	"PublicBody":   {"Organization", "LegalEntity", "Thing"},
	"Company":      {"Organization", "LegalEntity", "Asset", "Thing", "Value"},
	"Organization": {"LegalEntity", "Thing"},
	"LegalEntity":  {"Thing"},
	"Person":       {"LegalEntity", "Thing"},
	"Contract":     {"Asset", "Thing", "Value"},
	"Project":      {"Thing", "Interval", "Value"},
	"Event":        {"Thing", "Interval"},
	"Asset":        {"Thing", "Value"},
	"Address":      {"Thing"},
}

func isA(schema, want string) bool { return schema == want || slices.Contains(ancestors[schema], want) }

// SchemaOf returns the FtM schema of a kind.
func SchemaOf(k domain.Kind) string { return kindSchemata[k] }

// KindOf returns the kind an FtM schema is read as by default, and whether
// the schema is one that becomes an entity.
func KindOf(schema string) (domain.Kind, bool) {
	k, ok := schemaKinds[schema]
	return k, ok
}

// Link says how relationships become FtM interval entities: the schema, the
// properties that hold the two ends, and the ranges FtM allows them.
type Link struct {
	Schema       string
	From, To     string // FtM properties holding our from and to
	FromRange    string
	ToRange      string
	Types        []domain.RelType
	Role, Amount bool // whether the schema has role, and amount and currency
	Share        bool // whether the schema has percentage
	// DefaultType is the type FtM data from elsewhere, without our
	// relationship id, is read as ("" : such data is rejected).
	DefaultType domain.RelType
}

// partyTypes are the relationship types that make an entity a participant
// of a project.
var partyTypes = append(domain.RoleTypes(), domain.RelInvolvedIn, domain.RelMemberOf, domain.RelDonatesTo, domain.RelPartnersWith)

// links is tried in order; the first whose types and ranges fit a
// relationship is its schema, UnknownLink if none does. A link that reads
// FtM data without our relationship id gives its DefaultType.
var links = []Link{
	{Schema: "ContractAward", From: "supplier", To: "contract", FromRange: "LegalEntity", ToRange: "Contract",
		Types: []domain.RelType{domain.RelSupplierOf}, Role: true, Amount: true, DefaultType: domain.RelSupplierOf},
	{Schema: "ProjectParticipant", From: "participant", To: "project", FromRange: "LegalEntity", ToRange: "Project",
		Types: partyTypes, Role: true, DefaultType: domain.RelInvolvedIn},
	{Schema: "Ownership", From: "owner", To: "asset", FromRange: "LegalEntity", ToRange: "Asset",
		Types: []domain.RelType{domain.RelOwns}, Role: true, Share: true, DefaultType: domain.RelOwns},
	// A subsidiary is owned by its parent: the same FtM edge, read backwards.
	{Schema: "Ownership", From: "asset", To: "owner", FromRange: "Asset", ToRange: "LegalEntity",
		Types: []domain.RelType{domain.RelSubsidiaryOf}, Role: true, Share: true},
	{Schema: "Directorship", From: "director", To: "organization", FromRange: "LegalEntity", ToRange: "Organization",
		Types: []domain.RelType{domain.RelHoldsPosition}, Role: true, DefaultType: domain.RelHoldsPosition},
	{Schema: "Membership", From: "member", To: "organization", FromRange: "LegalEntity", ToRange: "Organization",
		Types: []domain.RelType{domain.RelMemberOf}, Role: true, DefaultType: domain.RelMemberOf},
	{Schema: "Payment", From: "payer", To: "beneficiary", FromRange: "LegalEntity", ToRange: "LegalEntity",
		Types: []domain.RelType{domain.RelFunds, domain.RelDonatesTo}, Amount: true, DefaultType: domain.RelFunds},
	// Everything else; read back only with our relationship id, since an
	// UnknownLink says nothing of its type.
	{Schema: unknownLink, From: "subject", To: "object", FromRange: "Thing", ToRange: "Thing", Role: true},
}

const unknownLink = "UnknownLink"

// LinkFor returns the FtM link a relationship of type t between entities of
// the given kinds is written as.
func LinkFor(t domain.RelType, from, to domain.Kind) Link {
	for _, l := range links {
		if (len(l.Types) == 0 || slices.Contains(l.Types, t)) && isA(SchemaOf(from), l.FromRange) && isA(SchemaOf(to), l.ToRange) {
			return l
		}
	}
	return links[len(links)-1]
}

// IsLink reports whether schema is one relationships are written as.
func IsLink(schema string) bool {
	_, ok := LinkOfType(schema, "")
	return ok
}

// LinkOfType returns the link of an FtM schema that relationships of type t
// are written with; for t == "", the one FtM data without our relationship
// id is read with.
func LinkOfType(schema string, t domain.RelType) (Link, bool) {
	for _, l := range links {
		if l.Schema == schema && (len(l.Types) == 0 || slices.Contains(l.Types, t) || t == "") {
			return l, true
		}
	}
	return Link{}, false
}
