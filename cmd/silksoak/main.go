// Command silksoak is a bounded load and soak test of a local Silkgraph
// server on the seed graph: readers and writers run concurrently for a fixed
// time and stop by themselves; then the database is checked for lost or
// duplicated writes, and the server's goroutines and memory, sampled
// throughout, must have stayed flat. It prints a Markdown report and exits 1
// if any check fails.
//
//	SILKSOAK_KEY=<editor key> silksoak -url http://127.0.0.1:8080/graphql \
//	    -debug http://127.0.0.1:6060/debug/vars -duration 5m -readers 8 -writers 4
//
// Writers need an editor key (SILKSOAK_KEY, not a flag: flags show in
// process lists). The check reads the database directly with NEO4J_URI,
// NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE, as silkgraph does. The
// server should run without a rate limit (--rate-limit 0).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/rs/zerolog"

	"github.com/silkgraph/silkgraph/internal/config"
	"github.com/silkgraph/silkgraph/internal/store"
)

func main() {
	if err := mainErr(); err != nil {
		fmt.Fprintln(os.Stderr, "silksoak:", err)
		os.Exit(1)
	}
}

// options of a run.
type options struct {
	url, debug       string
	duration, sample time.Duration
	readers, writers int
	entities         int
}

func mainErr() error {
	var o options
	flag.StringVar(&o.url, "url", "http://127.0.0.1:8080/graphql", "GraphQL endpoint (loopback only)")
	flag.StringVar(&o.debug, "debug", "http://127.0.0.1:6060/debug/vars", "the server's runtime metrics (silkgraph serve --debug-addr; loopback only)")
	flag.DurationVar(&o.duration, "duration", 5*time.Minute, "how long readers and writers run (at most 1h)")
	flag.DurationVar(&o.sample, "sample", 0, "how often goroutines and memory are sampled (default: 30 times a run, at most every second)")
	flag.IntVar(&o.readers, "readers", 8, "concurrent readers (1 to 64)")
	flag.IntVar(&o.writers, "writers", 4, "concurrent writers (1 to 64)")
	flag.IntVar(&o.entities, "entities", 5, "entities each writer owns (2 to 100)")
	flag.Parse()
	for _, u := range []string{o.url, o.debug} {
		if p, err := url.Parse(u); err != nil || !config.Loopback(p.Host) {
			return fmt.Errorf("%s is not on a loopback address (host 127.0.0.1:PORT); silksoak only loads a local server", u)
		}
	}
	switch {
	case o.duration <= 0 || o.duration > time.Hour:
		return errors.New("-duration must be between 0 and 1h")
	case o.readers < 1 || o.readers > 64 || o.writers < 1 || o.writers > 64:
		return errors.New("-readers and -writers must be between 1 and 64")
	case o.entities < 2 || o.entities > 100:
		return errors.New("-entities must be between 2 and 100")
	case o.sample < 0:
		return errors.New("-sample must be positive")
	case o.sample == 0:
		o.sample = max(time.Second, o.duration/30)
	}
	key := os.Getenv("SILKSOAK_KEY")
	if key == "" {
		return errors.New("SILKSOAK_KEY is not set: create an editor key with `silkgraph keys create --name soak --role editor`")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{
		URI: env("NEO4J_URI", "bolt://127.0.0.1:7687"), User: env("NEO4J_USER", "neo4j"), Password: os.Getenv("NEO4J_PASSWORD"),
		Database: env("NEO4J_DATABASE", "neo4j"), ConnectTimeout: 10 * time.Second, QueryTimeout: time.Minute,
	}, zerolog.Nop())
	if err != nil {
		return err
	}
	defer st.Close(context.Background())

	c := newClient(o.url, key, o.readers+o.writers)
	run := strconv.FormatInt(time.Now().Unix(), 36) // ids of this run's records
	t := &tally{}
	shared := &sharedEntity{id: "soak-" + run + "-shared"}
	start := time.Now()
	if err := shared.create(ctx, c, t); err != nil {
		return fmt.Errorf("create %s: %w", shared.id, err)
	}
	writers := make([]*writer, o.writers)
	for i := range writers {
		writers[i] = &writer{c: c, t: t, shared: shared, rng: rand.New(rand.NewPCG(uint64(i), uint64(start.UnixNano()))),
			rels: map[string]int{}}
		for e := range o.entities {
			id := fmt.Sprintf("soak-%s-w%d-e%d", run, i, e)
			if err := writers[i].create(ctx, id); err != nil {
				return fmt.Errorf("create %s: %w", id, err)
			}
		}
	}

	samples := &sampler{c: c, url: o.debug}
	if err := samples.take(ctx, "before"); err != nil {
		return fmt.Errorf("sample %s: %w", o.debug, err)
	}
	deadline := time.Now().Add(o.duration)
	stopSampling := samples.every(ctx, o.sample)
	var wg sync.WaitGroup
	for i := range o.readers {
		wg.Go(func() { read(ctx, c, t, deadline, i) })
	}
	for _, w := range writers {
		wg.Go(func() { w.loop(ctx, deadline) })
	}
	wg.Wait()
	stopSampling()
	// Idle: close the clients' kept-alive connections (each holds a server
	// goroutine), and see what the load left behind.
	c.http.CloseIdleConnections()
	time.Sleep(2 * o.sample)
	if err := samples.take(ctx, "after"); err != nil {
		return err
	}
	elapsed := time.Since(start)

	problems := verify(ctx, st, writers, shared, start)
	problems = append(problems, samples.flat()...)
	if n := t.unexpectedCount(); n > 0 {
		problems = append(problems, fmt.Sprintf("%d unexpected errors, first: %v", n, t.firstUnexpected()))
	}
	report(o, elapsed, t, samples, problems)
	if len(problems) > 0 {
		return fmt.Errorf("%d check(s) failed", len(problems))
	}
	return nil
}

func env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// report prints the run as Markdown, for docs/reliability.md.
func report(o options, elapsed time.Duration, t *tally, s *sampler, problems []string) {
	fmt.Printf("Soak run: %s of load (%s in all with setup and checks), %d readers, %d writers with %d entities each, samples every %s.\n\n",
		o.duration, elapsed.Round(time.Second), o.readers, o.writers, o.entities, o.sample)
	fmt.Println("| operation | calls | expected refusals | unexpected errors | p50 ms | p99 ms |")
	fmt.Println("|---|---|---|---|---|---|")
	for _, row := range t.rows() {
		fmt.Println(row)
	}
	fmt.Println()
	fmt.Println("| sample | at | goroutines | heap in use MiB | heap objects | process memory MiB | GCs |")
	fmt.Println("|---|---|---|---|---|---|---|")
	for _, x := range s.list() {
		fmt.Printf("| %s | %s | %d | %.1f | %d | %.1f | %d |\n", x.label, x.at.Round(time.Second), x.Goroutines,
			float64(x.HeapInuse)/(1<<20), x.HeapObjects, float64(x.Sys)/(1<<20), x.NumGC)
	}
	fmt.Println()
	if len(problems) == 0 {
		fmt.Println("Checks: no unexpected errors; every write is in the database exactly once (versions, last values, live and retracted relationships, audit trail); goroutines and memory flat.")
		return
	}
	for _, p := range problems {
		fmt.Println("FAILED:", p)
	}
}

// percentile of sorted durations, nearest rank.
func percentile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted))+0.999999) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// tally counts calls, refusals and errors per operation.
type tally struct {
	mu    sync.Mutex
	ops   map[string]*opStats
	order []string
}

type opStats struct {
	calls, refused, unexpected int
	first                      error
	latencies                  []time.Duration
}

// record notes one call; refused marks an answer the caller expects (a
// CONFLICT under contention).
func (t *tally) record(op string, d time.Duration, refused bool, err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.ops == nil {
		t.ops = map[string]*opStats{}
	}
	s := t.ops[op]
	if s == nil {
		s = &opStats{}
		t.ops[op] = s
		t.order = append(t.order, op)
	}
	s.calls++
	s.latencies = append(s.latencies, d)
	switch {
	case err != nil:
		s.unexpected++
		if s.first == nil {
			s.first = fmt.Errorf("%s: %w", op, err)
		}
	case refused:
		s.refused++
	}
}

func (t *tally) unexpectedCount() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 0
	for _, s := range t.ops {
		n += s.unexpected
	}
	return n
}

func (t *tally) firstUnexpected() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, op := range t.order {
		if s := t.ops[op]; s.first != nil {
			return s.first
		}
	}
	return nil
}

func (t *tally) rows() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []string
	for _, op := range t.order {
		s := t.ops[op]
		slices.Sort(s.latencies)
		out = append(out, fmt.Sprintf("| %s | %d | %d | %d | %.1f | %.1f |", op, s.calls, s.refused, s.unexpected,
			ms(percentile(s.latencies, 0.5)), ms(percentile(s.latencies, 0.99))))
	}
	return out
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
