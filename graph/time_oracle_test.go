package graph

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/litgraph/litgraph/internal/testenv"
)

// TestKleinbergBruteForce compares the Viterbi path with the cheapest of all 2^n state
// sequences on random small series: same total cost, and the bursts are the runs of that
// sequence.
func TestKleinbergBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		n := 1 + rng.IntN(9)
		r, d := make([]int, n), make([]int, n)
		for i := range n {
			d[i] = rng.IntN(12)
			if d[i] > 0 {
				r[i] = rng.IntN(d[i] + 1)
			}
		}
		s, gamma := 1.5+rng.Float64()*2, rng.Float64()*2
		_, states := KleinbergBursts(r, d, s, gamma)
		R, D := 0, 0
		for i := range n {
			R, D = R+r[i], D+d[i]
		}
		if R == 0 || R >= D {
			if slices.Contains(states, 1) {
				t.Fatalf("trial %d: burst on a degenerate series", trial)
			}
			continue
		}
		p0 := float64(R) / float64(D)
		p1 := min(s*p0, BurstMaxP1)
		if p1 <= p0 {
			continue
		}
		cost := func(q []int) float64 {
			c, prev := 0.0, 0
			for i := range n {
				p := p0
				if q[i] == 1 {
					p = p1
					if prev == 0 {
						c += gamma * math.Log(float64(n))
					}
				}
				c += BurstCost(p, r[i], d[i])
				prev = q[i]
			}
			return c
		}
		best := math.Inf(1)
		for mask := range 1 << n {
			q := make([]int, n)
			for i := range n {
				q[i] = mask >> i & 1
			}
			best = math.Min(best, cost(q))
		}
		if got := cost(states); math.Abs(got-best) > 1e-9*math.Max(1, best) {
			t.Fatalf("trial %d: r=%v d=%v s=%v γ=%v: Viterbi cost %v, brute force %v", trial, r, d, s, gamma, got, best)
		}
	}
}

// TestFitLogisticScipy compares the fit with SciPy's bounded least squares
// (scipy.optimize.least_squares, trust-region reflective) on the same problem, from several
// starts: litgraph's sum of squares must be as low as SciPy's best, and the parameters close.
func TestFitLogisticScipy(t *testing.T) {
	py := testenv.Python(t)
	if err := exec.Command(py, "-c", "import scipy.optimize").Run(); err != nil {
		testenv.Missing(t, "%s cannot import scipy (apt-get install python3-scipy)", py)
	}
	series := map[string][2][]float64{
		// normalizing-flows in the built-in data, cumulative works 2016..2021.
		"normalizing-flows": {{2016, 2017, 2018, 2019, 2020, 2021}, {1, 1, 3, 4, 5, 6}},
		"noisy": {{2000, 2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009},
			{2, 3, 6, 11, 19, 30, 38, 45, 47, 49}},
	}
	const script = `
import json, sys, math
import numpy as np
from scipy.optimize import least_squares
ts, ys = (np.array(v, dtype=float) for v in json.loads(sys.argv[1]))
total = ys[-1]
def resid(p):
    k, tm, dt = p
    return k / (1 + np.exp(-math.log(81) / dt * (ts - tm))) - ys
best = None
for k0 in (1.05, 1.5, 3, 9):
    for tm0 in (ts[0], (ts[0] + ts[-1]) / 2, ts[-1], ts[-1] + 3):
        for dt0 in (1, 3, 10):
            r = least_squares(resid, [total * k0, tm0, dt0], bounds=([total, ts[0] - 50, 0.05], [10 * total, ts[-1] + 50, 200]),
                              xtol=1e-14, ftol=1e-14, gtol=1e-14, max_nfev=20000)
            sse = float(np.sum(r.fun ** 2))
            if best is None or sse < best[0]:
                best = (sse, list(map(float, r.x)))
print(json.dumps({"sse": best[0], "k": best[1][0], "tm": best[1][1], "dt": best[1][2]}))
`
	for name, s := range series {
		arg, _ := json.Marshal([2][]float64{s[0], s[1]})
		out, err := exec.Command(py, "-c", script, string(arg)).Output()
		if err != nil {
			t.Fatalf("%s: scipy: %v", name, err)
		}
		var ref struct{ SSE, K, Tm, Dt float64 }
		if err := json.Unmarshal([]byte(strings.TrimSpace(string(out))), &ref); err != nil {
			t.Fatal(err)
		}
		fit := FitLogistic(s[0], s[1])
		if !fit.OK {
			t.Fatalf("%s: no fit: %+v", name, fit)
		}
		t.Logf("%s: litgraph K %.4f tm %.4f dt %.4f SSE %.6g; SciPy K %.4f tm %.4f dt %.4f SSE %.6g", name, fit.K, fit.Tm, fit.Dt, fit.SSE, ref.K, ref.Tm, ref.Dt, ref.SSE)
		if fit.SSE > ref.SSE*(1+1e-6)+1e-9 {
			t.Errorf("%s: SSE %v, SciPy found %v (%+v)", name, fit.SSE, ref.SSE, ref)
		}
		if !within(fit.K, ref.K, 0.01*ref.K) || !within(fit.Tm, ref.Tm, 0.02) || !within(fit.Dt, ref.Dt, 0.02) {
			t.Errorf("%s: K %v tm %v dt %v; SciPy K %v tm %v dt %v", name, fit.K, fit.Tm, fit.Dt, ref.K, ref.Tm, ref.Dt)
		}
	}
}
