package cli

import (
	"io"
	"math"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/render"
	"github.com/litgraph/litgraph/render/plot"
)

// saturationThen computes the saturation metrics at the --compare date, with the options of
// the current run, on the graph cut there.
func (a *app) saturationThen(o *saturationOptions, an *analysis, now *graph.SaturationReport) (*graph.SaturationReport, error) {
	d, err := parseDateFlag("compare", o.compare)
	if err != nil {
		return nil, err
	}
	if now.RefMonth < 0 || d.EndOf().MonthIndex() >= now.RefMonth {
		return nil, usagef("--compare %s must be before the reference month %s (--as-of, or the latest dated work)", o.compare, graph.MonthString(now.RefMonth))
	}
	g, _ := an.g.AsOf(d)
	return g.Saturation(graph.SaturationOptions{Kinds: an.kinds, AsOf: d, WindowMonths: o.window, CDWindowYears: o.cdWindow}), nil
}

// move names a direction's move on the thematic map.
func move(then, now string) string {
	dash := func(s string) string {
		if s == "" {
			return "—"
		}
		return s
	}
	if then == now {
		return dash(now)
	}
	return dash(then) + " → " + dash(now)
}

func arrowCell(a, b float64) string {
	return fmtCell(a) + "→" + fmtCell(b)
}

func fmtCell(x float64) string {
	if math.IsNaN(x) {
		return "—"
	}
	return render.FormatFloat(x)
}

func writeCompare(w io.Writer, f render.Format, an *analysis, now, then *graph.SaturationReport, keep map[int]bool, date string) error {
	ms, ps := now.Directions, then.Directions
	if f == render.FormatJSON {
		objs := []render.Object{}
		for i := range ms {
			if keep != nil && !keep[ms[i].Direction] {
				continue
			}
			m, p := &ms[i], &ps[i]
			mets := render.Object{}
			for _, name := range saturationMetrics {
				mets = append(mets, render.Field{Key: name, Value: render.O("then", num(metricValue(p, name)), "now", num(metricValue(m, name)))})
			}
			objs = append(objs, render.Object{{Key: "direction", Value: m.ID}, {Key: "name", Value: m.Name},
				{Key: "quadrant_then", Value: strOrNil(p.Quadrant)}, {Key: "quadrant_now", Value: strOrNil(m.Quadrant)},
				{Key: "move", Value: move(p.Quadrant, m.Quadrant)},
				{Key: "label_then", Value: strOrNil(p.Crowding.Label)}, {Key: "label_now", Value: strOrNil(m.Crowding.Label)},
				{Key: "metrics", Value: mets}})
		}
		return render.WriteJSON(w, objs)
	}
	cols := []render.Column{{Key: "direction"}, {Key: "name", Hide: true}, {Key: "move"}}
	if f == render.FormatCSV {
		cols = append(cols, render.Column{Key: "quadrant_then"}, render.Column{Key: "quadrant_now"})
		for _, name := range saturationMetrics {
			cols = append(cols, render.Column{Key: name + "_then"}, render.Column{Key: name + "_now"})
		}
	} else {
		for _, name := range saturationMetrics {
			cols = append(cols, render.Column{Key: name, Header: compareHeader[name]})
		}
	}
	t := &render.Table{Columns: cols}
	for i := range ms {
		if keep != nil && !keep[ms[i].Direction] {
			continue
		}
		m, p := &ms[i], &ps[i]
		row := []any{m.ID, m.Name, move(p.Quadrant, m.Quadrant)}
		if f == render.FormatCSV {
			row = append(row, strOrNil(p.Quadrant), strOrNil(m.Quadrant))
		}
		for _, name := range saturationMetrics {
			a, b := metricValue(p, name), metricValue(m, name)
			if f == render.FormatCSV {
				row = append(row, num(a), num(b))
			} else {
				row = append(row, arrowCell(a, b))
			}
		}
		t.Rows = append(t.Rows, row)
	}
	t.Footer = []string{"then: " + date + " (reference month " + graph.MonthString(then.RefMonth) + "), now: " + graph.MonthString(now.RefMonth) +
		"; cells then→now, — for a missing value; move is the thematic-map quadrant then → now"}
	return render.Write(w, f, t)
}

var compareHeader = map[string]string{"size": "size", "undated": "undat", "recent_share": "recent", "derivative_share": "deriv",
	"sibling_crowding": "sibl", "leaf_ratio": "leaf", "centrality": "centr", "density": "dens", "concentration": "hhi",
	"lag": "lag", "mean_cd": "cd", "crowding": "crowding"}

// thematicMap turns the saturation metrics into the map's points (directions with works).
func thematicMap(an *analysis, rep, then *graph.SaturationReport, keep map[int]bool) plot.ThematicMap {
	title := "Thematic map of directions"
	if rep.RefMonth >= 0 {
		title += ", " + graph.MonthString(rep.RefMonth)
	}
	tm := plot.ThematicMap{Title: title, MedianX: rep.MedianCentrality, MedianY: rep.MedianDensity}
	if then != nil {
		tm.Title += " (grey: " + graph.MonthString(then.RefMonth) + ")"
		tm.From = map[string][2]float64{}
	}
	for i := range rep.Directions {
		m := &rep.Directions[i]
		if m.Size == 0 || (keep != nil && !keep[m.Direction]) {
			continue
		}
		tm.Points = append(tm.Points, plot.MapPoint{Label: m.ID, X: m.Centrality, Y: m.Density, Quadrant: m.Quadrant})
		if then != nil {
			if p := &then.Directions[i]; p.Size > 0 && (p.Centrality != m.Centrality || p.Density != m.Density) {
				tm.From[m.ID] = [2]float64{p.Centrality, p.Density}
			}
		}
	}
	return tm
}
