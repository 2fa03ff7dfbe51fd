package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/internal/testenv"
	"github.com/litgraph/litgraph/loader"
	gg "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/encoding"
	"gonum.org/v1/gonum/graph/encoding/dot"
	"gonum.org/v1/gonum/graph/multi"
)

const escapeData = "testdata/export/escape.yaml"

// dotCase is one combination of dot options. Cases with a golden file compare bytes; every
// case is decoded, cross-checked against export and, when Graphviz is there, rendered.
type dotCase struct {
	name   string
	args   []string // selection and drawing flags, without "dot"
	golden bool
	reduce bool // the drawing drops edges: not cross-checked edge for edge with export
}

var dotCases = []dotCase{
	{name: "detr-family", args: []string{"--around", "detr", "--depth", "1"}, golden: true},
	{name: "detr-family-reduced", args: []string{"--around", "detr", "--depth", "1", "--reduce"}, golden: true, reduce: true},
	{name: "detr-timeline", args: []string{"--around", "detr", "--depth", "2", "--timeline", "--size-by", "descendants"}, golden: true},
	{name: "top-descendants", args: []string{"--top", "12", "--by", "descendants", "--size-by", "none", "--rel", "all"}, golden: true},
	{name: "escape", args: []string{"--data", escapeData, "--rel", "all"}, golden: true},
	{name: "escape-timeline-reduced", args: []string{"--data", escapeData, "--rel", "all", "--timeline", "--reduce"}, golden: true, reduce: true},
	{name: "full", args: nil},
	{name: "full-all-timeline", args: []string{"--rel", "all", "--timeline"}},
	{name: "full-reduced", args: []string{"--reduce"}, reduce: true},
	{name: "direction-dates", args: []string{"--direction", "vit-transfer", "--since", "2020-06", "--until", "2021"}},
	{name: "as-of", args: []string{"--as-of", "2020-12", "--direction", "detr-mods", "--timeline"}},
	{name: "empty", args: []string{"--since", "2030"}},
}

func dotOutput(t *testing.T, c dotCase) []byte {
	t.Helper()
	out, stderr, code := runCLI(t, append([]string{"dot"}, c.args...)...)
	if code != 0 {
		t.Fatalf("dot %v: exit %d: %s", c.args, code, stderr)
	}
	return []byte(out)
}

func TestDotGolden(t *testing.T) {
	for _, c := range dotCases {
		if !c.golden {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			got := dotOutput(t, c)
			if again := dotOutput(t, c); !bytes.Equal(got, again) {
				t.Fatal("two runs gave different bytes")
			}
			path := filepath.Join("testdata", "golden", "dot-"+c.name+".dot")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/cli -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("dot %v differs from %s (go test ./internal/cli -update rewrites it):\n%s", c.args, path, got)
			}
		})
	}
}

// dotGraph is a gonum multigraph that keeps every DOT id and attribute, for decoding.
type dotGraph struct {
	*multi.DirectedGraph
	graphAttr, nodeAttr, edgeAttr attrs
}

type attrs map[string]string

func (a attrs) SetAttribute(at encoding.Attribute) error { a[at.Key] = at.Value; return nil }

type dotNode struct {
	gg.Node
	id    string
	attrs attrs
}

func (n *dotNode) SetDOTID(id string)                       { n.id = id }
func (n *dotNode) SetAttribute(at encoding.Attribute) error { n.attrs[at.Key] = at.Value; return nil }

type dotLine struct {
	gg.Line
	attrs attrs
}

func (l *dotLine) SetAttribute(at encoding.Attribute) error { l.attrs[at.Key] = at.Value; return nil }

func newDotGraph() *dotGraph {
	return &dotGraph{DirectedGraph: multi.NewDirectedGraph(), graphAttr: attrs{}, nodeAttr: attrs{}, edgeAttr: attrs{}}
}

func (g *dotGraph) NewNode() gg.Node {
	return &dotNode{Node: g.DirectedGraph.NewNode(), attrs: attrs{}}
}
func (g *dotGraph) NewLine(from, to gg.Node) gg.Line {
	return &dotLine{Line: g.DirectedGraph.NewLine(from, to), attrs: attrs{}}
}
func (g *dotGraph) DOTAttributeSetters() (graph, node, edge encoding.AttributeSetter) {
	return g.graphAttr, g.nodeAttr, g.edgeAttr
}

// decoded is a DOT file read back: work nodes by id, and the edges between work nodes as
// "from -> to" with their attributes.
type decoded struct {
	nodes map[string]attrs
	edges map[string][]attrs
	other int // legend and year-axis nodes
}

func decodeDOT(t *testing.T, src []byte) decoded {
	t.Helper()
	dg := newDotGraph()
	if err := dot.UnmarshalMulti(src, dg); err != nil {
		t.Fatalf("gonum encoding/dot cannot read the DOT: %v", err)
	}
	if dg.graphAttr["rankdir"] == "" {
		t.Error("no graph attributes decoded")
	}
	d := decoded{nodes: map[string]attrs{}, edges: map[string][]attrs{}}
	isWork := func(id string) bool { return !strings.HasPrefix(id, "legend:") && !strings.HasPrefix(id, "year:") }
	for it := dg.Nodes(); it.Next(); {
		n := it.Node().(*dotNode)
		if isWork(n.id) {
			d.nodes[n.id] = n.attrs
		} else {
			d.other++
		}
	}
	for it := dg.Edges(); it.Next(); {
		e := it.Edge()
		from, to := e.From().(*dotNode).id, e.To().(*dotNode).id
		if !isWork(from) || !isWork(to) {
			continue
		}
		for ls := dg.Lines(e.From().ID(), e.To().ID()); ls.Next(); {
			d.edges[from+" -> "+to] = append(d.edges[from+" -> "+to], ls.Line().(*dotLine).attrs)
		}
	}
	return d
}

// readCSV reads an exported CSV file as rows of header → value.
func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for j, h := range recs[0] {
			m[h] = r[j]
		}
		rows = append(rows, m)
	}
	return rows
}

// selectionArgs drops the drawing-only flags from a dot case, leaving the selection.
func selectionArgs(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		switch args[i] {
		case "--reduce", "--timeline":
		case "--size-by":
			i++
		default:
			out = append(out, args[i])
		}
	}
	return out
}

// TestDotDecodes reads every DOT litgraph writes in the cases with gonum's decoder and checks
// it against export csv with the same selection: the same works, and (without --reduce)
// the same typed edges, each kind a separate edge.
func TestDotDecodes(t *testing.T) {
	for _, c := range dotCases {
		t.Run(c.name, func(t *testing.T) {
			d := decodeDOT(t, dotOutput(t, c))
			base := filepath.Join(t.TempDir(), "x")
			if _, stderr, code := runCLI(t, append([]string{"export", "csv", "--out", base}, selectionArgs(c.args)...)...); code != 0 {
				t.Fatalf("export csv: exit %d: %s", code, stderr)
			}
			var wantNodes []string
			for _, r := range readCSV(t, base+"-nodes.csv") {
				wantNodes = append(wantNodes, r["id"])
			}
			if got := slices.Sorted(maps.Keys(d.nodes)); !slices.Equal(got, wantNodes) {
				t.Errorf("DOT works %v, export has %v", got, wantNodes)
			}
			want := map[string][]string{}
			for _, r := range readCSV(t, base+"-edges.csv") {
				k := r["source"] + " -> " + r["target"]
				want[k] = append(want[k], r["kind"])
			}
			for k, es := range d.edges {
				if len(es) > len(want[k]) || (!c.reduce && len(es) != len(want[k])) {
					t.Errorf("%s: DOT has %d edges, export %d (%v)", k, len(es), len(want[k]), want[k])
				}
			}
			if !c.reduce {
				for k, kinds := range want {
					if len(d.edges[k]) != len(kinds) {
						t.Errorf("%s: export has kinds %v, DOT %d edges", k, kinds, len(d.edges[k]))
					}
				}
			}
		})
	}
}

// TestDotEscaping checks that the labels and tooltips of the escaping fixture decode to
// exactly the text of the data, and that Graphviz draws them as text.
func TestDotEscaping(t *testing.T) {
	d := decodeDOT(t, dotOutput(t, dotCase{args: []string{"--data", escapeData, "--rel", "all"}}))
	checks := []struct{ node, key, want string }{
		{"base", "label", "Base \"Q\" \\N back\\\n2019"},
		{"base", "tooltip", "A \"quoted\" title with \\ backslash\nnewline <script>alert(1)</script> 重灾区 (base); in_degree 3"},
		{"child", "label", "重灾区 <script>\n2020\nalso: weird"},
		{"child", "tooltip", "Child & co: \"x\" \\l (child); in_degree 1"},
		{"grandchild", "label", "Grand child\n2021"}, // the tab became a space
	}
	for _, c := range checks {
		if got := d.nodes[c.node][c.key]; got != c.want {
			t.Errorf("%s %s = %q, want %q", c.node, c.key, got, c.want)
		}
	}
	if n := len(d.edges["child -> base"]); n != 2 {
		t.Errorf("child -> base: %d edges, want 2 (modifies and extends stay distinct)", n)
	}
	// The decoder does not keep the order of parallel edges: find the extends edge by kind.
	want := "重灾区 <script> extends Base \"Q\" \\N back\\: note with \"quote\", \\ and\na newline"
	found := false
	for _, e := range d.edges["child -> base"] {
		if strings.Contains(e["tooltip"], " extends ") {
			found = true
			if e["tooltip"] != want {
				t.Errorf("edge tooltip = %q, want %q", e["tooltip"], want)
			}
		}
	}
	if !found {
		t.Errorf("no extends edge among %v", d.edges["child -> base"])
	}
}

// TestDotGraphvizAcceptsEveryCase runs Graphviz on every DOT of the cases and requires no
// warning at all: clusters, rank=same year groups, the legend and the escapes together.
func TestDotGraphvizAcceptsEveryCase(t *testing.T) {
	dotBin := testenv.RequireTool(t, "dot")
	for _, c := range dotCases {
		t.Run(c.name, func(t *testing.T) {
			src := dotOutput(t, c)
			cmd := exec.Command(dotBin, "-Tsvg")
			cmd.Stdin = bytes.NewReader(src)
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			if err := cmd.Run(); err != nil {
				t.Fatalf("dot -Tsvg: %v: %s", err, errb.String())
			}
			if errb.Len() > 0 {
				t.Errorf("dot -Tsvg warned:\n%s", errb.String())
			}
			svg := out.String()
			if !strings.Contains(svg, "<svg") {
				t.Fatal("no SVG written")
			}
			// Every cluster is drawn: Graphviz drops clusters silently when rank
			// constraints conflict with them (as rank=same does without newrank).
			if want, got := bytes.Count(src, []byte(`subgraph "cluster_`)), strings.Count(svg, `class="cluster"`); got != want {
				t.Errorf("SVG draws %d clusters, the DOT has %d", got, want)
			}
			if strings.HasPrefix(c.name, "escape") {
				for _, want := range []string{"重灾区 &lt;script&gt;", "Base &quot;Q&quot; \\N back\\"} {
					if !strings.Contains(svg, want) {
						t.Errorf("SVG lacks %q", want)
					}
				}
				if strings.Contains(svg, "<script>") {
					t.Error("SVG holds a raw <script> tag")
				}
			}
		})
	}
}

func TestDotRender(t *testing.T) {
	testenv.RequireTool(t, "dot")
	dir := t.TempDir()
	for format, magic := range map[string]string{"svg": "<?xml", "png": "\x89PNG", "pdf": "%PDF"} {
		path := filepath.Join(dir, "detr."+format)
		_, stderr, code := runCLI(t, "dot", "--around", "detr", "--render", format, "--out", path)
		if code != 0 {
			t.Fatalf("--render %s: exit %d: %s", format, code, stderr)
		}
		if strings.Contains(stderr, "graphviz:") {
			t.Errorf("--render %s: Graphviz warned: %s", format, stderr)
		}
		b, err := os.ReadFile(path)
		if err != nil || !bytes.HasPrefix(b, []byte(magic)) {
			t.Errorf("--render %s: file does not start with %q (err %v)", format, magic, err)
		}
	}
	if _, stderr, code := runCLI(t, "dot", "--render", "png"); code != 2 || !strings.Contains(stderr, "--out") {
		t.Errorf("--render png without --out: exit %d, %s", code, stderr)
	}
}

func TestDotRenderWithoutGraphviz(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	path := filepath.Join(t.TempDir(), "x.svg")
	_, stderr, code := runCLI(t, "dot", "--render", "svg", "--out", path)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(stderr, "apt-get install graphviz") {
		t.Errorf("stderr does not say how to install Graphviz: %s", stderr)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("%s was written", path)
	}
}

func TestDotUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"dot", "--direction", "vit-transfr"},
		{"dot", "--around", "detrr"},
		{"dot", "--depth", "2"},
		{"dot", "--by", "descendants"},
		{"dot", "--top", "3", "--by", "pagerank-nope"},
		{"dot", "--size-by", "nope"},
		{"dot", "--render", "gif", "--out", "x.gif"},
		{"dot", "--format", "json"},
		{"dot", "--since", "2021-13"},
		{"export", "xml"},
		{"export"},
		{"export", "csv"},
	} {
		if _, stderr, code := runCLI(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, stderr)
		}
	}
	_, stderr, _ := runCLI(t, "dot", "--around", "detrr")
	if !strings.Contains(stderr, `did you mean "detr"?`) {
		t.Errorf("no did-you-mean: %s", stderr)
	}
}

// TestDotReduceDropsImpliedEdge: TrackFormer extends Deformable DETR, which modifies DETR,
// so TrackFormer's own applies-to-task edge to DETR is implied and goes.
func TestDotReduceDropsImpliedEdge(t *testing.T) {
	full := decodeDOT(t, dotOutput(t, dotCase{args: []string{"--around", "detr"}}))
	red := decodeDOT(t, dotOutput(t, dotCase{args: []string{"--around", "detr", "--reduce"}}))
	if len(full.edges["trackformer -> detr"]) != 1 || len(red.edges["trackformer -> detr"]) != 0 {
		t.Errorf("trackformer -> detr: %d edges before --reduce, %d after; want 1 and 0", len(full.edges["trackformer -> detr"]), len(red.edges["trackformer -> detr"]))
	}
	if len(red.edges["trackformer -> deformable-detr"]) != 1 || len(red.edges["deformable-detr -> detr"]) != 1 {
		t.Error("--reduce dropped an edge of the path that implies the shortcut")
	}
}

func loadGraph(t *testing.T, args ...string) *graph.Graph {
	t.Helper()
	srcs, err := loader.ReadSources(args, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := loader.Load(srcs, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Graph
}

// networkxSummary is what the Python side reports about a file it read.
type networkxSummary struct {
	Nodes, Edges int
	Multi        bool
	Kinds        map[string]int
	Node         map[string]map[string]any
	InDegreeOK   bool `json:"in_degree_ok"`
}

const networkxScript = `
import json, sys, networkx as nx
path, fmt, probe = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
kinds = {}
for _, _, d in g.edges(data=True):
    kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
ok = all(g.nodes[n]["in_degree"] == len(set(g.predecessors(n))) and
         g.nodes[n]["out_degree"] == len(set(g.successors(n))) for n in g.nodes)
print(json.dumps({"Nodes": g.number_of_nodes(), "Edges": g.number_of_edges(), "Multi": g.is_multigraph(),
                  "Kinds": kinds, "Node": {p: dict(g.nodes[p]) for p in probe}, "in_degree_ok": ok}))
`

// TestExportNetworkx exports the whole built-in graph (every kind) and the escaping fixture
// as GraphML and GEXF, reads them with networkx and compares counts and attributes.
func TestExportNetworkx(t *testing.T) {
	py := testenv.Python(t)
	dir := t.TempDir()
	for _, data := range []string{"builtin", escapeData} {
		g := loadGraph(t, data)
		wantKinds := map[string]int{}
		for e := range g.NumEdges() {
			wantKinds[g.Edge(e).Kind.String()]++
		}
		probe := "detr,vit"
		if data == escapeData {
			probe = "base,child"
		}
		for _, format := range []string{"graphml", "gexf"} {
			path := filepath.Join(dir, "g."+format)
			if _, stderr, code := runCLI(t, "export", format, "--data", data, "--rel", "all", "--out", path); code != 0 {
				t.Fatalf("export %s: exit %d: %s", format, code, stderr)
			}
			out, err := exec.Command(py, "-c", networkxScript, path, format, probe).CombinedOutput()
			if err != nil {
				t.Fatalf("networkx cannot read the %s: %v\n%s", format, err, out)
			}
			var s networkxSummary
			if err := json.Unmarshal(out, &s); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			if s.Nodes != g.NumWorks() || s.Edges != g.NumEdges() || !s.Multi {
				t.Errorf("%s %s: networkx read %d nodes, %d edges (multigraph %v); want %d, %d, true", data, format, s.Nodes, s.Edges, s.Multi, g.NumWorks(), g.NumEdges())
			}
			if !maps.Equal(s.Kinds, wantKinds) {
				t.Errorf("%s %s: kinds %v, want %v", data, format, s.Kinds, wantKinds)
			}
			if !s.InDegreeOK {
				t.Errorf("%s %s: in_degree/out_degree attributes differ from networkx's distinct neighbour counts", data, format)
			}
			var want map[string]map[string]any
			if data == escapeData {
				want = map[string]map[string]any{
					"base":  {"label": "Base \"Q\" \\N back\\", "title": "A \"quoted\" title with \\ backslash\nnewline <script>alert(1)</script> 重灾区", "year": 2019.0, "directions": "weird", "in_degree": 3.0},
					"child": {"label": "重灾区 <script>", "directions": "weird-sub;weird", "primary_direction": "weird-sub", "out_degree": 1.0},
				}
			} else {
				want = map[string]map[string]any{
					"detr": {"label": "DETR", "year": 2020.0, "date": "2020-05", "arxiv": "2005.12872"},
					"vit":  {"label": "ViT", "year": 2020.0},
				}
			}
			for id, kv := range want {
				for k, v := range kv {
					if got := s.Node[id][k]; got != v {
						t.Errorf("%s %s: node %s %s = %#v, want %#v", data, format, id, k, got, v)
					}
				}
			}
		}
	}
}

func TestExportCSV(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "detr.csv") // the .csv is dropped
	if _, stderr, code := runCLI(t, "export", "csv", "--data", escapeData, "--rel", "all", "--out", base); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	nodes := readCSV(t, filepath.Join(dir, "detr-nodes.csv"))
	edges := readCSV(t, filepath.Join(dir, "detr-edges.csv"))
	if len(nodes) != 4 || len(edges) != 6 {
		t.Fatalf("%d nodes, %d edges; want 4, 6", len(nodes), len(edges))
	}
	if nodes[0]["id"] != "base" || nodes[0]["title"] != "A \"quoted\" title with \\ backslash\nnewline <script>alert(1)</script> 重灾区" {
		t.Errorf("first node %v", nodes[0])
	}
	if nodes[3]["id"] != "undated" || nodes[3]["year"] != "" {
		t.Errorf("undated node %v: year should be empty", nodes[3])
	}
	if e := edges[1]; e["source"] != "child" || e["kind"] != "extends" || e["lineage"] != "true" || e["note"] != "note with \"quote\", \\ and\na newline" {
		t.Errorf("second edge %v", e)
	}
}

// TestExportCSVAtomic: when the second file cannot be placed, neither file is left.
func TestExportCSVAtomic(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "g")
	if err := os.Mkdir(base+"-edges.csv", 0o755); err != nil { // a directory in the way
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(base+"-edges.csv", "keep"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runCLI(t, "export", "csv", "--out", base)
	if code != 1 {
		t.Errorf("exit %d, want 1 (%s)", code, stderr)
	}
	if _, err := os.Stat(base + "-nodes.csv"); !os.IsNotExist(err) {
		t.Error("nodes file left behind after a failed export")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("temporary files left: %v", ents)
	}
	_, _, code = runCLI(t, "export", "csv", "--out", filepath.Join(dir, "missing", "g"))
	if code != 1 {
		t.Errorf("missing directory: exit %d, want 1", code)
	}
}
