package seed

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Error is one problem in an input file, at a line.
type Error struct {
	File    string
	Line    int
	Message string
}

func (e Error) String() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Message) }

func (e Error) Error() string { return e.String() }

// Errors is every problem found in the input; a load with any is rejected
// whole.
type Errors []Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.String()
	}
	return strings.Join(lines, "\n")
}

func (es Errors) sorted() Errors {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].File != es[j].File {
			return es[i].File < es[j].File
		}
		return es[i].Line < es[j].Line
	})
	return es
}

// locator finds the line of a field of a record, so that problems found after
// parsing still point at the right line.
type locator interface {
	line(field string) int
}

// nodeLocator walks a YAML node along a field path such as "sources[1].quote".
type nodeLocator struct{ node *yaml.Node }

func (l nodeLocator) line(field string) int {
	n := l.node
	best := n.Line
	for _, seg := range splitPath(field) {
		n = child(n, seg)
		if n == nil {
			break
		}
		best = n.Line
	}
	return best
}

func splitPath(field string) []string {
	var segs []string
	for _, part := range strings.Split(field, ".") {
		name, idx, ok := strings.Cut(part, "[")
		if name != "" {
			segs = append(segs, name)
		}
		if ok {
			segs = append(segs, "["+idx)
		}
	}
	return segs
}

func child(n *yaml.Node, seg string) *yaml.Node {
	if strings.HasPrefix(seg, "[") {
		i, err := strconv.Atoi(strings.TrimSuffix(seg[1:], "]"))
		if err != nil || n.Kind != yaml.SequenceNode || i < 0 || i >= len(n.Content) {
			return nil
		}
		return n.Content[i]
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == seg {
			return n.Content[i+1]
		}
	}
	return nil
}

// place is where a record, or an item of it, came from.
type place struct {
	file   string
	loc    locator
	prefix string // path of the item inside its record, e.g. "sources[2]"
}

func (p place) at(field string, format string, args ...any) Error {
	path := field
	if p.prefix != "" {
		path = p.prefix
		if field != "" {
			path += "." + field
		}
	}
	return Error{File: p.file, Line: p.loc.line(path), Message: fmt.Sprintf(format, args...)}
}

// lineLocator is for formats with a record per line.
type lineLocator int

func (l lineLocator) line(string) int { return int(l) }
