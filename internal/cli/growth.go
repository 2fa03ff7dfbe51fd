package cli

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/render"
	"github.com/litgraph/litgraph/render/plot"
	"github.com/spf13/cobra"
)

type growthOptions struct {
	analysis  analysisOptions
	direction string
	plot      string
}

func newGrowthCmd(a *app) *cobra.Command {
	o := &growthOptions{}
	cmd := &cobra.Command{
		Use:   "growth",
		Short: "Show each direction's yearly output and fit its life cycle (logistic, Loglet)",
		Long: `growth counts each direction's dated works per year (with its subdirections) and
fits the logistic ("Loglet", Meyer et al. 1999) model to the cumulative output, as
bibliometrix's lifeCycle does:

  N(t) = K / (1 + exp(−ln(81)/Δt · (t − tm)))

  k            saturation level K (fit with K ≥ the works already there)
  peak_year    tm, the year of peak yearly output (N = K/2)
  growth_time  Δt, years from 10 % to 90 % of K
  share_of_k   cumulative works at --as-of (or the latest dated work) / K
  r2           1 − SSE/SST of the fit on the cumulative series

Each series runs from the direction's first year with a work to the reference year,
years without works included (a partial last year counts what it has). A direction with
fewer than 4 years with works is not fitted: "too few points" (three parameters through
three points fit anything). The fit is least squares with Nelder–Mead from a fixed grid
of starts (deterministic). --plot FILE draws the cumulative points and the fitted curve
of every direction with dated works (SVG, or PNG for a .png name).

Rows in direction id order; JSON gives growth as an object year → count, and null fit
values with a note when there is no fit.`,
		Example: `  litgraph growth
  litgraph growth --as-of 2021-06 --plot growth.svg
  litgraph growth --direction self-supervision --format json`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.format(tabular)
			if err != nil {
				return err
			}
			an, err := a.loadAnalysis(&o.analysis)
			if err != nil {
				return err
			}
			keep, err := directionSet(an.g, o.direction)
			if err != nil {
				return err
			}
			lcs := lifeCycles(an, keep)
			if o.plot != "" {
				if err := writePlot(o.plot, func(w io.Writer, pf plot.Format) error {
					return plot.WriteGrowthCurves(w, pf, growthCurves(an, lcs))
				}); err != nil {
					return err
				}
			}
			return a.emit(func(w io.Writer) error { return render.Write(w, f, growthTable(an, lcs, keep, f)) })
		},
	}
	o.analysis.register(cmd)
	cmd.Flags().StringVar(&o.direction, "direction", "", "only this direction and its subdirections")
	cmd.Flags().StringVar(&o.plot, "plot", "", "also draw the growth curves to this file (SVG, or PNG when it ends in .png)")
	return cmd
}

func lifeCycles(an *analysis, keep map[int]bool) []graph.LifeCycle {
	var out []graph.LifeCycle
	for _, lc := range an.g.LifeCycles(an.asOf) {
		if keep == nil || keep[lc.Direction] {
			out = append(out, lc)
		}
	}
	return out
}

func growthTable(an *analysis, lcs []graph.LifeCycle, keep map[int]bool, f render.Format) *render.Table {
	byDir := map[int]*graph.LifeCycle{}
	for i := range lcs {
		byDir[lcs[i].Direction] = &lcs[i]
	}
	t := &render.Table{Columns: []render.Column{{Key: "direction"}, {Key: "name", Hide: true}, {Key: "growth", Max: 40},
		{Key: "years_with_works", Header: "years"}, {Key: "works"}, {Key: "k"}, {Key: "peak_year", Header: "peak"},
		{Key: "growth_time", Header: "dt"}, {Key: "share_of_k", Header: "share"}, {Key: "r2"}, {Key: "note"}}}
	for d, dir := range an.g.Directions() {
		if keep != nil && !keep[d] {
			continue
		}
		lc := byDir[d]
		if lc == nil {
			var growth any = ""
			if f == render.FormatJSON {
				growth = nil
			}
			t.Rows = append(t.Rows, []any{dir.ID, dir.Name, growth, 0, 0, nil, nil, nil, nil, nil, "no dated works"})
			continue
		}
		var growth any
		if f == render.FormatJSON {
			obj := render.Object{}
			for i, y := range lc.Years {
				obj = append(obj, render.Field{Key: strconv.Itoa(y), Value: lc.Counts[i]})
			}
			growth = obj
		} else {
			var parts []string
			for i, y := range lc.Years {
				parts = append(parts, fmt.Sprintf("%d:%d", y, lc.Counts[i]))
			}
			growth = strings.Join(parts, " ")
		}
		works := int(lc.Cumulative[len(lc.Cumulative)-1])
		fit := lc.Fit
		t.Rows = append(t.Rows, []any{dir.ID, dir.Name, growth, lc.WithWorks, works, num(fit.K), num(fit.Tm), num(fit.Dt),
			num(lc.Share), num(fit.R2), strOrNil(fit.Reason)})
	}
	ref := "the latest dated work"
	if !an.asOf.IsZero() {
		ref = "--as-of " + an.asOf.String()
	}
	t.Footer = []string{fmt.Sprintf("Loglet fit N(t) = K/(1+exp(−ln81/dt·(t−peak))) on cumulative yearly works up to %s; fewer than %d years with works: too few points (docs/time-and-pictures.md)",
		ref, graph.MinLifeCyclePoints)}
	return t
}

func growthCurves(an *analysis, lcs []graph.LifeCycle) plot.GrowthCurves {
	gc := plot.GrowthCurves{Title: "Cumulative works per direction (points) and fitted logistic (line)"}
	if !an.asOf.IsZero() {
		gc.Title += ", as of " + an.asOf.String()
	}
	for _, lc := range lcs {
		s := plot.GrowthSeries{Label: lc.ID}
		for i, y := range lc.Years {
			s.Years = append(s.Years, float64(y))
			s.Cumulative = append(s.Cumulative, lc.Cumulative[i])
		}
		if lc.Fit.OK {
			lo, hi := float64(lc.Years[0]), float64(lc.Years[len(lc.Years)-1])+1
			for x := lo; x <= hi+1e-9; x += 0.25 {
				s.FitX = append(s.FitX, x)
				s.FitY = append(s.FitY, graph.Logistic(x, lc.Fit.K, lc.Fit.Tm, lc.Fit.Dt))
			}
			s.Note = fmt.Sprintf("K %s, peak %s, dt %s, R² %s", render.FormatFloat(round1(lc.Fit.K)), render.FormatFloat(round1(lc.Fit.Tm)),
				render.FormatFloat(round1(lc.Fit.Dt)), render.FormatFloat(math.Round(lc.Fit.R2*100)/100))
		} else {
			s.Note = lc.Fit.Reason
		}
		gc.Series = append(gc.Series, s)
	}
	return gc
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
