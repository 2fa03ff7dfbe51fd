package loader

import (
	"fmt"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// This file walks goccy/go-yaml's AST instead of decoding into structs, because validation
// needs what decoding loses: the line and column of every key and value, unknown keys, and the
// original text of scalars (an unquoted arXiv id such as 2103.14030 is a float to YAML; its
// token still holds the text as written).

// entry is one key of a mapping, with the key's position.
type entry struct {
	key   string
	at    pos
	value ast.Node
}

type walker struct {
	file  string
	order int
	d     *diag
}

func (w *walker) posOf(n ast.Node) pos {
	if n == nil {
		return pos{file: w.file, order: w.order}
	}
	return w.posTok(n.GetToken())
}

func (w *walker) posTok(t *token.Token) pos {
	if t == nil || t.Position == nil {
		return pos{file: w.file, order: w.order}
	}
	return pos{file: w.file, order: w.order, line: t.Position.Line, col: t.Position.Column}
}

// unwrap strips tags and anchors. Aliases are reported and yield nil.
func (w *walker) unwrap(n ast.Node) ast.Node {
	for {
		switch t := n.(type) {
		case *ast.TagNode:
			n = t.Value
		case *ast.AnchorNode:
			n = t.Value
		case *ast.AliasNode:
			w.d.errorf(w.posOf(n), "YAML aliases (*name) are not supported; write the value out")
			return nil
		default:
			return n
		}
	}
}

func isNull(n ast.Node) bool {
	if n == nil {
		return true
	}
	_, ok := n.(*ast.NullNode)
	return ok
}

// mapping returns the entries of a mapping node in order, reporting duplicate keys. what names
// the thing for messages ("work", "direction"). ok is false when n is not a mapping.
func (w *walker) mapping(n ast.Node, what string) ([]entry, bool) {
	n = w.unwrap(n)
	var values []*ast.MappingValueNode
	switch t := n.(type) {
	case *ast.MappingNode:
		values = t.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{t}
	default:
		if n != nil {
			w.d.errorf(w.posOf(n), "%s must be a mapping of keys to values, not %s", what, describe(n))
		}
		return nil, false
	}
	seen := map[string]pos{}
	var out []entry
	for _, mv := range values {
		k, ok := w.scalar(mv.Key)
		at := w.posOf(mv.Key)
		if !ok {
			w.d.errorf(at, "%s has a key that is not a plain string", what)
			continue
		}
		if first, dup := seen[k]; dup {
			w.d.errorf(at, "duplicate key %q in %s; it is already set at line %d", k, what, first.line)
			continue
		}
		seen[k] = at
		out = append(out, entry{key: k, at: at, value: mv.Value})
	}
	return out, true
}

// sequence returns the items of a sequence node; null counts as empty.
func (w *walker) sequence(n ast.Node, what string) ([]ast.Node, bool) {
	n = w.unwrap(n)
	switch t := n.(type) {
	case nil, *ast.NullNode:
		return nil, true
	case *ast.SequenceNode:
		return t.Values, true
	}
	w.d.errorf(w.posOf(n), "%s must be a list, not %s", what, describe(n))
	return nil, false
}

// scalar returns the text of a scalar node as written (numbers keep their original digits).
func (w *walker) scalar(n ast.Node) (string, bool) {
	n = w.unwrap(n)
	switch t := n.(type) {
	case *ast.StringNode:
		return t.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return t.GetToken().Value, true
	case *ast.LiteralNode:
		if t.Value != nil {
			return t.Value.Value, true
		}
		return "", true
	case *ast.NullNode:
		return "", true
	}
	return "", false
}

// str reads a string-valued key.
func (w *walker) str(e entry, what string) string {
	s, ok := w.scalar(e.value)
	if !ok {
		w.d.errorf(w.posOf(e.value), "%s %q must be a string, not %s", what, e.key, describe(w.unwrap(e.value)))
	}
	return s
}

// strList reads a list of strings.
func (w *walker) strList(e entry, what string) []string {
	items, ok := w.sequence(e.value, fmt.Sprintf("%s %q", what, e.key))
	if !ok {
		return nil
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		s, ok := w.scalar(it)
		if !ok || isNull(w.unwrap(it)) {
			w.d.errorf(w.posOf(it), "%s %q: each item must be a non-empty string", what, e.key)
			continue
		}
		out = append(out, s)
	}
	return out
}

func describe(n ast.Node) string {
	switch n.(type) {
	case nil, *ast.NullNode:
		return "empty"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.IntegerNode, *ast.FloatNode:
		return "a number"
	case *ast.BoolNode:
		return "a boolean"
	}
	return "a string"
}
