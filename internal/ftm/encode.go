package ftm

import (
	"crypto/sha1"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// Citation formats one citation as a summary value: "[source-id] quote".
// Ids are slugs, so the first "] " ends the id.
func Citation(c domain.Citation) string { return "[" + c.Source + "] " + c.Quote }

// ParseCitation reads a summary value written by Citation.
func ParseCitation(s string) (domain.Citation, bool) {
	rest, ok := strings.CutPrefix(s, "[")
	if !ok {
		return domain.Citation{}, false
	}
	id, quote, ok := strings.Cut(rest, "] ")
	if !ok || !domain.ValidID(id) {
		return domain.Citation{}, false
	}
	return domain.Citation{Source: id, Quote: quote}, true
}

// LinkID is a relationship's FtM id: FtM ids allow only letters, digits,
// dots and hyphens, so "huawei|SUPPLIER_OF|mou" becomes
// "huawei.supplier-of.mou", and a key becomes a hash of it. Our own id is
// kept whole in recordId.
func LinkID(r domain.Relationship) string {
	id := r.From + "." + strings.ToLower(strings.ReplaceAll(string(r.Type), "_", "-")) + "." + r.To
	if parts := strings.SplitN(r.ID, "|", 4); len(parts) == 4 {
		sum := sha1.Sum([]byte(parts[3]))
		id += "." + hex.EncodeToString(sum[:6])
	}
	return id
}

type props map[string][]string

func (p props) add(name string, values ...string) {
	for _, v := range values {
		if v != "" && !slices.Contains(p[name], v) {
			p[name] = append(p[name], v)
		}
	}
}

// ext is the Silkgraph extension of an entity: fields named as in bulk JSON
// records (seed/FORMAT.md), set only where FtM has no property.
type ext map[string]any

func (x ext) set(name string, v string) {
	if v != "" {
		x[name] = v
	}
}

func money(m domain.Money) map[string]any {
	return map[string]any{"amount": m.Amount, "currency": m.Currency, "text": m.Text}
}

func amount(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// provenance adds the citations as summaries, with the sources' documents as
// proof and their links and publishers, and the variants to the extension.
func provenance(p props, x ext, cs []domain.Citation, vs []domain.Variant, sources map[string]domain.Source) {
	for _, c := range cs {
		p.add("summary", Citation(c))
		p.add("proof", c.Source)
		p.add("sourceUrl", sources[c.Source].URL)
		p.add("publisher", sources[c.Source].Publisher)
	}
	if len(vs) > 0 {
		list := make([]map[string]string, len(vs))
		for i, v := range vs {
			list[i] = map[string]string{"field": v.Field, "value": v.Value, "source": v.Source, "quote": v.Quote}
		}
		x["variants"] = list
	}
}

// FromEntity converts an entity; sources give the links and publishers of
// the documents it cites.
func FromEntity(e domain.Entity, sources map[string]domain.Source) Entity {
	schema := SchemaOf(e.Kind)
	p, x := props{}, ext{"kind": string(e.Kind)}
	p.add("name", e.Name)
	p.add("alias", e.Aliases...)
	p.add("description", e.Description)
	p.add("keywords", e.Tags...)
	x.set("country", e.Country)
	x.set("category", e.Category)
	x.set("subject", e.Subject)
	if !e.Discount.IsZero() {
		x["discount"] = money(e.Discount)
	}
	dates := map[string]string{"date": e.Date.String(), "startDate": e.StartDate.String(), "endDate": e.EndDate.String()}
	switch schema {
	case "Contract":
		p.add("title", e.Name)
		p.add("contractDate", dates["date"])
		p.add("status", e.Status)
		x.set("startDate", dates["startDate"])
		x.set("endDate", dates["endDate"])
	case "Project", "Event":
		for name, v := range dates {
			p.add(name, v)
		}
		if schema == "Project" {
			p.add("status", e.Status)
		} else {
			x.set("status", e.Status)
		}
	}
	if !e.Value.IsZero() {
		if isA(schema, "Value") {
			p.add("amount", amount(e.Value.Amount))
			p.add("currency", e.Value.Currency)
			x["value"] = map[string]any{"text": e.Value.Text}
		} else {
			x["value"] = money(e.Value)
		}
	}
	provenance(p, x, e.Citations, e.Variants, sources)
	return Entity{ID: e.ID, Schema: schema, Properties: p, Silkgraph: x}
}

// FromRelationship converts a relationship between entities of the given
// kinds into the interval entity of its link.
func FromRelationship(r domain.Relationship, fromKind, toKind domain.Kind, sources map[string]domain.Source) Entity {
	l := LinkFor(r.Type, fromKind, toKind)
	p, x := props{}, ext{}
	p.add(l.From, r.From)
	p.add(l.To, r.To)
	p.add("recordId", r.ID)
	p.add("startDate", r.StartDate.String())
	p.add("endDate", r.EndDate.String())
	p.add("description", r.Note)
	switch {
	case l.Schema == unknownLink && r.Role == "":
		// An UnknownLink says nothing of its type, so its role names it for
		// FtM tools (Aleph captions the edge with it); ours stays empty.
		p.add("role", strings.ToLower(strings.ReplaceAll(string(r.Type), "_", " ")))
		x["role"] = ""
	case l.Role:
		p.add("role", r.Role)
	default:
		x.set("role", r.Role)
	}
	if !r.Amount.IsZero() {
		if l.Amount {
			p.add("amount", amount(r.Amount.Amount))
			p.add("currency", r.Amount.Currency)
			x["amount"] = map[string]any{"text": r.Amount.Text}
		} else {
			x["amount"] = money(r.Amount)
		}
	}
	extra := map[string]string{}
	for name, v := range r.Extra {
		if name == domain.PropShare && l.Share {
			p.add("percentage", v)
		} else {
			extra[name] = v
		}
	}
	if len(extra) > 0 {
		x["properties"] = extra
	}
	provenance(p, x, r.Citations, r.Variants, sources)
	if len(x) == 0 {
		x = nil
	}
	return Entity{ID: LinkID(r), Schema: l.Schema, Properties: p, Silkgraph: x}
}

// FromSource converts a source into the Document that entities cite as
// proof. The document's text is not in the graph, so it is not exported: a
// re-import reads it from the seed file that defines the source.
func FromSource(s domain.Source) Entity {
	p := props{}
	p.add("title", s.Title)
	p.add("publisher", s.Publisher)
	p.add("author", s.Authors...)
	p.add("publishedAt", s.Date.String())
	p.add("sourceUrl", s.URL)
	p.add("description", s.Description)
	p.add("fileName", s.File)
	return Entity{ID: s.ID, Schema: DocumentSchema, Properties: p}
}
