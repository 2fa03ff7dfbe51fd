package graph

import (
	"slices"

	"github.com/litgraph/litgraph/graph/internal/gonumx"
	"gonum.org/v1/gonum/graph/topo"
)

// Cycles returns one directed cycle for every strongly connected component of a that has more
// than one node, each as the list of its nodes in order (the first node is not repeated at the
// end). Cycles start at their smallest index and are sorted by it. A DAG has none.
//
// Components come from gonum's topo.TarjanSCC on a zero-copy view of a; this runs on curated
// lineage (hundreds of edges), where the library's speed is irrelevant.
func Cycles(a *Adjacency) [][]int32 {
	var out [][]int32
	for _, comp := range topo.TarjanSCC(gonumx.Directed{A: a}) {
		if len(comp) < 2 {
			continue
		}
		in := map[int32]bool{}
		start := int32(-1)
		for _, nd := range comp {
			v := int32(nd.ID())
			in[v] = true
			if start < 0 || v < start {
				start = v
			}
		}
		out = append(out, cycleThrough(a, start, in))
	}
	slices.SortFunc(out, func(x, y []int32) int { return int(x[0] - y[0]) })
	return out
}

// cycleThrough finds a shortest cycle through start inside one component by BFS, taking the
// smallest successor first so that the answer is deterministic.
func cycleThrough(a *Adjacency, start int32, in map[int32]bool) []int32 {
	prev := map[int32]int32{start: -1}
	queue := []int32{start}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, v := range a.Succ(int(u)) {
			if !in[v] {
				continue
			}
			if v == start {
				var path []int32
				for x := u; x != -1; x = prev[x] {
					path = append(path, x)
				}
				slices.Reverse(path)
				return path
			}
			if _, seen := prev[v]; !seen {
				prev[v] = u
				queue = append(queue, v)
			}
		}
	}
	return []int32{start} // unreachable for a true component
}
