package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"strings"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/render"
	"github.com/litgraph/litgraph/render/htmlpage"
	"github.com/litgraph/litgraph/render/plot"
	"github.com/spf13/cobra"
)

type reportOptions struct {
	saturationOptions
	topGaps int
}

// reportData is what the sections read, computed once.
type reportData struct {
	an      *analysis
	rep     *graph.SaturationReport
	opts    *reportOptions
	crowded []int // crowding ranking (indices into rep.Directions)
	ctx     context.Context
	stderr  io.Writer // Graphviz's warnings
}

// mostCrowded is the direction at the top of the crowded ranking, or nil when no direction
// has a crowding index.
func (d *reportData) mostCrowded() *graph.DirectionMetrics {
	if len(d.crowded) == 0 || !d.rep.Directions[d.crowded[0]].Crowding.Valid {
		return nil
	}
	return &d.rep.Directions[d.crowded[0]]
}

// reportSection is one section of litgraph report: build returns nil to leave it out.
type reportSection struct {
	id    string
	build func(d *reportData) (*htmlpage.Section, error)
}

// reportSections lists the report's sections in order. A section is one entry {id, build};
// build gets the shared reportData and returns an htmlpage.Section (intro paragraphs, an
// optional inline SVG figure, tables), or nil to leave the section out (never a
// placeholder). Every string goes through html/template, so data needs no escaping by the
// section.
func reportSections() []reportSection {
	return []reportSection{
		{"crowded", reportCrowded},
		{"plan", reportPlan},
		{"thematic-map", reportThematicMap},
		{"graph", reportGraph},
		{"growth", reportGrowth},
		{"bursts", reportBursts},
		{"disruption", reportDisruption},
		{"gaps", reportGaps},
	}
}

func newReportCmd(a *app) *cobra.Command {
	o := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Write a self-contained HTML report: crowding, reading plan, thematic map, lineage graph, growth, bursts, disruption, gaps",
		Long: `report writes one HTML page with everything the analysis commands show, for reading
in a browser, all on the graph cut at --as-of:

  crowded        the crowded ranking with its explanations (litgraph crowded)
  plan           the reading plan of the most crowded direction D, the top of that
                 ranking (litgraph plan --direction D, its other flags at their defaults)
  thematic map   centrality x density (litgraph saturation --plot)
  graph          the lineage graph of D drawn by Graphviz (litgraph dot --direction D
                 --render svg, without the links to each work's page); when Graphviz's
                 dot is not on PATH the section says so and the report still succeeds
  growth         growth curves with their logistic fits (litgraph growth)
  bursts         direction bursts (litgraph bursts)
  disruption     the most disruptive works (litgraph disruption)
  gaps           the gap matrix with the best openings (litgraph gaps)

The page is self-contained: inline CSS, figures as inline SVG, no script, no font, image
or stylesheet from anywhere (a Content-Security-Policy forbids any request), so it
opens offline and can be mailed as one file. Every string from the data is HTML-escaped;
the SVG figures are checked element by element (no script, handler, external link or
reference; Graphviz's XML prolog, DOCTYPE and comments are dropped). Write it with
--out FILE (atomic), or to stdout. Same data, same bytes (with the same Graphviz).`,
		Example: `  litgraph report --out report.html
  litgraph report --as-of 2021-06 --out report-2021-06.html`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if f := a.global.format; f != "table" && f != "html" {
				return usagef("report writes HTML only; --format %q is not for it (leave --format out)", f)
			}
			if o.topGaps < 0 {
				return usagef("--top-gaps must be 0 (all) or more, got %d", o.topGaps)
			}
			an, rep, err := a.saturation(&o.saturationOptions)
			if err != nil {
				return err
			}
			d := &reportData{an: an, rep: rep, opts: o, ctx: cmd.Context(), stderr: a.stderr,
				crowded: graph.CrowdingRanking(rep.Directions, func(m *graph.DirectionMetrics) float64 { return m.Crowding.Index })}
			page := htmlpage.Page{Title: "litgraph report", Subtitle: reportSubtitle(an, rep)}
			for _, s := range reportSections() {
				sec, err := s.build(d)
				if err != nil {
					return fmt.Errorf("report section %s: %w", s.id, err)
				}
				if sec != nil {
					sec.ID = s.id
					page.Sections = append(page.Sections, *sec)
				}
			}
			return a.emit(func(w io.Writer) error { return htmlpage.Write(w, page) })
		},
	}
	o.analysis.register(cmd)
	o.registerWindow(cmd)
	cmd.Flags().IntVar(&o.topGaps, "top-gaps", 15, "openings to list under the gap matrix (0: all)")
	return cmd
}

func reportSubtitle(an *analysis, rep *graph.SaturationReport) string {
	ref := "no dated work"
	if rep.RefMonth >= 0 {
		ref = graph.MonthString(rep.RefMonth)
		if an.asOf.IsZero() {
			ref += " (latest dated work)"
		}
	}
	return fmt.Sprintf("%s, %s, %s; as of %s; relations: %s", plural(an.g.NumWorks(), "work"),
		plural(len(an.g.Directions()), "direction"), plural(an.g.NumEdges(), "edge"), ref, an.kinds)
}

func svgOf(drawFn func(w io.Writer, f plot.Format) error) ([]byte, error) {
	var buf bytes.Buffer
	if err := drawFn(&buf, plot.SVG); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func reportCrowded(d *reportData) (*htmlpage.Section, error) {
	g, ms, w := d.an.g, d.rep.Directions, d.rep.Weights
	t := &render.Table{Columns: []render.Column{{Key: "rank"}, {Key: "direction"}, {Key: "name"}, {Key: "crowding"},
		{Key: "label"}, {Key: "why"}, {Key: "works"}}}
	for r, i := range d.crowded {
		m := &ms[i]
		if !m.Crowding.Valid {
			continue
		}
		t.Rows = append(t.Rows, []any{r + 1, m.ID, m.Name, m.Crowding.Index, m.Crowding.Label, why(g, m, w, d.rep.Window), workIDs(g, m.SiblingWorks)})
	}
	t.Footer = []string{saturationFooter(d.an, d.rep), "weights: " + weightsText(w) + "; crowded ≥ 0.5"}
	return &htmlpage.Section{Title: "Crowded directions",
		Intro: []string{
			"A direction is crowded when many near-identical derivatives of the same few bases arrive fast and nobody builds on them. " +
				"The crowding index is a weighted sum of five parts in 0..1: sibling crowding (the most works deriving from one base within 12 months), " +
				"derivative share, recent share, concentration of derivative edges on few bases (HHI) and leaf ratio (works nobody builds on). " +
				"Weights and thresholds were fixed before any ranking was computed (docs/metrics-saturation.md).",
			"Labels: crowded (index ≥ 0.5); else emerging (most works recent, fewer than 5) or rising (most works recent); else mature (motor or basic quadrant) or niche. " +
				"“Why” names the three largest contributions with the numbers behind them; “works” are the derivatives of the sibling base in its busiest 12 months.",
		},
		Tables: []htmlpage.Table{{Caption: "Directions by crowding", Table: t, Wide: []string{"name", "why", "works"}}}}, nil
}

func reportThematicMap(d *reportData) (*htmlpage.Section, error) {
	svg, err := svgOf(func(w io.Writer, f plot.Format) error {
		return plot.WriteThematicMap(w, f, thematicMap(d.an, d.rep, nil, nil))
	})
	if err != nil {
		return nil, err
	}
	return &htmlpage.Section{Title: "Thematic map",
		Intro: []string{"The strategic diagram of co-word analysis (Callon et al. 1991; Cobo et al. 2011): each direction placed by its centrality " +
			"(links to works of other directions) and its density (100 × links inside the direction per work), split at the medians. " +
			"Motor themes (top right) are developed and central; basic themes (bottom right) central but not yet dense; niche themes (top left) " +
			"dense but isolated; emerging or declining themes (bottom left) neither. Both axes use a square-root scale."},
		Figure: &htmlpage.Figure{SVG: svg, Caption: fmt.Sprintf("Centrality × density; dashed lines at the medians (centrality %s, density %s).",
			render.FormatFloat(d.rep.MedianCentrality), render.FormatFloat(d.rep.MedianDensity))}}, nil
}

func reportGrowth(d *reportData) (*htmlpage.Section, error) {
	lcs := lifeCycles(d.an, nil)
	if len(lcs) == 0 {
		return nil, nil
	}
	svg, err := svgOf(func(w io.Writer, f plot.Format) error { return plot.WriteGrowthCurves(w, f, growthCurves(d.an, lcs)) })
	if err != nil {
		return nil, err
	}
	return &htmlpage.Section{Title: "Growth and life cycles",
		Intro: []string{"Cumulative dated works per direction (points) and the logistic (Loglet) curve N(t) = K / (1 + exp(−ln 81/Δt · (t − tm))) fitted to them " +
			"(Meyer et al. 1999; bibliometrix lifeCycle): K is the saturation level, tm the year of peak output, Δt the years from 10 % to 90 % of K. " +
			"Directions with fewer than 4 years with works are not fitted (too few points)."},
		Figure: &htmlpage.Figure{SVG: svg, Caption: "One panel per direction with dated works."},
		Tables: []htmlpage.Table{{Caption: "Works per year and life-cycle fit", Table: growthTable(d.an, lcs, nil, render.FormatTable), Wide: []string{"growth"}}}}, nil
}

func reportBursts(d *reportData) (*htmlpage.Section, error) {
	g := d.an.g
	bo := graph.BurstOptions{AsOf: d.an.asOf, Gamma: -1}
	rows := burstRows(g.DirectionBursts(bo), func(i int) string { return g.Directions()[i].Name })
	sec := &htmlpage.Section{Title: "Bursts",
		Intro: []string{"Years in which a direction's share of all dated works jumps, found with Kleinberg's (2002) two-state burst automaton " +
			"(s = 2, γ = 1, yearly batches; litgraph bursts). Strength is the cost the burst state saves: the larger, the sharper and longer the burst."}}
	if len(rows) == 0 {
		sec.Intro = append(sec.Intro, "No direction has a burst with these parameters.")
		return sec, nil
	}
	svg, err := svgOf(func(w io.Writer, f plot.Format) error {
		return plot.WriteBurstTimeline(w, f, burstTimeline(rows, graph.PeriodYear, "direction"))
	})
	if err != nil {
		return nil, err
	}
	sec.Figure = &htmlpage.Figure{SVG: svg, Caption: "One row per burst, from its first to its last year, darker for stronger."}
	sec.Tables = []htmlpage.Table{{Caption: "Bursts by direction", Table: burstTable(rows, graph.PeriodYear, "direction", "s 2, gamma 1, yearly batches")}}
	return sec, nil
}

func reportGaps(d *reportData) (*htmlpage.Section, error) {
	g := d.an.g
	mx, ops := g.Gaps(graph.GapsOptions{Kinds: d.an.kinds})
	if len(mx.Bases) == 0 {
		return nil, nil
	}
	if k := d.opts.topGaps; k > 0 && len(ops) > k {
		ops = ops[:k]
	}
	return &htmlpage.Section{Title: "Gaps: bases × tasks",
		Intro: []string{"How many works apply each base (rows) to each task (columns) with an applies-to-task edge; “.” is an empty cell. " +
			"An opening is an empty cell whose base has been applied elsewhere and whose task has works from other bases, ranked by " +
			"in-degree(base) × activity(task) (litgraph gaps)."},
		Tables: []htmlpage.Table{{Caption: "Gap matrix", Table: gapsMatrix(g, mx)},
			{Caption: "Best openings", Table: gapsOpenings(g, ops), Wide: []string{"reason"}}}}, nil
}

func reportDisruption(d *reportData) (*htmlpage.Section, error) {
	g := d.an.g
	ranked := g.RankCD(g.CDIndices(g.Adjacency(d.an.kinds), graph.DefaultCDWindowYears))
	if len(ranked) == 0 {
		return nil, nil
	}
	ranked = ranked[:min(len(ranked), 15)]
	t := &render.Table{Columns: []render.Column{{Key: "rank"}, {Key: "work"}, {Key: "name"}, {Key: "title"}, {Key: "date"},
		{Key: "cd_index", Header: "cd"}, {Key: "n"}, {Key: "focal_only"}, {Key: "both"}, {Key: "refs_only"}}}
	for r, c := range ranked {
		w := g.Work(int(c.Work))
		t.Rows = append(t.Rows, []any{r + 1, w.ID, w.Label(), w.Title, w.Date.String(), c.Value, c.N, c.Only, c.Both, c.Refs})
	}
	return &htmlpage.Section{Title: "Disruptive works",
		Intro: []string{fmt.Sprintf("The CD index (Funk & Owen-Smith 2017; Park, Leahey & Funk 2023) of each dated work f over the works dated up to %d years after it "+
			"that cite f or one of f's references: +1 when they cite f alone (f displaced its sources), −1 when they cite f with its sources "+
			"(f consolidated them). Counts: focal_only, both, refs_only; n is their sum (litgraph disruption).", graph.DefaultCDWindowYears)},
		Tables: []htmlpage.Table{{Caption: "Works by CD index (first 15)", Table: t, Wide: []string{"title"}}}}, nil
}

// reportPlan is litgraph plan --direction D (all other flags at their defaults) for the most
// crowded direction D, as a table.
func reportPlan(d *reportData) (*htmlpage.Section, error) {
	m := d.mostCrowded()
	if m == nil {
		return nil, nil
	}
	g := d.an.g
	o := defaultDirectionPlan(m.ID)
	po := o.graphOptions(d.an)
	po.Direction = m.Direction
	p := graph.MakePlan(g, po)
	t := &render.Table{Columns: []render.Column{{Key: "position", Header: "#"}, {Key: "work"}, {Key: "year"}, {Key: "stage"}, {Key: "why"}}}
	for i, it := range p.Items {
		wk := g.Work(int(it.Work))
		work := wk.Label()
		switch {
		case strings.HasPrefix(wk.Title, work):
			work = wk.Title // "Deformable DETR: Deformable Transformers for ..."
		case wk.Title != "":
			work += ": " + wk.Title
		}
		t.Rows = append(t.Rows, []any{i + 1, work, yearOf(g, it.Work), it.Stage.String(), it.Why})
	}
	t.Footer = planFooter(g, o, p)
	intro := []string{
		fmt.Sprintf("What to read to know %s (%s), the direction at the top of the crowded ranking (crowding %s, %s), "+
			"and in what order: litgraph plan --direction %s. Every work comes after the works it builds on; among the works whose "+
			"prerequisites are all listed, the most important (most works built on it, directly or not) comes first, then the oldest.",
			m.Name, m.ID, render.FormatFloat(m.Crowding.Index), m.Crowding.Label, m.ID),
		fmt.Sprintf("Stages label the works and never reorder them: foundation = works outside the direction that it stands on; "+
			"core = its works that something builds on and that are not recent; frontier = its recent works (the last %d months) "+
			"and the works nothing builds on yet.", o.recentMonths),
	}
	if ruleApplies(p.Rule, d.an.kinds) {
		intro = append(intro, "The relations read include kinds that can form cycles (cites, analyzes, alternative-to), so the cycle rule of docs/plan.md applies: it "+
			strings.TrimSuffix(strings.TrimPrefix(ruleLine(p.Rule), "cycle rule: "), "; see docs/plan.md")+".")
	}
	return &htmlpage.Section{Title: "Reading plan for the most crowded direction", Intro: intro,
		Tables: []htmlpage.Table{{Caption: "Reading plan: " + m.Name, Table: t, Wide: []string{"work", "why"}}}}, nil
}

// graphvizMissing is what the graph section says when Graphviz's dot is not on PATH.
const graphvizMissing = "Graphviz is not installed: apt-get install graphviz (macOS: brew install graphviz), then run litgraph report again to draw this graph."

// reportGraph is litgraph dot --direction D --render svg (all other flags at their defaults)
// for the most crowded direction D, inline, without the links to each work's page so that
// the page refers to nothing outside itself. Without Graphviz it says so in one sentence.
func reportGraph(d *reportData) (*htmlpage.Section, error) {
	m := d.mostCrowded()
	if m == nil {
		return nil, nil
	}
	sec := &htmlpage.Section{Title: "Lineage graph of the most crowded direction",
		Intro: []string{fmt.Sprintf("The works of %s (%s) and its subdirections, the direction at the top of the crowded ranking, "+
			"with the relations among them, as litgraph dot --direction %s --render svg draws them (Graphviz).", m.Name, m.ID, m.ID)}}
	dotPath, err := exec.LookPath("dot")
	if err != nil {
		sec.Intro = append(sec.Intro, graphvizMissing)
		return sec, nil
	}
	o := defaultDotOptions(m.ID)
	o.noLinks = true
	sel, err := selectIn(d.an, &o.sel)
	if err != nil {
		return nil, err
	}
	src, err := dotSource(sel, o)
	if err != nil {
		return nil, err
	}
	svg, err := runGraphviz(d.ctx, dotPath, "svg", src, d.stderr)
	if err != nil {
		return nil, err
	}
	caption := "Each direction is a box (subdirections nested); a work sits in the box of its first direction. "
	if len(sel.edges) == 0 {
		caption += "None of these works builds on another of them, so the drawing has no arrows: their bases, if any, lie outside the direction (the foundation stage of the reading plan). "
	} else {
		caption += fmt.Sprintf("The drawing has %s among these works: an arrow goes from a work to the work it builds on, coloured and styled by relation kind (legend); "+
			"bases are drawn above the works built on them. ", plural(len(sel.edges), "relation"))
	}
	caption += "Node size and shade: " + o.sizeBy + ". The picture is scaled to the page width: zoom in to read it; hover a node for its title."
	sec.Figure = &htmlpage.Figure{SVG: svg, Caption: caption}
	return sec, nil
}
