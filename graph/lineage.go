package graph

import (
	"cmp"
	"slices"
)

// LineageStep is one work found by a lineage query: its distance from the start and the works
// one step closer to the start through which it is reached.
type LineageStep struct {
	Work  int32
	Depth int
	Via   []int32 // neighbours at Depth-1 joined to it by an arc, in (date, id) order
}

// Lineage returns the ancestors (up: what start builds on, following arcs) or descendants
// (down: what builds on start) of start in a, each at its shortest distance, up to maxDepth
// steps (0: no limit). Steps are sorted by depth, then date (undated last), then id; start
// itself is not listed.
func Lineage(g *Graph, a *Adjacency, start int32, up bool, maxDepth int) []LineageStep {
	n := a.N()
	depth := make([]int32, n)
	for i := range depth {
		depth[i] = -1
	}
	depth[start] = 0
	next := func(v int32) []int32 {
		if up {
			return a.Succ(int(v))
		}
		return a.Pred(int(v))
	}
	back := func(v int32) []int32 {
		if up {
			return a.Pred(int(v))
		}
		return a.Succ(int(v))
	}
	frontier := []int32{start}
	var out []LineageStep
	for d := 1; len(frontier) > 0 && (maxDepth <= 0 || d <= maxDepth); d++ {
		var layer []int32
		for _, v := range frontier {
			for _, w := range next(v) {
				if depth[w] < 0 {
					depth[w] = int32(d)
					layer = append(layer, w)
				}
			}
		}
		for _, w := range layer {
			st := LineageStep{Work: w, Depth: d}
			for _, v := range back(w) {
				if depth[v] == int32(d-1) {
					st.Via = append(st.Via, v)
				}
			}
			slices.SortFunc(st.Via, g.byDateID)
			out = append(out, st)
		}
		frontier = layer
	}
	slices.SortStableFunc(out, func(x, y LineageStep) int {
		return cmp.Or(cmp.Compare(x.Depth, y.Depth), g.byDateID(x.Work, y.Work))
	})
	return out
}

// byDateID orders works by date (undated last), then id.
func (g *Graph) byDateID(x, y int32) int {
	return cmp.Or(compareDates(g.dates[x], g.dates[y]), cmp.Compare(g.ids[x], g.ids[y]))
}

// ShortestPaths returns every shortest path from a to b in a (a builds on … builds on b),
// each as its list of works from a to b, up to limit paths (0: no limit), and the number of
// shortest paths there are in all (a float, since counts grow exponentially). Paths come in
// lexicographic order of their works under (date, id). It returns no path when b is not
// reached from a, or when a == b.
func ShortestPaths(g *Graph, a *Adjacency, from, to int32, limit int) (paths [][]int32, total float64) {
	if from == to {
		return nil, 0
	}
	n := a.N()
	bfs := func(src int32, forward bool) []int32 {
		dist := make([]int32, n)
		for i := range dist {
			dist[i] = -1
		}
		dist[src] = 0
		q := []int32{src}
		for len(q) > 0 {
			v := q[0]
			q = q[1:]
			nb := a.Pred(int(v))
			if forward {
				nb = a.Succ(int(v))
			}
			for _, w := range nb {
				if dist[w] < 0 {
					dist[w] = dist[v] + 1
					q = append(q, w)
				}
			}
		}
		return dist
	}
	df, db := bfs(from, true), bfs(to, false)
	D := df[to]
	if D < 0 {
		return nil, 0
	}
	onPath := func(x, y int32) bool { return df[x] >= 0 && db[y] >= 0 && df[x]+1+db[y] == D }
	// Count paths: cnt[v] = number of shortest continuations from v to b.
	cnt := map[int32]float64{to: 1}
	var count func(v int32) float64
	count = func(v int32) float64 {
		if c, ok := cnt[v]; ok {
			return c
		}
		c := 0.0
		for _, w := range a.Succ(int(v)) {
			if onPath(v, w) {
				c += count(w)
			}
		}
		cnt[v] = c
		return c
	}
	total = count(from) // recursion depth ≤ D
	path := []int32{from}
	var walk func(v int32) bool
	walk = func(v int32) bool {
		if v == to {
			paths = append(paths, slices.Clone(path))
			return limit > 0 && len(paths) >= limit
		}
		succ := slices.Clone(a.Succ(int(v)))
		slices.SortFunc(succ, g.byDateID)
		for _, w := range succ {
			if !onPath(v, w) {
				continue
			}
			path = append(path, w)
			stop := walk(w)
			path = path[:len(path)-1]
			if stop {
				return true
			}
		}
		return false
	}
	walk(from)
	return paths, total
}
