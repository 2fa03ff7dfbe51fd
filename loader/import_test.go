package loader

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/internal/testenv"
)

// The fixtures in testdata are hand-written: library.bib and library.ris hold the real facts
// (titles, authors, years, arXiv ids, DOIs) of well-known papers; attention.openalex.json is
// in OpenAlex's Work schema with the papers' real OpenAlex ids (W2963403868 "Attention Is All
// You Need", W2194775991 "Deep Residual Learning"); its topics and concepts are illustrative.

func readShared(t testing.TB, rel string) Source {
	t.Helper()
	p := filepath.Join(testenv.SharedDir(t), rel)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return Source{Name: filepath.Base(rel), Data: data}
}

func readTestdata(t *testing.T, name string) Source {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return Source{Name: name, Data: data}
}

func mustLoad(t *testing.T, srcs []Source, opts Options) *Result {
	t.Helper()
	res, err := Load(srcs, opts)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return res
}

func inDegree(g *graph.Graph, id string) int {
	i, ok := g.Lookup(id)
	if !ok {
		return -1
	}
	return len(g.InEdges(i))
}

func hasEdge(g *graph.Graph, from, to string) bool {
	u, ok1 := g.Lookup(from)
	v, ok2 := g.Lookup(to)
	if !ok1 || !ok2 {
		return false
	}
	lo, hi := g.OutEdges(u)
	for e := lo; e < hi; e++ {
		if int(g.Edge(e).To) == v {
			return true
		}
	}
	return false
}

// TestSharedCounts checks the loaders against the counts in the shared data's PROVENANCE.md
// files (counted there independently of this code).
func TestSharedCounts(t *testing.T) {
	type want struct {
		works, edges, self, dup, recip, dangling, noID int
	}
	cases := []struct {
		name string
		src  func(t *testing.T) Source
		opts Options
		want want
	}{
		// cora/PROVENANCE.md: 2708 nodes, 5429 edge lines, 0 duplicates, 0 self-loops, 151 reciprocal pairs.
		{"cora.cites reversed", func(t *testing.T) Source { return readShared(t, "data/cora/cora.cites") }, Options{Reverse: true}, want{2708, 5429, 0, 0, 151, 0, 0}},
		{"cora.edges.txt", func(t *testing.T) Source { return readShared(t, "data/cora/cora.edges.txt") }, Options{}, want{2708, 5429, 0, 0, 151, 0, 0}},
		// cit-hepth/PROVENANCE.md: 27770 nodes, 352807 edges, 0 duplicates, 39 self-loops, 483 reciprocal pairs.
		{"cit-HepTh", func(t *testing.T) Source { return readShared(t, "data/cit-hepth/cit-HepTh.txt.gz") }, Options{}, want{27770, 352807 - 39, 39, 0, 483, 0, 0}},
		// cit-hepph-subset/PROVENANCE.md: 21550 nodes, 201300 edges, 0 duplicates, 25 self-loops, 201 reciprocal pairs.
		{"cit-HepPh subset", func(t *testing.T) Source {
			return readShared(t, "data/cit-hepph-subset/cit-HepPh.first201300.txt.gz")
		}, Options{}, want{21550, 201300 - 25, 25, 0, 201, 0, 0}},
		// openalex/PROVENANCE.md: 46 works, 81 edges among them, 1683 referenced_works entries.
		{"OpenAlex works.jsonl", func(t *testing.T) Source { return readShared(t, "data/openalex/works.jsonl") }, Options{}, want{46, 81, 0, 0, 0, 1683 - 81, 0}},
		// semanticscholar/PROVENANCE.md: one paper, 1000 citations, 14 references of which 6
		// have paperId null.
		{"S2 Paper.json", func(t *testing.T) Source { return readShared(t, "data/semanticscholar/Paper.json.gz") }, Options{}, want{1 + 1000 + 8, 1000 + 8, 0, 0, 0, 0, 6}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := mustLoad(t, []Source{c.src(t)}, c.opts)
			g := res.Graph
			st := res.Stats[0]
			got := want{g.NumWorks(), g.NumEdges(), st.SelfCitations, st.Duplicates, st.Reciprocal, st.Dangling, st.NoID}
			if got != c.want {
				t.Errorf("works, edges, self, dup, reciprocal, dangling, noID = %+v, want %+v", got, c.want)
			}
			if st.Edges != g.NumEdges() {
				t.Errorf("stats say %d edges, graph has %d", st.Edges, g.NumEdges())
			}
		})
	}
}

func TestCoraDirection(t *testing.T) {
	// cora/PROVENANCE.md: "35 1033" in cora.cites means 1033 cites 35; 35 has 166 in-links,
	// 6213 has 76, 1365 has 74.
	for _, c := range []struct {
		src     string
		reverse bool
	}{{"data/cora/cora.cites", true}, {"data/cora/cora.edges.txt", false}} {
		g := mustLoad(t, []Source{readShared(t, c.src)}, Options{Reverse: c.reverse}).Graph
		if !hasEdge(g, "1033", "35") || hasEdge(g, "35", "1033") {
			t.Errorf("%s: want the edge 1033 → 35 only", c.src)
		}
		for id, n := range map[string]int{"35": 166, "6213": 76, "1365": 74} {
			if got := inDegree(g, id); got != n {
				t.Errorf("%s: in-degree of %s = %d, want %d", c.src, id, got, n)
			}
		}
	}
}

func TestCoraLabels(t *testing.T) {
	res := mustLoad(t, []Source{readShared(t, "data/cora/cora.edges.txt")}, Options{Labels: []Source{readShared(t, "data/cora/cora.labels.tsv")}})
	g := res.Graph
	// cora/PROVENANCE.md: 7 labels, Neural_Networks 818 ... Rule_Learning 180.
	if n := len(g.Directions()); n != 7 {
		t.Fatalf("%d directions, want 7", n)
	}
	counts := map[string]int{}
	for i := range g.NumWorks() {
		for _, d := range g.Work(i).Directions {
			counts[d]++
		}
	}
	want := map[string]int{"Neural_Networks": 818, "Probabilistic_Methods": 426, "Genetic_Algorithms": 418, "Theory": 351, "Case_Based": 298, "Reinforcement_Learning": 217, "Rule_Learning": 180}
	for k, v := range want {
		if counts[k] != v {
			t.Errorf("direction %s: %d works, want %d", k, counts[k], v)
		}
	}
}

func TestHepPhDates(t *testing.T) {
	res := mustLoad(t, []Source{readShared(t, "data/cit-hepph-subset/cit-HepPh.first201300.txt.gz")},
		Options{Dates: []Source{readShared(t, "data/cit-hepph-subset/cit-HepPh-dates.txt.gz")}})
	g := res.Graph
	// PROVENANCE: every node of the edge file matches a dates row by integer value.
	for i := range g.NumWorks() {
		if g.Date(i).IsZero() {
			t.Fatalf("work %s has no date", g.ID(i))
		}
	}
	// PROVENANCE: 9905221 → 1999-05-04 (Randall–Sundrum), 9803315 → 1998-03-11 (ADD).
	for id, d := range map[string]string{"9905221": "1999-05-04", "9803315": "1998-03-11"} {
		i, _ := g.Lookup(id)
		if got := g.Date(i).String(); got != d {
			t.Errorf("%s dated %s, want %s", id, got, d)
		}
	}
	if st := res.Stats[1]; st.Records != 38557 {
		t.Errorf("dates file: %d rows, want 38557", st.Records)
	}
}

// TestDatesConflictRule: rows for one id with different dates pick the one whose year-month
// agrees with the arXiv number YYMMNNN, else the earliest; leading zeros are ignored.
func TestDatesConflictRule(t *testing.T) {
	edges := Source{Name: "e.txt", Data: []byte("111002 1002\nx y\n")}
	dates := Source{Name: "d.txt", Data: []byte("0111002\t2000-01-03\n0111002\t2001-11-05\n0111002\t2000-01-01\nx\t2003-02\nx\t2002-05\n")}
	res := mustLoad(t, []Source{edges}, Options{Dates: []Source{dates}})
	g := res.Graph
	for id, want := range map[string]string{"111002": "2001-11-05", "x": "2002-05", "1002": ""} {
		i, _ := g.Lookup(id)
		if got := g.Date(i).String(); got != want {
			t.Errorf("%s dated %q, want %q", id, got, want)
		}
	}
	if st := res.Stats[1]; st.Conflicts != 2 {
		t.Errorf("%d conflicts, want 2", st.Conflicts)
	}
}

func TestOpenAlexFields(t *testing.T) {
	res := mustLoad(t, []Source{readShared(t, "data/openalex/works.jsonl")}, Options{DirectionsFrom: "topics"})
	g := res.Graph
	// openalex/PROVENANCE.md: seed W3045921891 has 37 referenced_works; its DOI is an arXiv DOI.
	i, ok := g.Lookup("W3045921891")
	if !ok {
		t.Fatal("W3045921891 missing")
	}
	w := g.Work(i)
	if w.ArXiv != "2007.14454" || w.DOI != "10.48550/arxiv.2007.14454" || w.Date.String() != "2020-07-28" {
		t.Errorf("W3045921891: arxiv %q doi %q date %s", w.ArXiv, w.DOI, w.Date)
	}
	if w.Title != "Measuring prominence of scientific work in online news as a proxy for impact" {
		t.Errorf("title %q", w.Title)
	}
	if _, ok := g.Lookup("doi:10.1145/3383583.3398584"); !ok {
		t.Error("doi lookup of W3046863325 failed")
	}
	if len(w.Directions) != 1 || len(g.Directions()) == 0 {
		t.Errorf("directions %v", w.Directions)
	}
	// A topic's parents: subfield, field, domain.
	d, _ := g.DirectionIndex(w.Directions[0])
	depth := 0
	for p := g.DirectionParent(d); p >= 0; p = g.DirectionParent(p) {
		depth++
	}
	if depth != 3 {
		t.Errorf("topic %s has %d ancestors, want 3 (subfield, field, domain)", w.Directions[0], depth)
	}
}

func TestS2EdgeAttributes(t *testing.T) {
	src := readShared(t, "data/semanticscholar/Citation.json")
	src.Paper = "2d5673caa9e6af3a7b82a43f19ee920992db07ad"
	subject := Source{Name: "turing.json", Data: []byte(`{"paperId":"2d5673caa9e6af3a7b82a43f19ee920992db07ad","title":"Computing Machinery and Intelligence","year":1950}`)}
	res := mustLoad(t, []Source{subject, src}, Options{})
	g := res.Graph
	if g.NumEdges() != 1 {
		t.Fatalf("%d edges, want 1", g.NumEdges())
	}
	e := g.Edge(0)
	if g.ID(int(e.From)) != "bdcbc589c8d1e4dd0c6572630f8511557406ad2f" || g.ID(int(e.To)) != "2d5673caa9e6af3a7b82a43f19ee920992db07ad" {
		t.Errorf("edge %s → %s", g.ID(int(e.From)), g.ID(int(e.To)))
	}
	a := g.EdgeAttr(0)
	if a == nil || len(a.Intents) != 3 || len(a.Contexts) != 4 || a.Influential == nil || !*a.Influential {
		t.Errorf("edge attributes %+v", a)
	}
	if w := g.Work(int(e.From)); w.DOI != "10.1109/lra.2022.3229266" || w.Date.String() != "2023-02-01" {
		t.Errorf("citing paper doi %q date %s", w.DOI, w.Date)
	}
	// Without the subject the record is counted, not an error.
	res = mustLoad(t, []Source{readShared(t, "data/semanticscholar/Citation.json")}, Options{})
	if res.Graph.NumEdges() != 0 || res.Stats[0].NoSubject != 1 {
		t.Errorf("no subject: %d edges, NoSubject %d", res.Graph.NumEdges(), res.Stats[0].NoSubject)
	}
}

// TestS2ReferencesPage reads the paged /references response recorded in the client's VCR
// cassette; the subject is given as a DOI and resolved through a paper record carrying it.
func TestS2ReferencesPage(t *testing.T) {
	cas := readShared(t, "data/semanticscholar/test_get_paper_references.yaml")
	var c struct {
		Interactions []struct {
			Response struct {
				Body struct {
					String string `yaml:"string"`
				} `yaml:"body"`
			} `yaml:"response"`
		} `yaml:"interactions"`
	}
	if err := yaml.Unmarshal(cas.Data, &c); err != nil || len(c.Interactions) == 0 {
		t.Fatalf("cassette: %v", err)
	}
	body := []byte(c.Interactions[0].Response.Body.String)
	if Detect(body) != FormatS2 {
		t.Fatalf("detected %s", Detect(body))
	}
	page := Source{Name: "references.json", Data: body, Paper: "doi:10.2139/ssrn.2250500"}
	subject := Source{Name: "subject.json", Data: []byte(`{"paperId":"S","externalIds":{"DOI":"10.2139/SSRN.2250500"},"title":"the subject"}`)}
	res := mustLoad(t, []Source{subject, page}, Options{})
	g := res.Graph
	st := res.Stats[1]
	withID := st.Records - st.NoID
	if withID == 0 || g.NumEdges() != withID-st.Duplicates {
		t.Errorf("%d edges for %d records with an id (%d duplicates)", g.NumEdges(), withID, st.Duplicates)
	}
	s, _ := g.Lookup("S")
	if lo, hi := g.OutEdges(s); hi-lo != g.NumEdges() {
		t.Errorf("every edge should leave the subject S: %d of %d", hi-lo, g.NumEdges())
	}
}

// TestMergeWithCurated: imported records that share a DOI or arXiv id with a curated work
// become aliases of it; a library (BibTeX/RIS) marks the works with tag "library".
func TestMergeWithCurated(t *testing.T) {
	srcs := []Source{Builtin(), readTestdata(t, "attention.openalex.json"), readTestdata(t, "library.bib"), readTestdata(t, "library.ris")}
	res := mustLoad(t, srcs, Options{})
	g := res.Graph
	for ref, want := range map[string]string{
		"W2963403868":                  "transformer",
		"vaswani2017attention":         "transformer",
		"arxiv:1706.03762":             "transformer",
		"he2016deep":                   "resnet",
		"W2194775991":                  "resnet",
		"doi:10.1109/CVPR.2016.90":     "resnet",
		"dosovitskiy2020image":         "vit",
		"doi:10.48550/arXiv.1406.2661": "gan",
		"arxiv:2103.14030":             "swin",
	} {
		i, ok := g.Lookup(ref)
		if !ok || g.ID(i) != want {
			got := ""
			if ok {
				got = g.ID(i)
			}
			t.Errorf("Lookup(%q) = %q, want %q", ref, got, want)
		}
	}
	for _, id := range []string{"transformer", "resnet", "vit", "gan", "swin", "lecun1998gradient", "10.1162/neco.1997.9.8.1735"} {
		i, ok := g.Lookup(id)
		if !ok {
			t.Errorf("%s missing", id)
			continue
		}
		if w := g.Work(i); !strings.Contains(strings.Join(w.Tags, ","), "library") {
			t.Errorf("%s tags %v, want library", id, w.Tags)
		}
	}
	// The OpenAlex citation transformer → resnet joins the curated works.
	if !hasEdge(g, "transformer", "resnet") {
		t.Error("missing cites edge transformer → resnet from OpenAlex")
	}
	// Curated facts win: transformer keeps its curated title and date.
	i, _ := g.Lookup("transformer")
	if w := g.Work(i); w.Date.String() != "2017-06" {
		t.Errorf("curated date changed to %s", w.Date)
	}
	i, _ = g.Lookup("lecun1998gradient")
	if w := g.Work(i); w.DOI != "10.1109/5.726791" || len(w.Authors) != 4 || w.Authors[0] != "Yann LeCun" || w.Date.String() != "1998" {
		t.Errorf("lecun1998gradient: %+v", w)
	}
	i, _ = g.Lookup("swin")
	_ = i
}

func TestBibTeXAndRISFields(t *testing.T) {
	res := mustLoad(t, []Source{readTestdata(t, "library.bib"), readTestdata(t, "library.ris")}, Options{})
	g := res.Graph
	if g.NumWorks() != 7 || g.NumEdges() != 0 {
		t.Fatalf("%d works, %d edges; want 7, 0", g.NumWorks(), g.NumEdges())
	}
	i, _ := g.Lookup("vaswani2017attention")
	w := g.Work(i)
	if w.ArXiv != "1706.03762" || w.Date.String() != "2017-06" || w.Authors[6] != "Łukasz Kaiser" && w.Authors[6] != "\\Lukasz Kaiser" && w.Authors[6] != "\\L ukasz Kaiser" {
		t.Logf("authors %q", w.Authors)
	}
	if w.ArXiv != "1706.03762" || w.Date.String() != "2017-06" || len(w.Authors) != 8 {
		t.Errorf("vaswani2017attention: %+v", w)
	}
	i, _ = g.Lookup("he2016deep")
	if w := g.Work(i); w.ArXiv != "1512.03385" || w.DOI != "10.1109/cvpr.2016.90" || w.Venue != "cvpr" {
		t.Errorf("he2016deep: %+v", w)
	}
	i, ok := g.Lookup("arxiv:2103.14030")
	if !ok {
		t.Fatal("swin from RIS missing")
	}
	if w := g.Work(i); w.Title != "Swin Transformer: Hierarchical Vision Transformer using Shifted Windows" || w.Date.String() != "2021-03-25" || w.Authors[0] != "Ze Liu" {
		t.Errorf("RIS swin: %+v", w)
	}
}

func problems(err error) []string {
	var list ErrorList
	if !errors.As(err, &list) {
		return nil
	}
	var out []string
	for _, p := range list {
		out = append(out, p.String())
	}
	return out
}

func TestMalformedEdgeList(t *testing.T) {
	src := readTestdata(t, "bad-edges.txt")
	_, err := Load([]Source{src}, Options{})
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("want ErrInvalid, got %v", err)
	}
	got := strings.Join(problems(err), "\n")
	want := "bad-edges.txt:3: one column \"a\"; an edge line is \"citing cited\" (two ids separated by spaces or a tab)\n" +
		"bad-edges.txt:5: one column \"c\"; an edge line is \"citing cited\" (two ids separated by spaces or a tab)"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	res, err := Load([]Source{src}, Options{Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Graph.NumEdges() != 3 || res.Stats[0].Malformed != 2 || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].String(), "2 malformed lines skipped (--lenient); first at line 3: one column") {
		t.Errorf("lenient: %d edges, stats %+v, warnings %v", res.Graph.NumEdges(), res.Stats[0], res.Warnings)
	}
}

func TestMalformedCapped(t *testing.T) {
	var b strings.Builder
	for i := range 25 {
		b.WriteString("a b\n")
		b.WriteString("lonely" + strings.Repeat("x", i%3) + "\n")
	}
	_, err := Load([]Source{{Name: "many.txt", Data: []byte(b.String()), Format: FormatEdgeList}}, Options{})
	ps := problems(err)
	if len(ps) != 21 || ps[0] != `many.txt:2: one column "lonely"; an edge line is "citing cited" (two ids separated by spaces or a tab)` ||
		ps[20] != "many.txt: ... and 5 more malformed lines; fix them, or pass --lenient to skip them" {
		t.Errorf("got %d problems:\n%s", len(ps), strings.Join(ps, "\n"))
	}
}

func TestTruncatedJSONL(t *testing.T) {
	src := readTestdata(t, "truncated.jsonl")
	if f := Detect(src.Data); f != FormatOpenAlex {
		t.Fatalf("detected %s", f)
	}
	_, err := Load([]Source{src}, Options{})
	ps := problems(err)
	if len(ps) != 1 || !strings.HasPrefix(ps[0], "truncated.jsonl:2: malformed JSON line: ") {
		t.Fatalf("got %q", ps)
	}
	res, err := Load([]Source{src}, Options{Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	st := res.Stats[0]
	// W1 → W2 dangles (W2's line was skipped), W3 → W3 is a self-citation, W3 → W1 twice is
	// one edge and a duplicate, the id-less record is skipped.
	if res.Graph.NumWorks() != 2 || res.Graph.NumEdges() != 1 || st.Dangling != 1 || st.SelfCitations != 1 || st.Duplicates != 1 || st.NoID != 1 || st.Malformed != 1 {
		t.Errorf("works %d edges %d stats %+v", res.Graph.NumWorks(), res.Graph.NumEdges(), st)
	}
}

func TestMalformedJSONDocument(t *testing.T) {
	_, err := Load([]Source{{Name: "r.json", Data: []byte("{\"results\": [\n {\"id\": \"https://openalex.org/W1\",\n \"title\": }\n]}")}}, Options{})
	ps := problems(err)
	if len(ps) != 1 || !strings.HasPrefix(ps[0], "r.json:3: malformed JSON") {
		t.Errorf("got %q", ps)
	}
}

func TestMalformedBibTeXAndRIS(t *testing.T) {
	bib := "@article{ok, title={A}, year=2001}\n@article{broken, title={B, year=2002}\n@article{ok2, title={C}}\n"
	_, err := Load([]Source{{Name: "x.bib", Data: []byte(bib)}}, Options{})
	ps := problems(err)
	if len(ps) != 1 || !strings.HasPrefix(ps[0], "x.bib:2: ") {
		t.Errorf("bibtex: %q", ps)
	}
	ris := "TY  - JOUR\nTI  - A\nER  - \nAU  - stray\nTY  - JOUR\nTI  - B\n"
	_, err = Load([]Source{{Name: "x.ris", Data: []byte(ris)}}, Options{})
	ps = problems(err)
	if len(ps) != 2 || !strings.HasPrefix(ps[0], "x.ris:4: RIS tag AU outside a record") || !strings.HasPrefix(ps[1], "x.ris:5: RIS record is not closed") {
		t.Errorf("ris: %q", ps)
	}
}

func TestDetect(t *testing.T) {
	for in, want := range map[string]Format{
		"version: 1\nworks: []\n":                               FormatCurated,
		"# comment\nversion: 1\n":                               FormatCurated,
		`{"version": 1, "works": []}`:                           FormatCurated,
		"# SNAP\n# FromNodeId\tToNodeId\n1\t2\n":                FormatEdgeList,
		"35\t1033\r\n":                                          FormatEdgeList,
		`{"id":"https://openalex.org/W1","title":"x"}`:          FormatOpenAlex,
		`{"meta":{"count":1},"results":[]}`:                     FormatOpenAlex,
		`[{"paperId":"abc"}]`:                                   FormatS2,
		`{"offset":0,"data":[{"citingPaper":{"paperId":"a"}}]}`: FormatS2,
		"\n@article{x, title={y}}\n":                            FormatBibTeX,
		"% bib comment\n@misc{x}\n":                             FormatBibTeX,
		"TY  - JOUR\r\nER  - \r\n":                              FormatRIS,
		"":                                                      FormatCurated,
	} {
		if got := Detect([]byte(in)); got != want {
			t.Errorf("Detect(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestGzipByMagic(t *testing.T) {
	src := readShared(t, "data/cit-hepth/cit-HepTh.txt.gz")
	src.Name = "no-extension"
	if Detect(src.Data) != FormatEdgeList {
		t.Fatal("gzip edge list not detected")
	}
}

func TestPrefixes(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("edgelist:odd.txt", []byte("a b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("plain.txt", []byte("version: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	srcs, err := ReadSources([]string{"edgelist:odd.txt", "edgelist,reverse:plain.txt", "s2,paper=doi:10.1/x:plain.txt"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != 2 { // the last two read the same file: one source
		t.Fatalf("%d sources: %+v", len(srcs), srcs)
	}
	if srcs[0].Name != "edgelist:odd.txt" || srcs[0].Format != "" {
		t.Errorf("an existing file named edgelist:odd.txt must load as is: %+v", srcs[0])
	}
	if srcs[1].Name != "plain.txt" || srcs[1].Format != FormatEdgeList || !srcs[1].Reverse {
		t.Errorf("forced: %+v", srcs[1])
	}
	s, err := parsePrefix("s2,paper=doi:10.1/x:plain.txt")
	if err != nil || s.Paper != "doi:10.1/x" || s.Name != "plain.txt" {
		t.Errorf("s2 paper option: %+v %v", s, err)
	}
	if _, err := ReadSources([]string{"edgelist,bogus:plain.txt"}, nil); err == nil {
		t.Error("unknown option accepted")
	}
	if _, err := ReadSources([]string{"nosuchformat:plain.txt"}, nil); err == nil {
		t.Error("unknown prefix of a missing file accepted")
	}
}

func BenchmarkLoadEdgeList(b *testing.B) {
	src := readShared(b, "data/cit-hepth/cit-HepTh.txt.gz")
	b.ReportAllocs()
	for b.Loop() {
		res, err := Load([]Source{src}, Options{})
		if err != nil || res.Graph.NumEdges() != 352768 {
			b.Fatal(err)
		}
	}
}

// TestCuratedRelationToImportedAlias: a curated relation may name an imported id that was
// merged into a curated work.
func TestCuratedRelationToImportedAlias(t *testing.T) {
	cur := Source{Name: "mine.yaml", Data: []byte("version: 1\nworks:\n  - id: mine\n    title: My work\n    relations:\n      - kind: cites\n        to: W2963403868\n")}
	res := mustLoad(t, []Source{Builtin(), readTestdata(t, "attention.openalex.json"), cur}, Options{})
	if !hasEdge(res.Graph, "mine", "transformer") {
		t.Error("mine → W2963403868 should resolve to the curated transformer")
	}
}

// TestCuratedErrorsWithImports: a curated file's problems are all reported, also when an
// imported file is loaded beside it (syntax errors of both are listed together).
func TestCuratedErrorsWithImports(t *testing.T) {
	cur := Source{Name: "mine.yaml", Data: []byte("version: 1\nworks:\n  - id: mine\n    title: My work\n    directions: [nosuch]\n")}
	bad := Source{Name: "e.txt", Data: []byte("a b\nc\n")}
	_, err := Load([]Source{cur, bad}, Options{})
	ps := problems(err)
	if len(ps) != 2 || !strings.HasPrefix(ps[0], "mine.yaml:5:") || !strings.HasPrefix(ps[1], "e.txt:2:") {
		t.Errorf("got %q", ps)
	}
}

// TestCrossSourceDuplicates: an edge given by two files is one edge, counted as a duplicate
// of the later file; ids shared by an edge list and an OpenAlex file are one work.
func TestCrossSourceDuplicates(t *testing.T) {
	a := Source{Name: "a.txt", Data: []byte("W1 W2\nW2 W3\n")}
	b := Source{Name: "b.jsonl", Data: []byte(`{"id":"https://openalex.org/W1","title":"One","referenced_works":["https://openalex.org/W2","https://openalex.org/W3"]}` + "\n")}
	res := mustLoad(t, []Source{a, b}, Options{})
	g := res.Graph
	if g.NumWorks() != 3 || g.NumEdges() != 3 {
		t.Fatalf("%d works, %d edges; want 3, 3", g.NumWorks(), g.NumEdges())
	}
	if res.Stats[1].Duplicates != 1 || res.Stats[1].Edges != 1 || res.Stats[1].Merged != 1 {
		t.Errorf("b stats %+v", res.Stats[1])
	}
	i, _ := g.Lookup("W1")
	if g.Work(i).Title != "One" {
		t.Errorf("W1 should get the OpenAlex title, got %q", g.Work(i).Title)
	}
}
