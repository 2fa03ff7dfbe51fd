package graph

import (
	"reflect"
	"testing"
)

// build makes a graph from "from>to:kind" specs over works named by single letters.
func build(t *testing.T, works string, edges ...Edge) *Graph {
	t.Helper()
	b := NewBuilder()
	for _, c := range works {
		if _, err := b.AddWork(Work{ID: string(c)}); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range edges {
		b.AddEdge(e.From, e.To, e.Kind, nil)
	}
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestBuilderSortsMergesAndIndexes(t *testing.T) {
	// works a b c d = 0 1 2 3; edges given out of order, with one exact duplicate and two
	// kinds between the same pair.
	g := build(t, "abcd",
		Edge{2, 0, Extends}, Edge{1, 0, Modifies}, Edge{2, 1, Cites}, Edge{2, 0, Cites}, Edge{1, 0, Modifies}, Edge{3, 2, AppliesToTask})
	if g.NumEdges() != 5 {
		t.Fatalf("%d edges, want 5 (one duplicate merged)", g.NumEdges())
	}
	var got []Edge
	for e := range g.NumEdges() {
		got = append(got, g.Edge(e))
	}
	want := []Edge{{1, 0, Modifies}, {2, 0, Extends}, {2, 0, Cites}, {2, 1, Cites}, {3, 2, AppliesToTask}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("edges %v, want %v", got, want)
	}
	if in := g.InEdges(0); len(in) != 3 || g.Edge(int(in[0])).From != 1 || g.Edge(int(in[2])).Kind != Cites {
		t.Errorf("in-edges of a: %v", in)
	}
	a := g.Adjacency(LineageKinds)
	if a.M() != 3 || !reflect.DeepEqual(a.Succ(2), []int32{0}) || !reflect.DeepEqual(a.Pred(0), []int32{1, 2}) {
		t.Errorf("lineage view: out %v in %v", a.Out, a.In)
	}
	all := g.Adjacency(AllKinds) // two kinds 2→0 count as one arc
	if all.M() != 4 || !reflect.DeepEqual(all.Succ(2), []int32{0, 1}) {
		t.Errorf("all-kinds view: %v", all.Out)
	}
	if g.KindsPresent() != SetOf(Modifies, Extends, Cites, AppliesToTask) {
		t.Errorf("kinds present %v", g.KindsPresent())
	}
}

func TestBuilderRejects(t *testing.T) {
	b := NewBuilder()
	b.AddWork(Work{ID: "a", Directions: []string{"nope"}})
	if _, err := b.AddWork(Work{ID: "a"}); err == nil {
		t.Error("duplicate id accepted")
	}
	b.AddEdge(0, 0, Cites, nil)
	if _, err := b.Build(); err == nil {
		t.Error("unknown direction and self-loop accepted")
	}
}

func TestLookupAliases(t *testing.T) {
	b := NewBuilder()
	b.AddWork(Work{ID: "smca", ArXiv: "2101.07448", Aliases: []string{"arxiv:2108.02404"}, DOI: "10.1109/iccv48922.2021.00360"})
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{"smca", "arxiv:2101.07448", "arXiv:2101.07448v2", "arxiv:2108.02404", "doi:10.1109/ICCV48922.2021.00360"} {
		if i, ok := g.Lookup(ref); !ok || i != 0 {
			t.Errorf("Lookup(%q) = %d, %v", ref, i, ok)
		}
	}
	if _, ok := g.Lookup("SMCA"); ok {
		t.Error("ids are exact strings; SMCA must not match smca")
	}
}

func TestAsOfAndSubgraph(t *testing.T) {
	b := NewBuilder()
	b.AddDirection(Direction{ID: "d", Name: "D"})
	b.AddWork(Work{ID: "old", Date: Date{Year: 2020, Month: 5}, Directions: []string{"d"}})
	b.AddWork(Work{ID: "mid", Date: Date{Year: 2021, Month: 6, Day: 30}})
	b.AddWork(Work{ID: "new", Date: Date{Year: 2021, Month: 7}})
	b.AddWork(Work{ID: "undated"})
	b.AddEdge(1, 0, Extends, &EdgeAttr{Note: "n"})
	b.AddEdge(2, 1, Extends, nil)
	b.AddEdge(3, 2, Cites, nil)
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	s, undated := g.AsOf(Date{Year: 2021, Month: 6})
	if s.NumWorks() != 3 || undated != 1 || s.NumEdges() != 1 {
		t.Fatalf("as of 2021-06: %d works, %d undated, %d edges", s.NumWorks(), undated, s.NumEdges())
	}
	if s.ID(2) != "undated" || s.EdgeAttr(0).Note != "n" || s.Work(0).Directions[0] != "d" {
		t.Errorf("subgraph lost data: %v %v", s.IDs(), s.EdgeAttr(0))
	}
	if _, ok := s.Lookup("new"); ok {
		t.Error("dropped work still found")
	}
}

func TestCycles(t *testing.T) {
	// a→b→c→a and d→e→d, f isolated: one cycle per component, from the smallest index.
	g := build(t, "abcdef", Edge{0, 1, Extends}, Edge{1, 2, Extends}, Edge{2, 0, Extends}, Edge{3, 4, Cites}, Edge{4, 3, Cites}, Edge{1, 5, Extends})
	got := Cycles(g.Adjacency(AllKinds))
	want := [][]int32{{0, 1, 2}, {3, 4}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Cycles = %v, want %v", got, want)
	}
	if c := Cycles(g.Adjacency(SetOf(Cites))); len(c) != 1 {
		t.Errorf("cites only: %v", c)
	}
}

func TestDates(t *testing.T) {
	for in, want := range map[string]Date{"2021": {2021, 0, 0}, "2021-06": {2021, 6, 0}, "2024-02-29": {2024, 2, 29}} {
		d, err := ParseDate(in)
		if err != nil || d != want || d.String() != in {
			t.Errorf("ParseDate(%q) = %v %v", in, d, err)
		}
	}
	for _, in := range []string{"", "21", "2021-6", "2021-13", "2023-02-29", "2021-06-31", "x", "2021-06-01-01", "0000"} {
		if _, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) accepted", in)
		}
	}
	if e := (Date{Year: 2021, Month: 2}).EndOf(); e != (Date{2021, 2, 28}) {
		t.Errorf("EndOf 2021-02 = %v", e)
	}
	if e := (Date{Year: 2020}).EndOf(); e != (Date{2020, 12, 31}) {
		t.Errorf("EndOf 2020 = %v", e)
	}
	if (Date{2021, 3, 0}).Compare(Date{2021, 3, 1}) != -1 || (Date{}).MonthIndex() != -1 || (Date{2021, 3, 0}).MonthIndex() != 2021*12+2 {
		t.Error("Compare/MonthIndex")
	}
}

func TestKinds(t *testing.T) {
	if len(Kinds()) != 8 {
		t.Errorf("%d kinds", len(Kinds()))
	}
	for _, k := range Kinds() {
		if p, ok := ParseKind(k.String()); !ok || p != k || k.Description() == "" {
			t.Errorf("kind %v does not round-trip", k)
		}
	}
	s, err := ParseKindSet("lineage,cites")
	if err != nil || s != LineageKinds|SetOf(Cites) || s.String() != "modifies,extends,applies-to-task,accelerates,combines,cites" {
		t.Errorf("ParseKindSet = %v %v", s, err)
	}
	if _, err := ParseKindSet("modifies,uses"); err == nil {
		t.Error("unknown kind accepted")
	}
	if Cites.Lineage() || !Combines.Lineage() {
		t.Error("Lineage()")
	}
}
