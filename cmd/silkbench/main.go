// Command silkbench measures the latency of Silkgraph's GraphQL API against
// the same store methods called directly through the Neo4j Go driver ("raw":
// the same Cypher without GraphQL and HTTP) and, when given its URL, against
// the Neo4j GraphQL Library serving the same database ("lib",
// bench/neo4j-graphql). For every operation and concurrency level it runs N
// clients in a closed loop for a fixed duration, records every latency and
// prints p50, p99 and throughput as Markdown.
//
// It only talks to servers on loopback and stops by itself.
//
//	silkbench -url http://127.0.0.1:8080/graphql -dataset seed -concurrency 1,8,32 -duration 10s
//	silkbench -modes api,lib,raw -lib-url http://127.0.0.1:4000/ -api-pid 123 -lib-pid 456 -dataset scaled
//	silkbench -typedefs   # prints the library's type definitions
//
// The raw side connects with NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and
// NEO4J_DATABASE, as silkgraph does.
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
	name string // column prefix: API, lib or raw
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
		apiPid   = flag.Int("api-pid", 0, "pid of our server, to sample its memory (VmRSS)")
		libPid   = flag.Int("lib-pid", 0, "pid of the library's server, to sample its memory (VmRSS)")
		levels   = flag.String("concurrency", "1,8,32", "comma-separated numbers of concurrent clients")
		duration = flag.Duration("duration", 10*time.Second, "measuring time of each cell")
		warmup   = flag.Duration("warmup", time.Second, "unmeasured time before each operation")
		rounds   = flag.Int("rounds", 1, "runs of each cell, the sides taking turns; each figure is the median of the runs")
		opsFlag  = flag.String("ops", "", "comma-separated operations (default: all): entity,search,neighborhood,supplyChains,paths,timeline")
		dataset  = flag.String("dataset", "seed", "id set: seed, synthetic or scaled")
		modes    = flag.String("modes", "api,raw", "what to measure, comma-separated: api (our API), lib (the library), raw")
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
	graphQL := func(name, url string, pid int, req func(op) request) (side, error) {
		if err := loopback(url); err != nil {
			return side{}, err
		}
		c := gqlClient{http: httpClient, url: url}
		return side{
			name: name, pid: pid,
			ask: func(o op) func(context.Context) error {
				r := req(o)
				if r.query == "" {
					return nil
				}
				return func(ctx context.Context) error { _, err := c.do(ctx, r); return err }
			},
			size: func(ctx context.Context, o op) (int, error) { return c.do(ctx, req(o)) },
		}, nil
	}
	var sides []side
	for _, m := range strings.Split(*modes, ",") {
		var s side
		switch strings.TrimSpace(m) {
		case "api":
			s, err = graphQL("API", *gqlURL, *apiPid, func(o op) request { return o.api })
		case "lib":
			s, err = graphQL("lib", *libURL, *libPid, func(o op) request { return o.lib })
		case "raw":
			st, openErr := store.Open(ctx, store.Options{
				URI: env("NEO4J_URI", "bolt://127.0.0.1:7687"), User: env("NEO4J_USER", "neo4j"),
				Password: os.Getenv("NEO4J_PASSWORD"), Database: env("NEO4J_DATABASE", "neo4j"),
				ConnectTimeout: 10 * time.Second, QueryTimeout: 30 * time.Second,
			}, zerolog.Nop())
			if openErr != nil {
				return openErr
			}
			defer st.Close(context.Background())
			s = side{name: "raw", ask: func(o op) func(context.Context) error {
				return func(ctx context.Context) error { return o.raw(ctx, st) }
			}}
		default:
			return fmt.Errorf("unknown mode %q (api, lib or raw)", m)
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
// throughput, the ratios of our API to the library and to raw, and the
// sampled memory of each server.
type table struct {
	sides         []side
	api, lib, raw int // index of each side, -1 when not measured
}

func newTable(sides []side) table {
	t := table{sides: sides, api: -1, lib: -1, raw: -1}
	for i, s := range sides {
		switch s.name {
		case "API":
			t.api = i
		case "lib":
			t.lib = i
		case "raw":
			t.raw = i
		}
	}
	return t
}

func (t table) header() string {
	cols := []string{"operation", "clients"}
	for _, s := range t.sides {
		cols = append(cols, s.name+" p50 ms", s.name+" p99 ms", s.name+" req/s")
	}
	if t.api >= 0 && t.lib >= 0 {
		cols = append(cols, "API/lib req/s", "API/lib p99")
	}
	if t.api >= 0 && t.raw >= 0 {
		cols = append(cols, "API/raw p50")
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
		cells = append(cells, ms(r.p50), ms(r.p99), fmt.Sprintf("%.1f", r.rps))
	}
	both := func(a, b int) (*result, *result, bool) {
		return results[a], results[b], results[a] != nil && results[b] != nil
	}
	if t.api >= 0 && t.lib >= 0 {
		if a, l, ok := both(t.api, t.lib); ok {
			cells = append(cells, ratio(a.rps, l.rps), ratio(float64(a.p99), float64(l.p99)))
		} else {
			cells = append(cells, "-", "-")
		}
	}
	if t.api >= 0 && t.raw >= 0 {
		if a, r, ok := both(t.api, t.raw); ok {
			cells = append(cells, ratio(float64(a.p50), float64(r.p50)))
		} else {
			cells = append(cells, "-")
		}
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
