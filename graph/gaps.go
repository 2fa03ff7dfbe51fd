package graph

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// GapsOptions configures Gaps.
type GapsOptions struct {
	// Kinds is the view whose in-degree ranks bases (a centrality proxy).
	Kinds KindSet
	// From, when not nil, keeps only applies-to-task edges whose deriving work has From[w].
	From []bool
}

// GapMatrix counts applies-to-task works per base (rows) and task (columns).
type GapMatrix struct {
	Bases  []int32  // base work indices, by id
	Tasks  []string // task ids, sorted
	Counts [][]int  // [base][task]: distinct works applying the base to the task
	Works  [][][]int32
	// NoTask counts applies-to-task edges without a task (left out).
	NoTask int
}

// Opening is an empty cell of the matrix, ranked.
type Opening struct {
	Base         int32
	Task         string
	Score        float64
	BaseInDegree int
	TaskActivity int      // distinct works applying any base to the task
	BaseTasks    []string // tasks the base has been applied to
	TaskBases    []int32  // bases applied to the task, by id
	Reason       string
}

// Gaps builds the base × task matrix of applies-to-task edges and ranks its empty cells
// (see docs/metrics-saturation.md, "Gaps"): score = in-degree(base) × activity(task), then
// base id, then task id.
func (g *Graph) Gaps(o GapsOptions) (*GapMatrix, []Opening) {
	type cell struct {
		b int32
		t string
	}
	works := map[cell]map[int32]bool{}
	taskWorks := map[string]map[int32]bool{}
	baseSet := map[int32]bool{}
	mx := &GapMatrix{}
	for e := range g.from {
		if g.kinds[e] != AppliesToTask {
			continue
		}
		f := g.from[e]
		if o.From != nil && !o.From[f] {
			continue
		}
		a := g.attrs[int32(e)]
		if a == nil || a.Task == "" {
			mx.NoTask++
			continue
		}
		c := cell{g.to[e], a.Task}
		if works[c] == nil {
			works[c] = map[int32]bool{}
		}
		works[c][f] = true
		if taskWorks[a.Task] == nil {
			taskWorks[a.Task] = map[int32]bool{}
		}
		taskWorks[a.Task][f] = true
		baseSet[c.b] = true
	}
	for b := range baseSet {
		mx.Bases = append(mx.Bases, b)
	}
	slices.SortFunc(mx.Bases, func(a, b int32) int { return cmp.Compare(g.ids[a], g.ids[b]) })
	for t := range taskWorks {
		mx.Tasks = append(mx.Tasks, t)
	}
	slices.Sort(mx.Tasks)
	mx.Counts = make([][]int, len(mx.Bases))
	mx.Works = make([][][]int32, len(mx.Bases))
	baseTasks := make([][]string, len(mx.Bases))
	taskBases := map[string][]int32{}
	for i, b := range mx.Bases {
		mx.Counts[i] = make([]int, len(mx.Tasks))
		mx.Works[i] = make([][]int32, len(mx.Tasks))
		for j, t := range mx.Tasks {
			ws := works[cell{b, t}]
			mx.Counts[i][j] = len(ws)
			for w := range ws {
				mx.Works[i][j] = append(mx.Works[i][j], w)
			}
			slices.SortFunc(mx.Works[i][j], func(a, b int32) int { return cmp.Compare(g.ids[a], g.ids[b]) })
			if len(ws) > 0 {
				baseTasks[i] = append(baseTasks[i], t)
				taskBases[t] = append(taskBases[t], b)
			}
		}
	}
	adj := g.Adjacency(o.Kinds)
	var ops []Opening
	for i, b := range mx.Bases {
		deg := len(adj.Pred(int(b)))
		for j, t := range mx.Tasks {
			if mx.Counts[i][j] > 0 {
				continue
			}
			act := len(taskWorks[t])
			op := Opening{Base: b, Task: t, Score: float64(deg * act), BaseInDegree: deg, TaskActivity: act,
				BaseTasks: baseTasks[i], TaskBases: taskBases[t]}
			var names []string
			for _, tb := range op.TaskBases {
				names = append(names, g.ids[tb])
			}
			op.Reason = fmt.Sprintf("%s is built on by %s and has been applied to %s, not %s; %s has %s from %s",
				g.ids[b], countNoun(deg, "work"), countNoun(len(op.BaseTasks), "task"), t, t, countNoun(act, "work"), strings.Join(names, ", "))
			ops = append(ops, op)
		}
	}
	slices.SortStableFunc(ops, func(a, b Opening) int {
		return cmp.Or(-cmp.Compare(a.Score, b.Score), cmp.Compare(g.ids[a.Base], g.ids[b.Base]), cmp.Compare(a.Task, b.Task))
	})
	return mx, ops
}

func countNoun(n int, w string) string {
	if n == 1 {
		return "1 " + w
	}
	return fmt.Sprintf("%d %ss", n, w)
}
