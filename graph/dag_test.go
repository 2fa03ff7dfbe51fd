package graph

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/litgraph/litgraph/graph/internal/gonumx"
	"gonum.org/v1/gonum/graph/topo"
)

// buildCites builds a graph of works (id, date) and cites edges "from to".
func buildCites(t testing.TB, works [][2]string, edges [][2]string) *Graph {
	t.Helper()
	b := NewBuilder()
	for _, w := range works {
		var d Date
		if w[1] != "" {
			var err error
			if d, err = ParseDate(w[1]); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := b.AddWork(Work{ID: w[0], Date: d}); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range edges {
		u, ok1 := b.Index(e[0])
		v, ok2 := b.Index(e[1])
		if !ok1 || !ok2 {
			t.Fatalf("edge %v: unknown work", e)
		}
		b.AddEdge(u, v, Cites, nil)
	}
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func arcs(g *Graph, a *Adjacency) [][2]string {
	var out [][2]string
	for u := 0; u < a.N(); u++ {
		for _, v := range a.Succ(u) {
			out = append(out, [2]string{g.ID(u), g.ID(int(v))})
		}
	}
	slices.SortFunc(out, func(x, y [2]string) int {
		if x[0] != y[0] {
			return map[bool]int{true: -1, false: 1}[x[0] < y[0]]
		}
		return map[bool]int{true: -1, false: 1}[x[1] < y[1]]
	})
	return out
}

// TestCycleRuleHandChecked: a reciprocal pair inside one month, a reciprocal pair across
// months, and a 3-cycle through an undated work, worked out by hand:
//
//	a 2020-01 ⇄ b 2020-01   same date: both survive step 1; component {a, b}; (date, id)
//	                        order a < b, so b → a stays and a → b goes (step 2).
//	c 2019-05 ⇄ d 2020-03   c → d cites a later work: dropped in step 1; d → c stays.
//	x 2021-01 → y 2021-01 → z (undated) → x
//	                        step 1 keeps all three (equal dates, undated end); component
//	                        {x, y, z}; order z (undated first) < x < y: keep y → z
//	                        (z before y), drop x → y (y is after x) and z → x (x after z).
//	e 2021 → a              no cycle: kept.
//
// Arcs in 8; dropped 1 forward + 3 inside 2 components (5 works); 4 arcs left.
func TestCycleRuleHandChecked(t *testing.T) {
	g := buildCites(t,
		[][2]string{{"a", "2020-01"}, {"b", "2020-01"}, {"c", "2019-05"}, {"d", "2020-03"}, {"x", "2021-01"}, {"y", "2021-01"}, {"z", ""}, {"e", "2021"}},
		[][2]string{{"a", "b"}, {"b", "a"}, {"c", "d"}, {"d", "c"}, {"x", "y"}, {"y", "z"}, {"z", "x"}, {"e", "a"}})
	d := g.DAG(SetOf(Cites))
	want := CycleRule{ArcsIn: 8, DroppedForward: 1, DroppedInComponents: 3, ComponentsCondensed: 2, WorksInComponents: 5}
	if d.Rule != want {
		t.Errorf("rule = %+v, want %+v", d.Rule, want)
	}
	if d.Rule.EdgesDropped() != 4 {
		t.Errorf("EdgesDropped = %d, want 4", d.Rule.EdgesDropped())
	}
	wantArcs := [][2]string{{"b", "a"}, {"d", "c"}, {"e", "a"}, {"y", "z"}}
	if got := arcs(g, d.A); !slices.Equal(got, wantArcs) {
		t.Errorf("arcs left = %v, want %v", got, wantArcs)
	}
	if TopoOrder(d.A, nil) == nil || len(Cycles(d.A)) != 0 {
		t.Error("the result is not acyclic")
	}
	// a and b share a component, x, y, z another; c, d, e are alone.
	c := d.Component
	ix := func(id string) int { i, _ := g.Lookup(id); return i }
	if c[ix("a")] != c[ix("b")] || c[ix("x")] != c[ix("y")] || c[ix("y")] != c[ix("z")] || c[ix("a")] == c[ix("x")] || c[ix("c")] == c[ix("d")] {
		t.Errorf("components = %v", c)
	}
}

// TestCycleRuleDeterministic: the rule does not depend on the order works were added.
func TestCycleRuleDeterministic(t *testing.T) {
	works := [][2]string{{"p", "2020-01"}, {"q", "2020-01"}, {"r", "2020-01"}, {"s", ""}, {"u", "2019"}}
	edges := [][2]string{{"p", "q"}, {"q", "r"}, {"r", "p"}, {"r", "s"}, {"s", "r"}, {"u", "p"}, {"p", "u"}}
	g1 := buildCites(t, works, edges)
	rev := slices.Clone(works)
	slices.Reverse(rev)
	g2 := buildCites(t, rev, edges)
	d1, d2 := g1.DAG(SetOf(Cites)), g2.DAG(SetOf(Cites))
	if d1.Rule != d2.Rule || !slices.Equal(arcs(g1, d1.A), arcs(g2, d2.A)) {
		t.Errorf("order-dependent: %+v %v vs %+v %v", d1.Rule, arcs(g1, d1.A), d2.Rule, arcs(g2, d2.A))
	}
}

// randomAdjacency builds a random simple digraph (cycles likely).
func randomAdjacency(r *rand.Rand, n, m int) *Adjacency {
	b := NewBuilder()
	for i := 0; i < n; i++ {
		b.AddWork(Work{ID: string(rune('A'+i%26)) + string(rune('a'+i/26))})
	}
	for k := 0; k < m; k++ {
		u, v := r.IntN(n), r.IntN(n)
		if u != v {
			b.AddEdge(int32(u), int32(v), Cites, nil)
		}
	}
	g, err := b.Build()
	if err != nil {
		panic(err)
	}
	return g.Adjacency(AllKinds)
}

// samePartition compares our component numbering with gonum's TarjanSCC.
func samePartition(t *testing.T, a *Adjacency) {
	t.Helper()
	comp, sizes := tarjanSCC(a)
	gcomps := topo.TarjanSCC(gonumx.Directed{A: a})
	if len(gcomps) != len(sizes) {
		t.Fatalf("%d components, gonum finds %d", len(sizes), len(gcomps))
	}
	for _, gc := range gcomps {
		c0 := comp[gc[0].ID()]
		if int(sizes[c0]) != len(gc) {
			t.Fatalf("component of %d has size %d, gonum %d", gc[0].ID(), sizes[c0], len(gc))
		}
		for _, nd := range gc {
			if comp[nd.ID()] != c0 {
				t.Fatalf("nodes %d and %d: same gonum component, ours differ", gc[0].ID(), nd.ID())
			}
		}
	}
}

func TestTarjanMatchesGonum(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 50; trial++ {
		n := 1 + r.IntN(60)
		samePartition(t, randomAdjacency(r, n, r.IntN(3*n+1)))
	}
}

func TestAcyclicRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 50; trial++ {
		n := 1 + r.IntN(40)
		a := randomAdjacency(r, n, r.IntN(4*n+1))
		dates := make([]Date, n)
		ids := make([]string, n)
		for i := range dates {
			if r.IntN(4) > 0 {
				dates[i] = Date{Year: uint16(2000 + r.IntN(3)), Month: uint8(1 + r.IntN(2))}
			}
			ids[i] = string(rune('a' + i%26))
		}
		d := Acyclic(a, dates, ids)
		if TopoOrder(d.A, nil) == nil {
			t.Fatalf("trial %d: not acyclic", trial)
		}
		if d.A.M()+d.Rule.EdgesDropped() != a.M() {
			t.Fatalf("trial %d: %d arcs + %d dropped != %d", trial, d.A.M(), d.Rule.EdgesDropped(), a.M())
		}
		// Every kept arc is a subset of the input, and an acyclic input loses only forward arcs.
		if Cycles(a) == nil && d.Rule.DroppedInComponents != 0 {
			t.Fatalf("trial %d: acyclic input lost arcs inside components", trial)
		}
	}
}

func TestTopoOrderTies(t *testing.T) {
	// c → a, c → b, d → c: a and b are ready first; less prefers b.
	g := buildCites(t, [][2]string{{"a", ""}, {"b", ""}, {"c", ""}, {"d", ""}}, [][2]string{{"c", "a"}, {"c", "b"}, {"d", "c"}})
	a := g.Adjacency(AllKinds)
	got := TopoOrder(a, func(x, y int32) bool { return x > y })
	if want := []int32{1, 0, 2, 3}; !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
	cyc := buildCites(t, [][2]string{{"a", ""}, {"b", ""}}, [][2]string{{"a", "b"}, {"b", "a"}})
	if TopoOrder(cyc.Adjacency(AllKinds), nil) != nil {
		t.Error("TopoOrder on a cycle should return nil")
	}
}
