package graph

import "math"

// WeakComponents returns the weakly connected components of a (arcs taken in either
// direction) as a Partition: communities numbered 0..K-1 by decreasing size, ties by their
// smallest member index. Modularity is not computed (NaN); Edges is the number of arcs.
//
// It is one pass of union–find over the arcs (union by index, path halving), linear in
// practice, and single-threaded, so the result depends only on a.
func WeakComponents(a *Adjacency) *Partition {
	n := a.N()
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for u := 0; u < n; u++ {
		for _, v := range a.Succ(u) {
			ru, rv := find(int32(u)), find(v)
			switch { // the smaller index becomes the root: roots are the smallest members
			case ru < rv:
				parent[rv] = ru
			case rv < ru:
				parent[ru] = rv
			}
		}
	}
	for i := range parent {
		parent[i] = find(int32(i))
	}
	p := canonical(parent)
	p.Modularity = math.NaN()
	p.Edges = a.M()
	return p
}
