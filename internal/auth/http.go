package auth

import (
	"errors"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/httperr"
	"github.com/silkgraph/silkgraph/internal/ratelimit"
)

// Options configure the middleware.
type Options struct {
	// ReadsNeedKey refuses requests without a key; otherwise they are
	// anonymous, which reads allow and writes do not.
	ReadsNeedKey bool
	// Limiter limits requests per key, and per client IP for requests
	// without a verified key; nil: no limits.
	Limiter *ratelimit.Limiter
}

// Middleware authenticates the bearer key of each request, applies the rate
// limit, and hands the principal on in the request's context. It answers
// refused requests itself, with a GraphQL-shaped body whose
// extensions.code is UNAUTHENTICATED (401), RATE_LIMITED (429, with
// Retry-After) or UNAVAILABLE (503, when keys cannot be read).
func (a *Authenticator) Middleware(o Options) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx := r.Context()
			token, ok := bearer(r.Header.Get("Authorization"))
			if !ok {
				refuse(w, http.StatusUnauthorized, domain.Errorf(domain.EUNAUTHENTICATED, "the Authorization header must be: Bearer <key>"))
				return
			}
			address := "ip:" + remoteIP(r)
			if token == "" {
				if !allow(w, o.Limiter, address) {
					return
				}
				if o.ReadsNeedKey {
					refuse(w, http.StatusUnauthorized, domain.Errorf(domain.EUNAUTHENTICATED, "this API needs a key: send Authorization: Bearer <key>"))
					return
				}
				next.ServeHTTP(w, r)
				return
			}
			// An address over its limit gets no key looked up: guessing keys
			// costs the database nothing.
			if over, retry := o.Limiter.Exhausted(address); over && !a.cached(token) {
				tooMany(w, retry)
				return
			}
			p, err := a.Authenticate(ctx, token)
			var de *domain.Error
			switch {
			case err != nil && errors.As(err, &de) && de.Code == domain.EUNAUTHENTICATED:
				if allow(w, o.Limiter, address) { // failures count against the address
					refuse(w, http.StatusUnauthorized, de)
				}
				return
			case err != nil:
				zerolog.Ctx(ctx).Error().Err(err).Msg("reading API keys failed")
				w.Header().Set("Retry-After", "1")
				refuse(w, http.StatusServiceUnavailable, domain.Errorf(domain.EUNAVAILABLE, "API keys cannot be checked right now; try again shortly"))
				return
			}
			if !allow(w, o.Limiter, "key:"+p.Key.ID) {
				return
			}
			zerolog.Ctx(ctx).UpdateContext(func(c zerolog.Context) zerolog.Context { return c.Str("key", p.Key.ID) })
			next.ServeHTTP(w, r.WithContext(WithPrincipal(ctx, p)))
		})
	}
}

// allow takes a token of client's bucket, or answers 429.
func allow(w http.ResponseWriter, l *ratelimit.Limiter, client string) bool {
	ok, retry := l.Allow(client)
	if !ok {
		tooMany(w, retry)
	}
	return ok
}

func tooMany(w http.ResponseWriter, retry time.Duration) {
	seconds := max(1, int(math.Ceil(retry.Seconds())))
	w.Header().Set("Retry-After", strconv.Itoa(seconds))
	refuse(w, http.StatusTooManyRequests, domain.Errorf(domain.ERATELIMITED, "too many requests; retry after %ds", seconds))
}

// bearer extracts the key of an Authorization header: "" without one, not
// ok when the header is not a bearer token.
func bearer(header string) (string, bool) {
	if header == "" {
		return "", true
	}
	scheme, token, found := strings.Cut(header, " ")
	token = strings.TrimSpace(token)
	return token, found && strings.EqualFold(scheme, "Bearer") && token != ""
}

func remoteIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// refuse answers a request with a GraphQL-shaped error.
func refuse(w http.ResponseWriter, status int, e *domain.Error) {
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="silkgraph"`)
	}
	httperr.Write(w, status, e)
}
