package loader

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"reflect"
	"strconv"
	"testing"

	"github.com/litgraph/litgraph/graph"
)

func snapshot(t testing.TB, g *graph.Graph) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := EncodeSnapshot(&buf, g); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func nonNilStrings(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// sameGraph compares two graphs through the public API.
func sameGraph(t *testing.T, a, b *graph.Graph) {
	t.Helper()
	if a.NumWorks() != b.NumWorks() || a.NumEdges() != b.NumEdges() {
		t.Fatalf("sizes differ: %d/%d works, %d/%d edges", a.NumWorks(), b.NumWorks(), a.NumEdges(), b.NumEdges())
	}
	norm := func(w graph.Work) graph.Work {
		w.Authors, w.Aliases, w.Tasks, w.Tags, w.Directions = nonNilStrings(w.Authors), nonNilStrings(w.Aliases), nonNilStrings(w.Tasks), nonNilStrings(w.Tags), nonNilStrings(w.Directions)
		return w
	}
	for i := range a.NumWorks() {
		if wa, wb := norm(a.Work(i)), norm(b.Work(i)); !reflect.DeepEqual(wa, wb) {
			t.Fatalf("work %d differs:\n%+v\n%+v", i, wa, wb)
		}
	}
	for e := range a.NumEdges() {
		if a.Edge(e) != b.Edge(e) {
			t.Fatalf("edge %d differs", e)
		}
		ea, eb := a.EdgeAttr(e), b.EdgeAttr(e)
		if (ea == nil) != (eb == nil) || (ea != nil && (ea.Task != eb.Task || ea.Note != eb.Note || !reflect.DeepEqual(nonNilStrings(ea.Intents), nonNilStrings(eb.Intents)) || !reflect.DeepEqual(ea.Influential, eb.Influential))) {
			t.Fatalf("edge %d attributes differ: %+v %+v", e, ea, eb)
		}
	}
	if len(a.Directions())+len(b.Directions()) > 0 && !reflect.DeepEqual(a.Directions(), b.Directions()) ||
		len(a.Tasks())+len(b.Tasks()) > 0 && !reflect.DeepEqual(a.Tasks(), b.Tasks()) {
		t.Fatal("directions or tasks differ")
	}
	if !reflect.DeepEqual(a.Adjacency(graph.AllKinds), b.Adjacency(graph.AllKinds)) {
		t.Fatal("adjacency differs")
	}
}

func TestSnapshotRoundTripBuiltin(t *testing.T) {
	g := loadBuiltin(t).Graph
	data := snapshot(t, g)
	h, err := DecodeSnapshot("builtin.lgs", data)
	if err != nil {
		t.Fatal(err)
	}
	sameGraph(t, g, h)
	if i, ok := h.Lookup("arxiv:2108.02404"); !ok || h.ID(i) != "smca" {
		t.Error("aliases lost")
	}
	if !bytes.Equal(snapshot(t, h), data) {
		t.Error("re-encoding a decoded snapshot changed its bytes")
	}
}

// randomGraph builds an imported-style graph: bare ids, dates, cites edges with a few
// Semantic Scholar attributes.
func randomGraph(t testing.TB, n, m int, seed uint64) *graph.Graph {
	r := rand.New(rand.NewPCG(seed, seed))
	b := graph.NewBuilder()
	for i := range n {
		w := graph.Work{ID: "W" + strconv.Itoa(i)}
		if r.IntN(4) > 0 {
			w.Date = graph.Date{Year: uint16(1990 + r.IntN(30)), Month: uint8(1 + r.IntN(12))}
		}
		if r.IntN(10) == 0 {
			w.Title = "title " + strconv.Itoa(i)
		}
		b.AddWork(w)
	}
	yes := true
	for range m {
		u, v := int32(r.IntN(n)), int32(r.IntN(n))
		if u == v {
			continue
		}
		var a *graph.EdgeAttr
		if r.IntN(20) == 0 {
			a = &graph.EdgeAttr{Intents: []string{"methodology"}, Influential: &yes}
		}
		b.AddEdge(u, v, graph.Cites, a)
	}
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestSnapshotRoundTripRandom(t *testing.T) {
	g := randomGraph(t, 2000, 20000, 7)
	h, err := DecodeSnapshot("r.lgs", snapshot(t, g))
	if err != nil {
		t.Fatal(err)
	}
	sameGraph(t, g, h)
}

// TestSnapshotCorruption flips every byte of a small snapshot and cuts it at every length:
// each damaged file must be rejected with an ErrSnapshot error, never a panic or a silently
// different graph.
func TestSnapshotCorruption(t *testing.T) {
	g := randomGraph(t, 30, 80, 3)
	data := snapshot(t, g)
	for cut := 0; cut < len(data); cut++ {
		if _, err := DecodeSnapshot("x.lgs", data[:cut]); !errors.Is(err, ErrSnapshot) || !errors.Is(err, ErrInvalid) {
			t.Fatalf("truncated at %d: err %v", cut, err)
		}
	}
	for i := range data {
		bad := bytes.Clone(data)
		bad[i] ^= 0x5a
		if _, err := DecodeSnapshot("x.lgs", bad); err == nil {
			t.Fatalf("flipped byte %d accepted", i)
		}
	}
	_, err := DecodeSnapshot("x.lgs", data[:20])
	if err == nil || err.Error() != "x.lgs: snapshot truncated before section WRKS; re-create it with litgraph import" {
		t.Errorf("message: %v", err)
	}
}

func FuzzDecodeSnapshot(f *testing.F) {
	f.Add(snapshot(f, randomGraph(f, 20, 50, 1)))
	f.Add([]byte("LGSNAP\r\n\x01\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := DecodeSnapshot("fuzz.lgs", data)
		if err == nil {
			_ = g.Adjacency(graph.AllKinds)
			for i := range g.NumWorks() {
				_ = g.Work(i)
			}
		}
	})
}

func BenchmarkDecodeSnapshot(b *testing.B) {
	g := randomGraph(b, 100000, 1000000, 1)
	data := snapshot(b, g)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		if _, err := DecodeSnapshot("b.lgs", data); err != nil {
			b.Fatal(err)
		}
	}
}
