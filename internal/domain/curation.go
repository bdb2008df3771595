package domain

import (
	"fmt"
	"time"
)

// Role is what an API key may do. Each role includes the ones before it.
type Role string

// Roles, from least to most allowed.
const (
	RoleReader Role = "reader" // read the graph (when reads need a key)
	RoleEditor Role = "editor" // also curate: the write mutations
	RoleAdmin  Role = "admin"  // also manage keys
)

var roleRank = map[Role]int{RoleReader: 1, RoleEditor: 2, RoleAdmin: 3}

// ParseRole validates a role name.
func ParseRole(s string) (Role, error) {
	if roleRank[Role(s)] == 0 {
		return "", fmt.Errorf("unknown role %q (want reader, editor or admin)", s)
	}
	return Role(s), nil
}

// Allows reports whether a key of role r may do what needs role need. The
// empty role (no key) allows nothing.
func (r Role) Allows(need Role) bool { return roleRank[r] > 0 && roleRank[r] >= roleRank[need] }

// Key is an API key as stored: never its secret, only a hash of it.
type Key struct {
	ID   string
	Name string
	Role Role
	// Hash is the hex SHA-256 of the key's secret.
	Hash      string
	CreatedAt time.Time
	// RevokedAt is set once the key is revoked; a revoked key authenticates
	// nothing.
	RevokedAt time.Time
}

// Revoked reports whether the key was revoked.
func (k Key) Revoked() bool { return !k.RevokedAt.IsZero() }

// Actor is who makes a change: the API key, by id and name.
type Actor struct {
	KeyID, Name string
}

// Change actions recorded in the audit trail.
const (
	ActionCreateEntity        = "CREATE_ENTITY"
	ActionUpdateEntity        = "UPDATE_ENTITY"
	ActionAddRelationship     = "ADD_RELATIONSHIP"
	ActionUpdateRelationship  = "UPDATE_RELATIONSHIP"
	ActionRetractRelationship = "RETRACT_RELATIONSHIP"
	ActionMergeEntities       = "MERGE_ENTITIES"
)

// Change is one entry of the audit trail: who changed what, when, with the
// record before and after as JSON (empty before a creation, after a
// retraction or for the merged-away entity).
type Change struct {
	ID     string
	At     time.Time
	By     Actor
	Action string
	// Entities are the ids of the entities the change is about: the entity,
	// a relationship's two ends, or a merge's survivor and merged entity.
	Entities     []string
	Relationship string
	Before       string
	After        string
}

// Retraction is a relationship taken out of the graph: kept whole with why,
// by whom and when, out of the way of every read of the live graph.
type Retraction struct {
	ID           string
	Relationship Relationship
	Reason       string
	By           Actor
	At           time.Time
	Citations    []Citation
}
