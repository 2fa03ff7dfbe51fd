package cli

import (
	"fmt"
	"io"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/render"
	"github.com/spf13/cobra"
)

type mainPathOptions struct {
	analysis  analysisOptions
	keyRoutes int
}

func newMainPathCmd(a *app) *cobra.Command {
	o := &mainPathOptions{}
	cmd := &cobra.Command{
		Use:   "mainpath",
		Short: "Main path analysis: the backbone of the field by search path counts",
		Long: `mainpath runs Hummon and Doreian's (1989) main path analysis with search path
count (SPC) weights computed as in Batagelj (2003): in the acyclic view (docs/plan.md)
read in the direction knowledge flows, from the cited (older) work to the citing
(newer) one, a virtual source feeds every work that cites nothing and every work
nothing cites feeds a virtual sink; the SPC of an edge is the number of source-to-sink
paths through it, N-(cited) x N+(citing).

It prints three kinds of path, each oldest first (the direction knowledge flows):
  global          the source-to-sink path with the largest total SPC
  local-forward   from the source edge of largest SPC, always the largest SPC onward
  key-route-K     Liu & Lu (2012): the K edges of largest SPC (--key-routes), each
                  extended greedily backward to a source and forward to a sink
Ties go to the older work, then the smaller id.

Table: one row per work per path with the SPC of the edge that reaches it. JSON: an
object with relations, total_paths (source-to-sink paths), paths [{name, total_spc,
works [{id, short_name, year, spc}]}] (spc null for a path's first work) and
cycle_rule when it applies.`,
		Example: `  litgraph mainpath
  litgraph mainpath --key-routes 5 --format json`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error { return a.runMainPath(o) },
	}
	o.analysis.register(cmd)
	cmd.Flags().IntVar(&o.keyRoutes, "key-routes", 3, "number of key routes: the edges of largest SPC to build key-route main paths from (0: none)")
	return cmd
}

func (a *app) runMainPath(o *mainPathOptions) error {
	f, err := a.format(tabular)
	if err != nil {
		return err
	}
	if o.keyRoutes < 0 {
		return usagef("--key-routes must be 0 or more, got %d", o.keyRoutes)
	}
	an, err := a.loadAnalysis(&o.analysis)
	if err != nil {
		return err
	}
	g := an.g
	d := g.DAG(an.kinds)
	mp, err := graph.FindMainPaths(g, d.A, o.keyRoutes)
	if err != nil {
		return err
	}
	paths := []graph.MainPath{mp.Global, mp.Local}
	paths = append(paths, mp.KeyRoutes...)
	applies := ruleApplies(d.Rule, an.kinds)
	return a.emit(func(w io.Writer) error {
		if f == render.FormatJSON {
			ps := []render.Object{}
			for _, p := range paths {
				works := []render.Object{}
				for i, v := range p.Works {
					var spc any
					if i > 0 {
						spc = p.Weights[i]
					}
					works = append(works, render.O("id", g.ID(int(v)), "short_name", nullStr(g.Work(int(v)).ShortName), "year", yearOf(g, v), "spc", spc))
				}
				ps = append(ps, render.O("name", p.Name, "total_spc", p.Total, "works", works))
			}
			obj := render.O("relations", an.kinds.String(), "flow", "cited-to-citing", "total_paths", mp.SPC.Total, "paths", ps)
			if applies {
				obj = append(obj, render.O("cycle_rule", ruleObject(d.Rule))...)
			}
			return render.WriteJSON(w, obj)
		}
		t := &render.Table{Columns: []render.Column{{Key: "path"}, {Key: "step"}, {Key: "id"}, {Key: "short_name", Header: "name", Max: 28},
			{Key: "year"}, {Key: "spc"}}}
		for _, p := range paths {
			for i, v := range p.Works {
				var spc any
				if i > 0 {
					spc = p.Weights[i]
				}
				t.Rows = append(t.Rows, []any{p.Name, i + 1, g.ID(int(v)), nullStr(g.Work(int(v)).ShortName), yearOf(g, v), spc})
			}
		}
		t.Footer = []string{fmt.Sprintf("paths run from cited to citing work, oldest first; SPC = search path count (Batagelj 2003) of the edge reaching the work; source-to-sink paths in all: %s",
			render.FormatFloat(mp.SPC.Total))}
		for _, p := range paths {
			t.Footer = append(t.Footer, fmt.Sprintf("  %s: %d works, total SPC %s", p.Name, len(p.Works), render.FormatFloat(p.Total)))
		}
		if applies {
			t.Footer = append(t.Footer, ruleLine(d.Rule))
		}
		return render.Write(w, f, t)
	})
}
