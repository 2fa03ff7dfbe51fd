package graph_test

import (
	"testing"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/graph/internal/gonumx"
	"gonum.org/v1/gonum/graph/network"
)

// The benchmarks compare our CSR implementations with gonum's on one synthetic citation graph
// of 10,000 works (each cites up to 6 others, 3 on average; fixed seed), read by gonum through
// the zero-copy gonumx adapter, so the difference is the algorithms' data structures alone.
//
//	go test ./graph -run '^$' -bench 'PageRank|Betweenness' -benchtime 3x

var benchAdj *graph.Adjacency

func benchGraph(b *testing.B) *graph.Adjacency {
	if benchAdj == nil {
		benchAdj = randomAdjacency(b, 10000, 6, 42)
	}
	return benchAdj
}

func BenchmarkPageRank(b *testing.B) {
	a := benchGraph(b)
	b.Run("litgraph-1worker", func(b *testing.B) {
		for b.Loop() {
			if _, err := graph.PageRank(a, 0.85, 1e-10, 10000, 1); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("litgraph-2workers", func(b *testing.B) {
		for b.Loop() {
			if _, err := graph.PageRank(a, 0.85, 1e-10, 10000, 2); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("gonum", func(b *testing.B) {
		d := gonumx.Directed{A: a}
		for b.Loop() {
			network.PageRankSparse(d, 0.85, 1e-10)
		}
	})
}

func BenchmarkBetweenness(b *testing.B) {
	a := benchGraph(b)
	b.Run("litgraph-1worker", func(b *testing.B) {
		for b.Loop() {
			graph.Betweenness(a, 0, 0, 1)
		}
	})
	b.Run("litgraph-2workers", func(b *testing.B) {
		for b.Loop() {
			graph.Betweenness(a, 0, 0, 2)
		}
	})
	b.Run("gonum", func(b *testing.B) {
		d := gonumx.Directed{A: a}
		for b.Loop() {
			network.Betweenness(d)
		}
	})
}

func BenchmarkDescendants(b *testing.B) {
	a := benchGraph(b)
	for b.Loop() {
		graph.Descendants(a, 2)
	}
}

func BenchmarkCloseness(b *testing.B) {
	a := benchGraph(b)
	for b.Loop() {
		graph.Closeness(a, 2)
	}
}
