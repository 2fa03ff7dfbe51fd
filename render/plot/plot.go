// Package plot draws litgraph's pictures (the thematic map, growth curves, a burst timeline)
// as SVG or PNG with gonum.org/v1/plot. It formats only: every number it draws is computed by
// the caller (package graph) and handed over in the structs below. The same input always
// gives the same SVG bytes (fonts are named, not embedded).
package plot

import (
	"cmp"
	"fmt"
	"image/color"
	"io"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Format is an image format.
type Format string

// The formats.
const (
	SVG Format = "svg"
	PNG Format = "png"
)

// FormatFor returns PNG for a name ending in .png (any case) and SVG otherwise.
func FormatFor(name string) Format {
	if strings.HasSuffix(strings.ToLower(name), ".png") {
		return PNG
	}
	return SVG
}

// PNG resolution in dots per inch.
const pngDPI = 144

func sans(size vg.Length) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
}

func newPlot(title, xl, yl string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = sans(12)
	p.X.Label.Text, p.Y.Label.Text = xl, yl
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = sans(10)
		ax.Tick.Label.Font = sans(8)
	}
	p.Legend.TextStyle.Font = sans(8)
	return p
}

// write renders a canvas drawing into w.
func write(w io.Writer, f Format, width, height vg.Length, drawFn func(dc draw.Canvas)) error {
	switch f {
	case PNG:
		c := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(pngDPI), vgimg.UseBackgroundColor(color.White))
		drawFn(draw.New(c))
		_, err := vgimg.PngCanvas{Canvas: c}.WriteTo(w)
		return err
	case SVG:
		c := vgsvg.New(width, height)
		drawFn(draw.New(c))
		_, err := c.WriteTo(w)
		return err
	}
	return fmt.Errorf("plot: unknown format %q", f)
}

// Quadrant colours (Okabe–Ito palette, readable by colour-blind readers).
var quadrantColor = map[string]color.Color{
	"motor":                 color.RGBA{0, 114, 178, 255},   // blue
	"basic":                 color.RGBA{230, 159, 0, 255},   // orange
	"niche":                 color.RGBA{0, 158, 115, 255},   // green
	"emerging-or-declining": color.RGBA{204, 121, 167, 255}, // purple
}

// MapPoint is one direction on the thematic map.
type MapPoint struct {
	Label    string
	X, Y     float64 // centrality, density
	Quadrant string
}

// ThematicMap is the strategic diagram: centrality (x) against density (y), split at the
// medians.
type ThematicMap struct {
	Title            string
	Points           []MapPoint
	MedianX, MedianY float64
	// Arrows, when set, draw each direction's move from an earlier position (From) to its
	// point (the --compare view); keyed by label.
	From map[string][2]float64
}

// quadrantLines draws the median lines and the quadrant names (in the quadrant colours, so
// no legend is needed) across the data area.
type quadrantLines struct{ mx, my float64 }

func (q quadrantLines) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	ls := draw.LineStyle{Color: color.Gray{150}, Width: vg.Points(0.8), Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}
	x, y := trX(q.mx), trY(q.my)
	c.StrokeLine2(ls, x, c.Min.Y, x, c.Max.Y)
	c.StrokeLine2(ls, c.Min.X, y, c.Max.X, y)
	for _, n := range quadrantNames(c, p) {
		c.FillText(n.style, n.at, n.text)
	}
}

type placedText struct {
	text  string
	at    vg.Point
	style draw.TextStyle
}

func (t placedText) box() vg.Rectangle {
	return t.style.Rectangle(t.text).Add(t.at)
}

func quadrantNames(c draw.Canvas, p *plot.Plot) []placedText {
	pad := vg.Points(4)
	mk := func(q, s string, pt vg.Point, xa, ya float64) placedText {
		st := draw.TextStyle{Color: quadrantColor[q], Font: sans(10), Handler: p.Title.TextStyle.Handler,
			XAlign: draw.XAlignment(xa), YAlign: draw.YAlignment(ya)}
		return placedText{s, pt, st}
	}
	return []placedText{
		mk("motor", "motor themes", vg.Point{X: c.Max.X - pad, Y: c.Max.Y - pad}, -1, -1),
		mk("niche", "niche themes", vg.Point{X: c.Min.X + pad, Y: c.Max.Y - pad}, 0, -1),
		mk("basic", "basic themes", vg.Point{X: c.Max.X - pad, Y: c.Min.Y + pad}, -1, 0),
		mk("emerging-or-declining", "emerging or declining", vg.Point{X: c.Min.X + pad, Y: c.Min.Y + pad + vg.Points(14)}, 0, 0),
	}
}

// pointLabels places one small label per point without overlaps: it tries the right of the
// point, then positions further up and down, then the left; a label set away from its point
// gets a thin leader line. Placement is greedy in the given order, so it is deterministic.
type pointLabels struct {
	pts []MapPoint
}

func (s pointLabels) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	ts := draw.TextStyle{Color: color.Gray{30}, Font: sans(7), Handler: p.Title.TextStyle.Handler, YAlign: draw.YCenter}
	h := ts.FontExtents().Height
	var taken []vg.Rectangle
	for _, n := range quadrantNames(c, p) {
		taken = append(taken, n.box())
	}
	r := vg.Points(4)
	for _, pt := range s.pts {
		x, y := trX(pt.X), trY(pt.Y)
		taken = append(taken, vg.Rectangle{Min: vg.Point{X: x - r, Y: y - r}, Max: vg.Point{X: x + r, Y: y + r}})
	}
	free := func(b vg.Rectangle) bool {
		if b.Min.X < c.Min.X || b.Max.X > c.Max.X || b.Min.Y < c.Min.Y || b.Max.Y > c.Max.Y {
			return false
		}
		for _, t := range taken {
			if b.Min.X < t.Max.X && t.Min.X < b.Max.X && b.Min.Y < t.Max.Y && t.Min.Y < b.Max.Y {
				return false
			}
		}
		return true
	}
	lead := draw.LineStyle{Color: color.Gray{170}, Width: vg.Points(0.4)}
	for _, pt := range s.pts {
		x, y := trX(pt.X), trY(pt.Y)
		placed := false
		for k := 0; k <= 40 && !placed; k++ {
			dy := vg.Length((k+1)/2) * h
			if k%2 == 1 {
				dy = -dy
			}
			for _, side := range []float64{1, -1} {
				st := ts
				at := vg.Point{X: x + vg.Length(side)*vg.Points(5), Y: y + dy}
				if side < 0 {
					st.XAlign = draw.XRight
				}
				b := placedText{pt.Label, at, st}.box()
				if !free(b) {
					continue
				}
				taken = append(taken, b)
				if k > 0 {
					c.StrokeLine2(lead, x, y, at.X, at.Y)
				}
				c.FillText(st, at, pt.Label)
				placed = true
				break
			}
		}
		if !placed { // nowhere free: write it at the point anyway
			c.FillText(ts, vg.Point{X: x + vg.Points(5), Y: y}, pt.Label)
		}
	}
}

// sqrtScale maps x to √x, spreading the many small counts (centrality and density are
// counts with a long tail). Values must be ≥ 0.
type sqrtScale struct{}

func (sqrtScale) Normalize(lo, hi, x float64) float64 {
	a, b := math.Sqrt(math.Max(lo, 0)), math.Sqrt(math.Max(hi, 0))
	if b == a {
		return 0.5
	}
	return (math.Sqrt(math.Max(x, 0)) - a) / (b - a)
}

// sqrtTicks labels 0, 1, 2, 5, 10, 20, 50, 100, … inside the range.
type sqrtTicks struct{}

func (sqrtTicks) Ticks(lo, hi float64) []plot.Tick {
	var ts []plot.Tick
	for _, m := range []float64{1, 10, 100, 1000, 10000} {
		for _, v := range []float64{1, 2, 5} {
			x := v * m
			if x >= lo && x <= hi {
				ts = append(ts, plot.Tick{Value: x, Label: fmt.Sprintf("%g", x)})
			}
		}
	}
	if lo <= 0 {
		ts = append([]plot.Tick{{Value: 0, Label: "0"}}, ts...)
	}
	return ts
}

// ThematicMapSize is the size of the thematic map.
var thematicMapW, thematicMapH = vg.Points(760), vg.Points(560)

// WriteThematicMap draws m. Both axes are on a square-root scale (ticks say the values).
func WriteThematicMap(w io.Writer, f Format, m ThematicMap) error {
	p := newPlot(m.Title, "centrality: links to other directions (√ scale)", "density: 100 × internal links / works (√ scale)")
	byQ := map[string]plotter.XYs{}
	for _, pt := range m.Points {
		byQ[pt.Quadrant] = append(byQ[pt.Quadrant], plotter.XY{X: pt.X, Y: pt.Y})
	}
	if len(m.Points) > 0 {
		p.Add(quadrantLines{m.MedianX, m.MedianY})
	}
	for _, from := range sortedKeys(m.From) {
		for _, pt := range m.Points {
			if pt.Label != from {
				continue
			}
			o := m.From[from]
			l, err := plotter.NewLine(plotter.XYs{{X: o[0], Y: o[1]}, {X: pt.X, Y: pt.Y}})
			if err != nil {
				return err
			}
			l.Color, l.Width = color.Gray{170}, vg.Points(0.8)
			p.Add(l)
			s, err := plotter.NewScatter(plotter.XYs{{X: o[0], Y: o[1]}})
			if err != nil {
				return err
			}
			s.GlyphStyle = draw.GlyphStyle{Color: color.Gray{170}, Radius: vg.Points(2), Shape: draw.RingGlyph{}}
			p.Add(s)
		}
	}
	for _, q := range []string{"motor", "basic", "niche", "emerging-or-declining"} {
		xys := byQ[q]
		if len(xys) == 0 {
			continue
		}
		s, err := plotter.NewScatter(xys)
		if err != nil {
			return err
		}
		s.GlyphStyle = draw.GlyphStyle{Color: quadrantColor[q], Radius: vg.Points(3), Shape: draw.CircleGlyph{}}
		p.Add(s)
	}
	// Label the points far from the crowd first, so the crowded corner takes what is left.
	pts := slices.Clone(m.Points)
	slices.SortStableFunc(pts, func(a, b MapPoint) int {
		return cmp.Or(-cmp.Compare(a.X+a.Y, b.X+b.Y), cmp.Compare(a.Label, b.Label))
	})
	p.Add(pointLabels{pts})
	p.X.Scale, p.Y.Scale = sqrtScale{}, sqrtScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = sqrtTicks{}, sqrtTicks{}
	p.X.Min, p.Y.Min = 0, 0
	for _, from := range m.From {
		p.X.Max, p.Y.Max = math.Max(p.X.Max, from[0]), math.Max(p.Y.Max, from[1])
	}
	// Room for labels right of the rightmost point and above the top one.
	p.X.Max *= 1.25
	p.Y.Max *= 1.1
	p.X.Max, p.Y.Max = math.Max(p.X.Max, 1), math.Max(p.Y.Max, 1)
	return write(w, f, thematicMapW, thematicMapH, func(dc draw.Canvas) { p.Draw(draw.Crop(dc, 0, -vg.Points(6), 0, -vg.Points(4))) })
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// GrowthSeries is one direction's cumulative output and its fitted curve.
type GrowthSeries struct {
	Label      string
	Years      []float64
	Cumulative []float64
	// FitX, FitY sample the fitted curve; empty when there is no fit.
	FitX, FitY []float64
	Note       string // shown under the label (for example "K 12, tm 2020.4" or "too few points")
}

// GrowthCurves is a grid of small plots, one per series.
type GrowthCurves struct {
	Title  string
	Series []GrowthSeries
}

// WriteGrowthCurves draws one small panel per series, in the given order, in a grid.
func WriteGrowthCurves(w io.Writer, f Format, gc GrowthCurves) error {
	n := len(gc.Series)
	cols := 5
	if n < cols {
		cols = max(n, 1)
	}
	rows := max((n+cols-1)/cols, 1)
	panelW, panelH := vg.Points(170), vg.Points(140)
	titleH := vg.Points(24)
	width, height := panelW*vg.Length(cols), panelH*vg.Length(rows)+titleH
	var plots [][]*plot.Plot
	for r := range rows {
		plots = append(plots, make([]*plot.Plot, cols))
		for c := range cols {
			i := r*cols + c
			if i >= n {
				continue
			}
			s := gc.Series[i]
			p := newPlot(s.Label, "", "")
			p.Title.TextStyle.Font = sans(8)
			p.X.Tick.Label.Font, p.Y.Tick.Label.Font = sans(6), sans(6)
			p.X.Tick.Marker = yearTicks{}
			var pts plotter.XYs
			for k := range s.Years {
				pts = append(pts, plotter.XY{X: s.Years[k], Y: s.Cumulative[k]})
			}
			if len(s.FitX) > 0 {
				var fl plotter.XYs
				for k := range s.FitX {
					fl = append(fl, plotter.XY{X: s.FitX[k], Y: s.FitY[k]})
				}
				l, err := plotter.NewLine(fl)
				if err != nil {
					return err
				}
				l.Color, l.Width = color.RGBA{213, 94, 0, 255}, vg.Points(1)
				p.Add(l)
			}
			if len(pts) > 0 {
				sc, err := plotter.NewScatter(pts)
				if err != nil {
					return err
				}
				sc.GlyphStyle = draw.GlyphStyle{Color: color.RGBA{0, 114, 178, 255}, Radius: vg.Points(2), Shape: draw.CircleGlyph{}}
				p.Add(sc)
			}
			if s.Note != "" {
				p.X.Label.Text = s.Note
				p.X.Label.TextStyle.Font = sans(6)
			}
			p.Y.Min = 0
			p.X.Min, p.X.Max = p.X.Min-0.5, p.X.Max+0.5
			p.Y.Max *= 1.08
			plots[r][c] = p
		}
	}
	return write(w, f, width, height, func(dc draw.Canvas) {
		ts := draw.TextStyle{Color: color.Black, Font: sans(12), XAlign: draw.XCenter, YAlign: draw.YTop, Handler: plot.New().Title.TextStyle.Handler}
		dc.FillText(ts, vg.Point{X: width / 2, Y: dc.Max.Y - vg.Points(6)}, gc.Title)
		body := dc
		body.Max.Y -= titleH
		tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Points(4), PadY: vg.Points(4), PadTop: vg.Points(2), PadBottom: vg.Points(2), PadLeft: vg.Points(2), PadRight: vg.Points(6)}
		cv := plot.Align(plots, tiles, body)
		for r := range rows {
			for c := range cols {
				if plots[r][c] != nil {
					plots[r][c].Draw(cv[r][c])
				}
			}
		}
	})
}

// yearTicks puts ticks on whole years only, at most about five of them.
type yearTicks struct{}

func (yearTicks) Ticks(lo, hi float64) []plot.Tick {
	a, b := math.Ceil(lo), math.Floor(hi)
	step := math.Max(1, math.Ceil((b-a)/4))
	var ts []plot.Tick
	for y := a; y <= b; y += step {
		ts = append(ts, plot.Tick{Value: y, Label: fmt.Sprintf("%.0f", y)})
	}
	return ts
}

// BurstBar is one burst: a row from Start to End (in period units: years, or fractional
// years for months; End is the end of the last period) shaded by strength.
type BurstBar struct {
	Label      string
	Start, End float64
	Strength   float64
	Text       string // written after the bar (for example "2020–2021, 4.1")
}

// BurstTimeline is one row per burst.
type BurstTimeline struct {
	Title string
	Bars  []BurstBar
}

type burstBars struct {
	bars []BurstBar
	maxS float64
}

func (b burstBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	ts := draw.TextStyle{Color: color.Gray{60}, Font: sans(7), YAlign: draw.YCenter, Handler: p.Title.TextStyle.Handler}
	for i, bar := range b.bars {
		y := float64(len(b.bars) - 1 - i)
		frac := 1.0
		if b.maxS > 0 {
			frac = bar.Strength / b.maxS
		}
		// From light to dark red with strength.
		col := color.RGBA{uint8(250 - 70*frac), uint8(200 - 170*frac), uint8(190 - 160*frac), 255}
		x0, x1 := trX(bar.Start), trX(bar.End)
		y0, y1 := trY(y-0.35), trY(y+0.35)
		c.FillPolygon(col, c.ClipPolygonXY([]vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}))
		if bar.Text != "" {
			c.FillText(ts, vg.Point{X: x1 + vg.Points(3), Y: trY(y)}, bar.Text)
		}
	}
}

func (b burstBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = math.Inf(1), math.Inf(-1)
	for _, bar := range b.bars {
		xmin, xmax = math.Min(xmin, bar.Start), math.Max(xmax, bar.End)
	}
	return xmin, xmax, -0.6, float64(len(b.bars)) - 0.4
}

// WriteBurstTimeline draws one row per burst, first bar at the top.
func WriteBurstTimeline(w io.Writer, f Format, bt BurstTimeline) error {
	p := newPlot(bt.Title, "year", "")
	if len(bt.Bars) == 0 {
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
		p.Title.Text += " (no bursts)"
		p.HideY()
		return write(w, f, vg.Points(480), vg.Points(160), func(dc draw.Canvas) { p.Draw(dc) })
	}
	bb := burstBars{bars: bt.Bars}
	var ticks []plot.Tick
	for i, bar := range bt.Bars {
		bb.maxS = math.Max(bb.maxS, bar.Strength)
		ticks = append(ticks, plot.Tick{Value: float64(len(bt.Bars) - 1 - i), Label: bar.Label})
	}
	p.Add(plotter.NewGrid(), bb)
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.X.Tick.Marker = yearTicks{}
	xmin, xmax, _, _ := bb.DataRange()
	// Room after the last bar for its text.
	p.X.Min, p.X.Max = xmin, xmax+math.Max(1, 0.25*(xmax-xmin))
	h := vg.Points(60) + vg.Points(14)*vg.Length(len(bt.Bars))
	return write(w, f, vg.Points(640), h, func(dc draw.Canvas) { p.Draw(draw.Crop(dc, vg.Points(12), -vg.Points(4), 0, -vg.Points(6))) })
}
