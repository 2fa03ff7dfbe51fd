package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/render"
	"github.com/spf13/cobra"
)

type planOptions struct {
	analysis        analysisOptions
	direction       string
	targets         []string
	withDescendants bool
	budget          int
	recentMonths    int
}

// defaultRecentMonths is plan's --recent-months default, shared with litgraph report.
const defaultRecentMonths = 12

// defaultDirectionPlan are litgraph plan's options with every flag at its default, planning
// the given direction.
func defaultDirectionPlan(direction string) *planOptions {
	return &planOptions{direction: direction, recentMonths: defaultRecentMonths}
}

// graphOptions are the graph.PlanOptions o asks for on an, with no direction or target set.
func (o *planOptions) graphOptions(an *analysis) graph.PlanOptions {
	return graph.PlanOptions{Kinds: an.kinds, Direction: -1, WithDescendants: o.withDescendants, Budget: o.budget,
		Reference: an.asOf, RecentMonths: o.recentMonths}
}

// planFormats are the formats plan writes: the tabular ones and BibTeX.
var planFormats = append(append([]render.Format{}, tabular...), render.FormatBibTeX)

func newPlanCmd(a *app) *cobra.Command {
	o := &planOptions{}
	cmd := &cobra.Command{
		Use:   "plan (--direction D | --target ID...)",
		Short: "Plan a literature review: a reading list in prerequisite order",
		Long: `plan lists what to read, in an order where every work comes after the works it
builds on (an edge u → v says u builds on v, so v is read first).

--direction D lists the works of direction D (and its subdirections) and everything
they build on. --target ID (repeatable) lists the targets and everything needed to
understand them: all their ancestors on the relation kinds read. --with-descendants
also lists the works that build on them.

Order: a stable topological order (Kahn's algorithm with a priority queue): among the
works whose prerequisites are all placed, the most important comes first, then the
oldest (undated last), then the smallest id. Importance = the number of works that
build on a work, directly or through others (its descendants in the acyclic view).

Stages label items and never reorder them:
  foundation  direction: listed works outside the direction (what it stands on);
              target: the target's older ancestors (beyond its direct parents)
  core        direction: its works that something builds on and that are not
              recent; if none, its most important work. target: the targets
              and the works they build on directly
  frontier    direction: its recent works (dated within --recent-months months up
              to --as-of, or up to the latest work) and its leaves (nothing builds
              on them), plus works built on it; target: works built on the
              targets (--with-descendants)

--budget N keeps N works: targets first, then core, foundation and frontier works,
each by importance, age and id. Works left out are listed as skipped, with the kept
work that needs them ("skipped: prerequisite of X; over budget").

Citation data is not acyclic: when the relation kinds read can form cycles (cites,
analyzes, alternative-to), the cycle rule of docs/plan.md drops edges that point
forward in time and orders each remaining cycle by (date, id); the output says how
many edges it dropped.

Formats: table; json (an object with as_of, direction or target, items in reading
order with id, short_name, year, stage, why, and skipped with id and why, plus
cycle_rule when it applies); csv (items, then skipped works with stage "skipped");
markdown (a checklist "- [ ] Title (year): why"); bibtex (one @misc entry per item,
keys = ids made BibTeX-safe, arXiv id as eprint with archivePrefix, venue as note).`,
		Example: `  litgraph plan --target swin
  litgraph plan --direction vit-transfer-pose --format markdown
  litgraph plan --target swin --target detr --budget 4 --format json
  litgraph plan --direction detr-mods --format bibtex --out detr.bib`,
		Args: exactArgs(0, "no arguments (use --direction or --target)"),
		RunE: func(cmd *cobra.Command, args []string) error { return a.runPlan(o) },
	}
	o.analysis.register(cmd)
	f := cmd.Flags()
	f.StringVar(&o.direction, "direction", "", "plan the reading of this direction (with its subdirections)")
	f.StringArrayVar(&o.targets, "target", nil, "plan what is needed to understand this work (repeatable; id, arxiv:ID or doi:ID)")
	f.BoolVar(&o.withDescendants, "with-descendants", false, "also list the works built on the targets or on the direction's works (stage frontier)")
	f.IntVar(&o.budget, "budget", 0, "keep at most N works, the most valuable ones; the rest are listed as skipped (0: no limit)")
	f.IntVar(&o.recentMonths, "recent-months", defaultRecentMonths, "direction plans: a work dated within this many months up to the reference date is recent (stage frontier)")
	return cmd
}

func (a *app) runPlan(o *planOptions) error {
	f, err := a.format(planFormats)
	if err != nil {
		return err
	}
	switch {
	case o.direction == "" && len(o.targets) == 0:
		return usagef("plan needs --direction D or --target ID (see litgraph plan --help)")
	case o.direction != "" && len(o.targets) > 0:
		return usagef("plan takes --direction or --target, not both")
	case o.budget < 0:
		return usagef("--budget must be 0 (no limit) or more, got %d", o.budget)
	case o.recentMonths < 1:
		return usagef("--recent-months must be 1 or more, got %d", o.recentMonths)
	}
	an, err := a.loadAnalysis(&o.analysis)
	if err != nil {
		return err
	}
	g := an.g
	po := o.graphOptions(an)
	if o.direction != "" {
		d, ok := g.DirectionIndex(o.direction)
		if !ok {
			return usagef("unknown direction %q%s (litgraph directions lists them)", o.direction, suggestDirection(g, o.direction))
		}
		po.Direction = d
	}
	var targetIDs []string
	for _, ref := range o.targets {
		i, err := resolve(g, ref)
		if err != nil {
			return err
		}
		po.Targets = append(po.Targets, int32(i))
		targetIDs = append(targetIDs, g.ID(i))
	}
	p := graph.MakePlan(g, po)
	return a.emit(func(w io.Writer) error { return writePlan(w, f, g, an, o, targetIDs, p) })
}

func writePlan(w io.Writer, f render.Format, g *graph.Graph, an *analysis, o *planOptions, targets []string, p *graph.Plan) error {
	applies := ruleApplies(p.Rule, an.kinds)
	switch f {
	case render.FormatJSON:
		items := []render.Object{}
		for i, it := range p.Items {
			var pre []string
			for _, u := range it.Parents {
				pre = append(pre, g.ID(int(u)))
			}
			items = append(items, render.O("position", i+1, "id", g.ID(int(it.Work)), "short_name", nullStr(g.Work(int(it.Work)).ShortName),
				"title", nullStr(g.Work(int(it.Work)).Title), "year", yearOf(g, it.Work), "stage", it.Stage.String(),
				"importance", it.Importance, "direct", it.Direct, "prerequisites", nonNil(pre), "why", it.Why))
		}
		skipped := []render.Object{}
		for _, s := range p.Skipped {
			var forID any
			if s.For >= 0 {
				forID = g.ID(int(s.For))
			}
			skipped = append(skipped, render.O("id", g.ID(int(s.Work)), "short_name", nullStr(g.Work(int(s.Work)).ShortName),
				"year", yearOf(g, s.Work), "prerequisite_of", forID, "why", s.Why))
		}
		var asOf any
		if !an.asOf.IsZero() {
			asOf = an.asOf.String()
		}
		obj := render.O("as_of", asOf)
		if o.direction != "" {
			obj = append(obj, render.O("direction", o.direction, "recent_since", nullStr(p.RecentSince.String()))...)
		} else {
			obj = append(obj, render.O("target", targets)...)
		}
		obj = append(obj, render.O("relations", an.kinds.String(), "reference_date", nullStr(p.Reference.String()),
			"budget", nullInt(o.budget), "items", items, "skipped", skipped)...)
		if applies {
			obj = append(obj, render.O("cycle_rule", ruleObject(p.Rule))...)
		}
		return render.WriteJSON(w, obj)
	case render.FormatMarkdown:
		var b strings.Builder
		for _, it := range p.Items {
			fmt.Fprintf(&b, "- [ ] %s: %s\n", titleYear(g, it.Work), render.EscapeMarkdown(it.Why))
		}
		if len(p.Skipped) > 0 {
			b.WriteString("\nSkipped:\n\n")
			for _, s := range p.Skipped {
				fmt.Fprintf(&b, "- %s: %s\n", titleYear(g, s.Work), render.EscapeMarkdown(s.Why))
			}
		}
		if applies {
			fmt.Fprintf(&b, "\n%s\n", render.EscapeMarkdown(ruleLine(p.Rule)))
		}
		_, err := io.WriteString(w, b.String())
		return err
	case render.FormatBibTeX:
		return render.WriteBibTeX(w, planBibTeX(g, p))
	}
	t := &render.Table{Columns: []render.Column{{Key: "position", Header: "#"}, {Key: "id"}, {Key: "short_name", Header: "name", Max: 28},
		{Key: "year"}, {Key: "stage"}, {Key: "importance", Hide: true}, {Key: "why"}}}
	for i, it := range p.Items {
		t.Rows = append(t.Rows, []any{i + 1, g.ID(int(it.Work)), nullStr(g.Work(int(it.Work)).ShortName), yearOf(g, it.Work),
			it.Stage.String(), it.Importance, it.Why})
	}
	if f == render.FormatCSV {
		for _, s := range p.Skipped {
			t.Rows = append(t.Rows, []any{nil, g.ID(int(s.Work)), nullStr(g.Work(int(s.Work)).ShortName), yearOf(g, s.Work), "skipped", nil, s.Why})
		}
		return render.Write(w, f, t)
	}
	t.Footer = planFooter(g, o, p)
	if applies {
		t.Footer = append(t.Footer, ruleLine(p.Rule))
	}
	return render.Write(w, f, t)
}

// planFooter is the table view's footer: the count, what recent means and the skipped works
// (the cycle rule line, when it applies, is for the caller to add).
func planFooter(g *graph.Graph, o *planOptions, p *graph.Plan) []string {
	foot := []string{plural(len(p.Items), "work") + " in reading order"}
	if o.direction != "" && !p.RecentSince.IsZero() {
		foot = append(foot, fmt.Sprintf("recent = dated %s or later (%d months up to %s)", p.RecentSince, o.recentMonths, p.Reference))
	}
	if len(p.Skipped) > 0 {
		foot = append(foot, plural(len(p.Skipped), "work")+" skipped:")
		for _, s := range p.Skipped {
			foot = append(foot, fmt.Sprintf("  %s  %s", g.ID(int(s.Work)), s.Why))
		}
	}
	return foot
}

// titleYear is "Title (year)" for Markdown, escaped; the title falls back to the short name.
func titleYear(g *graph.Graph, v int32) string {
	wk := g.Work(int(v))
	title := wk.Title
	if title == "" {
		title = wk.Label()
	}
	year := "undated"
	if wk.Date.Year != 0 {
		year = strconv.Itoa(int(wk.Date.Year))
	}
	return fmt.Sprintf("%s (%s)", render.EscapeMarkdown(title), year)
}

// monthNames are BibTeX's month macros, written as plain text values.
var monthNames = [...]string{"", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// planBibTeX builds one @misc entry per item, in reading order.
func planBibTeX(g *graph.Graph, p *graph.Plan) []render.BibEntry {
	ids := make([]string, len(p.Items))
	for i, it := range p.Items {
		ids[i] = g.ID(int(it.Work))
	}
	keys := render.BibKeys(ids)
	var out []render.BibEntry
	for i, it := range p.Items {
		wk := g.Work(int(it.Work))
		title := wk.Title
		if title == "" {
			title = wk.Label()
		}
		e := render.BibEntry{Type: "misc", Key: keys[i], Fields: []render.BibField{
			{Name: "title", Value: title, Protect: true},
			{Name: "author", Names: wk.Authors},
		}}
		if wk.Date.Year != 0 {
			e.Fields = append(e.Fields, render.BibField{Name: "year", Value: strconv.Itoa(int(wk.Date.Year))})
			if wk.Date.Month != 0 {
				e.Fields = append(e.Fields, render.BibField{Name: "month", Value: monthNames[wk.Date.Month], Macro: true})
			}
		}
		if wk.ArXiv != "" {
			e.Fields = append(e.Fields, render.BibField{Name: "eprint", Value: wk.ArXiv, Verbatim: true},
				render.BibField{Name: "archivePrefix", Value: "arXiv"})
		}
		e.Fields = append(e.Fields, render.BibField{Name: "doi", Value: wk.DOI, Verbatim: true},
			render.BibField{Name: "url", Value: wk.URL, Verbatim: true},
			render.BibField{Name: "note", Value: wk.Venue})
		out = append(out, e)
	}
	return out
}
