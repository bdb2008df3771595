package main

import (
	"context"
	"fmt"

	"github.com/silkgraph/silkgraph/internal/store"
)

// ids are the entities the operations ask about; they must exist.
type ids struct {
	Entity, Search, Neighborhood, Country, PathFrom, PathTo, Timeline string
}

var datasets = map[string]ids{
	"seed": {Entity: "huawei", Search: "huawei", Neighborhood: "hytera", Country: "serbia",
		PathFrom: "huawei", PathTo: "belgrade", Timeline: "huawei"},
	"synthetic": {Entity: "company-0", Search: "company 1234", Neighborhood: "company-1234", Country: "state-0",
		PathFrom: "company-1234", PathTo: "state-0", Timeline: "agreement-5"},
	// scaled ids exist in every synthetic graph from 1,000 entities up, so
	// that graphs of 10k to 1M relationships answer the same questions:
	// company-0 and state-0 are the biggest hubs of their kinds.
	"scaled": {Entity: "company-0", Search: "company 123", Neighborhood: "company-123", Country: "state-0",
		PathFrom: "company-123", PathTo: "agreement-5", Timeline: "agreement-5"},
}

// request is one GraphQL request.
type request struct {
	query string
	vars  map[string]any
}

// op is one benchmarked question, asked up to three ways: to our GraphQL
// API (api), to the Neo4j GraphQL Library serving the same database (lib;
// its type definitions are typeDefs), and through the store methods our
// resolvers call, without GraphQL and HTTP (raw).
type op struct {
	name string
	api  request
	lib  request // no query: the library is not asked
	raw  func(ctx context.Context, st *store.Store) error
}

func operations(d ids) ([]op, error) {
	// The library passes its search phrase to the full-text index as is;
	// it gets the Lucene query our API runs first for the same words (all
	// words required), which finds hits for every dataset's search, so our
	// API never falls back to its any-word query here.
	phrase, err := store.LuceneQuery(d.Search, store.AllWords)
	if err != nil {
		return nil, err
	}
	return []op{
		{
			name: "entity",
			api: request{`query($id: ID!) { entity(id: $id) { id name kind
				relationships(first: 20) { totalCount edges { node { id type startDate from { id name } to { id name } } } } } }`,
				map[string]any{"id": d.Entity}},
			lib: request{`query($id: ID!) { entities(where: {id: {eq: $id}}) { id name kind
				relationshipCount relationships(first: 20) { id type startDate from { id name } to { id name } } } }`,
				map[string]any{"id": d.Entity}},
			raw: func(ctx context.Context, st *store.Store) error {
				found, err := st.EntitiesByID(ctx, []string{d.Entity})
				if err != nil {
					return err
				}
				if _, ok := found[d.Entity]; !ok {
					return fmt.Errorf("no entity %q", d.Entity)
				}
				_, err = st.RelationshipsOf(ctx, []string{d.Entity}, store.RelQuery{Direction: store.Both, Page: store.Page{Limit: 20}})
				return err
			},
		},
		{
			name: "search",
			api: request{`query($q: String!) { search(query: $q, first: 20) { totalCount edges { score node { id name kind } } } }`,
				map[string]any{"q": d.Search}},
			lib: request{`query($q: String!) { searchEntities(phrase: $q, first: 20) { totalCount edges { score node { id name kind } } } }`,
				map[string]any{"q": phrase}},
			raw: func(ctx context.Context, st *store.Store) error {
				_, err := st.Search(ctx, store.SearchQuery{Text: d.Search, Page: store.Page{Limit: 20}, Counted: true, Detail: store.Summary})
				return err
			},
		},
		{
			name: "neighborhood",
			api: request{`query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 200) { truncated
				nodes { id name kind } edges { id type from { id } to { id } } } }`,
				map[string]any{"id": d.Neighborhood}},
			lib: request{`query($id: ID!) { neighborhood(id: $id, limit: 200) { truncated
				nodes { id name kind } edges { id type from { id } to { id } } } }`,
				map[string]any{"id": d.Neighborhood}},
			raw: func(ctx context.Context, st *store.Store) error {
				_, err := st.Neighborhood(ctx, store.NeighborhoodQuery{ID: d.Neighborhood, Depth: 2, Limit: 200, Detail: store.Summary})
				return err
			},
		},
		{
			// The library answers with its generated queries: agreements
			// (anything with a supplier) bought in the country or by its
			// entities, one row per agreement with its suppliers and buyers;
			// our API has one row per supplier and buyer.
			name: "supplyChains",
			api: request{`query($c: ID!) { supplyChains(country: $c) { totalCount edges { node {
				supplier { id name } buyer { id name } manufacturer { id name } agreement { id name } product { name } date } } } }`,
				map[string]any{"c": d.Country}},
			lib: request{`query($c: String!, $id: ID!) { entitiesConnection(first: 50, sort: [{date: ASC}], where: {
				supplierOfIn: {some: {}},
				OR: [{country: {eq: $c}}, {buyerOfIn: {some: {OR: [{country: {eq: $c}}, {id: {eq: $id}}]}}}]}) {
				totalCount edges { node { id name date
					supplierOfIn { id name } buyerOfIn { id name } coversOut { name makesIn { id name } } } } } }`,
				map[string]any{"c": d.Country, "id": d.Country}},
			raw: func(ctx context.Context, st *store.Store) error {
				_, _, err := st.SupplyChains(ctx, store.SupplyChainFilter{Country: d.Country}, store.Page{Limit: 50})
				return err
			},
		},
		{
			name: "paths",
			api: request{`query($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxHops: 4) { length
				nodes { id name kind } relationships { id type from { id } to { id } } } }`,
				map[string]any{"a": d.PathFrom, "b": d.PathTo}},
			lib: request{`query($a: ID!, $b: ID!) { paths(from: $a, to: $b) { length
				nodes { id name kind } relationships { id type from { id } to { id } } } }`,
				map[string]any{"a": d.PathFrom, "b": d.PathTo}},
			raw: func(ctx context.Context, st *store.Store) error {
				_, err := st.Paths(ctx, d.PathFrom, d.PathTo, 4, nil, 5)
				return err
			},
		},
		{
			name: "timeline",
			api: request{`query($id: ID!) { timeline(entity: $id) { date precision kind title } }`,
				map[string]any{"id": d.Timeline}},
			raw: func(ctx context.Context, st *store.Store) error {
				_, err := st.Timeline(ctx, store.TimelineFilter{Entity: d.Timeline, First: 100})
				return err
			},
		},
	}, nil
}
