package graph

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/litgraph/litgraph/internal/testenv"
)

// hepthDate is the submission month encoded in a cit-HepTh id, as the data set's
// PROVENANCE.md says: zero-pad to 7 digits YYMMNNN, 92–99 → 19YY, 00–03 → 20YY.
func hepthDate(id string) (Date, error) {
	if len(id) > 7 {
		return Date{}, fmt.Errorf("id %q longer than 7 digits", id)
	}
	p := strings.Repeat("0", 7-len(id)) + id
	yy, err1 := strconv.Atoi(p[:2])
	mm, err2 := strconv.Atoi(p[2:4])
	if err1 != nil || err2 != nil || mm < 1 || mm > 12 {
		return Date{}, fmt.Errorf("id %q: no YYMM", id)
	}
	y := 1900 + yy
	if yy < 92 {
		y = 2000 + yy
	}
	return Date{Year: uint16(y), Month: uint8(mm)}, nil
}

// TestCycleRuleCitHepTh runs the cycle rule on SNAP cit-HepTh (352,807 citations, 483
// reciprocal pairs) with month dates from the ids. The edge list is parsed here; the
// project's real loader is tested elsewhere.
func TestCycleRuleCitHepTh(t *testing.T) {
	path := testenv.SharedFile(t, "data", "cit-hepth", "cit-HepTh.txt.gz")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b := NewBuilder()
	index := func(id string) int32 {
		if i, ok := b.Index(id); ok {
			return i
		}
		d, err := hepthDate(id)
		if err != nil {
			t.Fatal(err)
		}
		i, err := b.AddWork(Work{ID: id, Date: d})
		if err != nil {
			t.Fatal(err)
		}
		return i
	}
	type pair struct{ u, v int32 }
	seen := map[pair]bool{}
	lines, selfLoops, forward, reciprocal := 0, 0, 0, 0
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Fields(line)
		if len(fs) != 2 {
			t.Fatalf("bad line %q", line)
		}
		lines++
		u, v := index(fs[0]), index(fs[1])
		if u == v {
			selfLoops++
			continue
		}
		if seen[pair{u, v}] {
			continue
		}
		seen[pair{u, v}] = true
		if seen[pair{v, u}] {
			reciprocal++
		}
		du, _ := hepthDate(fs[0])
		dv, _ := hepthDate(fs[1])
		if du.Compare(dv) < 0 {
			forward++ // counted independently of Acyclic
		}
		b.AddEdge(u, v, Cites, nil)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	// The counts PROVENANCE.md gives for the file.
	if g.NumWorks() != 27770 || lines != 352807 || selfLoops != 39 || reciprocal != 483 {
		t.Fatalf("parsed %d works, %d lines, %d self-loops, %d reciprocal pairs; want 27770, 352807, 39, 483",
			g.NumWorks(), lines, selfLoops, reciprocal)
	}
	a := g.Adjacency(SetOf(Cites))
	d := Acyclic(a, g.dates, g.ids)
	r := d.Rule
	t.Logf("cit-HepTh cycle rule: %d arcs in; dropped %d (%d citing a later month, %d inside %d components of %d works); %d arcs left",
		r.ArcsIn, r.EdgesDropped(), r.DroppedForward, r.DroppedInComponents, r.ComponentsCondensed, r.WorksInComponents, d.A.M())
	if r.ArcsIn != 352807-selfLoops {
		t.Errorf("arcs in = %d, want %d", r.ArcsIn, 352807-selfLoops)
	}
	if r.DroppedForward != forward {
		t.Errorf("dropped forward = %d, counted %d", r.DroppedForward, forward)
	}
	if d.A.M() != r.ArcsIn-r.EdgesDropped() {
		t.Errorf("%d arcs left, want %d", d.A.M(), r.ArcsIn-r.EdgesDropped())
	}
	if TopoOrder(d.A, nil) == nil {
		t.Fatal("result is not acyclic")
	}
	// Regression figures, measured when the rule was written (see docs/plan.md).
	want := CycleRule{ArcsIn: 352768, DroppedForward: wantHepThForward, DroppedInComponents: wantHepThInComp,
		ComponentsCondensed: wantHepThComps, WorksInComponents: wantHepThWorks}
	if r != want {
		t.Errorf("rule = %+v, want %+v", r, want)
	}
	// Our Tarjan agrees with gonum's on the graph after step 1 and on the whole graph.
	samePartition(t, a)
	// The descendant counts of importance agree with a BFS on a few works.
	counts := descendantCounts(d.A)
	for _, v := range []int{0, 1, 100, 5000, 27769} {
		if c := len(nonZero(reach(d.A, []int32{int32(v)}, false))); c != counts[v] {
			t.Errorf("work %s: %d descendants by bit sets, %d by BFS", g.ID(v), counts[v], c)
		}
	}
	// SPC on the result: flow is conserved at every work (in = out, Batagelj 2003).
	s, err := ComputeSPC(d.A)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("cit-HepTh SPC: %.6g source-to-sink paths", s.Total)
	checkFlow(t, s)

	// A plan for Maldacena's AdS/CFT paper (hep-th/9711200) on the citation data: the rule's
	// report comes with it, and the order respects every kept arc among the listed works.
	target, ok := g.Lookup("9711200")
	if !ok {
		t.Fatal("9711200 missing")
	}
	p := MakePlan(g, PlanOptions{Kinds: SetOf(Cites), Direction: -1, Targets: []int32{int32(target)}, RecentMonths: 12})
	if p.Rule != r {
		t.Errorf("plan rule %+v, want %+v", p.Rule, r)
	}
	pos := make(map[int32]int, len(p.Items))
	for i, it := range p.Items {
		pos[it.Work] = i
	}
	arcsChecked := 0
	for _, it := range p.Items {
		for _, u := range d.A.Succ(int(it.Work)) {
			if j, ok := pos[u]; ok {
				arcsChecked++
				if j >= pos[it.Work] {
					t.Fatalf("%s listed before its prerequisite %s", g.ID(int(it.Work)), g.ID(int(u)))
				}
			}
		}
	}
	last := p.Items[len(p.Items)-1]
	t.Logf("plan --target 9711200: %d works, %d arcs among them checked; last %s; first %s: %s",
		len(p.Items), arcsChecked, g.ID(int(last.Work)), g.ID(int(p.Items[0].Work)), p.Items[0].Why)
	if len(p.Items) != len(nonZero(reach(d.A, []int32{int32(target)}, true)))+1 {
		t.Errorf("plan lists %d works, the target has %d ancestors", len(p.Items), len(nonZero(reach(d.A, []int32{int32(target)}, true))))
	}
	mp, err := FindMainPaths(g, d.A, 1)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, v := range mp.Global.Works {
		ids = append(ids, g.ID(int(v)))
	}
	t.Logf("cit-HepTh global main path (%d works, total SPC %.4g): %v", len(ids), mp.Global.Total, ids)
}

func nonZero(b []bool) []int {
	var out []int
	for i, x := range b {
		if x {
			out = append(out, i)
		}
	}
	return out
}

const (
	wantHepThForward = 943
	wantHepThInComp  = 206
	wantHepThComps   = 169
	wantHepThWorks   = 397
)
