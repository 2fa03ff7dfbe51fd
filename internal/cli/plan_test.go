package cli

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/loader"
)

type planJSON struct {
	AsOf      *string  `json:"as_of"`
	Target    []string `json:"target"`
	Direction *string  `json:"direction"`
	Items     []struct {
		ID            string   `json:"id"`
		ShortName     *string  `json:"short_name"`
		Year          *int     `json:"year"`
		Stage         string   `json:"stage"`
		Why           string   `json:"why"`
		Prerequisites []string `json:"prerequisites"`
	} `json:"items"`
	Skipped []struct {
		ID             string  `json:"id"`
		PrerequisiteOf *string `json:"prerequisite_of"`
		Why            string  `json:"why"`
	} `json:"skipped"`
	CycleRule *struct {
		EdgesDropped        int `json:"edges_dropped"`
		ComponentsCondensed int `json:"components_condensed"`
	} `json:"cycle_rule"`
}

func planOf(t *testing.T, args ...string) planJSON {
	t.Helper()
	out := mustRun(t, append([]string{"plan", "--format", "json"}, args...)...)
	var p planJSON
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return p
}

func builtinGraph(t *testing.T) *graph.Graph {
	t.Helper()
	srcs, err := loader.ReadSources([]string{"builtin"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := loader.Load(srcs, loader.Options{MaxYear: 2100})
	if err != nil {
		t.Fatal(err)
	}
	return res.Graph
}

func TestPlanTargetSwinGolden(t *testing.T) {
	golden(t, "testdata/plan/target-swin.txt", mustRun(t, "plan", "--target", "swin"))
	golden(t, "testdata/plan/target-swin.json", mustRun(t, "plan", "--target", "swin", "--format", "json"))
	golden(t, "testdata/plan/target-swin.md", mustRun(t, "plan", "--target", "swin", "--format", "markdown"))

	// The same facts, asserted directly: Transformer, then ViT, then Swin, each explained.
	p := planOf(t, "--target", "arxiv:2103.14030")
	var ids []string
	for _, it := range p.Items {
		ids = append(ids, it.ID)
	}
	if !slices.Equal(ids, []string{"transformer", "vit", "swin"}) {
		t.Fatalf("order %v, want transformer, vit, swin", ids)
	}
	wantWhy := []string{"Transformer (2017) is a starting point", "ViT (2020) applies Transformer to image classification", "Swin Transformer (2021) modifies ViT; target"}
	wantStage := []string{"foundation", "core", "core"}
	for i, it := range p.Items {
		if !strings.HasPrefix(it.Why, wantWhy[i]) || it.Stage != wantStage[i] {
			t.Errorf("item %s: stage %s why %q; want %s, %q…", it.ID, it.Stage, it.Why, wantStage[i], wantWhy[i])
		}
	}
	if !slices.Equal(p.Target, []string{"swin"}) || p.Direction != nil || p.AsOf != nil || p.CycleRule != nil {
		t.Errorf("header: target %v direction %v as_of %v cycle_rule %v", p.Target, p.Direction, p.AsOf, p.CycleRule)
	}
}

// lineageEdges returns every lineage edge (from builds on to) among the listed ids.
func lineageEdges(g *graph.Graph, listed map[string]bool) [][2]string {
	var out [][2]string
	for e := 0; e < g.NumEdges(); e++ {
		ed := g.Edge(e)
		f, to := g.ID(int(ed.From)), g.ID(int(ed.To))
		if ed.Kind.Lineage() && listed[f] && listed[to] {
			out = append(out, [2]string{f, to})
		}
	}
	return out
}

// TestPlanOrderRespectsEveryEdge checks the reading order against every lineage edge among
// the listed works, for vit-transfer-pose and then for every built-in direction, with and
// without descendants, and that a direction plan lists exactly its works and their ancestors.
func TestPlanOrderRespectsEveryEdge(t *testing.T) {
	g := builtinGraph(t)
	check := func(args ...string) planJSON {
		p := planOf(t, args...)
		pos := map[string]int{}
		for i, it := range p.Items {
			if _, dup := pos[it.ID]; dup {
				t.Fatalf("%v: %s listed twice", args, it.ID)
			}
			pos[it.ID] = i
		}
		listed := map[string]bool{}
		for id := range pos {
			listed[id] = true
		}
		for _, e := range lineageEdges(g, listed) {
			if pos[e[1]] >= pos[e[0]] {
				t.Errorf("%v: %s (position %d) builds on %s (position %d) but is listed first", args, e[0], pos[e[0]]+1, e[1], pos[e[1]]+1)
			}
		}
		for _, it := range p.Items {
			if it.Why == "" || !slices.Contains([]string{"foundation", "core", "frontier"}, it.Stage) {
				t.Errorf("%v: item %s: stage %q why %q", args, it.ID, it.Stage, it.Why)
			}
		}
		return p
	}
	p := check("--direction", "vit-transfer-pose")
	var ids []string
	for _, it := range p.Items {
		ids = append(ids, it.ID)
	}
	// TransPose applies Transformer and combines HRNet; TFPose applies DETR, which applies
	// Transformer: the direction's two works and their four ancestors.
	want := []string{"transformer", "detr", "hrnet", "transpose", "tfpose"}
	if !slices.Equal(ids, want) {
		t.Errorf("vit-transfer-pose order %v, want %v", ids, want)
	}
	a := g.Adjacency(graph.LineageKinds)
	for _, d := range g.Directions() {
		p := check("--direction", d.ID)
		check("--direction", d.ID, "--with-descendants")
		// Expected set: the direction's works (with subdirections) and their ancestors.
		di, _ := g.DirectionIndex(d.ID)
		in := map[int32]bool{}
		for _, s := range g.DirectionSubtree(di) {
			in[int32(s)] = true
		}
		want := map[string]bool{}
		var stack []int32
		for i := 0; i < g.NumWorks(); i++ {
			if slices.ContainsFunc(g.WorkDirections(i), func(x int32) bool { return in[x] }) {
				want[g.ID(i)] = true
				stack = append(stack, int32(i))
			}
		}
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, u := range a.Succ(int(v)) {
				if !want[g.ID(int(u))] {
					want[g.ID(int(u))] = true
					stack = append(stack, u)
				}
			}
		}
		if len(p.Items) != len(want) {
			t.Errorf("direction %s: %d items, want %d", d.ID, len(p.Items), len(want))
		}
		for _, it := range p.Items {
			if !want[it.ID] {
				t.Errorf("direction %s: %s listed but neither in it nor an ancestor", d.ID, it.ID)
			}
		}
	}
	for i := 0; i < g.NumWorks(); i += 7 {
		check("--target", g.ID(i), "--with-descendants")
	}
}

func TestPlanBudget(t *testing.T) {
	p := planOf(t, "--target", "swin", "--budget", "1")
	if len(p.Items) != 1 || p.Items[0].ID != "swin" {
		t.Fatalf("items %+v, want swin only", p.Items)
	}
	if len(p.Skipped) != 2 {
		t.Fatalf("skipped %+v, want transformer and vit", p.Skipped)
	}
	for _, s := range p.Skipped {
		if s.Why != "skipped: prerequisite of Swin Transformer; over budget" || s.PrerequisiteOf == nil || *s.PrerequisiteOf != "swin" {
			t.Errorf("skipped %s: %q %v", s.ID, s.Why, s.PrerequisiteOf)
		}
	}
	// On a larger plan: every prerequisite of a kept work is kept or skipped with a reason.
	g := builtinGraph(t)
	a := g.Adjacency(graph.LineageKinds)
	for _, budget := range []string{"3", "10", "25"} {
		p := planOf(t, "--direction", "vit-transfer", "--budget", budget)
		kept, skipped := map[string]bool{}, map[string]string{}
		for _, it := range p.Items {
			kept[it.ID] = true
		}
		for _, s := range p.Skipped {
			skipped[s.ID] = s.Why
		}
		if n := len(p.Items); budget == "3" && n != 3 || budget == "10" && n != 10 || budget == "25" && n != 25 {
			t.Errorf("budget %s: %d items", budget, n)
		}
		for _, it := range p.Items {
			i, _ := g.Lookup(it.ID)
			for _, u := range a.Succ(i) {
				id := g.ID(int(u))
				if !kept[id] && !strings.HasPrefix(skipped[id], "skipped: prerequisite of ") {
					t.Errorf("budget %s: %s needs %s, which is neither kept nor skipped as a prerequisite (%q)", budget, it.ID, id, skipped[id])
				}
			}
		}
	}
}

func TestPlanCycleRuleReported(t *testing.T) {
	// special.yaml: mid-a ⇄ mid-b (same month: one edge goes, by id order), and mid-b cites
	// late, dated a year after it (dropped as pointing forward in time).
	p := planOf(t, "--data", "testdata/plan/special.yaml", "--target", "top")
	if p.CycleRule == nil || p.CycleRule.EdgesDropped != 2 || p.CycleRule.ComponentsCondensed != 1 {
		t.Fatalf("cycle_rule = %+v, want 2 edges dropped, 1 component", p.CycleRule)
	}
	var ids []string
	for _, it := range p.Items {
		ids = append(ids, it.ID)
	}
	if want := []string{"base", "mid-a", "late", "top"}; !slices.Equal(ids, want) {
		t.Errorf("order %v, want %v", ids, want)
	}
	out := mustRun(t, "plan", "--data", "testdata/plan/special.yaml", "--target", "top")
	if !strings.Contains(out, "cycle rule: dropped 2 of 7 edges (1 citing a later work, 1 inside 1 cycle component of 2 works)") {
		t.Errorf("table does not report the cycle rule:\n%s", out)
	}
	// Lineage only: no cycle possible, no report.
	if p := planOf(t, "--data", "testdata/plan/special.yaml", "--target", "top", "--rel", "lineage"); p.CycleRule != nil {
		t.Errorf("lineage-only plan reports %+v", p.CycleRule)
	}
}

func TestPlanBibTeXParsesBack(t *testing.T) {
	out := mustRun(t, "plan", "--data", "testdata/plan/special.yaml", "--target", "top", "--format", "bibtex")
	entries, err := readBibTeX(out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(entries) != 4 {
		t.Fatalf("%d entries, want 4\n%s", len(entries), out)
	}
	base := entries[0]
	want := map[string]string{
		"title":         "A {Curly} & 100% $cost$ #1 under_score ~tilde ^hat \\back",
		"author":        "Schölkopf and O'Neil, Jr.",
		"year":          "2019",
		"month":         "feb",
		"eprint":        "1902.00001",
		"archiveprefix": "arXiv",
		"doi":           "10.1000/x_%7By%7D",
		"note":          "Proc. A & B",
	}
	if base.typ != "misc" || base.key != "base" {
		t.Errorf("entry %s{%s}", base.typ, base.key)
	}
	for k, v := range want {
		if base.fields[k] != v {
			t.Errorf("field %s = %q, want %q", k, base.fields[k], v)
		}
	}
	if len(base.names) != 2 || base.names[1] != "O'Neil, Jr." {
		t.Errorf("author names %q: the comma name must stay whole", base.names)
	}
	if entries[2].key != "late" || entries[2].fields["author"] != "" || entries[2].fields["year"] != "2021" {
		t.Errorf("entry late: %+v", entries[2])
	}
	// Built-in data: keys are the ids, in reading order.
	bib, err := readBibTeX(mustRun(t, "plan", "--target", "swin", "--format", "bibtex"))
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, e := range bib {
		keys = append(keys, e.key)
	}
	if !slices.Equal(keys, []string{"transformer", "vit", "swin"}) || bib[2].fields["title"] != "Swin Transformer: Hierarchical Vision Transformer using Shifted Windows" {
		t.Errorf("keys %v, swin title %q", keys, bib[2].fields["title"])
	}
}

func TestLineageCommandsGolden(t *testing.T) {
	golden(t, "testdata/plan/path-swin-transformer.txt", mustRun(t, "path", "swin", "transformer"))
	golden(t, "testdata/plan/path-tfpose-transformer.json", mustRun(t, "path", "tfpose", "transformer", "--format", "json"))
	golden(t, "testdata/plan/lineage-tfpose-up.txt", mustRun(t, "lineage", "tfpose", "--up"))
	golden(t, "testdata/plan/lineage-detr-down-1.json", mustRun(t, "lineage", "detr", "--down", "--depth", "1", "--format", "json"))
	golden(t, "testdata/plan/mainpath.txt", mustRun(t, "mainpath", "--key-routes", "2"))
	golden(t, "testdata/plan/mainpath.json", mustRun(t, "mainpath", "--key-routes", "2", "--format", "json"))
	golden(t, "testdata/plan/direction-pose.csv", mustRun(t, "plan", "--direction", "vit-transfer-pose", "--format", "csv"))

	out := mustRun(t, "path", "transformer", "swin")
	if !strings.Contains(out, "transformer does not descend from swin") || !strings.Contains(out, "litgraph path swin transformer") {
		t.Errorf("reverse path: %s", out)
	}
}

func TestPlanUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"plan"}, "plan needs --direction D or --target ID"},
		{[]string{"plan", "--direction", "vit-transfer-pos"}, `did you mean "vit-transfer-pose"`},
		{[]string{"plan", "--target", "swim"}, `did you mean "swin"`},
		{[]string{"plan", "--target", "swin", "--direction", "vit-local"}, "not both"},
		{[]string{"plan", "--target", "swin", "--budget", "-1"}, "--budget"},
		{[]string{"plan", "--target", "swin", "--format", "dot"}, "unknown format"},
		{[]string{"lineage", "swin", "--up", "--down"}, "not both"},
		{[]string{"lineage", "swin", "--format", "bibtex"}, "unknown format"},
		{[]string{"path", "swin"}, "two work ids"},
		{[]string{"mainpath", "--key-routes", "-2"}, "--key-routes"},
		{[]string{"plan", "--target", "swin", "--rel", "cite"}, "unknown relation kind"},
	}
	for _, c := range cases {
		out, errs, code := runCLIStdin(t, "", c.args...)
		if code != 2 || out != "" || !strings.Contains(errs, c.want) {
			t.Errorf("litgraph %s: exit %d, stdout %q, stderr %q; want exit 2 and %q", strings.Join(c.args, " "), code, out, errs, c.want)
		}
	}
}
