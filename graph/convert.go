package graph

import (
	"fmt"
	"strings"

	"github.com/silkgraph/silkgraph/graph/model"
	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/store"
)

// Mapping of store results to GraphQL types.

func entityConnection(ents []domain.Entity, scores []float64, page model.Page, total int) *model.EntityConnection {
	conn := &model.EntityConnection{Edges: make([]*model.EntityEdge, len(ents)), TotalCount: total, PageInfo: model.NewPageInfo(page, len(ents), total)}
	nodes := model.NewEntities(ents)
	for i := range ents {
		edge := &model.EntityEdge{Node: nodes[i], Cursor: page.Cursor(i)}
		if scores != nil {
			edge.Score = &scores[i]
		}
		conn.Edges[i] = edge
	}
	return conn
}

func searchMatch(m store.Match) *model.SearchMatch {
	match := model.SearchMatchAllWords
	if m == store.AnyWord {
		match = model.SearchMatchAnyWord
	}
	return &match
}

func relationshipConnection(links []store.Linked, page model.Page, total int) *model.RelationshipConnection {
	conn := &model.RelationshipConnection{Edges: make([]*model.RelationshipEdge, len(links)), TotalCount: total, PageInfo: model.NewPageInfo(page, len(links), total)}
	for i, l := range links {
		node := model.NewRelationships([]domain.Relationship{l.Relationship}, model.NewEntities([]domain.Entity{l.From, l.To}))[0]
		conn.Edges[i] = &model.RelationshipEdge{Node: node, Cursor: page.Cursor(i)}
	}
	return conn
}

func first[T any](list []T) T {
	var zero T
	if len(list) == 0 {
		return zero
	}
	return list[0]
}

func supplyChain(c store.SupplyChain) *model.SupplyChain {
	sc := &model.SupplyChain{
		Supplier: model.NewEntity(c.Supplier), Agreement: model.NewEntity(c.Agreement),
		Manufacturers: model.NewEntities(c.Manufacturers), Intermediaries: model.NewEntities(c.Intermediaries),
		Financiers: model.NewEntities(c.Financiers), Products: model.NewEntities(c.Products),
		Sources: model.NewCitations(c.Citations),
	}
	sc.Manufacturer, sc.Product = first(sc.Manufacturers), first(sc.Products)
	if c.Buyer != nil {
		sc.Buyer = model.NewEntity(*c.Buyer)
	}
	if s := c.Agreement.Subject; s != "" {
		sc.Subject = &s
	}
	if v := c.Agreement.Value; !v.IsZero() {
		sc.Value = &v
	}
	if d := dealDate(c.Agreement); !d.IsZero() {
		sc.Date = &d
	}
	return sc
}

func dealDate(e domain.Entity) domain.Date {
	if e.Date.IsZero() {
		return e.StartDate
	}
	return e.Date
}

var timelineKinds = map[domain.Kind]model.TimelineEventKind{
	domain.KindAgreement:  model.TimelineEventKindAgreement,
	domain.KindProject:    model.TimelineEventKindProject,
	domain.KindInitiative: model.TimelineEventKindInitiative,
	domain.KindEvent:      model.TimelineEventKindEvent,
}

func timelineEvent(t store.TimelineEntry) *model.TimelineEvent {
	ev := &model.TimelineEvent{Date: t.Date, Precision: model.DatePrecision(t.Date.Precision())}
	if e := t.Entity; e != nil {
		ev.Kind = timelineKinds[e.Kind]
		ev.Entity = model.NewEntity(*e)
		ev.Title = e.Name
		if e.Category != "" {
			ev.Title += " (" + e.Category + ")"
		}
		ev.Sources = model.NewCitations(e.Citations)
		return ev
	}
	r := t.Relationship
	ev.Kind = model.TimelineEventKindRelationship
	ev.Relationship = model.NewRelationships([]domain.Relationship{*r}, model.NewEntities(t.Ends))[0]
	verb := strings.ToLower(strings.ReplaceAll(string(r.Type), "_", " "))
	ev.Title = fmt.Sprintf("%s %s %s", t.Ends[0].Name, verb, t.Ends[1].Name)
	if r.Role != "" {
		ev.Title += " (" + r.Role + ")"
	}
	ev.Sources = model.NewCitations(r.Citations)
	return ev
}

func total(t store.Total) *model.Total {
	out := &model.Total{Currency: t.Currency, Amount: t.Amount, Count: len(t.Agreements), Agreements: model.NewEntities(t.Agreements)}
	if t.Key != "" {
		out.Key = &t.Key
	}
	if t.Entity != nil {
		out.Entity = model.NewEntity(*t.Entity)
	}
	return out
}

func ontology() *model.Ontology {
	o := &model.Ontology{}
	for _, k := range domain.Kinds {
		o.Kinds = append(o.Kinds, &model.KindInfo{Kind: k.Kind, Description: k.Description, Categories: append([]string{}, k.Categories...)})
	}
	for _, t := range domain.RelTypes {
		o.RelationshipTypes = append(o.RelationshipTypes, &model.RelationshipTypeInfo{
			Type: t.Type, Description: t.Description, FromKinds: t.From, ToKinds: t.To, Properties: append([]string{}, t.Extra...),
		})
	}
	return o
}

func entityFilter(f *model.EntityFilter) store.EntityFilter {
	if f == nil {
		return store.EntityFilter{}
	}
	out := store.EntityFilter{Kinds: f.Kinds, Countries: f.Countries, Tags: f.Tags, Categories: f.Categories}
	if h := f.HasRelationship; h != nil {
		cond := &store.RelCondition{Types: h.Types, Direction: store.Both, OtherKinds: h.OtherKinds, OtherCounts: h.OtherCountries, OtherIDs: h.OtherIds}
		if h.Direction != nil {
			cond.Direction = store.Direction(*h.Direction)
		}
		cond.ThroughAgreement = h.ThroughAgreement != nil && *h.ThroughAgreement
		out.Has = cond
	}
	return out
}

func entityOrder(o *model.EntityOrder) store.EntityOrder {
	if o == nil {
		return store.EntityOrder{Field: store.OrderName}
	}
	field := map[model.EntityOrderField]store.OrderField{
		model.EntityOrderFieldName: store.OrderName, model.EntityOrderFieldID: store.OrderID, model.EntityOrderFieldKind: store.OrderKind,
	}[o.Field]
	return store.EntityOrder{Field: field, Desc: o.Direction != nil && *o.Direction == model.OrderDirectionDesc}
}

func agreementFilter(f *model.AgreementFilter) store.AgreementFilter {
	out := store.AgreementFilter{IncludeProjects: true}
	if f == nil {
		return out
	}
	out.Categories = f.Categories
	if f.IncludeProjects != nil {
		out.IncludeProjects = *f.IncludeProjects
	}
	out.Supplier, out.Buyer, out.Financier, out.Country, out.Currency = deref(f.Supplier), deref(f.Buyer), deref(f.Financier), deref(f.Country), deref(f.Currency)
	out.From, out.To = derefDate(f.From), derefDate(f.To)
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func derefDate(d *domain.Date) domain.Date {
	if d == nil {
		return domain.Date{}
	}
	return *d
}

func intOr(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}
