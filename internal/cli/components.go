package cli

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/render"
	"github.com/spf13/cobra"
)

type componentsOptions struct {
	analysis analysisOptions
	top      int
}

func newComponentsCmd(a *app) *cobra.Command {
	o := &componentsOptions{}
	cmd := &cobra.Command{
		Use:   "components",
		Short: "Weakly connected components: how much of the field hangs together",
		Long: `components splits the works into weakly connected components: two works are in
the same component when a chain of relations (--rel, in either direction) joins them.
An imported field usually has one giant component and many small islands (works whose
references all fall outside the data); the islands are what a crawl missed.

Components are listed from the largest down (ties: the one whose smallest work id comes
first), each with its size, its share of all works and its most built-on work (highest
in-degree; ties by id). The footer counts the components and the isolated works
(components of one work). It is one linear pass (union–find), a second on a million
works.

JSON: an array in that order of objects with the keys rank, size, share,
most_built_on (the work id) and short_name (null when the work has none). Table, CSV
and Markdown have the same columns.`,
		Example: `  litgraph components
  litgraph components --data citations.txt --top 20
  litgraph components --data field.lgs --format json --top 0`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error { return a.runComponents(o) },
	}
	cmd.Flags().IntVar(&o.top, "top", 10, "list only the K largest components (0: all)")
	o.analysis.register(cmd)
	return cmd
}

func (a *app) runComponents(o *componentsOptions) error {
	f, err := a.format(tabular)
	if err != nil {
		return err
	}
	if o.top < 0 {
		return usagef("--top %d: give a positive number, or 0 for all components", o.top)
	}
	an, err := a.loadAnalysis(&o.analysis)
	if err != nil {
		return err
	}
	g := an.g
	adj := g.Adjacency(an.kinds)
	p := graph.WeakComponents(adj)
	k := p.K()
	minID := make([]int32, k) // smallest work id (string order) of each component
	best := make([]int32, k)  // most built-on work
	for c := range minID {
		minID[c], best[c] = -1, -1
	}
	for v, c := range p.Of {
		if m := minID[c]; m < 0 || g.ID(v) < g.ID(int(m)) {
			minID[c] = int32(v)
		}
		if b := best[c]; b < 0 || cmp.Or(cmp.Compare(len(adj.Pred(int(b))), len(adj.Pred(v))), strings.Compare(g.ID(v), g.ID(int(b)))) < 0 {
			best[c] = int32(v)
		}
	}
	order := make([]int, k)
	for c := range order {
		order[c] = c
	}
	order = sortTop(order, o.top, func(x, y int) int {
		return cmp.Or(cmp.Compare(p.Sizes[y], p.Sizes[x]), strings.Compare(g.ID(int(minID[x])), g.ID(int(minID[y]))))
	})
	n := g.NumWorks()
	t := &render.Table{Columns: []render.Column{{Key: "rank"}, {Key: "size"}, {Key: "share"},
		{Key: "most_built_on", Header: "most built on"}, {Key: "short_name", Header: "name", Max: 32}}}
	for r, c := range order {
		b := int(best[c])
		t.Rows = append(t.Rows, []any{r + 1, p.Sizes[c], float64(p.Sizes[c]) / float64(n), g.ID(b), nullStr(g.Work(b).ShortName)})
	}
	isolated := 0
	for _, s := range p.Sizes {
		if s == 1 {
			isolated++
		}
	}
	largest := 0
	if k > 0 {
		largest = slices.Max(p.Sizes)
	}
	t.Footer = []string{fmt.Sprintf("%s over %s and %d %s relations; the largest holds %s; %s isolated",
		plural(k, "weakly connected component"), plural(n, "work"), adj.M(), kindsLabel(an.kinds),
		render.FormatFloat(100*float64(largest)/float64(max(n, 1)))+" %", plural(isolated, "work"))}
	return a.emit(func(w io.Writer) error { return render.Write(w, f, t) })
}
