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
// clauses around words of letters and digits: the exact-name phrase of all
// the words, then one clause per word (required unless a stop word, with
// AllWords). No syntax of the user's gets through, whatever the string.
var (
	luceneShape = regexp.MustCompile(`^(\+?)\(name:([\p{L}\p{N}]+)\^4 OR ([\p{L}\p{N}]+)\^2 OR ([\p{L}\p{N}]+)\*( OR ([\p{L}\p{N}]+)~1)?\)$`)
	exactShape  = regexp.MustCompile(`^nameKeys:"` + nameKeyBegin + ` ((?:[\p{L}\p{N}]+ )+)` + nameKeyEnd + `"\^10$`)
)

func FuzzLuceneQuery(f *testing.F) {
	for _, s := range []string{"Vučić", `hua* OR x:`, `*:* \ "`, `name:"huawei"~2^9`, "AND OR NOT", "((", strings.Repeat("a ", 150), "ǅ ǈ 𝔘", "belt and road"} {
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
			words := strings.Fields(m[1])
			clauses := wordClauses(t, rest, match)
			if len(clauses) > 10 || len(clauses) != len(words) {
				t.Fatalf("%d clauses for the %d words of %q", len(clauses), len(words), q)
			}
			for i, c := range clauses {
				m := luceneShape.FindStringSubmatch(c)
				w := words[i]
				required := match == AllWords && !stopWords[w]
				if m == nil || (m[1] == "+") != required || m[2] != w || m[3] != w || m[4] != w || (m[6] != "" && m[6] != w) {
					t.Fatalf("clause %q of %q (from %q) is not word %q's clause", c, q, text, w)
				}
			}
		}
	})
}

// wordClauses splits the word clauses of a Lucene query after its exact-name
// clause. A word clause holds no ") ", so that is where one ends.
func wordClauses(t *testing.T, rest string, match Match) []string {
	t.Helper()
	sep := ") OR "
	if match == AllWords {
		if !strings.HasPrefix(rest, "(") || !strings.HasSuffix(rest, ")") {
			t.Fatalf("word clauses %q are not one group", rest)
		}
		rest, sep = rest[1:len(rest)-1], ") "
	}
	clauses := strings.Split(rest, sep)
	for i := range clauses[:len(clauses)-1] {
		clauses[i] += ")"
	}
	return clauses
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
