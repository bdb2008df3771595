package store

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// A Lucene query built from a search string is a disjunction of fixed
// clauses around terms of letters, digits and marks (a term begins with a
// letter or digit somewhere): the exact-name phrase of all the terms (where
// apostrophes, periods, commas, underscores, middle dots and semicolons may
// join parts), then one clause per part and per joined term ("o'brien").
// With AllWords, a clause is required unless its word is a stop word, or
// one of the required clauses of a term's parts ("o'brien") is. No syntax
// of the user's gets through, whatever the string.
const termChars = `[\pL\pN\pM'.,_·;]*[\pL\pN][\pL\pN\pM'.,_·;]*`

var (
	clauseShape = regexp.MustCompile(`^\(name:(` + termChars + `)\^4 OR (` + termChars + `)\^2 OR (` + termChars + `)\*( OR (` + termChars + `)~1)?\)$`)
	exactShape  = regexp.MustCompile(`^nameKeys:"` + nameKeyBegin + ` ((?:[\pL\pN\pM'.,_·;]+ )+)` + nameKeyEnd + `"\^10$`)
)

// termAlternatives are the words a phrase term's clauses may be for: a
// plain term, or a joined one and its parts of two letters or more.
func termAlternatives(term string) []string {
	parts := strings.FieldsFunc(term, func(r rune) bool { return !isPart(r) })
	if len(parts) == 1 {
		return parts
	}
	out := []string{strings.Trim(term, "'.,·;")}
	for _, p := range parts {
		if len([]rune(p)) > 1 && hasLetterOrDigit(p) {
			out = append(out, p)
		}
	}
	return out
}

func FuzzLuceneQuery(f *testing.F) {
	for _, s := range []string{"Vučić", `hua* OR x:`, `*:* \ "`, `name:"huawei"~2^9`, "AND OR NOT", "((", strings.Repeat("a ", 150), "ǅ ǈ 𝔘",
		"belt and road", "O'Brien d.o.o. xi'an a.b.c.d.e.f.g.h.i.j.k", "RFE/RL's O’Neill \"x\\", "a.'.b", "国家开发银行 1,000 safe_city", "Col·legi ः re:publica", "Королёв がっこう"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, match := range []Match{AllWords, AnyWord} {
			q, err := LuceneQuery(text, match)
			if err != nil {
				var de *domain.Error
				if !errors.As(err, &de) || de.Code != domain.EINVALID {
					t.Fatalf("error %v is not BAD_USER_INPUT", err)
				}
				return
			}
			exact, rest, _ := strings.Cut(q, " OR ")
			m := exactShape.FindStringSubmatch(exact)
			if m == nil {
				t.Fatalf("%q (from %q) does not start with the exact-name clause", q, text)
			}
			// The clauses are for the phrase's terms, as far as the first
			// maxSearchParts parts reach (a term they cut asks for its first
			// parts): each has a clause for every alternative, and none is
			// for anything else.
			var alternatives []string
			parts := 0
			for _, term := range strings.Fields(m[1]) {
				termParts := strings.FieldsFunc(term, func(r rune) bool { return !isPart(r) })
				switch {
				case parts+len(termParts) <= maxSearchParts:
					alternatives = append(alternatives, termAlternatives(term)...)
				case parts < maxSearchParts:
					alternatives = append(alternatives, termParts[:maxSearchParts-parts]...)
				}
				parts += len(termParts)
			}
			clauses := wordClauses(t, rest, match)
			if len(clauses) > 2*maxSearchParts {
				t.Fatalf("%d clauses in %q", len(clauses), q)
			}
			var clauseWords []string
			for _, c := range clauses {
				m := clauseShape.FindStringSubmatch(c.text)
				if m == nil || m[2] != m[1] || m[3] != m[1] || (m[5] != "" && m[5] != m[1]) {
					t.Fatalf("clause %q of %q (from %q) is not a word's clause", c.text, q, text)
				}
				w := m[1]
				if !slices.Contains(alternatives, w) {
					t.Fatalf("clause %q of %q (from %q) is for %q, not a term of the phrase or a part of one", c.text, q, text, w)
				}
				if required := match == AllWords && !stopWords[w]; c.required != required {
					t.Fatalf("clause %q of %q (from %q): required %v, want %v", c.text, q, text, c.required, required)
				}
				clauseWords = append(clauseWords, w)
			}
			for _, a := range alternatives {
				if !slices.Contains(clauseWords, a) {
					t.Fatalf("no clause for %q in %q (from %q)", a, q, text)
				}
			}
		}
	})
}

type wordClause struct {
	text     string
	required bool
}

// wordClauses splits the word clauses of a Lucene query after its exact-name
// clause: with AnyWord they are joined by OR; with AllWords they are one
// group of items, each a clause, a required clause (+) or a required group
// of clauses joined by OR.
func wordClauses(t *testing.T, rest string, match Match) []wordClause {
	t.Helper()
	var out []wordClause
	if match == AnyWord {
		for _, c := range strings.SplitAfter(rest, ") OR ") {
			out = append(out, wordClause{text: strings.TrimSuffix(c, " OR ")})
		}
		return out
	}
	if !strings.HasPrefix(rest, "(") || !strings.HasSuffix(rest, ")") {
		t.Fatalf("word clauses %q are not one group", rest)
	}
	for _, item := range topLevel(t, rest[1:len(rest)-1], " ") {
		required := strings.HasPrefix(item, "+")
		item = strings.TrimPrefix(item, "+")
		if !strings.HasPrefix(item, "((") { // one clause
			out = append(out, wordClause{item, required})
			continue
		}
		parts := topLevel(t, item[1:len(item)-1], " OR ")
		if !required || len(parts) < 2 {
			t.Fatalf("group %q is not a required group of clauses", item)
		}
		for _, p := range parts {
			out = append(out, wordClause{p, true})
		}
	}
	return out
}

// topLevel splits s at sep where no parenthesis is open.
func topLevel(t *testing.T, s, sep string) []string {
	t.Helper()
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '(':
			depth++
		case s[i] == ')':
			depth--
		case depth == 0 && strings.HasPrefix(s[i:], sep):
			out = append(out, s[start:i])
			start = i + len(sep)
			i += len(sep) - 1
		}
		if depth < 0 {
			t.Fatalf("unbalanced parentheses in %q", s)
		}
	}
	if depth != 0 {
		t.Fatalf("unbalanced parentheses in %q", s)
	}
	return append(out, s[start:])
}

// The text of a filter's statement depends on which conditions are set and
// on the choices of enums (direction, sort field), never on the values: those
// are parameters. An unknown choice falls back to a fixed text.
func FuzzFilterCypher(f *testing.F) {
	f.Add("serbia", "5g", "vendor", "huawei", "Company", "OUT")
	f.Add(`x" OR true //`, "}) DETACH DELETE n //", "$kinds", "`Entity`", "n.id", "id")
	f.Fuzz(func(t *testing.T, country, tag, category, other, kind, choice string) {
		filter := func(country, tag, category, other, kind string) EntityFilter {
			return EntityFilter{
				Kinds: []domain.Kind{domain.Kind(kind)}, Countries: []string{country}, Tags: []string{tag}, Categories: []string{category},
				Has: &RelCondition{Types: []domain.RelType{domain.RelType(kind)}, Direction: Direction(choice), OtherKinds: []domain.Kind{domain.Kind(kind)},
					OtherCounts: []string{country}, OtherIDs: []string{other}, ThroughAgreement: true},
			}
		}
		want := filterCypher(filter("serbia", "5g", "vendor", "huawei", "Company"), map[string]any{})
		params := map[string]any{}
		if got := filterCypher(filter(country, tag, category, other, kind), params); got != want {
			t.Fatalf("statement changed with the values:\n%s\nwant\n%s", got, want)
		}
		if ids, _ := params["otherIds"].([]string); len(ids) != 1 || ids[0] != other {
			t.Fatalf("otherIds parameter %v, want [%q]", params["otherIds"], other)
		}
		order := EntityOrder{Field: OrderField(choice), Desc: len(choice)%2 == 0}.cypher()
		if !slices.Contains([]string{"n.sortName ASC, n.id ASC", "n.sortName DESC, n.id DESC", "n.id ASC", "n.id DESC",
			"n.kind ASC, n.id ASC", "n.kind DESC, n.id DESC"}, order) {
			t.Fatalf("order %q from %q", order, choice)
		}
	})
}
