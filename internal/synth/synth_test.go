package synth_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"testing"

	"github.com/silkgraph/silkgraph/internal/synth"
)

func TestWrite(t *testing.T) {
	tests := []struct {
		name    string
		opts    synth.Options
		wantErr bool
	}{
		{"small", synth.Options{Entities: 500, Relationships: 3000, Seed: 1}, false},
		{"dense", synth.Options{Entities: 200, Relationships: 4000, Seed: 2}, false},
		{"too few entities", synth.Options{Entities: 12, Relationships: 100000, Seed: 3}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := synth.Write(&buf, tt.opts)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			links, degree := readLinks(t, &buf)
			if len(links) != tt.opts.Relationships {
				t.Errorf("%d distinct relationships, want %d", len(links), tt.opts.Relationships)
			}
			// The shape benchmarks rely on: hubs well above the mean degree.
			if hub := maxOf(degree); hub < 3*tt.opts.Relationships*2/tt.opts.Entities {
				t.Errorf("biggest hub has degree %d: no hub", hub)
			}
		})
	}
}

func readLinks(t *testing.T, r io.Reader) (map[[3]string]bool, map[string]int) {
	t.Helper()
	links, degree := map[[3]string]bool{}, map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l struct {
			Relationship *struct{ Type, From, To string }
		}
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
		if rel := l.Relationship; rel != nil {
			k := [3]string{rel.Type, rel.From, rel.To}
			if links[k] {
				t.Fatalf("relationship %v twice", k)
			}
			links[k] = true
			degree[rel.From]++
			degree[rel.To]++
		}
	}
	return links, degree
}

func maxOf(m map[string]int) int {
	best := 0
	for _, v := range m {
		best = max(best, v)
	}
	return best
}
