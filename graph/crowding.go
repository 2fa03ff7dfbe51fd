package graph

import (
	"cmp"
	"math"
	"slices"
)

// The crowding index. Its weights, part transforms and label thresholds were fixed from the
// definition of "crowded" (many near-identical derivatives of the same few bases, arriving
// fast, that nobody builds on) and written into docs/metrics-saturation.md, and committed,
// BEFORE any ranking of directions was computed. They were never tuned to agree with the
// seed article or any other list. Change them here and in the doc together; check the
// ranking's dependence on them with `litgraph crowded --sensitivity`.

// CrowdingParts names the parts of the crowding index, in report order. Each is also the
// name of the metric it is computed from.
var CrowdingParts = []string{"sibling_crowding", "derivative_share", "recent_share", "concentration", "leaf_ratio"}

// CrowdingWeights are the weights of the parts, in CrowdingParts order. They sum to 1.
type CrowdingWeights [5]float64

// DefaultCrowdingWeights: sibling crowding 0.30 (the only part measuring the whole
// definition), derivative and recent share 0.20 each (one ingredient each, directly),
// concentration and leaf ratio 0.15 each (one ingredient each, overlapping with others).
var DefaultCrowdingWeights = CrowdingWeights{0.30, 0.20, 0.20, 0.15, 0.15}

// Crowding thresholds (see docs/metrics-saturation.md, "Labels").
const (
	CrowdingThreshold   = 0.5 // crowding ≥ this: crowded
	RecentThreshold     = 0.5 // raw recent share ≥ this: emerging or rising
	EmergingMaxSize     = 5   // size < this (and recent): emerging, else rising
	ShrinkPseudoWorks   = 2   // α: pseudo-works that shrink proportions toward 0
	SiblingHalfSaturate = 3   // extra siblings at which the sibling part is 0.5
)

// Labels.
const (
	LabelCrowded  = "crowded"
	LabelRising   = "rising"
	LabelEmerging = "emerging"
	LabelMature   = "mature"
	LabelNiche    = "niche"
)

// Crowding is the composite index of a direction with its parts (each in 0..1).
type Crowding struct {
	Valid bool // false for a direction with no works
	Index float64
	Parts [5]float64 // transformed parts in CrowdingParts order
	Label string
}

// Contribution returns weight × part for part i.
func (c Crowding) Contribution(w CrowdingWeights, i int) float64 { return w[i] * c.Parts[i] }

// CrowdingPartsOf maps a direction's metrics to the five parts in 0..1.
func CrowdingPartsOf(m *DirectionMetrics) [5]float64 {
	shrink := func(k, n int) float64 { return float64(k) / float64(n+ShrinkPseudoWorks) }
	var p [5]float64
	if !m.LineageMissing {
		if s := m.Sibling; m.SiblingValid && s >= 1 {
			p[0] = float64(s-1) / float64(s-1+SiblingHalfSaturate)
		}
		p[1] = shrink(m.DerivativeCount, m.Dated)
		if m.LineageArcs > 0 {
			p[3] = m.Concentration * float64(m.LineageArcs) / float64(m.LineageArcs+ShrinkPseudoWorks)
		}
		p[4] = shrink(m.LeafCount, m.Size)
	}
	p[2] = shrink(m.RecentCount, m.Dated)
	return p
}

// CrowdingOf computes the index and label of a direction whose quadrant is already set.
func CrowdingOf(m *DirectionMetrics, w CrowdingWeights) Crowding {
	if m.Size == 0 {
		return Crowding{Index: math.NaN()}
	}
	c := Crowding{Valid: true, Parts: CrowdingPartsOf(m)}
	c.Index = w.index(c.Parts)
	switch {
	case c.Index >= CrowdingThreshold:
		c.Label = LabelCrowded
	case !math.IsNaN(m.RecentShare) && m.RecentShare >= RecentThreshold:
		if m.Size < EmergingMaxSize {
			c.Label = LabelEmerging
		} else {
			c.Label = LabelRising
		}
	case m.Quadrant == QuadrantMotor || m.Quadrant == QuadrantBasic:
		c.Label = LabelMature
	default:
		c.Label = LabelNiche
	}
	return c
}

func (w CrowdingWeights) index(p [5]float64) float64 {
	s := 0.0
	for i := range p {
		s += w[i] * p[i]
	}
	return s
}

// Normalized returns w scaled to sum 1.
func (w CrowdingWeights) Normalized() CrowdingWeights {
	s := 0.0
	for _, x := range w {
		s += x
	}
	for i := range w {
		w[i] /= s
	}
	return w
}

// CrowdingRanking returns the indices of ms sorted by crowding descending, ties by direction
// id; directions without works come last, by id.
func CrowdingRanking(ms []DirectionMetrics, index func(*DirectionMetrics) float64) []int {
	order := make([]int, len(ms))
	for i := range order {
		order[i] = i
	}
	key := make([]float64, len(ms))
	for i := range ms {
		key[i] = math.NaN()
		if ms[i].Crowding.Valid {
			key[i] = index(&ms[i])
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		na, nb := math.IsNaN(key[a]), math.IsNaN(key[b])
		switch {
		case na != nb:
			if na {
				return 1
			}
			return -1
		case !na && key[a] != key[b]:
			return -cmp.Compare(key[a], key[b])
		}
		return cmp.Compare(ms[a].ID, ms[b].ID)
	})
	return order
}

// SensitivityVariant is one perturbation of the weights.
type SensitivityVariant struct {
	Part    int     // index into CrowdingParts
	Factor  float64 // 0.5 or 1.5
	Weights CrowdingWeights
	Tau     float64 // Kendall τ-b of the variant's crowding against the base crowding
	Order   []int   // the variant's ranking (indices into the metrics)
}

// Sensitivity is the result of CrowdingSensitivity.
type Sensitivity struct {
	Base     []int // base ranking
	Variants []SensitivityVariant
	RankMin  []int // per metrics index: best (smallest) 1-based rank over base and variants
	RankMax  []int
}

// CrowdingSensitivity changes each weight by −50 % and +50 %, renormalises, and compares each
// variant ranking with the base one (Kendall τ-b over the directions with works) and gives
// every direction its rank range.
func CrowdingSensitivity(ms []DirectionMetrics, w CrowdingWeights) Sensitivity {
	baseIdx := func(m *DirectionMetrics) float64 { return w.index(m.Crowding.Parts) }
	s := Sensitivity{Base: CrowdingRanking(ms, baseIdx), RankMin: make([]int, len(ms)), RankMax: make([]int, len(ms))}
	record := func(order []int) {
		for r, i := range order {
			if s.RankMin[i] == 0 || r+1 < s.RankMin[i] {
				s.RankMin[i] = r + 1
			}
			s.RankMax[i] = max(s.RankMax[i], r+1)
		}
	}
	record(s.Base)
	var valid []int
	for i := range ms {
		if ms[i].Crowding.Valid {
			valid = append(valid, i)
		}
	}
	base := make([]float64, len(valid))
	for k, i := range valid {
		base[k] = baseIdx(&ms[i])
	}
	for p := range w {
		for _, f := range []float64{0.5, 1.5} {
			v := w
			v[p] *= f
			v = v.Normalized()
			idx := func(m *DirectionMetrics) float64 { return v.index(m.Crowding.Parts) }
			vals := make([]float64, len(valid))
			for k, i := range valid {
				vals[k] = idx(&ms[i])
			}
			order := CrowdingRanking(ms, idx)
			record(order)
			s.Variants = append(s.Variants, SensitivityVariant{Part: p, Factor: f, Weights: v, Tau: KendallTauB(base, vals), Order: order})
		}
	}
	return s
}

// KendallTauB returns Kendall's τ-b of x and y (equal lengths), the tie-corrected rank
// correlation (Kendall 1945): (C − D) / sqrt((n0 − n1)(n0 − n2)). It is NaN when either
// series is constant or shorter than 2. O(n²), fine for direction counts.
func KendallTauB(x, y []float64) float64 {
	n := len(x)
	var conc, disc, tx, ty float64
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			dx, dy := cmp.Compare(x[i], x[j]), cmp.Compare(y[i], y[j])
			switch {
			case dx == 0 && dy == 0:
				tx++
				ty++
			case dx == 0:
				tx++
			case dy == 0:
				ty++
			case dx == dy:
				conc++
			default:
				disc++
			}
		}
	}
	n0 := float64(n*(n-1)) / 2
	den := math.Sqrt((n0 - tx) * (n0 - ty))
	if den == 0 {
		return math.NaN()
	}
	return (conc - disc) / den
}
