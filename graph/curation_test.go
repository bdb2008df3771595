package graph_test

import (
	"strings"
	"testing"
)

// Without a key every mutation, and key management, is refused before it
// runs; reads of versions and of the (empty) audit trail work.
func TestCurationNeedsAKey(t *testing.T) {
	a := seeded(t)
	tests := []struct {
		name, query string
		code        string
		data        string // for reads
	}{
		{"upsert", `mutation { upsertEntity(input: {id: "hacker-co", kind: COMPANY, name: "Hacker", sources: [{source: "x", quote: "y"}]}) { id } }`, "UNAUTHENTICATED", ""},
		{"retract", `mutation { retractRelationship(id: "huawei|MAKES|elte", reason: "r", sources: [], expectedVersion: 1) { id } }`, "UNAUTHENTICATED", ""},
		{"merge", `mutation { mergeEntities(survivor: "huawei", merged: "hytera", sources: []) { id } }`, "UNAUTHENTICATED", ""},
		{"keys", `{ apiKeys { id } }`, "UNAUTHENTICATED", ""},
		{"nothing was written", `{ entities(filter: {kinds: [COMPANY]}, orderBy: {field: ID}, first: 500) { edges { node { id } } } }`, "", `"id":"hytera"`},
		{"versions", `{ entity(id: "huawei") { version relationships(first: 1) { edges { node { version } } } } }`, "", `{"version":1,"relationships":{"edges":[{"node":{"version":1}}]}}`},
		{"audit trail", `{ changes { totalCount } retractions(entity: "huawei") { totalCount } }`, "", `"changes":{"totalCount":0},"retractions":{"totalCount":0}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a.t = t
			r := a.do(tt.query, nil)
			if tt.code == "" {
				if len(r.Errors) > 0 || !strings.Contains(r.Raw, tt.data) || strings.Contains(r.Raw, "hacker-co") {
					t.Fatalf("got %s, want %s", r.Raw, tt.data)
				}
				return
			}
			if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != tt.code || r.Data["upsertEntity"] != nil {
				t.Fatalf("got %s, want %s", r.Raw, tt.code)
			}
		})
	}
}
