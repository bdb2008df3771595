package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/rs/zerolog"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/silkgraph/silkgraph/graph/loader"
	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/store"
)

// Options bound what one request may ask for.
type Options struct {
	// MaxComplexity bounds a query's cost; list fields cost their page size.
	MaxComplexity int
	// MaxDepth bounds how deeply selections nest.
	MaxDepth int
	// Timeout bounds one request.
	Timeout time.Duration
	// Introspection allows schema introspection (GraphiQL needs it).
	Introspection bool
}

// DefaultOptions are the limits used unless configured otherwise.
var DefaultOptions = Options{MaxComplexity: 20000, MaxDepth: 12, Timeout: 30 * time.Second, Introspection: true}

// NewHandler returns the GraphQL endpoint.
func NewHandler(st *store.Store, o Options) http.Handler {
	cfg := Config{Resolvers: &Resolver{Store: st}}
	cfg.Directives.HasRole = hasRole
	setComplexity(&cfg.Complexity)
	srv := handler.New(NewExecutableSchema(cfg))
	for _, t := range transports {
		srv.AddTransport(t)
	}
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	if o.Introspection {
		srv.Use(extension.Introspection{})
	} else {
		srv.Use(introspectionOff{})
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	srv.Use(extension.FixedComplexityLimit(o.MaxComplexity))
	srv.Use(depthLimit(o.MaxDepth))
	srv.SetErrorPresenter(presentError)
	srv.SetRecoverFunc(func(ctx context.Context, v any) error {
		zerolog.Ctx(ctx).Error().Interface("panic", v).Msg("resolver panicked")
		return &domain.Error{Code: domain.EINTERNAL, Message: "internal error"}
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead || !slices.ContainsFunc(transports, func(t graphql.Transport) bool { return t.Supports(r) }) {
			refuseTransport(w, r)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), o.Timeout)
		defer cancel()
		srv.ServeHTTP(w, r.WithContext(loader.With(ctx, loader.New(st))))
	})
}

// gqlgen's own codes for malformed requests, reported to clients as
// BAD_USER_INPUT.
var badInputCodes = map[string]bool{
	"GRAPHQL_PARSE_FAILED": true, "GRAPHQL_VALIDATION_FAILED": true, complexityLimitExceeded: true,
	"PERSISTED_QUERY_NOT_FOUND": false,
}

// complexityLimitExceeded is gqlgen's code for a query over MaxComplexity;
// its message gives the numbers, the hint what to change.
const (
	complexityLimitExceeded = "COMPLEXITY_LIMIT_EXCEEDED"
	complexityHint          = ": each list costs its page size (first, limit) times what it selects; ask for smaller pages or nest fewer lists"
)

// presentError gives every error an extensions.code, and a message of at
// most maxMessage characters: messages quote what the request said (an id,
// a body that is not JSON), which may be any length.
func presentError(ctx context.Context, err error) *gqlerror.Error {
	e := codedError(ctx, err)
	if msg := []rune(e.Message); len(msg) > maxMessage {
		e.Message = string(msg[:maxMessage-1]) + "…"
	}
	return e
}

// maxMessage bounds the length of an error message, in characters.
const maxMessage = 500

// codedError gives an error its extensions.code; errors without a domain
// code are internal: logged in full, shown without detail.
func codedError(ctx context.Context, err error) *gqlerror.Error {
	gqlErr := graphql.DefaultErrorPresenter(ctx, err)
	if gqlErr.Extensions == nil {
		gqlErr.Extensions = map[string]any{}
	}
	if code, ok := gqlErr.Extensions["code"].(string); ok {
		if badInputCodes[code] {
			gqlErr.Extensions["code"] = domain.EINVALID
		}
		if code == complexityLimitExceeded {
			gqlErr.Message += complexityHint
		}
		if name, ok := missingOperation(gqlErr.Message); ok {
			gqlErr.Message = fmt.Sprintf("the document has no operation named %q: set operationName to one it defines", name)
			if name == "" {
				gqlErr.Message = "the document defines several operations: set operationName to the one to run"
			}
		}
		return gqlErr
	}
	var de *domain.Error
	var ge *gqlerror.Error
	switch {
	case errors.As(err, &de):
		gqlErr.Message = de.Message
		gqlErr.Extensions["code"] = de.Code
		if len(de.Problems) > 0 {
			problems := make([]map[string]string, len(de.Problems))
			for i, p := range de.Problems {
				problems[i] = map[string]string{"field": p.Field, "message": p.Message}
			}
			gqlErr.Extensions["problems"] = problems
		}
		if de.Code == domain.EINTERNAL || de.Code == domain.EUNAVAILABLE {
			cause := de.Err
			if cause == nil {
				cause = err
			}
			zerolog.Ctx(ctx).Error().Err(cause).Str("code", de.Code).Msg("request failed")
		}
	case errors.As(err, &ge) && ge.Rule != "":
		gqlErr.Extensions["code"] = domain.EINVALID
	case errors.As(err, &ge) && ge.Err == nil && len(ge.Path) == 0:
		// gqlgen refusing the request itself, before any resolver: a body
		// that cannot be read (too large, cut off) or is not JSON, a
		// persisted-query hash that does not match its query.
		gqlErr.Extensions["code"] = domain.EINVALID
	default:
		zerolog.Ctx(ctx).Error().Err(err).Msg("request failed")
		gqlErr.Message = "internal error"
		gqlErr.Extensions["code"] = domain.EINTERNAL
	}
	return gqlErr
}

// missingOperation reads gqlgen's message for an operationName that selects
// no operation of the document ("operation X not found").
func missingOperation(msg string) (name string, ok bool) {
	rest, ok := strings.CutPrefix(msg, "operation ")
	if !ok {
		return "", false
	}
	return strings.CutSuffix(rest, " not found")
}

// introspectionOff refuses schema introspection with BAD_USER_INPUT before
// execution, where gqlgen would fail it without a code. __typename stays.
type introspectionOff struct{}

func (introspectionOff) ExtensionName() string                   { return "IntrospectionOff" }
func (introspectionOff) Validate(graphql.ExecutableSchema) error { return nil }
func (introspectionOff) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	for _, f := range graphql.CollectFields(oc, oc.Operation.SelectionSet, []string{"Query"}) {
		if f.Name == "__schema" || f.Name == "__type" {
			return &gqlerror.Error{Message: "schema introspection is turned off on this server",
				Extensions: map[string]any{"code": domain.EINVALID}}
		}
	}
	return nil
}

// depthLimit rejects operations whose selections nest deeper than max.
func depthLimit(max int) graphql.HandlerExtension { return depthLimiter(max) }

type depthLimiter int

func (depthLimiter) ExtensionName() string                   { return "DepthLimit" }
func (depthLimiter) Validate(graphql.ExecutableSchema) error { return nil }
func (d depthLimiter) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	if depth := selectionDepth(oc.Operation.SelectionSet, oc.Doc.Fragments, 0); depth > int(d) {
		return &gqlerror.Error{Message: fmt.Sprintf("query is nested %d levels deep; the limit is %d", depth, int(d)),
			Extensions: map[string]any{"code": domain.EINVALID}}
	}
	return nil
}

func selectionDepth(set ast.SelectionSet, frags ast.FragmentDefinitionList, depth int) int {
	if depth > 100 { // fragment cycles are rejected by validation; this only bounds the walk
		return depth
	}
	deepest := depth
	for _, sel := range set {
		var d int
		switch s := sel.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") {
				continue // introspection nests type references deeply; its size is fixed
			}
			if len(s.SelectionSet) == 0 {
				d = depth + 1
			} else {
				d = selectionDepth(s.SelectionSet, frags, depth+1)
			}
		case *ast.InlineFragment:
			d = selectionDepth(s.SelectionSet, frags, depth)
		case *ast.FragmentSpread:
			if f := frags.ForName(s.Name); f != nil {
				d = selectionDepth(f.SelectionSet, frags, depth)
			}
		}
		deepest = max(deepest, d)
	}
	return deepest
}
