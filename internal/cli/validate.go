package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/loader"
	"github.com/litgraph/litgraph/render"
	"github.com/spf13/cobra"
)

func newValidateCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check data files and report every problem as file:line:col",
		Long: `validate loads the given files (or the --data sources, or the built-in data) and
reports every problem at once, one per line as file:line:col: message, then exits 2.
Valid input prints a summary and exits 0. PATH takes the same values as --data:
a file, a directory, builtin, or - for stdin. Files may refer to each other's ids,
directions and tasks, so validate them together.`,
		Example: `  litgraph validate
  litgraph validate mine.yaml             # mine.yaml alone
  litgraph validate builtin mine.yaml     # mine.yaml on top of the built-in data`,
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.format([]render.Format{render.FormatTable, render.FormatJSON})
			if err != nil {
				return err
			}
			if len(args) == 0 {
				args = nil
			}
			g, err := a.load(args)
			var list loader.ErrorList
			if f == render.FormatJSON && errors.As(err, &list) {
				probs := make([]render.Object, len(list))
				for i, p := range list {
					probs[i] = problemObject(p)
				}
				if werr := a.emit(func(w io.Writer) error {
					return render.WriteJSON(w, render.O("ok", false, "problems", probs))
				}); werr != nil {
					return werr
				}
				return err
			}
			if err != nil {
				return err
			}
			return a.emit(func(w io.Writer) error { return writeSummary(w, f, g) })
		},
	}
}

func problemObject(p *loader.Problem) render.Object {
	var line, col any
	if p.Line > 0 {
		line = p.Line
	}
	if p.Col > 0 {
		col = p.Col
	}
	return render.O("file", p.File, "line", line, "column", col, "message", p.Msg)
}

func writeSummary(w io.Writer, f render.Format, g *graph.Graph) error {
	counts := make(map[graph.Kind]int)
	for e := range g.NumEdges() {
		counts[g.Edge(e).Kind]++
	}
	if f == render.FormatJSON {
		var byKind render.Object
		for _, k := range graph.Kinds() {
			byKind = append(byKind, render.Field{Key: k.String(), Value: counts[k]})
		}
		return render.WriteJSON(w, render.O("ok", true, "works", g.NumWorks(), "relations", g.NumEdges(), "relations_by_kind", byKind, "directions", len(g.Directions()), "tasks", len(g.Tasks())))
	}
	_, err := fmt.Fprintf(w, "ok: %s, %s, %s, %s\n", plural(g.NumWorks(), "work"), plural(g.NumEdges(), "relation"),
		plural(len(g.Directions()), "direction"), plural(len(g.Tasks()), "task"))
	return err
}
