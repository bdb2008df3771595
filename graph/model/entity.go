package model

import (
	"context"

	"github.com/silkgraph/silkgraph/graph/loader"
	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/store"
)

// Node holds the fields every entity type shares; each kind's type embeds it
// and so implements the Entity interface with these methods.
type Node struct {
	E domain.Entity
	// siblings are the entities of the list this one came in. The first of
	// them to load a field loads it for all, so a list costs one statement
	// per field however its resolvers are scheduled.
	siblings *siblings
}

type siblings struct {
	ids, countries []string
}

// The entity types, one per kind.
type (
	State                struct{ Node }
	Place                struct{ Node }
	GovernmentBody       struct{ Node }
	Company              struct{ Node }
	FinancialInstitution struct{ Node }
	Organization         struct{ Node }
	Person               struct{ Node }
	Agreement            struct{ Dated }
	Project              struct{ Dated }
	Initiative           struct{ Dated }
	Product              struct{ Node }
	Event                struct{ Dated }
)

// Dated adds the fields of agreements, projects, initiatives and events.
type Dated struct{ Node }

// Named is what every entity type has, and what a subgraph's nodes
// usually ask for.
type Named interface {
	ID() string
	Name() string
	Kind() domain.Kind
}

// IsEntity marks the types implementing the Entity interface.
func (Node) IsEntity() {}

// NewEntity wraps an entity in the GraphQL type of its kind.
func NewEntity(e domain.Entity) Entity { return newEntity(e, nil) }

func newEntity(e domain.Entity, sib *siblings) Entity {
	n := Node{E: e, siblings: sib}
	switch e.Kind {
	case domain.KindState:
		return &State{n}
	case domain.KindPlace:
		return &Place{n}
	case domain.KindGovernmentBody:
		return &GovernmentBody{n}
	case domain.KindCompany:
		return &Company{n}
	case domain.KindFinancialInstitution:
		return &FinancialInstitution{n}
	case domain.KindPerson:
		return &Person{n}
	case domain.KindAgreement:
		return &Agreement{Dated{n}}
	case domain.KindProject:
		return &Project{Dated{n}}
	case domain.KindInitiative:
		return &Initiative{Dated{n}}
	case domain.KindProduct:
		return &Product{n}
	case domain.KindEvent:
		return &Event{Dated{n}}
	default:
		return &Organization{n}
	}
}

// NewEntities wraps a list of entities that batch their loads together.
func NewEntities(es []domain.Entity) []Entity {
	sib := &siblings{ids: make([]string, len(es))}
	for i, e := range es {
		sib.ids[i] = e.ID
		if e.Country != "" {
			sib.countries = append(sib.countries, e.Country)
		}
	}
	out := make([]Entity, len(es))
	for i, e := range es {
		out[i] = newEntity(e, sib)
	}
	return out
}

func (n Node) ID() string              { return n.E.ID }
func (n Node) Version() int            { return int(n.E.Version) }
func (n Node) Kind() domain.Kind       { return n.E.Kind }
func (n Node) Name() string            { return n.E.Name }
func (n Node) Aliases() []string       { return nonNil(n.E.Aliases) }
func (n Node) Description() *string    { return optional(n.E.Description) }
func (n Node) Category() *string       { return optional(n.E.Category) }
func (n Node) Tags() []string          { return nonNil(n.E.Tags) }
func (n Node) Sources() []*Citation    { return NewCitations(n.E.Citations) }
func (n Node) Variants() []*Variant    { return NewVariants(n.E.Variants) }
func (d Dated) Date() domain.Date      { return d.E.Date }
func (d Dated) StartDate() domain.Date { return d.E.StartDate }
func (d Dated) EndDate() domain.Date   { return d.E.EndDate }
func (d Dated) Status() *string        { return optional(d.E.Status) }
func (d Dated) Value() *domain.Money   { return optionalMoney(d.E.Value) }
func (d Dated) Discount() *domain.Money {
	return optionalMoney(d.E.Discount)
}
func (d Dated) Subject() *string { return optional(d.E.Subject) }

// Country returns the state the entity belongs to.
func (n Node) Country(ctx context.Context) (*State, error) {
	if n.E.Country == "" {
		return nil, nil
	}
	var countries []string
	if n.siblings != nil {
		countries = n.siblings.countries
	}
	e, found, err := loader.From(ctx).Entities.Load(ctx, countries, n.E.Country)
	if err != nil || !found {
		return nil, err
	}
	return &State{Node{E: e}}, nil
}

// MaxPageSize caps every page of every connection.
const MaxPageSize = 500

// Relationships returns a page of the entity's relationships.
func (n Node) Relationships(ctx context.Context, direction *Direction, types []domain.RelType, first *int, after *string) (*RelationshipConnection, error) {
	dir := store.Both
	if direction != nil {
		dir = store.Direction(*direction)
	}
	page, err := PageArgs(first, after, 50, MaxPageSize, "relationships", n.ID(), dir, types)
	if err != nil {
		return nil, err
	}
	res, err := n.loadRels(ctx, dir, page.Page, types...)
	if err != nil {
		return nil, err
	}
	conn := &RelationshipConnection{TotalCount: res.Total, PageInfo: NewPageInfo(page, len(res.Relationships), res.Total),
		Edges: make([]*RelationshipEdge, len(res.Relationships))}
	for i, r := range n.relationships(res) {
		conn.Edges[i] = &RelationshipEdge{Node: r, Cursor: page.Cursor(i)}
	}
	return conn, nil
}

func (n Node) loadRels(ctx context.Context, dir store.Direction, page store.Page, types ...domain.RelType) (store.RelPage, error) {
	key := loader.RelKey{EntityID: n.E.ID, Direction: dir, Types: loader.JoinTypes(types), Offset: page.Offset, Limit: page.Limit}
	var keys []loader.RelKey
	if n.siblings != nil {
		keys = make([]loader.RelKey, len(n.siblings.ids))
		for i, id := range n.siblings.ids {
			keys[i] = key
			keys[i].EntityID = id
		}
	}
	res, _, err := loader.From(ctx).Relationships.Load(ctx, keys, key) // none found: an empty page
	return res, err
}

// relationships wraps a page of the entity's relationships, whose ends are
// this entity and the page's others.
func (n Node) relationships(res store.RelPage) []*Relationship {
	self := newEntity(n.E, nil)
	others := NewEntities(res.Others)
	out := make([]*Relationship, len(res.Relationships))
	for i, r := range res.Relationships {
		from, to := self, others[i]
		if r.From != n.E.ID {
			from, to = to, from
		}
		out[i] = &Relationship{R: r, From: from, To: to}
	}
	return out
}

// related lists the entity's relationships of some types, for the fields
// that name them (positions, owners, parties...).
func (n Node) related(ctx context.Context, dir store.Direction, types ...domain.RelType) ([]*Relationship, error) {
	res, err := n.loadRels(ctx, dir, store.Page{Limit: MaxPageSize}, types...)
	if err != nil {
		return nil, err
	}
	return n.relationships(res), nil
}

// relatedEntities lists the entities at the other end of related.
func (n Node) relatedEntities(ctx context.Context, dir store.Direction, types ...domain.RelType) ([]Entity, error) {
	res, err := n.loadRels(ctx, dir, store.Page{Limit: MaxPageSize}, types...)
	if err != nil {
		return nil, err
	}
	return NewEntities(res.Others), nil
}

// Bodies returns the state's government bodies.
func (s State) Bodies(ctx context.Context) ([]Entity, error) {
	key := loader.CountryKey{Country: s.E.ID, Kind: domain.KindGovernmentBody}
	var keys []loader.CountryKey
	if s.siblings != nil {
		for _, id := range s.siblings.ids {
			keys = append(keys, loader.CountryKey{Country: id, Kind: key.Kind})
		}
	}
	es, _, err := loader.From(ctx).ByCountry.Load(ctx, keys, key) // none found: no bodies
	return NewEntities(es), err
}

// People returns who holds or held positions in the body.
func (g GovernmentBody) People(ctx context.Context) ([]*Relationship, error) {
	return g.related(ctx, store.In, domain.RelHoldsPosition)
}

// Owners returns the company's owners.
func (c Company) Owners(ctx context.Context) ([]*Relationship, error) {
	return c.related(ctx, store.In, domain.RelOwns)
}

// Subsidiaries returns the company's subsidiaries.
func (c Company) Subsidiaries(ctx context.Context) ([]*Relationship, error) {
	return c.related(ctx, store.In, domain.RelSubsidiaryOf)
}

// Products returns what the company makes.
func (c Company) Products(ctx context.Context) ([]Entity, error) {
	return c.relatedEntities(ctx, store.Out, domain.RelMakes)
}

// Financed returns what the institution lends to, funds or guarantees.
func (f FinancialInstitution) Financed(ctx context.Context) ([]*Relationship, error) {
	return f.related(ctx, store.Out, domain.RelLenderOf, domain.RelFunds, domain.RelGrantorOf, domain.RelGuarantorOf)
}

// Members returns the organization's members.
func (o Organization) Members(ctx context.Context) ([]*Relationship, error) {
	return o.related(ctx, store.In, domain.RelMemberOf)
}

// Positions returns the person's positions.
func (p Person) Positions(ctx context.Context) ([]*Relationship, error) {
	return p.related(ctx, store.Out, domain.RelHoldsPosition)
}

// Parties returns every party's role in the agreement, project or event.
func (d Dated) Parties(ctx context.Context) ([]*Relationship, error) {
	types := domain.RoleTypes()
	if d.E.Kind == domain.KindEvent {
		types = []domain.RelType{domain.RelPartyTo, domain.RelInvolvedIn}
	}
	return d.related(ctx, store.In, types...)
}

// Products returns what the agreement or project covers.
func (d Dated) Products(ctx context.Context) ([]Entity, error) {
	return d.relatedEntities(ctx, store.Out, domain.RelCovers)
}

// Members returns the initiative's members and those aligned with it.
func (i Initiative) Members(ctx context.Context) ([]*Relationship, error) {
	return i.related(ctx, store.In, domain.RelMemberOf, domain.RelAlignedWith)
}

// Makers returns who makes the product.
func (p Product) Makers(ctx context.Context) ([]Entity, error) {
	return p.relatedEntities(ctx, store.In, domain.RelMakes)
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func optionalMoney(m domain.Money) *domain.Money {
	if m.IsZero() {
		return nil
	}
	return &m
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}
