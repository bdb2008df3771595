package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/silkgraph/silkgraph/internal/store"
)

// Fields that a store.Summary entity and relationship fill.
var (
	summaryEntityFields       = map[string]bool{"__typename": true, "id": true, "kind": true, "name": true, "country": true}
	summaryRelationshipFields = map[string]bool{"__typename": true, "id": true, "type": true, "from": true, "to": true}
)

// entityTypes are the type conditions an Entity selection may carry: the
// interface and every type implementing it.
var entityTypes = func() []string {
	out := []string{"Entity"}
	for _, d := range parsedSchema.GetPossibleTypes(parsedSchema.Types["Entity"]) {
		out = append(out, d.Name)
	}
	return out
}()

// subgraphDetail is store.Summary when the request reads no more of a
// Subgraph's nodes and edges (and the edges' ends) than summaries hold, so
// that a network view costs a fraction of the full subgraph.
func subgraphDetail(ctx context.Context) store.Detail {
	oc := graphql.GetOperationContext(ctx)
	for _, f := range graphql.CollectFieldsCtx(ctx, []string{"Subgraph"}) {
		switch f.Name {
		case "nodes":
			if !onlySummary(oc, f.Selections) {
				return store.Everything
			}
		case "edges":
			for _, e := range graphql.CollectFields(oc, f.Selections, []string{"Relationship"}) {
				if !summaryRelationshipFields[e.Name] || (e.Name == "from" || e.Name == "to") && !onlySummary(oc, e.Selections) {
					return store.Everything
				}
			}
		}
	}
	return store.Summary
}

// connectionDetail is store.Summary when the request reads no more of an
// EntityConnection's nodes than summaries hold, as a search box or a
// front-end's list of entities does.
func connectionDetail(ctx context.Context) store.Detail {
	oc := graphql.GetOperationContext(ctx)
	for _, f := range graphql.CollectFieldsCtx(ctx, []string{"EntityConnection"}) {
		if f.Name != "edges" {
			continue
		}
		for _, e := range graphql.CollectFields(oc, f.Selections, []string{"EntityEdge"}) {
			if e.Name == "node" && !onlySummary(oc, e.Selections) {
				return store.Everything
			}
		}
	}
	return store.Summary
}

// onlySummary reports whether an entity selection, under any of its type
// conditions, reads only summary fields.
func onlySummary(oc *graphql.OperationContext, sel ast.SelectionSet) bool {
	for _, f := range graphql.CollectFields(oc, sel, entityTypes) {
		if !summaryEntityFields[f.Name] {
			return false
		}
	}
	return true
}

// selects reports whether the request reads field name of the current
// field's value, an object of type typ, however its fragments ask.
func selects(ctx context.Context, typ, name string) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, []string{typ}) {
		if f.Name == name {
			return true
		}
	}
	return false
}
