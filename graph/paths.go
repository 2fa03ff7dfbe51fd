package graph

import (
	"math/bits"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
)

// The shortest-path metrics run breadth-first searches on the int32 CSR arrays with scratch
// arrays reused across searches, in parallel: one search per source for betweenness, 64
// searches at once (msbfs) for closeness and harmonic. They do not go through
// gonum: gonum's network.Betweenness keeps σ, δ and predecessor lists in maps keyed by int64
// node ids and allocates per source, and its Closeness and Harmonic need an all-pairs
// shortest-path table (N² floats), which rules them out at a million works. The tests check
// these implementations against gonum's on small graphs and against networkx on Cora; the
// benchmarks (BenchmarkBetweenness, BenchmarkCloseness) measure them.

// bcChunk is the number of sources per unit of parallel betweenness work. It is a constant so
// that the partition of sources, and therefore the order of floating-point additions, never
// depends on the number of workers: results are bit-identical whatever GOMAXPROCS is.
const bcChunk = 32

// Betweenness returns each work's betweenness centrality on a, normalised as networkx does for
// directed graphs:
//
//	C_B(v) = 1/((N−1)(N−2)) · Σ_{s≠v≠t} σ_st(v)/σ_st
//
// over ordered pairs (s, t), where σ_st counts the shortest directed paths from s to t and
// σ_st(v) those through v (endpoints excluded; unreachable pairs add nothing). For N ≤ 2 the
// raw sums (all zero) are returned unscaled, as networkx does. Paths follow arcs, from the
// newer work to its bases, so a work scores high when it lies between later works and the
// works they transitively build on.
//
// samples == 0 (or ≥ N) computes the exact values with Brandes' algorithm ("A faster algorithm
// for betweenness centrality", J. Math. Sociol. 25(2), 2001): one BFS and one dependency
// accumulation per source, O(N·M) time, O(N + M) space per worker. samples = K < N estimates
// them from K distinct sources drawn uniformly without replacement (Brandes & Pich,
// "Centrality estimation in large networks", Int. J. Bifurcation and Chaos 17(7), 2007); the
// raw sums are multiplied by N/K before normalisation, as networkx's
// betweenness_centrality(k=K) does. The sources are the first K entries of rand.Perm(N) from
// math/rand/v2's PCG seeded with (seed, seed), so a seed names one sample.
//
// Sources are split into fixed chunks of bcChunk, processed by workers goroutines, and the
// chunk sums are added in chunk order: the result does not depend on workers.
func Betweenness(a *Adjacency, samples int, seed uint64, workers int) []float64 {
	n := a.N()
	sources, sampled := bcSources(n, samples, seed)
	raw := BetweennessRaw(a, sources, workers)
	if n <= 2 {
		return raw
	}
	scale := 1 / (float64(n-1) * float64(n-2))
	if sampled {
		scale = scale * float64(n) / float64(len(sources))
	}
	for v := range raw {
		raw[v] *= scale
	}
	return raw
}

// bcSources returns every node, or a sorted sample of k of them.
func bcSources(n, k int, seed uint64) (sources []int32, sampled bool) {
	if k <= 0 || k >= n {
		sources = make([]int32, n)
		for i := range sources {
			sources[i] = int32(i)
		}
		return sources, false
	}
	r := rand.New(rand.NewPCG(seed, seed))
	perm := r.Perm(n)[:k]
	sources = make([]int32, k)
	for i, p := range perm {
		sources[i] = int32(p)
	}
	slices.Sort(sources)
	return sources, true
}

// BetweennessRaw returns, for each node v, Σ over the given sources s and every target t of
// σ_st(v)/σ_st (v ≠ s, v ≠ t), unnormalised: networkx's betweenness_centrality(normalized=False)
// on a directed graph when sources is every node.
func BetweennessRaw(a *Adjacency, sources []int32, workers int) []float64 {
	n := a.N()
	total := make([]float64, n)
	nch := (len(sources) + bcChunk - 1) / bcChunk
	workers = max(1, min(workers, nch))
	if nch == 0 {
		return total
	}
	// Each chunk accumulates into its own vector from zero; vectors come from a pool of
	// 2·workers so that memory stays bounded, and the reducer adds them in chunk order.
	pool := make(chan []float64, 2*workers)
	for range 2 * workers {
		pool <- make([]float64, n)
	}
	type result struct {
		chunk int
		acc   []float64
	}
	results := make(chan result, 2*workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := newBrandes(n)
			for {
				acc := <-pool
				c := int(next.Add(1) - 1)
				if c >= nch {
					pool <- acc
					return
				}
				for _, src := range sources[c*bcChunk : min((c+1)*bcChunk, len(sources))] {
					s.single(a, src, acc)
				}
				results <- result{c, acc}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()
	pending := map[int][]float64{}
	want := 0
	for r := range results {
		pending[r.chunk] = r.acc
		for {
			acc, ok := pending[want]
			if !ok {
				break
			}
			delete(pending, want)
			for v, x := range acc {
				total[v] += x
			}
			clear(acc)
			pool <- acc
			want++
		}
	}
	return total
}

// brandes is one worker's scratch space for single-source dependency accumulation.
type brandes struct {
	dist  []int32   // -1 when not reached
	sigma []float64 // number of shortest paths from the source
	delta []float64 // dependency of the source on the node
	queue []int32   // BFS order; read backwards it is non-increasing distance
}

func newBrandes(n int) *brandes {
	b := &brandes{dist: make([]int32, n), sigma: make([]float64, n), delta: make([]float64, n), queue: make([]int32, 0, n)}
	for i := range b.dist {
		b.dist[i] = -1
	}
	return b
}

// single runs one BFS from s and adds s's dependencies to acc. Predecessors on shortest paths
// are not stored: they are the in-neighbours w' of w with dist[w'] = dist[w] − 1.
func (b *brandes) single(a *Adjacency, s int32, acc []float64) {
	dist, sigma, delta := b.dist, b.sigma, b.delta
	q := append(b.queue[:0], s)
	dist[s], sigma[s] = 0, 1
	for h := 0; h < len(q); h++ {
		v := q[h]
		dv, sv := dist[v]+1, sigma[v] // no self-loops: sigma[v] does not change in v's scan
		for _, w := range a.Out[a.OutOff[v]:a.OutOff[v+1]] {
			dw := dist[w]
			if dw < 0 {
				dist[w], dw = dv, dv
				q = append(q, w)
			}
			if dw == dv {
				sigma[w] += sv
			}
		}
	}
	for i := len(q) - 1; i > 0; i-- {
		w := q[i]
		coeff := (1 + delta[w]) / sigma[w]
		dw := dist[w] - 1
		for _, v := range a.In[a.InOff[w]:a.InOff[w+1]] {
			if dist[v] == dw {
				delta[v] += sigma[v] * coeff
			}
		}
		acc[w] += delta[w]
	}
	for _, v := range q {
		dist[v], sigma[v], delta[v] = -1, 0, 0
	}
	b.queue = q
}

// msbfs is one worker's scratch space for multi-source breadth-first search (Then et al.,
// "The more the merrier: efficient multi-source graph traversal", PVLDB 8(4), 2014): up to 64
// searches against the arcs run at once, each node holding one bit per search, so that the
// scan of a node's in-arcs is shared by every search that reaches it at the same distance.
type msbfs struct {
	seen, front, next []uint64
	active, touched   []int32
	visited           []int32
}

func newMSBFS(n int) *msbfs {
	return &msbfs{seen: make([]uint64, n), front: make([]uint64, n), next: make([]uint64, n)}
}

// run searches from src (at most 64 distinct nodes) along incoming arcs and calls level(d,
// cnt) after each distance d ≥ 1 that reaches a node, with cnt[i] the number of nodes first
// reached at distance d from src[i].
func (m *msbfs) run(a *Adjacency, src []int32, level func(d int, cnt *[64]int)) {
	m.active, m.visited = m.active[:0], m.visited[:0]
	for i, s := range src {
		m.seen[s] |= 1 << i
		m.front[s] |= 1 << i
		m.active = append(m.active, s)
		m.visited = append(m.visited, s)
	}
	var cnt [64]int
	for d := 1; len(m.active) > 0; d++ {
		m.touched = m.touched[:0]
		for _, x := range m.active {
			f := m.front[x]
			m.front[x] = 0
			for _, w := range a.In[a.InOff[x]:a.InOff[x+1]] {
				if m.next[w] == 0 {
					m.touched = append(m.touched, w)
				}
				m.next[w] |= f
			}
		}
		clear(cnt[:])
		m.active = m.active[:0]
		for _, w := range m.touched {
			nw := m.next[w] &^ m.seen[w]
			m.next[w] = 0
			if nw == 0 {
				continue
			}
			if m.seen[w] == 0 {
				m.visited = append(m.visited, w)
			}
			m.seen[w] |= nw
			m.front[w] = nw
			m.active = append(m.active, w)
			for b := nw; b != 0; b &= b - 1 {
				cnt[bits.TrailingZeros64(b)]++
			}
		}
		if len(m.active) > 0 {
			level(d, &cnt)
		}
	}
	for _, v := range m.visited {
		m.seen[v] = 0
	}
}

// perBatch runs f on batches of 64 consecutive nodes in parallel; each node's result is
// written by one call only, so the output does not depend on workers.
func perBatch(n, workers int, f func(src []int32, m *msbfs)) {
	nb := (n + 63) / 64
	workers = max(1, min(workers, nb))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := newMSBFS(n)
			src := make([]int32, 0, 64)
			for {
				b := int(next.Add(1) - 1)
				if b >= nb {
					return
				}
				src = src[:0]
				for v := b * 64; v < min((b+1)*64, n); v++ {
					src = append(src, int32(v))
				}
				f(src, m)
			}
		}()
	}
	wg.Wait()
}

// Closeness returns each work's closeness centrality with networkx's conventions for directed
// graphs: distances are measured TO the work along arcs (from the works that build on it,
// directly or not), and the Wasserman–Faust correction for disconnected graphs is applied
// (networkx wf_improved=True; Wasserman & Faust, "Social Network Analysis", 1994):
//
//	C(v) = (r−1)/Σ_u d(u, v) · (r−1)/(N−1)
//
// where r counts the works that reach v, v included, and the sum runs over them. C(v) = 0
// when nothing reaches v (and for N = 1).
func Closeness(a *Adjacency, workers int) []float64 {
	n := a.N()
	out := make([]float64, n)
	perBatch(n, workers, func(src []int32, m *msbfs) {
		var r, tot [64]int
		m.run(a, src, func(d int, cnt *[64]int) {
			for i, c := range cnt[:len(src)] {
				r[i] += c
				tot[i] += d * c
			}
		})
		for i, v := range src {
			if tot[i] > 0 && n > 1 {
				ri := float64(r[i] + 1) // the work itself
				out[v] = (ri - 1) / float64(tot[i]) * ((ri - 1) / float64(n-1))
			}
		}
	})
	return out
}

// Harmonic returns each work's harmonic centrality as networkx computes it, not normalised
// (Boldi & Vigna, "Axioms for centrality", Internet Mathematics 10, 2014):
//
//	H(v) = Σ_{u≠v} 1/d(u, v)
//
// with distances TO v along arcs (networkx's harmonic_centrality sums 1/d(source, v) over
// sources, as gonum's network.Harmonic does with "incoming paths"); unreachable pairs add 0.
// Divide by N−1 for the normalised form.
func Harmonic(a *Adjacency, workers int) []float64 {
	out := make([]float64, a.N())
	perBatch(a.N(), workers, func(src []int32, m *msbfs) {
		var h [64]float64
		m.run(a, src, func(d int, cnt *[64]int) {
			for i, c := range cnt[:len(src)] {
				if c > 0 {
					h[i] += float64(c) / float64(d)
				}
			}
		})
		for i, v := range src {
			out[v] = h[i]
		}
	})
	return out
}

// Descendants returns, for each work v, the number of other works that reach v by following
// arcs forward: everything built on v, directly or transitively (v's ancestors in the arc
// direction, its descendants in lineage terms). Cycles are allowed; a work is never its own
// descendant.
//
// The works of one strongly connected component reach the same works, so the count runs on
// the condensation (Tarjan's components, which come out in reverse topological order: an arc
// between components goes from a later one to an earlier one). Target components are taken
// in blocks of 64·descWords; for each block one pass in component order ORs each component's
// successors' bit sets into its own (bit T set: the component reaches target T), and the
// counts add the sizes of the components whose bit T is set. Time O(C/B · M' + R) for C
// components, M' condensed arcs, block size B and R reachable pairs, against O(N·M) for one
// BFS per work; blocks run in parallel and each writes only its own targets' counts.
func Descendants(a *Adjacency, workers int) []int {
	n := a.N()
	comp, nc := components(a)
	size := make([]int, nc)
	for _, c := range comp {
		size[c]++
	}
	// Condensed successor lists, CSR, without duplicates or loops.
	off := make([]int32, nc+1)
	var succ []int32
	byComp := make([]int32, n) // works sorted by component
	pos := make([]int32, nc+1)
	for _, c := range comp {
		pos[c+1]++
	}
	for c := 0; c < nc; c++ {
		pos[c+1] += pos[c]
	}
	fill := slices.Clone(pos[:nc])
	for v, c := range comp {
		byComp[fill[c]] = int32(v)
		fill[c]++
	}
	mark := make([]int32, nc)
	for i := range mark {
		mark[i] = -1
	}
	for c := 0; c < nc; c++ {
		for _, v := range byComp[pos[c]:pos[c+1]] {
			for _, w := range a.Succ(int(v)) {
				if d := comp[w]; d != int32(c) && mark[d] != int32(c) {
					mark[d] = int32(c)
					succ = append(succ, d)
				}
			}
		}
		off[c+1] = int32(len(succ))
	}
	const B = 64 * descWords
	nb := (nc + B - 1) / B
	count := make([]int, nc)
	workers = max(1, min(workers, nb))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var reach [][descWords]uint64
			for {
				blk := int(next.Add(1) - 1)
				if blk >= nb {
					return
				}
				lo, hi := blk*B, min((blk+1)*B, nc)
				// Only components at or after lo can reach a target in [lo, hi).
				if reach == nil {
					reach = make([][descWords]uint64, nc)
				}
				span := reach[lo:nc]
				clear(span)
				for t := lo; t < hi; t++ {
					span[t-lo][(t-lo)/64] |= 1 << ((t - lo) % 64)
				}
				for x := lo; x < nc; x++ {
					bx := &span[x-lo]
					for _, y := range succ[off[x]:off[x+1]] {
						if int(y) >= lo {
							by := &span[int(y)-lo]
							for k := range bx {
								bx[k] |= by[k]
							}
						}
					}
					for k, word := range bx {
						for word != 0 {
							tz := bits.TrailingZeros64(word)
							word &= word - 1
							count[lo+k*64+tz] += size[x]
						}
					}
				}
			}
		}()
	}
	wg.Wait()
	out := make([]int, n)
	for v, c := range comp {
		out[v] = count[c] - 1
	}
	return out
}

// descWords is the number of 64-bit words of target bits per component in Descendants.
const descWords = 4

// components returns the strongly connected component of every node and the number of
// components, numbered in the order Tarjan's algorithm completes them (reverse topological:
// an arc between two components goes from the higher number to the lower). Iterative, so
// that long paths do not grow the goroutine stack.
func components(a *Adjacency) ([]int32, int) {
	n := a.N()
	index := make([]int32, n) // 0: not visited; else visit order + 1
	low := make([]int32, n)
	comp := make([]int32, n)
	onStack := make([]bool, n)
	var stack []int32
	type frame struct{ v, next int32 }
	var call []frame
	counter, nc := int32(0), int32(0)
	visit := func(v int32) {
		counter++
		index[v], low[v] = counter, counter
		stack = append(stack, v)
		onStack[v] = true
		call = append(call, frame{v, a.OutOff[v]})
	}
	for s := 0; s < n; s++ {
		if index[s] != 0 {
			continue
		}
		visit(int32(s))
		for len(call) > 0 {
			f := &call[len(call)-1]
			v := f.v
			if f.next < a.OutOff[v+1] {
				w := a.Out[f.next]
				f.next++
				if index[w] == 0 {
					visit(w)
				} else if onStack[w] && index[w] < low[v] {
					low[v] = index[w]
				}
				continue
			}
			if low[v] == index[v] {
				for {
					x := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					onStack[x] = false
					comp[x] = nc
					if x == v {
						break
					}
				}
				nc++
			}
			call = call[:len(call)-1]
			if len(call) > 0 {
				if u := call[len(call)-1].v; low[v] < low[u] {
					low[u] = low[v]
				}
			}
		}
	}
	return comp, int(nc)
}
