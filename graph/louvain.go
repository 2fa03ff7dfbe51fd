package graph

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
)

// This file finds communities with the Louvain method (Blondel, Guillaume, Lambiotte and
// Lefebvre, "Fast unfolding of communities in large networks", J. Stat. Mech. P10008, 2008)
// on the undirected view of an Adjacency.
//
// The undirected view: an arc u → v or v → u gives one undirected edge {u, v} of weight 1; a
// reciprocal pair (u → v and v → u) counts once, as networkx's DiGraph.to_undirected() and
// igraph's as_undirected(mode="collapse") do. Modularity with resolution γ is
//
//	Q = 1/(2m) Σ_ij (A_ij − γ k_i k_j / (2m)) δ(c_i, c_j)
//
// (Newman and Girvan 2004; the resolution of Reichardt and Bornholdt 2006), which is the
// formula networkx.algorithms.community.modularity and gonum's community.Q use.
//
// Everything runs on int32 CSR arrays with integer edge weights (an aggregated edge's weight
// is the number of original edges it stands for), so sums are exact and the result depends
// only on the seed: the code is single-threaded and visits nodes in a seeded order.

// LouvainOptions tune Louvain.
type LouvainOptions struct {
	// Resolution is γ; 1 is classic modularity, larger values give smaller communities.
	// Zero means 1.
	Resolution float64
	// Seed seeds the PCG generator that shuffles the node visiting order at each level.
	Seed uint64
}

// Partition is a division of the nodes into communities.
type Partition struct {
	// Of holds the community of each node. Communities are numbered 0..K-1 by decreasing
	// size, ties by their smallest member index.
	Of []int32
	// Sizes holds the number of nodes of each community.
	Sizes []int
	// Modularity is Q of this partition on the undirected view at the resolution used; NaN
	// when the graph has no edges.
	Modularity float64
	// Levels is the number of aggregation levels that improved the partition.
	Levels int
	// Edges is the number of edges of the undirected view.
	Edges int
}

// K returns the number of communities.
func (p *Partition) K() int { return len(p.Sizes) }

// Members returns the nodes of each community in ascending order.
func (p *Partition) Members() [][]int32 {
	out := make([][]int32, len(p.Sizes))
	for c, s := range p.Sizes {
		out[c] = make([]int32, 0, s)
	}
	for v, c := range p.Of {
		out[c] = append(out[c], int32(v))
	}
	return out
}

// ugraph is an undirected weighted graph in CSR form. Self-loops are kept apart: loop[i] is
// A_ii (twice the weight of the edges folded into node i), so that the strength of i is
// loop[i] plus the weights of its other edges. w is nil when every edge weighs 1.
type ugraph struct {
	off  []int32
	adj  []int32
	w    []int32
	loop []int64
	k    []int64 // strength: Σ_j A_ij
	twoM int64   // Σ_i k_i
}

func (g *ugraph) n() int { return len(g.off) - 1 }

// Undirected returns the undirected simple view of a as CSR arrays: the neighbours of u are
// adj[off[u]:off[u+1]] in ascending order, each undirected edge appearing from both ends.
func (a *Adjacency) Undirected() (off, adj []int32) {
	n := a.N()
	off = make([]int32, n+1)
	adj = make([]int32, 0, 2*a.M())
	for u := 0; u < n; u++ {
		s, p := a.Succ(u), a.Pred(u)
		i, j := 0, 0
		for i < len(s) || j < len(p) { // merge two ascending lists, dropping repeats
			var v int32
			switch {
			case j == len(p) || (i < len(s) && s[i] < p[j]):
				v = s[i]
				i++
			case i == len(s) || p[j] < s[i]:
				v = p[j]
				j++
			default:
				v = s[i]
				i++
				j++
			}
			adj = append(adj, v)
		}
		off[u+1] = int32(len(adj))
	}
	return off, slices.Clip(adj)
}

func newUgraph(a *Adjacency) *ugraph {
	off, adj := a.Undirected()
	n := a.N()
	g := &ugraph{off: off, adj: adj, loop: make([]int64, n), k: make([]int64, n), twoM: int64(len(adj))}
	for u := 0; u < n; u++ {
		g.k[u] = int64(off[u+1] - off[u])
	}
	return g
}

// Modularity returns Q of the partition of[v] (the community of node v: one entry per node,
// any non-negative labels) on the undirected view of a at the given resolution (0 means 1).
// It is NaN when a has no arcs.
func Modularity(a *Adjacency, of []int32, resolution float64) float64 {
	if resolution == 0 {
		resolution = 1
	}
	return newUgraph(a).modularity(of, resolution)
}

// modularity is Q of a labelling on a level-0 (unweighted, loop-free) graph.
func (g *ugraph) modularity(of []int32, resolution float64) float64 {
	if g.twoM == 0 {
		return math.NaN()
	}
	k := int32(0)
	for _, c := range of {
		k = max(k, c+1)
	}
	in := make([]int64, k)
	tot := make([]int64, k)
	for u := 0; u < g.n(); u++ {
		cu := of[u]
		tot[cu] += g.k[u]
		for _, v := range g.adj[g.off[u]:g.off[u+1]] {
			if of[v] == cu {
				in[cu]++
			}
		}
	}
	return quality(in, tot, float64(g.twoM), resolution)
}

// quality is Q = Σ_c in_c/2m − γ (tot_c/2m)², in_c = Σ_{i,j ∈ c} A_ij, tot_c = Σ_{i ∈ c} k_i.
func quality(in, tot []int64, twoM, gamma float64) float64 {
	q := 0.0
	for c := range in {
		if tot[c] == 0 {
			continue
		}
		f := float64(tot[c]) / twoM
		q += float64(in[c])/twoM - gamma*f*f
	}
	return q
}

// Louvain partitions the undirected view of a into communities of high modularity (see the
// comment at the top of this file and docs/communities.md). The result depends only on a and
// opts: the same seed gives the same partition on any machine.
func Louvain(a *Adjacency, opts LouvainOptions) *Partition {
	gamma := opts.Resolution
	if gamma == 0 {
		gamma = 1
	}
	n := a.N()
	rng := rand.New(rand.NewPCG(opts.Seed, 0x6c6f757661696e)) // "louvain"
	g := newUgraph(a)
	g0 := g
	of := make([]int32, n) // community of each original node
	for i := range of {
		of[i] = int32(i)
	}
	levels := 0
	if g.twoM > 0 {
		for {
			comm, k, moved := g.moveNodes(gamma, rng)
			if !moved {
				break
			}
			levels++
			for i := range of {
				of[i] = comm[of[i]]
			}
			if k == g.n() {
				break
			}
			g = g.aggregate(comm, k)
		}
	}
	p := canonical(g0.splitDisconnected(of))
	p.Modularity = g0.modularity(p.Of, gamma)
	p.Levels = levels
	p.Edges = int(g0.twoM / 2)
	return p
}

// maxVisits caps the node visits of one level at maxVisits·n: with γ ≠ 1 float round-off
// could in principle let nodes cycle between equally good communities forever.
const maxVisits = 1000

// moveNodes is the first phase of a level: it visits the nodes in a seeded random order and
// moves each to the neighbouring community that increases Q most (staying put on ties), until
// no move raises Q. It returns the community of each node renumbered 0..k-1 in order of
// first appearance, k, and whether any node moved.
func (g *ugraph) moveNodes(gamma float64, rng *rand.Rand) ([]int32, int, bool) {
	n := g.n()
	comm := make([]int32, n)
	tot := make([]int64, n)
	for i := range comm {
		comm[i] = int32(i)
		tot[i] = g.k[i]
	}
	// The queue holds the nodes to visit, first every node in a seeded random order; a node
	// that moves puts back its neighbours outside its new community (the "fast local move" of
	// Traag et al. 2019, also Ozaki et al. 2016). When the queue empties no single move raises
	// Q, as after a full pass without moves in the original method, at a fraction of the cost.
	queue := make([]int32, n) // ring buffer: at most n nodes are queued at once
	for i := range queue {
		queue[i] = int32(i)
	}
	rng.Shuffle(n, func(i, j int) { queue[i], queue[j] = queue[j], queue[i] })
	queued := make([]bool, n)
	for i := range queued {
		queued[i] = true
	}
	head, size := 0, n
	wTo := make([]int64, n) // weight from the current node to each community
	for i := range wTo {
		wTo[i] = -1 // -1: community not touched yet
	}
	touched := make([]int32, 0, 64)
	twoM := float64(g.twoM)
	anyMove := false
	for visits := 0; size > 0 && visits < maxVisits*n; visits++ {
		u := queue[head]
		head++
		if head == n {
			head = 0
		}
		size--
		queued[u] = false
		ku := g.k[u]
		if ku == g.loop[u] { // no edges to other nodes: stays alone
			continue
		}
		cu := comm[u]
		touched = touched[:0]
		wTo[cu] = 0
		touched = append(touched, cu)
		lo, hi := g.off[u], g.off[u+1]
		nbrs := g.adj[lo:hi]
		if g.w == nil {
			for _, v := range nbrs {
				c := comm[v]
				if wTo[c] < 0 {
					wTo[c] = 0
					touched = append(touched, c)
				}
				wTo[c]++
			}
		} else {
			ws := g.w[lo:hi]
			for i, v := range nbrs {
				c := comm[v]
				if wTo[c] < 0 {
					wTo[c] = 0
					touched = append(touched, c)
				}
				wTo[c] += int64(ws[i])
			}
		}
		tot[cu] -= ku
		// The gain of putting u into c, times 2m·m: w(u,c)·2m − γ k_u tot_c. With γ = 1 the
		// operands are integers and the products are exact in float64 below 2^53 (2m up to
		// about 9·10^7), so equal gains compare equal and Q rises strictly with each move.
		kf := gamma * float64(ku)
		best, bestGain := cu, float64(wTo[cu])*twoM-kf*float64(tot[cu])
		for _, c := range touched[1:] {
			if gain := float64(wTo[c])*twoM - kf*float64(tot[c]); gain > bestGain {
				best, bestGain = c, gain
			}
		}
		tot[best] += ku
		for _, c := range touched {
			wTo[c] = -1
		}
		if best == cu {
			continue
		}
		comm[u] = best
		anyMove = true
		for _, v := range nbrs {
			if !queued[v] && comm[v] != best {
				queued[v] = true
				tail := head + size
				if tail >= n {
					tail -= n
				}
				queue[tail] = v
				size++
			}
		}
	}
	// Renumber 0..k-1 by first appearance in node order.
	newID := make([]int32, n)
	for i := range newID {
		newID[i] = -1
	}
	k := int32(0)
	for i, c := range comm {
		if newID[c] < 0 {
			newID[c] = k
			k++
		}
		comm[i] = newID[c]
	}
	return comm, int(k), anyMove
}

// aggregate builds the graph whose nodes are the k communities of comm: the weight between two
// communities is the total weight of the edges between them, and A_cc sums A_ij inside c.
func (g *ugraph) aggregate(comm []int32, k int) *ugraph {
	n := g.n()
	// Members of each community by counting sort (ascending node order inside each).
	moff := make([]int32, k+1)
	for _, c := range comm {
		moff[c+1]++
	}
	for c := 0; c < k; c++ {
		moff[c+1] += moff[c]
	}
	members := make([]int32, n)
	fill := slices.Clone(moff[:k])
	for i, c := range comm {
		members[fill[c]] = int32(i)
		fill[c]++
	}
	h := &ugraph{off: make([]int32, k+1), loop: make([]int64, k), k: make([]int64, k), twoM: g.twoM}
	acc := make([]int64, k)
	for i := range acc {
		acc[i] = -1
	}
	var touched []int32
	for c := 0; c < k; c++ {
		touched = touched[:0]
		for _, u := range members[moff[c]:moff[c+1]] {
			h.loop[c] += g.loop[u]
			h.k[c] += g.k[u]
			for e := g.off[u]; e < g.off[u+1]; e++ {
				d := comm[g.adj[e]]
				w := int64(1)
				if g.w != nil {
					w = int64(g.w[e])
				}
				if d == int32(c) {
					h.loop[c] += w
					continue
				}
				if acc[d] < 0 {
					acc[d] = 0
					touched = append(touched, d)
				}
				acc[d] += w
			}
		}
		slices.Sort(touched)
		for _, d := range touched {
			h.adj = append(h.adj, d)
			h.w = append(h.w, int32(acc[d]))
			acc[d] = -1
		}
		h.off[c+1] = int32(len(h.adj))
	}
	return h
}

// splitDisconnected relabels so that every community is connected: Louvain can leave a
// community whose parts are joined only through nodes that moved away (Traag, Waltman and van
// Eck, "From Louvain to Leiden", Sci. Rep. 9:5233, 2019). Splitting it into its connected
// parts never lowers Q: with no edge between two parts a and b, the split adds
// 2γ tot_a tot_b / (2m)² ≥ 0. New labels are the smallest node of each part. g is level 0.
func (g *ugraph) splitDisconnected(of []int32) []int32 {
	n := g.n()
	out := make([]int32, n)
	for i := range out {
		out[i] = -1
	}
	var stack []int32
	for s := 0; s < n; s++ {
		if out[s] >= 0 {
			continue
		}
		out[s] = int32(s)
		stack = append(stack[:0], int32(s))
		for len(stack) > 0 {
			u := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, v := range g.adj[g.off[u]:g.off[u+1]] {
				if out[v] < 0 && of[v] == of[s] {
					out[v] = int32(s)
					stack = append(stack, v)
				}
			}
		}
	}
	return out
}

// canonical renumbers a labelling (non-negative labels) 0..K-1 by decreasing community size,
// ties by the smallest member index.
func canonical(of []int32) *Partition {
	maxLabel := int32(-1)
	for _, c := range of {
		maxLabel = max(maxLabel, c)
	}
	size := make([]int, maxLabel+1)
	first := make([]int, maxLabel+1)
	var labels []int32
	for i, c := range of {
		if size[c] == 0 {
			first[c] = i
			labels = append(labels, c)
		}
		size[c]++
	}
	slices.SortFunc(labels, func(x, y int32) int {
		return cmp.Or(cmp.Compare(size[y], size[x]), cmp.Compare(first[x], first[y]))
	})
	newID := make([]int32, maxLabel+1)
	p := &Partition{Of: make([]int32, len(of)), Sizes: make([]int, len(labels))}
	for i, c := range labels {
		newID[c] = int32(i)
		p.Sizes[i] = size[c]
	}
	for i, c := range of {
		p.Of[i] = newID[c]
	}
	return p
}
