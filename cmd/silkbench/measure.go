package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// result is one cell: an operation, a side and a concurrency level. Its
// latencies and throughput are those of the calls answered without error: a
// failed call is counted in errs only, so a side that fails fast does not
// look faster or busier than it is.
type result struct {
	n        int // calls answered
	errs     int
	p50, p99 time.Duration
	rps      float64
	firstErr error
	rssKB    int64 // peak resident set of the server measured, 0 if not sampled
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
				if err := call(ctx, f); err != nil {
					e++
					if fe == nil {
						fe = err
					}
					continue
				}
				lat = append(lat, time.Since(t))
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

// median combines runs of one cell: the median of each figure (the mean of
// the middle two of an even number), calls and errors summed, the largest
// RSS.
func median(runs []result) result {
	// Latencies are those of runs that answered at all; a run whose every
	// call failed has none. Throughput counts every run.
	answered := slices.DeleteFunc(slices.Clone(runs), func(r result) bool { return r.n == 0 })
	mid := func(runs []result, f func(result) float64) float64 {
		if len(runs) == 0 {
			return 0
		}
		v := make([]float64, len(runs))
		for i, r := range runs {
			v[i] = f(r)
		}
		slices.Sort(v)
		return (v[(len(v)-1)/2] + v[len(v)/2]) / 2
	}
	out := result{
		p50: time.Duration(mid(answered, func(r result) float64 { return float64(r.p50) })),
		p99: time.Duration(mid(answered, func(r result) float64 { return float64(r.p99) })),
		rps: mid(runs, func(r result) float64 { return r.rps }),
	}
	for _, r := range runs {
		out.n += r.n
		out.errs += r.errs
		out.rssKB = max(out.rssKB, r.rssKB)
		if out.firstErr == nil {
			out.firstErr = r.firstErr
		}
	}
	return out
}

// quantile of sorted latencies, nearest rank.
func quantile(sorted []time.Duration, q float64) time.Duration {
	i := int(q*float64(len(sorted))+0.999999) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// sampleRSS samples a process's resident set (VmRSS) every 100 ms until
// stop is called, which returns the largest sample in kB. Pid 0 samples
// nothing.
func sampleRSS(pid int) (stop func() int64) {
	if pid == 0 {
		return func() int64 { return 0 }
	}
	done := make(chan struct{})
	peak := make(chan int64)
	go func() {
		var top int64
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			if kb, err := procStatus(pid, "VmRSS"); err == nil {
				top = max(top, kb)
			}
			select {
			case <-done:
				peak <- top
				return
			case <-tick.C:
			}
		}
	}()
	return func() int64 {
		close(done)
		return <-peak
	}
}

// procStatus reads a kB field of /proc/<pid>/status: VmRSS is the resident
// set now, VmHWM its peak since the process started.
func procStatus(pid int, field string) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), ":")
		if ok && name == field {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 10, 64)
		}
	}
	return 0, fmt.Errorf("/proc/%d/status has no %s", pid, field)
}
