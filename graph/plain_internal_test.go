package graph

import (
	"os"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/silkgraph/silkgraph/graph/model"
	"github.com/silkgraph/silkgraph/internal/domain"
)

// The shortcut is taken for the selections it exists for (a subgraph's
// usual nodes and edges) and for no other; plain_test.go checks that what
// it writes is what gqlgen would.
func TestPlainSelects(t *testing.T) {
	schema := NewExecutableSchema(Config{Resolvers: &Resolver{}}).Schema()
	tests := []struct {
		nodes, edges          string
		plainNodes, plainRels bool
	}{
		{"id name kind", "id type from { id } to { id }", true, true},
		{"id", "to { name kind id } id", true, true},
		{"a: id b: name", "x: from { i: id }", true, true},
		{"id __typename", "id __typename", false, false},
		{"id id", "id id", false, false},
		{"...on Company { id }", "from { ...on Company { id } }", false, false},
		{"id @skip(if: false)", "from { id @skip(if: false) }", false, false},
		{"id description", "id role", false, false},
		{"id name", "id from { id country { id } }", true, false},
		{"id relationships { totalCount }", "id sources { quote }", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.nodes+"/"+tt.edges, func(t *testing.T) {
			doc, err := gqlparser.LoadQueryWithRules(schema, `{ neighborhood(id: "x") { nodes { `+tt.nodes+` } edges { `+tt.edges+` } } }`, nil)
			if err != nil {
				t.Fatal(err)
			}
			sub := doc.Operations[0].SelectionSet[0].(*ast.Field).SelectionSet
			nodes, edges := sub[0].(*ast.Field).SelectionSet, sub[1].(*ast.Field).SelectionSet
			if got := entityFields.selects(nodes); got != tt.plainNodes {
				t.Errorf("nodes plain: %v, want %v", got, tt.plainNodes)
			}
			if got := relationshipFields.selects(edges); got != tt.plainRels {
				t.Errorf("edges plain: %v, want %v", got, tt.plainRels)
			}
		})
	}
}

// The executor routes through the shortcut where codegen puts it: without
// these calls the answers would be gqlgen's, and plain_test.go could not
// tell.
func TestExecutorTakesThePlainPath(t *testing.T) {
	src, err := os.ReadFile("generated.go")
	if err != nil {
		t.Fatal(err)
	}
	for call, want := range map[string]int{
		"plainEntity(field.Selections, obj.From)": 1, "plainEntity(field.Selections, obj.To)": 1,
		"plainEntity(field.Selections, obj.Node)": 1, "plainEntities(sel, v)": 1, "plainRelationships(sel, v)": 1,
	} {
		if got := strings.Count(string(src), call); got != want {
			t.Errorf("%s: %d in generated.go, want %d", call, got, want)
		}
	}
}

// Entities the shortcut cannot write leave the list to gqlgen: a typed nil
// (which gqlgen writes as null) or a relationship without an end.
func TestPlainDeclines(t *testing.T) {
	sel := ast.SelectionSet{&ast.Field{Name: "id", Alias: "id"}}
	company := model.NewEntity(domain.Entity{ID: "huawei", Name: "Huawei", Kind: domain.KindCompany})
	tests := []struct {
		name     string
		entities []model.Entity
		rels     []*model.Relationship
		want     bool
	}{
		{"entities", []model.Entity{company}, nil, true},
		{"a typed nil entity", []model.Entity{company, (*model.Company)(nil)}, nil, false},
		{"a nil entity", []model.Entity{nil}, nil, false},
		{"one typed nil entity", []model.Entity{(*model.Company)(nil)}, nil, false},
		{"relationships", nil, []*model.Relationship{{From: company, To: company}}, true},
		{"a typed nil end", nil, []*model.Relationship{{From: company, To: (*model.Agreement)(nil)}}, false},
		{"no end", nil, []*model.Relationship{{From: company}}, false},
		{"a nil relationship", nil, []*model.Relationship{nil}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ok bool
			if tt.rels == nil {
				_, ok = plainEntities(sel, tt.entities)
				if len(tt.entities) == 1 {
					if _, one := plainEntity(sel, tt.entities[0]); one != ok {
						t.Errorf("plainEntity: %v, plainEntities: %v", one, ok)
					}
				}
			} else {
				_, ok = plainRelationships(sel, tt.rels)
			}
			if ok != tt.want {
				t.Errorf("plain: %v, want %v", ok, tt.want)
			}
		})
	}
}
