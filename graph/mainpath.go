package graph

import (
	"cmp"
	"errors"
	"math"
	"slices"
	"strconv"
)

// SPC holds the search path counts of an acyclic view (Batagelj 2003, "Efficient algorithms
// for citation network analysis", arXiv cs/0309023, section 3): the view is read in the
// direction knowledge flows, from the cited (older) work to the citing one, a virtual source
// s is joined to every work that cites nothing and every work that nothing cites is joined to
// a virtual sink t. Then
//
//	NMinus[x] = number of s–x paths  (1 for a work that cites nothing)
//	NPlus[x]  = number of x–t paths  (1 for a work nothing cites)
//	Arc[k]    = NMinus[cited]·NPlus[citing] for the arc k = citing → cited of A.Out,
//
// the number of source-to-sink paths through the arc (its SPC weight), and Total is the
// number of source-to-sink paths. Counts are float64: they grow exponentially with depth and
// stay exact up to 2^53.
type SPC struct {
	A             *Adjacency
	NMinus, NPlus []float64
	Arc           []float64
	Total         float64
}

// ErrSPCOverflow reports path counts beyond float64's range.
var ErrSPCOverflow = errors.New("search path counts overflow float64")

// ComputeSPC computes the search path counts of the acyclic view a in O(N + M).
func ComputeSPC(a *Adjacency) (*SPC, error) {
	order := TopoOrder(a, nil) // cited works first
	if order == nil {
		return nil, errors.New("graph: search path counts need an acyclic view")
	}
	n := a.N()
	s := &SPC{A: a, NMinus: make([]float64, n), NPlus: make([]float64, n), Arc: make([]float64, a.M())}
	for _, x := range order {
		if len(a.Succ(int(x))) == 0 {
			s.NMinus[x] = 1
			continue
		}
		for _, y := range a.Succ(int(x)) {
			s.NMinus[x] += s.NMinus[y]
		}
	}
	for i := n - 1; i >= 0; i-- {
		x := order[i]
		if len(a.Pred(int(x))) == 0 {
			s.NPlus[x] = 1
			if len(a.Succ(int(x))) > 0 {
				s.Total += s.NMinus[x]
			}
			continue
		}
		for _, w := range a.Pred(int(x)) {
			s.NPlus[x] += s.NPlus[w]
		}
	}
	for u := 0; u < n; u++ {
		for k := a.OutOff[u]; k < a.OutOff[u+1]; k++ {
			s.Arc[k] = s.NMinus[a.Out[k]] * s.NPlus[u]
			if math.IsInf(s.Arc[k], 0) {
				return nil, ErrSPCOverflow
			}
		}
	}
	if math.IsInf(s.Total, 0) {
		return nil, ErrSPCOverflow
	}
	return s, nil
}

// Weight returns the SPC of the arc citing → cited, or 0 when there is none.
func (s *SPC) Weight(citing, cited int32) float64 {
	lo := s.A.OutOff[citing]
	i, ok := slices.BinarySearch(s.A.Succ(int(citing)), cited)
	if !ok {
		return 0
	}
	return s.Arc[int(lo)+i]
}

// MainPath is a path in the direction knowledge flows: Works[0] is the oldest (a work that
// cites nothing in the view), each next work cites or builds on the one before it, and
// Weights[i] is the SPC of the arc from Works[i-1] to Works[i] (Weights[0] is 0).
type MainPath struct {
	Name    string
	Works   []int32
	Weights []float64
	Total   float64
}

// MainPaths are the main paths of Hummon and Doreian (1989) on SPC weights.
type MainPaths struct {
	SPC       *SPC
	Global    MainPath   // the source-to-sink path of largest total SPC
	Local     MainPath   // forward local search: greedy by largest SPC from the sources
	KeyRoutes []MainPath // one per key route (Liu & Lu 2012), largest SPC first
}

// FindMainPaths computes SPC weights on the acyclic view a and the global, local-forward and
// K key-route main paths. Ties between equal weights go to the older work, then the smaller
// id (Liu and Lu keep every tied link; litgraph keeps one path per search so that the output
// is a list of works). Works with no arc are on no path.
//
// Key-route main paths (Liu, J. S. & Lu, L. Y. Y., 2012, "An integrated approach for main
// path analysis: Development of the Hirsch index as an example", JASIST 63(3)): take the K
// arcs of largest SPC; from each, search backward greedily (largest SPC into the cited end)
// to a source and forward greedily (largest SPC out of the citing end) to a sink.
func FindMainPaths(g *Graph, a *Adjacency, keyRoutes int) (*MainPaths, error) {
	s, err := ComputeSPC(a)
	if err != nil {
		return nil, err
	}
	mp := &MainPaths{SPC: s}
	n := a.N()
	older := func(x, y int32) bool { return g.byDateID(x, y) < 0 }
	// better reports whether weight w at node x beats weight bw at node bx.
	better := func(w float64, x int32, bw float64, bx int32) bool {
		return bx < 0 || w > bw || (w == bw && older(x, bx))
	}
	isSource := func(x int32) bool { return len(a.Succ(int(x))) == 0 && len(a.Pred(int(x))) > 0 }
	order := TopoOrder(a, nil)

	// forward greedy from x to a sink: follow the citing work with the largest SPC.
	forward := func(x int32) ([]int32, []float64) {
		works, weights := []int32{x}, []float64{0}
		for len(a.Pred(int(x))) > 0 {
			bx, bw := int32(-1), 0.0
			for _, w := range a.Pred(int(x)) {
				if wt := s.Weight(w, x); better(wt, w, bw, bx) {
					bx, bw = w, wt
				}
			}
			works, weights = append(works, bx), append(weights, bw)
			x = bx
		}
		return works, weights
	}
	// backward greedy from x to a source: follow the cited work with the largest SPC.
	backward := func(x int32) ([]int32, []float64) {
		works, weights := []int32{x}, []float64{}
		for len(a.Succ(int(x))) > 0 {
			bx, bw := int32(-1), 0.0
			for _, y := range a.Succ(int(x)) {
				if wt := s.Weight(x, y); better(wt, y, bw, bx) {
					bx, bw = y, wt
				}
			}
			works, weights = append(works, bx), append(weights, bw)
			x = bx
		}
		slices.Reverse(works)
		slices.Reverse(weights)
		return works, append([]float64{0}, weights...)
	}

	// Global: best[x] = largest total weight of a path from x to a sink.
	best := make([]float64, n)
	next := make([]int32, n)
	for i := n - 1; i >= 0; i-- { // citing works before the works they cite
		x := order[i]
		next[x] = -1
		for _, w := range a.Pred(int(x)) {
			if t := s.Weight(w, x) + best[w]; better(t, w, best[x], next[x]) {
				best[x], next[x] = t, w
			}
		}
	}
	start := int32(-1)
	for v := 0; v < n; v++ {
		if x := int32(v); isSource(x) && (start < 0 || better(best[x], x, best[start], start)) {
			start = x
		}
	}
	if start >= 0 {
		p := MainPath{Name: "global", Total: best[start]}
		for x, w := start, 0.0; x >= 0; x = next[x] {
			p.Works, p.Weights = append(p.Works, x), append(p.Weights, w)
			if next[x] >= 0 {
				w = s.Weight(next[x], x)
			}
		}
		mp.Global = p
	}

	// Local forward: the source arc of largest SPC, then greedy.
	bs, bt, bw := int32(-1), int32(-1), 0.0
	for v := 0; v < n; v++ {
		x := int32(v)
		if !isSource(x) {
			continue
		}
		for _, w := range a.Pred(v) {
			wt := s.Weight(w, x)
			if bs < 0 || wt > bw || (wt == bw && (older(x, bs) || (x == bs && older(w, bt)))) {
				bs, bt, bw = x, w, wt
			}
		}
	}
	if bs >= 0 {
		works, weights := forward(bt)
		weights[0] = bw
		mp.Local = pathOf("local-forward", append([]int32{bs}, works...), append([]float64{0}, weights...))
	}

	// Key routes.
	type arc struct {
		citing, cited int32
		w             float64
	}
	var arcs []arc
	for u := 0; u < n; u++ {
		for k := a.OutOff[u]; k < a.OutOff[u+1]; k++ {
			arcs = append(arcs, arc{int32(u), a.Out[k], s.Arc[k]})
		}
	}
	slices.SortFunc(arcs, func(x, y arc) int {
		return cmp.Or(-cmp.Compare(x.w, y.w), g.byDateID(x.cited, y.cited), g.byDateID(x.citing, y.citing))
	})
	for i := 0; i < keyRoutes && i < len(arcs); i++ {
		k := arcs[i]
		bw, bws := backward(k.cited)
		fw, fws := forward(k.citing)
		fws[0] = k.w
		mp.KeyRoutes = append(mp.KeyRoutes, pathOf("key-route-"+strconv.Itoa(i+1), append(bw, fw...), append(bws, fws...)))
	}
	return mp, nil
}

func pathOf(name string, works []int32, weights []float64) MainPath {
	p := MainPath{Name: name, Works: works, Weights: weights}
	for _, w := range weights {
		p.Total += w
	}
	return p
}
