// Package synth generates synthetic data sets in the bulk format, shaped like
// the real graph: a few hub vendors and states with very high degree, and
// many small entities. Benchmarks load them.
package synth

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"

	"github.com/silkgraph/silkgraph/internal/domain"
)

// Options size a data set.
type Options struct {
	Entities, Relationships int
	Seed                    uint64
}

// SourceID is the one source every synthetic record cites.
const (
	SourceID = "synthetic"
	quote    = "Synthetic record generated for benchmarks"
)

// kindShare is the share of entities of each kind.
var kindShare = []struct {
	kind  domain.Kind
	share float64
}{
	{domain.KindState, 0.01}, {domain.KindPlace, 0.02}, {domain.KindGovernmentBody, 0.08}, {domain.KindCompany, 0.2},
	{domain.KindFinancialInstitution, 0.01}, {domain.KindOrganization, 0.05}, {domain.KindPerson, 0.15},
	{domain.KindAgreement, 0.3}, {domain.KindProject, 0.08}, {domain.KindInitiative, 0.005}, {domain.KindProduct, 0.07},
	{domain.KindEvent, 0.025},
}

// relShare is the share of relationships of each pattern. One end of each
// pattern (hubFrom says which) is drawn with a Zipf law, so low-numbered
// vendors, states, bodies and products become hubs; the other end is drawn
// uniformly, as an agreement has a few suppliers however big they are. No
// pair is linked twice by one type, as in the curated data.
var relShare = []struct {
	typ      domain.RelType
	from, to domain.Kind
	share    float64
	role     string
	hubFrom  bool
}{
	{domain.RelSupplierOf, domain.KindCompany, domain.KindAgreement, 0.18, "", true},
	{domain.RelBuyerOf, domain.KindGovernmentBody, domain.KindAgreement, 0.14, "", true},
	{domain.RelCovers, domain.KindAgreement, domain.KindProduct, 0.1, "", false},
	{domain.RelMakes, domain.KindCompany, domain.KindProduct, 0.04, "", true},
	{domain.RelFunds, domain.KindFinancialInstitution, domain.KindAgreement, 0.05, "", true},
	{domain.RelSignatoryOf, domain.KindState, domain.KindAgreement, 0.05, "", true},
	{domain.RelHoldsPosition, domain.KindPerson, domain.KindGovernmentBody, 0.08, "official", false},
	{domain.RelHoldsPosition, domain.KindPerson, domain.KindCompany, 0.04, "executive", false},
	{domain.RelLocatedIn, domain.KindCompany, domain.KindState, 0.08, "", false},
	{domain.RelPartOf, domain.KindGovernmentBody, domain.KindState, 0.04, "", false},
	{domain.RelMemberOf, domain.KindState, domain.KindInitiative, 0.02, "", false},
	{domain.RelPartnersWith, domain.KindCompany, domain.KindCompany, 0.08, "", true},
	{domain.RelInvolvedIn, domain.KindCompany, domain.KindEvent, 0.04, "", true},
	{domain.RelImplementerOf, domain.KindCompany, domain.KindProject, 0.06, "", true},
}

var currencies = []string{"EUR", "USD", "CNY"}

type line struct {
	Source       any `json:"source,omitempty"`
	Entity       any `json:"entity,omitempty"`
	Relationship any `json:"relationship,omitempty"`
}

type cite struct {
	Source string `json:"source"`
	Quote  string `json:"quote"`
}

// Write writes a data set as JSON Lines.
func Write(w io.Writer, o Options) error {
	if o.Entities < len(kindShare) {
		return fmt.Errorf("need at least %d entities", len(kindShare))
	}
	r := rand.New(rand.NewPCG(o.Seed, o.Seed^0x5eed))
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	sources := []cite{{SourceID, quote}}
	if err := enc.Encode(line{Source: map[string]any{"id": SourceID, "title": "Synthetic data", "text": quote + "."}}); err != nil {
		return err
	}
	counts := map[domain.Kind]int{}
	for _, ks := range kindShare {
		counts[ks.kind] = max(1, int(ks.share*float64(o.Entities)))
	}
	pick := newPicker(r, counts)
	for _, ks := range kindShare {
		for i := range counts[ks.kind] {
			e := map[string]any{"id": id(ks.kind, i), "kind": ks.kind, "name": fmt.Sprintf("%s %d", ks.kind, i), "sources": sources}
			if ks.kind != domain.KindState {
				e["country"] = id(domain.KindState, pick.draw(domain.KindState, true))
			}
			if ks.kind.Info().Dated {
				e["date"] = fmt.Sprintf("%d-%02d", 2000+r.IntN(26), 1+r.IntN(12))
				if ks.kind == domain.KindAgreement || ks.kind == domain.KindProject {
					amount := float64(1+r.IntN(500)) * 100000
					cur := currencies[r.IntN(len(currencies))]
					e["value"] = map[string]any{"amount": amount, "currency": cur, "text": fmt.Sprintf("%.0f %s", amount, cur)}
				}
			}
			if err := enc.Encode(line{Entity: e}); err != nil {
				return err
			}
		}
	}
	cum := make([]float64, len(relShare))
	total := 0.0
	for i, rs := range relShare {
		total += rs.share
		cum[i] = total
	}
	linked := make(map[[3]int]bool, o.Relationships)
	for misses := 0; len(linked) < o.Relationships; {
		if misses > 1000 {
			return fmt.Errorf("%d entities are too few for %d distinct relationships", o.Entities, o.Relationships)
		}
		x := r.Float64() * total
		p := 0
		for cum[p] < x {
			p++
		}
		rs := relShare[p]
		from, to := pick.draw(rs.from, rs.hubFrom), pick.draw(rs.to, !rs.hubFrom)
		// Redraw the uniform end until the link is new; a hub that is
		// linked to nearly everything already makes the draw start over.
		for try := 0; try < 20 && (linked[[3]int{p, from, to}] || (rs.from == rs.to && from == to)); try++ {
			if rs.hubFrom {
				to = pick.draw(rs.to, false)
			} else {
				from = pick.draw(rs.from, false)
			}
		}
		if linked[[3]int{p, from, to}] || (rs.from == rs.to && from == to) {
			misses++
			continue
		}
		misses = 0
		linked[[3]int{p, from, to}] = true
		rel := map[string]any{"type": rs.typ, "from": id(rs.from, from), "to": id(rs.to, to), "sources": sources}
		if rs.role != "" {
			rel["role"] = rs.role
		}
		if err := enc.Encode(line{Relationship: rel}); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func id(k domain.Kind, i int) string {
	return fmt.Sprintf("%s-%d", strings.ToLower(strings.ReplaceAll(k.Info().Enum, "_", "-")), i)
}

// picker draws entity indexes per kind, with a Zipf law (index 0 is the
// biggest hub) or uniformly.
type picker struct {
	r      *rand.Rand
	counts map[domain.Kind]int
	zipf   map[domain.Kind]*rand.Zipf
}

func newPicker(r *rand.Rand, counts map[domain.Kind]int) picker {
	p := picker{r: r, counts: counts, zipf: map[domain.Kind]*rand.Zipf{}}
	for k, n := range counts {
		p.zipf[k] = rand.NewZipf(r, 1.2, 1, uint64(max(n-1, 0)))
	}
	return p
}

func (p picker) draw(k domain.Kind, hub bool) int {
	if hub {
		return int(p.zipf[k].Uint64())
	}
	return p.r.IntN(p.counts[k])
}
