package seed

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// Dataset is a validated set of sources, entities and relationships, ready to
// be written.
type Dataset struct {
	Sources       []domain.Source // with their texts
	Entities      []domain.Entity
	Relationships []domain.Relationship
}

// collector gathers records from any number of files, merges records that
// share an id and validates the whole.
type collector struct {
	errs    Errors
	sources map[string]*sourceRec
	ents    map[string]*entityRec
	rels    map[string]*relRec
	order   struct{ ents, rels []string }
}

type sourceRec struct {
	raw  rawSource
	at   place
	text string
}

type entityRec struct {
	raw    rawEntity
	first  place
	origin map[string]place // scalar field -> record that set it
	cites  []place
	vars   []place
}

type relRec struct {
	raw    rawRelationship
	id     string
	first  place
	origin map[string]place
	cites  []place
	vars   []place
}

func newCollector() *collector {
	return &collector{
		sources: map[string]*sourceRec{},
		ents:    map[string]*entityRec{},
		rels:    map[string]*relRec{},
	}
}

func (c *collector) fail(e Error) { c.errs = append(c.errs, e) }

func (c *collector) addSource(raw rawSource, at place, baseDir string) {
	switch {
	case !domain.ValidID(raw.ID):
		c.fail(at.at("id", "source id %q: use lowercase letters, digits and single hyphens", raw.ID))
		return
	case c.sources[raw.ID] != nil:
		prev := c.sources[raw.ID].at
		c.fail(at.at("id", "source %q is already defined at %s:%d", raw.ID, prev.file, prev.loc.line("id")))
		return
	}
	if strings.TrimSpace(raw.Title) == "" {
		c.fail(at.at("title", "source %q needs a title", raw.ID))
	}
	if raw.Date != "" {
		if _, err := domain.ParseDate(raw.Date); err != nil {
			c.fail(at.at("date", "%v", err))
		}
	}
	rec := &sourceRec{raw: raw, at: at, text: raw.Text}
	switch {
	case raw.File != "" && raw.Text != "":
		c.fail(at.at("file", "give a source's text as file or text, not both"))
	case raw.File != "":
		b, err := os.ReadFile(filepath.Join(baseDir, raw.File))
		if err != nil {
			c.fail(at.at("file", "cannot read the source's text: %v", err))
		}
		rec.text = string(b)
	default:
		c.fail(at.at("file", "source %q needs its text (file: path relative to this file)", raw.ID))
	}
	c.sources[raw.ID] = rec
}

// scalarField reads and writes one string field of a raw record.
type scalarField[T any] struct {
	name string
	ptr  func(*T) *string
}

var entityScalars = []scalarField[rawEntity]{
	{"kind", func(r *rawEntity) *string { return &r.Kind }},
	{"name", func(r *rawEntity) *string { return &r.Name }},
	{"description", func(r *rawEntity) *string { return &r.Description }},
	{"country", func(r *rawEntity) *string { return &r.Country }},
	{"category", func(r *rawEntity) *string { return &r.Category }},
	{"date", func(r *rawEntity) *string { return &r.Date }},
	{"startDate", func(r *rawEntity) *string { return &r.StartDate }},
	{"endDate", func(r *rawEntity) *string { return &r.EndDate }},
	{"status", func(r *rawEntity) *string { return &r.Status }},
	{"subject", func(r *rawEntity) *string { return &r.Subject }},
}

var relScalars = []scalarField[rawRelationship]{
	{"role", func(r *rawRelationship) *string { return &r.Role }},
	{"startDate", func(r *rawRelationship) *string { return &r.StartDate }},
	{"endDate", func(r *rawRelationship) *string { return &r.EndDate }},
	{"note", func(r *rawRelationship) *string { return &r.Note }},
}

// mergeScalars copies the fields src sets into dst, and reports each field
// both set differently.
func mergeScalars[T any](c *collector, fields []scalarField[T], dst, src *T, origin map[string]place, at place, what string) {
	for _, f := range fields {
		d, s := f.ptr(dst), f.ptr(src)
		*s = strings.TrimSpace(*s)
		switch {
		case *s == "":
		case *d == "":
			*d = *s
			origin[f.name] = at
		case *d != *s:
			prev := origin[f.name]
			c.fail(at.at(f.name, "%s: %s %q conflicts with %q given at %s:%d", what, f.name, *s, *d, prev.file, prev.loc.line(f.name)))
		}
	}
}

func mergeMoney(c *collector, dst **rawMoney, src *rawMoney, field string, origin map[string]place, at place, what string) {
	switch {
	case src == nil:
	case *dst == nil:
		*dst = src
		origin[field] = at
	case moneyKey(*dst) != moneyKey(src):
		prev := origin[field]
		c.fail(at.at(field, "%s: %s conflicts with the one given at %s:%d", what, field, prev.file, prev.loc.line(field)))
	}
}

func moneyKey(m *rawMoney) string {
	amount := "-"
	if m.Amount != nil {
		amount = strconv.FormatFloat(*m.Amount, 'f', -1, 64)
	}
	return amount + " " + m.Currency + " " + m.Text
}

func appendUnique(dst []string, src ...string) []string {
	for _, s := range trimAll(src) {
		if !slices.Contains(dst, s) {
			dst = append(dst, s)
		}
	}
	return dst
}

// mergeProvenance appends the citations and variants of one record, skipping
// exact repeats, and remembers where each came from.
func mergeProvenance(cites *[]rawCitation, vars *[]rawVariant, citePlaces, varPlaces *[]place, srcCites []rawCitation, srcVars []rawVariant, at place) {
	for i, cit := range srcCites {
		if !slices.Contains(*cites, cit) {
			*cites = append(*cites, cit)
			*citePlaces = append(*citePlaces, place{at.file, at.loc, fmt.Sprintf("sources[%d]", i)})
		}
	}
	for i, v := range srcVars {
		if !slices.Contains(*vars, v) {
			*vars = append(*vars, v)
			*varPlaces = append(*varPlaces, place{at.file, at.loc, fmt.Sprintf("variants[%d]", i)})
		}
	}
}

func (c *collector) addEntity(raw rawEntity, at place) {
	raw.ID = strings.TrimSpace(raw.ID)
	if raw.ID == "" {
		c.fail(at.at("", "entity without id"))
		return
	}
	rec := c.ents[raw.ID]
	if rec == nil {
		rec = &entityRec{raw: rawEntity{ID: raw.ID}, first: at, origin: map[string]place{}}
		c.ents[raw.ID] = rec
		c.order.ents = append(c.order.ents, raw.ID)
	}
	what := "entity " + raw.ID
	mergeScalars(c, entityScalars, &rec.raw, &raw, rec.origin, at, what)
	mergeMoney(c, &rec.raw.Value, raw.Value, "value", rec.origin, at, what)
	mergeMoney(c, &rec.raw.Discount, raw.Discount, "discount", rec.origin, at, what)
	rec.raw.Aliases = appendUnique(rec.raw.Aliases, raw.Aliases...)
	rec.raw.Tags = appendUnique(rec.raw.Tags, raw.Tags...)
	mergeProvenance(&rec.raw.Sources, &rec.raw.Variants, &rec.cites, &rec.vars, raw.Sources, raw.Variants, at)
}

func (c *collector) addRelationship(raw rawRelationship, at place) {
	raw.Type, raw.From, raw.To, raw.Key = strings.TrimSpace(raw.Type), strings.TrimSpace(raw.From), strings.TrimSpace(raw.To), strings.TrimSpace(raw.Key)
	if raw.Type == "" || raw.From == "" || raw.To == "" {
		c.fail(at.at("", "a relationship needs type, from and to"))
		return
	}
	id := domain.RelationshipID(domain.RelType(raw.Type), raw.From, raw.To, raw.Key)
	rec := c.rels[id]
	if rec == nil {
		rec = &relRec{raw: rawRelationship{Type: raw.Type, From: raw.From, To: raw.To, Key: raw.Key, Properties: map[string]scalar{}},
			id: id, first: at, origin: map[string]place{}}
		c.rels[id] = rec
		c.order.rels = append(c.order.rels, id)
	}
	what := "relationship " + id
	mergeScalars(c, relScalars, &rec.raw, &raw, rec.origin, at, what)
	mergeMoney(c, &rec.raw.Amount, raw.Amount, "amount", rec.origin, at, what)
	for k, v := range raw.Properties {
		field := "properties." + k
		if prev, ok := rec.raw.Properties[k]; ok && prev != v {
			p := rec.origin[field]
			c.fail(at.at(field, "%s: %s %q conflicts with %q given at %s:%d", what, field, v, prev, p.file, p.loc.line(field)))
			continue
		}
		rec.raw.Properties[k] = v
		rec.origin[field] = at
	}
	mergeProvenance(&rec.raw.Sources, &rec.raw.Variants, &rec.cites, &rec.vars, raw.Sources, raw.Variants, at)
}

// locate maps a problem's field to the record, or item, it came from.
func locate(p domain.Problem, first place, origin map[string]place, cites, vars []place) Error {
	for _, list := range []struct {
		prefix string
		places []place
	}{{"sources[", cites}, {"variants[", vars}} {
		if rest, ok := strings.CutPrefix(p.Field, list.prefix); ok {
			idx, sub, _ := strings.Cut(rest, "]")
			if i, err := strconv.Atoi(idx); err == nil && i < len(list.places) {
				return list.places[i].at(strings.TrimPrefix(sub, "."), "%s", p.String())
			}
		}
	}
	at, ok := origin[p.Field]
	if !ok {
		at = first
	}
	return at.at(p.Field, "%s", p.String())
}

func (c *collector) dataset() (*Dataset, error) {
	lib := domain.NewLibrary()
	ds := &Dataset{}
	ids := make([]string, 0, len(c.sources))
	for id := range c.sources {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		s := c.sources[id]
		lib.Add(id, s.text)
		date, _ := domain.ParseDate(s.raw.Date)
		ds.Sources = append(ds.Sources, domain.Source{
			ID: id, Title: s.raw.Title, Publisher: s.raw.Publisher, Authors: trimAll(s.raw.Authors),
			Date: date, URL: s.raw.URL, Description: s.raw.Description, File: s.raw.File, Text: s.text,
		})
	}
	kinds := map[string]domain.Kind{}
	for _, id := range c.order.ents {
		rec := c.ents[id]
		e, errs := rec.entity()
		c.errs = append(c.errs, errs...)
		for _, p := range e.Validate(lib) {
			c.fail(locate(p, rec.first, rec.origin, rec.cites, rec.vars))
		}
		kinds[id] = e.Kind
		ds.Entities = append(ds.Entities, e)
	}
	for _, e := range ds.Entities {
		rec := c.ents[e.ID]
		k, ok := kinds[e.Country]
		for _, p := range domain.CheckCountry(e.Country, k, ok) {
			c.fail(locate(p, rec.first, rec.origin, nil, nil))
		}
	}
	for _, id := range c.order.rels {
		rec := c.rels[id]
		r, errs := rec.relationship()
		c.errs = append(c.errs, errs...)
		fromKind, fromOK := kinds[r.From]
		toKind, toOK := kinds[r.To]
		if !fromOK {
			c.fail(rec.first.at("from", "from: unknown entity %q", r.From))
		}
		if !toOK {
			c.fail(rec.first.at("to", "to: unknown entity %q", r.To))
		}
		for _, p := range r.Validate(fromKind, toKind, lib) {
			c.fail(locate(p, rec.first, rec.origin, rec.cites, rec.vars))
		}
		ds.Relationships = append(ds.Relationships, r)
	}
	if len(c.errs) > 0 {
		return nil, c.errs.sorted()
	}
	return ds, nil
}

func parseDate(s string, field string, at place, errs *Errors) domain.Date {
	if s == "" {
		return domain.Date{}
	}
	d, err := domain.ParseDate(s)
	if err != nil {
		*errs = append(*errs, at.at(field, "%s: %v", field, err))
	}
	return d
}

func parseMoney(m *rawMoney, field string, at place, errs *Errors) domain.Money {
	if m == nil {
		return domain.Money{}
	}
	if m.Amount == nil {
		*errs = append(*errs, at.at(field, "%s: missing amount (the number the text means)", field))
		return domain.Money{Currency: m.Currency, Text: m.Text}
	}
	return domain.Money{Amount: *m.Amount, Currency: strings.TrimSpace(m.Currency), Text: strings.TrimSpace(m.Text)}
}

func citations(raw []rawCitation) []domain.Citation {
	out := make([]domain.Citation, len(raw))
	for i, c := range raw {
		out[i] = domain.Citation{Source: strings.TrimSpace(c.Source), Quote: strings.TrimSpace(c.Quote)}
	}
	return out
}

func variants(raw []rawVariant) []domain.Variant {
	out := make([]domain.Variant, len(raw))
	for i, v := range raw {
		out[i] = domain.Variant{Field: v.Field, Value: v.Value, Source: strings.TrimSpace(v.Source), Quote: strings.TrimSpace(v.Quote)}
	}
	return out
}

func (rec *entityRec) entity() (domain.Entity, Errors) {
	var errs Errors
	r := rec.raw
	where := func(field string) place {
		if at, ok := rec.origin[field]; ok {
			return at
		}
		return rec.first
	}
	return domain.Entity{
		ID: r.ID, Kind: domain.Kind(r.Kind), Name: r.Name, Aliases: r.Aliases, Description: r.Description,
		Country: r.Country, Category: r.Category, Tags: r.Tags,
		Date:      parseDate(r.Date, "date", where("date"), &errs),
		StartDate: parseDate(r.StartDate, "startDate", where("startDate"), &errs),
		EndDate:   parseDate(r.EndDate, "endDate", where("endDate"), &errs),
		Status:    r.Status,
		Value:     parseMoney(r.Value, "value", where("value"), &errs),
		Discount:  parseMoney(r.Discount, "discount", where("discount"), &errs),
		Subject:   r.Subject,
		Citations: citations(r.Sources),
		Variants:  variants(r.Variants),
	}, errs
}

func (rec *relRec) relationship() (domain.Relationship, Errors) {
	var errs Errors
	r := rec.raw
	where := func(field string) place {
		if at, ok := rec.origin[field]; ok {
			return at
		}
		return rec.first
	}
	var extra map[string]string
	if len(r.Properties) > 0 {
		extra = make(map[string]string, len(r.Properties))
		for k, v := range r.Properties {
			extra[k] = strings.TrimSpace(string(v))
		}
	}
	return domain.Relationship{
		ID: rec.id, Type: domain.RelType(r.Type), From: r.From, To: r.To, Role: r.Role,
		StartDate: parseDate(r.StartDate, "startDate", where("startDate"), &errs),
		EndDate:   parseDate(r.EndDate, "endDate", where("endDate"), &errs),
		Amount:    parseMoney(r.Amount, "amount", where("amount"), &errs),
		Note:      r.Note,
		Extra:     extra,
		Citations: citations(r.Sources),
		Variants:  variants(r.Variants),
	}, errs
}
