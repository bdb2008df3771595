package store

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// API keys live in the database, so that every API replica sees the same
// keys. Only a hash of each secret is stored.

const (
	createKeyCypher = `CREATE (k:ApiKey {id: $id, name: $name, role: $role, hash: $hash, createdAt: datetime()}) RETURN k`
	keysCypher      = `MATCH (k:ApiKey) RETURN k ORDER BY k.createdAt, k.id`
	keyCypher       = `MATCH (k:ApiKey {id: $id}) RETURN k`
	revokeKeyCypher = `MATCH (k:ApiKey {id: $id}) SET k.revokedAt = coalesce(k.revokedAt, datetime()) RETURN k`
)

// CreateKey stores a new key (its id, name, role and hash).
func (s *Store) CreateKey(ctx context.Context, k domain.Key) (domain.Key, error) {
	recs, err := s.write(ctx, createKeyCypher, map[string]any{"id": k.ID, "name": k.Name, "role": string(k.Role), "hash": k.Hash})
	if err != nil {
		return k, err
	}
	return keyRecord(recs[0].Values[0])
}

// Keys lists every key, revoked ones included, oldest first.
func (s *Store) Keys(ctx context.Context) ([]domain.Key, error) {
	recs, err := s.read(ctx, keysCypher, nil)
	if err != nil {
		return nil, err
	}
	out := make([]domain.Key, 0, len(recs))
	for _, rec := range recs {
		k, err := keyRecord(rec.Values[0])
		if err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, nil
}

// Key returns one key; NOT_FOUND when there is none.
func (s *Store) Key(ctx context.Context, id string) (domain.Key, error) {
	return s.oneKey(ctx, s.read, keyCypher, id)
}

// RevokeKey revokes a key for good (revoking it again changes nothing).
func (s *Store) RevokeKey(ctx context.Context, id string) (domain.Key, error) {
	return s.oneKey(ctx, s.write, revokeKeyCypher, id)
}

type runFunc func(context.Context, string, map[string]any) ([]*neo4j.Record, error)

func (s *Store) oneKey(ctx context.Context, run runFunc, cypher, id string) (domain.Key, error) {
	recs, err := run(ctx, cypher, map[string]any{"id": id})
	if err != nil {
		return domain.Key{}, err
	}
	if len(recs) == 0 {
		return domain.Key{}, domain.Errorf(domain.ENOTFOUND, "no API key %q", id)
	}
	return keyRecord(recs[0].Values[0])
}

func keyRecord(v any) (domain.Key, error) {
	n, ok := v.(dbtype.Node)
	if !ok {
		return domain.Key{}, fmt.Errorf("want a key node, got %T", v)
	}
	p := n.Props
	created, _ := p["createdAt"].(time.Time)
	revoked, _ := p["revokedAt"].(time.Time)
	return domain.Key{ID: str(p, "id"), Name: str(p, "name"), Role: domain.Role(str(p, "role")), Hash: str(p, "hash"),
		CreatedAt: created, RevokedAt: revoked}, nil
}
