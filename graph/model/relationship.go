package model

import (
	"context"
	"sort"

	"github.com/silkgraph/silkgraph/graph/loader"
	"github.com/silkgraph/silkgraph/internal/domain"
)

// Relationship wraps a domain relationship with its two ends. Every query
// that finds relationships returns their ends too, so From and To are plain
// fields: gqlgen resolves them inline, without a goroutine or a loader per
// edge, which is most of the cost of a large subgraph.
type Relationship struct {
	R        domain.Relationship
	From, To Entity
}

// NewRelationship wraps r with its ends looked up by the ids it names, which
// may since have been merged into other entities.
func NewRelationship(r domain.Relationship, ends map[string]domain.Entity) *Relationship {
	rel := &Relationship{R: r}
	if e, ok := ends[r.From]; ok {
		rel.From = NewEntity(e)
	}
	if e, ok := ends[r.To]; ok {
		rel.To = NewEntity(e)
	}
	return rel
}

// NewRelationships wraps rels whose ends are among ends, sharing their
// wrappers.
func NewRelationships(rels []domain.Relationship, ends []Entity) []*Relationship {
	byID := make(map[string]Entity, len(ends))
	for _, e := range ends {
		byID[e.(Named).ID()] = e
	}
	out := make([]*Relationship, len(rels))
	for i, r := range rels {
		out[i] = &Relationship{R: r, From: byID[r.From], To: byID[r.To]}
	}
	return out
}

func (r *Relationship) ID() string             { return r.R.ID }
func (r *Relationship) Version() int           { return int(r.R.Version) }
func (r *Relationship) Type() domain.RelType   { return r.R.Type }
func (r *Relationship) Role() *string          { return optional(r.R.Role) }
func (r *Relationship) StartDate() domain.Date { return r.R.StartDate }
func (r *Relationship) EndDate() domain.Date   { return r.R.EndDate }
func (r *Relationship) Amount() *domain.Money  { return optionalMoney(r.R.Amount) }
func (r *Relationship) Note() *string          { return optional(r.R.Note) }
func (r *Relationship) Sources() []*Citation   { return NewCitations(r.R.Citations) }
func (r *Relationship) Variants() []*Variant   { return NewVariants(r.R.Variants) }

// Properties lists the type's extra properties, sorted by name.
func (r *Relationship) Properties() []*Property {
	out := make([]*Property, 0, len(r.R.Extra))
	for k, v := range r.R.Extra {
		out = append(out, &Property{Name: k, Value: v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Citation is a source and a quote.
type Citation struct {
	C domain.Citation
}

// NewCitations wraps citations.
func NewCitations(cs []domain.Citation) []*Citation {
	out := make([]*Citation, len(cs))
	for i, c := range cs {
		out[i] = &Citation{C: c}
	}
	return out
}

func (c *Citation) Quote() string { return c.C.Quote }

// Source loads the cited document.
func (c *Citation) Source(ctx context.Context) (*Source, error) {
	s, err := loader.From(ctx).Sources.Load(ctx, c.C.Source)
	if err != nil {
		return nil, err
	}
	return &Source{S: s}, nil
}

// Variant is a value a source states differently.
type Variant struct {
	V domain.Variant
}

// NewVariants wraps variants.
func NewVariants(vs []domain.Variant) []*Variant {
	out := make([]*Variant, len(vs))
	for i, v := range vs {
		out[i] = &Variant{V: v}
	}
	return out
}

func (v *Variant) Field() string { return v.V.Field }
func (v *Variant) Value() string { return v.V.Value }
func (v *Variant) Citation() *Citation {
	return &Citation{C: domain.Citation{Source: v.V.Source, Quote: v.V.Quote}}
}

// Source is a source document.
type Source struct {
	S domain.Source
}

func (s *Source) ID() string           { return s.S.ID }
func (s *Source) Title() string        { return s.S.Title }
func (s *Source) Publisher() *string   { return optional(s.S.Publisher) }
func (s *Source) Authors() []string    { return nonNil(s.S.Authors) }
func (s *Source) Date() domain.Date    { return s.S.Date }
func (s *Source) URL() *string         { return optional(s.S.URL) }
func (s *Source) Description() *string { return optional(s.S.Description) }
