package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/render"
	"github.com/spf13/cobra"
)

func newShowCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "show ID",
		Short: "Show one work: facts, directions, what it builds on and what builds on it",
		Long: `show prints one work's facts, its directions, the works it builds on (its
parents: the targets of its relations) and the works that build on it (its children),
each with the relation kind. ID is a work id, arxiv:ID or doi:ID.

JSON: one object with the work's fields (missing ones null), "parents" and "children"
arrays of {id, short_name, year, kind, task, note}, sorted by id then kind.`,
		Example: `  litgraph show swin
  litgraph show arxiv:2010.11929 --format json`,
		Args: exactArgs(1, "a work id, such as swin or arxiv:2103.14030"),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.format(tabular)
			if err != nil {
				return err
			}
			g, err := a.load(nil)
			if err != nil {
				return err
			}
			i, err := resolve(g, args[0])
			if err != nil {
				return err
			}
			return a.emit(func(w io.Writer) error { return writeShow(w, f, g, i) })
		},
	}
}

// exactArgs is cobra.ExactArgs with a message that says what the argument is; it is a usage
// error.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("%s takes %s, got %d arguments (see %s --help)", cmd.CommandPath(), what, len(args), cmd.CommandPath())
		}
		return nil
	}
}

type relRow struct {
	other int
	kind  graph.Kind
	attr  *graph.EdgeAttr
}

func relations(g *graph.Graph, i int) (parents, children []relRow) {
	lo, hi := g.OutEdges(i)
	for e := lo; e < hi; e++ {
		parents = append(parents, relRow{int(g.Edge(e).To), g.Edge(e).Kind, g.EdgeAttr(e)})
	}
	for _, e := range g.InEdges(i) {
		children = append(children, relRow{int(g.Edge(int(e)).From), g.Edge(int(e)).Kind, g.EdgeAttr(int(e))})
	}
	byID := func(x, y relRow) int {
		if c := strings.Compare(g.ID(x.other), g.ID(y.other)); c != 0 {
			return c
		}
		return int(x.kind) - int(y.kind)
	}
	sortRows(parents, byID)
	sortRows(children, byID)
	return parents, children
}

func sortRows(rs []relRow, cmp func(x, y relRow) int) {
	for i := 1; i < len(rs); i++ { // insertion sort: short lists, stable
		for j := i; j > 0 && cmp(rs[j-1], rs[j]) > 0; j-- {
			rs[j-1], rs[j] = rs[j], rs[j-1]
		}
	}
}

func relObjects(g *graph.Graph, rs []relRow) []render.Object {
	out := []render.Object{}
	for _, r := range rs {
		var task, note any
		if r.attr != nil {
			task, note = nullStr(r.attr.Task), nullStr(r.attr.Note)
		}
		out = append(out, render.O("id", g.ID(r.other), "short_name", nullStr(g.Work(r.other).ShortName), "year", nullInt(int(g.Date(r.other).Year)), "kind", r.kind.String(), "task", task, "note", note))
	}
	return out
}

func writeShow(w io.Writer, f render.Format, g *graph.Graph, i int) error {
	wk := g.Work(i)
	parents, children := relations(g, i)
	var dirNames []string
	for _, d := range g.WorkDirections(i) {
		dirNames = append(dirNames, fmt.Sprintf("%s (%s)", g.Directions()[d].ID, g.Directions()[d].Name))
	}
	switch f {
	case render.FormatJSON:
		return render.WriteJSON(w, render.O(
			"id", wk.ID, "short_name", nullStr(wk.ShortName), "title", nullStr(wk.Title), "authors", nonNil(wk.Authors),
			"year", nullInt(int(wk.Date.Year)), "month", nullInt(int(wk.Date.Month)), "day", nullInt(int(wk.Date.Day)),
			"arxiv", nullStr(wk.ArXiv), "aliases", nonNil(wk.Aliases), "doi", nullStr(wk.DOI), "venue", nullStr(wk.Venue),
			"url", nullStr(wk.URL), "directions", nonNil(wk.Directions), "tasks", nonNil(wk.Tasks), "tags", nonNil(wk.Tags),
			"parents", relObjects(g, parents), "children", relObjects(g, children),
		))
	case render.FormatCSV, render.FormatMarkdown:
		t := &render.Table{Columns: []render.Column{{Key: "relation"}, {Key: "kind"}, {Key: "id"}, {Key: "short_name", Header: "name"}, {Key: "year"}, {Key: "task"}}}
		add := func(side string, rs []relRow) {
			for _, r := range rs {
				var task any
				if r.attr != nil {
					task = nullStr(r.attr.Task)
				}
				t.Rows = append(t.Rows, []any{side, r.kind.String(), g.ID(r.other), g.Label(r.other), nullInt(int(g.Date(r.other).Year)), task})
			}
		}
		add("parent", parents)
		add("child", children)
		if f == render.FormatMarkdown {
			fmt.Fprintf(w, "## %s: %s\n\n", render.EscapeMarkdown(wk.Label()), render.EscapeMarkdown(wk.Title))
			for _, kv := range factLines(&wk, dirNames) {
				fmt.Fprintf(w, "- **%s:** %s\n", kv[0], render.EscapeMarkdown(kv[1]))
			}
			fmt.Fprintln(w)
		}
		return render.Write(w, f, t)
	}
	fmt.Fprintf(w, "%s  %s\n", wk.ID, wk.Label())
	for _, kv := range factLines(&wk, dirNames) {
		fmt.Fprintf(w, "  %-11s %s\n", kv[0]+":", kv[1])
	}
	printRels := func(title string, rs []relRow) {
		fmt.Fprintf(w, "\n%s (%d):\n", title, len(rs))
		for _, r := range rs {
			extra := ""
			if r.attr != nil && r.attr.Task != "" {
				extra = " [task " + r.attr.Task + "]"
			}
			date := g.Date(r.other).String()
			if date == "" {
				date = "undated"
			}
			fmt.Fprintf(w, "  %-16s %-24s %s (%s)%s\n", r.kind, g.ID(r.other), g.Label(r.other), date, extra)
		}
	}
	printRels("builds on", parents)
	printRels("built on by", children)
	return nil
}

// factLines are the label/value pairs shown for a work; empty values are left out.
func factLines(wk *graph.Work, dirNames []string) [][2]string {
	var out [][2]string
	add := func(k, v string) {
		if v != "" {
			out = append(out, [2]string{k, v})
		}
	}
	add("title", wk.Title)
	add("authors", strings.Join(wk.Authors, ", "))
	add("date", wk.Date.String())
	if wk.ArXiv != "" {
		add("arxiv", wk.ArXiv+"  https://arxiv.org/abs/"+wk.ArXiv)
	}
	add("aliases", strings.Join(wk.Aliases, ", "))
	add("doi", wk.DOI)
	add("venue", wk.Venue)
	add("url", wk.URL)
	add("directions", strings.Join(dirNames, "; "))
	add("tasks", strings.Join(wk.Tasks, ", "))
	add("tags", strings.Join(wk.Tags, ", "))
	return out
}
