package cli

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/render"
	"github.com/litgraph/litgraph/render/plot"
	"github.com/spf13/cobra"
)

// saturationMetrics are the metric names --sort accepts, as in the JSON keys.
var saturationMetrics = []string{"size", "undated", "recent_share", "derivative_share", "sibling_crowding",
	"leaf_ratio", "centrality", "density", "concentration", "lag", "mean_cd", "crowding"}

type saturationOptions struct {
	analysis  analysisOptions
	window    int
	cdWindow  int
	sort      string
	direction string
	plot      string
	compare   string
}

func (o *saturationOptions) registerWindow(cmd *cobra.Command) {
	cmd.Flags().IntVar(&o.window, "window-months", 12, "recent window in months, ending at --as-of (or at the latest dated work)")
}

// compute loads the graph and runs the saturation metrics.
func (a *app) saturation(o *saturationOptions) (*analysis, *graph.SaturationReport, error) {
	if o.window < 1 {
		return nil, nil, usagef("--window-months must be at least 1, got %d", o.window)
	}
	an, err := a.loadAnalysis(&o.analysis)
	if err != nil {
		return nil, nil, err
	}
	if o.cdWindow < 0 {
		return nil, nil, usagef("--cd-window must be at least 1 (years), got %d", o.cdWindow)
	}
	rep := an.g.Saturation(graph.SaturationOptions{Kinds: an.kinds, AsOf: an.asOf, WindowMonths: o.window, CDWindowYears: o.cdWindow})
	return an, rep, nil
}

func newSaturationCmd(a *app) *cobra.Command {
	o := &saturationOptions{}
	cmd := &cobra.Command{
		Use:   "saturation",
		Short: "Print saturation metrics for every direction",
		Long: `saturation measures every direction on the graph cut at --as-of. A direction's
works are those filed under it or under any of its subdirections. Metrics (formulas
and sources in docs/metrics-saturation.md):

  size              works in the direction
  undated           works without a date (kept in structural metrics, left out of time ones)
  growth            dated works per year
  recent_share      share of dated works in the last --window-months months before
                    --as-of (or before the latest dated work in the data)
  derivative_share  share of dated works with a lineage edge to a base
  sibling_crowding  most works deriving from one base within 12 months (sibling_base)
  leaf_ratio        share of works nobody builds on yet (no incoming lineage edge)
  centrality        links to works outside the direction (Callon et al. 1991, Cobo et al. 2011)
  density           100 × links inside the direction / size
  quadrant          motor, basic, niche or emerging-or-declining (split at the medians)
  concentration     Herfindahl–Hirschman index of the lineage edges over their bases
  lag               median months from a base to the works derived from it
  mean_cd (cd)      mean CD index of disruption of the direction's works that have one
                    (Funk & Owen-Smith 2017; window --cd-window years, see litgraph
                    disruption and docs/time-and-pictures.md)
  crowding, label   the composite index of litgraph crowded

--compare DATE puts every metric at DATE beside its value at --as-of (or at the latest
dated work) and names each direction's move on the thematic map (quadrant then → now),
as bibliometrix's thematic evolution does; the table writes "then→now" cells, JSON an
array of {direction, name, quadrant_then, quadrant_now, move, metrics: {metric: {then,
now}}}, CSV flat metric_then, metric_now columns. --plot FILE draws the thematic map:
centrality (x) against density (y), dashed lines at the medians, a point per direction
coloured by quadrant and labelled with its id (with --compare, a grey line from where it
was). A direction with no works prints null metrics. Rows are sorted by direction id, or by
--sort METRIC descending (missing values last, ties by id). JSON gives growth as an
object year → count; table and CSV write it as "2020:3 2021:2".`,
		Example: `  litgraph saturation
  litgraph saturation --as-of 2021-06 --sort crowding
  litgraph saturation --direction vit-transfer --format json
  litgraph saturation --as-of 2021-06 --plot thematic-map.svg
  litgraph saturation --as-of 2021-06 --compare 2020-06`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.format(tabular)
			if err != nil {
				return err
			}
			if o.sort != "" && o.sort != "direction" && !slices.Contains(saturationMetrics, o.sort) {
				return usagef("--sort: unknown metric %q (known: direction, %s)", o.sort, strings.Join(saturationMetrics, ", "))
			}
			an, rep, err := a.saturation(o)
			if err != nil {
				return err
			}
			keep, err := directionSet(an.g, o.direction)
			if err != nil {
				return err
			}
			var then *graph.SaturationReport
			if o.compare != "" {
				if then, err = a.saturationThen(o, an, rep); err != nil {
					return err
				}
			}
			if o.plot != "" {
				if err := writePlot(o.plot, func(w io.Writer, pf plot.Format) error {
					return plot.WriteThematicMap(w, pf, thematicMap(an, rep, then, keep))
				}); err != nil {
					return err
				}
			}
			if then != nil {
				return a.emit(func(w io.Writer) error { return writeCompare(w, f, an, rep, then, keep, o.compare) })
			}
			return a.emit(func(w io.Writer) error { return render.Write(w, f, saturationTable(an, rep, keep, o.sort, f)) })
		},
	}
	o.analysis.register(cmd)
	o.registerWindow(cmd)
	cmd.Flags().IntVar(&o.cdWindow, "cd-window", graph.DefaultCDWindowYears, "window of the CD index behind mean_cd, in years")
	cmd.Flags().StringVar(&o.plot, "plot", "", "also draw the thematic map (centrality × density) to this file (SVG, or PNG when it ends in .png)")
	cmd.Flags().StringVar(&o.compare, "compare", "", "compare every metric at this earlier date (YYYY[-MM[-DD]]) with its value at --as-of")
	cmd.Flags().StringVar(&o.sort, "sort", "direction", "sort by this metric, descending: "+strings.Join(saturationMetrics, ", "))
	cmd.Flags().StringVar(&o.direction, "direction", "", "only this direction and its subdirections")
	return cmd
}

// num turns a NaN into nil (JSON null, empty cell).
func num(x float64) any {
	if math.IsNaN(x) {
		return nil
	}
	return x
}

func strOrNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// metricValue returns a metric by name, NaN when missing.
func metricValue(m *graph.DirectionMetrics, name string) float64 {
	switch name {
	case "size":
		return float64(m.Size)
	case "undated":
		return float64(m.Undated)
	case "recent_share":
		return m.RecentShare
	case "derivative_share":
		return m.DerivativeShare
	case "sibling_crowding":
		if !m.SiblingValid {
			return math.NaN()
		}
		return float64(m.Sibling)
	case "leaf_ratio":
		return m.LeafRatio
	case "centrality":
		return m.Centrality
	case "density":
		return m.Density
	case "concentration":
		return m.Concentration
	case "lag":
		return m.Lag
	case "mean_cd":
		return m.MeanCD
	case "crowding":
		return m.Crowding.Index
	}
	return math.NaN()
}

func growthCell(m *graph.DirectionMetrics, f render.Format) any {
	if f == render.FormatJSON {
		obj := render.Object{}
		for _, yc := range m.Growth {
			obj = append(obj, render.Field{Key: strconv.Itoa(yc.Year), Value: yc.Count})
		}
		if obj == nil {
			obj = render.Object{}
		}
		if m.Size == 0 {
			return nil
		}
		return obj
	}
	var parts []string
	for _, yc := range m.Growth {
		parts = append(parts, fmt.Sprintf("%d:%d", yc.Year, yc.Count))
	}
	return strings.Join(parts, " ")
}

func workID(g *graph.Graph, i int32) any {
	if i < 0 {
		return nil
	}
	return g.ID(int(i))
}

func workIDs(g *graph.Graph, ws []int32) []string {
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		out = append(out, g.ID(int(w)))
	}
	return out
}

func saturationTable(an *analysis, rep *graph.SaturationReport, keep map[int]bool, sortBy string, f render.Format) *render.Table {
	g := an.g
	ms := rep.Directions
	order := make([]int, 0, len(ms))
	for i := range ms {
		if keep == nil || keep[ms[i].Direction] {
			order = append(order, i)
		}
	}
	if sortBy != "" && sortBy != "direction" {
		slices.SortStableFunc(order, func(x, y int) int {
			a, b := metricValue(&ms[x], sortBy), metricValue(&ms[y], sortBy)
			if na, nb := math.IsNaN(a), math.IsNaN(b); na != nb {
				if na {
					return 1
				}
				return -1
			} else if !na && a != b {
				return -cmp.Compare(a, b)
			}
			return cmp.Compare(ms[x].ID, ms[y].ID)
		})
	}
	t := &render.Table{Columns: []render.Column{{Key: "direction"}, {Key: "name", Hide: true}, {Key: "size"}, {Key: "undated"},
		{Key: "growth", Max: 34}, {Key: "recent_share", Header: "recent"}, {Key: "derivative_share", Header: "deriv"},
		{Key: "sibling_crowding", Header: "sibl"}, {Key: "sibling_base", Header: "sibl_base", Max: 14}, {Key: "leaf_ratio", Header: "leaf"},
		{Key: "centrality", Header: "centr"}, {Key: "density", Header: "dens"}, {Key: "quadrant"}, {Key: "concentration", Header: "hhi"},
		{Key: "lag"}, {Key: "mean_cd", Header: "cd"}, {Key: "crowding"}, {Key: "label"}}}
	for _, i := range order {
		m := &ms[i]
		var sib any
		if m.SiblingValid {
			sib = m.Sibling
		}
		var size any = m.Size
		t.Rows = append(t.Rows, []any{m.ID, m.Name, size, m.Undated, growthCell(m, f), num(m.RecentShare), num(m.DerivativeShare),
			sib, workID(g, m.SiblingBase), num(m.LeafRatio), num(m.Centrality), num(m.Density), strOrNil(m.Quadrant),
			num(m.Concentration), num(m.Lag), num(m.MeanCD), num(m.Crowding.Index), strOrNil(m.Crowding.Label)})
	}
	t.Footer = []string{saturationFooter(an, rep)}
	return t
}

func saturationFooter(an *analysis, rep *graph.SaturationReport) string {
	ref := "no dated work"
	if rep.RefMonth >= 0 {
		ref = graph.MonthString(rep.RefMonth)
		if an.asOf.IsZero() {
			ref += " (latest dated work)"
		} else {
			ref += " (--as-of)"
		}
	}
	return fmt.Sprintf("reference month %s, recent window %d months; %s left out of time metrics; quadrant split at median centrality %s, density %s (docs/metrics-saturation.md)",
		ref, rep.Window, plural(an.undated, "undated work"), render.FormatFloat(rep.MedianCentrality), render.FormatFloat(rep.MedianDensity))
}
