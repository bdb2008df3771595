package seed

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/ftm"
)

// FollowTheMoney files (*.ftm.json, *.ftm.jsonl: one FtM entity per line, as
// Aleph, OpenSanctions and our own export write them) are bulk files too:
// each line is translated into the source, entity or relationship record it
// stands for, mapped by package ftm, and then validated like any bulk record.
// docs/ftm.md gives the mapping and the rules.

func isFtMFile(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasSuffix(lower, ".ftm.json") || strings.HasSuffix(lower, ".ftm.jsonl")
}

// ftmLine is one FtM entity; other top-level keys (datasets, referents...)
// are ignored.
type ftmLine struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
	Silkgraph  json.RawMessage     `json:"silkgraph"`
}

func scanFtM(path string, r io.Reader, fn func(record) error) error {
	return scanLines(path, r, fn, func(rec *record) {
		var e ftmLine
		if err := json.Unmarshal(rec.content, &e); err != nil {
			rec.bad = rec.errorf("invalid FtM entity: %v", err)
		} else if err := rec.fromFtM(e); err != nil {
			rec.bad = rec.errorf("%s %s: %v", e.Schema, e.ID, err)
		}
	})
}

// fromFtM sets the record an FtM entity stands for: a Document is a source,
// a schema of ftm's kinds an entity, a schema of its links a relationship.
func (rec *record) fromFtM(e ftmLine) error {
	p := ftmProps(e.Properties)
	switch {
	case e.ID == "":
		return fmt.Errorf("missing id")
	case ftm.IsDocument(e.Schema):
		return rec.ftmSource(e.ID, p)
	case ftm.IsLink(e.Schema):
		return rec.ftmRelationship(e, p)
	}
	if kind, ok := ftm.KindOf(e.Schema); ok {
		return rec.ftmEntity(e, kind, p)
	}
	return fmt.Errorf("schema %q is not read: entities are PublicBody, Company, Organization, LegalEntity, Person, Contract, Project, Asset, Event or Address; "+
		"relationships ContractAward, ProjectParticipant, Ownership, Directorship, Membership, Payment or UnknownLink; sources Documents", e.Schema)
}

type ftmProps map[string][]string

// one returns a property that Silkgraph holds once; FtM allows several.
func (p ftmProps) one(name string) (string, error) {
	switch vs := p[name]; len(vs) {
	case 0:
		return "", nil
	case 1:
		return strings.TrimSpace(vs[0]), nil
	default:
		return "", fmt.Errorf("%s has %d values; Silkgraph keeps one", name, len(vs))
	}
}

// first returns the first of a list of properties that is set, once.
func (p ftmProps) first(errs *[]error, names ...string) string {
	for _, name := range names {
		v, err := p.one(name)
		if err != nil {
			*errs = append(*errs, err)
		}
		if v != "" {
			return v
		}
	}
	return ""
}

func (p ftmProps) money(errs *[]error) *rawMoney {
	a, c := p.first(errs, "amount"), p.first(errs, "currency")
	if a == "" && c == "" {
		return nil
	}
	m := &rawMoney{Currency: c}
	if a != "" {
		f, err := strconv.ParseFloat(a, 64)
		if err != nil {
			*errs = append(*errs, fmt.Errorf("amount %q is not a number", a))
		}
		m.Amount = &f
	}
	return m
}

// citations reads the citations in summary: "[source-id] quote", or a plain
// quote from the entity's one proof document. Every record needs one.
func (p ftmProps) citations() ([]rawCitation, error) {
	var out []rawCitation
	for _, s := range p["summary"] {
		if c, ok := ftm.ParseCitation(s); ok {
			out = append(out, rawCitation(c))
			continue
		}
		if len(p["proof"]) != 1 {
			return nil, fmt.Errorf("summary %q: write a citation as \"[source-id] verbatim quote\", or give exactly one proof document the quote is from", s)
		}
		out = append(out, rawCitation{Source: p["proof"][0], Quote: s})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no citation: every fact needs a summary \"[source-id] verbatim quote\" (or a proof document and a summary quoting it)")
	}
	return out, nil
}

// finish sets a record's citations, then overlays the Silkgraph extension,
// whose fields are named as in bulk JSON records, on what the properties
// gave.
func (p ftmProps) finish(ext json.RawMessage, into any, sources *[]rawCitation, errs *[]error) {
	cites, err := p.citations()
	if err != nil {
		*errs = append(*errs, err)
	}
	*sources = cites
	if len(ext) == 0 {
		return
	}
	dec := json.NewDecoder(bytes.NewReader(ext))
	dec.DisallowUnknownFields()
	if err := dec.Decode(into); err != nil {
		*errs = append(*errs, fmt.Errorf("%s: %v", ftm.ExtensionKey, err))
	}
}

func joinErrors(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	msgs := make([]string, len(errs))
	for i, err := range errs {
		msgs[i] = err.Error()
	}
	return fmt.Errorf("%s", strings.Join(msgs, "; "))
}

// ftmSource reads a Document. One without text refers to a source defined
// elsewhere in the load (a seed file); with bodyText it defines one.
func (rec *record) ftmSource(id string, p ftmProps) error {
	var errs []error
	rec.source = &rawSource{ID: id, Title: p.first(&errs, "title", "name"), Publisher: p.first(&errs, "publisher"),
		Authors: p["author"], Date: p.first(&errs, "publishedAt", "date"), URL: p.first(&errs, "sourceUrl"),
		Description: p.first(&errs, "description"), Text: p.first(&errs, "bodyText")}
	rec.sourceRef = rec.source.Text == ""
	return joinErrors(errs)
}

func (rec *record) ftmEntity(e ftmLine, kind domain.Kind, p ftmProps) error {
	var errs []error
	raw := &rawEntity{ID: e.ID, Kind: string(kind), Aliases: p["alias"], Tags: p["keywords"], Description: p.first(&errs, "description")}
	names := p["name"]
	if len(names) == 0 {
		names = p["title"]
	}
	if len(names) > 0 { // further names are aliases
		raw.Name, raw.Aliases = names[0], append(names[1:len(names):len(names)], raw.Aliases...)
	}
	switch e.Schema {
	case "Contract":
		raw.Date, raw.Status = p.first(&errs, "contractDate"), p.first(&errs, "status")
	case "Project", "Event":
		raw.Date, raw.StartDate, raw.EndDate = p.first(&errs, "date"), p.first(&errs, "startDate"), p.first(&errs, "endDate")
		if e.Schema == "Project" {
			raw.Status = p.first(&errs, "status")
		}
	}
	raw.Value = p.money(&errs)
	p.finish(e.Silkgraph, raw, &raw.Sources, &errs)
	rec.entity = raw
	return joinErrors(errs)
}

// ftmRelationship reads an interval. recordId, as our export writes it,
// gives the relationship's id (from|TYPE|to, and a key); FtM data from
// elsewhere has the schema's default type, and its FtM id as key, so that
// two links of one type between the same ends stay apart.
func (rec *record) ftmRelationship(e ftmLine, p ftmProps) error {
	var errs []error
	link, _ := ftm.LinkOfType(e.Schema, "")
	from, to := p.first(&errs, link.From), p.first(&errs, link.To)
	raw := &rawRelationship{Type: string(link.DefaultType), From: from, To: to, Key: e.ID}
	if id := p.first(&errs, "recordId"); id != "" {
		parts := strings.SplitN(id, "|", 4)
		if len(parts) < 3 {
			return fmt.Errorf("recordId %q: want from|TYPE|to or from|TYPE|to|key", id)
		}
		l, ok := ftm.LinkOfType(e.Schema, domain.RelType(parts[1]))
		if !ok {
			return fmt.Errorf("recordId %q: %s relationships are not written as %s", id, parts[1], e.Schema)
		}
		link, raw.Type, raw.From, raw.To, raw.Key = l, parts[1], parts[0], parts[2], ""
		if len(parts) == 4 {
			raw.Key = parts[3]
		}
		if f, t := p.first(&errs, l.From), p.first(&errs, l.To); f != raw.From || t != raw.To {
			return fmt.Errorf("recordId %q does not match %s %q and %s %q", id, l.From, f, l.To, t)
		}
	} else if raw.Type == "" {
		return fmt.Errorf("an %s says nothing of its type: give recordId \"from|TYPE|to\"", e.Schema)
	}
	if raw.From == "" || raw.To == "" {
		errs = append(errs, fmt.Errorf("needs both %s and %s", link.From, link.To))
	}
	raw.StartDate, raw.EndDate, raw.Note = p.first(&errs, "startDate"), p.first(&errs, "endDate"), p.first(&errs, "description")
	if link.Role {
		raw.Role = p.first(&errs, "role")
	}
	if link.Amount {
		raw.Amount = p.money(&errs)
	}
	if share := p.first(&errs, "percentage"); share != "" && link.Share {
		raw.Properties = map[string]scalar{domain.PropShare: scalar(share)}
	}
	p.finish(e.Silkgraph, raw, &raw.Sources, &errs)
	rec.rel = raw
	return joinErrors(errs)
}
