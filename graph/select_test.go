package graph_test

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/internal/testenv"
	"github.com/litgraph/litgraph/loader"
)

// selWork is a work of a test graph: id, year and directions.
type selWork struct {
	id   string
	year uint16
	dirs []string
}

// selEdge is "from kind to".
type selEdge struct {
	from string
	kind graph.Kind
	to   string
}

func buildSelGraph(t *testing.T, works []selWork, edges []selEdge) *graph.Graph {
	t.Helper()
	b := graph.NewBuilder()
	for _, d := range []graph.Direction{{ID: "top"}, {ID: "sub", Parent: "top"}, {ID: "other"}} {
		if err := b.AddDirection(d); err != nil {
			t.Fatal(err)
		}
	}
	for _, w := range works {
		if _, err := b.AddWork(graph.Work{ID: w.id, Date: graph.Date{Year: w.year}, Directions: w.dirs}); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range edges {
		u, _ := b.Index(e.from)
		v, _ := b.Index(e.to)
		b.AddEdge(u, v, e.kind, nil)
	}
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func keptIDs(g *graph.Graph, keep []bool) string {
	var ids []string
	for i, k := range keep {
		if k {
			ids = append(ids, g.ID(i))
		}
	}
	slices.Sort(ids)
	return strings.Join(ids, " ")
}

func edgeList(g *graph.Graph, es []int32) string {
	var s []string
	for _, e := range es {
		ed := g.Edge(int(e))
		s = append(s, fmt.Sprintf("%s-%s>%s", g.ID(int(ed.From)), ed.Kind, g.ID(int(ed.To))))
	}
	slices.Sort(s)
	return strings.Join(s, " ")
}

// The selection graph: a chain root ← mid ← leaf (leaf builds on mid, mid on root), a sibling
// of mid (sib builds on root), a cousin off sib, and an alternative-to edge.
func selFixture(t *testing.T) *graph.Graph {
	return buildSelGraph(t, []selWork{
		{"root", 2015, nil}, {"mid", 2017, []string{"top"}}, {"leaf", 2019, []string{"sub"}},
		{"sib", 2018, []string{"other"}}, {"cousin", 2020, []string{"other", "sub"}}, {"alt", 0, nil},
	}, []selEdge{
		{"mid", graph.Modifies, "root"}, {"leaf", graph.Extends, "mid"}, {"sib", graph.Modifies, "root"},
		{"cousin", graph.Extends, "sib"}, {"alt", graph.AlternativeTo, "mid"},
	})
}

func TestSelect(t *testing.T) {
	g := selFixture(t)
	idx := func(id string) int { i, _ := g.Lookup(id); return i }
	dir := func(id string) int { d, _ := g.DirectionIndex(id); return d }
	cases := []struct {
		name string
		s    graph.Selection
		want string
	}{
		{"all", graph.Selection{}, "alt cousin leaf mid root sib"},
		{"direction with subdirections", graph.Selection{Directions: []int{dir("top")}}, "cousin leaf mid"},
		{"subdirection only", graph.Selection{Directions: []int{dir("sub")}}, "cousin leaf"},
		{"since drops undated", graph.Selection{Since: graph.Date{Year: 2018}}, "cousin leaf sib"},
		{"until end of year", graph.Selection{Until: graph.Date{Year: 2017}}, "mid root"},
		{"around depth 1, no siblings", graph.Selection{Around: []int{idx("mid")}, Depth: 1, Kinds: graph.LineageKinds}, "leaf mid root"},
		{"around depth 2", graph.Selection{Around: []int{idx("leaf")}, Depth: 2, Kinds: graph.LineageKinds}, "leaf mid root"},
		{"around with context kinds", graph.Selection{Around: []int{idx("mid")}, Depth: 1, Kinds: graph.AllKinds}, "alt leaf mid root"},
		{"around depth 0", graph.Selection{Around: []int{idx("mid")}, Depth: 0, Kinds: graph.LineageKinds}, "mid"},
		{"around walks only kept works, centre kept", graph.Selection{Around: []int{idx("root")}, Depth: 5, Kinds: graph.LineageKinds, Directions: []int{dir("other")}}, "cousin root sib"},
		{"a work the dates drop blocks the walk (mid, 2017)", graph.Selection{Around: []int{idx("root")}, Depth: 5, Kinds: graph.LineageKinds, Since: graph.Date{Year: 2018}}, "cousin root sib"},
	}
	for _, c := range cases {
		if got := keptIDs(g, graph.Select(g, c.s)); got != c.want {
			t.Errorf("%s: kept %q, want %q", c.name, got, c.want)
		}
	}
}

func TestSelectTop(t *testing.T) {
	g := selFixture(t)
	in, err := graph.SelectScores(g, graph.LineageKinds, "in_degree")
	if err != nil {
		t.Fatal(err)
	}
	desc, err := graph.SelectScores(g, graph.LineageKinds, "descendants")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]float64{"root": {2, 4}, "mid": {1, 1}, "sib": {1, 1}, "leaf": {0, 0}, "cousin": {0, 0}, "alt": {0, 0}}
	for id, w := range want {
		i, _ := g.Lookup(id)
		if in[i] != w[0] || desc[i] != w[1] {
			t.Errorf("%s: in_degree %v descendants %v, want %v", id, in[i], desc[i], w)
		}
	}
	// Top 2 by in_degree: root (2), then mid and sib tie at 1: mid wins by id.
	if got := keptIDs(g, graph.Select(g, graph.Selection{Top: 2, Score: in})); got != "mid root" {
		t.Errorf("top 2: %q", got)
	}
	if _, err := graph.SelectScores(g, graph.LineageKinds, "pagerank"); err == nil {
		t.Error("unknown metric accepted")
	}
}

func TestSelectedEdgesKeepsKindsApart(t *testing.T) {
	g := buildSelGraph(t, []selWork{{"a", 2020, nil}, {"b", 2019, nil}, {"c", 2018, nil}},
		[]selEdge{{"a", graph.Modifies, "b"}, {"a", graph.Extends, "b"}, {"a", graph.Cites, "b"}, {"b", graph.Modifies, "c"}})
	keep := []bool{true, true, false}
	if got := edgeList(g, graph.SelectedEdges(g, keep, graph.LineageKinds)); got != "a-extends>b a-modifies>b" {
		t.Errorf("got %q", got)
	}
}

// TestReduceLineageKnownExample: a hand-derived case of the definition (Aho, Garey and
// Ullman 1972: the reduction keeps an arc u→v only when no other path leads from u to v).
// Lineage arcs: a→b, a→c, a→d (two kinds), a→e, b→d, c→b, c→d, c→e, d→e, x→e; context
// edges a analyzes e and x cites a.
func TestReduceLineageKnownExample(t *testing.T) {
	g := buildSelGraph(t, []selWork{{"a", 0, nil}, {"b", 0, nil}, {"c", 0, nil}, {"d", 0, nil}, {"e", 0, nil}, {"x", 0, nil}}, []selEdge{
		{"a", graph.Modifies, "b"}, {"a", graph.Modifies, "c"}, {"a", graph.Modifies, "d"}, {"a", graph.Extends, "d"},
		{"a", graph.Modifies, "e"}, {"b", graph.Modifies, "d"}, {"c", graph.Extends, "d"}, {"c", graph.Combines, "e"},
		{"d", graph.Modifies, "e"}, {"c", graph.Extends, "b"},
		{"a", graph.Analyzes, "e"}, {"x", graph.Cites, "a"}, {"x", graph.Modifies, "e"},
	})
	all := graph.SelectedEdges(g, []bool{true, true, true, true, true, true}, graph.AllKinds)
	got, err := graph.ReduceLineage(g, all)
	if err != nil {
		t.Fatal(err)
	}
	// a→b goes (a→c→b), both kinds of a→d go, a→e, c→d (c→b→d) and c→e go; context edges
	// (a analyzes e, x cites a) stay and do not make x→e redundant.
	want := "a-analyzes>e a-modifies>c b-modifies>d c-extends>b d-modifies>e x-cites>a x-modifies>e"
	if s := edgeList(g, got); s != want {
		t.Errorf("reduced to\n %s\nwant\n %s", s, want)
	}
}

func TestReduceLineageCycle(t *testing.T) {
	g := buildSelGraph(t, []selWork{{"a", 0, nil}, {"b", 0, nil}}, []selEdge{{"a", graph.Modifies, "b"}, {"b", graph.Extends, "a"}})
	if _, err := graph.ReduceLineage(g, graph.SelectedEdges(g, []bool{true, true}, graph.AllKinds)); err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Errorf("err = %v, want a cycle error", err)
	}
}

// TestReduceLineageMatchesNetworkx compares the reduction of the built-in lineage with
// networkx.transitive_reduction on the same simple digraph.
func TestReduceLineageMatchesNetworkx(t *testing.T) {
	py := testenv.Python(t)
	srcs, err := loader.ReadSources([]string{"builtin"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := loader.Load(srcs, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	g := res.Graph
	keep := make([]bool, g.NumWorks())
	for i := range keep {
		keep[i] = true
	}
	edges := graph.SelectedEdges(g, keep, graph.LineageKinds)
	var pairs [][2]string
	for _, e := range edges {
		ed := g.Edge(int(e))
		pairs = append(pairs, [2]string{g.ID(int(ed.From)), g.ID(int(ed.To))})
	}
	in, _ := json.Marshal(pairs)
	script := `import json, sys, networkx as nx
g = nx.DiGraph(); g.add_edges_from(json.loads(sys.argv[1]))
print(json.dumps(sorted(list(e) for e in nx.transitive_reduction(g).edges())))`
	out, err := exec.Command(py, "-c", script, string(in)).CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	var want [][2]string
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	red, err := graph.ReduceLineage(g, edges)
	if err != nil {
		t.Fatal(err)
	}
	var got [][2]string
	for _, e := range red {
		ed := g.Edge(int(e))
		p := [2]string{g.ID(int(ed.From)), g.ID(int(ed.To))}
		if !slices.Contains(got, p) {
			got = append(got, p)
		}
	}
	slices.SortFunc(got, func(a, b [2]string) int { return strings.Compare(a[0]+"\x00"+a[1], b[0]+"\x00"+b[1]) })
	if !slices.Equal(got, want) {
		t.Errorf("litgraph keeps %d arcs, networkx %d\nlitgraph %v\nnetworkx %v", len(got), len(want), got, want)
	}
	if len(got) >= len(pairs) {
		t.Errorf("the built-in lineage has %d typed edges and its reduction %d arcs: expected some redundancy", len(pairs), len(got))
	}
}

func TestTimelineSlots(t *testing.T) {
	// b and c build on a in the same year; d builds on b (same year); e on a, a year later;
	// f and g hold an alternative-to cycle inside one year.
	g := buildSelGraph(t, []selWork{{"a", 2020, nil}, {"b", 2020, nil}, {"c", 2020, nil}, {"d", 2020, nil}, {"e", 2021, nil},
		{"f", 2019, nil}, {"g", 2019, nil}, {"u", 0, nil}}, []selEdge{
		{"b", graph.Modifies, "a"}, {"c", graph.Extends, "a"}, {"d", graph.Modifies, "b"}, {"e", graph.Modifies, "a"},
		{"f", graph.AlternativeTo, "g"}, {"g", graph.AlternativeTo, "f"}, {"u", graph.Modifies, "a"},
	})
	keep := make([]bool, g.NumWorks())
	for i := range keep {
		keep[i] = true
	}
	edges := graph.SelectedEdges(g, keep, graph.AllKinds)
	slot, per := graph.TimelineSlots(g, keep, edges)
	want := map[string]int{"a": 0, "b": 1, "c": 1, "d": 2, "e": 0, "u": -1}
	for id, s := range want {
		i, _ := g.Lookup(id)
		if slot[i] != s {
			t.Errorf("%s: slot %d, want %d", id, slot[i], s)
		}
	}
	if per[2020] != 3 || per[2021] != 1 || per[2019] != 2 {
		t.Errorf("slots per year %v", per)
	}
	for _, e := range edges { // no edge joins two works of one column
		ed := g.Edge(int(e))
		if slot[ed.From] >= 0 && g.Date(int(ed.From)).Year == g.Date(int(ed.To)).Year && slot[ed.From] == slot[ed.To] {
			t.Errorf("flat edge %s -> %s", g.ID(int(ed.From)), g.ID(int(ed.To)))
		}
	}
}
