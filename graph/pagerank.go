package graph

import (
	"math"
	"math/rand/v2"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/mat"
)

// PageRank and HITS are power iterations written directly on the CSR arrays. gonum's
// network.PageRank builds a dense N×N matrix (PageRankSparse a map-of-rows matrix) and starts
// from a vector drawn from the global math/rand source, so its output is neither cheap at a
// million works nor reproducible bit for bit; gonum's HITS normalises to unit 2-norm, not the
// unit sum networkx uses. BenchmarkPageRank measures the difference.

// PageRank returns each work's PageRank (Brin & Page, "The anatomy of a large-scale
// hypertextual Web search engine", 1998) with networkx's conventions: a reader follows a
// uniformly chosen out-arc of the current work (from a work to what it builds on or cites)
// with probability damping, and jumps to a uniformly chosen work otherwise; a dangling work
// (no out-arcs) spreads its whole rank uniformly over all works (networkx dangling=None). The
// iteration starts from 1/N and is
//
//	x'(v) = α·(Σ_{u→v} x(u)/outdeg(u) + Σ_{dangling u} x(u)/N) + (1−α)/N
//
// It stops when Σ_v |x'(v) − x(v)| < tol (networkx stops at N·tol: this is stricter) and
// returns a ConvergenceError after maxIter iterations. Values sum to 1. Each step pulls along
// the reverse CSR, in parallel over fixed chunks of works; the L1 change is summed chunk by
// chunk in chunk order, so values and iteration count never depend on workers.
func PageRank(a *Adjacency, damping, tol float64, maxIter, workers int) ([]float64, error) {
	n := a.N()
	if n == 0 {
		return []float64{}, nil
	}
	nf := float64(n)
	x := make([]float64, n)
	next := make([]float64, n)
	w := make([]float64, n) // x(u)/outdeg(u)
	inv := make([]float64, n)
	var dangling []int32
	for u := 0; u < n; u++ {
		x[u] = 1 / nf
		if d := a.OutOff[u+1] - a.OutOff[u]; d > 0 {
			inv[u] = 1 / float64(d)
		} else {
			dangling = append(dangling, int32(u))
		}
	}
	err := math.Inf(1)
	for it := 0; it < maxIter; it++ {
		dsum := 0.0
		for _, u := range dangling {
			dsum += x[u]
		}
		for u := range w {
			w[u] = x[u] * inv[u]
		}
		base := damping*dsum/nf + (1-damping)/nf
		err = chunkSum(n, workers, func(lo, hi int) float64 {
			e := 0.0
			for v := lo; v < hi; v++ {
				s := 0.0
				for _, u := range a.In[a.InOff[v]:a.InOff[v+1]] {
					s += w[u]
				}
				nv := damping*s + base
				e += math.Abs(nv - x[v])
				next[v] = nv
			}
			return e
		})
		x, next = next, x
		if err < tol {
			return x, nil
		}
	}
	return nil, &ConvergenceError{Metric: MetricPageRank, Iter: maxIter, Tol: tol, LastErr: err}
}

// HITS returns each work's hub and authority scores (Kleinberg, "Authoritative sources in a
// hyperlinked environment", J. ACM 46(5), 1999): authorities are works built on by good hubs
// (a = Aᵀh), hubs are works that build on good authorities (h = A·a), where A(u, v) = 1 for an
// arc u → v. Both vectors are scaled to sum 1, as networkx.hits does. The power iteration
// starts from h = 1/N, alternates a ← Aᵀh, h ← A·a with unit-sum scaling, stops when the L1
// change of h is below tol (a ConvergenceError after maxIter) and then sets a = Aᵀh and
// h = A·a once more, scaled, as networkx derives h from the singular vector a.
//
// When the power iteration has not converged after hitsPower steps (the two largest singular
// values are close, and it converges like (σ₂/σ₁)^2k), it switches to subspace iteration with
// Rayleigh–Ritz projection on a block of hitsBlock vectors (Rutishauser 1970; Stewart,
// "Matrix Algorithms II", 2001), which converges like (σ_{b+1}/σ₁)^2k, starting from the power
// iterate and seeded pseudo-random vectors; see hitsRitz.
//
// When the leading singular value of A is repeated (for instance two disconnected components
// equally strong) the vectors are not unique: the power iteration returns the one its uniform
// start leads to, and networkx (ARPACK) may return another. A graph with no arcs has all
// scores 0. Entries below tol/N are reported as 0 (see cutNoise).
//
// The sums run in parallel over fixed chunks of works and are reduced in chunk order, so the
// result does not depend on workers.
func HITS(a *Adjacency, tol float64, maxIter, workers int) (hub, auth []float64, err error) {
	n := a.N()
	hub = make([]float64, n)
	auth = make([]float64, n)
	if a.M() == 0 {
		return hub, auth, nil
	}
	next := make([]float64, n)
	for i := range hub {
		hub[i] = 1 / float64(n)
	}
	authStep := func() {
		s := chunkSum(n, workers, func(lo, hi int) float64 {
			t := 0.0
			for v := lo; v < hi; v++ {
				x := 0.0
				for _, u := range a.In[a.InOff[v]:a.InOff[v+1]] {
					x += hub[u]
				}
				auth[v] = x
				t += x
			}
			return t
		})
		for v := range auth {
			auth[v] /= s
		}
	}
	hubStep := func(dst []float64) {
		s := chunkSum(n, workers, func(lo, hi int) float64 {
			t := 0.0
			for u := lo; u < hi; u++ {
				x := 0.0
				for _, v := range a.Out[a.OutOff[u]:a.OutOff[u+1]] {
					x += auth[v]
				}
				dst[u] = x
				t += x
			}
			return t
		})
		for u := range dst {
			dst[u] /= s
		}
	}
	change := math.Inf(1)
	converged := false
	power := min(maxIter, hitsPower)
	for it := 0; it < power; it++ {
		authStep()
		hubStep(next)
		change = chunkSum(n, workers, func(lo, hi int) float64 {
			t := 0.0
			for u := lo; u < hi; u++ {
				t += math.Abs(next[u] - hub[u])
			}
			return t
		})
		hub, next = next, hub
		if change < tol {
			converged = true
			break
		}
	}
	if !converged && maxIter > power {
		// A small gap between the two largest singular values: accelerate.
		authStep()
		var ok bool
		var ritz []float64
		ritz, change, ok = hitsRitz(a, auth, tol, maxIter-power, workers)
		if ok {
			copy(auth, ritz)
			hubStep(hub)
			return cutNoise(hub, tol), cutNoise(auth, tol), nil
		}
	}
	if !converged {
		return nil, nil, &ConvergenceError{Metric: MetricHub, Iter: maxIter, Tol: tol, LastErr: change}
	}
	authStep()
	hubStep(hub)
	return cutNoise(hub, tol), cutNoise(auth, tol), nil
}

// cutNoise sets the entries of a unit-sum vector below tol/N to 0 and rescales it to sum 1.
// The iteration leaves such residues (1e-85, say) where the limit is exactly 0; cutting them
// moves the vector by less than tol in L1, the precision it was computed to.
func cutNoise(x []float64, tol float64) []float64 {
	lim := tol / float64(len(x))
	s := 0.0
	for i, v := range x {
		if v < lim {
			x[i] = 0
		}
		s += x[i]
	}
	if s > 0 {
		for i := range x {
			x[i] /= s
		}
	}
	return x
}

// sumChunk is the number of works per unit of parallel work in chunkSum: fixed, so that the
// partial sums and their order never depend on the number of workers.
const sumChunk = 4096

// chunkSum calls f on the fixed ranges [k·sumChunk, (k+1)·sumChunk) of 0..n, on up to workers
// goroutines, and returns the sum of the results added in range order.
func chunkSum(n, workers int, f func(lo, hi int) float64) float64 {
	nch := (n + sumChunk - 1) / sumChunk
	part := make([]float64, nch)
	workers = max(1, min(workers, nch))
	if workers == 1 {
		for c := range nch {
			part[c] = f(c*sumChunk, min((c+1)*sumChunk, n))
		}
	} else {
		var next atomic.Int64
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					c := int(next.Add(1) - 1)
					if c >= nch {
						return
					}
					part[c] = f(c*sumChunk, min((c+1)*sumChunk, n))
				}
			}()
		}
		wg.Wait()
	}
	s := 0.0
	for _, x := range part {
		s += x
	}
	return s
}

const (
	hitsPower = 500 // power iterations before HITS switches to Rayleigh–Ritz acceleration
	hitsBlock = 8   // block size of the accelerated iteration
)

// hitsRitz computes the dominant eigenvector of B = AᵀA by subspace iteration with
// Rayleigh–Ritz projection. The block starts with start (the power iterate, non-negative) and
// hitsBlock−1 vectors from a PCG seeded (1, 2). Each step orthonormalises the block Q
// (modified Gram–Schmidt, twice; a dependent vector becomes zero), forms Z = BQ and the
// block's Rayleigh quotient H = QᵀZ, rotates Q and Z to H's eigenvectors (the Ritz vectors
// xᵢ, values θ₁ ≥ θ₂ ≥ …) and continues from Z. The answer is the projection of start on
// the Ritz vectors with θᵢ ≥ θ₁(1 − 1e-9): the limit the power iteration tends to, also when
// the leading eigenvalue is repeated; it is scaled to sum 1, rounding noise below zero is
// cut to 0. It stops when the answer's L1 change is below tol. All sums run in fixed chunks.
func hitsRitz(a *Adjacency, start []float64, tol float64, iters, workers int) (ans []float64, change float64, ok bool) {
	n := a.N()
	p := min(hitsBlock, n)
	q := make([][]float64, p)
	z := make([][]float64, p)
	r := rand.New(rand.NewPCG(1, 2))
	for j := range q {
		q[j] = make([]float64, n)
		z[j] = make([]float64, n)
		if j == 0 {
			copy(q[0], start)
			continue
		}
		for v := range q[j] {
			q[j][v] = r.Float64() - 0.5
		}
	}
	t := make([]float64, n)
	dot := func(x, y []float64) float64 {
		return chunkSum(n, workers, func(lo, hi int) float64 {
			s := 0.0
			for v := lo; v < hi; v++ {
				s += x[v] * y[v]
			}
			return s
		})
	}
	forChunks := func(f func(lo, hi int)) {
		chunkSum(n, workers, func(lo, hi int) float64 { f(lo, hi); return 0 })
	}
	bmul := func(x, dst []float64) {
		forChunks(func(lo, hi int) {
			for u := lo; u < hi; u++ {
				s := 0.0
				for _, v := range a.Out[a.OutOff[u]:a.OutOff[u+1]] {
					s += x[v]
				}
				t[u] = s
			}
		})
		forChunks(func(lo, hi int) {
			for v := lo; v < hi; v++ {
				s := 0.0
				for _, u := range a.In[a.InOff[v]:a.InOff[v+1]] {
					s += t[u]
				}
				dst[v] = s
			}
		})
	}
	ans = make([]float64, n)
	prev := make([]float64, n)
	h := make([]float64, p*p)
	var vecs mat.Dense
	change = math.Inf(1)
	for it := 0; it < iters; it++ {
		for j := range q { // orthonormalise
			before := math.Sqrt(dot(q[j], q[j]))
			for range 2 {
				for i := 0; i < j; i++ {
					c := dot(q[i], q[j])
					qi, qj := q[i], q[j]
					forChunks(func(lo, hi int) {
						for v := lo; v < hi; v++ {
							qj[v] -= c * qi[v]
						}
					})
				}
			}
			after := math.Sqrt(dot(q[j], q[j]))
			scale := 0.0
			if after > 1e-10*before && after > 0 {
				scale = 1 / after
			}
			for v := range q[j] {
				q[j][v] *= scale
			}
		}
		for j := range q {
			bmul(q[j], z[j])
		}
		for i := range p {
			for j := i; j < p; j++ {
				x := (dot(q[i], z[j]) + dot(q[j], z[i])) / 2
				h[i*p+j], h[j*p+i] = x, x
			}
		}
		var es mat.EigenSym
		if !es.Factorize(mat.NewSymDense(p, h), true) {
			return nil, change, false
		}
		vals := es.Values(nil) // ascending
		es.VectorsTo(&vecs)
		// Rotate q and z to the Ritz vectors, largest value first.
		forChunks(func(lo, hi int) {
			rw := make([]float64, 2*p)
			for v := lo; v < hi; v++ {
				for i := range p {
					k := p - 1 - i
					var sq, sz float64
					for j := range p {
						c := vecs.At(j, k)
						sq += q[j][v] * c
						sz += z[j][v] * c
					}
					rw[i], rw[p+i] = sq, sz
				}
				for i := range p {
					q[i][v], z[i][v] = rw[i], rw[p+i]
				}
			}
		})
		top := vals[p-1]
		clear(ans)
		for i := range p {
			if vals[p-1-i] < top*(1-1e-9) {
				break
			}
			c := dot(start, q[i])
			for v := range ans {
				ans[v] += c * q[i][v]
			}
		}
		sum := chunkSum(n, workers, func(lo, hi int) float64 {
			s := 0.0
			for v := lo; v < hi; v++ {
				s += ans[v]
			}
			return s
		})
		if sum == 0 || math.IsNaN(sum) {
			return nil, change, false
		}
		for v := range ans {
			ans[v] /= sum
		}
		change = chunkSum(n, workers, func(lo, hi int) float64 {
			s := 0.0
			for v := lo; v < hi; v++ {
				s += math.Abs(ans[v] - prev[v])
			}
			return s
		})
		if it > 0 && change < tol {
			s := 0.0
			for v, x := range ans {
				if x < 0 {
					ans[v] = 0
				}
				s += ans[v]
			}
			for v := range ans {
				ans[v] /= s
			}
			return ans, change, true
		}
		copy(prev, ans)
		q, z = z, q
	}
	return nil, change, false
}
