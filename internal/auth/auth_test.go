package auth_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/silkgraph/silkgraph/internal/auth"
	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/ratelimit"
	"github.com/silkgraph/silkgraph/internal/store"
	"github.com/silkgraph/silkgraph/internal/testenv"
)

// newKey stores a new key and returns it with its token.
func newKey(t *testing.T, st *store.Store, role domain.Role) (domain.Key, string) {
	t.Helper()
	k, token, err := auth.NewKey("test "+string(role), role)
	if err != nil {
		t.Fatal(err)
	}
	if k, err = st.CreateKey(context.Background(), k); err != nil {
		t.Fatal(err)
	}
	return k, token
}

func codeOf(err error) string {
	var de *domain.Error
	if errors.As(err, &de) {
		return de.Code
	}
	return ""
}

func TestKeysAreStoredHashed(t *testing.T) {
	st := testenv.Empty(t)
	k, token := newKey(t, st, domain.RoleEditor)
	stored, err := st.Key(context.Background(), k.ID)
	if err != nil {
		t.Fatal(err)
	}
	_, secret, _ := strings.Cut(strings.TrimPrefix(token, "sgk_"), "_")
	if stored.Hash == "" || strings.Contains(stored.Hash, secret) || len(secret) < 40 || stored.CreatedAt.IsZero() {
		t.Fatalf("stored %+v for token %s", stored, token)
	}
}

func TestAuthenticate(t *testing.T) {
	st := testenv.Empty(t)
	ctx := context.Background()
	reader, readerToken := newKey(t, st, domain.RoleReader)
	_, revokedToken := newKey(t, st, domain.RoleAdmin)
	revoked, _, _ := strings.Cut(strings.TrimPrefix(revokedToken, "sgk_"), "_")
	if _, err := st.RevokeKey(ctx, revoked); err != nil {
		t.Fatal(err)
	}
	a := auth.NewAuthenticator(st)
	tests := []struct {
		name, token string
		role        domain.Role
		code        string
	}{
		{"valid", readerToken, domain.RoleReader, ""},
		{"valid, cached", readerToken, domain.RoleReader, ""},
		{"wrong secret", readerToken[:len(readerToken)-4] + "AAAA", "", domain.EUNAUTHENTICATED},
		{"unknown id", "sgk_000000000000_" + readerToken[len(readerToken)-43:], "", domain.EUNAUTHENTICATED},
		{"revoked", revokedToken, "", domain.EUNAUTHENTICATED},
		{"not a key", "hunter2", "", domain.EUNAUTHENTICATED},
		{"empty secret", "sgk_" + reader.ID + "_", "", domain.EUNAUTHENTICATED},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := a.Authenticate(ctx, tt.token)
			if codeOf(err) != tt.code || p.Role() != tt.role {
				t.Fatalf("got role %q, error %v; want %q, %q", p.Role(), err, tt.role, tt.code)
			}
		})
	}
}

func TestRequire(t *testing.T) {
	tests := []struct {
		have, need domain.Role
		code       string
	}{
		{"", domain.RoleReader, domain.EUNAUTHENTICATED},
		{domain.RoleReader, domain.RoleReader, ""},
		{domain.RoleReader, domain.RoleEditor, domain.EFORBIDDEN},
		{domain.RoleEditor, domain.RoleEditor, ""},
		{domain.RoleEditor, domain.RoleAdmin, domain.EFORBIDDEN},
		{domain.RoleAdmin, domain.RoleEditor, ""},
	}
	for _, tt := range tests {
		ctx := auth.WithPrincipal(context.Background(), auth.Principal{Key: domain.Key{ID: "k", Role: tt.have}})
		if got := codeOf(auth.Require(ctx, tt.need)); got != tt.code {
			t.Errorf("role %q needing %s: %q, want %q", tt.have, tt.need, got, tt.code)
		}
	}
}

type reply struct {
	status int
	retry  bool   // a Retry-After of a whole number of seconds, at least 1
	code   string // extensions.code of a refusal
	role   string // the role the handler saw
}

func call(t *testing.T, url, header string) reply {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(`{"query":"{ ontology { kinds { kind } } }"}`))
	if header != "" {
		req.Header.Set("Authorization", header)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	n, err := strconv.Atoi(res.Header.Get("Retry-After"))
	r := reply{status: res.StatusCode, retry: err == nil && n >= 1, role: res.Header.Get("X-Role")}
	if res.StatusCode != http.StatusOK {
		var body struct {
			Errors []struct {
				Extensions struct {
					Code string `json:"code"`
				} `json:"extensions"`
			} `json:"errors"`
		}
		if err := json.NewDecoder(res.Body).Decode(&body); err != nil || len(body.Errors) != 1 {
			t.Fatalf("refusal is not a GraphQL error: %v", err)
		}
		r.code = body.Errors[0].Extensions.Code
	}
	return r
}

func TestMiddleware(t *testing.T) {
	st := testenv.Empty(t)
	_, editor := newKey(t, st, domain.RoleEditor)
	_, other := newKey(t, st, domain.RoleReader)
	echo := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Role", string(auth.From(r.Context()).Role()))
	})
	serve := func(o auth.Options) string {
		srv := httptest.NewServer(auth.NewAuthenticator(st).Middleware(o)(echo))
		t.Cleanup(srv.Close)
		return srv.URL
	}
	open := serve(auth.Options{})
	closed := serve(auth.Options{ReadsNeedKey: true})
	limited := serve(auth.Options{Limiter: ratelimit.New(0.5, 2)})
	tests := []struct {
		name, url, header string
		want              reply
	}{
		{"anonymous read, reads open", open, "", reply{status: 200}},
		{"key, reads open", open, "Bearer " + editor, reply{status: 200, role: "editor"}},
		{"anonymous, reads need a key", closed, "", reply{status: 401, code: domain.EUNAUTHENTICATED}},
		{"key, reads need a key", closed, "bearer " + editor, reply{status: 200, role: "editor"}},
		{"bad key", closed, "Bearer sgk_000000000000_nope", reply{status: 401, code: domain.EUNAUTHENTICATED}},
		{"not a bearer", open, "Basic dXNlcjpwYXNz", reply{status: 401, code: domain.EUNAUTHENTICATED}},
		{"limited: first of the burst", limited, "Bearer " + editor, reply{status: 200, role: "editor"}},
		{"limited: second of the burst", limited, "Bearer " + editor, reply{status: 200, role: "editor"}},
		{"limited: over", limited, "Bearer " + editor, reply{status: 429, code: domain.ERATELIMITED, retry: true}},
		{"limited: another key has its own bucket", limited, "Bearer " + other, reply{status: 200, role: "reader"}},
		{"limited: anonymous by address", limited, "", reply{status: 200}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := call(t, tt.url, tt.header); got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// Guessing keys from one address stops costing lookups once the address is
// over its limit.
func TestGuessingKeysIsLimited(t *testing.T) {
	st := testenv.Empty(t)
	srv := httptest.NewServer(auth.NewAuthenticator(st).Middleware(auth.Options{Limiter: ratelimit.New(0.1, 2)})(http.NotFoundHandler()))
	defer srv.Close()
	for i, want := range []reply{
		{status: 401, code: domain.EUNAUTHENTICATED},
		{status: 401, code: domain.EUNAUTHENTICATED},
		{status: 429, code: domain.ERATELIMITED, retry: true},
		{status: 429, code: domain.ERATELIMITED, retry: true},
	} {
		before := st.Statements()
		got := call(t, srv.URL, "Bearer sgk_00000000000"+strconv.Itoa(i)+"_guess")
		lookups := st.Statements() - before
		if got != want || (got.status == 429) != (lookups == 0) {
			t.Fatalf("guess %d: %+v after %d lookups, want %+v", i, got, lookups, want)
		}
	}
}
