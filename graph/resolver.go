// Package graph is the GraphQL layer: gqlgen's generated executor and the
// resolvers, which stay thin: they check arguments, call the store or a
// loader, and wrap the results in model types.
package graph

import "github.com/silkgraph/silkgraph/internal/store"

// Resolver is the root resolver; it holds the process's dependencies.
type Resolver struct {
	Store *store.Store
}
