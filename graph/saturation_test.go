package graph

import (
	"math"
	"slices"
	"testing"
)

// satGraph builds the small graph every saturation test reads (dates YYYY-MM):
//
//	directions: a; a1 (child of a); b; empty (no works)
//	base1 2019-01 (no direction)      base2 2020-01 (no direction)
//	x1 2020-03 a1  modifies base1
//	x2 2020-06 a1  extends base1
//	x3 2020-12 a1  applies-to-task base1 (task seg), combines base2
//	x4 2021-05 a   modifies x1, applies-to-task base2 (task seg)
//	x5 undated a   (no edges)
//	y1 2019-06 b   alternative-to base1 (context, not lineage)
//	y2 2021-06 b   extends y1, applies-to-task base2 (task det), analyzes x2 (context)
func satGraph(t *testing.T) *Graph {
	t.Helper()
	b := NewBuilder()
	for _, d := range []Direction{{ID: "a"}, {ID: "a1", Parent: "a"}, {ID: "b"}, {ID: "empty"}} {
		if err := b.AddDirection(d); err != nil {
			t.Fatal(err)
		}
	}
	for _, tk := range []Task{{ID: "seg"}, {ID: "det"}} {
		if err := b.AddTask(tk); err != nil {
			t.Fatal(err)
		}
	}
	idx := map[string]int32{}
	add := func(id string, y, m int, dirs ...string) {
		i, err := b.AddWork(Work{ID: id, Date: Date{Year: uint16(y), Month: uint8(m)}, Directions: dirs})
		if err != nil {
			t.Fatal(err)
		}
		idx[id] = i
	}
	add("base1", 2019, 1)
	add("base2", 2020, 1)
	add("x1", 2020, 3, "a1")
	add("x2", 2020, 6, "a1")
	add("x3", 2020, 12, "a1")
	add("x4", 2021, 5, "a")
	add("x5", 0, 0, "a")
	add("y1", 2019, 6, "b")
	add("y2", 2021, 6, "b")
	e := func(from, to string, k Kind, task string) {
		var a *EdgeAttr
		if task != "" {
			a = &EdgeAttr{Task: task}
		}
		b.AddEdge(idx[from], idx[to], k, a)
	}
	e("x1", "base1", Modifies, "")
	e("x2", "base1", Extends, "")
	e("x3", "base1", AppliesToTask, "seg")
	e("x3", "base2", Combines, "")
	e("x4", "x1", Modifies, "")
	e("x4", "base2", AppliesToTask, "seg")
	e("y1", "base1", AlternativeTo, "")
	e("y2", "y1", Extends, "")
	e("y2", "base2", AppliesToTask, "det")
	e("y2", "x2", Analyzes, "")
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

func metricsByID(t *testing.T, rep *SaturationReport) map[string]*DirectionMetrics {
	t.Helper()
	out := map[string]*DirectionMetrics{}
	for i := range rep.Directions {
		out[rep.Directions[i].ID] = &rep.Directions[i]
	}
	return out
}

func TestSaturationHandComputed(t *testing.T) {
	g := satGraph(t)
	rep := g.Saturation(SaturationOptions{Kinds: AllKinds, AsOf: Date{Year: 2021, Month: 6}})
	// Reference month 2021-06; the recent window holds months 2020-07 … 2021-06.
	if got, want := MonthString(rep.RefMonth), "2021-06"; got != want {
		t.Fatalf("ref month %s, want %s", got, want)
	}
	ms := metricsByID(t, rep)
	ids := func(m *DirectionMetrics) []string {
		var s []string
		for _, w := range m.SiblingWorks {
			s = append(s, g.ID(int(w)))
		}
		return s
	}

	// a1 = {x1, x2, x3}, all dated.
	a1 := ms["a1"]
	checkInt(t, "a1 size", a1.Size, 3)
	checkInt(t, "a1 undated", a1.Undated, 0)
	if !slices.Equal(a1.Growth, []YearCount{{2020, 3}}) {
		t.Errorf("a1 growth %v", a1.Growth)
	}
	checkF(t, "a1 recent_share", a1.RecentShare, 1.0/3) // only x3 (2020-12); x2 (2020-06) is just outside
	checkF(t, "a1 derivative_share", a1.DerivativeShare, 1)
	// base1 has x1 2020-03, x2 2020-06, x3 2020-12: all in the window 2020-03…2021-02.
	checkInt(t, "a1 sibling_crowding", a1.Sibling, 3)
	if g.ID(int(a1.SiblingBase)) != "base1" || MonthString(a1.SiblingStart) != "2020-03" ||
		!slices.Equal(ids(a1), []string{"x1", "x2", "x3"}) {
		t.Errorf("a1 sibling base %s start %s works %v", g.ID(int(a1.SiblingBase)), MonthString(a1.SiblingStart), ids(a1))
	}
	checkF(t, "a1 leaf_ratio", a1.LeafRatio, 2.0/3) // x1 is built on by x4; x2 is only analyzed
	// links: x1–base1, x1–x4, x2–base1, x2–y2, x3–base1, x3–base2 are external; none internal.
	checkF(t, "a1 centrality", a1.Centrality, 6)
	checkF(t, "a1 density", a1.Density, 0)
	// lineage out-arcs: base1 ×3, base2 ×1 → 0.75² + 0.25² = 0.625.
	checkF(t, "a1 concentration", a1.Concentration, 0.625)
	// lags: x1 14, x2 17, x3→base1 23, x3→base2 11 → sorted 11 14 17 23 → 15.5.
	checkF(t, "a1 lag", a1.Lag, 15.5)

	// a = a1 ∪ {x4, x5}; x5 is undated.
	a := ms["a"]
	checkInt(t, "a size", a.Size, 5)
	checkInt(t, "a undated", a.Undated, 1)
	if !slices.Equal(a.Growth, []YearCount{{2020, 3}, {2021, 1}}) {
		t.Errorf("a growth %v", a.Growth)
	}
	checkF(t, "a recent_share", a.RecentShare, 0.5)       // x3, x4 of 4 dated
	checkF(t, "a derivative_share", a.DerivativeShare, 1) // x1..x4; x5 undated is left out
	checkInt(t, "a sibling_crowding", a.Sibling, 3)       // base1 again; base2 has x3, x4 (2)
	checkF(t, "a leaf_ratio", a.LeafRatio, 0.8)           // all but x1
	// internal: x4–x1; external: x1–base1, x2–base1, x2–y2, x3–base1, x3–base2, x4–base2.
	checkF(t, "a centrality", a.Centrality, 6)
	checkF(t, "a density", a.Density, 100.0*1/5)
	// arcs: base1 3, base2 2, x1 1 of 6 → (9 + 4 + 1)/36.
	checkF(t, "a concentration", a.Concentration, 14.0/36)
	// lags 11 14 14 16 17 23 (x4→x1 = 14, x4→base2 = 16) → (14+16)/2.
	checkF(t, "a lag", a.Lag, 15)

	b := ms["b"]
	checkInt(t, "b size", b.Size, 2)
	checkF(t, "b recent_share", b.RecentShare, 0.5)
	checkF(t, "b derivative_share", b.DerivativeShare, 0.5) // y1's alternative-to is not lineage
	// y1 and base2 each have one derivative (y2); the tie goes to the smaller id.
	checkInt(t, "b sibling_crowding", b.Sibling, 1)
	if g.ID(int(b.SiblingBase)) != "base2" {
		t.Errorf("b sibling base %s, want base2", g.ID(int(b.SiblingBase)))
	}
	checkF(t, "b leaf_ratio", b.LeafRatio, 0.5)
	checkF(t, "b centrality", b.Centrality, 3) // y1–base1, y2–x2, y2–base2
	checkF(t, "b density", b.Density, 50)      // y2–y1 over 2 works
	checkF(t, "b concentration", b.Concentration, 0.5)
	checkF(t, "b lag", b.Lag, 20.5) // 24 and 17

	// Medians over a, a1, b: centrality 6, 6, 3 → 6; density 20, 0, 50 → 20. High is > median.
	checkF(t, "median centrality", rep.MedianCentrality, 6)
	checkF(t, "median density", rep.MedianDensity, 20)
	for id, q := range map[string]string{"a": QuadrantEmerging, "a1": QuadrantEmerging, "b": QuadrantNiche} {
		if ms[id].Quadrant != q {
			t.Errorf("%s quadrant %q, want %q", id, ms[id].Quadrant, q)
		}
	}

	// Crowding (weights 0.30 0.20 0.20 0.15 0.15).
	// a1: sibling (3−1)/(3−1+3) = 0.4; derivative 3/5; recent 1/5; concentration 0.625 × 4/6;
	// leaf 2/5 → 0.12 + 0.12 + 0.04 + 0.0625 + 0.06 = 0.4025; recent 1/3 < 0.5 and quadrant
	// emerging-or-declining → niche.
	checkCrowding(t, a1, [5]float64{0.4, 0.6, 0.2, 0.625 * 4 / 6, 0.4}, 0.4025, LabelNiche)
	// a: sibling 0.4; derivative 4/6; recent 2/6; concentration 14/36 × 6/8; leaf 4/7.
	// Raw recent share 0.5 ≥ 0.5 and size 5 (not < 5) → rising.
	checkCrowding(t, a, [5]float64{0.4, 4.0 / 6, 2.0 / 6, 14.0 / 36 * 6 / 8, 4.0 / 7},
		0.3*0.4+0.2*4/6+0.2*2/6+0.15*(14.0/36*6/8)+0.15*4/7, LabelRising)
	// b: sibling 0 (one derivative); 1/4; 1/4; 0.5 × 2/4; 1/4 → 0.05+0.05+0.0375+0.0375.
	checkCrowding(t, b, [5]float64{0, 0.25, 0.25, 0.25, 0.25}, 0.175, LabelEmerging)

	e := ms["empty"]
	if e.Size != 0 || !math.IsNaN(e.RecentShare) || !math.IsNaN(e.LeafRatio) || !math.IsNaN(e.Centrality) ||
		!math.IsNaN(e.Concentration) || !math.IsNaN(e.Lag) || e.SiblingValid || e.Quadrant != "" || e.Crowding.Valid ||
		!math.IsNaN(e.Crowding.Index) || e.Crowding.Label != "" {
		t.Errorf("empty direction: metrics should be missing, got %+v", e)
	}
}

func TestSaturationWithoutAsOfUsesLatestWork(t *testing.T) {
	g := satGraph(t)
	rep := g.Saturation(SaturationOptions{Kinds: AllKinds, WindowMonths: 6})
	if got := MonthString(rep.RefMonth); got != "2021-06" { // y2, the latest dated work
		t.Fatalf("ref month %s, want 2021-06", got)
	}
	// Window 6: months 2021-01 … 2021-06: only x4 among a's 4 dated works.
	checkF(t, "a recent_share", metricsByID(t, rep)["a"].RecentShare, 0.25)
}

func TestSaturationAsOfCut(t *testing.T) {
	g, _ := satGraph(t).AsOf(Date{Year: 2020, Month: 12})
	ms := metricsByID(t, g.Saturation(SaturationOptions{Kinds: AllKinds, AsOf: Date{Year: 2020, Month: 12}}))
	// x4 and y2 are gone: x1 is now a leaf and a keeps x1, x2, x3 and undated x5.
	checkInt(t, "a size", ms["a"].Size, 4)
	checkF(t, "a leaf_ratio", ms["a"].LeafRatio, 1)
	checkF(t, "b derivative_share", ms["b"].DerivativeShare, 0)
}

func TestSaturationNoLineageKinds(t *testing.T) {
	// analyzes and alternative-to: context kinds that are no derivation kind.
	ms := metricsByID(t, satGraph(t).Saturation(SaturationOptions{Kinds: SetOf(Analyzes, AlternativeTo)}))
	a := ms["a"]
	if !math.IsNaN(a.DerivativeShare) || !math.IsNaN(a.LeafRatio) || a.SiblingValid || !math.IsNaN(a.Concentration) || !math.IsNaN(a.Lag) {
		t.Errorf("lineage metrics should be missing with --rel analyzes,alternative-to: %+v", a)
	}
	checkF(t, "a centrality (context links only)", a.Centrality, 1) // x2–y2 (analyzes)
}

func TestAssignQuadrants(t *testing.T) {
	ms := []DirectionMetrics{
		{ID: "m", Size: 1, Centrality: 9, Density: 9},
		{ID: "b", Size: 1, Centrality: 9, Density: 1},
		{ID: "n", Size: 1, Centrality: 1, Density: 9},
		{ID: "e", Size: 1, Centrality: 1, Density: 1},
		{ID: "med", Size: 1, Centrality: 5, Density: 5}, // medians are 5: not strictly above
		{ID: "none"},
	}
	mc, md := assignQuadrants(ms)
	checkF(t, "median c", mc, 5)
	checkF(t, "median d", md, 5)
	want := []string{QuadrantMotor, QuadrantBasic, QuadrantNiche, QuadrantEmerging, QuadrantEmerging, ""}
	for i, m := range ms {
		if m.Quadrant != want[i] {
			t.Errorf("%s: quadrant %q, want %q", m.ID, m.Quadrant, want[i])
		}
	}
}

func TestCrowdedLabel(t *testing.T) {
	// Six dated works all deriving from one base within a year, all recent, none built on:
	// sibling 5/8, derivative 6/8, recent 6/8, concentration 1 × 6/8, leaf 6/8
	// → 0.1875 + 0.15 + 0.15 + 0.1125 + 0.1125 = 0.7125 ≥ 0.5 → crowded.
	m := &DirectionMetrics{Size: 6, Dated: 6, RecentShare: 1, RecentCount: 6, DerivativeCount: 6, SiblingValid: true,
		Sibling: 6, LeafCount: 6, Concentration: 1, LineageArcs: 6}
	checkCrowding(t, m, [5]float64{5.0 / 8, 0.75, 0.75, 0.75, 0.75}, 0.7125, LabelCrowded)
	// No recent work and a central quadrant → mature.
	m = &DirectionMetrics{Size: 6, Dated: 6, RecentShare: 0, Quadrant: QuadrantBasic}
	if c := CrowdingOf(m, DefaultCrowdingWeights); c.Label != LabelMature || c.Index != 0 {
		t.Errorf("got %+v, want mature with index 0", c)
	}
}

func TestDefaultWeightsSumToOne(t *testing.T) {
	s := 0.0
	for _, w := range DefaultCrowdingWeights {
		s += w
	}
	checkF(t, "sum of weights", s, 1)
}

// HHI known value: the U.S. DOJ/FTC Horizontal Merger Guidelines (2010, §5.3): "a market
// consisting of four firms with market shares of thirty percent, thirty percent, twenty
// percent, and twenty percent has an HHI of 2,600" (on the 0..10,000 scale).
func TestHHIKnownValue(t *testing.T) {
	checkF(t, "HHI", HHI([]float64{0.3, 0.3, 0.2, 0.2})*10000, 2600)
	checkF(t, "HHI monopoly", HHI([]float64{1}), 1)
}

func TestMedianKnownValue(t *testing.T) {
	checkF(t, "median even", Median([]int{23, 11, 17, 14}), 15.5)
	checkF(t, "median odd", Median([]int{5, 1, 3}), 3)
	if !math.IsNaN(Median(nil)) {
		t.Error("median of nothing should be NaN")
	}
}

func TestMaxInWindow(t *testing.T) {
	// Windows of 12 months: [5, 16] holds 5, 11, 12, 13 (4 values); [0, 11] only 3.
	best, start, idx := maxInWindow([]int{13, 0, 11, 5, 12}, 12)
	if best != 4 || start != 5 {
		t.Fatalf("got %d from %d, want 4 from 5", best, start)
	}
	slices.Sort(idx)
	if !slices.Equal(idx, []int{0, 2, 3, 4}) {
		t.Errorf("indices %v", idx)
	}
}

// Kendall's τ-b known value from the scipy.stats.kendalltau documentation example:
// x = [12, 2, 1, 12, 2], y = [1, 4, 7, 1, 0] gives τ = −0.47140452079103173.
func TestKendallTauBKnownValue(t *testing.T) {
	got := KendallTauB([]float64{12, 2, 1, 12, 2}, []float64{1, 4, 7, 1, 0})
	if math.Abs(got-(-0.47140452079103173)) > 1e-12 {
		t.Errorf("tau-b = %v", got)
	}
	checkF(t, "identical", KendallTauB([]float64{1, 2, 3}, []float64{1, 2, 3}), 1)
	checkF(t, "reversed", KendallTauB([]float64{1, 2, 3}, []float64{3, 2, 1}), -1)
	if !math.IsNaN(KendallTauB([]float64{1, 1}, []float64{1, 2})) {
		t.Error("constant series should give NaN")
	}
}

func TestCrowdingSensitivity(t *testing.T) {
	rep := satGraph(t).Saturation(SaturationOptions{Kinds: AllKinds, AsOf: Date{Year: 2021, Month: 6}})
	s := CrowdingSensitivity(rep.Directions, rep.Weights)
	if len(s.Variants) != 10 {
		t.Fatalf("%d variants, want 10", len(s.Variants))
	}
	// Base ranking: a 0.449 > a1 0.4025 > b 0.175, then empty (null).
	var base []string
	for _, i := range s.Base {
		base = append(base, rep.Directions[i].ID)
	}
	if !slices.Equal(base, []string{"a", "a1", "b", "empty"}) {
		t.Errorf("base ranking %v", base)
	}
	for _, v := range s.Variants {
		sum := 0.0
		for _, w := range v.Weights {
			sum += w
		}
		checkF(t, "renormalised weights", sum, 1)
		checkF(t, "perturbed weight", v.Weights[v.Part]/(v.Weights[(v.Part+1)%5]),
			DefaultCrowdingWeights[v.Part]*v.Factor/DefaultCrowdingWeights[(v.Part+1)%5])
	}
	// sibling ×0.5 → weights 0.15 0.2 0.2 0.15 0.15 over 0.85: a = (0.06 + 0.1333 + 0.0667 +
	// 0.04375 + 0.0857)/0.85 ≈ 0.4561, a1 = (0.06+0.12+0.04+0.0625+0.06)/0.85 ≈ 0.4029: same order.
	checkF(t, "tau sibling×0.5", s.Variants[0].Tau, 1)
	ix := map[string]int{}
	for i, m := range rep.Directions {
		ix[m.ID] = i
	}
	if s.RankMin[ix["empty"]] != 4 || s.RankMax[ix["empty"]] != 4 {
		t.Errorf("empty direction should stay last")
	}
}

func TestGaps(t *testing.T) {
	g := satGraph(t)
	mx, ops := g.Gaps(GapsOptions{Kinds: AllKinds})
	// applies-to-task: x3 base1 seg, x4 base2 seg, y2 base2 det.
	var bases []string
	for _, b := range mx.Bases {
		bases = append(bases, g.ID(int(b)))
	}
	if !slices.Equal(bases, []string{"base1", "base2"}) || !slices.Equal(mx.Tasks, []string{"det", "seg"}) {
		t.Fatalf("bases %v tasks %v", bases, mx.Tasks)
	}
	if !slices.Equal(mx.Counts[0], []int{0, 1}) || !slices.Equal(mx.Counts[1], []int{1, 1}) {
		t.Errorf("counts %v", mx.Counts)
	}
	// One opening: (base1, det). base1 has in-arcs from x1, x2, x3, y1 (alternative-to counts
	// in the AllKinds view) = 4; det has 1 work → score 4.
	if len(ops) != 1 {
		t.Fatalf("%d openings, want 1", len(ops))
	}
	op := ops[0]
	if g.ID(int(op.Base)) != "base1" || op.Task != "det" || op.Score != 4 || op.BaseInDegree != 4 || op.TaskActivity != 1 {
		t.Errorf("opening %+v", op)
	}
	want := "base1 is built on by 4 works and has been applied to 1 task, not det; det has 1 work from base2"
	if op.Reason != want {
		t.Errorf("reason %q\nwant   %q", op.Reason, want)
	}
	// Restricted to direction a's works, only x3 and x4 count: no det column, no opening.
	from := make([]bool, g.NumWorks())
	for _, id := range []string{"x1", "x2", "x3", "x4", "x5"} {
		i, _ := g.Lookup(id)
		from[i] = true
	}
	mx, ops = g.Gaps(GapsOptions{Kinds: LineageKinds, From: from})
	if !slices.Equal(mx.Tasks, []string{"seg"}) || len(ops) != 0 {
		t.Errorf("filtered: tasks %v, %d openings", mx.Tasks, len(ops))
	}
}

func checkInt(t *testing.T, what string, got, want int) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %d, want %d", what, got, want)
	}
}

func checkF(t *testing.T, what string, got, want float64) {
	t.Helper()
	if !near(got, want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func checkCrowding(t *testing.T, m *DirectionMetrics, parts [5]float64, index float64, label string) {
	t.Helper()
	c := CrowdingOf(m, DefaultCrowdingWeights)
	for i := range parts {
		checkF(t, m.ID+" part "+CrowdingParts[i], c.Parts[i], parts[i])
	}
	checkF(t, m.ID+" crowding", c.Index, index)
	if c.Label != label {
		t.Errorf("%s label %q, want %q", m.ID, c.Label, label)
	}
}

// TestSaturationCitesCountAsDerivation: on citation data, a citing work derives from what it
// cites (graph.DerivationKinds), so the derivation metrics measure citation graphs too.
//
//	p 2019-01 (no direction); q 2019-06 in c
//	c1 2020-01 c cites p;  c2 2020-05 c cites p, cites c1;  c3 2020-09 c analyzes p (context)
func TestSaturationCitesCountAsDerivation(t *testing.T) {
	b := NewBuilder()
	b.AddDirection(Direction{ID: "c"})
	for _, w := range []Work{
		{ID: "p", Date: Date{Year: 2019, Month: 1}},
		{ID: "q", Date: Date{Year: 2019, Month: 6}, Directions: []string{"c"}},
		{ID: "c1", Date: Date{Year: 2020, Month: 1}, Directions: []string{"c"}},
		{ID: "c2", Date: Date{Year: 2020, Month: 5}, Directions: []string{"c"}},
		{ID: "c3", Date: Date{Year: 2020, Month: 9}, Directions: []string{"c"}},
	} {
		if _, err := b.AddWork(w); err != nil {
			t.Fatal(err)
		}
	}
	b.AddEdge(2, 0, Cites, nil)
	b.AddEdge(3, 0, Cites, nil)
	b.AddEdge(3, 2, Cites, nil)
	b.AddEdge(4, 0, Analyzes, nil)
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	m := g.Saturation(SaturationOptions{Kinds: SetOf(Cites, Analyzes)}).Directions[0]
	checkF(t, "derivative_share", m.DerivativeShare, 2.0/4) // c1, c2 cite; q, c3 do not (analyzes is context)
	checkInt(t, "sibling_crowding", m.Sibling, 2)           // c1, c2 cite p within 12 months
	checkF(t, "leaf_ratio", m.LeafRatio, 3.0/4)             // c1 is cited by c2
	// arcs c1→p, c2→p, c2→c1: shares 2/3, 1/3 → 4/9 + 1/9.
	checkF(t, "concentration", m.Concentration, 5.0/9)
	// lags c1→p 12, c2→p 16, c2→c1 4 → median 12.
	checkF(t, "lag", m.Lag, 12)
	if m.LineageMissing {
		t.Error("cites alone must not count as missing derivation kinds")
	}
	if m := g.Saturation(SaturationOptions{Kinds: SetOf(Analyzes)}).Directions[0]; !m.LineageMissing {
		t.Error("analyzes alone is no derivation kind")
	}
}
