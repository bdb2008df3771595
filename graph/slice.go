package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// marshalSlice marshals the elements of a list in order, in the caller's
// goroutine (graph/codegen puts it in place of gqlgen's one goroutine per
// element). A panicking element is null with an error, as in gqlgen.
func marshalSlice(ctx context.Context, length int, marshalElement func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	ret := make(graphql.Array, length)
	for i := range ret {
		ret[i] = marshalElementSafely(graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i}), i, marshalElement)
	}
	return ret
}

func marshalElementSafely(ctx context.Context, i int, marshalElement func(ctx context.Context, i int) graphql.Marshaler) (m graphql.Marshaler) {
	defer func() {
		if r := recover(); r != nil {
			graphql.AddError(ctx, graphql.Recover(ctx, r))
			m = graphql.Null
		}
	}()
	return marshalElement(ctx, i)
}
