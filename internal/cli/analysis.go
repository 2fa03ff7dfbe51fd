package cli

import (
	"fmt"

	"github.com/litgraph/litgraph/graph"
	"github.com/spf13/cobra"
)

// analysisOptions are the flags every analysis command shares: --as-of cuts the graph at a
// date, --rel chooses the relation kinds it reads.
type analysisOptions struct {
	asOf string
	rel  string
}

func (o *analysisOptions) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.asOf, "as-of", "", "analyse the graph as it stood at the end of this period (YYYY[-MM[-DD]]); later works and their edges are dropped")
	cmd.Flags().StringVar(&o.rel, "rel", "", "relation kinds to read, comma-separated, or lineage, context, all (default: lineage, plus cites when the data has citations)")
}

// analysis is a loaded graph ready for an analysis command.
type analysis struct {
	g       *graph.Graph
	asOf    graph.Date // zero when not cut
	kinds   graph.KindSet
	undated int // undated works kept (structural metrics count them; time metrics leave them out)
}

// loadAnalysis loads --data, applies --as-of and resolves --rel. Undated works are counted in
// a warning when a cut is made.
func (a *app) loadAnalysis(o *analysisOptions) (*analysis, error) {
	asOf, err := parseDateFlag("as-of", o.asOf)
	if err != nil {
		return nil, err
	}
	g, err := a.load(nil)
	if err != nil {
		return nil, err
	}
	an := &analysis{g: g, asOf: asOf}
	if !asOf.IsZero() {
		an.g, an.undated = g.AsOf(asOf)
	} else {
		for i := range g.NumWorks() {
			if g.Date(i).IsZero() {
				an.undated++
			}
		}
	}
	if an.undated > 0 {
		fmt.Fprintf(a.stderr, "litgraph: warning: %s undated: kept in structural metrics, left out of time metrics\n", plural(an.undated, "work")+" "+isAre(an.undated))
	}
	an.kinds, err = relKinds(an.g, o.rel)
	if err != nil {
		return nil, err
	}
	return an, nil
}

// relKinds parses --rel; empty means the lineage kinds plus cites when the data has any.
func relKinds(g *graph.Graph, rel string) (graph.KindSet, error) {
	if rel == "" {
		ks := graph.LineageKinds
		if g.KindsPresent().Has(graph.Cites) {
			ks |= graph.SetOf(graph.Cites)
		}
		return ks, nil
	}
	ks, err := graph.ParseKindSet(rel)
	if err != nil {
		return 0, usagef("--rel: %v", err)
	}
	return ks, nil
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
