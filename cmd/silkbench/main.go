// Command silkbench measures the latency of Silkgraph's GraphQL API against
// the same store methods called directly through the Neo4j Go driver ("raw":
// the same Cypher without GraphQL and HTTP). For every operation and
// concurrency level it runs N clients in a closed loop for a fixed duration,
// records every latency and prints p50, p99 and throughput as Markdown.
//
// It only talks to a server on loopback and stops by itself.
//
//	silkbench -url http://127.0.0.1:8080/graphql -dataset seed -concurrency 1,8,32 -duration 10s
//
// The raw side connects with NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and
// NEO4J_DATABASE, as silkgraph does.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rs/zerolog"

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
}

// op is one benchmarked question, asked both ways.
type op struct {
	name  string
	query string
	vars  map[string]any
	raw   func(ctx context.Context, st *store.Store) error
}

func operations(d ids) []op {
	return []op{
		{
			name: "entity",
			query: `query($id: ID!) { entity(id: $id) { id name kind
				relationships(first: 20) { totalCount edges { node { id type startDate from { id name } to { id name } } } } } }`,
			vars: map[string]any{"id": d.Entity},
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
			name:  "search",
			query: `query($q: String!) { search(query: $q, first: 20) { totalCount edges { score node { id name kind } } } }`,
			vars:  map[string]any{"q": d.Search},
			raw: func(ctx context.Context, st *store.Store) error {
				_, _, err := st.Search(ctx, d.Search, nil, store.Page{Limit: 20})
				return err
			},
		},
		{
			name: "neighborhood",
			query: `query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 200) { truncated
				nodes { id name kind } edges { id type from { id } to { id } } } }`,
			vars: map[string]any{"id": d.Neighborhood},
			raw: func(ctx context.Context, st *store.Store) error {
				_, err := st.Neighborhood(ctx, d.Neighborhood, 2, nil, nil, 200)
				return err
			},
		},
		{
			name: "supplyChains",
			query: `query($c: ID!) { supplyChains(country: $c) { totalCount edges { node {
				supplier { id name } manufacturer { id name } agreement { id name } product { name } date } } } }`,
			vars: map[string]any{"c": d.Country},
			raw: func(ctx context.Context, st *store.Store) error {
				_, _, err := st.SupplyChains(ctx, store.SupplyChainFilter{Country: d.Country}, store.Page{Limit: 50})
				return err
			},
		},
		{
			name: "paths",
			query: `query($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxHops: 4) { length
				nodes { id name kind } relationships { id type from { id } to { id } } } }`,
			vars: map[string]any{"a": d.PathFrom, "b": d.PathTo},
			raw: func(ctx context.Context, st *store.Store) error {
				_, err := st.Paths(ctx, d.PathFrom, d.PathTo, 4, nil, 5)
				return err
			},
		},
		{
			name:  "timeline",
			query: `query($id: ID!) { timeline(entity: $id) { date precision kind title } }`,
			vars:  map[string]any{"id": d.Timeline},
			raw: func(ctx context.Context, st *store.Store) error {
				_, err := st.Timeline(ctx, store.TimelineFilter{Entity: d.Timeline, First: 100})
				return err
			},
		},
	}
}

// result is one cell: an operation, a mode and a concurrency level.
type result struct {
	n        int
	errs     int
	p50, p99 time.Duration
	rps      float64
	firstErr error
}

// run calls f from c clients in a closed loop for d and records every
// latency. It stops by itself: no new call starts after d.
func run(ctx context.Context, c int, d time.Duration, f func(context.Context) error) result {
	var (
		mu       sync.Mutex
		all      []time.Duration
		errs     int
		firstErr error
		wg       sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(d)
	for range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat := make([]time.Duration, 0, 4096)
			var e int
			var fe error
			for time.Now().Before(deadline) && ctx.Err() == nil {
				t := time.Now()
				err := call(ctx, f)
				lat = append(lat, time.Since(t))
				if err != nil {
					e++
					if fe == nil {
						fe = err
					}
				}
			}
			mu.Lock()
			all = append(all, lat...)
			errs += e
			if firstErr == nil {
				firstErr = fe
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(all)
	r := result{n: len(all), errs: errs, firstErr: firstErr, rps: float64(len(all)) / elapsed.Seconds()}
	if len(all) > 0 {
		r.p50, r.p99 = quantile(all, 0.50), quantile(all, 0.99)
	}
	return r
}

// call runs f, turning a panic into an error so that one bad call (e.g. a
// data race in the code under test) is counted rather than ending the run.
func call(ctx context.Context, f func(context.Context) error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v", v)
		}
	}()
	return f(ctx)
}

// quantile of sorted latencies, nearest rank.
func quantile(sorted []time.Duration, q float64) time.Duration {
	i := int(q*float64(len(sorted))+0.999999) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

type gqlClient struct {
	http *http.Client
	url  string
}

func (g gqlClient) do(ctx context.Context, query string, vars map[string]any) error {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := g.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d: %.200s", resp.StatusCode, data)
	}
	var out struct {
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(data, &out); err != nil {
		return err
	}
	if len(out.Errors) > 0 {
		return fmt.Errorf("graphql: %s", out.Errors[0].Message)
	}
	return nil
}

func parseLevels(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 1024 {
			return nil, fmt.Errorf("bad concurrency %q", f)
		}
		out = append(out, n)
	}
	return out, nil
}

// loopback refuses any URL whose host is not a loopback address.
func loopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("%s is not a loopback address; silkbench only measures a local server", raw)
}

func env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 2, 64)
}

func main() {
	if err := mainErr(); err != nil {
		fmt.Fprintln(os.Stderr, "silkbench:", err)
		os.Exit(1)
	}
}

func mainErr() error {
	var (
		gqlURL   = flag.String("url", "http://127.0.0.1:8080/graphql", "GraphQL endpoint (loopback only)")
		levels   = flag.String("concurrency", "1,8,32", "comma-separated numbers of concurrent clients")
		duration = flag.Duration("duration", 10*time.Second, "measuring time of each cell")
		warmup   = flag.Duration("warmup", time.Second, "unmeasured time before each operation")
		opsFlag  = flag.String("ops", "", "comma-separated operations (default: all): entity,search,neighborhood,supplyChains,paths,timeline")
		dataset  = flag.String("dataset", "seed", "id set: seed or synthetic")
		modes    = flag.String("modes", "api,raw", "what to measure: api, raw or both")
		d        ids
	)
	flag.StringVar(&d.Entity, "entity", "", "entity id for the entity operation (overrides -dataset)")
	flag.StringVar(&d.Search, "search", "", "search text (overrides -dataset)")
	flag.StringVar(&d.Neighborhood, "neighborhood", "", "entity id for neighborhood (overrides -dataset)")
	flag.StringVar(&d.Country, "country", "", "country id for supplyChains (overrides -dataset)")
	flag.StringVar(&d.PathFrom, "from", "", "paths: from entity id (overrides -dataset)")
	flag.StringVar(&d.PathTo, "to", "", "paths: to entity id (overrides -dataset)")
	flag.StringVar(&d.Timeline, "timeline", "", "entity id for timeline (overrides -dataset)")
	flag.Parse()

	base, ok := datasets[*dataset]
	if !ok {
		return fmt.Errorf("unknown -dataset %q (seed or synthetic)", *dataset)
	}
	for _, p := range []struct{ dst, def *string }{{&d.Entity, &base.Entity}, {&d.Search, &base.Search},
		{&d.Neighborhood, &base.Neighborhood}, {&d.Country, &base.Country}, {&d.PathFrom, &base.PathFrom},
		{&d.PathTo, &base.PathTo}, {&d.Timeline, &base.Timeline}} {
		if *p.dst == "" {
			*p.dst = *p.def
		}
	}
	lv, err := parseLevels(*levels)
	if err != nil {
		return err
	}
	if *duration <= 0 || *duration > 10*time.Minute {
		return errors.New("-duration must be between 0 and 10m")
	}
	doAPI, doRaw := strings.Contains(*modes, "api"), strings.Contains(*modes, "raw")
	if doAPI {
		if err := loopback(*gqlURL); err != nil {
			return err
		}
	}
	all := operations(d)
	var selected []op
	if *opsFlag == "" {
		selected = all
	} else {
		for _, name := range strings.Split(*opsFlag, ",") {
			i := slices.IndexFunc(all, func(o op) bool { return strings.EqualFold(o.name, strings.TrimSpace(name)) })
			if i < 0 {
				return fmt.Errorf("unknown operation %q", name)
			}
			selected = append(selected, all[i])
		}
	}

	ctx := context.Background()
	var st *store.Store
	if doRaw {
		st, err = store.Open(ctx, store.Options{
			URI: env("NEO4J_URI", "bolt://127.0.0.1:7687"), User: env("NEO4J_USER", "neo4j"),
			Password: os.Getenv("NEO4J_PASSWORD"), Database: env("NEO4J_DATABASE", "neo4j"),
			ConnectTimeout: 10 * time.Second, QueryTimeout: 30 * time.Second,
		}, zerolog.Nop())
		if err != nil {
			return err
		}
		defer st.Close(context.Background())
	}
	// One connection per client, kept alive, like a pooled API client.
	tr := &http.Transport{MaxIdleConns: 1024, MaxIdleConnsPerHost: 1024, MaxConnsPerHost: 0, IdleConnTimeout: time.Minute}
	gql := gqlClient{http: &http.Client{Transport: tr, Timeout: 60 * time.Second}, url: *gqlURL}

	fmt.Printf("dataset %s; %s per cell after %s warm-up; ids %+v\n\n", *dataset, *duration, *warmup, d)
	fmt.Println("| operation | clients | API p50 ms | API p99 ms | API req/s | raw p50 ms | raw p99 ms | raw req/s | API p50 / raw p50 | errors |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|")
	for _, o := range selected {
		api := func(ctx context.Context) error { return gql.do(ctx, o.query, o.vars) }
		raw := func(ctx context.Context) error { return o.raw(ctx, st) }
		// Check once that both sides answer (an operation that fails, e.g.
		// times out, gets a row saying so), then warm caches and plans.
		if doAPI {
			if err := call(ctx, api); err != nil {
				fmt.Printf("| %s | - | failed: %.120s | | | | | | | |\n", o.name, err.Error())
				continue
			}
			run(ctx, 1, *warmup, api)
		}
		if doRaw {
			if err := call(ctx, raw); err != nil {
				fmt.Printf("| %s | - | | | | raw failed: %.120s | | | | |\n", o.name, err.Error())
				continue
			}
			run(ctx, 1, *warmup, raw)
		}
		for _, c := range lv {
			var a, r result
			if doAPI {
				a = run(ctx, c, *duration, api)
			}
			if doRaw {
				r = run(ctx, c, *duration, raw)
			}
			ratio := "-"
			if doAPI && doRaw && r.p50 > 0 {
				ratio = fmt.Sprintf("%.2f", float64(a.p50)/float64(r.p50))
			}
			errs := fmt.Sprint(a.errs + r.errs)
			for _, e := range []error{a.firstErr, r.firstErr} {
				if e != nil {
					errs += fmt.Sprintf(" (%.80s)", e.Error())
					break
				}
			}
			fmt.Printf("| %s | %d | %s | %s | %.1f | %s | %s | %.1f | %s | %s |\n", o.name, c,
				ms(a.p50), ms(a.p99), a.rps, ms(r.p50), ms(r.p99), r.rps, ratio, errs)
		}
	}
	return nil
}
