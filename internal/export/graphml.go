package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/store"
)

// graphML writes GraphML (Gephi, yEd, Cytoscape desktop): a <key> per
// column with its attr.type, then nodes and edges with a <data> per value.
// A node's id is its id attribute; a relationship's id is data, since
// GraphML ids are XML name tokens and ours hold "|".
type graphML struct {
	w *bufio.Writer
}

func newGraphML(w io.Writer) Encoder { return &graphML{w: bufio.NewWriter(w)} }

func xmlTypeOf(c column) string {
	if c.typ == number {
		return "double"
	}
	return "string"
}

func (g *graphML) Begin([]domain.Source) error {
	g.w.WriteString(xml.Header)
	g.w.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for _, set := range []struct {
		prefix, domain string
		cols           []column
	}{{"n", "node", nodeColumns[1:]}, {"e", "edge", edgeColumns}} {
		for _, c := range set.cols {
			fmt.Fprintf(g.w, `  <key id="%s_%s" for="%s" attr.name="%s" attr.type="%s"/>`+"\n", set.prefix, c.name, set.domain, c.name, xmlTypeOf(c))
		}
	}
	_, err := g.w.WriteString(`  <graph id="silkgraph" edgedefault="directed">` + "\n")
	return err
}

// element writes <name attrs><data key="prefix_col">value</data>...</name>,
// skipping empty values.
func (g *graphML) element(name, attrs, prefix string, cols []column, row []string) error {
	fmt.Fprintf(g.w, "    <%s %s>", name, attrs)
	for i, c := range cols {
		if v := row[i]; v != "" {
			fmt.Fprintf(g.w, `<data key="%s_%s">`, prefix, c.name)
			escape(g.w, v)
			g.w.WriteString("</data>")
		}
	}
	_, err := fmt.Fprintf(g.w, "</%s>\n", name)
	return err
}

func (g *graphML) Node(e domain.Entity) error {
	return g.element("node", `id="`+attr(e.ID)+`"`, "n", nodeColumns[1:], nodeRow(e)[1:])
}

func (g *graphML) Edge(e store.Edge) error {
	return g.element("edge", fmt.Sprintf(`source="%s" target="%s"`, attr(e.From), attr(e.To)), "e", edgeColumns, edgeRow(e.Relationship))
}

func (g *graphML) End() error {
	g.w.WriteString("  </graph>\n</graphml>\n")
	return g.w.Flush()
}
