// Package ratelimit limits requests per client (an API key, or an IP
// address) with a token bucket each: a sustained rate and a burst.
package ratelimit

import (
	"sync"
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"
	"golang.org/x/time/rate"
)

// Clients tracked at most, and how long an idle one is remembered: a
// forgotten client starts again with a full burst, which is harmless, and
// memory stays bounded however many addresses call.
const (
	maxClients = 100_000
	idleTTL    = 10 * time.Minute
)

// Limiter holds one token bucket per client.
type Limiter struct {
	rate    rate.Limit
	burst   int
	mu      sync.Mutex // makes get-or-create atomic
	buckets *expirable.LRU[string, *rate.Limiter]
}

// New returns a limiter allowing perSecond requests per client, in bursts of
// up to burst; nil (no limits) when perSecond is 0.
func New(perSecond float64, burst int) *Limiter {
	if perSecond <= 0 {
		return nil
	}
	return &Limiter{rate: rate.Limit(perSecond), burst: max(burst, 1),
		buckets: expirable.NewLRU[string, *rate.Limiter](maxClients, nil, idleTTL)}
}

// Allow takes a token of client's bucket; when there is none it reports how
// long until there will be. A nil Limiter allows everything.
func (l *Limiter) Allow(client string) (ok bool, retryAfter time.Duration) {
	if l == nil {
		return true, 0
	}
	l.mu.Lock()
	b, found := l.buckets.Get(client)
	if !found {
		b = rate.NewLimiter(l.rate, l.burst)
		l.buckets.Add(client, b)
	}
	l.mu.Unlock()
	r := b.Reserve()
	if d := r.Delay(); d > 0 {
		r.Cancel() // a refused request costs nothing
		return false, d
	}
	return true, 0
}

// Exhausted reports, without taking a token, whether client's bucket is
// empty, and how long until it is not: a check before work that only some
// requests need.
func (l *Limiter) Exhausted(client string) (bool, time.Duration) {
	if l == nil {
		return false, 0
	}
	b, found := l.buckets.Peek(client)
	if !found {
		return false, 0
	}
	if tokens := b.Tokens(); tokens < 1 {
		return true, time.Duration((1 - tokens) / float64(l.rate) * float64(time.Second))
	}
	return false, 0
}
