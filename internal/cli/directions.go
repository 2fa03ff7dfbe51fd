package cli

import (
	"io"
	"strings"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/render"
	"github.com/spf13/cobra"
)

func newDirectionsCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "directions",
		Short: "Print the direction tree with work counts",
		Long: `directions prints the research directions as a tree (depth first, siblings by id)
with two counts: works filed directly under the direction, and works in it or in any
of its subdirections (a work counted once). Every format keeps the tree order; JSON
gives each direction's id, name, parent, depth, description, works and total.`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.format(tabular)
			if err != nil {
				return err
			}
			g, err := a.load(nil)
			if err != nil {
				return err
			}
			return a.emit(func(w io.Writer) error { return render.Write(w, f, directionsTable(g)) })
		},
	}
}

func directionsTable(g *graph.Graph) *render.Table {
	dirs := g.Directions()
	direct := g.DirectionWorks()
	children := make([][]int, len(dirs))
	var roots []int
	for d := range dirs {
		if p := g.DirectionParent(d); p >= 0 {
			children[p] = append(children[p], d)
		} else {
			roots = append(roots, d)
		}
	}
	t := &render.Table{Columns: []render.Column{{Key: "id", Header: "direction"}, {Key: "name", Max: 44}, {Key: "parent", Hide: true},
		{Key: "depth", Hide: true}, {Key: "description", Hide: true}, {Key: "works"}, {Key: "total"}}}
	var walk func(d, depth int)
	walk = func(d, depth int) {
		seen := map[int32]bool{}
		for _, s := range g.DirectionSubtree(d) {
			for _, w := range direct[s] {
				seen[w] = true
			}
		}
		var parent any
		if p := g.DirectionParent(d); p >= 0 {
			parent = dirs[p].ID
		}
		t.Rows = append(t.Rows, []any{strings.Repeat("  ", depth) + dirs[d].ID, dirs[d].Name, parent, depth,
			nullStr(dirs[d].Description), len(direct[d]), len(seen)})
		for _, c := range children[d] {
			walk(c, depth+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	none := 0
	for i := range g.NumWorks() {
		if len(g.WorkDirections(i)) == 0 {
			none++
		}
	}
	t.Footer = []string{plural(len(dirs), "direction") + "; " + plural(g.NumWorks(), "work") + ", " + plural(none, "work") + " in no direction"}
	return t
}
