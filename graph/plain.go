package graph

import (
	"io"
	"reflect"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/silkgraph/silkgraph/graph/model"
)

// A subgraph is a list of nodes asked for their id, name and kind, and a
// list of edges asked for their id, type and the ids of their ends: a
// thousand small objects per answer. gqlgen resolves each through a field
// context, a field set and a marshaller per field, which cost a neighborhood
// a third of the server's time. A list or an entity whose selection is
// plain (only the fields of a plainType, each once, with no directive,
// argument, fragment or __typename) is written here in one step instead;
// graph/codegen routes lists of entities and relationships, and entity
// fields, through plainEntities, plainRelationships and plainEntity. The
// fields are non-null values of the object itself, so no resolver, error or
// child field context is skipped; any other selection takes gqlgen's path.

// plainType is the fields of a T that may be written directly.
type plainType[T any] map[string]plainField[T]

type plainField[T any] struct {
	write func(w io.Writer, v T, sel ast.SelectionSet)
	// object, for a field of object type, tells whether its own selection
	// is plain.
	object func(ast.SelectionSet) bool
}

// selects reports whether sel is plain for t.
func (t plainType[T]) selects(sel ast.SelectionSet) bool {
	if len(sel) == 0 || len(sel) > len(t) {
		return false
	}
	for i, s := range sel {
		f, ok := s.(*ast.Field)
		if !ok || len(f.Directives) > 0 || len(f.Arguments) > 0 {
			return false
		}
		pf, ok := t[f.Name]
		if !ok || (pf.object == nil) != (len(f.SelectionSet) == 0) || (pf.object != nil && !pf.object(f.SelectionSet)) {
			return false
		}
		for _, prev := range sel[:i] {
			if prev.(*ast.Field).Alias == f.Alias { // gqlgen merges such fields
				return false
			}
		}
	}
	return true
}

// write writes v as a gqlgen field set would: the fields in selection order
// under their response keys.
func (t plainType[T]) write(w io.Writer, v T, sel ast.SelectionSet) {
	_, _ = io.WriteString(w, "{")
	for i, s := range sel {
		f := s.(*ast.Field)
		if i > 0 {
			_, _ = io.WriteString(w, ",")
		}
		graphql.MarshalString(f.Alias).MarshalGQL(w)
		_, _ = io.WriteString(w, ":")
		t[f.Name].write(w, v, f.SelectionSet)
	}
	_, _ = io.WriteString(w, "}")
}

func writeString(w io.Writer, s string) { graphql.MarshalString(s).MarshalGQL(w) }

// The entity and relationship fields; an entity here is a model.Named
// (plainEntity and plainEntities check).
var (
	entityFields = plainType[model.Entity]{
		"id":   {write: func(w io.Writer, e model.Entity, _ ast.SelectionSet) { writeString(w, e.(model.Named).ID()) }},
		"name": {write: func(w io.Writer, e model.Entity, _ ast.SelectionSet) { writeString(w, e.(model.Named).Name()) }},
		"kind": {write: func(w io.Writer, e model.Entity, _ ast.SelectionSet) {
			model.MarshalEntityKind(e.(model.Named).Kind()).MarshalGQL(w)
		}},
	}
	relationshipFields = plainType[*model.Relationship]{
		"id": {write: func(w io.Writer, r *model.Relationship, _ ast.SelectionSet) { writeString(w, r.ID()) }},
		"type": {write: func(w io.Writer, r *model.Relationship, _ ast.SelectionSet) {
			model.MarshalRelationshipType(r.Type()).MarshalGQL(w)
		}},
		"from": {write: func(w io.Writer, r *model.Relationship, sel ast.SelectionSet) { entityFields.write(w, r.From, sel) },
			object: entityFields.selects},
		"to": {write: func(w io.Writer, r *model.Relationship, sel ast.SelectionSet) { entityFields.write(w, r.To, sel) },
			object: entityFields.selects},
	}
)

// plainWritable tells an entity that can be written here: not a typed nil
// (a nil *model.Company), which gqlgen writes as null.
func plainWritable(e model.Entity) bool {
	if _, ok := e.(model.Named); !ok {
		return false
	}
	v := reflect.ValueOf(e)
	return v.Kind() != reflect.Pointer || !v.IsNil()
}

// plainValue is one object written directly; plainList, a list of them.
type (
	plainValue[T any] struct {
		t   plainType[T]
		v   T
		sel ast.SelectionSet
	}
	plainList[T any] struct {
		t   plainType[T]
		v   []T
		sel ast.SelectionSet
	}
)

func (p plainValue[T]) MarshalGQL(w io.Writer) { p.t.write(w, p.v, p.sel) }

func (p plainList[T]) MarshalGQL(w io.Writer) {
	_, _ = io.WriteString(w, "[")
	for i, v := range p.v {
		if i > 0 {
			_, _ = io.WriteString(w, ",")
		}
		p.t.write(w, v, p.sel)
	}
	_, _ = io.WriteString(w, "]")
}

// plainEntity returns e written for sel, if sel is plain.
func plainEntity(sel ast.SelectionSet, e model.Entity) (graphql.Marshaler, bool) {
	if !plainWritable(e) || !entityFields.selects(sel) {
		return nil, false
	}
	return plainValue[model.Entity]{entityFields, e, sel}, true
}

// plainEntities returns the list v written for sel, if sel is plain.
func plainEntities(sel ast.SelectionSet, v []model.Entity) (graphql.Marshaler, bool) {
	if !entityFields.selects(sel) {
		return nil, false
	}
	for _, e := range v {
		if !plainWritable(e) {
			return nil, false
		}
	}
	return plainList[model.Entity]{entityFields, v, sel}, true
}

// plainRelationships returns the list v written for sel, if sel is plain
// and every relationship has both ends.
func plainRelationships(sel ast.SelectionSet, v []*model.Relationship) (graphql.Marshaler, bool) {
	if !relationshipFields.selects(sel) {
		return nil, false
	}
	for _, r := range v {
		if r == nil || !plainWritable(r.From) || !plainWritable(r.To) {
			return nil, false
		}
	}
	return plainList[*model.Relationship]{relationshipFields, v, sel}, true
}
