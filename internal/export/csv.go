package export

import (
	"archive/zip"
	"encoding/csv"
	"io"
	"time"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/store"
)

// csvZip writes a zip of nodes.csv and edges.csv, each with a header row
// and a column per property; lists are JSON arrays. Zip entries are written
// one after the other, so the archive streams.
type csvZip struct {
	zw    *zip.Writer
	csv   *csv.Writer
	edges bool
}

func newCSV(w io.Writer) Encoder { return &csvZip{zw: zip.NewWriter(w)} }

func (c *csvZip) entry(name string, cols []column) error {
	if c.csv != nil {
		c.csv.Flush()
		if err := c.csv.Error(); err != nil {
			return err
		}
	}
	f, err := c.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Now()})
	if err != nil {
		return err
	}
	c.csv = csv.NewWriter(f)
	header := make([]string, len(cols))
	for i, col := range cols {
		header[i] = col.name
	}
	return c.csv.Write(header)
}

func (c *csvZip) Begin([]domain.Source) error { return c.entry("nodes.csv", nodeColumns) }

func (c *csvZip) Node(e domain.Entity) error { return c.csv.Write(nodeRow(e)) }

func (c *csvZip) Edge(e store.Edge) error {
	if !c.edges {
		c.edges = true
		if err := c.entry("edges.csv", edgeColumns); err != nil {
			return err
		}
	}
	return c.csv.Write(edgeRow(e.Relationship))
}

func (c *csvZip) End() error {
	if !c.edges {
		if err := c.entry("edges.csv", edgeColumns); err != nil {
			return err
		}
	}
	c.csv.Flush()
	if err := c.csv.Error(); err != nil {
		return err
	}
	return c.zw.Close()
}
