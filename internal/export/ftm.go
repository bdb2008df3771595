package export

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/silkgraph/silkgraph/internal/domain"
	"github.com/silkgraph/silkgraph/internal/ftm"
	"github.com/silkgraph/silkgraph/internal/store"
)

// followTheMoney writes FtM entities as JSON lines: the sources as
// Documents, then every entity and every relationship, mapped by package ftm.
type followTheMoney struct {
	w       *bufio.Writer
	enc     *json.Encoder
	sources map[string]domain.Source
}

func newFtM(w io.Writer) Encoder {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &followTheMoney{w: bw, enc: enc}
}

func (f *followTheMoney) Begin(sources []domain.Source) error {
	f.sources = make(map[string]domain.Source, len(sources))
	for _, s := range sources {
		f.sources[s.ID] = s
		if err := f.enc.Encode(ftm.FromSource(s)); err != nil {
			return err
		}
	}
	return nil
}

func (f *followTheMoney) Node(e domain.Entity) error {
	return f.enc.Encode(ftm.FromEntity(e, f.sources))
}

func (f *followTheMoney) Edge(e store.Edge) error {
	return f.enc.Encode(ftm.FromRelationship(e.Relationship, e.FromKind, e.ToKind, f.sources))
}

func (f *followTheMoney) End() error { return f.w.Flush() }
