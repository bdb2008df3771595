// Package domain holds Silkgraph's domain types and its ontology: the one
// place that defines which kinds of entity exist, which relationship types
// may join them, and which properties each carries. The loader, the
// validator, the store and the GraphQL enums all derive from these tables.
package domain

import (
	"fmt"
	"slices"
	"sort"
)

// Kind is an entity kind. Its value is the Neo4j label of the kind, so the
// store can use it as a label without ever taking a label from user input.
type Kind string

// Entity kinds.
const (
	KindState                Kind = "State"
	KindPlace                Kind = "Place"
	KindGovernmentBody       Kind = "GovernmentBody"
	KindCompany              Kind = "Company"
	KindFinancialInstitution Kind = "FinancialInstitution"
	KindOrganization         Kind = "Organization"
	KindPerson               Kind = "Person"
	KindAgreement            Kind = "Agreement"
	KindProject              Kind = "Project"
	KindInitiative           Kind = "Initiative"
	KindProduct              Kind = "Product"
	KindEvent                Kind = "Event"
)

// KindInfo describes an entity kind.
type KindInfo struct {
	Kind Kind
	// Enum is the GraphQL enum value (GOVERNMENT_BODY).
	Enum        string
	Description string
	// Categories are the allowed values of Entity.Category for the kind.
	Categories []string
	// Dated kinds carry date, start and end dates, status and value.
	Dated bool
}

// Kinds lists every entity kind, in the order the API documents them.
var Kinds = []KindInfo{
	{KindState, "STATE", "A sovereign state.", nil, false},
	{KindPlace, "PLACE", "A sub-national place: city, canton, region, province.",
		[]string{"city", "canton", "region", "province", "district", "entity", "border-crossing"}, false},
	{KindGovernmentBody, "GOVERNMENT_BODY", "A government body: ministry, police, regulator, court, agency, parliament, government.",
		[]string{"ministry", "police", "regulator", "court", "agency", "parliament", "government", "head-of-state", "military", "municipality", "state-company-board"}, false},
	{KindCompany, "COMPANY", "A company, including state-owned enterprises and local subsidiaries.",
		[]string{"vendor", "telecom-operator", "state-owned", "subsidiary", "reseller", "contractor", "manufacturer", "it-services", "automaker", "media"}, false},
	{KindFinancialInstitution, "FINANCIAL_INSTITUTION", "A bank, fund or other lender.",
		[]string{"policy-bank", "commercial-bank", "development-bank", "fund"}, false},
	{KindOrganization, "ORGANIZATION", "Any other organization: NGO, think tank, university, media, international organization or bloc.",
		[]string{"ngo", "think-tank", "university", "media", "international-organization", "bloc", "party", "association", "forum", "consortium", "standards-body"}, false},
	{KindPerson, "PERSON", "A natural person.", nil, false},
	{KindAgreement, "AGREEMENT", "An agreement: contract, purchase order, MoU, framework or strategic agreement, loan, grant, treaty, partnership.",
		[]string{"contract", "purchase-order", "mou", "framework-agreement", "strategic-agreement", "loan", "grant", "treaty", "partnership", "tender", "declaration", "memorandum"}, true},
	{KindProject, "PROJECT", "A project or program: Safe City Belgrade, Smart City Sarajevo, a highway, a training program.",
		[]string{"safe-city", "smart-city", "infrastructure", "training", "pilot", "network", "research", "data-center", "program"}, true},
	{KindInitiative, "INITIATIVE", "An initiative or policy: Belt and Road, Digital Silk Road, Clean Network, 17+1, EU 5G Toolbox.",
		[]string{"initiative", "policy", "law", "strategy", "format"}, true},
	{KindProduct, "PRODUCT", "A product, technology or service: body cams, eLTE, facial recognition, 5G equipment.",
		[]string{"hardware", "software", "network", "service", "technology", "vehicle", "system"}, false},
	{KindEvent, "EVENT", "A legal case or an event: a lawsuit, a ruling, a summit, a hack, a visit.",
		[]string{"legal-case", "ruling", "summit", "meeting", "visit", "cyberattack", "election", "protest", "announcement", "investigation", "conference"}, true},
}

// actors are the kinds that can act: sign, buy, own, ban, hold a position.
var actors = []Kind{KindState, KindPlace, KindGovernmentBody, KindCompany, KindFinancialInstitution, KindOrganization, KindPerson}

// organizations are actors other than persons.
var organizations = []Kind{KindState, KindPlace, KindGovernmentBody, KindCompany, KindFinancialInstitution, KindOrganization}

// deals are the kinds a party can have a role in.
var deals = []Kind{KindAgreement, KindProject}

func allKinds() []Kind {
	out := make([]Kind, len(Kinds))
	for i, k := range Kinds {
		out[i] = k.Kind
	}
	return out
}

func union(lists ...[]Kind) []Kind {
	var out []Kind
	for _, l := range lists {
		for _, k := range l {
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

// RelType is a relationship type. Its value is both the Neo4j relationship
// type and the GraphQL enum value.
type RelType string

// Relationship types.
const (
	RelSupplierOf     RelType = "SUPPLIER_OF"
	RelBuyerOf        RelType = "BUYER_OF"
	RelSignatoryOf    RelType = "SIGNATORY_OF"
	RelLenderOf       RelType = "LENDER_OF"
	RelBorrowerOf     RelType = "BORROWER_OF"
	RelGuarantorOf    RelType = "GUARANTOR_OF"
	RelGrantorOf      RelType = "GRANTOR_OF"
	RelGranteeOf      RelType = "GRANTEE_OF"
	RelIntermediaryOf RelType = "INTERMEDIARY_OF"
	RelImplementerOf  RelType = "IMPLEMENTER_OF"
	RelFunds          RelType = "FUNDS"
	RelCovers         RelType = "COVERS"
	RelMakes          RelType = "MAKES"
	RelUses           RelType = "USES"
	RelOwns           RelType = "OWNS"
	RelSubsidiaryOf   RelType = "SUBSIDIARY_OF"
	RelPartOf         RelType = "PART_OF"
	RelLocatedIn      RelType = "LOCATED_IN"
	RelHoldsPosition  RelType = "HOLDS_POSITION"
	RelMemberOf       RelType = "MEMBER_OF"
	RelAlignedWith    RelType = "ALIGNED_WITH"
	RelBans           RelType = "BANS"
	RelRestricts      RelType = "RESTRICTS"
	RelSanctions      RelType = "SANCTIONS"
	RelPartyTo        RelType = "PARTY_TO"
	RelPartnersWith   RelType = "PARTNERS_WITH"
	RelDonatesTo      RelType = "DONATES_TO"
	RelInvolvedIn     RelType = "INVOLVED_IN"
	RelWarnsAbout     RelType = "WARNS_ABOUT"
	RelAffects        RelType = "AFFECTS"
	RelDeniesLinkTo   RelType = "DENIES_LINK_TO"
)

// Property names a relationship may carry besides the common ones (role,
// dates, amount, note). Each type allows a fixed subset.
const (
	PropShare     = "share"
	PropReason    = "reason"
	PropOutcome   = "outcome"
	PropStatement = "statement"
)

// RelInfo describes a relationship type: what it means, which kinds it may
// join, which extra properties it allows and which it requires.
type RelInfo struct {
	Type        RelType
	Description string
	From, To    []Kind
	Extra       []string // allowed extra properties
	RequireRole bool
	Required    []string // required extra properties
	// Role marks a party's role in an agreement or project: the edges
	// supply chains, financing and totals are computed from.
	Role bool
}

// RelTypes lists every relationship type.
var RelTypes = []RelInfo{
	{Type: RelSupplierOf, Description: "The source entity supplies goods or services under the agreement or project.", From: organizations, To: deals, Role: true},
	{Type: RelBuyerOf, Description: "The source entity buys or receives the goods or services of the agreement or project.", From: organizations, To: deals, Role: true},
	{Type: RelSignatoryOf, Description: "The source entity or person signed the agreement.", From: actors, To: union(deals, []Kind{KindInitiative}), Role: true},
	{Type: RelLenderOf, Description: "The source entity lends the money of the loan agreement.", From: organizations, To: deals, Role: true},
	{Type: RelBorrowerOf, Description: "The source entity borrows the money of the loan agreement.", From: organizations, To: deals, Role: true},
	{Type: RelGuarantorOf, Description: "The source entity guarantees the agreement.", From: organizations, To: deals, Role: true},
	{Type: RelGrantorOf, Description: "The source entity gives the grant or donation agreement.", From: organizations, To: deals, Role: true},
	{Type: RelGranteeOf, Description: "The source entity receives the grant.", From: organizations, To: deals, Role: true},
	{Type: RelIntermediaryOf, Description: "The source entity brokered or resold under the agreement or project.", From: actors, To: deals, Role: true},
	{Type: RelImplementerOf, Description: "The source entity carries out the agreement, project or initiative.", From: actors, To: union(deals, []Kind{KindInitiative}), Role: true},
	{Type: RelFunds, Description: "The source entity finances the target (a project, agreement, organization or initiative).", From: organizations, To: union(deals, []Kind{KindInitiative, KindOrganization, KindGovernmentBody}), Role: true},
	{Type: RelCovers, Description: "The agreement or project is for the product, technology or service.", From: union(deals, []Kind{KindInitiative}), To: []Kind{KindProduct}},
	{Type: RelMakes, Description: "The company makes or develops the product.", From: organizations, To: []Kind{KindProduct}},
	{Type: RelUses, Description: "The source entity uses or deploys the product or technology.", From: union(actors, deals), To: []Kind{KindProduct}},
	{Type: RelOwns, Description: "The source entity owns the target, with a share in percent when known.", From: actors, To: []Kind{KindCompany, KindFinancialInstitution, KindOrganization}, Extra: []string{PropShare}},
	{Type: RelSubsidiaryOf, Description: "The source company is a subsidiary or branch of the target.", From: []Kind{KindCompany, KindFinancialInstitution, KindOrganization}, To: []Kind{KindCompany, KindFinancialInstitution, KindOrganization}},
	{Type: RelPartOf, Description: "The source is a part of the target (a police directorate of a ministry, a project of a program, a state of a bloc).", From: allKinds(), To: allKinds()},
	{Type: RelLocatedIn, Description: "The source is located in the target place or state.", From: allKinds(), To: []Kind{KindState, KindPlace}},
	{Type: RelHoldsPosition, Description: "The person holds or held a position (role) in the organization.", From: []Kind{KindPerson}, To: organizations, RequireRole: true},
	{Type: RelMemberOf, Description: "The source joined or belongs to the initiative or organization; startDate is when it joined.", From: actors, To: []Kind{KindInitiative, KindOrganization}},
	{Type: RelAlignedWith, Description: "The source aligned itself with or endorsed the initiative or policy, without formal membership.", From: union(actors, deals, []Kind{KindInitiative}), To: []Kind{KindInitiative, KindOrganization, KindState}},
	{Type: RelBans, Description: "The source bans the target (a vendor, product or person); reason says why.", From: organizations, To: union(organizations, []Kind{KindPerson, KindProduct}), Extra: []string{PropReason}},
	{Type: RelRestricts, Description: "The source restricts the target without a full ban; reason says how and why.", From: organizations, To: union(organizations, []Kind{KindPerson, KindProduct}), Extra: []string{PropReason}},
	{Type: RelSanctions, Description: "The source sanctions the target; reason says why.", From: organizations, To: union(organizations, []Kind{KindPerson, KindProduct}), Extra: []string{PropReason}},
	{Type: RelPartyTo, Description: "The source is a party to the legal case or dispute; role is plaintiff, defendant or similar; outcome and amount say how it ended.", From: actors, To: []Kind{KindEvent}, Extra: []string{PropOutcome}},
	{Type: RelPartnersWith, Description: "The two entities are partners (read in either direction).", From: actors, To: union(actors, deals, []Kind{KindInitiative})},
	{Type: RelDonatesTo, Description: "The source donated to the target; amount says what.", From: actors, To: union(actors, deals)},
	{Type: RelInvolvedIn, Description: "The source took part in the event, project or initiative; role says how.", From: union(actors, []Kind{KindProduct}), To: union(deals, []Kind{KindEvent, KindInitiative})},
	{Type: RelWarnsAbout, Description: "The source publicly warned about or criticized the target.", From: actors, To: allKinds()},
	{Type: RelAffects, Description: "The event (a hack, a ruling, a ban) affects the target.", From: []Kind{KindEvent, KindInitiative}, To: allKinds()},
	{Type: RelDeniesLinkTo, Description: "A negative finding: the source stated it has no link with the target; statement gives what was said. Not a link.", From: actors, To: allKinds(), Required: []string{PropStatement}, Extra: []string{PropStatement}},
}

var (
	kindIndex    = map[Kind]*KindInfo{}
	kindByEnum   = map[string]Kind{}
	relTypeIndex = map[RelType]*RelInfo{}
)

func init() {
	for i := range Kinds {
		kindIndex[Kinds[i].Kind] = &Kinds[i]
		kindByEnum[Kinds[i].Enum] = Kinds[i].Kind
	}
	for i := range RelTypes {
		relTypeIndex[RelTypes[i].Type] = &RelTypes[i]
	}
}

// Info returns the description of k, or nil if k is not a kind.
func (k Kind) Info() *KindInfo { return kindIndex[k] }

// Valid reports whether k is a kind of the ontology.
func (k Kind) Valid() bool { return kindIndex[k] != nil }

// KindFromEnum maps a GraphQL enum value (GOVERNMENT_BODY) to its kind.
func KindFromEnum(s string) (Kind, bool) {
	k, ok := kindByEnum[s]
	return k, ok
}

// KindLabels returns every kind's label, sorted.
func KindLabels() []string {
	out := make([]string, 0, len(Kinds))
	for _, k := range Kinds {
		out = append(out, string(k.Kind))
	}
	sort.Strings(out)
	return out
}

// Info returns the description of t, or nil if t is not a type.
func (t RelType) Info() *RelInfo { return relTypeIndex[t] }

// Valid reports whether t is a relationship type of the ontology.
func (t RelType) Valid() bool { return relTypeIndex[t] != nil }

// ParseRelType validates a relationship type name.
func ParseRelType(s string) (RelType, error) {
	if RelType(s).Valid() {
		return RelType(s), nil
	}
	return "", fmt.Errorf("unknown relationship type %q (want one of %v)", s, RelTypeNames())
}

// RelTypeNames returns every relationship type, sorted.
func RelTypeNames() []string {
	out := make([]string, 0, len(RelTypes))
	for _, r := range RelTypes {
		out = append(out, string(r.Type))
	}
	sort.Strings(out)
	return out
}

// RoleTypes returns the relationship types that give a party's role in an
// agreement or project.
func RoleTypes() []RelType {
	var out []RelType
	for _, r := range RelTypes {
		if r.Role {
			out = append(out, r.Type)
		}
	}
	return out
}

// CheckEndpoints says whether a relationship of type t may go from a kind to
// a kind, and if not, why.
func (t RelType) CheckEndpoints(from, to Kind) error {
	info := t.Info()
	if info == nil {
		return fmt.Errorf("unknown relationship type %q", t)
	}
	if !slices.Contains(info.From, from) {
		return fmt.Errorf("%s cannot start at a %s (allowed: %v)", t, from, info.From)
	}
	if !slices.Contains(info.To, to) {
		return fmt.Errorf("%s cannot end at a %s (allowed: %v)", t, to, info.To)
	}
	return nil
}
