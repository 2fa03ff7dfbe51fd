package graph_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"github.com/litgraph/litgraph/graph"
)

// The scale benchmarks run each fast algorithm on one synthetic citation graph built through
// the bulk Builder path: N works (LITGRAPH_BENCH_N, default 200,000), each citing about 10
// earlier ones, a quarter of them chosen in proportion to their citations so far (a heavy
// tail), fixed seed. bench/scale.py compares whole runs with igraph; these isolate the
// algorithms:
//
//	go test ./graph -run '^$' -bench Scale -benchtime 3x
//	LITGRAPH_BENCH_N=1000000 go test ./graph -run '^$' -bench Scale -benchtime 1x

var scaleGraphs = map[int]*graph.Graph{}

func scaleN() int {
	if n, err := strconv.Atoi(os.Getenv("LITGRAPH_BENCH_N")); err == nil && n > 1 {
		return n
	}
	return 200000
}

func scaleEdges(n int) (ids []string, from, to []int32) {
	r := rand.New(rand.NewPCG(1, 2))
	ids = make([]string, n)
	for i := range ids {
		ids[i] = strconv.Itoa(i)
	}
	var cited []int32 // one entry per citation: preferential attachment
	for u := 1; u < n; u++ {
		k := min(u, r.IntN(21))
		for range k {
			v := int32(r.IntN(u))
			if len(cited) > 0 && r.IntN(4) == 0 {
				v = cited[r.IntN(len(cited))]
			}
			from, to = append(from, int32(u)), append(to, v)
			cited = append(cited, v)
		}
	}
	return ids, from, to
}

func scaleGraph(b *testing.B) *graph.Graph {
	n := scaleN()
	if g := scaleGraphs[n]; g != nil {
		return g
	}
	ids, from, to := scaleEdges(n)
	bl := graph.NewBuilder()
	bl.AddBareWorks(ids, nil)
	bl.AddEdges(from, to, graph.Cites)
	g, err := bl.Build()
	if err != nil {
		b.Fatal(err)
	}
	scaleGraphs[n] = g
	return g
}

func BenchmarkScaleBuild(b *testing.B) {
	ids, from, to := scaleEdges(scaleN())
	b.ResetTimer()
	for b.Loop() {
		bl := graph.NewBuilder()
		bl.AddBareWorks(ids, nil)
		bl.AddEdges(append([]int32(nil), from...), append([]int32(nil), to...), graph.Cites)
		if _, err := bl.Build(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScaleAdjacency(b *testing.B) {
	g := scaleGraph(b)
	for b.Loop() {
		g.Adjacency(graph.AllKinds)
	}
}

func BenchmarkScalePageRank(b *testing.B) {
	a := scaleGraph(b).Adjacency(graph.AllKinds)
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			for b.Loop() {
				if _, err := graph.PageRank(a, 0.85, 1e-10, 1000, w); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkScaleWeakComponents(b *testing.B) {
	a := scaleGraph(b).Adjacency(graph.AllKinds)
	for b.Loop() {
		graph.WeakComponents(a)
	}
}

func BenchmarkScaleCore(b *testing.B) {
	a := scaleGraph(b).Adjacency(graph.AllKinds)
	for b.Loop() {
		if _, err := graph.Centrality(a, graph.MetricCore, graph.CentralityOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScaleLouvain(b *testing.B) {
	a := scaleGraph(b).Adjacency(graph.AllKinds)
	for b.Loop() {
		graph.Louvain(a, graph.LouvainOptions{Seed: 1})
	}
}

func BenchmarkScaleBetweennessSampled(b *testing.B) {
	a := scaleGraph(b).Adjacency(graph.AllKinds)
	for b.Loop() {
		graph.Betweenness(a, 64, 1, 2)
	}
}
