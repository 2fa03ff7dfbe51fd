package graph

import (
	"fmt"
	"slices"
)

// ReduceLineage takes the transitive reduction of the lineage part of a set of typed edges.
//
// edges are indices of typed edges of g (as SelectedEdges returns them). The lineage edges
// among them (modifies, extends, applies-to-task, accelerates, combines) are read as a simple
// directed graph: one arc u → v however many lineage kinds join u to v. An arc is redundant
// when v can also be reached from u through two or more arcs, and then EVERY lineage edge
// from u to v is dropped, whatever its kind: the longer path already says that u descends
// from v. A kept arc keeps all of its kinds as separate edges. Context edges (analyzes,
// alternative-to, cites) are not lineage; they are returned untouched and never count as a
// path. The result is in the order of edges.
//
// The transitive reduction of a DAG is unique (Aho, Garey and Ullman, "The transitive
// reduction of a directed graph", SIAM J. Comput. 1(2), 1972). Curated lineage must be a DAG;
// when the lineage arcs hold a cycle the reduction is not unique and ReduceLineage returns an
// error naming a work on it.
//
// Why not dominikbraun/graph's TransitiveReduction: it works on its own map-based graph of
// simple edges, so the typed multi-edges would need an adapter that collapses kinds and then
// maps them back, and its traversal order follows Go map order. This direct version runs on
// the edge list, is deterministic and costs one depth-first walk per work: O(n·m) on the
// lineage arcs, which is small (hundreds of arcs for curated data).
func ReduceLineage(g *Graph, edges []int32) ([]int32, error) {
	n := g.NumWorks()
	// Simple lineage arcs, CSR by tail.
	type arc struct{ u, v int32 }
	var arcs []arc
	for _, e := range edges {
		if g.kinds[e].Lineage() {
			arcs = append(arcs, arc{g.from[e], g.to[e]})
		}
	}
	slices.SortFunc(arcs, func(a, b arc) int {
		if a.u != b.u {
			return int(a.u - b.u)
		}
		return int(a.v - b.v)
	})
	arcs = slices.Compact(arcs)
	off := make([]int32, n+1)
	succ := make([]int32, len(arcs))
	for i, a := range arcs {
		off[a.u+1]++
		succ[i] = a.v
	}
	for u := range n {
		off[u+1] += off[u]
	}
	out := func(u int32) []int32 { return succ[off[u]:off[u+1]] }

	// Cycle check (Kahn): every node must be removable.
	indeg := make([]int32, n)
	for _, v := range succ {
		indeg[v]++
	}
	var queue []int32
	for v := range n {
		if indeg[v] == 0 {
			queue = append(queue, int32(v))
		}
	}
	done := 0
	for len(queue) > 0 {
		u := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		done++
		for _, v := range out(u) {
			if indeg[v]--; indeg[v] == 0 {
				queue = append(queue, v)
			}
		}
	}
	if done < n {
		for v := range n {
			if indeg[v] > 0 {
				return nil, fmt.Errorf("the lineage edges form a cycle through %q: a transitive reduction is only defined for a DAG", g.ids[v])
			}
		}
	}

	// For each u, mark every node reachable from u's successors through at least one more arc;
	// an arc u → v is redundant when v is marked.
	redundant := map[arc]bool{}
	mark := make([]int32, n)
	for i := range mark {
		mark[i] = -1
	}
	var stack []int32
	for u := range int32(n) {
		if off[u+1]-off[u] < 2 {
			continue // a single arc cannot be implied by another path from u
		}
		stack = stack[:0]
		for _, w := range out(u) {
			for _, x := range out(w) {
				if mark[x] != u {
					mark[x] = u
					stack = append(stack, x)
				}
			}
		}
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, y := range out(x) {
				if mark[y] != u {
					mark[y] = u
					stack = append(stack, y)
				}
			}
		}
		for _, v := range out(u) {
			if mark[v] == u {
				redundant[arc{u, v}] = true
			}
		}
	}
	kept := make([]int32, 0, len(edges))
	for _, e := range edges {
		if g.kinds[e].Lineage() && redundant[arc{g.from[e], g.to[e]}] {
			continue
		}
		kept = append(kept, e)
	}
	return kept, nil
}
