package graph_test

import (
	"cmp"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/internal/testenv"
)

// TestWeakComponentsSmall: a → b ← c, d → e, f alone: three components {a,b,c}, {d,e}, {f}.
func TestWeakComponentsSmall(t *testing.T) {
	g, _ := edgeGraph(t, [][2]string{{"a", "b"}, {"c", "b"}, {"d", "e"}, {"f", "f"}})
	p := graph.WeakComponents(g.Adjacency(graph.AllKinds))
	if !slices.Equal(p.Sizes, []int{3, 2, 1}) {
		t.Fatalf("sizes %v, want [3 2 1]", p.Sizes)
	}
	want := map[string]int32{"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 2}
	for id, c := range want {
		i, _ := g.Lookup(id)
		if p.Of[i] != c {
			t.Errorf("%s in component %d, want %d", id, p.Of[i], c)
		}
	}
}

// TestOracleWeakComponents compares the weakly connected components of Cora and cit-HepTh
// with networkx (oracle.py --metric wcc,wcc_size): the same partition, the same sizes and the
// same canonical numbering (size descending, then smallest id in string order).
func TestOracleWeakComponents(t *testing.T) {
	for _, file := range [][]string{{"data", "cora", "cora.edges.txt"}, {"data", "cit-hepth", "cit-HepTh.txt.gz"}} {
		path := testenv.SharedFile(t, file...)
		t.Run(file[1], func(t *testing.T) {
			var pairs [][2]string
			if file[1] == "cit-hepth" {
				pairs = readGzipEdgeList(t, path)
			} else {
				pairs = readEdgeList(t, path)
			}
			g, _ := edgeGraph(t, pairs)
			p := graph.WeakComponents(g.Adjacency(graph.AllKinds))
			want := runOracle(t, path, "--metric", "wcc,wcc_size")
			if len(want.Nodes) != g.NumWorks() {
				t.Fatalf("oracle has %d nodes, we have %d", len(want.Nodes), g.NumWorks())
			}
			// Renumber ours as the oracle does: size descending, then smallest id (string order).
			minID := make([]string, p.K())
			for v, c := range p.Of {
				if minID[c] == "" || g.ID(v) < minID[c] {
					minID[c] = g.ID(v)
				}
			}
			order := make([]int, p.K())
			for i := range order {
				order[i] = i
			}
			slices.SortFunc(order, func(x, y int) int {
				return cmp.Or(cmp.Compare(p.Sizes[y], p.Sizes[x]), cmp.Compare(minID[x], minID[y]))
			})
			rank := make([]int, p.K())
			for r, c := range order {
				rank[c] = r
			}
			bad := 0
			for v := range g.NumWorks() {
				n := want.Nodes[g.ID(v)]
				c := p.Of[v]
				if int(*n["wcc"]) != rank[c] || int(*n["wcc_size"]) != p.Sizes[c] {
					if bad < 5 {
						t.Errorf("%s: component %d of size %d, networkx %g of size %g", g.ID(v), rank[c], p.Sizes[c], *n["wcc"], *n["wcc_size"])
					}
					bad++
				}
			}
			t.Logf("%s: %d components, largest %d", file[1], p.K(), p.Sizes[0])
		})
	}
}

// readGzipEdgeList decompresses a gzip edge list into a temporary file and reads it.
func readGzipEdgeList(t *testing.T, path string) [][2]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(t.TempDir(), "edges.txt")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return readEdgeList(t, tmp)
}
