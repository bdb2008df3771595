package export

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/store"
)

// cytoscape writes Cytoscape.js JSON, {"elements": {"nodes": [{"data":
// {...}}], "edges": [...]}}, which Cytoscape.js and Cytoscape desktop load.
// Numbers are JSON numbers and lists JSON arrays; an edge's ends are its
// data's source and target, as Cytoscape.js requires.
type cytoscape struct {
	w     *bufio.Writer
	first bool // no element yet in the current list
	edges bool
}

func newCytoscape(w io.Writer) Encoder { return &cytoscape{w: bufio.NewWriter(w)} }

func (c *cytoscape) Begin([]domain.Source) error {
	c.first = true
	_, err := c.w.WriteString(`{"elements":{"nodes":[`)
	return err
}

var edgeEnds = map[string]string{"from": "source", "to": "target"}

func (c *cytoscape) element(cols []column, row []string, rename map[string]string) error {
	if !c.first {
		c.w.WriteString(",")
	}
	c.first = false
	c.w.WriteString("\n{\"data\":{")
	sep := ""
	for i, col := range cols {
		v := row[i]
		if v == "" {
			continue
		}
		name := col.name
		if n, ok := rename[name]; ok {
			name = n
		}
		key, _ := json.Marshal(name)
		c.w.WriteString(sep)
		c.w.Write(key)
		c.w.WriteString(":")
		if col.typ == text {
			b, _ := json.Marshal(v)
			c.w.Write(b)
		} else {
			c.w.WriteString(v) // a number or a JSON array already
		}
		sep = ","
	}
	_, err := c.w.WriteString("}}")
	return err
}

func (c *cytoscape) Node(e domain.Entity) error { return c.element(nodeColumns, nodeRow(e), nil) }

func (c *cytoscape) Edge(e store.Edge) error {
	if !c.edges {
		c.edges, c.first = true, true
		c.w.WriteString("\n],\"edges\":[")
	}
	return c.element(edgeColumns, edgeRow(e.Relationship), edgeEnds)
}

func (c *cytoscape) End() error {
	if !c.edges {
		c.w.WriteString("\n],\"edges\":[")
	}
	c.w.WriteString("\n]}}\n")
	return c.w.Flush()
}
