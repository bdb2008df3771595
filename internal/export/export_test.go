package export_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/export"
	"github.com/silkgraph/silkgraph/internal/seed"
	"github.com/silkgraph/silkgraph/internal/store"
	"github.com/silkgraph/silkgraph/internal/testenv"
)

// server serves the export endpoint over the seed graph; ds is the seed, the
// expectation every export is checked against.
func server(t *testing.T) (*httptest.Server, *store.Store, *seed.Dataset) {
	t.Helper()
	st := testenv.Shared(t, testenv.LoadSeed)
	ds, err := seed.Read(filepath.Join(testenv.Root(t), "seed"))
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(export.Pattern, export.Handler(st))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, st, ds
}

func get(t *testing.T, url string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// graph is an export read back: each node's and edge's values by column,
// as text (numbers as Go formats them, lists as JSON).
type graph struct {
	nodes, edges map[string]map[string]string
}

func newGraph() graph {
	return graph{nodes: map[string]map[string]string{}, edges: map[string]map[string]string{}}
}

// validate checks an XML document against an XSD with xmllint (Debian's
// libxml2-utils, which make test installs), a validator independent of ours.
func validate(t *testing.T, body []byte, xsd string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "export.xml")
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("xmllint", "--noout", "--nonet", "--schema", filepath.Join("testdata", "xsd", xsd), path).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint --schema %s (install libxml2-utils if missing): %v\n%.2000s", xsd, err, out)
	}
}

func parseGraphML(t *testing.T, body []byte) graph {
	validate(t, body, "graphml/graphml.xsd")
	var doc struct {
		Keys []struct {
			ID   string `xml:"id,attr"`
			For  string `xml:"for,attr"`
			Name string `xml:"attr.name,attr"`
			Type string `xml:"attr.type,attr"`
		} `xml:"key"`
		Graph struct {
			Nodes []struct {
				ID   string `xml:"id,attr"`
				Data []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
				Data   []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, k := range doc.Keys {
		names[k.ID] = k.Name
		if want := map[bool]string{true: "double", false: "string"}[k.Name == "valueAmount" || k.Name == "discountAmount" || k.Name == "amount" || k.Name == "share"]; k.Type != want {
			t.Errorf("key %s: attr.type %s, want %s", k.ID, k.Type, want)
		}
	}
	g := newGraph()
	for _, n := range doc.Graph.Nodes {
		vals := map[string]string{"id": n.ID}
		for _, d := range n.Data {
			vals[names[d.Key]] = d.Value
		}
		g.nodes[n.ID] = vals
	}
	for _, e := range doc.Graph.Edges {
		vals := map[string]string{}
		for _, d := range e.Data {
			vals[names[d.Key]] = d.Value
		}
		if vals["from"] != e.Source || vals["to"] != e.Target {
			t.Errorf("edge %s: source %s target %s", vals["id"], e.Source, e.Target)
		}
		g.edges[vals["id"]] = vals
	}
	return g
}

func parseGEXF(t *testing.T, body []byte) graph {
	validate(t, body, "gexf/gexf.xsd")
	type attvalue struct {
		For   string `xml:"for,attr"`
		Value string `xml:"value,attr"`
	}
	var doc struct {
		Graph struct {
			Attributes []struct {
				Class string `xml:"class,attr"`
				Attrs []struct {
					ID    string `xml:"id,attr"`
					Title string `xml:"title,attr"`
				} `xml:"attribute"`
			} `xml:"attributes"`
			Nodes []struct {
				ID        string     `xml:"id,attr"`
				Label     string     `xml:"label,attr"`
				Attvalues []attvalue `xml:"attvalues>attvalue"`
			} `xml:"nodes>node"`
			Edges []struct {
				ID        string     `xml:"id,attr"`
				Source    string     `xml:"source,attr"`
				Target    string     `xml:"target,attr"`
				Label     string     `xml:"label,attr"`
				Attvalues []attvalue `xml:"attvalues>attvalue"`
			} `xml:"edges>edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	titles := map[string]string{}
	for _, a := range doc.Graph.Attributes {
		for _, at := range a.Attrs {
			titles[a.Class+":"+at.ID] = at.Title
		}
	}
	g := newGraph()
	for _, n := range doc.Graph.Nodes {
		vals := map[string]string{"id": n.ID}
		for _, v := range n.Attvalues {
			vals[titles["node:"+v.For]] = v.Value
		}
		if n.Label != vals["name"] {
			t.Errorf("node %s: label %q, name %q", n.ID, n.Label, vals["name"])
		}
		g.nodes[n.ID] = vals
	}
	for _, e := range doc.Graph.Edges {
		vals := map[string]string{"id": e.ID}
		for _, v := range e.Attvalues {
			vals[titles["edge:"+v.For]] = v.Value
		}
		if vals["from"] != e.Source || vals["to"] != e.Target || vals["type"] != e.Label {
			t.Errorf("edge %s: source %s target %s label %s", e.ID, e.Source, e.Target, e.Label)
		}
		g.edges[e.ID] = vals
	}
	return g
}

func parseCytoscape(t *testing.T, body []byte) graph {
	var doc struct {
		Elements struct {
			Nodes []struct{ Data map[string]any } `json:"nodes"`
			Edges []struct{ Data map[string]any } `json:"edges"`
		} `json:"elements"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	text := func(data map[string]any) map[string]string {
		vals := map[string]string{}
		for k, v := range data {
			switch v := v.(type) {
			case string:
				vals[k] = v
			case float64:
				vals[k] = strconv.FormatFloat(v, 'f', -1, 64)
			default:
				b, _ := json.Marshal(v)
				vals[k] = string(b)
			}
		}
		return vals
	}
	g := newGraph()
	for _, n := range doc.Elements.Nodes {
		vals := text(n.Data)
		g.nodes[vals["id"]] = vals
	}
	for _, e := range doc.Elements.Edges {
		vals := text(e.Data)
		vals["from"], vals["to"] = vals["source"], vals["target"]
		g.edges[vals["id"]] = vals
	}
	return g
}

func parseCSV(t *testing.T, body []byte) graph {
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	g := newGraph()
	for name, into := range map[string]map[string]map[string]string{"nodes.csv": g.nodes, "edges.csv": g.edges} {
		f, err := zr.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, row := range rows[1:] {
			vals := map[string]string{}
			for i, h := range rows[0] {
				if row[i] != "" {
					vals[h] = row[i]
				}
			}
			into[vals["id"]] = vals
		}
	}
	return g
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func citationsJSON(cs []domain.Citation) string {
	list := make([]map[string]string, len(cs))
	for i, c := range cs {
		list[i] = map[string]string{"source": c.Source, "quote": c.Quote}
	}
	return jsonText(list)
}

// sameJSON compares two JSON texts by value.
func sameJSON(a, b string) bool {
	var x, y any
	return json.Unmarshal([]byte(a), &x) == nil && json.Unmarshal([]byte(b), &y) == nil && jsonText(x) == jsonText(y)
}

// check compares an export read back with the seed entities and
// relationships it should hold, field by field.
func check(t *testing.T, g graph, ents []domain.Entity, rels []domain.Relationship) {
	t.Helper()
	if len(g.nodes) != len(ents) || len(g.edges) != len(rels) {
		t.Fatalf("read back %d nodes and %d edges, want %d and %d", len(g.nodes), len(g.edges), len(ents), len(rels))
	}
	for _, e := range ents {
		n := g.nodes[e.ID]
		want := map[string]string{"kind": string(e.Kind), "name": e.Name, "country": e.Country, "date": e.Date.String()}
		if !e.Date.IsZero() {
			want["datePrecision"] = string(e.Date.Precision())
		}
		if !e.Value.IsZero() {
			want["valueAmount"] = strconv.FormatFloat(e.Value.Amount, 'f', -1, 64)
			want["valueCurrency"], want["valueText"] = e.Value.Currency, e.Value.Text
		}
		for k, v := range want {
			if n[k] != v {
				t.Errorf("node %s: %s = %q, want %q", e.ID, k, n[k], v)
			}
		}
		if len(e.Aliases) > 0 && !sameJSON(n["aliases"], jsonText(e.Aliases)) {
			t.Errorf("node %s: aliases %s, want %v", e.ID, n["aliases"], e.Aliases)
		}
		if !sameJSON(n["citations"], citationsJSON(e.Citations)) {
			t.Errorf("node %s: citations %s, want %v", e.ID, n["citations"], e.Citations)
		}
	}
	for _, r := range rels {
		x := g.edges[r.ID]
		want := map[string]string{"type": string(r.Type), "from": r.From, "to": r.To, "role": r.Role, "startDate": r.StartDate.String()}
		if !r.Amount.IsZero() {
			want["amount"] = strconv.FormatFloat(r.Amount.Amount, 'f', -1, 64)
			want["currency"], want["amountText"] = r.Amount.Currency, r.Amount.Text
		}
		for k, v := range r.Extra {
			want[k] = v
		}
		for k, v := range want {
			if x[k] != v {
				t.Errorf("edge %s: %s = %q, want %q", r.ID, k, x[k], v)
			}
		}
		if !sameJSON(x["citations"], citationsJSON(r.Citations)) {
			t.Errorf("edge %s: citations %s, want %v", r.ID, x["citations"], r.Citations)
		}
	}
}

// expected returns the seed entities and relationships a scope holds: the
// whole seed, a neighborhood as the store's GraphQL query gives it, or the
// entities a filter matches and the relationships among them.
func expected(t *testing.T, st *store.Store, ds *seed.Dataset, query string) ([]domain.Entity, []domain.Relationship) {
	t.Helper()
	byID := map[string]domain.Entity{}
	for _, e := range ds.Entities {
		byID[e.ID] = e
	}
	var keep func(domain.Entity) bool
	switch query {
	case "":
		keep = func(domain.Entity) bool { return true }
	case "?entity=hytera&depth=2":
		g, err := st.Neighborhood(context.Background(), store.NeighborhoodQuery{ID: "hytera", Depth: 2, Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]bool{}
		for _, n := range g.Nodes {
			ids[n.ID] = true
		}
		var rels []domain.Relationship
		for _, r := range ds.Relationships {
			if slices.ContainsFunc(g.Edges, func(e domain.Relationship) bool { return e.ID == r.ID }) {
				rels = append(rels, r)
			}
		}
		keep = func(e domain.Entity) bool { return ids[e.ID] }
		return filter(ds.Entities, keep), rels
	case "?kind=COMPANY,GovernmentBody&country=serbia":
		keep = func(e domain.Entity) bool {
			return (e.Kind == domain.KindCompany || e.Kind == domain.KindGovernmentBody) && e.Country == "serbia"
		}
	default:
		t.Fatalf("no expectation for %q", query)
	}
	ents := filter(ds.Entities, keep)
	rels := filter(ds.Relationships, func(r domain.Relationship) bool { return keep(byID[r.From]) && keep(byID[r.To]) })
	return ents, rels
}

func filter[T any](items []T, keep func(T) bool) []T {
	var out []T
	for _, it := range items {
		if keep(it) {
			out = append(out, it)
		}
	}
	return out
}

// Every tabular format, for every kind of scope, read back by a parser of
// its own (encoding/xml with xmllint against the XSDs, encoding/json,
// archive/zip with encoding/csv), holds the seed's entities and
// relationships with their fields and citations.
func TestExportsReadBack(t *testing.T) {
	srv, st, ds := server(t)
	parsers := map[string]func(*testing.T, []byte) graph{
		"graphml": parseGraphML, "gexf": parseGEXF, "cytoscape": parseCytoscape, "csv": parseCSV,
	}
	for _, query := range []string{"", "?entity=hytera&depth=2", "?kind=COMPANY,GovernmentBody&country=serbia"} {
		ents, rels := expected(t, st, ds, query)
		if len(ents) == 0 || len(rels) == 0 {
			t.Fatalf("%q: the expectation is empty", query)
		}
		for format, parse := range parsers {
			t.Run(format+query, func(t *testing.T) {
				resp, body := get(t, srv.URL+"/export/"+format+query)
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("status %d: %s", resp.StatusCode, body)
				}
				check(t, parse(t, body), ents, rels)
			})
		}
	}
}

func TestExportHTTP(t *testing.T) {
	srv, _, _ := server(t)
	tests := []struct {
		path        string
		status      int
		code        string // of an error
		contentType string // of a success
		file        string
	}{
		{"/export/graphml", 200, "", "application/graphml+xml; charset=utf-8", "silkgraph-graph.graphml"},
		{"/export/gexf?entity=hytera", 200, "", "application/gexf+xml; charset=utf-8", "silkgraph-hytera.gexf"},
		{"/export/cytoscape?entity=hytera&types=MAKES,SUPPLIER_OF&kinds=PRODUCT&limit=5", 200, "", "application/json", "silkgraph-hytera.cyjs"},
		{"/export/csv?tag=vendor", 200, "", "application/zip", "silkgraph-filtered.zip"},
		{"/export/ftm?kind=State", 200, "", "application/x-ndjson", "silkgraph-filtered.ftm.jsonl"},
		{"/export/pdf", 400, "BAD_USER_INPUT", "", ""},
		{"/export/graphml?format=x", 400, "BAD_USER_INPUT", "", ""},
		{"/export/graphml?entity=hytera&kind=COMPANY", 400, "BAD_USER_INPUT", "", ""},
		{"/export/graphml?depth=2", 400, "BAD_USER_INPUT", "", ""},
		{"/export/csv?kinds=COMPANY", 400, "BAD_USER_INPUT", "", ""},
		{"/export/graphml?entity=hytera&depth=9", 400, "BAD_USER_INPUT", "", ""},
		{"/export/graphml?entity=hytera&depth=two", 400, "BAD_USER_INPUT", "", ""},
		{"/export/graphml?entity=hytera&limit=5000", 400, "BAD_USER_INPUT", "", ""},
		{"/export/graphml?entity=hytera&types=SELLS", 400, "BAD_USER_INPUT", "", ""},
		{"/export/graphml?kind=VENDOR", 400, "BAD_USER_INPUT", "", ""},
		{"/export/graphml?entity=Not+An+Id", 400, "BAD_USER_INPUT", "", ""},
		{"/export/gexf?entity=nobody", 404, "NOT_FOUND", "", ""},
		{"/export/graphml?country=atlantis", 404, "NOT_FOUND", "", ""},
		{"/export/csv?country=atlantis,serbia", 404, "NOT_FOUND", "", ""},
		{"/export/csv?kind=STATE&country=huawei", 200, "", "application/zip", "silkgraph-filtered.zip"},
	}
	t.Run("POST", func(t *testing.T) {
		resp, err := http.Post(srv.URL+"/export/graphml", "application/json", strings.NewReader("{}"))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("HTTP %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
		}
	})
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, body := get(t, srv.URL+tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, body)
			}
			if tt.code != "" {
				var e struct {
					Errors []struct {
						Message    string
						Extensions struct{ Code string }
					}
				}
				if err := json.Unmarshal(body, &e); err != nil || len(e.Errors) != 1 || e.Errors[0].Extensions.Code != tt.code || e.Errors[0].Message == "" {
					t.Fatalf("body %s, want an error with code %s", body, tt.code)
				}
				return
			}
			if got := resp.Header.Get("Content-Type"); got != tt.contentType {
				t.Errorf("Content-Type %q, want %q", got, tt.contentType)
			}
			if got, want := resp.Header.Get("Content-Disposition"), fmt.Sprintf("attachment; filename=%q", tt.file); got != want {
				t.Errorf("Content-Disposition %q, want %q", got, want)
			}
			if len(body) == 0 {
				t.Error("empty body")
			}
		})
	}
}

// A neighborhood's limit and filters apply as in the GraphQL query.
func TestExportNeighborhoodOptions(t *testing.T) {
	srv, _, _ := server(t)
	_, body := get(t, srv.URL+"/export/cytoscape?entity=hytera&types=MAKES&kinds=PRODUCT&limit=3")
	g := parseCytoscape(t, body)
	if len(g.nodes) != 3 {
		t.Errorf("limit=3 gave %d nodes", len(g.nodes))
	}
	for id, n := range g.nodes {
		if id != "hytera" && n["kind"] != "Product" {
			t.Errorf("kinds=PRODUCT let through %s, a %s", id, n["kind"])
		}
	}
	for id, e := range g.edges {
		if e["type"] != "MAKES" {
			t.Errorf("types=MAKES let through %s", id)
		}
	}
	if !strings.Contains(string(body), `"source":"hytera"`) {
		t.Error("want edges from hytera")
	}
}
