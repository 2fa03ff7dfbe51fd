package graph

import (
	"runtime"
	"slices"
	"sync"
)

// Adjacency is a simple directed view of a graph restricted to a set of relation kinds: at
// most one arc per ordered pair (several kinds between the same pair count as one arc, as in
// a networkx DiGraph), no self-loops, in forward and reverse CSR form. Arc u → v means u
// derives from or cites v. Every analysis reads this one representation.
type Adjacency struct {
	OutOff []int32 // len N+1; successors of u are Out[OutOff[u]:OutOff[u+1]], ascending
	Out    []int32
	InOff  []int32 // len N+1; predecessors of v are In[InOff[v]:InOff[v+1]], ascending
	In     []int32
}

// N returns the number of nodes.
func (a *Adjacency) N() int { return len(a.OutOff) - 1 }

// M returns the number of arcs.
func (a *Adjacency) M() int { return len(a.Out) }

// Succ returns the successors of u in ascending order. Do not modify.
func (a *Adjacency) Succ(u int) []int32 { return a.Out[a.OutOff[u]:a.OutOff[u+1]] }

// Pred returns the predecessors of v in ascending order. Do not modify.
func (a *Adjacency) Pred(v int) []int32 { return a.In[a.InOff[v]:a.InOff[v+1]] }

// Adjacency builds the simple view of g on the given kinds.
//
// When the graph holds a single kind of relation and kinds includes it (an imported citation
// graph), the edges already are that view: Out and OutOff are the graph's own columns (shared,
// not copied) and In is built by one counting pass.
func (g *Graph) Adjacency(kinds KindSet) *Adjacency {
	n := g.NumWorks()
	if ks := g.kindsIn; ks != 0 && ks&(ks-1) == 0 && kinds&ks == ks {
		a := &Adjacency{OutOff: g.outOff, Out: g.to, InOff: g.inOff, In: make([]int32, len(g.to))}
		// Each worker fills the in-lists of its own range of works, scanning every arc in
		// source order, so each list comes out ascending whatever the number of workers.
		workers := runtime.GOMAXPROCS(0)
		if len(g.to) < 1<<18 {
			workers = 1
		}
		var wg sync.WaitGroup
		for w := range workers {
			vlo, vhi := int32(n*w/workers), int32(n*(w+1)/workers)
			wg.Add(1)
			go func() {
				defer wg.Done()
				fill := slices.Clone(g.inOff[vlo:vhi])
				for u := 0; u < n; u++ {
					for _, v := range g.to[g.outOff[u]:g.outOff[u+1]] {
						if v >= vlo && v < vhi {
							a.In[fill[v-vlo]] = int32(u)
							fill[v-vlo]++
						}
					}
				}
			}()
		}
		wg.Wait()
		return a
	}
	a := &Adjacency{OutOff: make([]int32, n+1), InOff: make([]int32, n+1)}
	a.Out = make([]int32, 0, len(g.from))
	for u := 0; u < n; u++ {
		last := int32(-1)
		for e := g.outOff[u]; e < g.outOff[u+1]; e++ {
			if !kinds.Has(g.kinds[e]) || g.to[e] == last || g.to[e] == int32(u) {
				continue
			}
			last = g.to[e]
			a.Out = append(a.Out, last)
		}
		a.OutOff[u+1] = int32(len(a.Out))
	}
	a.Out = slices.Clip(a.Out)
	// Reverse by counting: scanning sources in ascending order keeps each In list ascending.
	for _, v := range a.Out {
		a.InOff[v+1]++
	}
	for v := 0; v < n; v++ {
		a.InOff[v+1] += a.InOff[v]
	}
	a.In = make([]int32, len(a.Out))
	fill := slices.Clone(a.InOff[:n])
	for u := 0; u < n; u++ {
		for _, v := range a.Succ(u) {
			a.In[fill[v]] = int32(u)
			fill[v]++
		}
	}
	return a
}

// Subgraph returns the graph induced by the works with keep[i] true, with every direction and
// task, and the map from new work indices to old ones. Works keep their relative order.
func (g *Graph) Subgraph(keep []bool) (*Graph, []int32) {
	n := g.NumWorks()
	newOf := make([]int32, n)
	var oldOf []int32
	for i := 0; i < n; i++ {
		newOf[i] = -1
		if keep[i] {
			newOf[i] = int32(len(oldOf))
			oldOf = append(oldOf, int32(i))
		}
	}
	m := len(oldOf)
	s := &Graph{
		ids: make([]string, m), dates: make([]Date, m), metaOf: make([]int32, m), metas: g.metas,
		wdOff: make([]int32, m+1), byID: make(map[string]int32, m), byAlias: map[string]int32{},
		dirs: g.dirs, dirIdx: g.dirIdx, dirPar: g.dirPar, tasks: g.tasks, taskIdx: g.taskIdx,
		attrs: map[int32]*EdgeAttr{},
	}
	for ni, oi := range oldOf {
		s.ids[ni], s.dates[ni], s.metaOf[ni] = g.ids[oi], g.dates[oi], g.metaOf[oi]
		s.byID[s.ids[ni]] = int32(ni)
		s.wdDir = append(s.wdDir, g.WorkDirections(int(oi))...)
		s.wdOff[ni+1] = int32(len(s.wdDir))
	}
	for k, oi := range g.byAlias {
		if ni := newOf[oi]; ni >= 0 {
			s.byAlias[k] = ni
		}
	}
	for _, oi := range oldOf {
		for e := g.outOff[oi]; e < g.outOff[oi+1]; e++ {
			nt := newOf[g.to[e]]
			if nt < 0 {
				continue
			}
			if a := g.attrs[e]; a != nil {
				s.attrs[int32(len(s.from))] = a
			}
			s.from = append(s.from, newOf[oi])
			s.to = append(s.to, nt)
			s.kinds = append(s.kinds, g.kinds[e])
			s.kindsIn |= SetOf(g.kinds[e])
		}
	}
	s.indexEdges()
	return s, oldOf
}

// AsOf returns the graph as it stood at the end of the period d names (see Date.EndOf): works
// dated after it are dropped with their edges; undated works stay. It also returns the number
// of undated works kept, which time metrics leave out.
func (g *Graph) AsOf(d Date) (*Graph, int) {
	end := d.EndOf()
	keep := make([]bool, g.NumWorks())
	undated := 0
	for i, wd := range g.dates {
		switch {
		case wd.IsZero():
			keep[i] = true
			undated++
		default:
			keep[i] = wd.Compare(end) <= 0
		}
	}
	s, _ := g.Subgraph(keep)
	return s, undated
}
