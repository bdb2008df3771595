package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/store"
)

// gexf writes GEXF 1.2 (Gephi's format): attribute declarations for nodes
// and edges, then <nodes> and <edges> with an <attvalue> per value. Names
// are node labels and types edge labels. 1.2 rather than 1.3: Gephi reads
// both, and 1.2's schema is the one our tests can validate against.
type gexf struct {
	w     *bufio.Writer
	edges bool // whether <edges> has been opened
}

func newGEXF(w io.Writer) Encoder { return &gexf{w: bufio.NewWriter(w)} }

func (g *gexf) Begin([]domain.Source) error {
	g.w.WriteString(xml.Header)
	g.w.WriteString(`<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">` + "\n")
	g.w.WriteString("  <meta><creator>Silkgraph</creator><description>Sourced knowledge graph of the Digital Silk Road</description></meta>\n")
	g.w.WriteString(`  <graph mode="static" defaultedgetype="directed">` + "\n")
	for _, set := range []struct {
		class string
		cols  []column
	}{{"node", nodeColumns[1:]}, {"edge", edgeColumns[1:]}} {
		fmt.Fprintf(g.w, `    <attributes class="%s">`+"\n", set.class)
		for _, c := range set.cols {
			fmt.Fprintf(g.w, `      <attribute id="%s" title="%s" type="%s"/>`+"\n", c.name, c.name, xmlTypeOf(c))
		}
		g.w.WriteString("    </attributes>\n")
	}
	_, err := g.w.WriteString("    <nodes>\n")
	return err
}

// element writes <name attrs><attvalues>...</attvalues></name>, the id
// column being an attribute.
func (g *gexf) element(name, attrs string, cols []column, row []string) error {
	fmt.Fprintf(g.w, "      <%s %s><attvalues>", name, attrs)
	for i, c := range cols[1:] {
		if v := row[i+1]; v != "" {
			fmt.Fprintf(g.w, `<attvalue for="%s" value="%s"/>`, c.name, attr(v))
		}
	}
	_, err := fmt.Fprintf(g.w, "</attvalues></%s>\n", name)
	return err
}

func (g *gexf) Node(e domain.Entity) error {
	return g.element("node", fmt.Sprintf(`id="%s" label="%s"`, attr(e.ID), attr(e.Name)), nodeColumns, nodeRow(e))
}

func (g *gexf) Edge(e store.Edge) error {
	if !g.edges {
		g.edges = true
		g.w.WriteString("    </nodes>\n    <edges>\n")
	}
	return g.element("edge", fmt.Sprintf(`id="%s" source="%s" target="%s" label="%s"`, attr(e.ID), attr(e.From), attr(e.To), attr(string(e.Type))),
		edgeColumns, edgeRow(e.Relationship))
}

func (g *gexf) End() error {
	if !g.edges {
		g.w.WriteString("    </nodes>\n    <edges>\n")
	}
	g.w.WriteString("    </edges>\n  </graph>\n</gexf>\n")
	return g.w.Flush()
}
