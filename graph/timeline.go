package graph

import "slices"

// TimelineSlots places the kept dated works on a timeline for drawing: each work gets its
// year and a slot within the year, so that no edge joins two works of the same (year, slot).
// A work's slot is 0 when it builds on no work of its own year among edges, else one more
// than the highest slot of those same-year bases (longest path). An edge that closes a
// cycle inside a year (possible with context kinds) is left out of the count; it still goes
// between different slots, because the base on the cycle was given a higher slot. It returns
// the slot per work (-1 for works not kept or undated) and the number of slots per year.
//
// Graphviz needs this: with clusters and newrank, an edge between two works of the same rank
// (a flat edge) can make its spline router fail ("triangulation failed").
func TimelineSlots(g *Graph, keep []bool, edges []int32) (slot []int, perYear map[int]int) {
	n := g.NumWorks()
	sameYear := make([][]int32, n) // work → its same-year bases
	for _, e := range edges {
		u, v := g.from[e], g.to[e]
		if du, dv := g.dates[u], g.dates[v]; !du.IsZero() && du.Year == dv.Year {
			sameYear[u] = append(sameYear[u], v)
		}
	}
	for u := range sameYear {
		slices.Sort(sameYear[u])
		sameYear[u] = slices.Compact(sameYear[u])
	}
	slot = make([]int, n)
	state := make([]uint8, n) // 0 unvisited, 1 on the stack, 2 done
	var visit func(u int32) int
	visit = func(u int32) int {
		switch state[u] {
		case 1:
			return -1 // closes a cycle: does not count
		case 2:
			return slot[u]
		}
		state[u] = 1
		s := 0
		for _, v := range sameYear[u] {
			if b := visit(v); b >= 0 && b+1 > s {
				s = b + 1
			}
		}
		slot[u], state[u] = s, 2
		return s
	}
	perYear = map[int]int{}
	for i := range n {
		if !keep[i] || g.dates[i].IsZero() {
			slot[i] = -1
			continue
		}
		s := visit(int32(i))
		if y := int(g.dates[i].Year); s+1 > perYear[y] {
			perYear[y] = s + 1
		}
	}
	return slot, perYear
}
