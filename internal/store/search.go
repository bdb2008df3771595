package store

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/norm"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// MaxSearchLength bounds a search string; longer ones are rejected.
const MaxSearchLength = 200

// Hit is a search result.
type Hit struct {
	Entity domain.Entity
	Score  float64
}

// searchCypher pages full-text hits without reading a property of each one:
// the index yields hits by descending score, so only the band of hits that
// share a score with the page needs the id tie-break sort (stable pages),
// and the band's ends are counted only when ties cross the page's ends.
// Sorting every hit by id cost twice the library's time on a million
// relationships, where "company" matches 20,000 entities. Unfiltered
// searches skip the kind test on every hit; a top search asks the index for
// the first $window hits only, and is exact unless ties reach past them.
// Each shape exists for both details: a search box reads summaries.
var searchCypher = func() map[searchShape]string {
	out := map[searchShape]string{}
	for detail := range detailCypher {
		for _, sh := range []searchShape{{}, {filtered: true}, {top: true}} {
			sh.detail = detail
			out[sh] = searchStatement(sh)
		}
	}
	return out
}()

type searchShape struct {
	filtered, top bool
	detail        Detail
}

func searchStatement(sh searchShape) string {
	call, filter, exact := "$query", "", "true"
	if sh.filtered {
		filter = "WHERE node.kind IN $kinds"
	}
	if sh.top {
		call, exact = "$query, {limit: $window}", "coalesce(total < $window OR scores[$window - 1] < lo, false)"
	}
	return `
	CALL db.index.fulltext.queryNodes('` + SearchIndex + `', ` + call + `) YIELD node, score
	` + filter + `
	WITH collect(node) AS nodes, collect(score) AS scores
	WITH nodes, scores, size(scores) AS total
	WITH nodes, scores, total, CASE WHEN $offset + $limit < total THEN $offset + $limit ELSE total END AS end
	WITH nodes, scores, total, end, scores[$offset] AS hi, scores[end - 1] AS lo
	WITH nodes, scores, total, lo,
		CASE WHEN $offset > 0 AND scores[$offset - 1] = hi THEN size([s IN scores[..$offset] WHERE s > hi]) ELSE $offset END AS before,
		CASE WHEN end < total AND scores[end] = lo THEN size([s IN scores WHERE s >= lo]) ELSE end END AS upto
	CALL (nodes, scores, before, upto) {
		UNWIND range(before, upto - 1) AS i
		WITH nodes[i] AS n, scores[i] AS s ORDER BY s DESC, n.id
		RETURN collect({n: ` + detailCypher[sh.detail].entity + `, s: s}) AS band
	}
	RETURN total, band[$offset - before..$offset - before + $limit] AS page, ` + exact + ` AS exact`
}

// topSlack is how many hits past the page a top search reads, so that the
// usual run of equal scores at the page's end (a hundred among 20,000 hits
// for "company" at 1M relationships) still fits and the search stays exact.
const topSlack = 256

// SearchQuery is a full-text search and how much of each hit to read.
type SearchQuery struct {
	Text  string
	Kinds []domain.Kind // nil: all
	Page  Page
	// Counted asks for the number of hits. Without it, the total returned
	// only tells whether more hits follow the page (it exceeds the page's end
	// if so), and an unfiltered search reads just the page's worth of top
	// hits from the index instead of scoring every hit.
	Counted bool
	Detail  Detail
}

// SearchResult is a page of hits, their total, and the words they match.
type SearchResult struct {
	Hits  []Hit
	Total int
	Match Match
}

// Search runs a full-text search: hits must match every word of the text
// (each word tolerantly, see LuceneQuery), or, when no entity does, any of
// them, so that one word too many still finds something. The user's words
// never reach Lucene as syntax (see searchWords).
func (s *Store) Search(ctx context.Context, q SearchQuery) (SearchResult, error) {
	words, err := searchWords(q.Text)
	if err != nil {
		return SearchResult{}, err
	}
	hits, total, err := s.search(ctx, q, luceneQuery(words, AllWords))
	if err != nil || total > 0 || requiredTerms(words) < 2 {
		return SearchResult{Hits: hits, Total: total, Match: AllWords}, err
	}
	hits, total, err = s.search(ctx, q, luceneQuery(words, AnyWord))
	return SearchResult{Hits: hits, Total: total, Match: AnyWord}, err
}

func (s *Store) search(ctx context.Context, q SearchQuery, lucene string) ([]Hit, int, error) {
	decode, ok := detailCypher[q.Detail]
	if !ok {
		return nil, 0, fmt.Errorf("unknown detail %d", q.Detail)
	}
	params := map[string]any{"query": lucene, "kinds": kindNames(q.Kinds), "offset": q.Page.Offset, "limit": q.Page.Limit,
		"window": q.Page.Offset + q.Page.Limit + topSlack}
	if !q.Counted && len(q.Kinds) == 0 {
		if hits, total, exact, err := s.searchPage(ctx, searchCypher[searchShape{top: true, detail: q.Detail}], params, decode.node); err != nil || exact {
			return hits, total, err
		}
	}
	hits, total, _, err := s.searchPage(ctx, searchCypher[searchShape{filtered: len(q.Kinds) > 0, detail: q.Detail}], params, decode.node)
	return hits, total, err
}

func (s *Store) searchPage(ctx context.Context, cypher string, params map[string]any, node func(any) (domain.Entity, error)) ([]Hit, int, bool, error) {
	recs, err := s.read(ctx, cypher, params)
	if err != nil {
		return nil, 0, false, err
	}
	total, err := get[int64](recs[0], "total")
	if err != nil {
		return nil, 0, false, err
	}
	exact, err := get[bool](recs[0], "exact")
	if err != nil {
		return nil, 0, false, err
	}
	v, _ := recs[0].Get("page")
	hits, err := listOf(v, func(v any) (Hit, error) {
		m, _ := v.(map[string]any)
		e, err := node(m["n"])
		score, _ := m["s"].(float64)
		return Hit{Entity: e, Score: score}, err
	})
	return hits, int(total), exact, err
}

// fold lowercases and strips the diacritics of Latin letters (Vučić ->
// vucic) as the index's standard-folding analyzer does. Its ASCII folding
// leaves other scripts' marks alone: Королёв keeps its ё, が its dakuten.
// What it folds that does not decompose (đ, ß, typographic apostrophes,
// full-width stops) is mapped by hand.
func fold(s string) string {
	var b strings.Builder
	latin := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if unicode.Is(unicode.Mn, r) {
			if latin {
				continue
			}
		} else {
			latin = unicode.Is(unicode.Latin, r)
		}
		b.WriteRune(r)
	}
	return foldMapped.Replace(norm.NFC.String(b.String()))
}

var foldMapped = strings.NewReplacer("đ", "d", "ł", "l", "ø", "o", "ß", "ss", "æ", "ae", "œ", "oe", "ı", "i",
	"‘", "'", "’", "'", "‛", "'", "＇", "'", "．", ".", "，", ",")

// Match says which of a search's words a hit must match.
type Match int

const (
	// AllWords requires every word but stop words.
	AllWords Match = iota
	// AnyWord requires one word.
	AnyWord
)

// LuceneQuery turns a user's search string into a Lucene query: an entity
// whose name or alias is exactly the words ranks first; each word may match a
// name, alias or description exactly (boosted, more so in the name), as a
// prefix (for typing), or, if it has four characters or more and no digit,
// within one edit (for typos); entities matching
// more words rank higher. With AllWords a hit must match each term the
// index makes of the words ("safe-city" is two), but the index's stop
// words, which it does not hold (of a term such as "o'brien", the term or
// one of its parts). Only letters, digits and, in the quoted exact-name
// phrase, apostrophes and periods survive, so no Lucene syntax can be
// injected.
func LuceneQuery(text string, m Match) (string, error) {
	words, err := searchWords(text)
	if err != nil {
		return "", err
	}
	return luceneQuery(words, m), nil
}

// searchWord is one whitespace-separated word of a search: the word as the
// exact-name phrase spells it (whole), and its pieces, the terms the index's
// tokenizer makes of it that the query asks for. The tokenizer breaks words
// at hyphens and slashes ("safe-city" is two terms, as "safe city" is) but
// keeps apostrophes and periods between letters ("o'brien", "d.o.o"), where
// "brien" alone is never a term.
type searchWord struct {
	whole  string
	pieces []searchPiece
}

// searchPiece is one term of a word: a run of letters and digits, or
// several joined by apostrophes, periods, commas or underscores (joined:
// "rl's", "1,000"), and its parts.
type searchPiece struct {
	joined string
	parts  []string
}

// isPart tells the characters of a word's parts: letters, digits and the
// marks that belong to letters (Devanagari's vowel signs).
func isPart(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// joiners are the characters that may join parts into one term, as the
// index's tokenizer (Unicode word boundaries, UAX #29) joins them ("o'brien",
// "d.o.o", "1,000", "col·legi"): none of them is Lucene syntax. UAX #29 joins
// with a few more (the colon, which Lucene reads as a field, and the double
// quote between Hebrew letters); those split a word here.
const joiners = "'.,_·;"

// searchWords are the folded words of a search string, with clauses for at
// most maxSearchParts parts.
// Each word is cut into terms where the index's tokenizer cuts it (Unicode
// word boundaries: "safe-city" is two terms, "o'brien", "d.o.o" and "1,000"
// one each, and every Chinese character one). Only letters, digits, marks and
// the joiners survive: nothing else can reach Lucene, where the whole words
// stand inside a quoted phrase and the parts and joined pieces are bare
// terms.
func searchWords(text string) ([]searchWord, error) {
	if len(text) > MaxSearchLength {
		return nil, domain.Errorf(domain.EINVALID, "search query is %d characters; keep it under %d", len(text), MaxSearchLength)
	}
	var words []searchWord
	n := 0
	for _, field := range strings.Fields(fold(text)) {
		var w searchWord
		for _, term := range indexTerms(field) {
			parts := strings.FieldsFunc(term, func(r rune) bool { return !isPart(r) })
			switch {
			case n == maxSearchParts: // past the cap, only the exact-name phrase spells it
			case len(parts) > maxSearchParts-n: // cut inside the term: its first parts stand for it
				for _, part := range parts[:maxSearchParts-n] {
					w.pieces = append(w.pieces, searchPiece{parts: []string{part}})
				}
				n = maxSearchParts
			default:
				p := searchPiece{parts: parts}
				if len(parts) > 1 {
					p.joined = strings.Trim(term, "'.,·;")
				}
				w.pieces = append(w.pieces, p)
				n += len(parts)
			}
			w.whole = strings.TrimSpace(w.whole + " " + term)
		}
		if w.whole != "" {
			words = append(words, w)
		}
	}
	if n == 0 {
		return nil, domain.Errorf(domain.EINVALID, "search query %q has no letters or digits to search for", text)
	}
	return words, nil
}

// hasDigit tells a term that no typo may match: one edit away from a year,
// an amount or a contract number is another one (2019~1 finds 2018 and
// 2010), and on a large graph, full of numbered names, the edits of a number
// cost Lucene more than all of a search's other clauses together.
func hasDigit(s string) bool { return strings.IndexFunc(s, unicode.IsDigit) >= 0 }

// hasLetterOrDigit tells a term the index can hold from marks alone.
func hasLetterOrDigit(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// maxSearchParts bounds the parts a search asks for, each a clause or two;
// the exact-name phrase still spells every word, so that a pasted agreement
// title or a long Chinese company name ranks its entity first.
const maxSearchParts = 10

// indexTerms cuts a folded word at its Unicode word boundaries and at any
// character that is neither part nor joiner, keeping the pieces that hold a
// letter or digit (the index holds no term of marks alone).
func indexTerms(word string) []string {
	var out []string
	state := -1
	for word != "" {
		var segment string
		segment, word, state = uniseg.FirstWordInString(word, state)
		for _, t := range strings.FieldsFunc(segment, func(r rune) bool { return !isPart(r) && !strings.ContainsRune(joiners, r) }) {
			if hasLetterOrDigit(t) {
				out = append(out, t)
			}
		}
	}
	return out
}

func luceneQuery(words []searchWord, m Match) string {
	clause := func(w string) string {
		alts := []string{"name:" + w + "^4", w + "^2", w + "*"}
		if len([]rune(w)) >= 4 && !hasDigit(w) {
			alts = append(alts, w+"~1")
		}
		return "(" + strings.Join(alts, " OR ") + ")"
	}
	wholes := make([]string, len(words))
	for i, w := range words {
		wholes[i] = w.whole
	}
	exact := exactNameQuery(wholes)
	if m == AnyWord {
		var clauses []string
		for _, w := range words {
			for _, p := range w.pieces {
				required, optional := p.alternatives()
				for _, t := range append(required, optional...) {
					clauses = append(clauses, clause(t))
				}
			}
		}
		return exact + " OR " + strings.Join(clauses, " OR ")
	}
	var items []string
	for _, w := range words {
		for _, p := range w.pieces {
			required, optional := p.alternatives()
			for i, r := range required {
				required[i] = clause(r)
			}
			switch len(required) {
			case 0:
			case 1:
				items = append(items, "+"+required[0])
			default:
				items = append(items, "+("+strings.Join(required, " OR ")+")")
			}
			for _, o := range optional {
				items = append(items, clause(o))
			}
		}
	}
	return exact + " OR (" + strings.Join(items, " ") + ")"
}

// alternatives are the terms of which AllWords requires one for the piece,
// and those it may match besides (AnyWord asks for any of them): a joined
// piece is required whole or through one of its parts; stop words are
// optional, and the lone letters (and marks) of a joined piece left out: the
// o of "o'brien", as a prefix, would match anything starting with o.
func (p searchPiece) alternatives() (required, optional []string) {
	if p.joined != "" {
		required = append(required, p.joined)
	}
	for _, part := range p.parts {
		switch {
		case p.joined != "" && (len([]rune(part)) < 2 || !hasLetterOrDigit(part)):
		case stopWords[part]:
			optional = append(optional, part)
		default:
			required = append(required, part)
		}
	}
	return required, optional
}

// requiredTerms counts the pieces AllWords requires a term for.
func requiredTerms(words []searchWord) int {
	n := 0
	for _, w := range words {
		for _, p := range w.pieces {
			if required, _ := p.alternatives(); len(required) > 0 {
				n++
			}
		}
	}
	return n
}

// stopWords are the words the index's analyzer (standard-folding) leaves
// out, Lucene's English stop words: requiring one would require whatever its
// prefix and typo variants happen to match instead ("and*" finds "android").
var stopWords = func() map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(`a an and are as at be but by for if in into is it no not of on or such
		that the their then there these they this to was will with`) {
		out[w] = true
	}
	return out
}()

// The marker words around each name and alias in nameKeys; a word of an
// entity's text that happened to equal one would only weaken the boost.
const (
	nameKeyBegin = "silkgraphnamebegin"
	nameKeyEnd   = "silkgraphnameend"
)

// exactNameQuery matches entities one of whose names is exactly the searched
// words, boosted so that "Hytera" ranks the company above "Hytera body
// cameras", whose name and aliases say Hytera more often. The words hold
// letters, digits, apostrophes, periods and spaces only, none of which ends
// or escapes a quoted phrase.
func exactNameQuery(words []string) string {
	return `nameKeys:"` + nameKeyBegin + " " + strings.Join(words, " ") + " " + nameKeyEnd + `"^10`
}
