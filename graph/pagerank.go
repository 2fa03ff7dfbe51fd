package graph

import (
	"math"
	"sync"
	"sync/atomic"
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
// When the leading singular value of A is repeated (for instance two disconnected components
// equally strong) the vectors are not unique: the power iteration returns the one its uniform
// start leads to, and networkx (ARPACK) may return another. A graph with no arcs has all
// scores 0.
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
	for it := 0; it < maxIter; it++ {
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
	if !converged {
		return nil, nil, &ConvergenceError{Metric: MetricHub, Iter: maxIter, Tol: tol, LastErr: change}
	}
	authStep()
	hubStep(hub)
	return hub, auth, nil
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
