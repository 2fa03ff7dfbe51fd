package cli

import (
	"io"
	"slices"
	"strings"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/render"
	"github.com/spf13/cobra"
)

type worksOptions struct {
	direction    string
	since, until string
}

func newWorksCmd(a *app) *cobra.Command {
	o := &worksOptions{}
	cmd := &cobra.Command{
		Use:   "works [QUERY...]",
		Short: "List works, filtered by direction, date and text",
		Long: `works lists the loaded works sorted by id. QUERY words match, case-insensitively,
the id, short name, title, authors, venue, arXiv id and tags; every word must match.
--direction keeps the works of a direction and of its subdirections. --since and
--until take YYYY, YYYY-MM or YYYY-MM-DD and keep dated works inside the period
(undated works are dropped when either is given).

JSON: an array sorted by id of objects with the keys id, short_name, title, authors,
year, month, arxiv, doi, venue and directions; a missing value is null.`,
		Example: `  litgraph works --direction vit-transfer
  litgraph works --since 2021-03 detr
  litgraph works --format json --out works.json`,
		RunE: func(cmd *cobra.Command, args []string) error { return a.runWorks(o, args) },
	}
	cmd.Flags().StringVar(&o.direction, "direction", "", "only works of this direction and its subdirections")
	cmd.Flags().StringVar(&o.since, "since", "", "only works dated on or after this date (YYYY[-MM[-DD]])")
	cmd.Flags().StringVar(&o.until, "until", "", "only works dated on or before the end of this period (YYYY[-MM[-DD]])")
	return cmd
}

func (a *app) runWorks(o *worksOptions, query []string) error {
	f, err := a.format(tabular)
	if err != nil {
		return err
	}
	since, err := parseDateFlag("since", o.since)
	if err != nil {
		return err
	}
	until, err := parseDateFlag("until", o.until)
	if err != nil {
		return err
	}
	g, err := a.load(nil)
	if err != nil {
		return err
	}
	inDir, _, err := directionFilter(g, o.direction)
	if err != nil {
		return err
	}
	var words []string
	for _, q := range query {
		words = append(words, strings.Fields(strings.ToLower(q))...)
	}
	var rows []int
	for i := range g.NumWorks() {
		w := g.Work(i)
		if inDir != nil && !inDir[i] {
			continue
		}
		if !since.IsZero() && (w.Date.IsZero() || w.Date.Compare(since) < 0) {
			continue
		}
		if !until.IsZero() && (w.Date.IsZero() || w.Date.Compare(until.EndOf()) > 0) {
			continue
		}
		if !matches(&w, words) {
			continue
		}
		rows = append(rows, i)
	}
	slices.SortFunc(rows, func(x, y int) int { return strings.Compare(g.ID(x), g.ID(y)) })
	t := worksTable(g, rows)
	return a.emit(func(w io.Writer) error { return render.Write(w, f, t) })
}

func matches(w *graph.Work, words []string) bool {
	if len(words) == 0 {
		return true
	}
	hay := strings.ToLower(strings.Join([]string{w.ID, w.ShortName, w.Title, strings.Join(w.Authors, " "), w.Venue, w.ArXiv, strings.Join(w.Tags, " ")}, "\n"))
	for _, q := range words {
		if !strings.Contains(hay, q) {
			return false
		}
	}
	return true
}

// worksTable is the works listing: every format shares its columns.
func worksTable(g *graph.Graph, rows []int) *render.Table {
	t := &render.Table{Columns: []render.Column{
		{Key: "id"}, {Key: "short_name", Header: "name", Max: 28}, {Key: "title", Hide: true},
		{Key: "authors", Hide: true}, {Key: "year"}, {Key: "month", Hide: true}, {Key: "arxiv"},
		{Key: "doi", Hide: true}, {Key: "venue", Max: 24}, {Key: "directions", Max: 40},
	}}
	for _, i := range rows {
		w := g.Work(i)
		t.Rows = append(t.Rows, []any{w.ID, nullStr(w.ShortName), nullStr(w.Title), nonNil(w.Authors),
			nullInt(int(w.Date.Year)), nullInt(int(w.Date.Month)), nullStr(w.ArXiv), nullStr(w.DOI), nullStr(w.Venue), nonNil(w.Directions)})
	}
	t.Footer = []string{plural(len(rows), "work")}
	return t
}

// nullStr maps "" to a missing value (JSON null).
func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// nullInt maps 0 to a missing value (JSON null).
func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
