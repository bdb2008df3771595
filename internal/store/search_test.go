package store

import (
	"strings"
	"sync"
	"testing"
)

func TestLuceneQuery(t *testing.T) {
	tests := []struct {
		in      string
		match   Match
		want    string
		wantErr string
	}{
		{"Vučić", AnyWord, `nameKeys:"silkgraphnamebegin vucic silkgraphnameend"^10 OR (name:vucic^4 OR vucic^2 OR vucic* OR vucic~1)`, ""},
		{"Vučić", AllWords, `nameKeys:"silkgraphnamebegin vucic silkgraphnameend"^10 OR (+(name:vucic^4 OR vucic^2 OR vucic* OR vucic~1))`, ""},
		{`hua* OR x:`, AnyWord, `nameKeys:"silkgraphnamebegin hua or x silkgraphnameend"^10 OR ` +
			"(name:hua^4 OR hua^2 OR hua*) OR (name:or^4 OR or^2 OR or*) OR (name:x^4 OR x^2 OR x*)", ""},
		// A stop word is not required: the index does not hold it.
		{`hua* OR x:`, AllWords, `nameKeys:"silkgraphnamebegin hua or x silkgraphnameend"^10 OR ` +
			"(+(name:hua^4 OR hua^2 OR hua*) (name:or^4 OR or^2 OR or*) +(name:x^4 OR x^2 OR x*))", ""},
		// Hyphens and slashes split a word into terms, as in the index:
		// each is required.
		{"Safe-City", AllWords, `nameKeys:"silkgraphnamebegin safe city silkgraphnameend"^10 OR ` +
			"(+(name:safe^4 OR safe^2 OR safe* OR safe~1) +(name:city^4 OR city^2 OR city* OR city~1))", ""},
		{"RFE/RL's", AllWords, `nameKeys:"silkgraphnamebegin rfe rl's silkgraphnameend"^10 OR ` +
			"(+(name:rfe^4 OR rfe^2 OR rfe*) +((name:rl's^4 OR rl's^2 OR rl's* OR rl's~1) OR (name:rl^4 OR rl^2 OR rl*)))", ""},
		// Terms end where Unicode word boundaries end them, as in the index:
		// each Chinese character is one; commas join digits, underscores words.
		{"开发银行", AllWords, `nameKeys:"silkgraphnamebegin 开 发 银 行 silkgraphnameend"^10 OR ` +
			"(+(name:开^4 OR 开^2 OR 开*) +(name:发^4 OR 发^2 OR 发*) +(name:银^4 OR 银^2 OR 银*) +(name:行^4 OR 行^2 OR 行*))", ""},
		{"1,000 safe_city", AllWords, `nameKeys:"silkgraphnamebegin 1,000 safe_city silkgraphnameend"^10 OR ` +
			"(+((name:1,000^4 OR 1,000^2 OR 1,000*) OR (name:000^4 OR 000^2 OR 000*)) " +
			"+((name:safe_city^4 OR safe_city^2 OR safe_city* OR safe_city~1) OR (name:safe^4 OR safe^2 OR safe* OR safe~1) OR (name:city^4 OR city^2 OR city* OR city~1)))", ""},
		// No typo matches a term with a digit: 2018 is not 2019.
		{"Safe City 2019 H3C1", AllWords, `nameKeys:"silkgraphnamebegin safe city 2019 h3c1 silkgraphnameend"^10 OR ` +
			"(+(name:safe^4 OR safe^2 OR safe* OR safe~1) +(name:city^4 OR city^2 OR city* OR city~1) " +
			"+(name:2019^4 OR 2019^2 OR 2019*) +(name:h3c1^4 OR h3c1^2 OR h3c1*))", ""},
		// A middle dot joins, as in the index; a term of marks alone is none.
		{"Col·legi ः", AllWords, `nameKeys:"silkgraphnamebegin col·legi silkgraphnameend"^10 OR ` +
			"(+((name:col·legi^4 OR col·legi^2 OR col·legi* OR col·legi~1) OR (name:col^4 OR col^2 OR col*) OR (name:legi^4 OR legi^2 OR legi* OR legi~1)))", ""},
		// A colon, which Lucene would read as a field, splits.
		{"re:publica", AllWords, `nameKeys:"silkgraphnamebegin re publica silkgraphnameend"^10 OR ` +
			"(+(name:re^4 OR re^2 OR re*) +(name:publica^4 OR publica^2 OR publica* OR publica~1))", ""},
		// A word that joins parts: it or one of its longer parts is
		// required, as the index keeps "o'brien" whole; a stop word among
		// them is optional, a single letter left out.
		{"O'Brien xi'an", AllWords, `nameKeys:"silkgraphnamebegin o'brien xi'an silkgraphnameend"^10 OR ` +
			"(+((name:o'brien^4 OR o'brien^2 OR o'brien* OR o'brien~1) OR (name:brien^4 OR brien^2 OR brien* OR brien~1)) " +
			"+((name:xi'an^4 OR xi'an^2 OR xi'an* OR xi'an~1) OR (name:xi^4 OR xi^2 OR xi*)) (name:an^4 OR an^2 OR an*))", ""},
		// Joined at the ends and with a typographic apostrophe: trimmed, as '.
		{"D.O.O. O’Neill", AllWords, `nameKeys:"silkgraphnamebegin d.o.o o'neill silkgraphnameend"^10 OR ` +
			"(+(name:d.o.o^4 OR d.o.o^2 OR d.o.o* OR d.o.o~1) +((name:o'neill^4 OR o'neill^2 OR o'neill* OR o'neill~1) OR (name:neill^4 OR neill^2 OR neill* OR neill~1)))", ""},
		// Any word: any term of the word, but the lone letters of a joined one.
		{"O'Brien", AnyWord, `nameKeys:"silkgraphnamebegin o'brien silkgraphnameend"^10 OR ` +
			"(name:o'brien^4 OR o'brien^2 OR o'brien* OR o'brien~1) OR (name:brien^4 OR brien^2 OR brien* OR brien~1)", ""},
		// The phrase keeps apostrophes and periods, nothing else.
		{`RFE/RL's "MIBO" d.o.o.`, AnyWord, `nameKeys:"silkgraphnamebegin rfe rl's mibo d.o.o silkgraphnameend"^10 OR ` +
			"(name:rfe^4 OR rfe^2 OR rfe*) OR (name:rl's^4 OR rl's^2 OR rl's* OR rl's~1) OR (name:rl^4 OR rl^2 OR rl*) OR " +
			"(name:mibo^4 OR mibo^2 OR mibo* OR mibo~1) OR (name:d.o.o^4 OR d.o.o^2 OR d.o.o* OR d.o.o~1)", ""},
		// Past the tenth part the phrase still spells the words, for the
		// exact-name boost; only the first ten parts have clauses.
		{"中国电子科技集团有限公司", AllWords, `nameKeys:"silkgraphnamebegin 中 国 电 子 科 技 集 团 有 限 公 司 silkgraphnameend"^10 OR ` +
			"(+(name:中^4 OR 中^2 OR 中*) +(name:国^4 OR 国^2 OR 国*) +(name:电^4 OR 电^2 OR 电*) +(name:子^4 OR 子^2 OR 子*) +(name:科^4 OR 科^2 OR 科*) " +
			"+(name:技^4 OR 技^2 OR 技*) +(name:集^4 OR 集^2 OR 集*) +(name:团^4 OR 团^2 OR 团*) +(name:有^4 OR 有^2 OR 有*) +(name:限^4 OR 限^2 OR 限*))", ""},
		{"a.b.c.d.e.f.g.h.i.j.k.l", AnyWord, `nameKeys:"silkgraphnamebegin a.b.c.d.e.f.g.h.i.j.k.l silkgraphnameend"^10 OR ` +
			"(name:a^4 OR a^2 OR a*) OR (name:b^4 OR b^2 OR b*) OR (name:c^4 OR c^2 OR c*) OR (name:d^4 OR d^2 OR d*) OR (name:e^4 OR e^2 OR e*) OR " +
			"(name:f^4 OR f^2 OR f*) OR (name:g^4 OR g^2 OR g*) OR (name:h^4 OR h^2 OR h*) OR (name:i^4 OR i^2 OR i*) OR (name:j^4 OR j^2 OR j*)", ""},
		{`*:* \ "`, AllWords, "", "no letters or digits"},
		{strings.Repeat("a", MaxSearchLength+1), AnyWord, "", "keep it under"},
	}
	for _, tt := range tests {
		got, err := LuceneQuery(tt.in, tt.match)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("LuceneQuery(%.20q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("LuceneQuery(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

// Folding strips the marks of Latin letters only, as the index's ASCII
// folding does, and maps what that folds without decomposing.
func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Vučić Đoković", "vucic dokovic"},
		{"Königsberg Straße", "konigsberg strasse"},
		{"Королёв Алексей", "королёв алексей"},
		{"がっこう", "がっこう"},
		{"Ελληνικά", "ελληνικά"},
		{"O‘Brien O’Neill", "o'brien o'neill"},
		{"1，000．5", "1,000.5"},
	}
	for _, tt := range tests {
		if got := fold(tt.in); got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Folding runs in concurrent requests.
func TestFoldIsSafeConcurrently(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 500 {
				if got := fold("Vučić Huawei"); got != "vucic huawei" {
					t.Errorf("fold = %q", got)
					return
				}
			}
		}()
	}
	wg.Wait()
}
