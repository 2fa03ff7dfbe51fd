package graph

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/optimize"
)

// Life cycles: the logistic ("Loglet") model of Meyer, Yung & Ausubel (1999, "A primer on
// logistic growth and substitution: the mathematics of the Loglet Lab software",
// Technological Forecasting and Social Change 61(3)), which bibliometrix's lifeCycle fits to
// the cumulative output of a field:
//
//	N(t) = K / (1 + exp(−ln(81)/Δt · (t − tm)))
//
// K is the saturation level, tm the midpoint (the year of peak annual output, where N = K/2)
// and Δt the characteristic duration: the time N takes to grow from 10 % to 90 % of K (the
// ln 81 = 2·ln 9 makes it so).

// MaxLifeCycleK bounds K above at this multiple of the works already there. A direction still
// growing linearly or faster fits any K, however large; the bound keeps the numbers finite
// and the fit says so in its Reason ("K at the upper bound").
const MaxLifeCycleK = 10

// MinLifeCyclePoints is the fewest years with works a direction needs for a fit: a
// three-parameter curve through fewer points would fit anything.
const MinLifeCyclePoints = 4

// Logistic returns N(t) for the Loglet parameters.
func Logistic(t, k, tm, dt float64) float64 {
	return k / (1 + math.Exp(-math.Log(81)/dt*(t-tm)))
}

// LogisticFit is the least-squares Loglet fit of a cumulative series.
type LogisticFit struct {
	OK     bool
	Reason string // why there is no fit ("too few points")
	K      float64
	Tm     float64 // peak year
	Dt     float64 // 10 % → 90 % growth time, in years
	R2     float64 // 1 − SSE/SST of the cumulative series, NaN when SST = 0
	SSE    float64
}

// FitLogistic fits N(t) to the cumulative counts cum at times ts (ascending) by least squares
// with Nelder–Mead (gonum optimize), subject to cum[last] ≤ K ≤ MaxLifeCycleK·cum[last].
// K = cum[last]·(1 + (MaxLifeCycleK−1)·logistic(a)) and Δt = e^b keep the bounds; the fit
// starts from a fixed grid of initial points and keeps the best, so the result is
// deterministic. It needs at least MinLifeCyclePoints times with a new work (a rise in cum).
func FitLogistic(ts, cum []float64) LogisticFit {
	nan := math.NaN()
	fit := LogisticFit{K: nan, Tm: nan, Dt: nan, R2: nan, SSE: nan}
	rises := 0
	for i := range cum {
		if (i == 0 && cum[0] > 0) || (i > 0 && cum[i] > cum[i-1]) {
			rises++
		}
	}
	if rises < MinLifeCyclePoints || len(ts) != len(cum) {
		fit.Reason = "too few points"
		return fit
	}
	total := cum[len(cum)-1]
	t0 := ts[0]
	span := ts[len(ts)-1] - t0
	kOf := func(a float64) float64 { return total * (1 + (MaxLifeCycleK-1)/(1+math.Exp(-a))) }
	sse := func(x []float64) float64 {
		k, tm, dt := kOf(x[0]), x[1], math.Exp(x[2])
		s := 0.0
		for i, t := range ts {
			e := Logistic(t-t0, k, tm, dt) - cum[i]
			s += e * e
		}
		if math.IsNaN(s) || math.IsInf(s, 0) {
			return math.MaxFloat64
		}
		return s
	}
	best, bestX := math.Inf(1), []float64(nil)
	for _, kf := range []float64{0.05, 0.5, 2} { // K0 = total·(1 + kf)
		for _, tmf := range []float64{0.5, 1, 1.5} {
			for _, dtf := range []float64{0.5, 1} {
				x0 := []float64{-math.Log((MaxLifeCycleK-1)/kf - 1), tmf * span, math.Log(math.Max(1, dtf*span))}
				res, err := optimize.Minimize(optimize.Problem{Func: sse}, x0, &optimize.Settings{
					FuncEvaluations: 4000,
					Converger:       &optimize.FunctionConverge{Absolute: 1e-12, Relative: 1e-12, Iterations: 200},
				}, &optimize.NelderMead{})
				if err != nil && res == nil {
					continue
				}
				if res.F < best {
					best, bestX = res.F, res.X
				}
			}
		}
	}
	if bestX == nil {
		fit.Reason = "no convergence"
		return fit
	}
	fit.OK = true
	fit.K, fit.Tm, fit.Dt, fit.SSE = kOf(bestX[0]), t0+bestX[1], math.Exp(bestX[2]), best
	if fit.K > 0.99*MaxLifeCycleK*total {
		fit.Reason = "K at the upper bound: no sign of saturation yet"
	}
	mean := 0.0
	for _, y := range cum {
		mean += y
	}
	mean /= float64(len(cum))
	sst := 0.0
	for _, y := range cum {
		sst += (y - mean) * (y - mean)
	}
	if sst > 0 {
		fit.R2 = 1 - best/sst
	}
	return fit
}

// LifeCycle is the growth series of one direction and its Loglet fit.
type LifeCycle struct {
	Direction  int
	ID         string
	Years      []int     // every year from the first with a work to the reference year
	Counts     []int     // dated works per year
	Cumulative []float64 // running total at the end of each year
	WithWorks  int       // years with at least one work
	Fit        LogisticFit
	Share      float64 // Cumulative[last] / K: the share of K reached at the reference year
}

// LifeCycles fits the Loglet model to every direction with dated works, in direction id
// order. The series end at the year of asOf or, when it is zero, at the year of the latest
// dated work in the graph (a partial last year counts what it has).
func (g *Graph) LifeCycles(asOf Date) []LifeCycle {
	last := 0
	if !asOf.IsZero() {
		last = int(asOf.Year)
	} else {
		for _, d := range g.dates {
			last = max(last, int(d.Year))
		}
	}
	var out []LifeCycle
	var fitTs [][]float64
	for di, ws := range g.directionWorkSets() {
		per := map[int]int{}
		first := 0
		for _, w := range ws {
			if y := int(g.dates[w].Year); y > 0 && y <= last {
				per[y]++
				if first == 0 || y < first {
					first = y
				}
			}
		}
		if first == 0 {
			continue
		}
		lc := LifeCycle{Direction: di, ID: g.dirs[di].ID, Share: math.NaN()}
		run := 0.0
		var ts []float64
		for y := first; y <= last; y++ {
			lc.Years = append(lc.Years, y)
			lc.Counts = append(lc.Counts, per[y])
			run += float64(per[y])
			lc.Cumulative = append(lc.Cumulative, run)
			ts = append(ts, float64(y))
			if per[y] > 0 {
				lc.WithWorks++
			}
		}
		out = append(out, lc)
		fitTs = append(fitTs, ts)
	}
	// The fits are independent: run them on every core, each into its own slot.
	var wg sync.WaitGroup
	var next atomic.Int64
	for range min(runtime.GOMAXPROCS(0), len(out)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(out); i = int(next.Add(1) - 1) {
				lc := &out[i]
				lc.Fit = FitLogistic(fitTs[i], lc.Cumulative)
				if lc.Fit.OK {
					lc.Share = lc.Cumulative[len(lc.Cumulative)-1] / lc.Fit.K
				}
			}
		}()
	}
	wg.Wait()
	return out
}
