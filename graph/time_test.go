package graph

import (
	"math"
	"slices"
	"testing"
)

func within(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// TestKleinbergHandComputed checks the automaton on a three-batch series computed by hand.
//
//	r = [0, 5, 0], d = [10, 10, 10]; R = 5, D = 30, p0 = 1/6; s = 2: p1 = 1/3; n = 3, γ = 1:
//	entering the burst state costs ln 3 = 1.098612.
//	σ0(0,10) = −10·ln(5/6) = 1.823216          σ1(0,10) = −10·ln(2/3) = 4.054651
//	σ0(5,10) = −ln 252 + 5 ln 6 + 5 ln(6/5)     σ1(5,10) = −ln 252 + 5 ln 3 + 5 ln(3/2)
//	         = −5.529429 + 8.958797 + 0.911608           = −5.529429 + 5.493061 + 2.027326
//	         = 4.340976                                   = 1.990958
//	Paths: 000 = 1.823216 + 4.340976 + 1.823216 = 7.987408
//	       010 = 1.823216 + 1.098612 + 1.990958 + 1.823216 = 6.736002   ← cheapest
//	       011 = 1.823216 + 1.098612 + 1.990958 + 4.054651 = 8.967437
//	       (every path starting in 1 or visiting 1 twice costs more)
//	Burst [1, 1], weight σ0 − σ1 = 5 ln 2 + 5 ln(4/5) = 2.350018.
//
// With γ = 3 the entry cost 3 ln 3 = 3.295837 exceeds the saving 2.350018: no burst.
func TestKleinbergHandComputed(t *testing.T) {
	r, d := []int{0, 5, 0}, []int{10, 10, 10}
	if c := BurstCost(1.0/6, 5, 10); !within(c, 4.340976, 1e-6) {
		t.Errorf("σ0(5,10) = %v, want 4.340976", c)
	}
	if c := BurstCost(1.0/3, 5, 10); !within(c, 1.990958, 1e-6) {
		t.Errorf("σ1(5,10) = %v, want 1.990958", c)
	}
	bs, states := KleinbergBursts(r, d, 2, 1)
	if !slices.Equal(states, []int{0, 1, 0}) {
		t.Errorf("states %v, want [0 1 0]", states)
	}
	if len(bs) != 1 || bs[0].Start != 1 || bs[0].End != 1 || !within(bs[0].Weight, 5*math.Log(2)+5*math.Log(0.8), 1e-12) {
		t.Errorf("bursts %+v, want [{1 1 2.350018}]", bs)
	}
	if bs, _ := KleinbergBursts(r, d, 2, 3); len(bs) != 0 {
		t.Errorf("γ = 3: bursts %+v, want none", bs)
	}
}

// TestKleinbergRun checks that adjacent high batches form one burst whose weight sums the
// batch savings, and the degenerate series.
func TestKleinbergRun(t *testing.T) {
	r, d := []int{1, 1, 8, 9, 1, 1}, []int{20, 20, 20, 20, 20, 20}
	bs, _ := KleinbergBursts(r, d, 2, 1)
	p0 := 21.0 / 120
	want := 0.0
	for _, t := range []int{2, 3} {
		want += BurstCost(p0, r[t], d[t]) - BurstCost(2*p0, r[t], d[t])
	}
	if len(bs) != 1 || bs[0].Start != 2 || bs[0].End != 3 || !within(bs[0].Weight, want, 1e-12) {
		t.Errorf("bursts %+v, want [{2 3 %v}]", bs, want)
	}
	for _, c := range [][2][]int{{{0, 0}, {5, 5}}, {{5, 5}, {5, 5}}, {nil, nil}} {
		if bs, _ := KleinbergBursts(c[0], c[1], 2, 1); len(bs) != 0 {
			t.Errorf("r=%v d=%v: bursts %+v, want none", c[0], c[1], bs)
		}
	}
}

// cdToyGraph is the example graph of the cdindex package's README and tests.py
// (github.com/russellfunk/cdindex): works 0Z..10Z with their years and 13 citations.
func cdToyGraph(t *testing.T) (*Graph, map[string]int) {
	t.Helper()
	b := NewBuilder()
	years := map[string]int{"0Z": 1992, "1Z": 1992, "2Z": 1993, "3Z": 1993, "4Z": 1995, "5Z": 1997, "6Z": 1998,
		"7Z": 1999, "8Z": 1999, "9Z": 1998, "10Z": 1997}
	idx := map[string]int{}
	for _, id := range []string{"0Z", "1Z", "2Z", "3Z", "4Z", "5Z", "6Z", "7Z", "8Z", "9Z", "10Z"} {
		i, err := b.AddWork(Work{ID: id, Date: Date{Year: uint16(years[id]), Month: 1, Day: 1}})
		if err != nil {
			t.Fatal(err)
		}
		idx[id] = int(i)
	}
	for _, e := range [][2]string{{"4Z", "2Z"}, {"4Z", "0Z"}, {"4Z", "1Z"}, {"4Z", "3Z"}, {"5Z", "2Z"}, {"6Z", "2Z"},
		{"6Z", "4Z"}, {"7Z", "4Z"}, {"8Z", "4Z"}, {"9Z", "4Z"}, {"9Z", "1Z"}, {"9Z", "3Z"}, {"10Z", "4Z"}} {
		b.AddEdge(int32(idx[e[0]]), int32(idx[e[1]]), Cites, nil)
	}
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return g, idx
}

// TestCDIndexToy computes the CD index of 4Z (1995) with a 5-year window by hand, on the
// cdindex package's example. R(4Z) = {0Z, 1Z, 2Z, 3Z}. Works after 1995 and up to 2000 citing
// 4Z or a reference: 5Z (2Z only: f=0, b=1 → 0), 6Z (4Z and 2Z: −1), 9Z (4Z, 1Z, 3Z: −1),
// 7Z, 8Z, 10Z (4Z only: +1 each). n = 6, CD = (0 − 1 − 1 + 1 + 1 + 1)/6 = 1/6; the I index
// (citations of 4Z in the window) is 5, so mCD = 5/6. This is also the form of Park, Leahey &
// Funk (2023, Nature 613, Fig. 1 and Methods): CD = (n_i − n_j)/(n_i + n_j + n_k) =
// (3 − 2)/(3 + 2 + 1).
func TestCDIndexToy(t *testing.T) {
	g, idx := cdToyGraph(t)
	adj := g.Adjacency(AllKinds)
	c := g.CDIndex(adj, idx["4Z"], 5)
	if !within(c.Value, 1.0/6, 1e-15) || c.N != 6 || c.Only != 3 || c.Both != 2 || c.Refs != 1 || c.M != 5 {
		t.Errorf("CD(4Z, 5y) = %+v, want 1/6 with n=6, only 3, both 2, refs 1, M 5", c)
	}
	// A 3-year window (1995-01 < month ≤ 1998-01) keeps 5Z, 10Z (1997), 6Z, 9Z (1998-01):
	// (0 + 1 − 1 − 1)/4 = −1/4.
	if c := g.CDIndex(adj, idx["4Z"], 3); !within(c.Value, -0.25, 1e-15) || c.N != 4 {
		t.Errorf("CD(4Z, 3y) = %+v, want −1/4 over 4 works", c)
	}
	// 2Z (1993, no references): its citers 4Z (1995) and 5Z (1997) cite it alone; 6Z (1998)
	// is outside the 5-year window (≤ 1998-01 is inside: 1993-01 + 60 months = 1998-01).
	if c := g.CDIndex(adj, idx["2Z"], 5); !within(c.Value, 1, 0) || c.N != 3 {
		t.Errorf("CD(2Z, 5y) = %+v, want 1 over 3 works (4Z, 5Z, 6Z)", c)
	}
	// 10Z (1997) cites 4Z, which 6Z, 9Z (1998), 7Z, 8Z (1999) cite; nobody cites 10Z: four
	// works citing its reference only, CD = 0/4 = 0.
	if c := g.CDIndex(adj, idx["10Z"], 5); c.Value != 0 || c.N != 4 || c.Refs != 4 {
		t.Errorf("CD(10Z) = %+v, want 0 over 4 works citing its reference", c)
	}
	// 7Z (1999): no work is dated after it, so no CD.
	if c := g.CDIndex(adj, idx["7Z"], 5); !math.IsNaN(c.Value) || c.N != 0 {
		t.Errorf("CD(7Z) = %+v, want NaN", c)
	}
}

// TestFitLogisticRecovers fits an exact Loglet series and recovers its parameters.
func TestFitLogisticRecovers(t *testing.T) {
	const k, tm, dt = 120.0, 2012.0, 8.0
	var ts, ys []float64
	for y := 2003; y <= 2020; y++ {
		ts = append(ts, float64(y))
		ys = append(ys, Logistic(float64(y), k, tm, dt))
	}
	fit := FitLogistic(ts, ys)
	if !fit.OK || !within(fit.K, k, 0.01*k) || !within(fit.Tm, tm, 0.05) || !within(fit.Dt, dt, 0.05) || fit.R2 < 0.9999 {
		t.Errorf("fit %+v, want K %v, tm %v, dt %v, R² ≈ 1", fit, k, tm, dt)
	}
	// Δt is the 10 % → 90 % time: N(tm ± Δt/2) = K/10, 9K/10.
	if a, b := Logistic(tm-dt/2, k, tm, dt), Logistic(tm+dt/2, k, tm, dt); !within(a, k/10, 1e-9) || !within(b, 0.9*k, 1e-9) {
		t.Errorf("N(tm ± Δt/2) = %v, %v; want %v, %v", a, b, k/10, 0.9*k)
	}
	// With noise the fit stays close and K respects its lower bound.
	noisy := slices.Clone(ys)
	for i := range noisy {
		noisy[i] += []float64{0.8, -0.5, 0.3, -0.9}[i%4]
	}
	fit = FitLogistic(ts, noisy)
	if !fit.OK || !within(fit.K, k, 0.05*k) || !within(fit.Tm, tm, 0.5) || fit.K < noisy[len(noisy)-1] {
		t.Errorf("noisy fit %+v", fit)
	}
}

func TestFitLogisticTooFewPoints(t *testing.T) {
	fit := FitLogistic([]float64{2019, 2020, 2021, 2022}, []float64{1, 3, 3, 6})
	if fit.OK || fit.Reason != "too few points" || !math.IsNaN(fit.K) {
		t.Errorf("3 years with works: %+v, want too few points", fit)
	}
}

// TestDirectionBursts checks the series built from a graph: direction a's works per year
// against all dated works per year.
func TestDirectionBursts(t *testing.T) {
	g := satGraph(t)
	ss := g.DirectionBursts(BurstOptions{Gamma: -1})
	var a *BurstSeries
	for i := range ss {
		if ss[i].ID == "a" {
			a = &ss[i]
		}
	}
	// a: x1, x2, x3 (2020), x4 (2021); all dated: base1 2019, y1 2019, base2 2020, x1..x3 2020,
	// x4, y2 2021. From a's first year 2020 to 2021.
	if a == nil || a.First != 2020 || !slices.Equal(a.R, []int{3, 1}) || !slices.Equal(a.D, []int{4, 2}) {
		t.Fatalf("series of a: %+v", a)
	}
}
