package cli

import (
	"io"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/render"
	"github.com/spf13/cobra"
)

func newKindsCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "kinds",
		Short: "Print the relation vocabulary with counts in the loaded data",
		Long: `kinds prints the closed vocabulary of relation kinds: each kind's group (lineage
kinds say one work is derived from another and must form a DAG; context kinds may form
cycles), what it means, and how many relations of that kind the loaded data holds.
An edge points from the derived or citing work to its base.`,
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
			counts := map[graph.Kind]int{}
			for e := range g.NumEdges() {
				counts[g.Edge(e).Kind]++
			}
			t := &render.Table{Columns: []render.Column{{Key: "kind"}, {Key: "group"}, {Key: "count"}, {Key: "description"}}}
			for _, k := range graph.Kinds() {
				group := "context"
				if k.Lineage() {
					group = "lineage"
				}
				t.Rows = append(t.Rows, []any{k.String(), group, counts[k], k.Description()})
			}
			return a.emit(func(w io.Writer) error { return render.Write(w, f, t) })
		},
	}
}
