package cli

import (
	"fmt"
	"io"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/render"
	"github.com/spf13/cobra"
)

type disruptionOptions struct {
	analysis analysisOptions
	window   int
	top      int
}

func newDisruptionCmd(a *app) *cobra.Command {
	o := &disruptionOptions{}
	cmd := &cobra.Command{
		Use:   "disruption",
		Short: "Rank works by the CD index of disruption (Funk & Owen-Smith 2017)",
		Long: `disruption computes the CD index of every dated work f on the --rel view (lineage,
plus cites when the data has citations), as the cdindex package does: over the works i
dated after f and at most --window years later that cite f or one of f's references,

  CD = (1/n) Σ_i (−2·f_i·b_i + f_i)

with f_i = 1 when i cites f and b_i = 1 when i cites a reference of f. +1: later work
cites f alone (f disrupted its sources); −1: later work cites f together with its
sources (f consolidated them). Counts: focal_only (n_i), both (n_j), refs_only (n_k),
n = their sum; mcd = CD × (focal_only + both), the magnitude-weighted mCD. Works
without a date, or with no work in the window, have no CD and are left out. With
--as-of, works after that date do not exist, so windows are cut there.

Rows are sorted by cd_index descending (most disruptive first), then n descending,
then id; --top keeps the first K (0: all). See docs/time-and-pictures.md.`,
		Example: `  litgraph disruption
  litgraph disruption --window 3 --top 10
  litgraph disruption --as-of 2021-06 --format json`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.format(tabular)
			if err != nil {
				return err
			}
			if o.window < 1 {
				return usagef("--window must be at least 1 (years), got %d", o.window)
			}
			if o.top < 0 {
				return usagef("--top must be 0 (all) or more, got %d", o.top)
			}
			an, err := a.loadAnalysis(&o.analysis)
			if err != nil {
				return err
			}
			g := an.g
			ranked := g.RankCD(g.CDIndices(g.Adjacency(an.kinds), o.window))
			total := len(ranked)
			if o.top > 0 && len(ranked) > o.top {
				ranked = ranked[:o.top]
			}
			t := &render.Table{Columns: []render.Column{{Key: "rank"}, {Key: "work"}, {Key: "name", Max: 24}, {Key: "date"},
				{Key: "cd_index", Header: "cd"}, {Key: "n"}, {Key: "focal_only"}, {Key: "both"}, {Key: "refs_only"}, {Key: "mcd"}}}
			for r, c := range ranked {
				w := int(c.Work)
				t.Rows = append(t.Rows, []any{r + 1, g.ID(w), g.Label(w), g.Date(w).String(), c.Value, c.N, c.Only, c.Both, c.Refs,
					c.Value * float64(c.M)})
			}
			t.Footer = []string{fmt.Sprintf("%d of %s have a CD index (window %d years, relations %s); CD +1 disruptive, −1 consolidating (Funk & Owen-Smith 2017)",
				total, plural(g.NumWorks(), "work"), o.window, an.kinds)}
			return a.emit(func(w io.Writer) error { return render.Write(w, f, t) })
		},
	}
	o.analysis.register(cmd)
	cmd.Flags().IntVar(&o.window, "window", graph.DefaultCDWindowYears, "years after each work in which later works count")
	cmd.Flags().IntVar(&o.top, "top", 20, "show the K highest (0: all)")
	return cmd
}
