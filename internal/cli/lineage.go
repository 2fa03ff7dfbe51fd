package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/render"
	"github.com/spf13/cobra"
)

type pathOptions struct {
	analysis analysisOptions
	limit    int
}

func newPathCmd(a *app) *cobra.Command {
	o := &pathOptions{}
	cmd := &cobra.Command{
		Use:   "path A B",
		Short: "Show how work A descends from work B: every shortest lineage path",
		Long: `path lists every shortest path from A to B along the relations read: A builds on
a work that builds on … B. Paths are found by BFS layering from both ends and enumerated
in lexicographic order of their works by (date, id), up to --limit (default 100; the
output says how many shortest paths there are in all).

The search runs on the acyclic view of docs/plan.md: with citation data (cites) the
cycle rule first drops edges that point forward in time and breaks the remaining
cycles. When A does not descend from B but B descends from A, the output says so.

Table: one row per path with its chain "A -modifies-> X -extends-> B". JSON: an
object with from, to, length, total_paths, truncated and paths, each an array of steps
{id, short_name, year, kinds}, kinds being the relation kinds from the previous step
to this one (null for the first).`,
		Example: `  litgraph path swin transformer
  litgraph path tfpose transformer --format json`,
		Args: exactArgs(2, "two work ids: the descendant, then the ancestor"),
		RunE: func(cmd *cobra.Command, args []string) error { return a.runPath(o, args[0], args[1]) },
	}
	o.analysis.register(cmd)
	cmd.Flags().IntVar(&o.limit, "limit", 100, "list at most this many paths (0: all of them)")
	return cmd
}

func (a *app) runPath(o *pathOptions, refA, refB string) error {
	f, err := a.format(tabular)
	if err != nil {
		return err
	}
	if o.limit < 0 {
		return usagef("--limit must be 0 (all) or more, got %d", o.limit)
	}
	an, err := a.loadAnalysis(&o.analysis)
	if err != nil {
		return err
	}
	g := an.g
	x, err := resolve(g, refA)
	if err != nil {
		return err
	}
	y, err := resolve(g, refB)
	if err != nil {
		return err
	}
	d := g.DAG(an.kinds)
	paths, total := graph.ShortestPaths(g, d.A, int32(x), int32(y), o.limit)
	var note string
	if len(paths) == 0 {
		switch {
		case x == y:
			note = fmt.Sprintf("%s and %s are the same work", refA, refB)
		default:
			note = fmt.Sprintf("%s does not descend from %s on %s", g.ID(x), g.ID(y), an.kinds)
			if back, _ := graph.ShortestPaths(g, d.A, int32(y), int32(x), 1); len(back) > 0 {
				note += fmt.Sprintf("; %s descends from %s (litgraph path %s %s)", g.ID(y), g.ID(x), g.ID(y), g.ID(x))
			}
		}
	}
	truncated := float64(len(paths)) < total
	applies := ruleApplies(d.Rule, an.kinds)
	kindsOf := func(p []int32, i int) []string {
		if i == 0 {
			return nil
		}
		ks, _ := g.KindsBetween(int(p[i-1]), int(p[i]), an.kinds)
		var out []string
		for _, k := range ks {
			out = append(out, k.String())
		}
		if len(out) == 0 { // several kinds collapsed into one arc always keep one; defensive
			out = []string{"?"}
		}
		return out
	}
	return a.emit(func(w io.Writer) error {
		if f == render.FormatJSON {
			ps := []any{}
			for _, p := range paths {
				steps := []render.Object{}
				for i, v := range p {
					var kinds any
					if i > 0 {
						kinds = kindsOf(p, i)
					}
					steps = append(steps, render.O("id", g.ID(int(v)), "short_name", nullStr(g.Work(int(v)).ShortName), "year", yearOf(g, v), "kinds", kinds))
				}
				ps = append(ps, steps)
			}
			var length any
			if len(paths) > 0 {
				length = len(paths[0]) - 1
			}
			obj := render.O("from", g.ID(x), "to", g.ID(y), "relations", an.kinds.String(), "length", length,
				"total_paths", total, "truncated", truncated, "note", nullStr(note), "paths", ps)
			if applies {
				obj = append(obj, render.O("cycle_rule", ruleObject(d.Rule))...)
			}
			return render.WriteJSON(w, obj)
		}
		t := &render.Table{Columns: []render.Column{{Key: "path"}, {Key: "length"}, {Key: "chain"}}}
		for n, p := range paths {
			var b strings.Builder
			for i, v := range p {
				if i > 0 {
					fmt.Fprintf(&b, " -%s-> ", strings.Join(kindsOf(p, i), ","))
				}
				b.WriteString(g.Label(int(v)))
			}
			t.Rows = append(t.Rows, []any{n + 1, len(p) - 1, b.String()})
		}
		if f == render.FormatTable {
			switch {
			case note != "":
				t.Footer = append(t.Footer, note)
			case truncated:
				t.Footer = append(t.Footer, fmt.Sprintf("showing %d of %s shortest paths (--limit)", len(paths), render.FormatFloat(total)))
			default:
				t.Footer = append(t.Footer, plural(len(paths), "shortest path"))
			}
			if applies {
				t.Footer = append(t.Footer, ruleLine(d.Rule))
			}
		}
		return render.Write(w, f, t)
	})
}

type lineageOptions struct {
	analysis analysisOptions
	up, down bool
	depth    int
}

func newLineageCmd(a *app) *cobra.Command {
	o := &lineageOptions{}
	cmd := &cobra.Command{
		Use:   "lineage ID [--up | --down] [--depth N]",
		Short: "List a work's ancestors (--up) or descendants (--down) with depth and relation kinds",
		Long: `lineage lists what a work builds on, directly or through others (--up, the
default), or what builds on it (--down), each work at its shortest distance (depth 1 =
direct), up to --depth steps (0: no limit). "via" names the works one step closer to ID
through which it is reached, "kinds" the relation kinds on those edges.

Rows are sorted by depth, then date (undated last), then id. The query runs on the
acyclic view of docs/plan.md (the cycle rule applies to citation data).

JSON: an object with id, direction (up or down), depth_limit, relations and works, an
array of {depth, id, short_name, year, kinds, via}.`,
		Example: `  litgraph lineage swin --up
  litgraph lineage transformer --down --depth 1
  litgraph lineage detr --down --format json`,
		Args: exactArgs(1, "a work id, such as swin or arxiv:2103.14030"),
		RunE: func(cmd *cobra.Command, args []string) error { return a.runLineage(o, args[0]) },
	}
	o.analysis.register(cmd)
	cmd.Flags().BoolVar(&o.up, "up", false, "list ancestors: what the work builds on (default)")
	cmd.Flags().BoolVar(&o.down, "down", false, "list descendants: what builds on the work")
	cmd.Flags().IntVar(&o.depth, "depth", 0, "at most this many steps away (0: no limit)")
	return cmd
}

func (a *app) runLineage(o *lineageOptions, ref string) error {
	f, err := a.format(tabular)
	if err != nil {
		return err
	}
	if o.up && o.down {
		return usagef("lineage takes --up or --down, not both")
	}
	if o.depth < 0 {
		return usagef("--depth must be 0 (no limit) or more, got %d", o.depth)
	}
	an, err := a.loadAnalysis(&o.analysis)
	if err != nil {
		return err
	}
	g := an.g
	x, err := resolve(g, ref)
	if err != nil {
		return err
	}
	d := g.DAG(an.kinds)
	up := !o.down
	steps := graph.Lineage(g, d.A, int32(x), up, o.depth)
	dir := "up"
	if !up {
		dir = "down"
	}
	type row struct {
		kinds, via []string
	}
	rows := make([]row, len(steps))
	for i, st := range steps {
		var set graph.KindSet
		for _, v := range st.Via {
			from, to := int(v), int(st.Work)
			if !up {
				from, to = to, from
			}
			ks, _ := g.KindsBetween(from, to, an.kinds)
			set |= graph.SetOf(ks...)
			rows[i].via = append(rows[i].via, g.ID(int(v)))
		}
		for _, k := range set.Kinds() {
			rows[i].kinds = append(rows[i].kinds, k.String())
		}
	}
	applies := ruleApplies(d.Rule, an.kinds)
	return a.emit(func(w io.Writer) error {
		if f == render.FormatJSON {
			works := []render.Object{}
			for i, st := range steps {
				works = append(works, render.O("depth", st.Depth, "id", g.ID(int(st.Work)), "short_name", nullStr(g.Work(int(st.Work)).ShortName),
					"year", yearOf(g, st.Work), "kinds", nonNil(rows[i].kinds), "via", nonNil(rows[i].via)))
			}
			obj := render.O("id", g.ID(x), "direction", dir, "depth_limit", nullInt(o.depth), "relations", an.kinds.String(), "works", works)
			if applies {
				obj = append(obj, render.O("cycle_rule", ruleObject(d.Rule))...)
			}
			return render.WriteJSON(w, obj)
		}
		t := &render.Table{Columns: []render.Column{{Key: "depth"}, {Key: "id"}, {Key: "short_name", Header: "name", Max: 28}, {Key: "year"},
			{Key: "kinds"}, {Key: "via", Max: 48}}}
		for i, st := range steps {
			t.Rows = append(t.Rows, []any{st.Depth, g.ID(int(st.Work)), nullStr(g.Work(int(st.Work)).ShortName), yearOf(g, st.Work),
				nonNil(rows[i].kinds), nonNil(rows[i].via)})
		}
		what := "ancestors"
		if !up {
			what = "descendants"
		}
		t.Footer = []string{fmt.Sprintf("%d %s of %s", len(steps), what, g.ID(x))}
		if applies {
			t.Footer = append(t.Footer, ruleLine(d.Rule))
		}
		return render.Write(w, f, t)
	})
}
