package cli

import (
	"fmt"
	"io"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/render"
	"github.com/spf13/cobra"
)

type similarOptions struct {
	analysis analysisOptions
	top      int
	by       string
}

func newSimilarCmd(a *app) *cobra.Command {
	o := &similarOptions{}
	cmd := &cobra.Command{
		Use:   "similar ID",
		Short: "List the works most similar to a work, by co-citation and bibliographic coupling",
		Long: `similar lists the works that the graph's relations say are most like ID. Here a
work's "citers" are the works that cite or build on it, its "references" the works
it cites or builds on (on the --rel relation kinds, after --as-of).

  cocitation  how often later works cite both (Small 1973), normalised by Salton's
              cosine (Salton & McGill 1983): |citers(ID) ∩ citers(W)| divided by
              √(|citers(ID)|·|citers(W)|); 1 when every work citing one cites the other
  coupling    how many references both cite (Kessler 1963), each shared reference r
              weighted by Adamic & Adar's 1/ln(|citers(r)|) as Inciteful does (natural
              log; |citers(r)| ≥ 2 since both cite r), so an obscure shared reference
              counts more than a classic that everybody cites
  both        (default) the mean of the two, each divided by its largest value among
              this query's candidates, so that both weigh the same

Why it finds near-identical papers: two versions of one idea (a preprint and its
journal version, concurrent papers, a method and its thin variant) cite the same
sources, so their coupling is high, and later papers cite them side by side, so their
co-citation is high; nothing else scores high on both. Two works that merely share a
famous reference score low, because 1/ln of a large citer count is small.

Works with a score of 0 are left out; the list is sorted by score, then by id. JSON:
an array of objects with the keys rank, id, short_name, year, cocitation, coupling and
score (the value of --by; for both, the scaled mean). ID is a work id, arxiv:ID or
doi:ID. docs/metrics-centrality.md gives the formulas and conventions.`,
		Example: `  litgraph similar detr
  litgraph similar swin --by coupling --top 5
  litgraph similar arxiv:2005.12872 --format json`,
		Args: exactArgs(1, "a work id, such as detr or arxiv:2005.12872"),
		RunE: func(cmd *cobra.Command, args []string) error { return a.runSimilar(o, args[0]) },
	}
	f := cmd.Flags()
	f.IntVar(&o.top, "top", 20, "list only the first K works (0: all)")
	f.StringVar(&o.by, "by", "both", "rank by cocitation, coupling or both")
	o.analysis.register(cmd)
	return cmd
}

func (a *app) runSimilar(o *similarOptions, ref string) error {
	f, err := a.format(tabular)
	if err != nil {
		return err
	}
	by, ok := graph.ParseSimilarBy(o.by)
	if !ok {
		return usagef("--by: unknown measure %q (known: cocitation, coupling, both)", o.by)
	}
	if o.top < 0 {
		return usagef("--top %d: give a positive number, or 0 for all works", o.top)
	}
	an, err := a.loadAnalysis(&o.analysis)
	if err != nil {
		return err
	}
	g := an.g
	q, err := resolve(g, ref)
	if err != nil {
		if !an.asOf.IsZero() {
			return usagef("%v (--as-of %s drops the works dated after it)", err, an.asOf)
		}
		return err
	}
	adj := g.Adjacency(an.kinds)
	res := graph.Similar(adj, q, by, o.top, g.IDs())
	t := &render.Table{Columns: []render.Column{{Key: "rank"}, {Key: "id"}, {Key: "short_name", Header: "name", Max: 32}, {Key: "year"},
		{Key: "cocitation"}, {Key: "coupling"}, {Key: "score"}}}
	for r, s := range res {
		i := int(s.Work)
		t.Rows = append(t.Rows, []any{r + 1, g.ID(i), nullStr(g.Work(i).ShortName), nullInt(int(g.Date(i).Year)), s.Cocitation, s.Coupling, s.Score})
	}
	foot := fmt.Sprintf("%s similar to %s (%s) by %s, on %s relations: %s, %s",
		plural(len(res), "work"), g.ID(q), g.Label(q), by, kindsLabel(an.kinds), plural(len(adj.Pred(q)), "citer"), plural(len(adj.Succ(q)), "reference"))
	if len(res) == 0 {
		foot += "; no other work shares a citer or a reference with it"
	}
	t.Footer = []string{foot}
	return a.emit(func(w io.Writer) error { return render.Write(w, f, t) })
}
