package cli

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/render"
	"github.com/spf13/cobra"
)

type crowdedOptions struct {
	saturationOptions
	sensitivity bool
}

func newCrowdedCmd(a *app) *cobra.Command {
	o := &crowdedOptions{}
	cmd := &cobra.Command{
		Use:   "crowded",
		Short: "Rank directions by crowding and explain what crowds them",
		Long: `crowded ranks every direction by its crowding index, a weighted sum of five parts
in 0..1 (weights and transforms in docs/metrics-saturation.md, fixed before any
ranking was looked at):

  sibling_crowding  0.30  (s−1)/(s−1+3), s = most works deriving from one base in 12 months
  derivative_share  0.20  derivatives / (dated works + 2)
  recent_share      0.20  works in the recent window / (dated works + 2)
  concentration     0.15  HHI × arcs/(arcs + 2)
  leaf_ratio        0.15  works nobody builds on / (size + 2)

and labels it: crowded (crowding ≥ 0.5); else emerging (recent share ≥ 0.5, size < 5)
or rising (recent share ≥ 0.5); else mature (motor or basic quadrant) or niche.
WHY lists the three largest contributions (weight × part) with the numbers behind
them; WORKS are the works that crowd it: the derivatives of the sibling base inside
the busiest 12-month window.

JSON: an array sorted by crowding descending, ties by direction id, directions without
works (null crowding) last; each object holds rank, direction, name, crowding, label,
parts (metric → part in 0..1), contributions (metric → weight × part), why and works.

--sensitivity changes each weight by −50% and +50% in turn, renormalises the five to
sum 1 and reports, per variant, Kendall's tau-b against the base ranking and the
directions that moved most, and per direction its rank range (rank_min, rank_max).
JSON then is an object {"directions": [...], "weights": {...}, "variants": [...]};
CSV gives the directions with their rank range.`,
		Example: `  litgraph crowded --as-of 2021-06
  litgraph crowded --as-of 2021-06 --sensitivity
  litgraph crowded --format json --window-months 6`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.format(tabular)
			if err != nil {
				return err
			}
			an, rep, err := a.saturation(&o.saturationOptions)
			if err != nil {
				return err
			}
			return a.emit(func(w io.Writer) error { return writeCrowded(w, f, an, rep, o.sensitivity) })
		},
	}
	o.analysis.register(cmd)
	o.registerWindow(cmd)
	cmd.Flags().BoolVar(&o.sensitivity, "sensitivity", false, "perturb each weight by ±50% and show how the ranking moves")
	return cmd
}

// why names the three largest contributions with the raw numbers behind them.
func why(g *graph.Graph, m *graph.DirectionMetrics, w graph.CrowdingWeights, window int) string {
	if !m.Crowding.Valid {
		return ""
	}
	idx := []int{0, 1, 2, 3, 4}
	slices.SortStableFunc(idx, func(a, b int) int {
		ca, cb := m.Crowding.Contribution(w, a), m.Crowding.Contribution(w, b)
		switch {
		case ca > cb:
			return -1
		case ca < cb:
			return 1
		}
		return 0
	})
	var parts []string
	for _, i := range idx[:3] {
		c := m.Crowding.Contribution(w, i)
		if c == 0 {
			continue
		}
		var s string
		switch i {
		case 0:
			s = fmt.Sprintf("%d from %s in 12 months from %s", m.Sibling, g.ID(int(m.SiblingBase)), graph.MonthString(m.SiblingStart))
		case 1:
			s = fmt.Sprintf("%d/%d dated derive", m.DerivativeCount, m.Dated)
		case 2:
			s = fmt.Sprintf("%d/%d dated in last %d months", m.RecentCount, m.Dated, window)
		case 3:
			s = fmt.Sprintf("HHI %s over %s", render.FormatFloat(m.Concentration), plural(m.LineageArcs, "edge"))
		case 4:
			s = fmt.Sprintf("%d/%d not built on", m.LeafCount, m.Size)
		}
		parts = append(parts, fmt.Sprintf("%s +%s: %s", shortPart[graph.CrowdingParts[i]], render.FormatFloat(c), s))
	}
	return strings.Join(parts, "; ")
}

func writeCrowded(w io.Writer, f render.Format, an *analysis, rep *graph.SaturationReport, sensitivity bool) error {
	g, ms, wts := an.g, rep.Directions, rep.Weights
	var sens graph.Sensitivity
	order := graph.CrowdingRanking(ms, func(m *graph.DirectionMetrics) float64 { return m.Crowding.Index })
	if sensitivity {
		sens = graph.CrowdingSensitivity(ms, wts)
		order = sens.Base
	}
	if f == render.FormatJSON {
		objs := []render.Object{}
		for r, i := range order {
			m := &ms[i]
			var parts, contrib any
			if m.Crowding.Valid {
				p, c := render.Object{}, render.Object{}
				for k, name := range graph.CrowdingParts {
					p = append(p, render.Field{Key: name, Value: m.Crowding.Parts[k]})
					c = append(c, render.Field{Key: name, Value: m.Crowding.Contribution(wts, k)})
				}
				parts, contrib = p, c
			}
			obj := render.Object{{Key: "rank", Value: r + 1}, {Key: "direction", Value: m.ID}, {Key: "name", Value: m.Name},
				{Key: "crowding", Value: num(m.Crowding.Index)}, {Key: "label", Value: strOrNil(m.Crowding.Label)},
				{Key: "parts", Value: parts}, {Key: "contributions", Value: contrib},
				{Key: "why", Value: strOrNil(why(g, m, wts, rep.Window))}, {Key: "works", Value: workIDs(g, m.SiblingWorks)}}
			if sensitivity {
				obj = append(obj, render.Field{Key: "rank_min", Value: sens.RankMin[i]}, render.Field{Key: "rank_max", Value: sens.RankMax[i]})
			}
			objs = append(objs, obj)
		}
		if !sensitivity {
			return render.WriteJSON(w, objs)
		}
		var vs []render.Object
		for _, v := range sens.Variants {
			vs = append(vs, render.Object{{Key: "part", Value: graph.CrowdingParts[v.Part]}, {Key: "factor", Value: v.Factor},
				{Key: "weights", Value: weightsObject(v.Weights)}, {Key: "kendall_tau", Value: num(v.Tau)},
				{Key: "ranking", Value: rankingIDs(ms, v.Order)}})
		}
		return render.WriteJSON(w, render.Object{{Key: "directions", Value: objs}, {Key: "weights", Value: weightsObject(wts)}, {Key: "variants", Value: vs}})
	}
	cols := []render.Column{{Key: "rank"}, {Key: "direction"}, {Key: "name", Hide: true}, {Key: "crowding"}, {Key: "label"}}
	for _, name := range graph.CrowdingParts {
		cols = append(cols, render.Column{Key: name, Header: shortPart[name]})
	}
	cols = append(cols, render.Column{Key: "why", Hide: f == render.FormatTable && sensitivity}, render.Column{Key: "works", Max: 60})
	if sensitivity {
		cols = append(cols, render.Column{Key: "rank_min"}, render.Column{Key: "rank_max"})
	}
	t := &render.Table{Columns: cols}
	for r, i := range order {
		m := &ms[i]
		row := []any{r + 1, m.ID, m.Name, num(m.Crowding.Index), strOrNil(m.Crowding.Label)}
		for k := range graph.CrowdingParts {
			if m.Crowding.Valid {
				row = append(row, m.Crowding.Parts[k])
			} else {
				row = append(row, nil)
			}
		}
		row = append(row, strOrNil(why(g, m, wts, rep.Window)), workIDs(g, m.SiblingWorks))
		if sensitivity {
			row = append(row, sens.RankMin[i], sens.RankMax[i])
		}
		t.Rows = append(t.Rows, row)
	}
	t.Footer = []string{saturationFooter(an, rep), "weights: " + weightsText(wts) + "; crowded ≥ 0.5"}
	if !sensitivity || f == render.FormatCSV {
		return render.Write(w, f, t)
	}
	vt := &render.Table{Columns: []render.Column{{Key: "part"}, {Key: "factor"}, {Key: "weights"}, {Key: "kendall_tau", Header: "tau"},
		{Key: "moved"}, {Key: "largest_moves", Max: 80}}}
	baseRank := make([]int, len(ms))
	for r, i := range sens.Base {
		baseRank[i] = r + 1
	}
	for _, v := range sens.Variants {
		moved := 0
		type mv struct {
			i, from, to int
		}
		var moves []mv
		for r, i := range v.Order {
			if baseRank[i] != r+1 {
				moved++
				moves = append(moves, mv{i, baseRank[i], r + 1})
			}
		}
		slices.SortStableFunc(moves, func(a, b mv) int {
			da, db := abs(a.to-a.from), abs(b.to-b.from)
			if da != db {
				return db - da
			}
			return a.from - b.from
		})
		var txt []string
		for _, m := range moves[:min(3, len(moves))] {
			txt = append(txt, fmt.Sprintf("%s %d→%d", ms[m.i].ID, m.from, m.to))
		}
		vt.Rows = append(vt.Rows, []any{graph.CrowdingParts[v.Part], v.Factor, weightsText(v.Weights), num(v.Tau), moved, strings.Join(txt, ", ")})
	}
	var buf bytes.Buffer
	if err := render.Write(&buf, f, t); err != nil {
		return err
	}
	buf.WriteString("\n")
	if err := render.Write(&buf, f, vt); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

var shortPart = map[string]string{"sibling_crowding": "sibl", "derivative_share": "deriv", "recent_share": "recent",
	"concentration": "hhi", "leaf_ratio": "leaf"}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func weightsObject(w graph.CrowdingWeights) render.Object {
	o := render.Object{}
	for k, name := range graph.CrowdingParts {
		o = append(o, render.Field{Key: name, Value: w[k]})
	}
	return o
}

func weightsText(w graph.CrowdingWeights) string {
	var s []string
	for k, name := range graph.CrowdingParts {
		s = append(s, shortPart[name]+" "+render.FormatFloat(w[k]))
	}
	return strings.Join(s, ", ")
}

func rankingIDs(ms []graph.DirectionMetrics, order []int) []string {
	out := make([]string, 0, len(order))
	for _, i := range order {
		out = append(out, ms[i].ID)
	}
	return out
}
