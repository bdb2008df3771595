package graph

import (
	"time"

	"github.com/silkgraph/silkgraph/graph/model"
	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/store"
)

// setComplexity makes list fields cost what they may return: a page of n
// items costs n times its selection, so a query's worst case is bounded
// before it runs. A size above its field's cap costs the cap: the resolver
// refuses it before any statement, with a message naming the cap, which
// says more than the query's complexity would.
func setComplexity(c *ComplexityRoot) {
	size := func(n *int, def, maxSize int) int { return min(intOr(n, def), maxSize) }
	page := func(child int, first *int, def, maxSize int) int { return 1 + child*size(first, def, maxSize) }
	conn := func(child int, first *int, def int) int { return page(child, first, def, model.MaxPageSize) }
	rels := func(child int, _ *model.Direction, _ []domain.RelType, first *int, _ *string) int {
		return conn(child, first, 50)
	}
	for _, f := range []*func(int, *model.Direction, []domain.RelType, *int, *string) int{
		&c.State.Relationships, &c.Place.Relationships, &c.GovernmentBody.Relationships, &c.Company.Relationships,
		&c.FinancialInstitution.Relationships, &c.Organization.Relationships, &c.Person.Relationships,
		&c.Agreement.Relationships, &c.Project.Relationships, &c.Initiative.Relationships, &c.Product.Relationships,
		&c.Event.Relationships,
	} {
		*f = rels
	}
	c.Query.Search = func(child int, _ string, _ []domain.Kind, first *int, _ *string) int { return conn(child, first, 20) }
	c.Query.Entities = func(child int, _ *model.EntityFilter, _ *model.EntityOrder, first *int, _ *string) int {
		return conn(child, first, 50)
	}
	c.Query.Paths = func(child int, _, _ string, maxHops *int, _ []domain.RelType, first *int) int {
		return 1 + child*size(first, 5, store.MaxPaths)*size(maxHops, 4, store.MaxHops)
	}
	c.Query.Neighborhood = func(child int, _ string, _ *int, _ []domain.RelType, _ []domain.Kind, limit *int) int {
		return page(child, limit, 200, store.MaxNeighborhood)
	}
	c.Query.SupplyChains = func(child int, _, _, _, _ *string, _, _ *domain.Date, first *int, _ *string) int {
		return conn(child, first, 50)
	}
	c.Query.Timeline = func(child int, _, _ *string, _, _ *domain.Date, first *int) int {
		return page(child, first, 100, store.MaxTimeline)
	}
	c.Query.Changes = func(child int, _ *string, _ *time.Time, first *int, _ *string) int { return conn(child, first, 50) }
	c.Query.Retractions = func(child int, _ string, first *int, _ *string) int { return conn(child, first, 50) }
	c.Source.Entities = func(child int, first *int, _ *string) int { return conn(child, first, 100) }
	c.Source.Relationships = func(child int, first *int, _ *string) int { return conn(child, first, 100) }
}
