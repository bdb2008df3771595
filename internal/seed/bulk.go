package seed

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// Bulk files are for large data sets: JSON Lines (*.jsonl: one object per
// line with exactly one of "source", "entity" or "relationship", each shaped
// like its YAML record) and CSV (*.nodes.csv and *.edges.csv, columns below).
// They are streamed: validated record by record in passes over the files and
// written in batches, never read whole into memory. What is kept per record
// is an entity's id and kind, and a hash of each id, to check references and
// duplicates.

// CSV columns; list fields (aliases, tags) are separated by ';'.
var (
	nodeColumns = []string{"id", "kind", "name", "aliases", "description", "country", "category", "tags", "date", "startDate", "endDate", "status", "source", "quote"}
	edgeColumns = []string{"type", "from", "to", "key", "role", "startDate", "endDate", "amount", "currency", "amountText", "note", "source", "quote"}
)

func isBulkFile(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasSuffix(lower, ".jsonl") || strings.HasSuffix(lower, ".nodes.csv") || strings.HasSuffix(lower, ".edges.csv") || isFtMFile(name)
}

// record is one bulk record: exactly one of its pointers is set, unless
// the line could not be read (bad).
type record struct {
	file string
	line int
	bad  error
	// content is the record as written, for telling repeats from conflicts.
	content []byte
	source  *rawSource
	entity  *rawEntity
	rel     *rawRelationship
	// sourceRef marks a source that only refers to one defined elsewhere in
	// the load (an FtM Document without its text).
	sourceRef bool
}

// scan streams every record of a bulk file to fn.
func scan(path string, fn func(record) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if isFtMFile(path) {
		return scanFtM(path, f, fn)
	}
	if strings.HasSuffix(strings.ToLower(path), ".jsonl") {
		return scanJSONL(path, f, fn)
	}
	return scanCSV(path, f, fn)
}

func scanJSONL(path string, r io.Reader, fn func(record) error) error {
	return scanLines(path, r, fn, func(rec *record) {
		var wrapper struct {
			Source       *rawSource       `json:"source"`
			Entity       *rawEntity       `json:"entity"`
			Relationship *rawRelationship `json:"relationship"`
		}
		dec := json.NewDecoder(bytes.NewReader(rec.content))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&wrapper); err != nil {
			rec.bad = rec.errorf("invalid JSON record: %v", err)
		} else if countSet(wrapper.Source != nil, wrapper.Entity != nil, wrapper.Relationship != nil) != 1 {
			rec.bad = rec.errorf(`each line holds exactly one of "source", "entity" or "relationship"`)
		}
		rec.source, rec.entity, rec.rel = wrapper.Source, wrapper.Entity, wrapper.Relationship
	})
}

// scanLines streams the records of a file with one per line, which parse
// fills in from the line (rec.content).
func scanLines(path string, r io.Reader, fn func(record) error, parse func(*record)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for line := 1; sc.Scan(); line++ {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		rec := record{file: path, line: line, content: b}
		parse(&rec)
		if err := fn(rec); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return Error{File: path, Line: 0, Message: err.Error()}
	}
	return nil
}

func (r record) errorf(format string, args ...any) error {
	return Error{File: r.file, Line: r.line, Message: fmt.Sprintf(format, args...)}
}

func countSet(bs ...bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

func scanCSV(path string, r io.Reader, fn func(record) error) error {
	cr := csv.NewReader(bufio.NewReader(r))
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return Error{File: path, Line: 1, Message: "missing CSV header: " + err.Error()}
	}
	nodes := strings.HasSuffix(strings.ToLower(path), ".nodes.csv")
	want := edgeColumns
	if nodes {
		want = nodeColumns
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	for _, h := range header {
		if _, ok := indexOf(want, strings.TrimSpace(h)); !ok {
			return Error{File: path, Line: 1, Message: fmt.Sprintf("unknown column %q (known: %s)", h, strings.Join(want, ", "))}
		}
	}
	for {
		row, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil { // FieldPos has no row to point at: the error does
			line := 1
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = max(pe.StartLine, 1)
			}
			return Error{File: path, Line: line, Message: "invalid CSV: " + err.Error()}
		}
		line, _ := cr.FieldPos(0)
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(row) {
				return strings.TrimSpace(row[i])
			}
			return ""
		}
		list := func(name string) []string {
			if v := get(name); v != "" {
				return strings.Split(v, ";")
			}
			return nil
		}
		rec := record{file: path, line: line, content: []byte(strings.Join(row, "\x00"))}
		var cites []rawCitation
		if get("source") != "" || get("quote") != "" {
			cites = []rawCitation{{Source: get("source"), Quote: get("quote")}}
		}
		if nodes {
			rec.entity = &rawEntity{ID: get("id"), Kind: get("kind"), Name: get("name"), Aliases: list("aliases"),
				Description: get("description"), Country: get("country"), Category: get("category"), Tags: list("tags"),
				Date: get("date"), StartDate: get("startDate"), EndDate: get("endDate"), Status: get("status"), Sources: cites}
		} else {
			rec.rel = &rawRelationship{Type: get("type"), From: get("from"), To: get("to"), Key: get("key"), Role: get("role"),
				StartDate: get("startDate"), EndDate: get("endDate"), Note: get("note"), Sources: cites}
			if a := get("amount"); a != "" {
				amount, err := strconv.ParseFloat(a, 64)
				if err != nil {
					rec.bad = rec.errorf("amount %q is not a number", a)
				}
				rec.rel.Amount = &rawMoney{Amount: &amount, Currency: get("currency"), Text: get("amountText")}
			}
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
}

func indexOf(list []string, s string) (int, bool) {
	for i, v := range list {
		if v == s {
			return i, true
		}
	}
	return 0, false
}

// Bulk is a validated set of bulk files, ready to be streamed to a writer.
type Bulk struct {
	Files []string
	// Sources are the bulk files' own sources, with their texts.
	Sources []domain.Source
	// repeated holds the hashes of the record ids that occur more than
	// once, as exact repeats: few, so streaming needs no set of every id.
	repeated map[uint64]struct{}
}

// Stats counts the records of a bulk set.
type Stats struct {
	Entities, Relationships int
}

// bulkChecker validates bulk records against what is known: the YAML
// dataset's sources and entities, and the bulk files' own.
type bulkChecker struct {
	errs    Errors
	lib     *domain.Library
	kinds   map[string]domain.Kind
	content map[uint64]uint64 // hash of id -> hash of record, for duplicates
	stats   Stats
}

const maxBulkErrors = 1000

func (c *bulkChecker) add(e Error) {
	if len(c.errs) < maxBulkErrors {
		c.errs = append(c.errs, e)
	}
}

func hashOf(b []byte) uint64 {
	h := fnv.New64a()
	_, _ = h.Write(b)
	return h.Sum64()
}

// duplicate reports whether id was seen before, and with other content; it
// notes exact repeats in b.
func (c *bulkChecker) duplicate(b *Bulk, id string, content []byte) (seen, conflict bool) {
	k, v := hashOf([]byte(id)), hashOf(content)
	prev, ok := c.content[k]
	switch {
	case !ok:
		c.content[k] = v
	case prev == v:
		b.repeated[k] = struct{}{}
	}
	return ok, ok && prev != v
}

// problems reports all but the last problem and returns the last, so that
// every problem of a record is listed.
func (c *bulkChecker) problems(rec record, ps []domain.Problem) error {
	if len(ps) == 0 {
		return nil
	}
	for _, p := range ps[:len(ps)-1] {
		c.add(Error{File: rec.file, Line: rec.line, Message: p.String()})
	}
	return rec.errorf("%s", ps[len(ps)-1].String())
}

// ReadBulk validates bulk files in passes (sources, entities, relationships)
// without holding their records, given the dataset already read from YAML
// (whose sources and entities bulk records may reference). It returns
// Errors listing the problems found, at most 1000.
func ReadBulk(paths []string, known *Dataset) (*Bulk, Stats, error) {
	files, err := collectFiles(paths, isBulkFile)
	if err != nil || len(files) == 0 {
		return nil, Stats{}, err
	}
	c := &bulkChecker{lib: domain.NewLibrary(), kinds: map[string]domain.Kind{}, content: map[uint64]uint64{}}
	b := &Bulk{Files: files, repeated: map[uint64]struct{}{}}
	if known != nil {
		for _, s := range known.Sources {
			c.lib.Add(s.ID, s.Text)
		}
		for _, e := range known.Entities {
			c.kinds[e.ID] = e.Kind
		}
	}
	passes := []func(record) error{
		func(rec record) error { return c.source(rec, b) },
		func(rec record) error { return c.entity(rec, b) },
		func(rec record) error { return c.relationship(rec, b) },
	}
	for i, pass := range passes {
		for _, f := range files {
			err := scan(f, func(rec record) error {
				if rec.bad != nil {
					if i == 0 { // report unreadable lines once
						c.add(rec.bad.(Error))
					}
					return nil
				}
				if err := pass(rec); err != nil {
					c.add(err.(Error))
				}
				return nil
			})
			if err != nil {
				return nil, c.stats, err
			}
		}
	}
	if len(c.errs) > 0 {
		return nil, c.stats, c.errs.sorted()
	}
	return b, c.stats, nil
}

func (c *bulkChecker) source(rec record, b *Bulk) error {
	s := rec.source
	if s == nil {
		return nil
	}
	if !domain.ValidID(s.ID) {
		return rec.errorf("source id %q: use lowercase letters, digits and single hyphens", s.ID)
	}
	switch {
	case c.lib.Has(s.ID) && rec.sourceRef:
		return nil
	case c.lib.Has(s.ID):
		return rec.errorf("source %q is defined twice", s.ID)
	case rec.sourceRef:
		return rec.errorf("document %q is no known source and has no bodyText to check quotes against: load the seed file that defines it with this file, or give its text", s.ID)
	}
	text := s.Text
	if s.File != "" {
		data, err := os.ReadFile(filepath.Join(filepath.Dir(rec.file), s.File))
		if err != nil {
			return rec.errorf("cannot read the source's text: %v", err)
		}
		text = string(data)
	}
	if text == "" {
		return rec.errorf("source %q needs its text (text, or file relative to this file)", s.ID)
	}
	date, err := domain.ParseDate(s.Date)
	if s.Date != "" && err != nil {
		return rec.errorf("%v", err)
	}
	c.lib.Add(s.ID, text)
	b.Sources = append(b.Sources, domain.Source{ID: s.ID, Title: s.Title, Publisher: s.Publisher, Authors: s.Authors,
		Date: date, URL: s.URL, Description: s.Description, File: s.File, Text: text})
	return nil
}

func (c *bulkChecker) entity(rec record, b *Bulk) error {
	if rec.entity == nil {
		return nil
	}
	e, err := rec.toEntity()
	if err != nil {
		return rec.errorf("%v", err)
	}
	if seen, conflict := c.duplicate(b, "e:"+e.ID, rec.content); conflict {
		return rec.errorf("entity %q appears again with different content", e.ID)
	} else if seen {
		return nil
	}
	if _, ok := c.kinds[e.ID]; ok {
		return rec.errorf("entity %q is also defined in a seed file", e.ID)
	}
	c.kinds[e.ID] = e.Kind
	c.stats.Entities++
	return c.problems(rec, e.Validate(c.lib))
}

func (c *bulkChecker) relationship(rec record, b *Bulk) error {
	if rec.rel == nil {
		return nil
	}
	r, err := rec.toRelationship()
	if err != nil {
		return rec.errorf("%v", err)
	}
	if seen, conflict := c.duplicate(b, "r:"+r.ID, rec.content); conflict {
		return rec.errorf("relationship %q appears again with different content", r.ID)
	} else if seen {
		return nil
	}
	fromKind, fromOK := c.kinds[r.From]
	toKind, toOK := c.kinds[r.To]
	if !fromOK {
		return rec.errorf("from: unknown entity %q", r.From)
	}
	if !toOK {
		return rec.errorf("to: unknown entity %q", r.To)
	}
	c.stats.Relationships++
	return c.problems(rec, r.Validate(fromKind, toKind, c.lib))
}

// toEntity and toRelationship convert one bulk record, reporting the first
// malformed field.
func (rec record) toEntity() (domain.Entity, error) {
	er := &entityRec{raw: *rec.entity, first: place{file: rec.file, loc: lineLocator(rec.line)}, origin: map[string]place{}}
	er.raw.ID = strings.TrimSpace(er.raw.ID)
	e, errs := er.entity()
	if len(errs) > 0 {
		return e, errs
	}
	return e, nil
}

func (rec record) toRelationship() (domain.Relationship, error) {
	raw := *rec.rel
	rr := &relRec{raw: raw, id: domain.RelationshipID(domain.RelType(strings.TrimSpace(raw.Type)), strings.TrimSpace(raw.From), strings.TrimSpace(raw.To), strings.TrimSpace(raw.Key)),
		first: place{file: rec.file, loc: lineLocator(rec.line)}, origin: map[string]place{}}
	r, errs := rr.relationship()
	if len(errs) > 0 {
		return r, errs
	}
	return r, nil
}

// Each streams the bulk set's entities (all files), then its relationships,
// to the callbacks, so that a writer finds both ends of every relationship.
func (b *Bulk) Each(entity func(domain.Entity) error, rel func(domain.Relationship) error) error {
	// Repeated records (validation allows exact repeats) are passed once,
	// so that no write batch holds one id twice. Only the ids validation
	// found repeated are tracked.
	passed := map[uint64]struct{}{}
	first := func(id string) bool {
		h := hashOf([]byte(id))
		if _, repeated := b.repeated[h]; !repeated {
			return true
		}
		if _, ok := passed[h]; ok {
			return false
		}
		passed[h] = struct{}{}
		return true
	}
	for _, f := range b.Files {
		err := scan(f, func(rec record) error {
			if rec.entity == nil {
				return nil
			}
			e, err := rec.toEntity()
			if err != nil || !first("e:"+e.ID) {
				return err
			}
			return entity(e)
		})
		if err != nil {
			return err
		}
	}
	for _, f := range b.Files {
		err := scan(f, func(rec record) error {
			if rec.rel == nil {
				return nil
			}
			r, err := rec.toRelationship()
			if err != nil || !first("r:"+r.ID) {
				return err
			}
			return rel(r)
		})
		if err != nil {
			return err
		}
	}
	return nil
}
