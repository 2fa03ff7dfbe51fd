package cli

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/render"
	"github.com/litgraph/litgraph/render/plot"
	"github.com/spf13/cobra"
)

type burstsOptions struct {
	analysis analysisOptions
	by       string
	period   string
	s, gamma float64
	plot     string
}

// burstRow is one burst of one series, for the table and the timeline.
type burstRow struct {
	id, name   string
	start, end int // period keys, inclusive
	strength   float64
	r, d       int
}

func newBurstsCmd(a *app) *cobra.Command {
	o := &burstsOptions{}
	cmd := &cobra.Command{
		Use:   "bursts",
		Short: "Find bursts of activity in directions or of citations to works (Kleinberg 2002)",
		Long: `bursts runs Kleinberg's (2002) two-state batched burst automaton, the one CiteSpace
uses, on yearly or monthly batches (docs/time-and-pictures.md):

  --by direction  r_t = dated works of the direction (with its subdirections) in period
                  t, d_t = all dated works in period t; from the direction's first work
  --by work       r_t = citations (arcs of the --rel view) the work receives from works
                  dated in t, d_t = all arcs from works dated in t; from the work's date

With p0 = Σr/Σd, the burst state emits at p1 = s·p0; a batch costs
−ln[C(d,r) p^r (1−p)^(d−r)] and entering the burst state costs γ·ln(n) for n batches.
The cheapest state sequence (Viterbi) gives the bursts; a burst's strength is the cost
it saves, Σ over its batches of cost(base) − cost(burst) (Kleinberg's weight). Higher
--s asks for sharper bursts, higher --gamma for longer evidence. Series end at --as-of
(or at the latest dated work).

Rows: one per burst, sorted by start, then strength descending, then id. JSON: an array
of {direction|work, name, start, end, strength, relevant, total} where relevant and
total are Σr and Σd over the burst. --plot FILE draws the timeline (SVG, or PNG for
a .png name): one row per burst, shaded by strength.`,
		Example: `  litgraph bursts
  litgraph bursts --period month --as-of 2021-06
  litgraph bursts --by work --plot bursts.svg`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.format(tabular)
			if err != nil {
				return err
			}
			bo := graph.BurstOptions{S: o.s, Gamma: o.gamma}
			switch o.period {
			case "year":
				bo.Period = graph.PeriodYear
			case "month":
				bo.Period = graph.PeriodMonth
			default:
				return usagef("--period must be year or month, got %q", o.period)
			}
			if o.by != "direction" && o.by != "work" {
				return usagef("--by must be direction or work, got %q", o.by)
			}
			if !(o.s > 1) || math.IsInf(o.s, 0) {
				return usagef("--s must be a number above 1, got %v", o.s)
			}
			if !(o.gamma >= 0) || math.IsInf(o.gamma, 0) {
				return usagef("--gamma must be 0 or more, got %v", o.gamma)
			}
			an, err := a.loadAnalysis(&o.analysis)
			if err != nil {
				return err
			}
			bo.AsOf = an.asOf
			var series []graph.BurstSeries
			name := func(i int) string { return an.g.Directions()[i].Name }
			if o.by == "direction" {
				series = an.g.DirectionBursts(bo)
			} else {
				series = an.g.WorkBursts(an.g.Adjacency(an.kinds), bo)
				name = an.g.Label
			}
			rows := burstRows(series, name)
			if o.plot != "" {
				if err := writePlot(o.plot, func(w io.Writer, pf plot.Format) error {
					return plot.WriteBurstTimeline(w, pf, burstTimeline(rows, bo.Period, o.by))
				}); err != nil {
					return err
				}
			}
			with := 0
			for _, s := range series {
				if len(s.Bursts) > 0 {
					with++
				}
			}
			foot := fmt.Sprintf("s %s, gamma %s, %s batches; %d of %d %s series have a burst; strength = cost saved (Kleinberg 2002)",
				render.FormatFloat(o.s), render.FormatFloat(o.gamma), o.period, with, len(series), o.by)
			return a.emit(func(w io.Writer) error { return render.Write(w, f, burstTable(rows, bo.Period, o.by, foot)) })
		},
	}
	o.analysis.register(cmd)
	cmd.Flags().StringVar(&o.by, "by", "direction", "direction (output of each direction) or work (citations each work receives)")
	cmd.Flags().StringVar(&o.period, "period", "year", "batch length: year or month")
	cmd.Flags().Float64Var(&o.s, "s", graph.DefaultBurstS, "burst rate multiplier: p1 = s·p0 (> 1)")
	cmd.Flags().Float64Var(&o.gamma, "gamma", graph.DefaultBurstGamma, "cost of entering the burst state, × ln(batches) (≥ 0)")
	cmd.Flags().StringVar(&o.plot, "plot", "", "also draw the burst timeline to this file (SVG, or PNG when it ends in .png)")
	return cmd
}

func burstRows(series []graph.BurstSeries, name func(int) string) []burstRow {
	var rows []burstRow
	for _, s := range series {
		for _, b := range s.Bursts {
			r := burstRow{id: s.ID, name: name(s.Index), start: s.First + b.Start, end: s.First + b.End, strength: b.Weight}
			for t := b.Start; t <= b.End; t++ {
				r.r += s.R[t]
				r.d += s.D[t]
			}
			rows = append(rows, r)
		}
	}
	slices.SortStableFunc(rows, func(x, y burstRow) int {
		return cmp.Or(cmp.Compare(x.start, y.start), -cmp.Compare(x.strength, y.strength), cmp.Compare(x.id, y.id))
	})
	return rows
}

func burstTable(rows []burstRow, p graph.Period, by, foot string) *render.Table {
	t := &render.Table{Columns: []render.Column{{Key: by}, {Key: "name", Max: 30}, {Key: "start"}, {Key: "end"},
		{Key: "strength"}, {Key: "relevant"}, {Key: "total"}}, Footer: []string{foot}}
	for _, r := range rows {
		t.Rows = append(t.Rows, []any{r.id, r.name, p.Format(r.start), p.Format(r.end), r.strength, r.r, r.d})
	}
	return t
}

// periodX places a period key on a year axis: a year y spans [y, y+1), a month index k
// spans [k/12, (k+1)/12).
func periodX(p graph.Period, k int) float64 {
	if p == graph.PeriodMonth {
		return float64(k) / 12
	}
	return float64(k)
}

func burstTimeline(rows []burstRow, p graph.Period, by string) plot.BurstTimeline {
	bt := plot.BurstTimeline{Title: "Bursts by " + by + " (Kleinberg 2002)"}
	for _, r := range rows {
		span := p.Format(r.start)
		if r.end != r.start {
			span += "–" + p.Format(r.end)
		}
		bt.Bars = append(bt.Bars, plot.BurstBar{Label: r.id, Start: periodX(p, r.start), End: periodX(p, r.end+1),
			Strength: r.strength, Text: span + ", " + render.FormatFloat(r.strength)})
	}
	return bt
}
