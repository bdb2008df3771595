// Command silkbench measures the latency of Silkgraph's GraphQL API against
// the same store methods called directly through the Neo4j Go driver ("raw":
// the same Cypher without GraphQL and HTTP), against the HTTP floor
// ("floor", see floor.go: the raw call behind a bare HTTP handler) and, when
// given its URL, against the Neo4j GraphQL Library serving the same database
// ("lib", bench/neo4j-graphql). For every operation and concurrency level it
// runs N clients in a closed loop for a fixed duration, records every
// latency and prints p50, p99 and throughput as Markdown.
//
// It only talks to servers on loopback and stops by itself.
//
//	silkbench -url http://127.0.0.1:8080/graphql -dataset seed -concurrency 1,8,32 -duration 10s
//	silkbench -modes api,lib,raw -lib-url http://127.0.0.1:4000/ -api-pid 123 -lib-pid 456 -dataset scaled
//	silkbench -serve-floor 127.0.0.1:8092 -dataset seed &   # then:
//	silkbench -modes api,floor,raw -floor-url http://127.0.0.1:8092 -dataset seed
//	silkbench -typedefs   # prints the library's type definitions
//
// The raw side and the floor connect with NEO4J_URI, NEO4J_USER,
// NEO4J_PASSWORD and NEO4J_DATABASE, as silkgraph does.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/silkgraph/silkgraph/internal/store"
)

// side is one way of asking the operations.
type side struct {
	name string // column prefix: API, lib, floor or raw
	pid  int    // the server whose memory is sampled; 0: none
	// ask returns the call that asks o this way, nil if o is not asked so.
	ask func(o op) func(context.Context) error
	// size is the answer's size in bytes, seen at the first call.
	size func(ctx context.Context, o op) (int, error)
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

func env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 2, 64)
}

func ratio(a, b float64) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", a/b)
}

func main() {
	if err := mainErr(); err != nil {
		fmt.Fprintln(os.Stderr, "silkbench:", err)
		os.Exit(1)
	}
}

func mainErr() error {
	var (
		gqlURL   = flag.String("url", "http://127.0.0.1:8080/graphql", "our GraphQL endpoint (loopback only)")
		libURL   = flag.String("lib-url", "http://127.0.0.1:4000/", "the Neo4j GraphQL Library's endpoint (loopback only)")
		floorURL = flag.String("floor-url", "http://127.0.0.1:8092", "the HTTP floor's address (loopback only), served by silkbench -serve-floor")
		floorAt  = flag.String("serve-floor", "", "serve the HTTP floor on this loopback address (e.g. 127.0.0.1:8092) for -url's answers, instead of measuring")
		apiPid   = flag.Int("api-pid", 0, "pid of our server, to sample its memory (VmRSS)")
		libPid   = flag.Int("lib-pid", 0, "pid of the library's server, to sample its memory (VmRSS)")
		levels   = flag.String("concurrency", "1,8,32", "comma-separated numbers of concurrent clients")
		duration = flag.Duration("duration", 10*time.Second, "measuring time of each cell")
		warmup   = flag.Duration("warmup", time.Second, "unmeasured time before each operation")
		rounds   = flag.Int("rounds", 1, "runs of each cell, the sides taking turns; each figure is the median of the runs")
		opsFlag  = flag.String("ops", "", "comma-separated operations (default: all): entity,search,neighborhood,supplyChains,paths,timeline")
		dataset  = flag.String("dataset", "seed", "id set: seed, synthetic or scaled")
		modes    = flag.String("modes", "api,raw", "what to measure, comma-separated: api (our API), lib (the library), floor (the HTTP floor), raw")
		printTD  = flag.Bool("typedefs", false, "print the Neo4j GraphQL Library's type definitions and exit")
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
	if *printTD {
		fmt.Print(typeDefs())
		return nil
	}

	base, ok := datasets[*dataset]
	if !ok {
		return fmt.Errorf("unknown -dataset %q (seed, synthetic or scaled)", *dataset)
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
	if *rounds < 1 || *rounds > 20 {
		return errors.New("-rounds must be between 1 and 20")
	}
	all, err := operations(d)
	if err != nil {
		return err
	}
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
	// One connection per client, kept alive, like a pooled API client.
	tr := &http.Transport{MaxIdleConns: 1024, MaxIdleConnsPerHost: 1024, MaxConnsPerHost: 0, IdleConnTimeout: time.Minute}
	httpClient := &http.Client{Transport: tr, Timeout: 60 * time.Second}
	if *floorAt != "" {
		if err := loopback(*gqlURL); err != nil {
			return err
		}
		st, err := openStore(ctx)
		if err != nil {
			return err
		}
		defer st.Close(context.Background())
		return serveFloor(*floorAt, selected, st, gqlClient{http: httpClient, url: *gqlURL})
	}
	// overHTTP asks each operation's request of the endpoint url(o).
	overHTTP := func(name, base string, pid int, url func(op) string, req func(op) request) (side, error) {
		if err := loopback(base); err != nil {
			return side{}, err
		}
		client := func(o op) gqlClient { return gqlClient{http: httpClient, url: url(o)} }
		return side{
			name: name, pid: pid,
			ask: func(o op) func(context.Context) error {
				r, c := req(o), client(o)
				if r.query == "" {
					return nil
				}
				return func(ctx context.Context) error { _, err := c.do(ctx, r); return err }
			},
			size: func(ctx context.Context, o op) (int, error) { return client(o).do(ctx, req(o)) },
		}, nil
	}
	at := func(url string) func(op) string { return func(op) string { return url } }
	var sides []side
	for _, m := range strings.Split(*modes, ",") {
		var s side
		switch strings.TrimSpace(m) {
		case "api":
			s, err = overHTTP("API", *gqlURL, *apiPid, at(*gqlURL), func(o op) request { return o.api })
		case "lib":
			s, err = overHTTP("lib", *libURL, *libPid, at(*libURL), func(o op) request { return o.lib })
		case "floor":
			base := strings.TrimSuffix(*floorURL, "/")
			s, err = overHTTP("floor", base, 0, func(o op) string { return base + floorPath(o) }, func(o op) request { return o.api })
		case "raw":
			st, openErr := openStore(ctx)
			if openErr != nil {
				return openErr
			}
			defer st.Close(context.Background())
			s = side{name: "raw", ask: func(o op) func(context.Context) error {
				return func(ctx context.Context) error { return o.raw(ctx, st) }
			}}
		default:
			return fmt.Errorf("unknown mode %q (api, lib, floor or raw)", m)
		}
		if err != nil {
			return err
		}
		sides = append(sides, s)
	}
	title := fmt.Sprintf("dataset %s; %s per cell after %s warm-up; ids %+v", *dataset, *duration, *warmup, d)
	if *rounds > 1 {
		title = fmt.Sprintf("dataset %s; each cell the median of %d runs of %s, the sides taking turns, after %s warm-up; ids %+v",
			*dataset, *rounds, *duration, *warmup, d)
	}
	return measure(ctx, sides, selected, lv, cell{*duration, *rounds}, *warmup, title)
}

// openStore connects as silkgraph does, with its environment variables.
func openStore(ctx context.Context) (*store.Store, error) {
	return store.Open(ctx, store.Options{
		URI: env("NEO4J_URI", "bolt://127.0.0.1:7687"), User: env("NEO4J_USER", "neo4j"),
		Password: os.Getenv("NEO4J_PASSWORD"), Database: env("NEO4J_DATABASE", "neo4j"),
		ConnectTimeout: 10 * time.Second, QueryTimeout: 30 * time.Second,
	}, zerolog.Nop())
}

// cell is how each side is measured at one level: rounds runs of duration.
type cell struct {
	duration time.Duration
	rounds   int
}

// measure runs every operation on every side at every level, one cell at a
// time, and prints the Markdown tables. Within a cell the sides take turns,
// round after round, so that a slow spell of the machine falls on all of
// them rather than on one.
func measure(ctx context.Context, sides []side, ops []op, levels []int, cl cell, warmup time.Duration, title string) error {
	t := newTable(sides)
	fmt.Printf("%s\n\n%s", title, t.header())
	sizes := map[string][]string{}
	for _, o := range ops {
		calls := make([]func(context.Context) error, len(sides))
		for i, s := range sides {
			f := s.ask(o)
			if f == nil {
				continue
			}
			// Check once that the side answers (one that fails, e.g. times
			// out, gets a row saying so), then warm caches and plans.
			if s.size != nil {
				n, err := s.size(ctx, o)
				if err != nil {
					fmt.Printf("| %s | - | %s failed: %.160s |\n", o.name, s.name, err.Error())
					continue
				}
				sizes[o.name] = append(sizes[o.name], fmt.Sprintf("%s %d", s.name, n))
			} else if err := call(ctx, f); err != nil {
				fmt.Printf("| %s | - | %s failed: %.160s |\n", o.name, s.name, err.Error())
				continue
			}
			run(ctx, 1, warmup, f)
			calls[i] = f
		}
		if !slices.ContainsFunc(calls, func(f func(context.Context) error) bool { return f != nil }) {
			continue
		}
		for _, c := range levels {
			runs := make([][]result, len(sides))
			for range cl.rounds {
				for i, f := range calls {
					if f == nil {
						continue
					}
					stop := sampleRSS(sides[i].pid)
					r := run(ctx, c, cl.duration, f)
					r.rssKB = stop()
					runs[i] = append(runs[i], r)
				}
			}
			results := make([]*result, len(sides))
			for i, rs := range runs {
				if len(rs) > 0 {
					m := median(rs)
					results[i] = &m
				}
			}
			fmt.Print(t.row(o.name, c, results))
		}
	}
	if len(sizes) > 0 {
		fmt.Println("\nAnswer sizes (bytes of the first answer of each side):")
		for _, o := range ops {
			if len(sizes[o.name]) > 0 {
				fmt.Printf("- %s: %s\n", o.name, strings.Join(sizes[o.name], ", "))
			}
		}
	}
	for _, s := range sides {
		if s.pid == 0 {
			continue
		}
		if hwm, err := procStatus(s.pid, "VmHWM"); err == nil {
			fmt.Printf("\n%s server peak RSS over the whole run (VmHWM): %.1f MB\n", s.name, float64(hwm)/1024)
		}
	}
	return nil
}

// table lays out one row per operation and level: each side's p50, p99 and
// throughput, the ratios between sides, and the sampled memory of each
// server.
type table struct {
	sides []side
	index map[string]int // of each side measured, by name
}

// comparisons are the ratio columns, each shown when both its sides are
// measured: ours against the library, what our GraphQL layer adds to the
// HTTP floor, what the floor's second process adds to raw, and in all
// what the API adds to raw.
var comparisons = []struct {
	col, a, b string
	of        func(r *result) float64
}{
	{"API/lib req/s", "API", "lib", func(r *result) float64 { return r.rps }},
	{"API/lib p99", "API", "lib", func(r *result) float64 { return float64(r.p99) }},
	{"API/floor p50", "API", "floor", func(r *result) float64 { return float64(r.p50) }},
	{"floor/raw p50", "floor", "raw", func(r *result) float64 { return float64(r.p50) }},
	{"API/raw p50", "API", "raw", func(r *result) float64 { return float64(r.p50) }},
}

func newTable(sides []side) table {
	t := table{sides: sides, index: map[string]int{}}
	for i, s := range sides {
		t.index[s.name] = i
	}
	return t
}

// compared reports whether both sides of a comparison are measured.
func (t table) compared(a, b string) bool {
	_, okA := t.index[a]
	_, okB := t.index[b]
	return okA && okB
}

func (t table) header() string {
	cols := []string{"operation", "clients"}
	for _, s := range t.sides {
		cols = append(cols, s.name+" p50 ms", s.name+" p99 ms", s.name+" req/s")
	}
	for _, c := range comparisons {
		if t.compared(c.a, c.b) {
			cols = append(cols, c.col)
		}
	}
	for _, s := range t.sides {
		if s.pid != 0 {
			cols = append(cols, s.name+" RSS MB")
		}
	}
	cols = append(cols, "errors")
	return fmt.Sprintf("| %s |\n|%s\n", strings.Join(cols, " | "), strings.Repeat("---|", len(cols)))
}

// row formats one level of an operation; results[i] is nil for a side
// that was not measured.
func (t table) row(name string, clients int, results []*result) string {
	cells := []string{name, strconv.Itoa(clients)}
	for _, r := range results {
		if r == nil {
			cells = append(cells, "-", "-", "-")
			continue
		}
		if r.n == 0 { // every call failed: no latency to give
			cells = append(cells, "-", "-", "0.0")
			continue
		}
		cells = append(cells, ms(r.p50), ms(r.p99), fmt.Sprintf("%.1f", r.rps))
	}
	for _, c := range comparisons {
		if !t.compared(c.a, c.b) {
			continue
		}
		a, b := results[t.index[c.a]], results[t.index[c.b]]
		if a == nil || b == nil {
			cells = append(cells, "-")
			continue
		}
		cells = append(cells, ratio(c.of(a), c.of(b)))
	}
	for i, s := range t.sides {
		if s.pid == 0 {
			continue
		}
		if r := results[i]; r != nil && r.rssKB > 0 {
			cells = append(cells, fmt.Sprintf("%.1f", float64(r.rssKB)/1024))
		} else {
			cells = append(cells, "-")
		}
	}
	errs, first := 0, error(nil)
	for _, r := range results {
		if r != nil {
			errs += r.errs
			if first == nil {
				first = r.firstErr
			}
		}
	}
	e := strconv.Itoa(errs)
	if first != nil {
		e += fmt.Sprintf(" (%.80s)", first.Error())
	}
	return fmt.Sprintf("| %s |\n", strings.Join(append(cells, e), " | "))
}
