package graph_test

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/litgraph/litgraph/graph"
)

// TestSimilarHand works through testdata/small.edges for work c.
//
//	citers: a{f} b{a} c{a,b} d{b,c,e} e{f} f{g}   references: a{b,c} b{c,d} c{d} e{d} f{a,e} g{f}
//
// Co-citation of c: its citers a and b also cite b (via a) and d (via b), once each:
//
//	b: 1/√(|{a,b}|·|{a}|) = 1/√2      d: 1/√(2·3) = 1/√6
//
// Coupling of c: its one reference d is cited by b, c, e, so in-degree 3 and weight 1/ln 3 for
// b and e. Both: b = (1/√2 ÷ 1/√2 + 1)/2 = 1, e = (0 + 1)/2, d = ((1/√6)/(1/√2) + 0)/2 = 1/(2√3).
func TestSimilarHand(t *testing.T) {
	g, _ := edgeGraph(t, readEdgeList(t, filepath.Join("testdata", "small.edges")))
	a := g.Adjacency(graph.AllKinds)
	c, _ := g.Lookup("c")
	type row struct {
		id            string
		co, cp, score float64
	}
	w := 1 / math.Log(3)
	cases := map[graph.SimilarBy][]row{
		graph.ByCocitation: {{"b", 1 / math.Sqrt2, w, 1 / math.Sqrt2}, {"d", 1 / math.Sqrt(6), 0, 1 / math.Sqrt(6)}},
		graph.ByCoupling:   {{"b", 1 / math.Sqrt2, w, w}, {"e", 0, w, w}}, // a tie, broken by id
		graph.ByBoth:       {{"b", 1 / math.Sqrt2, w, 1}, {"e", 0, w, 0.5}, {"d", 1 / math.Sqrt(6), 0, 1 / (2 * math.Sqrt(3))}},
	}
	for by, want := range cases {
		got := graph.Similar(a, c, by, 0, g.IDs())
		if len(got) != len(want) {
			t.Errorf("%s: %d results, want %d: %+v", by, len(got), len(want), got)
			continue
		}
		for i, r := range want {
			s := got[i]
			if g.ID(int(s.Work)) != r.id || math.Abs(s.Cocitation-r.co) > 1e-15 || math.Abs(s.Coupling-r.cp) > 1e-15 || math.Abs(s.Score-r.score) > 1e-15 {
				t.Errorf("%s #%d: got %s %.15g %.15g %.15g, want %+v", by, i+1, g.ID(int(s.Work)), s.Cocitation, s.Coupling, s.Score, r)
			}
		}
	}
	if got := graph.Similar(a, c, graph.ByBoth, 1, g.IDs()); len(got) != 1 || g.ID(int(got[0].Work)) != "b" {
		t.Errorf("top 1: %+v", got)
	}
	g0, _ := g.Lookup("g") // g: no citers, one reference (f) that only g cites
	if got := graph.Similar(a, g0, graph.ByBoth, 0, g.IDs()); len(got) != 0 {
		t.Errorf("g has nothing in common with anyone, got %+v", got)
	}
}
