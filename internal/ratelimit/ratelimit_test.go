package ratelimit_test

import (
	"testing"
	"time"

	"github.com/silkgraph/silkgraph/internal/ratelimit"
)

func TestLimiterAllowsBurstThenRefuses(t *testing.T) {
	tests := []struct {
		name      string
		perSecond float64
		burst     int
		calls     int
		allowed   int
	}{
		{"burst then refused", 1, 3, 5, 3},
		{"one at a time", 0.5, 1, 3, 1},
		{"no limit", 0, 0, 100, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := ratelimit.New(tt.perSecond, tt.burst)
			allowed := 0
			var wait time.Duration
			for range tt.calls {
				ok, retry := l.Allow("client")
				if ok {
					allowed++
				} else {
					wait = retry
				}
			}
			if allowed != tt.allowed {
				t.Fatalf("%d of %d allowed, want %d", allowed, tt.calls, tt.allowed)
			}
			if allowed < tt.calls && (wait <= 0 || wait > time.Duration(float64(time.Second)/tt.perSecond)) {
				t.Fatalf("retry after %s, want within one token's time", wait)
			}
			if ok, _ := l.Allow("another client"); !ok {
				t.Fatal("a second client shares the first one's bucket")
			}
		})
	}
}

func TestExhaustedTakesNoToken(t *testing.T) {
	l := ratelimit.New(1, 1)
	if over, _ := l.Exhausted("c"); over {
		t.Fatal("an unseen client is exhausted")
	}
	if ok, _ := l.Allow("c"); !ok {
		t.Fatal("first request refused")
	}
	for range 3 {
		if over, retry := l.Exhausted("c"); !over || retry <= 0 || retry > time.Second {
			t.Fatalf("Exhausted = %v, %s after the burst", over, retry)
		}
	}
	if over, _ := (*ratelimit.Limiter)(nil).Exhausted("c"); over {
		t.Fatal("no limiter, yet exhausted")
	}
}
