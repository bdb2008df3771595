package graph_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/silkgraph/silkgraph/graph"
)

// POST answers as gqlgen's own transport does (its GET transport writes the
// same responses through json.Marshal): same status, media type and JSON,
// for answers, errors beside data, and requests that fail before execution.
func TestPostAnswersAsGqlgen(t *testing.T) {
	a := seeded(t)
	tests := []struct {
		name, query, accept string
		wantStatus          int
		wantType            string
	}{
		{"answer", `{ neighborhood(id: "hytera", depth: 2) { truncated nodes { id name kind } edges { id type from { id } to { id } } } }`,
			"", http.StatusOK, "application/json"},
		{"quotes and markup", `{ entity(id: "huawei") { name description sources { quote source { title url } } } }`,
			"application/json", http.StatusOK, "application/json"},
		{"not found beside data", `{ huawei: entity(id: "huawei") { id } none: entity(id: "atlantis") { id } }`,
			"*/*", http.StatusOK, "application/json"},
		{"invalid", `{ entity(id: "huawei") { nope } }`, "", http.StatusUnprocessableEntity, "application/json"},
		{"graphql-response+json", `{ entity(id: "huawei") { id } }`, "application/graphql-response+json", http.StatusOK,
			"application/graphql-response+json"},
		{"invalid, graphql-response+json", `{ entity(id: "huawei") { nope } }`, "application/graphql-response+json",
			http.StatusBadRequest, "application/graphql-response+json"},
		{"no acceptable type", `{ entity(id: "huawei") { id } }`, "text/html", http.StatusOK, "application/graphql-response+json"},
		{"malformed media type skipped", `{ entity(id: "huawei") { id } }`, "application/json; charset", http.StatusOK,
			"application/graphql-response+json"},
	}
	send := func(method, query, accept string) (int, string, any) {
		t.Helper()
		var req *http.Request
		if method == http.MethodGet {
			req, _ = http.NewRequest(method, a.url+"?query="+url.QueryEscape(query), nil)
		} else {
			body, _ := json.Marshal(map[string]any{"query": query})
			req, _ = http.NewRequest(method, a.url, strings.NewReader(string(body)))
			req.Header.Set("Content-Type", "application/json")
		}
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		raw, _ := io.ReadAll(res.Body)
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatalf("%s %q: %v in %.200s", method, query, err, raw)
		}
		return res.StatusCode, res.Header.Get("Content-Type"), v
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, ctype, got := send(http.MethodPost, tt.query, tt.accept)
			if status != tt.wantStatus || ctype != tt.wantType {
				t.Errorf("POST: HTTP %d, %s; want %d, %s", status, ctype, tt.wantStatus, tt.wantType)
			}
			_, _, want := send(http.MethodGet, tt.query, tt.accept)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("POST answers\n%.400v\nGET answers\n%.400v", got, want)
			}
		})
	}
}

// A body that cannot be read or decoded gets gqlgen's own message and status,
// as BAD_USER_INPUT.
func TestPostBadBodies(t *testing.T) {
	h := graph.NewHandler(seeded(t).st, graph.DefaultOptions)
	tests := []struct {
		name       string
		body       io.Reader
		wantStatus int
		wantError  string
	}{
		{"not JSON", strings.NewReader(`{"query": `), http.StatusBadRequest, "json request body could not be decoded"},
		{"unreadable", io.MultiReader(strings.NewReader(`{"query": "{ __typename }"`), errReader{}), http.StatusOK,
			"could not read request body: broken pipe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "/graphql", tt.body)
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			body := rec.Body.String()
			if rec.Code != tt.wantStatus || !strings.Contains(body, tt.wantError) || !strings.Contains(body, `"code":"BAD_USER_INPUT"`) {
				t.Errorf("HTTP %d %s; want %d, %q and BAD_USER_INPUT", rec.Code, body, tt.wantStatus, tt.wantError)
			}
		})
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("broken pipe") }

// Requests in a way the API does not take are refused with a code, a status
// that says why, and what to send instead; GET runs queries only.
func TestRequestsTheAPIDoesNotTake(t *testing.T) {
	h := graph.NewHandler(seeded(t).st, graph.DefaultOptions)
	const (
		mutation = `mutation { retractRelationship(id: "x", reason: "r", sources: [], expectedVersion: 1) { reason } }`
		both     = `query Q { __typename } mutation M { retractRelationship(id: "x", reason: "r", sources: [], expectedVersion: 1) { reason } }`
	)
	get := func(query, operationName string) string {
		v := url.Values{"query": {query}}
		if operationName != "" {
			v.Set("operationName", operationName)
		}
		return "/graphql?" + v.Encode()
	}
	tests := []struct {
		name, method, target, contentType string
		wantStatus                        int
		wantAllow, wantError              string
	}{
		{"PUT", http.MethodPut, "/graphql", "application/json", http.StatusMethodNotAllowed, "GET, POST, OPTIONS", "send GraphQL as a POST with Content-Type: application/json"},
		{"DELETE", http.MethodDelete, "/graphql", "", http.StatusMethodNotAllowed, "GET, POST, OPTIONS", "send GraphQL as a POST"},
		{"HEAD", http.MethodHead, "/graphql", "", http.StatusMethodNotAllowed, "GET, POST, OPTIONS", "send GraphQL as a POST"},
		{"POST as text", http.MethodPost, "/graphql", "text/plain", http.StatusUnsupportedMediaType, "", "Content-Type: application/json"},
		{"POST as a form", http.MethodPost, "/graphql", "application/x-www-form-urlencoded", http.StatusUnsupportedMediaType, "", "Content-Type: application/json"},
		{"POST without a type", http.MethodPost, "/graphql", "", http.StatusUnsupportedMediaType, "", "Content-Type: application/json"},
		{"mutation by GET", http.MethodGet, get(mutation, ""), "", http.StatusMethodNotAllowed, "POST", "GET only runs queries: send mutations as POST"},
		{"mutation by GET, by name", http.MethodGet, get(both, "M"), "",
			http.StatusMethodNotAllowed, "POST", "GET only runs queries"},
		{"query by GET, beside a mutation", http.MethodGet, get(both, "Q"), "",
			http.StatusOK, "", ""},
		{"broken query by GET", http.MethodGet, get(`{ entity(id: `, ""), "", http.StatusUnprocessableEntity, "", "Unexpected <EOF>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.target, strings.NewReader(`{"query": "{ __typename }"}`))
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			var got struct {
				Errors []struct {
					Message    string
					Extensions struct{ Code string }
				}
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
				t.Fatalf("HTTP %d, %q: %v", rec.Code, rec.Body.String(), err)
			}
			if rec.Code != tt.wantStatus || rec.Header().Get("Allow") != tt.wantAllow {
				t.Errorf("HTTP %d, Allow %q; want %d, %q: %s", rec.Code, rec.Header().Get("Allow"), tt.wantStatus, tt.wantAllow, rec.Body.String())
			}
			if tt.wantError == "" {
				if len(got.Errors) > 0 {
					t.Errorf("errors: %s", rec.Body.String())
				}
				return
			}
			if len(got.Errors) != 1 || !strings.Contains(got.Errors[0].Message, tt.wantError) || got.Errors[0].Extensions.Code != "BAD_USER_INPUT" {
				t.Errorf("errors %+v; want one BAD_USER_INPUT with %q", got.Errors, tt.wantError)
			}
		})
	}
}

// A body over the server's limit is refused with 413, the limit and a code.
func TestPostTooLargeBody(t *testing.T) {
	h := http.MaxBytesHandler(graph.NewHandler(seeded(t).st, graph.DefaultOptions), 64)
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query": "{ search(query: \"`+strings.Repeat("huawei ", 20)+`\") { totalCount } }"}`))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	body := rec.Body.String()
	if rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(body, "over the limit of 64 bytes") || !strings.Contains(body, `"code":"BAD_USER_INPUT"`) {
		t.Errorf("HTTP %d %s; want 413, the limit and BAD_USER_INPUT", rec.Code, body)
	}
}

// A mutation sent by GET as a persisted query's hash is refused as one sent
// whole.
func TestPersistedMutationByGET(t *testing.T) {
	h := graph.NewHandler(seeded(t).st, graph.DefaultOptions)
	const mutation = `mutation { retractRelationship(id: "x", reason: "r", sources: [], expectedVersion: 1) { reason } }`
	sum := sha256.Sum256([]byte(mutation))
	ext := `{"persistedQuery":{"version":1,"sha256Hash":"` + hex.EncodeToString(sum[:]) + `"}}`
	body, _ := json.Marshal(map[string]any{"query": mutation, "extensions": json.RawMessage(ext)})
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	h.ServeHTTP(httptest.NewRecorder(), req) // registers the hash (the mutation itself is refused: no key)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/graphql?"+url.Values{"extensions": {ext}}.Encode(), nil))
	if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != http.MethodPost ||
		!strings.Contains(rec.Body.String(), `"code":"BAD_USER_INPUT"`) || !strings.Contains(rec.Body.String(), "GET only runs queries") {
		t.Errorf("HTTP %d, Allow %q: %s", rec.Code, rec.Header().Get("Allow"), rec.Body.String())
	}
}
