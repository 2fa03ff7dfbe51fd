package graph

import (
	"cmp"
	"math"
	"slices"
)

// SaturationOptions configures Saturation.
type SaturationOptions struct {
	// Kinds is the --rel set. Links (centrality, density) read all of it; the derivation
	// metrics read its lineage kinds and cites (DerivationKinds), never analyzes or
	// alternative-to.
	Kinds KindSet
	// AsOf is the reference date of the time metrics (its period's end month). Zero means
	// the month of the latest dated work in the graph (never the clock).
	AsOf Date
	// WindowMonths is the recent window; 0 means 12.
	WindowMonths int
	// Weights are the crowding weights; the zero value means DefaultCrowdingWeights.
	Weights CrowdingWeights
	// CDWindowYears is the window of the CD index behind MeanCD; 0 means
	// DefaultCDWindowYears.
	CDWindowYears int
}

// SiblingWindow is the fixed width, in months, of the sibling-crowding window.
const SiblingWindow = 12

// YearCount is one entry of a growth series.
type YearCount struct {
	Year  int
	Count int
}

// DirectionMetrics holds the saturation metrics of one direction (see
// docs/metrics-saturation.md). Float metrics are NaN when missing; Valid flags say whether
// the int metrics exist.
type DirectionMetrics struct {
	Direction int    // direction index
	ID, Name  string // direction id and name
	Works     []int32
	Size      int
	Dated     int
	Undated   int
	Growth    []YearCount // ascending years, dated works only

	RecentShare     float64
	RecentCount     int
	DerivativeShare float64
	DerivativeCount int

	SiblingValid   bool // false when the direction has no dated work
	Sibling        int
	SiblingBase    int32   // base work index, -1 when none
	SiblingStart   int     // month index of the window start, -1 when none
	SiblingWorks   []int32 // the works of the window, by date then id
	LeafRatio      float64
	LeafCount      int
	Centrality     float64
	Density        float64
	External       int // links to works outside the direction
	Internal       int // links inside the direction
	Quadrant       string
	Concentration  float64
	LineageArcs    int // lineage out-arcs of the direction's works
	Lag            float64
	LagPairs       int
	LineageMissing bool    // --rel holds no derivation kind (no lineage kind and no cites)
	MeanCD         float64 // mean CD index of the direction's works that have one (see disruption.go)
	CDWorks        int     // works with a CD index

	Crowding Crowding
}

// SaturationReport is the result of Saturation.
type SaturationReport struct {
	Directions []DirectionMetrics // in direction index (id) order
	RefMonth   int                // reference month index of the time metrics, -1 when no work is dated
	Window     int                // recent window in months
	Weights    CrowdingWeights
	// Medians of centrality and density over the directions with works (the quadrant split),
	// NaN when no direction has works.
	MedianCentrality, MedianDensity float64
}

// Saturation computes the metrics of every direction.
func (g *Graph) Saturation(o SaturationOptions) *SaturationReport {
	if o.WindowMonths <= 0 {
		o.WindowMonths = 12
	}
	if o.Weights == (CrowdingWeights{}) {
		o.Weights = DefaultCrowdingWeights
	}
	n := g.NumWorks()
	lineageKinds := o.Kinds & DerivationKinds // lineage kinds, and cites on citation data
	lin := g.Adjacency(lineageKinds)
	links := g.Adjacency(o.Kinds)
	ref := -1
	if !o.AsOf.IsZero() {
		ref = o.AsOf.EndOf().MonthIndex()
	} else {
		for i := range n {
			ref = max(ref, g.dates[i].MonthIndex())
		}
	}
	direct := g.DirectionWorks()
	cds := g.CDIndices(links, o.CDWindowYears)
	out := make([]DirectionMetrics, len(g.dirs))
	in := make([]bool, n)
	for d := range g.dirs {
		m := &out[d]
		m.Direction, m.ID, m.Name = d, g.dirs[d].ID, g.dirs[d].Name
		m.LineageMissing = lineageKinds == 0
		for _, s := range g.DirectionSubtree(d) {
			for _, w := range direct[s] {
				if !in[w] {
					in[w] = true
					m.Works = append(m.Works, w)
				}
			}
		}
		slices.Sort(m.Works)
		g.directionMetrics(m, in, lin, links, ref, o.WindowMonths)
		m.MeanCD = meanCD(m.Works, cds)
		for _, w := range m.Works {
			if !math.IsNaN(cds[w].Value) {
				m.CDWorks++
			}
		}
		for _, w := range m.Works {
			in[w] = false
		}
	}
	mc, md := assignQuadrants(out)
	for i := range out {
		out[i].Crowding = CrowdingOf(&out[i], o.Weights)
	}
	return &SaturationReport{Directions: out, RefMonth: ref, Window: o.WindowMonths, Weights: o.Weights, MedianCentrality: mc, MedianDensity: md}
}

func (g *Graph) directionMetrics(m *DirectionMetrics, in []bool, lin, links *Adjacency, ref, window int) {
	nan := math.NaN()
	m.Size = len(m.Works)
	m.RecentShare, m.DerivativeShare, m.LeafRatio, m.Centrality, m.Density, m.Concentration, m.Lag = nan, nan, nan, nan, nan, nan, nan
	m.SiblingBase, m.SiblingStart = -1, -1
	if m.Size == 0 {
		return
	}
	years := map[int]int{}
	baseArcs := map[int32]int{}     // base → lineage arcs from the direction's works
	siblings := map[int32][]int{}   // base → months of dated derivatives
	sibWorks := map[int32][]int32{} // base → those works, same order
	var lags []int
	for _, w := range m.Works {
		wd := g.dates[w]
		mi := wd.MonthIndex()
		succ := lin.Succ(int(w))
		if wd.IsZero() {
			m.Undated++
		} else {
			m.Dated++
			years[int(wd.Year)]++
			if mi > ref-window && mi <= ref {
				m.RecentCount++
			}
			if len(succ) > 0 {
				m.DerivativeCount++
			}
		}
		for _, b := range succ {
			m.LineageArcs++
			baseArcs[b]++
			if !wd.IsZero() {
				siblings[b] = append(siblings[b], mi)
				sibWorks[b] = append(sibWorks[b], w)
				if bm := g.dates[b].MonthIndex(); bm >= 0 {
					lags = append(lags, mi-bm)
				}
			}
		}
		if len(lin.Pred(int(w))) == 0 {
			m.LeafCount++
		}
		for _, v := range links.Succ(int(w)) {
			if in[v] {
				// Count an inside link once: from its smaller endpoint, unless the reverse arc
				// exists too, in which case the pair is counted from the smaller endpoint only.
				if !hasArc(links, int(v), w) || w < v {
					m.Internal++
				}
			} else if !hasArc(links, int(v), w) {
				m.External++
			}
		}
		for _, u := range links.Pred(int(w)) {
			if !in[u] {
				m.External++
			}
		}
	}
	for y, c := range years {
		m.Growth = append(m.Growth, YearCount{y, c})
	}
	slices.SortFunc(m.Growth, func(a, b YearCount) int { return cmp.Compare(a.Year, b.Year) })
	m.LeafRatio = float64(m.LeafCount) / float64(m.Size)
	m.Centrality = float64(m.External)
	m.Density = 100 * float64(m.Internal) / float64(m.Size)
	if m.Dated > 0 {
		m.RecentShare = float64(m.RecentCount) / float64(m.Dated)
		m.DerivativeShare = float64(m.DerivativeCount) / float64(m.Dated)
		m.SiblingValid = true
		bases := make([]int32, 0, len(siblings))
		for b := range siblings {
			bases = append(bases, b)
		}
		slices.SortFunc(bases, func(a, b int32) int { return cmp.Compare(g.ids[a], g.ids[b]) })
		for _, b := range bases {
			c, start, idx := maxInWindow(siblings[b], SiblingWindow)
			if c > m.Sibling {
				m.Sibling, m.SiblingBase, m.SiblingStart = c, b, start
				m.SiblingWorks = nil
				for _, k := range idx {
					m.SiblingWorks = append(m.SiblingWorks, sibWorks[b][k])
				}
			}
		}
		slices.SortFunc(m.SiblingWorks, func(a, b int32) int {
			return cmp.Or(g.dates[a].Compare(g.dates[b]), cmp.Compare(g.ids[a], g.ids[b]))
		})
	}
	if m.LineageMissing {
		m.DerivativeShare, m.LeafRatio = nan, nan
		m.SiblingValid = false
	}
	if m.LineageArcs > 0 {
		// Σ (c/m)² = Σ c² / m², in integers so that map order cannot change the last bits.
		sq := 0
		for _, c := range baseArcs {
			sq += c * c
		}
		m.Concentration = float64(sq) / float64(m.LineageArcs*m.LineageArcs)
	}
	if len(lags) > 0 {
		m.LagPairs = len(lags)
		m.Lag = Median(lags)
	}
}

// meanCD averages the defined CD indices of works (summed in index order), NaN when none.
func meanCD(works []int32, cds []CD) float64 {
	s, n := 0.0, 0
	for _, w := range works {
		if v := cds[w].Value; !math.IsNaN(v) {
			s += v
			n++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return s / float64(n)
}

func hasArc(a *Adjacency, u int, v int32) bool {
	_, ok := slices.BinarySearch(a.Succ(u), v)
	return ok
}

// maxInWindow returns the largest number of months (values) inside any window [m, m+w-1],
// the earliest start month reaching it, and the indices of the values in that window.
func maxInWindow(months []int, w int) (best, start int, idx []int) {
	order := make([]int, len(months))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(months[a], months[b]) })
	start = -1
	lo := 0
	for hi := range order {
		for months[order[hi]]-months[order[lo]] >= w {
			lo++
		}
		if c := hi - lo + 1; c > best {
			best, start = c, months[order[lo]]
			idx = slices.Clone(order[lo : hi+1])
		}
	}
	return best, start, idx
}

// HHI is the Herfindahl–Hirschman index of shares (each in 0..1, summing to 1): Σ s².
func HHI(shares []float64) float64 {
	s := 0.0
	for _, x := range shares {
		s += x * x
	}
	return s
}

// Median returns the median of xs (the mean of the two middle values for an even count), or
// NaN for none. It does not modify xs.
func Median(xs []int) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	k := len(s) / 2
	if len(s)%2 == 1 {
		return float64(s[k])
	}
	return float64(s[k-1]+s[k]) / 2
}

func medianFloat(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	k := len(s) / 2
	if len(s)%2 == 1 {
		return s[k]
	}
	return (s[k-1] + s[k]) / 2
}

// Quadrant names of the strategic diagram.
const (
	QuadrantMotor    = "motor"
	QuadrantBasic    = "basic"
	QuadrantNiche    = "niche"
	QuadrantEmerging = "emerging-or-declining"
)

// assignQuadrants splits centrality and density at their medians over the directions with
// works; high means strictly above the median.
func assignQuadrants(ms []DirectionMetrics) (mc, md float64) {
	var cs, ds []float64
	for _, m := range ms {
		if m.Size > 0 {
			cs = append(cs, m.Centrality)
			ds = append(ds, m.Density)
		}
	}
	if len(cs) == 0 {
		return math.NaN(), math.NaN()
	}
	mc, md = medianFloat(cs), medianFloat(ds)
	for i := range ms {
		m := &ms[i]
		if m.Size == 0 {
			continue
		}
		hc, hd := m.Centrality > mc, m.Density > md
		switch {
		case hc && hd:
			m.Quadrant = QuadrantMotor
		case hc:
			m.Quadrant = QuadrantBasic
		case hd:
			m.Quadrant = QuadrantNiche
		default:
			m.Quadrant = QuadrantEmerging
		}
	}
	return mc, md
}

// MonthString formats a month index (see Date.MonthIndex) as YYYY-MM, or "" for -1.
func MonthString(mi int) string {
	if mi < 0 {
		return ""
	}
	return Date{Year: uint16(mi / 12), Month: uint8(mi%12 + 1)}.String()
}
