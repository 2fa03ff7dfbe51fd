package graph

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// checkFlow checks Batagelj's (2003) flow property of SPC: at every work with arcs on both
// sides, the SPC entering (from the works it cites) equals the SPC leaving (to the works
// citing it); the SPC leaving the sources adds up to the number of source-to-sink paths.
func checkFlow(t *testing.T, s *SPC) {
	t.Helper()
	a := s.A
	fromSources := 0.0
	for v := 0; v < a.N(); v++ {
		in, out := 0.0, 0.0
		for _, y := range a.Succ(v) { // v cites y: flow y ⇒ v
			in += s.Weight(int32(v), y)
		}
		for _, w := range a.Pred(v) { // w cites v: flow v ⇒ w
			out += s.Weight(w, int32(v))
		}
		switch {
		case len(a.Succ(v)) == 0:
			fromSources += out
		case len(a.Pred(v)) > 0:
			if math.Abs(in-out) > 1e-9*math.Max(in, 1) {
				t.Fatalf("work %d: SPC in %g != out %g", v, in, out)
			}
		}
	}
	if math.Abs(fromSources-s.Total) > 1e-9*math.Max(s.Total, 1) {
		t.Fatalf("SPC leaving sources %g != total %g", fromSources, s.Total)
	}
}

// spcExample is a small citation DAG whose SPC values are computed by hand below. Flow arcs
// (cited ⇒ citing; in litgraph's edges each is citing → cited):
//
//	A⇒C  B⇒C  B⇒E  C⇒D  C⇒E  D⇒F  E⇒F  E⇒G
//
// Sources (cite nothing): A, B. Sinks (cited by nothing): F, G.
// N⁻ (paths from the virtual source): A=1, B=1, C=A+B=2, D=C=2, E=B+C=3, F=D+E=5, G=E=3.
// N⁺ (paths to the virtual sink):     F=1, G=1, E=F+G=2, D=F=1, C=D+E=3, B=C+E=5, A=C=3.
// Source-to-sink paths: N⁻(F)+N⁻(G) = 8 = N⁺(A)+N⁺(B).
// SPC(x⇒y) = N⁻(x)·N⁺(y) (Batagelj 2003, arXiv cs/0309023, section 3):
//
//	A⇒C 1·3=3  B⇒C 1·3=3  B⇒E 1·2=2  C⇒D 2·1=2  C⇒E 2·2=4  D⇒F 2·1=2  E⇒F 3·1=3  E⇒G 3·1=3
//
// Check by listing the 8 paths: ACDF ACEF ACEG BCDF BCEF BCEG BEF BEG; C⇒E lies on ACEF,
// ACEG, BCEF, BCEG = 4. Flow at C: in 3+3 = out 2+4 = 6.
// These are hand computations, not a published figure's numbers: the example networks of
// Batagelj (2003) and of Hummon & Doreian (1989) are given as drawings whose arcs we could
// not read back with confidence.
func spcExample(t *testing.T) *Graph {
	return buildCites(t,
		[][2]string{{"A", "2000"}, {"B", "2001"}, {"C", "2002"}, {"D", "2003"}, {"E", "2003-06"}, {"F", "2004"}, {"G", "2005"}},
		[][2]string{{"C", "A"}, {"C", "B"}, {"E", "B"}, {"D", "C"}, {"E", "C"}, {"F", "D"}, {"F", "E"}, {"G", "E"}})
}

func TestSPCHandComputed(t *testing.T) {
	g := spcExample(t)
	d := g.DAG(SetOf(Cites))
	if d.Rule.Touched() {
		t.Fatalf("the example is acyclic, rule %+v", d.Rule)
	}
	s, err := ComputeSPC(d.A)
	if err != nil {
		t.Fatal(err)
	}
	ix := func(id string) int32 { i, _ := g.Lookup(id); return int32(i) }
	want := map[[2]string]float64{
		{"A", "C"}: 3, {"B", "C"}: 3, {"B", "E"}: 2, {"C", "D"}: 2, {"C", "E"}: 4, {"D", "F"}: 2, {"E", "F"}: 3, {"E", "G"}: 3,
	}
	for arc, w := range want { // arc = cited ⇒ citing
		if got := s.Weight(ix(arc[1]), ix(arc[0])); got != w {
			t.Errorf("SPC(%s⇒%s) = %g, want %g", arc[0], arc[1], got, w)
		}
	}
	nMinus := map[string]float64{"A": 1, "B": 1, "C": 2, "D": 2, "E": 3, "F": 5, "G": 3}
	nPlus := map[string]float64{"A": 3, "B": 5, "C": 3, "D": 1, "E": 2, "F": 1, "G": 1}
	for id := range nMinus {
		if s.NMinus[ix(id)] != nMinus[id] || s.NPlus[ix(id)] != nPlus[id] {
			t.Errorf("%s: N⁻=%g N⁺=%g, want %g %g", id, s.NMinus[ix(id)], s.NPlus[ix(id)], nMinus[id], nPlus[id])
		}
	}
	if s.Total != 8 {
		t.Errorf("total = %g, want 8", s.Total)
	}
	checkFlow(t, s)

	// Main paths, oldest first. Global: best total is 10 on ACEF, ACEG, BCEF, BCEG; ties go
	// to the older work: A over B at the start, F over G at the end. Local forward: source
	// arcs A⇒C and B⇒C tie at 3 (A older), then C⇒E (4 > 2), then E⇒F/E⇒G tie (F older).
	// Key route 1: C⇒E (4), back to A (tie with B, older), forward to F.
	mp, err := FindMainPaths(g, d.A, 2)
	if err != nil {
		t.Fatal(err)
	}
	names := func(p MainPath) []string {
		var out []string
		for _, v := range p.Works {
			out = append(out, g.ID(int(v)))
		}
		return out
	}
	acef := []string{"A", "C", "E", "F"}
	for _, p := range []MainPath{mp.Global, mp.Local, mp.KeyRoutes[0]} {
		if !slices.Equal(names(p), acef) || p.Total != 10 || !slices.Equal(p.Weights, []float64{0, 3, 4, 3}) {
			t.Errorf("%s = %v weights %v total %g, want %v [0 3 4 3] 10", p.Name, names(p), p.Weights, p.Total, acef)
		}
	}
	// Key route 2: the next arcs tie at 3 (A⇒C, B⇒C, E⇒F, E⇒G); the one whose cited work is
	// oldest is A⇒C: A is a source, forward C, E, F.
	if got := names(mp.KeyRoutes[1]); !slices.Equal(got, acef) {
		t.Errorf("key-route-2 = %v, want %v", got, acef)
	}
}

// TestSPCBruteForce compares SPC with counting every source-to-sink path on random DAGs.
func TestSPCBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for trial := 0; trial < 40; trial++ {
		n := 2 + r.IntN(12)
		b := NewBuilder()
		for i := 0; i < n; i++ {
			b.AddWork(Work{ID: string(rune('a' + i))})
		}
		for k := 0; k < r.IntN(3*n); k++ {
			u, v := r.IntN(n), r.IntN(n)
			if u > v { // u cites v only when u is newer: acyclic
				b.AddEdge(int32(u), int32(v), Cites, nil)
			}
		}
		g, _ := b.Build()
		a := g.Adjacency(AllKinds)
		s, err := ComputeSPC(a)
		if err != nil {
			t.Fatal(err)
		}
		count := map[[2]int32]float64{}
		total := 0.0
		var walk func(path []int32)
		walk = func(path []int32) { // flow direction: from a cited work to works citing it
			v := path[len(path)-1]
			if len(a.Pred(int(v))) == 0 {
				total++
				for i := 1; i < len(path); i++ {
					count[[2]int32{path[i], path[i-1]}]++
				}
				return
			}
			for _, w := range a.Pred(int(v)) {
				walk(append(path, w))
			}
		}
		for v := 0; v < n; v++ {
			if len(a.Succ(v)) == 0 && len(a.Pred(v)) > 0 {
				walk([]int32{int32(v)})
			}
		}
		if total != s.Total {
			t.Fatalf("trial %d: total %g, brute force %g", trial, s.Total, total)
		}
		for u := 0; u < n; u++ {
			for _, v := range a.Succ(u) {
				if got, want := s.Weight(int32(u), v), count[[2]int32{int32(u), v}]; got != want {
					t.Fatalf("trial %d: SPC(%d→%d) = %g, brute force %g", trial, u, v, got, want)
				}
			}
		}
		checkFlow(t, s)
	}
}

func TestShortestPathsCap(t *testing.T) {
	// A ladder of 8 diamonds: 2^8 = 256 shortest paths from top to bottom.
	var works [][2]string
	var edges [][2]string
	works = append(works, [2]string{"n00", ""})
	prev := "n00"
	for i := 1; i <= 8; i++ {
		l, r, m := "l"+string(rune('0'+i)), "r"+string(rune('0'+i)), "n"+string(rune('0'+i))+"0"
		works = append(works, [2]string{l, ""}, [2]string{r, ""}, [2]string{m, ""})
		edges = append(edges, [2]string{prev, l}, [2]string{prev, r}, [2]string{l, m}, [2]string{r, m})
		prev = m
	}
	g := buildCites(t, works, edges)
	a := g.Adjacency(AllKinds)
	from, _ := g.Lookup("n00")
	to, _ := g.Lookup(prev)
	paths, total := ShortestPaths(g, a, int32(from), int32(to), 100)
	if total != 256 || len(paths) != 100 {
		t.Fatalf("total %g, %d paths; want 256, 100", total, len(paths))
	}
	first := []string{}
	for _, v := range paths[0] {
		first = append(first, g.ID(int(v)))
	}
	if first[1] != "l1" || first[len(first)-2] != "l8" || len(first) != 17 {
		t.Errorf("first path %v: want l1 … l8, 17 works", first)
	}
	all, _ := ShortestPaths(g, a, int32(from), int32(to), 0)
	seen := map[string]bool{}
	for _, p := range all {
		key := ""
		for _, v := range p {
			key += g.ID(int(v)) + " "
		}
		seen[key] = true
	}
	if len(all) != 256 || len(seen) != 256 {
		t.Errorf("%d paths, %d distinct; want 256", len(all), len(seen))
	}
	if p, tot := ShortestPaths(g, a, int32(to), int32(from), 10); len(p) != 0 || tot != 0 {
		t.Error("a path against the edges")
	}
}
