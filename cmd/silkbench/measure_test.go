package main

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"
)

func TestQuantile(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		out := make([]time.Duration, len(ns))
		for i, n := range ns {
			out[i] = time.Duration(n) * time.Millisecond
		}
		return out
	}
	tests := []struct {
		sorted []time.Duration
		q      float64
		want   time.Duration
	}{
		{ms(7), 0.5, 7 * time.Millisecond},
		{ms(1, 2, 3, 4), 0.5, 2 * time.Millisecond},
		{ms(1, 2, 3, 4), 0.99, 4 * time.Millisecond},
		{ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 0.5, 5 * time.Millisecond},
	}
	for _, tt := range tests {
		if got := quantile(tt.sorted, tt.q); got != tt.want {
			t.Errorf("quantile(%v, %v) = %v, want %v", tt.sorted, tt.q, got, tt.want)
		}
	}
}

// Failed calls are errors, not throughput or latency: a side whose slow
// calls succeed and fast ones fail must not look fast.
func TestRunCountsAnswersOnly(t *testing.T) {
	failed := errors.New("failed")
	tests := []struct {
		name      string
		fail      func(i int) bool
		wantShare float64 // of calls answered
	}{
		{"all answered", func(int) bool { return false }, 1},
		{"every other call fails at once", func(i int) bool { return i%2 == 1 }, 0.5},
		{"all fail", func(int) bool { return true }, 0},
	}
	const answerTakes = 2 * time.Millisecond
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls int
			r := run(context.Background(), 1, 200*time.Millisecond, func(context.Context) error {
				calls++
				if tt.fail(calls) {
					return failed
				}
				time.Sleep(answerTakes)
				return nil
			})
			if r.n+r.errs != calls {
				t.Fatalf("%d answered and %d errors of %d calls", r.n, r.errs, calls)
			}
			if share := float64(r.n) / float64(calls); share < tt.wantShare-0.05 || share > tt.wantShare+0.05 {
				t.Errorf("%d of %d calls answered, want a share of %v", r.n, calls, tt.wantShare)
			}
			// Every answer takes answerTakes at least, every failure next to
			// nothing: counted failures would pull p50 down (a lower bound
			// only, which a loaded machine cannot break).
			if r.n > 0 && r.p50 < answerTakes || r.n == 0 && r.p50 != 0 {
				t.Errorf("p50 %v of %d answers: failed calls were counted as answers", r.p50, r.n)
			}
			if tt.wantShare < 1 && !errors.Is(r.firstErr, failed) {
				t.Errorf("first error %v", r.firstErr)
			}
		})
	}
}

func TestMedian(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	broken := errors.New("broken")
	tests := []struct {
		name string
		runs []result
		want result
	}{
		{"one run", []result{{n: 10, errs: 1, p50: ms(2), p99: ms(9), rps: 100, rssKB: 7, firstErr: broken}},
			result{n: 10, errs: 1, p50: ms(2), p99: ms(9), rps: 100, rssKB: 7, firstErr: broken}},
		{"each figure its own median", []result{
			{n: 10, p50: ms(3), p99: ms(5), rps: 300, rssKB: 5},
			{n: 20, errs: 2, p50: ms(1), p99: ms(9), rps: 100, rssKB: 9, firstErr: broken},
			{n: 30, p50: ms(2), p99: ms(7), rps: 200, rssKB: 6},
		}, result{n: 60, errs: 2, p50: ms(2), p99: ms(7), rps: 200, rssKB: 9, firstErr: broken}},
		{"even: the mean of the middle two", []result{{n: 1, p50: ms(4), p99: ms(8), rps: 40}, {n: 1, p50: ms(1), p99: ms(2), rps: 10}},
			result{n: 2, p50: 2500 * time.Microsecond, p99: ms(5), rps: 25}},
		{"runs with no answer have no latency", []result{
			{n: 10, p50: ms(3), p99: ms(6), rps: 30},
			{errs: 5, firstErr: broken},
			{errs: 4},
		}, result{n: 10, errs: 9, p50: ms(3), p99: ms(6), rps: 0, firstErr: broken}},
	}
	for _, tt := range tests {
		if got := median(tt.runs); got != tt.want {
			t.Errorf("%s: median = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

// A row puts each side's figures in its columns and divides ours by the
// library's and by raw.
func TestTableRow(t *testing.T) {
	sides := []side{{name: "API", pid: 1}, {name: "lib", pid: 2}, {name: "raw"}}
	tab := newTable(sides)
	wantHeader := "| operation | clients | API p50 ms | API p99 ms | API req/s | lib p50 ms | lib p99 ms | lib req/s | raw p50 ms | raw p99 ms | raw req/s | API/lib req/s | API/lib p99 | API/raw p50 | API RSS MB | lib RSS MB | errors |\n" +
		"|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
	if got := tab.header(); got != wantHeader {
		t.Errorf("header:\n%s\nwant:\n%s", got, wantHeader)
	}
	tests := []struct {
		name    string
		results []*result
		want    string
	}{
		{"all sides", []*result{
			{n: 1, p50: 10 * time.Millisecond, p99: 20 * time.Millisecond, rps: 100, rssKB: 51200},
			{n: 1, p50: 20 * time.Millisecond, p99: 80 * time.Millisecond, rps: 40, rssKB: 102400, errs: 2, firstErr: errors.New("boom")},
			{n: 1, p50: 8 * time.Millisecond, p99: 16 * time.Millisecond, rps: 120},
		}, "| entity | 8 | 10.00 | 20.00 | 100.0 | 20.00 | 80.00 | 40.0 | 8.00 | 16.00 | 120.0 | 2.50 | 0.25 | 1.25 | 50.0 | 100.0 | 2 (boom) |\n"},
		{"library failed", []*result{
			{n: 1, p50: 10 * time.Millisecond, p99: 20 * time.Millisecond, rps: 100, rssKB: 51200},
			nil,
			{n: 1, p50: 8 * time.Millisecond, p99: 16 * time.Millisecond, rps: 120},
		}, "| entity | 8 | 10.00 | 20.00 | 100.0 | - | - | - | 8.00 | 16.00 | 120.0 | - | - | 1.25 | 50.0 | - | 0 |\n"},
		{"every call of the library failed", []*result{
			{n: 1, p50: 10 * time.Millisecond, p99: 20 * time.Millisecond, rps: 100, rssKB: 51200},
			{errs: 7, firstErr: errors.New("boom"), rssKB: 102400},
			{n: 1, p50: 8 * time.Millisecond, p99: 16 * time.Millisecond, rps: 120},
		}, "| entity | 8 | 10.00 | 20.00 | 100.0 | - | - | 0.0 | 8.00 | 16.00 | 120.0 | - | - | 1.25 | 50.0 | 100.0 | 7 (boom) |\n"},
	}
	for _, tt := range tests {
		if got := tab.row("entity", 8, tt.results); got != tt.want {
			t.Errorf("%s:\n%s\nwant:\n%s", tt.name, got, tt.want)
		}
	}
}

// With the HTTP floor, a row also divides ours by the floor, and the
// floor by raw.
func TestTableRowWithTheFloor(t *testing.T) {
	tab := newTable([]side{{name: "API"}, {name: "floor"}, {name: "raw"}})
	wantHeader := "| operation | clients | API p50 ms | API p99 ms | API req/s | floor p50 ms | floor p99 ms | floor req/s | raw p50 ms | raw p99 ms | raw req/s | API/floor p50 | floor/raw p50 | API/raw p50 | errors |\n" +
		"|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
	if got := tab.header(); got != wantHeader {
		t.Errorf("header:\n%s\nwant:\n%s", got, wantHeader)
	}
	got := tab.row("timeline", 1, []*result{
		{n: 1, p50: 700 * time.Microsecond, p99: 2 * time.Millisecond, rps: 1400},
		{n: 1, p50: 650 * time.Microsecond, p99: 1 * time.Millisecond, rps: 1500},
		{n: 1, p50: 400 * time.Microsecond, p99: 1 * time.Millisecond, rps: 2300},
	})
	if want := "| timeline | 1 | 0.70 | 2.00 | 1400.0 | 0.65 | 1.00 | 1500.0 | 0.40 | 1.00 | 2300.0 | 1.08 | 1.62 | 1.75 | 0 |\n"; got != want {
		t.Errorf("row:\n%s\nwant:\n%s", got, want)
	}
}

func TestProcStatusReadsMemory(t *testing.T) {
	for _, field := range []string{"VmRSS", "VmHWM"} {
		kb, err := procStatus(os.Getpid(), field)
		if err != nil || kb <= 0 {
			t.Errorf("procStatus(self, %s) = %d, %v", field, kb, err)
		}
	}
	if kb := sampleRSS(os.Getpid())(); kb <= 0 {
		t.Errorf("sampleRSS(self) = %d", kb)
	}
}
