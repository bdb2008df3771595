package seed

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// readYAML adds the records of one YAML seed file to the collector.
func (c *collector) readYAML(path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		c.fail(Error{File: path, Line: 1, Message: err.Error()})
		return
	}
	c.parseYAML(path, b)
}

// parseYAML adds the records of a YAML document read from path.
func (c *collector) parseYAML(path string, b []byte) {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		c.fail(Error{File: path, Line: yamlErrorLine(err), Message: "invalid YAML: " + err.Error()})
		return
	}
	if len(doc.Content) == 0 {
		return // an empty file holds no records
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		c.fail(Error{File: path, Line: root.Line, Message: "a seed file is a mapping with sources, entities and/or relationships"})
		return
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, list := root.Content[i], root.Content[i+1]
		kind, ok := map[string]string{"sources": "source", "entities": "entity", "relationships": "relationship"}[key.Value]
		if !ok {
			c.fail(Error{File: path, Line: key.Line, Message: fmt.Sprintf("unknown section %q (want sources, entities or relationships)", key.Value)})
			continue
		}
		if list.Kind != yaml.SequenceNode {
			c.fail(Error{File: path, Line: list.Line, Message: key.Value + " must be a list"})
			continue
		}
		for _, item := range list.Content {
			c.readYAMLRecord(path, kind, item)
		}
	}
}

func (c *collector) readYAMLRecord(path, kind string, item *yaml.Node) {
	at := place{file: path, loc: nodeLocator{item}}
	if item.Kind != yaml.MappingNode {
		c.fail(Error{File: path, Line: item.Line, Message: "each " + kind + " is a mapping of fields"})
		return
	}
	if bad := c.checkFields(path, kind, item); bad {
		return
	}
	var err error
	switch kind {
	case "source":
		var r rawSource
		if err = item.Decode(&r); err == nil {
			c.addSource(r, at, filepath.Dir(path))
		}
	case "entity":
		var r rawEntity
		if err = item.Decode(&r); err == nil {
			c.addEntity(r, at)
		}
	case "relationship":
		var r rawRelationship
		if err = item.Decode(&r); err == nil {
			c.addRelationship(r, at)
		}
	}
	if err != nil {
		c.fail(Error{File: path, Line: yamlErrorLine(err, item.Line), Message: "invalid " + kind + ": " + err.Error()})
	}
}

// nested says which fields hold nested records whose keys are checked too.
var nested = map[string]map[string]string{
	"entity":       {"value": "money", "discount": "money", "sources": "citation", "variants": "variant"},
	"relationship": {"amount": "money", "sources": "citation", "variants": "variant"},
}

// checkFields reports misspelt or unknown keys, which decoding would
// otherwise silently drop.
func (c *collector) checkFields(path, kind string, n *yaml.Node) (bad bool) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		if !slices.Contains(knownFields[kind], key.Value) {
			c.fail(Error{File: path, Line: key.Line, Message: fmt.Sprintf("unknown %s field %q (known: %s)", kind, key.Value, strings.Join(knownFields[kind], ", "))})
			bad = true
			continue
		}
		sub, ok := nested[kind][key.Value]
		if !ok {
			continue
		}
		items := []*yaml.Node{val}
		if val.Kind == yaml.SequenceNode {
			items = val.Content
		}
		for _, it := range items {
			if it.Kind == yaml.MappingNode && c.checkFields(path, sub, it) {
				bad = true
			}
		}
	}
	return bad
}

// yamlErrorLine extracts the line from yaml.v3's "yaml: line N: ..." errors.
func yamlErrorLine(err error, fallback ...int) int {
	var line int
	msg := err.Error()
	if i := strings.Index(msg, "line "); i >= 0 {
		fmt.Sscanf(msg[i:], "line %d", &line)
	}
	if line == 0 {
		line = 1
		if len(fallback) > 0 {
			line = fallback[0]
		}
	}
	return line
}
