package main

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"
)

// sample is one reading of the server's runtime metrics (/debug/vars).
type sample struct {
	label       string
	at          time.Duration // since the first sample
	Goroutines  int           `json:"goroutines"`
	HeapInuse   uint64        `json:"heapInuse"`
	HeapObjects uint64        `json:"heapObjects"`
	Sys         uint64        `json:"sys"`
	NumGC       uint32        `json:"numGC"`
}

// sampler reads the server's metrics: before the load, every interval
// during it, and after it.
type sampler struct {
	c       *client
	url     string
	mu      sync.Mutex
	start   time.Time
	samples []sample
}

func (s *sampler) take(ctx context.Context, label string) error {
	var x sample
	if err := s.c.get(ctx, s.url, &x); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.start.IsZero() {
		s.start = time.Now()
	}
	x.label, x.at = label, time.Since(s.start)
	s.samples = append(s.samples, x)
	return nil
}

// every samples at each interval until stop is called; a failed reading is
// left out (the flatness check needs enough of them).
func (s *sampler) every(ctx context.Context, interval time.Duration) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				_ = s.take(ctx, "load")
			}
		}
	})
	return func() { close(done); wg.Wait() }
}

func (s *sampler) list() []sample {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.samples)
}

// flat checks that the load did not grow the server: after a warm-up (the
// first quarter of the samples under load), the second half's median
// goroutines and heap are within bounds of the first half's, and once idle
// again the server has no more goroutines than before the load.
func (s *sampler) flat() []string {
	all := s.list()
	var load []sample
	for _, x := range all {
		if x.label == "load" {
			load = append(load, x)
		}
	}
	if len(load) < 8 {
		return []string{fmt.Sprintf("only %d samples under load: run longer or sample more often to judge flatness (8 or more)", len(load))}
	}
	load = load[len(load)/4:]
	first, second := load[:len(load)/2], load[len(load)/2:]
	median := func(xs []sample, f func(sample) float64) float64 {
		v := make([]float64, len(xs))
		for i, x := range xs {
			v[i] = f(x)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	goroutines := func(x sample) float64 { return float64(x.Goroutines) }
	heap := func(x sample) float64 { return float64(x.HeapInuse) }
	var problems []string
	if g1, g2 := median(first, goroutines), median(second, goroutines); g2 > g1*1.1+5 {
		problems = append(problems, fmt.Sprintf("goroutines grew under steady load: median %.0f, then %.0f", g1, g2))
	}
	if h1, h2 := median(first, heap), median(second, heap); h2 > h1*1.5 {
		problems = append(problems, fmt.Sprintf("heap grew under steady load: median %.1f MiB, then %.1f MiB", h1/(1<<20), h2/(1<<20)))
	}
	before, after := all[0], all[len(all)-1]
	if after.Goroutines > before.Goroutines+10 {
		problems = append(problems, fmt.Sprintf("goroutines left behind: %d before the load, %d after it", before.Goroutines, after.Goroutines))
	}
	return problems
}
