// Package gonumx shows litgraph's compact adjacency to gonum as a graph.Directed, so that
// gonum's algorithms (topo, network, community) run on it without copying it into gonum's
// map-based simple.DirectedGraph. Node ids are the dense work indices; they never leave the
// graph package.
package gonumx

import (
	"slices"

	gg "gonum.org/v1/gonum/graph"
)

// Adjacency is the subset of graph.Adjacency the adapter needs; defined here so that this
// package does not import its parent.
type Adjacency interface {
	N() int
	Succ(u int) []int32
	Pred(v int) []int32
}

// Directed adapts an Adjacency to gonum's graph.Directed.
type Directed struct{ A Adjacency }

type node int64

func (n node) ID() int64 { return int64(n) }

type edge struct{ f, t node }

func (e edge) From() gg.Node         { return e.f }
func (e edge) To() gg.Node           { return e.t }
func (e edge) ReversedEdge() gg.Edge { return edge{e.t, e.f} }

// nodes iterates a list of dense indices, or 0..n-1 when list is nil.
type nodes struct {
	list []int32
	n    int
	pos  int
}

func (it *nodes) Next() bool {
	if it.pos < it.n {
		it.pos++
		return true
	}
	return false
}
func (it *nodes) Len() int { return it.n - it.pos }
func (it *nodes) Reset()   { it.pos = 0 }
func (it *nodes) Node() gg.Node {
	if it.list == nil {
		return node(it.pos - 1)
	}
	return node(it.list[it.pos-1])
}

func (d Directed) valid(id int64) bool { return id >= 0 && id < int64(d.A.N()) }

// Node returns the node with the given id, or nil.
func (d Directed) Node(id int64) gg.Node {
	if !d.valid(id) {
		return nil
	}
	return node(id)
}

// Nodes returns every node in index order.
func (d Directed) Nodes() gg.Nodes { return &nodes{n: d.A.N()} }

// From returns the successors of id.
func (d Directed) From(id int64) gg.Nodes {
	if !d.valid(id) {
		return &nodes{list: []int32{}}
	}
	s := d.A.Succ(int(id))
	return &nodes{list: s, n: len(s)}
}

// To returns the predecessors of id.
func (d Directed) To(id int64) gg.Nodes {
	if !d.valid(id) {
		return &nodes{list: []int32{}}
	}
	p := d.A.Pred(int(id))
	return &nodes{list: p, n: len(p)}
}

// HasEdgeFromTo reports whether the arc u → v exists.
func (d Directed) HasEdgeFromTo(u, v int64) bool {
	if !d.valid(u) || !d.valid(v) {
		return false
	}
	_, ok := slices.BinarySearch(d.A.Succ(int(u)), int32(v))
	return ok
}

// HasEdgeBetween reports whether an arc joins x and y in either direction.
func (d Directed) HasEdgeBetween(x, y int64) bool {
	return d.HasEdgeFromTo(x, y) || d.HasEdgeFromTo(y, x)
}

// Edge returns the arc u → v, or nil.
func (d Directed) Edge(u, v int64) gg.Edge {
	if !d.HasEdgeFromTo(u, v) {
		return nil
	}
	return edge{node(u), node(v)}
}
