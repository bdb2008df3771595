package graph

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/silkgraph/silkgraph/internal/store"
)

type detailTest struct {
	name, selection string
	fragments       string
	want            store.Detail
}

// The neighborhood asks the store for summaries only when the selection
// reads nothing else, under any fragment or type condition.
func TestSubgraphDetail(t *testing.T) {
	testDetail(t, `neighborhood(id: "x")`, subgraphDetail, []detailTest{
		{"network view", `truncated nodes { id name kind } edges { id type from { id } to { id } }`, "", store.Summary},
		{"typename and country", `nodes { __typename id country { id } } edges { __typename from { name kind } }`, "", store.Summary},
		{"summary field in a type condition", `nodes { ... on Company { name } }`, "", store.Summary},
		{"skipped field", `nodes { id description @skip(if: true) }`, "", store.Summary},
		{"only truncated", `truncated`, "", store.Summary},
		{"node description", `nodes { id description }`, "", store.Everything},
		{"agreement value", `nodes { id ... on Agreement { value { text } } }`, "", store.Everything},
		{"fragment with sources", `nodes { ...F }`, `fragment F on Entity { id sources { quote } }`, store.Everything},
		{"edge end aliases", `edges { from { name aliases } }`, "", store.Everything},
		{"edge date", `edges { id startDate }`, "", store.Everything},
		{"edge sources", `edges { sources { quote } }`, "", store.Everything},
		{"relationships of a node", `nodes { relationships { totalCount } }`, "", store.Everything},
	})
}

// A search reads summaries when its hits are read no further than a search
// box does.
func TestConnectionDetail(t *testing.T) {
	testDetail(t, `search(query: "x")`, connectionDetail, []detailTest{
		{"search box", `totalCount pageInfo { hasNextPage endCursor } edges { cursor score node { __typename id name kind country { name } } }`, "", store.Summary},
		{"summary field in a type condition", `edges { node { ... on Person { name } } }`, "", store.Summary},
		{"only the count", `totalCount`, "", store.Summary},
		{"description", `edges { node { id description } }`, "", store.Everything},
		{"fragment with sources", `edges { node { ...F } }`, `fragment F on Entity { sources { quote } }`, store.Everything},
		{"aliases in a type condition", `edges { ... on EntityEdge { node { ... on Company { aliases } } } }`, "", store.Everything},
		{"relationships of a hit", `edges { node { relationships(first: 1) { totalCount } } }`, "", store.Everything},
	})
}

// testDetail runs each selection of field through the schema and checks
// the detail that detail chooses for it, without asking the store.
func testDetail(t *testing.T, field string, detail func(context.Context) store.Detail, tests []detailTest) {
	name, _, _ := strings.Cut(field, "(")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := store.Detail(-1)
			srv := handler.New(NewExecutableSchema(Config{Resolvers: &Resolver{}}))
			srv.AddTransport(transport.POST{})
			srv.AroundFields(func(ctx context.Context, next graphql.Resolver) (any, error) {
				if graphql.GetFieldContext(ctx).Field.Name == name {
					got = detail(ctx)
					return nil, nil // the store is not asked
				}
				return next(ctx)
			})
			query := `{ ` + field + ` { ` + tt.selection + ` } } ` + tt.fragments
			req := httptest.NewRequest(http.MethodPost, "/", bytes.NewBufferString(`{"query": `+strconv.Quote(query)+`}`))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			if got != tt.want {
				t.Errorf("detail %d, want %d (answer %s)", got, tt.want, rec.Body.String())
			}
		})
	}
}
