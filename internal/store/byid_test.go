package store

import (
	"slices"
	"testing"

	"github.com/silkgraph/silkgraph/internal/domain"
)

func TestByID(t *testing.T) {
	rels := func(ids ...string) []domain.Relationship {
		out := make([]domain.Relationship, len(ids))
		for i, id := range ids {
			out[i] = domain.Relationship{ID: id, From: "from-" + id}
		}
		return out
	}
	tests := []struct{ in, want []domain.Relationship }{
		{nil, rels()},
		{rels("b"), rels("b")},
		{rels("c", "a", "b"), rels("a", "b", "c")},
		{rels("r|2", "r", "q|10", "r|10"), rels("q|10", "r", "r|10", "r|2")},
	}
	for _, tt := range tests {
		if got := byID(tt.in); !slices.EqualFunc(got, tt.want, func(a, b domain.Relationship) bool { return a.ID == b.ID && a.From == b.From }) {
			t.Errorf("byID(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
