package main

import (
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
		{"even: the mean of the middle two", []result{{p50: ms(4), p99: ms(8), rps: 40}, {p50: ms(1), p99: ms(2), rps: 10}},
			result{p50: 2500 * time.Microsecond, p99: ms(5), rps: 25}},
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
			{p50: 10 * time.Millisecond, p99: 20 * time.Millisecond, rps: 100, rssKB: 51200},
			{p50: 20 * time.Millisecond, p99: 80 * time.Millisecond, rps: 40, rssKB: 102400, errs: 2, firstErr: errors.New("boom")},
			{p50: 8 * time.Millisecond, p99: 16 * time.Millisecond, rps: 120},
		}, "| entity | 8 | 10.00 | 20.00 | 100.0 | 20.00 | 80.00 | 40.0 | 8.00 | 16.00 | 120.0 | 2.50 | 0.25 | 1.25 | 50.0 | 100.0 | 2 (boom) |\n"},
		{"library failed", []*result{
			{p50: 10 * time.Millisecond, p99: 20 * time.Millisecond, rps: 100, rssKB: 51200},
			nil,
			{p50: 8 * time.Millisecond, p99: 16 * time.Millisecond, rps: 120},
		}, "| entity | 8 | 10.00 | 20.00 | 100.0 | - | - | - | 8.00 | 16.00 | 120.0 | - | - | 1.25 | 50.0 | - | 0 |\n"},
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
		{p50: 700 * time.Microsecond, p99: 2 * time.Millisecond, rps: 1400},
		{p50: 650 * time.Microsecond, p99: 1 * time.Millisecond, rps: 1500},
		{p50: 400 * time.Microsecond, p99: 1 * time.Millisecond, rps: 2300},
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
