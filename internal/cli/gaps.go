package cli

import (
	"bytes"
	"io"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/render"
	"github.com/spf13/cobra"
)

type gapsOptions struct {
	analysis  analysisOptions
	top       int
	direction string
}

func newGapsCmd(a *app) *cobra.Command {
	o := &gapsOptions{}
	cmd := &cobra.Command{
		Use:   "gaps",
		Short: "Show the base × task matrix of applies-to-task edges and rank its open cells",
		Long: `gaps counts, for every base (the target of an applies-to-task edge) and every task,
the works that apply the base to the task. An opening is an empty cell (B, T): B has
been applied to other tasks and T has works from other bases. Openings are ranked by

  score = in_degree(B) × activity(T)

where in_degree(B) is the number of works that build on B in the --rel view (a
centrality proxy) and activity(T) the number of works applying any base to T; ties
by base id, then task id. Each opening says why, from the numbers.

The table shows the matrix (bases as rows, tasks as columns, "." for an empty cell)
and then the --top openings. JSON: {"matrix": {"bases": [...], "tasks": [...],
"counts": [[...]]}, "openings": [...]} with bases and tasks sorted by id and counts
indexed [base][task]; each opening holds rank, base, task, score, base_in_degree,
task_activity, base_tasks, task_bases and reason. CSV gives the openings.
--direction keeps the applies-to-task edges of works in that direction's subtree.`,
		Example: `  litgraph gaps
  litgraph gaps --as-of 2021-06 --top 5
  litgraph gaps --direction vit-transfer --format json`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := a.format(tabular)
			if err != nil {
				return err
			}
			if o.top < 0 {
				return usagef("--top must be 0 (all) or more, got %d", o.top)
			}
			an, err := a.loadAnalysis(&o.analysis)
			if err != nil {
				return err
			}
			keep, err := directionSet(an.g, o.direction)
			if err != nil {
				return err
			}
			var from []bool
			if keep != nil {
				from = make([]bool, an.g.NumWorks())
				for i := range from {
					for _, d := range an.g.WorkDirections(i) {
						if keep[int(d)] {
							from[i] = true
						}
					}
				}
			}
			mx, ops := an.g.Gaps(graph.GapsOptions{Kinds: an.kinds, From: from})
			if o.top > 0 && len(ops) > o.top {
				ops = ops[:o.top]
			}
			return a.emit(func(w io.Writer) error { return writeGaps(w, f, an.g, mx, ops) })
		},
	}
	o.analysis.register(cmd)
	cmd.Flags().IntVar(&o.top, "top", 20, "show the K best openings (0: all)")
	cmd.Flags().StringVar(&o.direction, "direction", "", "only applies-to-task edges from works of this direction and its subdirections")
	return cmd
}

// gapsOpenings is the table of ranked openings.
func gapsOpenings(g *graph.Graph, ops []graph.Opening) *render.Table {
	ot := &render.Table{Columns: []render.Column{{Key: "rank"}, {Key: "base"}, {Key: "task"}, {Key: "score"},
		{Key: "base_in_degree", Header: "in_deg"}, {Key: "task_activity", Header: "activity"}, {Key: "base_tasks", Hide: true},
		{Key: "task_bases", Hide: true}, {Key: "reason"}}}
	for r, op := range ops {
		ot.Rows = append(ot.Rows, []any{r + 1, g.ID(int(op.Base)), op.Task, op.Score, op.BaseInDegree, op.TaskActivity,
			nonNil(op.BaseTasks), workIDs(g, op.TaskBases), op.Reason})
	}
	return ot
}

// gapsMatrix is the base × task matrix as a table, "." for an empty cell.
func gapsMatrix(g *graph.Graph, mx *graph.GapMatrix) *render.Table {
	mt := &render.Table{Columns: []render.Column{{Key: "base"}}}
	for _, t := range mx.Tasks {
		mt.Columns = append(mt.Columns, render.Column{Key: t})
	}
	for i, b := range workIDs(g, mx.Bases) {
		row := []any{b}
		for _, c := range mx.Counts[i] {
			if c == 0 {
				row = append(row, ".")
			} else {
				row = append(row, c)
			}
		}
		mt.Rows = append(mt.Rows, row)
	}
	mt.Footer = []string{plural(len(mx.Bases), "base") + " × " + plural(len(mx.Tasks), "task") + "; " + plural(mx.NoTask, "applies-to-task edge") + " without a task left out"}
	return mt
}

func writeGaps(w io.Writer, f render.Format, g *graph.Graph, mx *graph.GapMatrix, ops []graph.Opening) error {
	ot := gapsOpenings(g, ops)
	bases := workIDs(g, mx.Bases)
	switch f {
	case render.FormatJSON:
		counts := mx.Counts
		if counts == nil {
			counts = [][]int{}
		}
		var objs []render.Object
		for r, row := range ot.Rows {
			obj := render.Object{{Key: "rank", Value: r + 1}}
			for j, c := range ot.Columns[1:] {
				obj = append(obj, render.Field{Key: c.Key, Value: row[j+1]})
			}
			objs = append(objs, obj)
		}
		if objs == nil {
			objs = []render.Object{}
		}
		return render.WriteJSON(w, render.Object{
			{Key: "matrix", Value: render.Object{{Key: "bases", Value: bases}, {Key: "tasks", Value: nonNil(mx.Tasks)}, {Key: "counts", Value: counts}}},
			{Key: "openings", Value: objs}})
	case render.FormatCSV:
		return render.Write(w, f, ot)
	}
	mt := gapsMatrix(g, mx)
	var buf bytes.Buffer
	if err := render.Write(&buf, f, mt); err != nil {
		return err
	}
	buf.WriteString("\n")
	if err := render.Write(&buf, f, ot); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
