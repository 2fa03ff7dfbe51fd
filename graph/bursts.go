package graph

import (
	"cmp"
	"math"
	"slices"
)

// Burst detection: the batched two-state automaton of Kleinberg (2002, "Bursty and
// hierarchical structure in streams", KDD, section 5 "enumerating bursts" in the batched
// form), the variant CiteSpace uses for citation bursts. The stream is n batches; batch t
// holds d_t events of which r_t are relevant. With R = Σ r_t and D = Σ d_t:
//
//	state 0 (base)  emits a relevant event with p0 = R / D
//	state 1 (burst) emits one with p1 = s · p0 (capped at BurstMaxP1)
//	σ(q, t) = −ln[ C(d_t, r_t) · p_q^r_t · (1 − p_q)^(d_t − r_t) ]
//	τ(i → j) = (j − i) · γ · ln n when moving up, 0 when moving down
//
// The state sequence minimising Σ σ + Σ τ (starting in state 0) is found with the Viterbi
// recurrence. A burst is a maximal run of state 1; its weight (Kleinberg's "strength") is the
// cost it saves, Σ_{t in the run} σ(0, t) − σ(1, t).

// BurstMaxP1 caps the burst-state rate p1 = s·p0 below 1 (as the burst_detection Python
// package does), so that a batch with non-relevant events keeps a finite cost.
const BurstMaxP1 = 0.99999

// DefaultBurstS and DefaultBurstGamma are the defaults of s and γ (CiteSpace's defaults).
const (
	DefaultBurstS     = 2.0
	DefaultBurstGamma = 1.0
)

// Burst is a maximal run [Start, End] (batch indices, inclusive) of the burst state.
type Burst struct {
	Start, End int
	Weight     float64
}

// BurstCost returns σ(p, r, d) = −ln[C(d, r) p^r (1 − p)^(d − r)].
func BurstCost(p float64, r, d int) float64 {
	lc := lchoose(d, r)
	c := -lc
	if r > 0 {
		c -= float64(r) * math.Log(p)
	}
	if d > r {
		c -= float64(d-r) * math.Log1p(-p)
	}
	return c
}

func lchoose(n, k int) float64 {
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(k + 1))
	c, _ := math.Lgamma(float64(n - k + 1))
	return a - b - c
}

// KleinbergBursts runs the two-state automaton on r and d (same length, 0 ≤ r_t ≤ d_t) and
// returns the bursts and the state of every batch. It finds no burst when R = 0, R = D or
// p1 ≤ p0 (the series has no room for a higher rate). s must be > 1 and gamma ≥ 0.
func KleinbergBursts(r, d []int, s, gamma float64) ([]Burst, []int) {
	n := len(r)
	states := make([]int, n)
	R, D := 0, 0
	for t := range n {
		R += r[t]
		D += d[t]
	}
	if n == 0 || R == 0 || R >= D {
		return nil, states
	}
	p0 := float64(R) / float64(D)
	p1 := min(s*p0, BurstMaxP1)
	if p1 <= p0 {
		return nil, states
	}
	up := gamma * math.Log(float64(n))
	// cost[q] of the best path ending in state q at t; from[t][q] the state at t−1.
	from := make([][2]int, n)
	c0, c1 := BurstCost(p0, r[0], d[0]), BurstCost(p1, r[0], d[0])+up
	for t := 1; t < n; t++ {
		e0, e1 := BurstCost(p0, r[t], d[t]), BurstCost(p1, r[t], d[t])
		// Into state 0: from 0 (free) or 1 (moving down is free); ties keep state 0.
		n0, f0 := c0, 0
		if c1 < c0 {
			n0, f0 = c1, 1
		}
		// Into state 1: from 1 (free) or from 0 (pay up); the path from 0 only when strictly
		// cheaper, so that a tie never splits a run.
		n1, f1 := c1, 1
		if c0+up < c1 {
			n1, f1 = c0+up, 0
		}
		from[t] = [2]int{f0, f1}
		c0, c1 = n0+e0, n1+e1
	}
	q := 0
	if c1 < c0 {
		q = 1
	}
	for t := n - 1; t >= 0; t-- {
		states[t] = q
		if t > 0 {
			q = from[t][q]
		}
	}
	var bursts []Burst
	for t := 0; t < n; t++ {
		if states[t] != 1 {
			continue
		}
		b := Burst{Start: t}
		for ; t < n && states[t] == 1; t++ {
			b.Weight += BurstCost(p0, r[t], d[t]) - BurstCost(p1, r[t], d[t])
		}
		b.End = t - 1
		bursts = append(bursts, b)
	}
	return bursts, states
}

// Period is the batch length of a burst series.
type Period int

// The periods.
const (
	PeriodYear Period = iota
	PeriodMonth
)

// Key returns the period of a dated d: its year, or its month index; -1 when undated.
func (p Period) Key(d Date) int {
	if d.IsZero() {
		return -1
	}
	if p == PeriodMonth {
		return d.MonthIndex()
	}
	return int(d.Year)
}

// Format writes a period key as YYYY or YYYY-MM.
func (p Period) Format(k int) string {
	if p == PeriodMonth {
		return MonthString(k)
	}
	return Date{Year: uint16(k)}.String()
}

// BurstOptions configures DirectionBursts and WorkBursts.
type BurstOptions struct {
	Period Period
	S      float64 // 0 means DefaultBurstS
	Gamma  float64 // negative means DefaultBurstGamma (0 is a valid γ)
	// AsOf ends every series at its period; zero means the period of the latest dated work.
	AsOf Date
}

func (o *BurstOptions) defaults() {
	if o.S == 0 {
		o.S = DefaultBurstS
	}
	if o.Gamma < 0 {
		o.Gamma = DefaultBurstGamma
	}
}

// BurstSeries is the batched series of one direction or work and its bursts. Batch t is the
// period First + t (a year, or a month index).
type BurstSeries struct {
	Index  int // direction index or work index
	ID     string
	First  int
	R, D   []int
	Bursts []Burst
}

// lastPeriod is the end of every series: the period of AsOf, else of the latest dated work.
func (g *Graph) lastPeriod(o BurstOptions) int {
	if !o.AsOf.IsZero() {
		return o.Period.Key(o.AsOf.EndOf())
	}
	last := -1
	for _, d := range g.dates {
		last = max(last, o.Period.Key(d))
	}
	return last
}

// directionWorkSets returns, per direction, its works and those of its subdirections (each
// once), ascending: the works of a direction in the saturation metrics.
func (g *Graph) directionWorkSets() [][]int32 {
	direct := g.DirectionWorks()
	out := make([][]int32, len(g.dirs))
	for d := range g.dirs {
		seen := map[int32]bool{}
		for _, s := range g.DirectionSubtree(d) {
			for _, w := range direct[s] {
				if !seen[w] {
					seen[w] = true
					out[d] = append(out[d], w)
				}
			}
		}
		slices.Sort(out[d])
	}
	return out
}

// DirectionBursts finds bursts in the output of every direction that has dated works:
// r_t = dated works of the direction (with its subdirections) in period t, d_t = all dated
// works in period t, from the direction's first dated period to the last period. Series come
// in direction id order.
func (g *Graph) DirectionBursts(o BurstOptions) []BurstSeries {
	o.defaults()
	last := g.lastPeriod(o)
	if last < 0 {
		return nil
	}
	all := map[int]int{}
	for _, d := range g.dates {
		if k := o.Period.Key(d); k >= 0 {
			all[k]++
		}
	}
	var out []BurstSeries
	for di, ws := range g.directionWorkSets() {
		first := -1
		own := map[int]int{}
		for _, w := range ws {
			if k := o.Period.Key(g.dates[w]); k >= 0 && k <= last {
				own[k]++
				if first < 0 || k < first {
					first = k
				}
			}
		}
		if first < 0 {
			continue
		}
		s := BurstSeries{Index: di, ID: g.dirs[di].ID, First: first}
		for k := first; k <= last; k++ {
			s.R = append(s.R, own[k])
			s.D = append(s.D, all[k])
		}
		s.Bursts, _ = KleinbergBursts(s.R, s.D, o.S, o.Gamma)
		out = append(out, s)
	}
	return out
}

// WorkBursts finds citation bursts of every work cited at least once by a dated work in adj
// (arc u → v: u cites v): r_t = arcs into the work from works dated in period t, d_t = all arcs
// from works dated in period t. A series runs from the work's own period (or, when it is
// undated, its first citation's) to the last period. Series come in work id order.
func (g *Graph) WorkBursts(adj *Adjacency, o BurstOptions) []BurstSeries {
	o.defaults()
	last := g.lastPeriod(o)
	if last < 0 {
		return nil
	}
	made := map[int]int{}
	for u := range adj.N() {
		if k := o.Period.Key(g.dates[u]); k >= 0 && k <= last {
			made[k] += len(adj.Succ(u))
		}
	}
	var out []BurstSeries
	for v := range adj.N() {
		got := map[int]int{}
		first := o.Period.Key(g.dates[v])
		firstCite := -1
		for _, u := range adj.Pred(v) {
			if k := o.Period.Key(g.dates[u]); k >= 0 && k <= last {
				got[k]++
				if firstCite < 0 || k < firstCite {
					firstCite = k
				}
			}
		}
		if firstCite < 0 {
			continue
		}
		if first < 0 || first > firstCite {
			first = firstCite
		}
		s := BurstSeries{Index: v, ID: g.ids[v], First: first}
		for k := first; k <= last; k++ {
			s.R = append(s.R, got[k])
			s.D = append(s.D, made[k])
		}
		s.Bursts, _ = KleinbergBursts(s.R, s.D, o.S, o.Gamma)
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b BurstSeries) int { return cmp.Compare(a.ID, b.ID) })
	return out
}
