package cli

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/internal/suggest"
	"github.com/litgraph/litgraph/render"
	"github.com/spf13/cobra"
)

type rankOptions struct {
	analysis  analysisOptions
	by        string
	top       int
	direction string
	samples   int
	seed      uint64
	damping   float64
	tol       float64
}

func newRankCmd(a *app) *cobra.Command {
	o := &rankOptions{}
	cmd := &cobra.Command{
		Use:   "rank --by METRIC",
		Short: "Rank works by a centrality: pagerank, betweenness, in_degree, core, ...",
		Long: `rank computes one centrality for every work and lists the works from the highest
value down (ties by id). Edges point from a work to what it builds on or cites, so
"incoming" means "built on by". The metrics (--by), with networkx's conventions:

  in_degree    works that build on or cite it directly
  out_degree   works it builds on or cites directly
  pagerank     PageRank (Brin & Page 1998), damping --damping, stopping when the L1
               change is below --tol; a work that builds on nothing spreads its rank
               uniformly over all works (networkx's default); values sum to 1
  betweenness  Σ over ordered pairs (s,t) of the share of shortest s→t paths through
               the work, divided by (N−1)(N−2) (Brandes 2001); --samples K estimates it
               from K random sources (Brandes & Pich 2007), scaled by N/K, seeded by
               --random-seed
  closeness    (r−1)/Σd · (r−1)/(N−1) over the r works that reach it (itself included)
               and their distances to it (Wasserman–Faust, as networkx)
  harmonic     Σ 1/d(u, work) over the works u that reach it (Boldi & Vigna 2014), not
               normalised
  hub          HITS hub score (Kleinberg 1999): builds on good authorities; sums to 1
  authority    HITS authority score: built on by good hubs; sums to 1
  core         k-core number on the undirected view (Batagelj & Zaversnik 2003)
  descendants  works that build on it directly or transitively

--by all computes every metric and lists them side by side, sorted by pagerank.

The metric is computed on the whole graph (after --as-of, on the --rel relation kinds)
and --direction then lists only the works of a direction and its subdirections.
The results do not depend on the number of cores.

JSON: an array in rank order of objects with the keys rank, id, short_name, year and
the metric's name (such as "pagerank"; with --by all, every metric's name); a missing
name or year is null. Table, CSV and Markdown have the same columns.
docs/metrics-centrality.md gives every formula and how the values compare with networkx.`,
		Example: `  litgraph rank --by pagerank --top 10
  litgraph rank --by betweenness --direction vit-transfer --format json
  litgraph rank --by betweenness --samples 500 --random-seed 7 --data citations.yaml
  litgraph rank --by descendants --as-of 2021 --rel lineage
  litgraph rank --by all --top 0 --format csv --out centrality.csv`,
		Args: exactArgs(0, "no arguments (the metric goes in --by)"),
		RunE: func(cmd *cobra.Command, args []string) error { return a.runRank(cmd, o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.by, "by", "pagerank", "metric: "+strings.Join(graph.MetricNames(), ", ")+", or all (every metric, sorted by pagerank)")
	f.IntVar(&o.top, "top", 20, "list only the first K works (0: all)")
	f.StringVar(&o.direction, "direction", "", "list only the works of this direction and its subdirections (the metric still uses the whole graph)")
	f.IntVar(&o.samples, "samples", 0, "betweenness only: estimate from K sampled source works (0: exact)")
	f.Uint64Var(&o.seed, "random-seed", 1, "seed for --samples")
	f.Float64Var(&o.damping, "damping", graph.DefaultDamping, "pagerank only: damping factor, between 0 and 1 (exclusive)")
	f.Float64Var(&o.tol, "tol", graph.DefaultTol, "pagerank, hub, authority: stop when the L1 change of the vector is below this")
	o.analysis.register(cmd)
	return cmd
}

// parseMetric resolves --by with a did-you-mean.
func parseMetric(s string) (graph.Metric, error) {
	if m, ok := graph.ParseMetric(s); ok {
		return m, nil
	}
	hint := ""
	if near := suggest.Closest(strings.ToLower(strings.ReplaceAll(s, "-", "_")), graph.MetricNames()); near != "" {
		hint = fmt.Sprintf("; did you mean %q?", near)
	}
	return 0, usagef("--by: unknown metric %q%s (known: %s)", s, hint, strings.Join(graph.MetricNames(), ", "))
}

func (a *app) runRank(cmd *cobra.Command, o *rankOptions) error {
	f, err := a.format(tabular)
	if err != nil {
		return err
	}
	metrics := graph.Metrics()
	m := graph.MetricPageRank // with --by all: the sort key
	all := o.by == "all"
	if !all {
		if m, err = parseMetric(o.by); err != nil {
			return err
		}
		metrics = []graph.Metric{m}
	}
	uses := func(ms ...graph.Metric) bool {
		return all || slices.Contains(ms, m)
	}
	if o.top < 0 {
		return usagef("--top %d: give a positive number, or 0 for all works", o.top)
	}
	changed := cmd.Flags().Changed
	switch {
	case changed("samples") && !uses(graph.MetricBetweenness):
		return usagef("--samples applies to --by betweenness only")
	case changed("damping") && !uses(graph.MetricPageRank):
		return usagef("--damping applies to --by pagerank only")
	case changed("tol") && !uses(graph.MetricPageRank, graph.MetricHub, graph.MetricAuthority):
		return usagef("--tol applies to --by pagerank, hub and authority only")
	case !(o.damping > 0 && o.damping < 1):
		return usagef("--damping %g: give a number between 0 and 1 (exclusive), such as 0.85", o.damping)
	case !(o.tol > 0):
		return usagef("--tol %g: give a positive tolerance such as 1e-10", o.tol)
	case o.samples < 0:
		return usagef("--samples %d: give a positive number of sources, or 0 for exact betweenness", o.samples)
	}
	opts := graph.CentralityOptions{Damping: o.damping, Tol: o.tol, Samples: o.samples, Seed: o.seed}
	if err := opts.Validate(); err != nil {
		return usagef("%v", err)
	}
	an, err := a.loadAnalysis(&o.analysis)
	if err != nil {
		return err
	}
	g := an.g
	keep, dirNote, err := directionFilter(g, o.direction)
	if err != nil {
		return err
	}
	cols, err := graph.CentralityMany(g.Adjacency(an.kinds), metrics, opts)
	if err != nil {
		var ce *graph.ConvergenceError
		if errors.As(err, &ce) {
			return fmt.Errorf("%w; raise --tol", err)
		}
		return err
	}
	vals := cols[slices.Index(metrics, m)]
	var rows []int
	for i := range g.NumWorks() {
		if keep == nil || keep[i] {
			rows = append(rows, i)
		}
	}
	listed := len(rows)
	rows = sortTop(rows, o.top, func(x, y int) int {
		return cmp.Or(cmp.Compare(vals[y], vals[x]), strings.Compare(g.ID(x), g.ID(y)))
	})
	t := &render.Table{Columns: []render.Column{{Key: "rank"}, {Key: "id"}, {Key: "short_name", Header: "name", Max: 32}, {Key: "year"}}}
	for _, mm := range metrics {
		t.Columns = append(t.Columns, render.Column{Key: mm.String()})
	}
	for r, i := range rows {
		row := []any{r + 1, g.ID(i), nullStr(g.Work(i).ShortName), nullInt(int(g.Date(i).Year))}
		for k, mm := range metrics {
			var v any = cols[k][i]
			if mm.Integer() {
				v = int(cols[k][i])
			}
			row = append(row, v)
		}
		t.Rows = append(t.Rows, row)
	}
	t.Footer = []string{rankFooter(m, all, o, an, len(rows), listed, dirNote)}
	return a.emit(func(w io.Writer) error { return render.Write(w, f, t) })
}

func rankFooter(m graph.Metric, all bool, o *rankOptions, an *analysis, shown, listed int, dirNote string) string {
	var b strings.Builder
	if shown < listed {
		fmt.Fprintf(&b, "top %d of %s%s", shown, plural(listed, "work"), dirNote)
	} else {
		fmt.Fprintf(&b, "%s%s", plural(listed, "work"), dirNote)
	}
	by := m.String()
	if all {
		by = "every metric, sorted by pagerank,"
	}
	if dirNote != "" {
		fmt.Fprintf(&b, " by %s computed on all %s and their %s relations", by, plural(an.g.NumWorks(), "work"), kindsLabel(an.kinds))
	} else {
		fmt.Fprintf(&b, " by %s on %s relations", by, kindsLabel(an.kinds))
	}
	var notes []string
	if all || m == graph.MetricPageRank {
		notes = append(notes, fmt.Sprintf("damping %g, tol %g", o.damping, o.tol))
	} else if m == graph.MetricHub || m == graph.MetricAuthority {
		notes = append(notes, fmt.Sprintf("tol %g", o.tol))
	}
	if (all || m == graph.MetricBetweenness) && o.samples > 0 && o.samples < an.g.NumWorks() {
		notes = append(notes, fmt.Sprintf("betweenness estimated from %d sampled sources, seed %d", o.samples, o.seed))
	}
	if len(notes) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(notes, "; "))
	}
	if !an.asOf.IsZero() {
		fmt.Fprintf(&b, ", as of %s", an.asOf)
	}
	return b.String()
}

// kindsLabel names a relation kind set briefly: "lineage", "lineage,cites", or the list.
func kindsLabel(ks graph.KindSet) string {
	switch ks {
	case graph.LineageKinds:
		return "lineage"
	case graph.LineageKinds | graph.SetOf(graph.Cites):
		return "lineage,cites"
	case graph.AllKinds:
		return "all"
	}
	return ks.String()
}
