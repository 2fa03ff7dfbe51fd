package graph

import (
	"fmt"
	"math"
	"runtime"
	"strings"
)

// Metric names a per-work centrality. Its String is the one name every interface uses: the
// rank --by value, the JSON key and the column header.
//
// Every metric reads an Adjacency: a simple directed graph (at most one arc per ordered pair,
// whatever the number of typed edges between them) with no self-loops (the Builder rejects
// them and the view drops none because there are none to drop; networkx, by contrast, keeps
// self-loops as +1 in- and out-degree and a PageRank out-link). An arc u → v says that u cites
// or builds on v, so "incoming" means "built on by".
type Metric uint8

// The metrics. See the functions that compute them for the formulas and conventions.
const (
	MetricInDegree    Metric = iota + 1 // in_degree: works that build on or cite the work directly
	MetricOutDegree                     // out_degree: works the work builds on or cites directly
	MetricPageRank                      // pagerank: see PageRank
	MetricBetweenness                   // betweenness: see Betweenness
	MetricCloseness                     // closeness: see Closeness
	MetricHarmonic                      // harmonic: see Harmonic
	MetricHub                           // hub: see HITS
	MetricAuthority                     // authority: see HITS
	MetricCore                          // core: see CoreNumbers
	MetricDescendants                   // descendants: see Descendants
	numMetrics
)

var metricInfo = [numMetrics]struct {
	name    string
	integer bool
	desc    string
}{
	MetricInDegree:    {"in_degree", true, "works that build on or cite it directly"},
	MetricOutDegree:   {"out_degree", true, "works it builds on or cites directly"},
	MetricPageRank:    {"pagerank", false, "PageRank (Brin & Page 1998): a random reader following references"},
	MetricBetweenness: {"betweenness", false, "share of shortest lineage paths that pass through it (Brandes 2001)"},
	MetricCloseness:   {"closeness", false, "inverse mean distance from the works that reach it (Wasserman-Faust)"},
	MetricHarmonic:    {"harmonic", false, "sum of 1/distance from the works that reach it (Boldi & Vigna 2014)"},
	MetricHub:         {"hub", false, "HITS hub score (Kleinberg 1999): builds on good authorities"},
	MetricAuthority:   {"authority", false, "HITS authority score (Kleinberg 1999): built on by good hubs"},
	MetricCore:        {"core", true, "k-core number on the undirected view (Batagelj & Zaversnik 2003)"},
	MetricDescendants: {"descendants", true, "works that build on it, directly or transitively"},
}

// Metrics returns every metric in declaration order.
func Metrics() []Metric {
	ms := make([]Metric, 0, numMetrics-1)
	for m := MetricInDegree; m < numMetrics; m++ {
		ms = append(ms, m)
	}
	return ms
}

// MetricNames returns every metric's name in declaration order.
func MetricNames() []string {
	var names []string
	for _, m := range Metrics() {
		names = append(names, m.String())
	}
	return names
}

// String returns the metric's name, such as "pagerank".
func (m Metric) String() string {
	if m.Valid() {
		return metricInfo[m].name
	}
	return fmt.Sprintf("metric(%d)", uint8(m))
}

// Valid reports whether m is one of the metrics.
func (m Metric) Valid() bool { return m > 0 && m < numMetrics }

// Integer reports whether the metric's values are whole numbers (degrees, core, descendants).
func (m Metric) Integer() bool { return m.Valid() && metricInfo[m].integer }

// Description is a one-line explanation of the metric.
func (m Metric) Description() string {
	if m.Valid() {
		return metricInfo[m].desc
	}
	return ""
}

// ParseMetric returns the metric named s (exact match).
func ParseMetric(s string) (Metric, bool) {
	for _, m := range Metrics() {
		if metricInfo[m].name == s {
			return m, true
		}
	}
	return 0, false
}

// Defaults of CentralityOptions.
const (
	DefaultDamping = 0.85
	DefaultTol     = 1e-10
	DefaultMaxIter = 10000
)

// CentralityOptions tunes the metrics that take parameters. The zero value means the defaults.
type CentralityOptions struct {
	Damping float64 // PageRank damping factor α in [0, 1); 0 means DefaultDamping
	Tol     float64 // PageRank and HITS: stop when the L1 change of the vector is below Tol; 0 means DefaultTol
	MaxIter int     // PageRank and HITS: fail after this many iterations; 0 means DefaultMaxIter
	Samples int     // betweenness: 0 exact (Brandes); K > 0 samples K sources (Brandes & Pich), exact when K ≥ N
	Seed    uint64  // betweenness sampling seed
	Workers int     // goroutines; 0 means GOMAXPROCS. Results never depend on it.
}

func (o CentralityOptions) withDefaults() CentralityOptions {
	if o.Damping == 0 {
		o.Damping = DefaultDamping
	}
	if o.Tol == 0 {
		o.Tol = DefaultTol
	}
	if o.MaxIter == 0 {
		o.MaxIter = DefaultMaxIter
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return o
}

// Validate reports an out-of-range option.
func (o CentralityOptions) Validate() error {
	var bad []string
	if o.Damping < 0 || o.Damping >= 1 || math.IsNaN(o.Damping) {
		bad = append(bad, fmt.Sprintf("damping %v is not in [0, 1)", o.Damping))
	}
	if o.Tol < 0 || math.IsNaN(o.Tol) || math.IsInf(o.Tol, 0) {
		bad = append(bad, fmt.Sprintf("tolerance %v is not a positive number", o.Tol))
	}
	if o.MaxIter < 0 {
		bad = append(bad, fmt.Sprintf("max iterations %d is negative", o.MaxIter))
	}
	if o.Samples < 0 {
		bad = append(bad, fmt.Sprintf("samples %d is negative", o.Samples))
	}
	if len(bad) > 0 {
		return fmt.Errorf("%s", strings.Join(bad, "; "))
	}
	return nil
}

// ConvergenceError reports an iterative metric that did not reach its tolerance.
type ConvergenceError struct {
	Metric  Metric
	Iter    int
	Tol     float64
	LastErr float64 // L1 change at the last iteration
}

func (e *ConvergenceError) Error() string {
	return fmt.Sprintf("%s did not converge in %d iterations (L1 change %.3g, tolerance %g)", e.Metric, e.Iter, e.LastErr, e.Tol)
}

// Centrality computes one metric for every work of a and returns it indexed by work. Integer
// metrics come back as exact whole floats. Only the named metric is computed (hub and
// authority share one HITS run).
func Centrality(a *Adjacency, m Metric, o CentralityOptions) ([]float64, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	o = o.withDefaults()
	switch m {
	case MetricInDegree:
		return intsToFloats(InDegrees(a)), nil
	case MetricOutDegree:
		return intsToFloats(OutDegrees(a)), nil
	case MetricPageRank:
		return PageRank(a, o.Damping, o.Tol, o.MaxIter, o.Workers)
	case MetricBetweenness:
		return Betweenness(a, o.Samples, o.Seed, o.Workers), nil
	case MetricCloseness:
		return Closeness(a, o.Workers), nil
	case MetricHarmonic:
		return Harmonic(a, o.Workers), nil
	case MetricHub, MetricAuthority:
		hub, auth, err := HITS(a, o.Tol, o.MaxIter, o.Workers)
		if m == MetricHub {
			return hub, err
		}
		return auth, err
	case MetricCore:
		return intsToFloats(CoreNumbers(a)), nil
	case MetricDescendants:
		return intsToFloats(Descendants(a, o.Workers)), nil
	}
	return nil, fmt.Errorf("unknown metric %v", m)
}

// CentralityMany computes several metrics, in the order given; hub and authority share one
// HITS run.
func CentralityMany(a *Adjacency, ms []Metric, o CentralityOptions) ([][]float64, error) {
	out := make([][]float64, len(ms))
	var hub, auth []float64
	for i, m := range ms {
		var err error
		switch {
		case m == MetricHub && hub != nil:
			out[i] = hub
		case m == MetricAuthority && auth != nil:
			out[i] = auth
		case m == MetricHub || m == MetricAuthority:
			if err = o.Validate(); err != nil {
				return nil, err
			}
			d := o.withDefaults()
			hub, auth, err = HITS(a, d.Tol, d.MaxIter, d.Workers)
			out[i] = hub
			if m == MetricAuthority {
				out[i] = auth
			}
		default:
			out[i], err = Centrality(a, m, o)
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func intsToFloats(xs []int) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = float64(x)
	}
	return out
}

// InDegrees returns each work's in-degree: the number of distinct works with an arc to it.
func InDegrees(a *Adjacency) []int {
	out := make([]int, a.N())
	for v := range out {
		out[v] = int(a.InOff[v+1] - a.InOff[v])
	}
	return out
}

// OutDegrees returns each work's out-degree: the number of distinct works it has an arc to.
func OutDegrees(a *Adjacency) []int {
	out := make([]int, a.N())
	for v := range out {
		out[v] = int(a.OutOff[v+1] - a.OutOff[v])
	}
	return out
}

// CoreNumbers returns each work's core number: the largest k such that the work belongs to
// the k-core, the maximal subgraph whose nodes all have degree ≥ k. It reads the undirected
// simple view of a: direction is ignored and a reciprocal pair u ⇄ v is one undirected edge;
// there are no self-loops (networkx's core_number refuses them; its callers drop them). The
// algorithm is Batagelj & Zaversnik's O(N + M) bucket peeling ("An O(m) Algorithm for Cores
// Decomposition of Networks", 2003), which is what networkx.core_number implements.
func CoreNumbers(a *Adjacency) []int {
	n := a.N()
	deg := make([]int32, n)
	maxDeg := int32(0)
	for v := 0; v < n; v++ {
		d := int32(0)
		forUndirected(a, v, func(int32) { d++ })
		deg[v] = d
		maxDeg = max(maxDeg, d)
	}
	// bin[d] = start of degree-d block in vert; pos[v] = v's place in vert.
	bin := make([]int32, maxDeg+2)
	for _, d := range deg {
		bin[d+1]++
	}
	for d := int32(1); d <= maxDeg+1; d++ {
		bin[d] += bin[d-1]
	}
	vert := make([]int32, n)
	pos := make([]int32, n)
	fill := make([]int32, maxDeg+1)
	copy(fill, bin[:maxDeg+1])
	for v := 0; v < n; v++ {
		pos[v] = fill[deg[v]]
		vert[pos[v]] = int32(v)
		fill[deg[v]]++
	}
	for i := 0; i < n; i++ {
		v := vert[i]
		forUndirected(a, int(v), func(u int32) {
			if deg[u] > deg[v] {
				du := deg[u]
				pu := pos[u]
				pw := bin[du] // first node of u's bin: swap u with it, then shrink the bin
				w := vert[pw]
				if u != w {
					vert[pu], vert[pw] = w, u
					pos[u], pos[w] = pw, pu
				}
				bin[du]++
				deg[u]--
			}
		})
	}
	out := make([]int, n)
	for v, d := range deg {
		out[v] = int(d)
	}
	return out
}

// forUndirected calls f for each undirected neighbour of v once, in ascending order, by
// merging the sorted successor and predecessor lists.
func forUndirected(a *Adjacency, v int, f func(int32)) {
	s, p := a.Succ(v), a.Pred(v)
	i, j := 0, 0
	for i < len(s) || j < len(p) {
		switch {
		case j == len(p) || (i < len(s) && s[i] < p[j]):
			f(s[i])
			i++
		case i == len(s) || p[j] < s[i]:
			f(p[j])
			j++
		default: // reciprocal pair: one undirected edge
			f(s[i])
			i++
			j++
		}
	}
}
