// Package auth authenticates API keys and carries the caller through a
// request. A key is `sgk_<id>_<secret>`: the id finds the stored key, the
// secret is checked against its stored SHA-256 in constant time. Verified
// keys are cached for a short while, so a request costs no extra Neo4j round
// trip; a revoked key stops working within CacheTTL.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"

	"github.com/silkgraph/silkgraph/internal/domain"
)

const (
	tokenPrefix = "sgk_"
	// CacheTTL is how long a looked-up key is trusted without asking the
	// store again: the longest a revoked key keeps working on a replica.
	CacheTTL   = 30 * time.Second
	cacheSize  = 10_000
	secretSize = 32 // bytes: 256 bits from crypto/rand
	idSize     = 6  // bytes: 12 hex characters
)

// Keys is where keys are stored.
type Keys interface {
	// Key returns the key with the id; a domain NOT_FOUND error if none.
	Key(ctx context.Context, id string) (domain.Key, error)
}

// NewKey makes a key: what to store (no secret in it) and the token to give
// its owner once, which nothing keeps.
func NewKey(name string, role domain.Role) (domain.Key, string, error) {
	id, secret := make([]byte, idSize), make([]byte, secretSize)
	if _, err := rand.Read(id); err != nil {
		return domain.Key{}, "", err
	}
	if _, err := rand.Read(secret); err != nil {
		return domain.Key{}, "", err
	}
	k := domain.Key{ID: hex.EncodeToString(id), Name: name, Role: role}
	s := base64.RawURLEncoding.EncodeToString(secret)
	k.Hash = hash(s)
	return k, tokenPrefix + k.ID + "_" + s, nil
}

func hash(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// parseToken splits a token into key id and secret.
func parseToken(token string) (id, secret string, ok bool) {
	rest, ok := strings.CutPrefix(token, tokenPrefix)
	if !ok {
		return "", "", false
	}
	id, secret, ok = strings.Cut(rest, "_")
	return id, secret, ok && len(id) == 2*idSize && secret != ""
}

// Principal is who makes a request: an API key, or nobody.
type Principal struct {
	Key domain.Key // zero for an anonymous request
}

// Role returns the key's role; "" when anonymous.
func (p Principal) Role() domain.Role { return p.Key.Role }

// Actor names the principal in the audit trail.
func (p Principal) Actor() domain.Actor { return domain.Actor{KeyID: p.Key.ID, Name: p.Key.Name} }

type ctxKey struct{}

// WithPrincipal returns a context carrying p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, ctxKey{}, p)
}

// From returns the request's principal; anonymous if none was set.
func From(ctx context.Context) Principal {
	p, _ := ctx.Value(ctxKey{}).(Principal)
	return p
}

// Require checks that the request's principal has at least the role need:
// UNAUTHENTICATED without a key, FORBIDDEN with a lesser one.
func Require(ctx context.Context, need domain.Role) error {
	p := From(ctx)
	switch {
	case p.Role() == "":
		return domain.Errorf(domain.EUNAUTHENTICATED, "this needs an API key with role %s: send Authorization: Bearer <key>", need)
	case !p.Role().Allows(need):
		return domain.Errorf(domain.EFORBIDDEN, "this needs role %s; key %q has role %s", need, p.Key.ID, p.Role())
	}
	return nil
}

// Authenticator verifies tokens against stored keys.
type Authenticator struct {
	keys  Keys
	cache *expirable.LRU[string, lookup]
}

// lookup is a cached answer of the store: a key, or that there is none.
type lookup struct {
	key   domain.Key
	found bool
}

// NewAuthenticator returns an authenticator over keys.
func NewAuthenticator(keys Keys) *Authenticator {
	return &Authenticator{keys: keys, cache: expirable.NewLRU[string, lookup](cacheSize, nil, CacheTTL)}
}

var errBadKey = domain.Errorf(domain.EUNAUTHENTICATED, "invalid or revoked API key")

// Authenticate returns the principal a token stands for. Unknown, revoked
// and malformed keys are UNAUTHENTICATED; a store failure is passed on.
func (a *Authenticator) Authenticate(ctx context.Context, token string) (Principal, error) {
	id, secret, ok := parseToken(token)
	if !ok {
		return Principal{}, errBadKey
	}
	l, cached := a.cache.Get(id)
	if !cached {
		k, err := a.keys.Key(ctx, id)
		var de *domain.Error
		switch {
		case err == nil:
			l = lookup{key: k, found: true}
		case errors.As(err, &de) && de.Code == domain.ENOTFOUND:
			l = lookup{}
		default:
			return Principal{}, err
		}
		a.cache.Add(id, l)
	}
	match := subtle.ConstantTimeCompare([]byte(hash(secret)), []byte(l.key.Hash)) == 1
	if !l.found || !match || l.key.Revoked() {
		return Principal{}, errBadKey
	}
	return Principal{Key: l.key}, nil
}

// cached reports whether the token's key is in the cache, so that the
// middleware knows whether checking it costs a store lookup.
func (a *Authenticator) cached(token string) bool {
	id, _, ok := parseToken(token)
	return ok && a.cache.Contains(id)
}
