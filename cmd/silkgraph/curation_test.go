package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/silkgraph/silkgraph/internal/testenv"
)

// createKey runs `silkgraph keys create` and returns the key it prints once.
func createKey(t *testing.T, name, role string) (id, token string) {
	t.Helper()
	out, err := run(context.Background(), "keys", "create", "--name", name, "--role", role)
	if err != nil {
		t.Fatalf("keys create: %v", err)
	}
	m := regexp.MustCompile(`created key (\w+) .*\nkey: (sgk_\S+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("keys create printed %q", out)
	}
	return m[1], m[2]
}

// answer is a GraphQL response as a client sees it.
type answer struct {
	status     int
	retryAfter string
	data       map[string]any
	errors     []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	}
	raw string
}

func (a answer) code() string {
	if len(a.errors) == 0 {
		return ""
	}
	c, _ := a.errors[0].Extensions["code"].(string)
	return c
}

func gql(t *testing.T, base, token, query string, vars map[string]any) answer {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return fetch(t, req, token)
}

// fetch sends a request with the key, if any; JSON answers are decoded.
func fetch(t *testing.T, req *http.Request, token string) answer {
	t.Helper()
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(res.Body)
	a := answer{status: res.StatusCode, retryAfter: res.Header.Get("Retry-After"), raw: buf.String()}
	if !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		return a
	}
	var r struct {
		Data   map[string]any `json:"data"`
		Errors json.RawMessage
	}
	if err := json.Unmarshal(buf.Bytes(), &r); err != nil {
		t.Fatalf("HTTP %d, body %q: %v", res.StatusCode, buf.String(), err)
	}
	a.data = r.Data
	if len(r.Errors) > 0 {
		_ = json.Unmarshal(r.Errors, &a.errors)
	}
	return a
}

// exportGraphML asks for an export of hytera's neighborhood.
func exportGraphML(t *testing.T, base, token string) answer {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+"/export/graphml?entity=hytera", nil)
	return fetch(t, req, token)
}

// The curation rules end to end, as a client meets them: keys made with the
// CLI, a server that needs a key for everything, roles, versions, the
// shared validator, merges, the audit trail and the rate limit.
func TestCurationOverHTTP(t *testing.T) {
	setEnv(t)
	testenv.Reset(t, testenv.Store(t))
	_, reader := createKey(t, "rita", "reader")
	_, editor := createKey(t, "eddie", "editor")
	_, admin := createKey(t, "ada", "admin")
	_, burst := createKey(t, "busy", "reader")
	revokedID, revoked := createKey(t, "gone", "editor")
	if out, err := run(context.Background(), "keys", "revoke", revokedID); err != nil || !strings.Contains(out, "revoked key "+revokedID) {
		t.Fatalf("keys revoke: %q, %v", out, err)
	}
	if out, err := run(context.Background(), "keys", "list"); err != nil || !regexp.MustCompile(`(?m)^`+revokedID+`\s+gone\s+editor\s+\S+\s+\d{4}-`).MatchString(out) ||
		strings.Contains(out, "sgk_") {
		t.Fatalf("keys list: %q, %v", out, err)
	}

	base := serve(t, "--migrate", "--load", "../../seed", "--reads-need-key", "--rate-limit", "1", "--rate-burst", "25",
		"--cors-origins", "https://analyst.example")

	const quote = "The equipment was acquired from a Sarajevo-based supplier called MIBO Komunikacije in November 2023"
	const upsert = `mutation($in: EntityInput!, $v: Int) { upsertEntity(input: $in, expectedVersion: $v) { id version ... on Company { aliases } } }`
	entity := func(name, quote string) map[string]any {
		return map[string]any{"id": "mibo-doo", "kind": "COMPANY", "name": name, "country": "bosnia-and-herzegovina",
			"sources": []any{map[string]any{"source": "rferl-2024-sarajevo-bodycams", "quote": quote}}}
	}
	steps := []struct {
		name, token, query string
		vars               map[string]any
		status             int
		code               string
		want               []string // in the answer
	}{
		{"no key", "", `{ entity(id: "hytera") { name } }`, nil, 401, "UNAUTHENTICATED", nil},
		{"revoked key", revoked, `{ entity(id: "hytera") { name } }`, nil, 401, "UNAUTHENTICATED", nil},
		{"reader reads", reader, `{ entity(id: "hytera") { name version } }`, nil, 200, "", []string{`"version":1`}},
		{"reader cannot write", reader, upsert, map[string]any{"in": entity("MIBO d.o.o.", quote)}, 200, "FORBIDDEN", nil},
		{"editor cannot manage keys", editor, `{ apiKeys { id } }`, nil, 200, "FORBIDDEN", nil},
		{"admin lists keys", admin, `{ apiKeys { name role revokedAt } }`, nil, 200, "", []string{`"name":"gone","role":"EDITOR","revokedAt":"20`, `"name":"rita","role":"READER","revokedAt":null`}},
		{"quote not in the source", editor, upsert, map[string]any{"in": entity("MIBO d.o.o.", "MIBO sold drones")}, 200, "BAD_USER_INPUT",
			[]string{`"problems":[{"field":"input.sources[0].quote"`}},
		{"create", editor, upsert, map[string]any{"in": entity("MIBO d.o.o.", quote)}, 200, "", []string{`"version":1`}},
		{"create again", editor, upsert, map[string]any{"in": entity("MIBO d.o.o.", quote)}, 200, "CONFLICT", nil},
		{"update", editor, upsert, map[string]any{"in": entity("MIBO Komunikacije d.o.o.", quote), "v": 1}, 200, "", []string{`"version":2`}},
		{"stale version", editor, upsert, map[string]any{"in": entity("MIBO Sarajevo", quote), "v": 1}, 200, "CONFLICT", nil},
		{"add relationship", editor, `mutation { addRelationship(input: {type: PARTNERS_WITH, from: "hytera", to: "mibo-doo",
			sources: [{source: "rferl-2024-sarajevo-bodycams", quote: "` + quote + `"}]}) { id version } }`, nil, 200, "",
			[]string{`"id":"hytera|PARTNERS_WITH|mibo-doo","version":1`}},
		{"merge", editor, `mutation { mergeEntities(survivor: "mibo-komunikacije", merged: "mibo-doo",
			sources: [{source: "rferl-2024-sarajevo-bodycams", quote: "` + quote + `"}]) { id version ... on Company { aliases } } }`, nil, 200, "",
			[]string{`"id":"mibo-komunikacije","version":2`, `"MIBO Komunikacije d.o.o."`}},
		{"the merged id resolves", reader, `{ entity(id: "mibo-doo") { id relationships(types: [PARTNERS_WITH]) { edges { node { id } } } } }`, nil, 200, "",
			[]string{`"id":"mibo-komunikacije"`, `"id":"hytera|PARTNERS_WITH|mibo-komunikacije"`}},
		{"retract", editor, `mutation { retractRelationship(id: "hytera|PARTNERS_WITH|mibo-komunikacije", reason: "not a partnership",
			sources: [{source: "rferl-2024-sarajevo-bodycams", quote: "` + quote + `"}], expectedVersion: 1) { reason by relationship { id from { id } } } }`, nil, 200, "",
			[]string{`"reason":"not a partnership","by":"eddie"`, `"from":{"id":"hytera"}`}},
		{"retracted is hidden", reader, `{ relationship(id: "hytera|PARTNERS_WITH|mibo-komunikacije") { id } }`, nil, 200, "NOT_FOUND", nil},
		{"and kept", reader, `{ retractions(entity: "mibo-doo") { totalCount edges { node { relationship { id } reason byKey } } } }`, nil, 200, "",
			[]string{`"totalCount":1`, `"reason":"not a partnership"`}},
		{"the audit trail", reader, `{ changes(entity: "mibo-doo") { totalCount edges { node { action by before after } } } }`, nil, 200, "",
			[]string{`"totalCount":5`, `"action":"CREATE_ENTITY","by":"eddie","before":null`, `\"name\":\"MIBO d.o.o.\"`, `"action":"MERGE_ENTITIES"`, `"action":"RETRACT_RELATIONSHIP"`}},
	}
	t.Run("exports need a key too", func(t *testing.T) {
		if a := exportGraphML(t, base, ""); a.status != http.StatusUnauthorized || a.code() != "UNAUTHENTICATED" {
			t.Errorf("export without a key: HTTP %d %q: %.200s", a.status, a.code(), a.raw)
		}
		if a := exportGraphML(t, base, revoked); a.status != http.StatusUnauthorized || a.code() != "UNAUTHENTICATED" {
			t.Errorf("export with a revoked key: HTTP %d %q: %.200s", a.status, a.code(), a.raw)
		}
		if a := exportGraphML(t, base, reader); a.status != http.StatusOK || !strings.Contains(a.raw, "<graphml") {
			t.Errorf("export with a reader's key: HTTP %d: %.200s", a.status, a.raw)
		}
	})
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			a := gql(t, base, s.token, s.query, s.vars)
			if a.status != s.status || a.code() != s.code {
				t.Fatalf("HTTP %d %q, want %d %q: %s", a.status, a.code(), s.status, s.code, a.raw)
			}
			for _, w := range s.want {
				if !strings.Contains(a.raw, w) {
					t.Fatalf("answer lacks %s: %s", w, a.raw)
				}
			}
		})
	}

	t.Run("CORS", func(t *testing.T) {
		for _, path := range []string{"/graphql", "/export/graphml"} {
			for origin, allowed := range map[string]bool{"https://analyst.example": true, "https://elsewhere.example": false} {
				req, _ := http.NewRequest(http.MethodOptions, base+path, nil)
				req.Header.Set("Origin", origin)
				req.Header.Set("Access-Control-Request-Method", "GET")
				req.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				if got := res.Header.Get("Access-Control-Allow-Origin"); (got == origin) != allowed || res.StatusCode >= 400 {
					t.Errorf("preflight of %s from %s: HTTP %d, Access-Control-Allow-Origin %q", path, origin, res.StatusCode, got)
				}
			}
		}
	})

	t.Run("rate limit", func(t *testing.T) {
		for i := range 60 {
			a := gql(t, base, burst, `{ ontology { kinds { kind } } }`, nil)
			if a.status == http.StatusTooManyRequests {
				if n, err := strconv.Atoi(a.retryAfter); err != nil || n < 1 || a.code() != "RATE_LIMITED" {
					t.Fatalf("429 with Retry-After %q, code %q", a.retryAfter, a.code())
				}
				if i < 25 {
					t.Fatalf("limited after %d requests, burst is 25", i)
				}
				// Exports draw on the same bucket.
				if a := exportGraphML(t, base, burst); a.status != http.StatusTooManyRequests || a.code() != "RATE_LIMITED" {
					t.Fatalf("export by a limited key: HTTP %d %q", a.status, a.code())
				}
				return
			}
		}
		t.Fatal("60 requests at once were never limited")
	})
}
