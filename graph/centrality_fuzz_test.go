package graph_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/litgraph/litgraph/graph"
)

// FuzzCentrality builds a graph from arbitrary bytes (first byte: number of works, then pairs
// of bytes: arcs) and checks invariants every metric must keep: no NaN or infinity, values
// ≥ 0, PageRank and non-empty HITS vectors sum to 1, core ≤ undirected degree, descendants
// equal to a plain BFS count, betweenness ≤ 1, closeness ≤ 1, and the same bits with 1 and
// 3 workers.
func FuzzCentrality(f *testing.F) {
	f.Add([]byte{7, 0, 1, 0, 2, 1, 2, 1, 3, 2, 3, 4, 3, 5, 0, 5, 4, 6, 5})
	f.Add([]byte{3, 0, 1, 1, 2, 2, 0})
	f.Add([]byte{1})
	f.Add([]byte{6, 0, 4, 1, 4, 2, 5, 3, 5})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		n := int(data[0])%40 + 1
		b := graph.NewBuilder()
		for i := range n {
			b.AddWork(graph.Work{ID: fmt.Sprint(i)})
		}
		for i := 1; i+1 < len(data); i += 2 {
			u, v := int32(int(data[i])%n), int32(int(data[i+1])%n)
			if u != v {
				b.AddEdge(u, v, graph.Cites, nil)
			}
		}
		g, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		a := g.Adjacency(graph.AllKinds)
		deg := make([]int, n)
		for v := range n {
			seen := map[int32]bool{}
			for _, w := range a.Succ(v) {
				seen[w] = true
			}
			for _, w := range a.Pred(v) {
				seen[w] = true
			}
			deg[v] = len(seen)
		}
		for _, m := range graph.Metrics() {
			one, err := graph.Centrality(a, m, graph.CentralityOptions{Workers: 1})
			if err != nil {
				t.Fatalf("%s: %v", m, err)
			}
			three, err := graph.Centrality(a, m, graph.CentralityOptions{Workers: 3})
			if err != nil {
				t.Fatalf("%s: %v", m, err)
			}
			sum := 0.0
			for v, x := range one {
				if math.Float64bits(x) != math.Float64bits(three[v]) {
					t.Fatalf("%s(%d): %v with 1 worker, %v with 3", m, v, x, three[v])
				}
				if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
					t.Fatalf("%s(%d) = %v", m, v, x)
				}
				sum += x
				switch m {
				case graph.MetricCore:
					if int(x) > deg[v] {
						t.Fatalf("core(%d) = %v > degree %d", v, x, deg[v])
					}
				case graph.MetricDescendants:
					if want := naiveDescendants(a, v); int(x) != want {
						t.Fatalf("descendants(%d) = %v, BFS gives %d", v, x, want)
					}
				case graph.MetricBetweenness, graph.MetricCloseness:
					if x > 1+1e-12 {
						t.Fatalf("%s(%d) = %v > 1", m, v, x)
					}
				}
			}
			switch m {
			case graph.MetricPageRank:
				if math.Abs(sum-1) > 1e-9 {
					t.Fatalf("pagerank sums to %v", sum)
				}
			case graph.MetricHub, graph.MetricAuthority:
				if a.M() > 0 && math.Abs(sum-1) > 1e-9 {
					t.Fatalf("%s sums to %v", m, sum)
				}
			}
		}
	})
}

// naiveDescendants counts the works that reach v by a BFS against the arcs.
func naiveDescendants(a *graph.Adjacency, v int) int {
	seen := map[int32]bool{int32(v): true}
	queue := []int32{int32(v)}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, w := range a.Pred(int(u)) {
			if !seen[w] {
				seen[w] = true
				queue = append(queue, w)
			}
		}
	}
	return len(seen) - 1
}
