package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/httperr"
	"github.com/silkgraph/silkgraph/internal/store"
)

// Format is one export format, served at /export/{Name}.
type Format struct {
	Name        string
	Ext         string
	ContentType string
	New         func(io.Writer) Encoder
}

// Formats lists every export format.
var Formats = []Format{
	{"graphml", "graphml", "application/graphml+xml; charset=utf-8", newGraphML},
	{"gexf", "gexf", "application/gexf+xml; charset=utf-8", newGEXF},
	{"cytoscape", "cyjs", "application/json", newCytoscape},
	{"csv", "zip", "application/zip", newCSV},
	{"ftm", "ftm.jsonl", "application/x-ndjson", newFtM},
}

// Pattern is the ServeMux pattern the handler is mounted at. It takes every
// method, so that a CORS preflight (OPTIONS) reaches the middleware in
// front; the handler refuses all but GET and HEAD.
const Pattern = "/export/{format}"

// Handler serves GET /export/{format}: the whole graph without parameters,
// an entity's neighborhood with entity=ID (and depth, types, kinds, limit,
// as the GraphQL neighborhood query), or the entities matching kind,
// country, tag and category (as the GraphQL entities filter) and the
// relationships among them.
func Handler(st *store.Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			httperr.Write(w, http.StatusMethodNotAllowed, domain.Errorf(domain.EINVALID, "exports are read with GET"))
			return
		}
		name := r.PathValue("format")
		i := slices.IndexFunc(Formats, func(f Format) bool { return f.Name == name })
		if i < 0 {
			writeError(w, r, domain.Errorf(domain.EINVALID, "unknown export format %q: use one of %s", name, formatNames()))
			return
		}
		sc, err := parseScope(r.URL.Query())
		if err != nil {
			writeError(w, r, err)
			return
		}
		start := time.Now()
		out := &response{w: w, rc: http.NewResponseController(w), format: Formats[i], file: "silkgraph-" + sc.name}
		nodes, edges, err := sc.write(r.Context(), st, Formats[i].New(out))
		log := zerolog.Ctx(r.Context())
		switch {
		case err != nil && !out.started:
			writeError(w, r, err)
		case err != nil:
			// The status is sent: cut the response short, so the client sees
			// a broken transfer rather than a file that looks whole.
			log.Error().Err(err).Str("format", name).Int("nodes", nodes).Int("edges", edges).Msg("export failed mid-stream")
			panic(http.ErrAbortHandler)
		default:
			log.Info().Str("format", name).Str("scope", sc.name).Int("nodes", nodes).Int("edges", edges).
				Dur("took", time.Since(start)).Msg("export")
		}
	})
}

func formatNames() string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = f.Name
	}
	return strings.Join(names, ", ")
}

// response sends the headers with the first bytes, so that an error before
// any output can still be answered with a JSON error, and keeps extending
// the write deadline, since an export may outlast the server's timeout.
type response struct {
	w       http.ResponseWriter
	rc      *http.ResponseController
	format  Format
	file    string
	started bool
}

func (o *response) Write(p []byte) (int, error) {
	if !o.started {
		o.started = true
		h := o.w.Header()
		h.Set("Content-Type", o.format.ContentType)
		h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.%s"`, o.file, o.format.Ext))
		h.Set("X-Content-Type-Options", "nosniff")
	}
	_ = o.rc.SetWriteDeadline(time.Now().Add(time.Minute)) // not every writer supports deadlines
	return o.w.Write(p)
}

// scope is what an export holds.
type scope struct {
	name string // for the file name
	// A neighborhood when hood.ID is set.
	hood store.NeighborhoodQuery
	// Otherwise the entities matching filter (all when it is empty).
	filter store.EntityFilter
}

var (
	neighborhoodParams = []string{"entity", "depth", "types", "kinds", "limit"}
	filterParams       = []string{"kind", "country", "tag", "category"}
)

func parseScope(q url.Values) (scope, error) {
	var hood, filter []string
	for key := range q {
		switch {
		case slices.Contains(neighborhoodParams, key):
			hood = append(hood, key)
		case slices.Contains(filterParams, key):
			filter = append(filter, key)
		default:
			return scope{}, domain.Errorf(domain.EINVALID, "unknown parameter %q: use entity, depth, types, kinds and limit for a neighborhood, or kind, country, tag and category for a filter", key)
		}
	}
	switch {
	case len(hood) > 0 && len(filter) > 0:
		return scope{}, domain.Errorf(domain.EINVALID, "give either a neighborhood (entity=...) or a filter (%s), not both", strings.Join(filterParams, ", "))
	case len(hood) > 0 && q.Get("entity") == "":
		slices.Sort(hood)
		return scope{}, domain.Errorf(domain.EINVALID,
			"%s shape a neighborhood, which needs entity=ID; to export the entities of a kind, country, tag or category, use kind, country, tag and category",
			strings.Join(hood, ", "))
	case len(hood) > 0:
		return parseNeighborhood(q)
	case len(filter) > 0:
		kinds, err := parseKinds(values(q, "kind"))
		if err != nil {
			return scope{}, err
		}
		return scope{name: "filtered", filter: store.EntityFilter{Kinds: kinds, Countries: values(q, "country"),
			Tags: values(q, "tag"), Categories: values(q, "category")}}, nil
	}
	return scope{name: "graph"}, nil
}

// The defaults are those of the GraphQL neighborhood query; the store
// enforces the caps.
func parseNeighborhood(q url.Values) (scope, error) {
	sc := scope{hood: store.NeighborhoodQuery{ID: q.Get("entity"), Depth: 1, Limit: 200}}
	if !domain.ValidID(sc.hood.ID) {
		return sc, domain.Errorf(domain.EINVALID, "entity %q is not an entity id (lowercase letters, digits and hyphens)", sc.hood.ID)
	}
	sc.name = sc.hood.ID
	for key, dst := range map[string]*int{"depth": &sc.hood.Depth, "limit": &sc.hood.Limit} {
		if v := q.Get(key); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				return sc, domain.Errorf(domain.EINVALID, "%s %q: want a whole number", key, v)
			}
			*dst = n
		}
	}
	var err error
	if sc.hood.Kinds, err = parseKinds(values(q, "kinds")); err != nil {
		return sc, err
	}
	for _, v := range values(q, "types") {
		t, err := domain.ParseRelType(v)
		if err != nil {
			return sc, domain.Errorf(domain.EINVALID, "types: %v", err)
		}
		sc.hood.Types = append(sc.hood.Types, t)
	}
	return sc, nil
}

// values returns a parameter's values, repeated or comma-separated.
func values(q url.Values, key string) []string {
	var out []string
	for _, v := range q[key] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// parseKinds accepts kinds as GraphQL enums (GOVERNMENT_BODY) or labels
// (GovernmentBody).
func parseKinds(vs []string) ([]domain.Kind, error) {
	var out []domain.Kind
	for _, v := range vs {
		k, ok := domain.KindFromEnum(v)
		if !ok && domain.Kind(v).Valid() {
			k, ok = domain.Kind(v), true
		}
		if !ok {
			return nil, domain.Errorf(domain.EINVALID, "unknown kind %q (one of %v)", v, domain.KindLabels())
		}
		out = append(out, k)
	}
	return out, nil
}

// write streams the scope to enc and counts what it wrote.
func (sc scope) write(ctx context.Context, st *store.Store, enc Encoder) (nodes, edges int, err error) {
	sources, err := st.Sources(ctx)
	if err != nil {
		return 0, 0, err
	}
	if sc.hood.ID == "" {
		err = st.Export(ctx, sc.filter, "country", store.ExportPageSize,
			func() error { return enc.Begin(sources) },
			func(e domain.Entity) error { nodes++; return enc.Node(e) },
			func(e store.Edge) error { edges++; return enc.Edge(e) })
		if err != nil {
			return nodes, edges, err
		}
		return nodes, edges, enc.End()
	}
	g, err := st.Neighborhood(ctx, sc.hood)
	if err != nil {
		return 0, 0, err
	}
	if err := enc.Begin(sources); err != nil {
		return 0, 0, err
	}
	kinds := make(map[string]domain.Kind, len(g.Nodes))
	for _, n := range g.Nodes {
		kinds[n.ID] = n.Kind
		if err := enc.Node(n); err != nil {
			return nodes, edges, err
		}
		nodes++
	}
	for _, r := range g.Edges {
		if err := enc.Edge(store.Edge{Relationship: r, FromKind: kinds[r.From], ToKind: kinds[r.To]}); err != nil {
			return nodes, edges, err
		}
		edges++
	}
	return nodes, edges, enc.End()
}

// writeError answers with a GraphQL-shaped error, as /graphql and the key
// and rate-limit checks in front of both do; causes are logged, never
// shown.
func writeError(w http.ResponseWriter, r *http.Request, err error) {
	var de *domain.Error
	if !errors.As(err, &de) {
		de = &domain.Error{Code: domain.EINTERNAL, Message: "internal error", Err: err}
	}
	if de.Err != nil {
		zerolog.Ctx(r.Context()).Error().Err(err).Str("code", de.Code).Msg("export failed")
	}
	status := map[string]int{domain.EINVALID: http.StatusBadRequest, domain.ENOTFOUND: http.StatusNotFound,
		domain.EUNAVAILABLE: http.StatusServiceUnavailable}[de.Code]
	if status == 0 {
		status = http.StatusInternalServerError
	}
	httperr.Write(w, status, de)
}
