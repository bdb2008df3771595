package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/silkgraph/silkgraph/graph/model"
	"github.com/silkgraph/silkgraph/internal/auth"
	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/store"
)

// Mapping of curation inputs to domain values, trimmed as the seed reader
// trims. Validation is not here: the store applies the domain's rules.

// hasRole implements @hasRole: the field needs a key of at least the role.
func hasRole(ctx context.Context, _ any, next graphql.Resolver, role model.Role) (any, error) {
	if err := auth.Require(ctx, domain.Role(strings.ToLower(string(role)))); err != nil {
		return nil, err
	}
	return next(ctx)
}

func trimmed(p *string) string { return strings.TrimSpace(deref(p)) }

func trimAll(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func citationsInput(in []*model.CitationInput) []domain.Citation {
	out := make([]domain.Citation, len(in))
	for i, c := range in {
		out[i] = domain.Citation{Source: strings.TrimSpace(c.Source), Quote: strings.TrimSpace(c.Quote)}
	}
	return out
}

func variantsInput(in []*model.VariantInput) []domain.Variant {
	var out []domain.Variant
	for _, v := range in {
		c := citationsInput([]*model.CitationInput{v.Citation})[0]
		out = append(out, domain.Variant{Field: strings.TrimSpace(v.Field), Value: strings.TrimSpace(v.Value), Source: c.Source, Quote: c.Quote})
	}
	return out
}

func moneyInput(m *model.MoneyInput) domain.Money {
	if m == nil {
		return domain.Money{}
	}
	return domain.Money{Amount: m.Amount, Currency: strings.TrimSpace(m.Currency), Text: strings.TrimSpace(m.Text)}
}

func entityInput(in model.EntityInput) domain.Entity {
	return domain.Entity{
		ID: strings.TrimSpace(in.ID), Kind: in.Kind, Name: strings.TrimSpace(in.Name), Aliases: trimAll(in.Aliases),
		Description: trimmed(in.Description), Country: trimmed(in.Country), Category: trimmed(in.Category), Tags: trimAll(in.Tags),
		Date: derefDate(in.Date), StartDate: derefDate(in.StartDate), EndDate: derefDate(in.EndDate),
		Status: trimmed(in.Status), Value: moneyInput(in.Value), Discount: moneyInput(in.Discount), Subject: trimmed(in.Subject),
		Citations: citationsInput(in.Sources), Variants: variantsInput(in.Variants),
	}
}

// attributesInput maps a relationship's attributes; a property named twice
// is a problem the ontology cannot see.
func attributesInput(in model.RelationshipAttributesInput) (domain.Relationship, error) {
	r := domain.Relationship{
		Role: trimmed(in.Role), StartDate: derefDate(in.StartDate), EndDate: derefDate(in.EndDate),
		Amount: moneyInput(in.Amount), Note: trimmed(in.Note),
		Citations: citationsInput(in.Sources), Variants: variantsInput(in.Variants),
	}
	for i, p := range in.Properties {
		name := strings.TrimSpace(p.Name)
		if _, dup := r.Extra[name]; dup {
			return r, domain.Invalid([]domain.Problem{{Field: fmt.Sprintf("properties[%d].name", i), Message: fmt.Sprintf("property %q is given twice", name)}})
		}
		if r.Extra == nil {
			r.Extra = map[string]string{}
		}
		r.Extra[name] = strings.TrimSpace(p.Value)
	}
	return r, nil
}

func relationshipInput(in model.RelationshipInput) (domain.Relationship, error) {
	r, err := attributesInput(model.RelationshipAttributesInput{
		Role: in.Role, StartDate: in.StartDate, EndDate: in.EndDate, Amount: in.Amount, Note: in.Note,
		Properties: in.Properties, Sources: in.Sources, Variants: in.Variants,
	})
	r.Type, r.From, r.To = in.Type, strings.TrimSpace(in.From), strings.TrimSpace(in.To)
	r.ID = domain.RelationshipID(r.Type, r.From, r.To, trimmed(in.Key))
	return r, err
}

func optionalVersion(v *int) *int64 {
	if v == nil {
		return nil
	}
	n := int64(*v)
	return &n
}

// withEnds wraps a relationship a write returned, with its ends.
func withEnds(ctx context.Context, st *store.Store, rel domain.Relationship) (*model.Relationship, error) {
	ends, err := st.ResolveEntities(ctx, []string{rel.From, rel.To})
	if err != nil {
		return nil, err
	}
	return model.NewRelationship(rel, ends), nil
}

func retractionConnection(ctx context.Context, st *store.Store, list []domain.Retraction, page model.Page, total int) (*model.RetractionConnection, error) {
	var ids []string
	for _, x := range list {
		ids = append(ids, x.Relationship.From, x.Relationship.To)
	}
	ends := map[string]domain.Entity{}
	if len(ids) > 0 {
		var err error
		if ends, err = st.ResolveEntities(ctx, ids); err != nil {
			return nil, err
		}
	}
	conn := &model.RetractionConnection{Edges: make([]*model.RetractionEdge, len(list)), TotalCount: total, PageInfo: model.NewPageInfo(page, len(list), total)}
	for i, x := range list {
		conn.Edges[i] = &model.RetractionEdge{Node: model.NewRetraction(x, ends), Cursor: page.Cursor(i)}
	}
	return conn, nil
}
