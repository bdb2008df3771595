package graph

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

func TestMarshalSlice(t *testing.T) {
	tests := []struct {
		name       string
		panicAt    int // -1: none
		want       string
		wantErrors int
	}{
		{"in order, each with its index", -1, `["0","1","2"]`, 0},
		{"a panicking element is null with an error", 1, `["0",null,"2"]`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter,
				func(_ context.Context, v any) error { return fmt.Errorf("panic: %v", v) })
			ret := marshalSlice(ctx, 3, func(ctx context.Context, i int) graphql.Marshaler {
				if i == tt.panicAt {
					panic("boom")
				}
				return graphql.MarshalString(string(rune('0' + *graphql.GetFieldContext(ctx).Index)))
			})
			var b bytes.Buffer
			ret.MarshalGQL(&b)
			if got := b.String(); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			if n := len(graphql.GetErrors(ctx)); n != tt.wantErrors {
				t.Errorf("%d errors, want %d", n, tt.wantErrors)
			}
		})
	}
}
