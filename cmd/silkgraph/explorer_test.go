package main

import (
	"context"
	"encoding/xml"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/silkgraph/silkgraph/internal/testenv"
	"github.com/silkgraph/silkgraph/web/explorer"
)

// The explorer in a real browser: `silkgraph serve` on the seed data, and
// web/explorer/e2e/explore.mjs driving headless Chromium through a session
// (search, expand, open an edge's sources, find paths, export, reopen the
// URL, narrow screen). This test then checks the screenshots and exports the
// script saved.
func TestExplorerInBrowser(t *testing.T) {
	script := browserScripts(t)
	setEnv(t)
	base := serve(t, "--migrate", "--load", "../../seed")
	out := t.TempDir()
	script("e2e/explore.mjs", base, out)

	for _, name := range []string{"canvas.png", "view.png"} {
		t.Run(name, func(t *testing.T) { checkDrawn(t, filepath.Join(out, name)) })
	}
	t.Run("view.graphml", func(t *testing.T) { checkGraphML(t, filepath.Join(out, "view.graphml")) })
}

// The explorer on a server whose reads need a key (web/explorer/e2e/key.mjs):
// it says so, takes a key, draws with it and downloads a server export with
// it. This test then checks the export the script saved.
func TestExplorerWithAKey(t *testing.T) {
	script := browserScripts(t)
	setEnv(t)
	_, key := createKey(t, "explorer", "reader")
	base := serve(t, "--migrate", "--load", "../../seed", "--reads-need-key")
	out := t.TempDir()
	script("e2e/key.mjs", base, key, out)

	b, err := os.ReadFile(filepath.Join(out, "server.graphml"))
	if err != nil {
		t.Fatal(err)
	}
	var g graphML
	if err := xml.Unmarshal(b, &g); err != nil {
		t.Fatalf("server.graphml: %v", err)
	}
	ids := map[string]bool{}
	for _, n := range g.Graph.Nodes {
		ids[n.ID] = true
	}
	if len(ids) < 100 || !ids["hytera"] || len(g.Graph.Edges) < 100 {
		t.Errorf("the whole-graph export has %d nodes and %d edges (hytera: %v)", len(ids), len(g.Graph.Edges), ids["hytera"])
	}
}

// browserScripts skips the test unless the explorer's browser tests can run,
// and returns what runs one of web/explorer's browser scripts in headless
// Chromium with args, failing the test if the script fails.
func browserScripts(t *testing.T) func(script string, args ...string) {
	t.Helper()
	if os.Getenv("SILKGRAPH_SKIP_BROWSER") == "1" {
		t.Skip("SILKGRAPH_SKIP_BROWSER=1: the explorer's browser tests do not run")
	}
	if _, err := explorer.Files(); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(testenv.Root(t), "web", "explorer")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "playwright-core")); err != nil {
		t.Fatal("web/explorer/node_modules is missing: run `make web` (or set SILKGRAPH_SKIP_BROWSER=1)")
	}
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		t.Fatalf("no Chromium at %s: `make test` installs Debian's (apt-get install chromium); or set SILKGRAPH_SKIP_BROWSER=1", chromium)
	}
	return func(script string, args ...string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "node", append([]string{script}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
		log, err := cmd.CombinedOutput()
		t.Logf("%s", log)
		if err != nil {
			t.Fatalf("%s: %v", script, err)
		}
	}
}

// checkDrawn fails unless the PNG shows a graph: enough ink on the white
// background, some of it in the colors of the entity kinds.
func checkDrawn(t *testing.T, path string) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	ink, colored := countInk(img)
	total := img.Bounds().Dx() * img.Bounds().Dy()
	if ink*100 < total || colored < 500 {
		t.Fatalf("%s looks blank: %d of %d pixels inked, %d colored", path, ink, total, colored)
	}
}

// countInk counts the pixels that are not near-white, and those of them that
// are strongly colored rather than gray.
func countInk(img image.Image) (ink, colored int) {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			hi, lo := max(r, g, bl)>>8, min(r, g, bl)>>8
			if lo < 235 {
				ink++
			}
			if hi-lo > 80 {
				colored++
			}
		}
	}
	return ink, colored
}

type graphML struct {
	Keys []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
	} `xml:"key"`
	Graph struct {
		Nodes []graphMLElement `xml:"node"`
		Edges []graphMLElement `xml:"edge"`
	} `xml:"graph"`
}

type graphMLElement struct {
	ID     string `xml:"id,attr"`
	Source string `xml:"source,attr"`
	Target string `xml:"target,attr"`
	Data   []struct {
		Key   string `xml:"key,attr"`
		Value string `xml:",chardata"`
	} `xml:"data"`
}

// attrs returns an element's values by attribute name.
func (e graphMLElement) attrs(names map[string]string) map[string]string {
	m := map[string]string{}
	for _, d := range e.Data {
		m[names[d.Key]] = d.Value
	}
	return m
}

// checkGraphML parses the client-side GraphML export of the final view and
// checks it keeps the facts the session went through.
func checkGraphML(t *testing.T, path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var g graphML
	if err := xml.Unmarshal(b, &g); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	names := map[string]string{}
	for _, k := range g.Keys {
		names[k.ID] = k.For + "." + k.Name
	}
	nodes := map[string]map[string]string{}
	for _, n := range g.Graph.Nodes {
		nodes[n.ID] = n.attrs(names)
	}
	edges := map[string]graphMLElement{}
	for _, e := range g.Graph.Edges {
		edges[e.ID] = e
		if nodes[e.Source] == nil || nodes[e.Target] == nil {
			t.Errorf("edge %s joins %s and %s, not both in the export", e.ID, e.Source, e.Target)
		}
	}
	tests := []struct {
		id, attr, want string
	}{
		{"hytera", "node.kind", "COMPANY"},
		{"mibo-komunikacije", "node.name", "MIBO Komunikacije"},
		{"sarajevo-canton-ministry-of-interior", "node.kind", "GOVERNMENT_BODY"},
		{"sarajevo-canton-bodycam-purchase-2023", "node.date", "2023-11"},
		{"sarajevo-canton-bodycam-purchase-2023", "node.amount", "200000"},
		{"sarajevo-canton-bodycam-purchase-2023", "node.currency", "EUR"},
		{"huawei", "node.kind", "COMPANY"},
		{"belgrade", "node.kind", "PLACE"},
	}
	for _, tt := range tests {
		if got := nodes[tt.id][tt.attr]; got != tt.want {
			t.Errorf("node %s: %s = %q, want %q", tt.id, tt.attr, got, tt.want)
		}
	}
	supply, ok := edges["mibo-komunikacije|SUPPLIER_OF|sarajevo-canton-bodycam-purchase-2023"]
	if !ok {
		t.Fatal("the supply edge of MIBO Komunikacije is not in the export")
	}
	attrs := supply.attrs(names)
	if attrs["edge.type"] != "SUPPLIER_OF" || !strings.Contains(attrs["edge.sources"], "acquired from a Sarajevo-based supplier called MIBO Komunikacije") {
		t.Errorf("supply edge attributes %v lack its type or its source quote", attrs)
	}
}
