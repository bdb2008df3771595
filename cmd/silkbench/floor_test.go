package main

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/silkgraph/silkgraph/internal/store"
)

// The floor answers each operation with our API's answer, after the
// operation's store call, and fails when that call fails.
func TestFloorServesTheAPIsAnswers(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		switch {
		case strings.Contains(string(body), "timeline"):
			_, _ = io.WriteString(w, `{"data":{"timeline":[]}}`)
		default:
			_, _ = io.WriteString(w, `{"data":{"entity":{"id":"huawei"}}}`)
		}
	}))
	defer api.Close()
	var calls []string
	ops := []op{
		{name: "entity", api: request{query: "{ entity(id: \"huawei\") { id } }"}, raw: func(context.Context, *store.Store) error {
			calls = append(calls, "entity")
			return nil
		}},
		{name: "timeline", api: request{query: "{ timeline { date } }"}, raw: func(context.Context, *store.Store) error {
			calls = append(calls, "timeline")
			return errors.New("database down")
		}},
	}
	h, err := floorHandler(context.Background(), ops, nil, gqlClient{http: api.Client(), url: api.URL})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		method, path string
		wantCode     int
		wantBody     string
	}{
		{http.MethodPost, "/floor/entity", http.StatusOK, `{"data":{"entity":{"id":"huawei"}}}`},
		{http.MethodPost, "/floor/timeline", http.StatusInternalServerError, "database down\n"},
		{http.MethodPost, "/floor/paths", http.StatusNotFound, "404 page not found\n"},
		{http.MethodGet, "/readyz", http.StatusOK, "ok\n"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, strings.NewReader(`{"query":"{ x }"}`)))
			if rec.Code != tt.wantCode || rec.Body.String() != tt.wantBody {
				t.Errorf("%s %s = %d %q, want %d %q", tt.method, tt.path, rec.Code, rec.Body.String(), tt.wantCode, tt.wantBody)
			}
		})
	}
	if got := strings.Join(calls, ","); got != "entity,timeline" {
		t.Errorf("store calls = %s, want entity,timeline", got)
	}
}

// The floor refuses to start without our API's answer to every operation.
func TestFloorNeedsTheAPI(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, `{"errors":[{"message":"no entity \"x\""}],"data":{"entity":null}}`)
	}))
	defer api.Close()
	ops := []op{{name: "entity", api: request{query: "{ entity(id: \"x\") { id } }"}}}
	_, err := floorHandler(context.Background(), ops, nil, gqlClient{http: api.Client(), url: api.URL})
	if want := `entity: our API's answer: graphql: no entity "x"`; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}
