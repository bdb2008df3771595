package model

import (
	"strings"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// NewChange wraps an entry of the audit trail.
func NewChange(c domain.Change) *Change {
	return &Change{
		ID: c.ID, At: c.At, By: c.By.Name, ByKey: c.By.KeyID, Action: ChangeAction(c.Action),
		Entities: nonNil(c.Entities), Relationship: optional(c.Relationship),
		Before: optional(c.Before), After: optional(c.After),
	}
}

// NewRetraction wraps a retraction; ends holds the relationship's ends
// where known (they may have been merged since).
func NewRetraction(x domain.Retraction, ends map[string]domain.Entity) *Retraction {
	return &Retraction{
		ID: x.ID, Relationship: NewRelationship(x.Relationship, ends), Reason: x.Reason,
		By: x.By.Name, ByKey: x.By.KeyID, At: x.At, Sources: NewCitations(x.Citations),
	}
}

// NewAPIKey describes a key, never its secret (which nothing keeps).
func NewAPIKey(k domain.Key) *APIKey {
	out := &APIKey{ID: k.ID, Name: k.Name, Role: Role(strings.ToUpper(string(k.Role))), CreatedAt: k.CreatedAt}
	if k.Revoked() {
		out.RevokedAt = &k.RevokedAt
	}
	return out
}
