package loader

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

// gzipped compresses data: a gzip source always goes through the general (streaming) edge-list
// parser, so loading the same bytes plain and gzipped compares the fast path with it.
func gzipped(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(data)
	zw.Close()
	return b.Bytes()
}

// quirkyEdgeList writes a numeric edge list of about n lines with every quirk the fast path
// must treat as the general parser does: comments, blank lines, tabs, CRLF, extra columns,
// duplicates, self-citations, reciprocal pairs, ids that appear only as cited works.
func quirkyEdgeList(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 7))
	var b bytes.Buffer
	b.WriteString("# FromNodeId\tToNodeId\n\n")
	for i := 0; i < n; i++ {
		u := 1 + r.IntN(n/4)
		v := r.IntN(n / 2)
		switch r.IntN(40) {
		case 0:
			b.WriteString("   \t\r\n")
		case 1:
			fmt.Fprintf(&b, "# comment %d\n", i)
		case 2:
			fmt.Fprintf(&b, "%d\t%d\r\n", u, v)
		case 3:
			fmt.Fprintf(&b, "  %d  %d extra columns 2001\n", u, v)
		case 4:
			fmt.Fprintf(&b, "%d %d\n%d %d\n", u, u, v, u) // a self-citation, then a pair
		default:
			fmt.Fprintf(&b, "%d %d\n", u, v)
		}
	}
	b.WriteString("0 1") // no final newline
	return b.Bytes()
}

func sameLoad(t *testing.T, fast, slow []Source, opts Options) {
	t.Helper()
	a, errA := Load(fast, opts)
	b, errB := Load(slow, opts)
	if (errA == nil) != (errB == nil) {
		t.Fatalf("fast error %v, general error %v", errA, errB)
	}
	if errA != nil {
		if errA.Error() != errB.Error() {
			t.Fatalf("errors differ:\nfast    %v\ngeneral %v", errA, errB)
		}
		return
	}
	ca, cb := a.Graph.Columns(), b.Graph.Columns()
	if !reflect.DeepEqual(ca.IDs, cb.IDs) || !reflect.DeepEqual(ca.From, cb.From) || !reflect.DeepEqual(ca.To, cb.To) ||
		!reflect.DeepEqual(ca.Kinds, cb.Kinds) {
		t.Fatalf("graphs differ: %d/%d works, %d/%d edges", len(ca.IDs), len(cb.IDs), len(ca.From), len(cb.From))
	}
	for i := range a.Stats {
		sa, sb := *a.Stats[i], *b.Stats[i]
		sa.File, sb.File = "", ""
		if sa != sb {
			t.Errorf("stats of source %d differ:\nfast    %+v\ngeneral %+v", i, sa, sb)
		}
	}
	if len(a.Warnings) != len(b.Warnings) {
		t.Errorf("%d warnings, general parser %d", len(a.Warnings), len(b.Warnings))
	}
}

// TestEdgeListFastMatchesGeneral loads the same numeric edge lists through the parallel fast
// path (plain bytes) and the general parser (gzipped): same ids in the same order, same edges,
// same counts of duplicates, self-citations and reciprocal pairs, with and without --reverse,
// for one file and for two files sharing edges.
func TestEdgeListFastMatchesGeneral(t *testing.T) {
	d1, d2 := quirkyEdgeList(40000, 1), quirkyEdgeList(30000, 2)
	if len(d1) < fastMinBytes {
		t.Fatalf("test file of %d bytes is below the fast path's minimum", len(d1))
	}
	doc := newImpDoc(Source{Name: "a"}, FormatEdgeList, 0)
	if !parseEdgeListFast(doc, d1, false, 3) {
		t.Fatal("the fast path refused a numeric edge list")
	}
	for _, reverse := range []bool{false, true} {
		opts := Options{Reverse: reverse}
		sameLoad(t, []Source{{Name: "a", Data: d1}}, []Source{{Name: "a", Data: gzipped(t, d1)}}, opts)
		sameLoad(t, []Source{{Name: "a", Data: d1}, {Name: "b", Data: d2}},
			[]Source{{Name: "a", Data: gzipped(t, d1)}, {Name: "b", Data: gzipped(t, d2)}}, opts)
		// A plain file after a gzipped one: the fast rows meet the general keys.
		sameLoad(t, []Source{{Name: "a", Data: gzipped(t, d1)}, {Name: "b", Data: d2}},
			[]Source{{Name: "a", Data: gzipped(t, d1)}, {Name: "b", Data: gzipped(t, d2)}}, opts)
	}
}

// TestEdgeListFastFallsBack: lines the fast grammar does not take (non-canonical numbers,
// other ids, a one-column line) make it give up, and the general parser gives its usual
// result or positioned error.
func TestEdgeListFastFallsBack(t *testing.T) {
	base := quirkyEdgeList(20000, 3)
	for name, extra := range map[string]string{
		"leading zero":  "\n007 12\n",
		"word id":       "\nW12 13\n",
		"negative":      "\n-1 5\n",
		"one column":    "\n42\n",
		"huge id":       "\n99999999999 1\n",
		"cr inside":     "\n1 2\r3\n",
		"sparse id":     "\n2000000000 1\n",
		"trailing text": "\n1 2x\n",
	} {
		t.Run(name, func(t *testing.T) {
			data := append(append([]byte{}, base...), extra...)
			sameLoad(t, []Source{{Name: "a", Data: data}}, []Source{{Name: "a", Data: gzipped(t, data)}}, Options{})
		})
	}
	doc := newImpDoc(Source{Name: "a"}, FormatEdgeList, 0)
	if parseEdgeListFast(doc, append(append([]byte{}, base...), "\nW1 2\n"...), false, 2) || len(doc.ids) != 0 {
		t.Error("the fast path took a file with a non-numeric id, or left state behind")
	}
}

// TestEdgeListFastWithCurated: numeric edge-list ids that are also curated ids or aliases merge
// into the curated works, as without the fast path.
func TestEdgeListFastWithCurated(t *testing.T) {
	cur := Source{Name: "mine.yaml", Data: []byte("version: 1\nworks:\n  - id: \"17\"\n    title: Seventeen\n")}
	d := quirkyEdgeList(20000, 4)
	sameLoad(t, []Source{cur, {Name: "a", Data: d}}, []Source{cur, {Name: "a", Data: gzipped(t, d)}}, Options{})
	res := mustLoad(t, []Source{cur, {Name: "a", Data: d}}, Options{})
	if i, ok := res.Graph.Lookup("17"); !ok || res.Graph.Work(i).Title != "Seventeen" {
		t.Error("edge-list id 17 not merged into the curated work")
	}
	if _, ok := res.Graph.Lookup("1"); !ok {
		t.Error("edge-list id 1 not found by Lookup")
	}
}

// BenchmarkLoadEdgeListFast loads a synthetic numeric edge list of 100k lines.
func BenchmarkLoadEdgeListFast(b *testing.B) {
	d := quirkyEdgeList(400000, 5)
	b.SetBytes(int64(len(d)))
	for b.Loop() {
		if _, err := Load([]Source{{Name: "a", Data: d}}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestProgressStages: a load above the thresholds reports its stages through Options.Progress,
// and a small one reports nothing.
func TestProgressStages(t *testing.T) {
	var msgs []string
	opts := Options{Progress: func(m string) { msgs = append(msgs, m) }}
	mustLoad(t, []Source{{Name: "small", Data: quirkyEdgeList(1000, 1)}}, opts)
	if len(msgs) != 0 {
		t.Errorf("small load reported %q", msgs)
	}
	big := bytes.Repeat([]byte("1 2\n3 4\n"), progressBytes/8+1)
	mustLoad(t, []Source{{Name: "big", Data: big}}, opts)
	if len(msgs) == 0 || !bytes.HasPrefix([]byte(msgs[0]), []byte("parsing big")) {
		t.Errorf("big load reported %q", msgs)
	}
}

// TestEdgeListFastWorkers: the parallel parse gives the same ids and edges on 1 or 5 workers
// (the chunks depend only on the size of the input).
func TestEdgeListFastWorkers(t *testing.T) {
	d := quirkyEdgeList(50000, 6)
	var docs []*impDoc
	for _, w := range []int{1, 5} {
		doc := newImpDoc(Source{Name: "a"}, FormatEdgeList, 0)
		if !parseEdgeListFast(doc, d, false, w) {
			t.Fatal("fast path refused")
		}
		docs = append(docs, doc)
	}
	if !reflect.DeepEqual(docs[0].ids, docs[1].ids) || !reflect.DeepEqual(docs[0].from, docs[1].from) ||
		!reflect.DeepEqual(docs[0].to, docs[1].to) || docs[0].st != docs[1].st {
		t.Error("1 and 5 workers parse differently")
	}
}
