package graph

import (
	"cmp"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Stage is the part of a reading plan a work belongs to. Stages label items; they never
// reorder the list.
type Stage uint8

// The stages of a reading plan.
const (
	Foundation Stage = iota // what the direction or target stands on
	Core                    // the works that define the direction or the target
	Frontier                // recent works, leaves, and works built on a target
)

func (s Stage) String() string {
	switch s {
	case Foundation:
		return "foundation"
	case Core:
		return "core"
	case Frontier:
		return "frontier"
	}
	return "stage?"
}

// PlanOptions says what to plan a reading list for. Exactly one of Direction and Targets is
// set.
type PlanOptions struct {
	Kinds           KindSet
	Direction       int     // direction index (its subdirections are included), or -1
	Targets         []int32 // target works
	WithDescendants bool    // also list the works built on the targets (or on the direction)
	Budget          int     // keep at most this many works; 0 means no limit
	Reference       Date    // "now" for recency: --as-of; zero means the latest work's date
	RecentMonths    int     // a direction work dated in the last RecentMonths months is recent
}

// PlanItem is one work of a reading list.
type PlanItem struct {
	Work        int32
	Stage       Stage
	Target      bool
	Importance  float64
	Descendants int     // works that build on it, directly or through others (DAG view)
	Direct      int     // works that build on it directly
	Parents     []int32 // listed works it builds on directly, most important first
	Why         string
}

// PlanSkip is a work the budget left out.
type PlanSkip struct {
	Work int32
	For  int32 // the most valuable kept work that needs it, or -1
	Why  string
}

// Plan is a reading list: every item comes after the items it builds on.
type Plan struct {
	Items       []PlanItem
	Skipped     []PlanSkip
	Rule        CycleRule
	Reference   Date // the date recency is measured from
	RecentSince Date // first month counted as recent (direction plans)
}

// importance is the one measure the planner ranks works by: the number of works that build
// on a work, directly or through others, in the acyclic view (its descendants on the chosen
// relation kinds). It favours works whose influence runs through whole lines of work, not
// just direct citations, and is exact and cheap to explain ("built on by 14 works"). It is
// the only place the planner reads a centrality, so another measure (PageRank) can replace
// it here.
func importance(d *DAG) []float64 {
	desc := descendantCounts(d.A)
	out := make([]float64, len(desc))
	for i, c := range desc {
		out[i] = float64(c)
	}
	return out
}

// descendantCounts returns, for every node of the acyclic view a, the number of nodes that
// reach it (|{w ≠ v : w →* v}|). It propagates bit sets over a topological order, citing
// works first, in chunks of 4,096 target columns so that memory stays at N·512 bytes:
// O(N/64 · M) word operations in all (cit-HepTh: about 150 million).
func descendantCounts(a *Adjacency) []int {
	n := a.N()
	order := TopoOrder(a, nil) // prerequisites first; walk it backwards
	count := make([]int, n)
	if order == nil {
		panic("graph: descendantCounts on a cyclic view")
	}
	const maxWords = 64
	words := min((n+63)/64, maxWords)
	if words == 0 {
		return count
	}
	chunk := words * 64
	set := make([]uint64, n*words)
	for c0 := 0; c0 < n; c0 += chunk {
		clear(set)
		for i := n - 1; i >= 0; i-- {
			v := int(order[i])
			row := set[v*words : (v+1)*words]
			for _, w := range a.Pred(v) {
				src := set[int(w)*words : (int(w)+1)*words]
				for j := range row {
					row[j] |= src[j]
				}
				if off := int(w) - c0; off >= 0 && off < chunk {
					row[off/64] |= 1 << (off % 64)
				}
			}
			c := 0
			for _, x := range row {
				c += bits.OnesCount64(x)
			}
			count[v] += c
		}
	}
	return count
}

// MakePlan builds a reading list on the acyclic view of g on o.Kinds.
//
// Works listed: for targets, the targets and everything they build on (their ancestors);
// for a direction, its works (with subdirections) and their ancestors; with
// WithDescendants, also the works that build on them. Order: Kahn's topological order (every
// work after the works it builds on) choosing among the ready works the highest importance,
// then the oldest (undated last), then the smallest id. Stages: see the Stage constants and
// docs/plan.md.
func MakePlan(g *Graph, o PlanOptions) *Plan {
	d := g.DAG(o.Kinds)
	a := d.A
	n := g.NumWorks()
	imp := importance(d)
	p := &Plan{Rule: d.Rule}

	// Seeds.
	seed := make([]bool, n)
	var seeds []int32
	if o.Direction >= 0 {
		in := map[int32]bool{}
		for _, s := range g.DirectionSubtree(o.Direction) {
			in[int32(s)] = true
		}
		for i := 0; i < n; i++ {
			if slices.ContainsFunc(g.WorkDirections(i), func(d int32) bool { return in[d] }) {
				seed[i] = true
				seeds = append(seeds, int32(i))
			}
		}
	} else {
		for _, t := range o.Targets {
			if !seed[t] {
				seed[t] = true
				seeds = append(seeds, t)
			}
		}
	}
	anc := reach(a, seeds, true)
	var desc []bool
	if o.WithDescendants {
		desc = reach(a, seeds, false)
	}
	listed := make([]bool, n)
	var nodes []int32
	for i := 0; i < n; i++ {
		if seed[i] || anc[i] || (desc != nil && desc[i]) {
			listed[i] = true
			nodes = append(nodes, int32(i))
		}
	}

	// Recency.
	p.Reference = o.Reference
	if p.Reference.IsZero() {
		for i := 0; i < n; i++ {
			if g.Date(i).Compare(p.Reference) > 0 {
				p.Reference = g.Date(i)
			}
		}
	} else {
		p.Reference = p.Reference.EndOf()
	}
	months := max(o.RecentMonths, 1)
	if !p.Reference.IsZero() {
		m := p.Reference.MonthIndex() - (months - 1)
		p.RecentSince = Date{Year: uint16(m / 12), Month: uint8(m%12 + 1)}
	}
	recent := func(v int32) bool {
		dv := g.Date(int(v))
		return !dv.IsZero() && !p.RecentSince.IsZero() && dv.MonthIndex() >= p.RecentSince.MonthIndex()
	}

	// Stages.
	stage := make(map[int32]Stage, len(nodes))
	byValue := func(x, y int32) int { // importance desc, older first, undated last, id
		return cmp.Or(-cmp.Compare(imp[x], imp[y]), compareDates(g.Date(int(x)), g.Date(int(y))), cmp.Compare(g.ID(int(x)), g.ID(int(y))))
	}
	if o.Direction >= 0 {
		var dirWorks []int32
		hasCore := false
		for _, v := range nodes {
			switch {
			case !seed[v]:
				if anc[v] {
					stage[v] = Foundation
				} else {
					stage[v] = Frontier
				}
			case imp[v] == 0 || recent(v):
				stage[v] = Frontier
				dirWorks = append(dirWorks, v)
			default:
				stage[v] = Core
				hasCore = true
			}
		}
		if !hasCore && len(dirWorks) > 0 {
			stage[slices.MinFunc(dirWorks, byValue)] = Core
		}
	} else {
		for _, v := range nodes {
			stage[v] = Frontier
			if anc[v] {
				stage[v] = Foundation
			}
		}
		for _, t := range seeds {
			stage[t] = Core
			for _, u := range a.Succ(int(t)) {
				stage[u] = Core
			}
		}
	}

	// Reading order on the induced view.
	sub, globalOf := induced(a, listed)
	orderLocal := TopoOrder(sub, func(x, y int32) bool { return byValue(globalOf[x], globalOf[y]) < 0 })
	order := make([]int32, len(orderLocal))
	for i, x := range orderLocal {
		order[i] = globalOf[x]
	}

	// Budget.
	kept := listed
	forOf := map[int32]int32{}
	if o.Budget > 0 && len(nodes) > o.Budget {
		// Value: targets, then the target's direct parents (core), older ancestors,
		// descendants; for a direction, its core works, its other works, the foundations
		// they stand on, works built on it. Then importance, age and id.
		rank := func(v int32) int {
			switch {
			case seed[v] && o.Direction < 0:
				return 0
			case seed[v] && stage[v] == Core:
				return 0
			case seed[v]:
				return 1
			}
			return []int{Core: 1, Foundation: 2, Frontier: 3}[stage[v]]
		}
		byBudget := slices.Clone(nodes)
		slices.SortFunc(byBudget, func(x, y int32) int { return cmp.Or(cmp.Compare(rank(x), rank(y)), byValue(x, y)) })
		kept = make([]bool, n)
		for _, v := range byBudget[:o.Budget] {
			kept[v] = true
		}
		for _, v := range byBudget[:o.Budget] { // most valuable first claims its prerequisites
			stack := []int32{v}
			seen := map[int32]bool{v: true}
			for len(stack) > 0 {
				x := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				for _, u := range a.Succ(int(x)) {
					if !listed[u] || seen[u] {
						continue
					}
					seen[u] = true
					stack = append(stack, u)
					if _, done := forOf[u]; !done && !kept[u] {
						forOf[u] = v
					}
				}
			}
		}
	}

	verb := "built on by"
	if o.Kinds&^LineageKinds != 0 {
		verb = "built on or cited by"
	}
	for _, v := range order {
		if !kept[v] {
			s := PlanSkip{Work: v, For: -1, Why: "skipped: over budget"}
			if x, ok := forOf[v]; ok {
				s.For = x
				s.Why = fmt.Sprintf("skipped: prerequisite of %s; over budget", g.Label(int(x)))
			}
			p.Skipped = append(p.Skipped, s)
			continue
		}
		it := PlanItem{Work: v, Stage: stage[v], Target: seed[v] && o.Direction < 0, Importance: imp[v],
			Direct: len(a.Pred(int(v)))}
		it.Descendants = int(imp[v])
		for _, u := range a.Succ(int(v)) {
			if listed[u] {
				it.Parents = append(it.Parents, u)
			}
		}
		slices.SortFunc(it.Parents, byValue)
		it.Why = why(g, o.Kinds, &it, verb)
		p.Items = append(p.Items, it)
	}
	return p
}

// compareDates orders dates chronologically with undated ones last.
func compareDates(x, y Date) int {
	switch {
	case x.IsZero() && y.IsZero():
		return 0
	case x.IsZero():
		return 1
	case y.IsZero():
		return -1
	}
	return x.Compare(y)
}

// reach marks the nodes reachable from seeds (not the seeds themselves, unless reachable):
// up follows arcs (what the seeds build on), down follows them backwards.
func reach(a *Adjacency, seeds []int32, up bool) []bool {
	seen := make([]bool, a.N())
	stack := slices.Clone(seeds)
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		next := a.Pred(int(v))
		if up {
			next = a.Succ(int(v))
		}
		for _, w := range next {
			if !seen[w] {
				seen[w] = true
				stack = append(stack, w)
			}
		}
	}
	return seen
}

// induced returns the view restricted to the nodes with keep true, renumbered densely in
// index order, and the map back to the original indices.
func induced(a *Adjacency, keep []bool) (*Adjacency, []int32) {
	n := a.N()
	local := make([]int32, n)
	var global []int32
	for v := 0; v < n; v++ {
		local[v] = -1
		if keep[v] {
			local[v] = int32(len(global))
			global = append(global, int32(v))
		}
	}
	m := len(global)
	b := &Adjacency{OutOff: make([]int32, m+1), InOff: make([]int32, m+1), Out: []int32{}}
	for i, v := range global {
		for _, w := range a.Succ(int(v)) {
			if local[w] >= 0 {
				b.Out = append(b.Out, local[w])
			}
		}
		b.OutOff[i+1] = int32(len(b.Out))
	}
	for _, v := range b.Out {
		b.InOff[v+1]++
	}
	for v := 0; v < m; v++ {
		b.InOff[v+1] += b.InOff[v]
	}
	b.In = make([]int32, len(b.Out))
	fill := slices.Clone(b.InOff[:m])
	for u := 0; u < m; u++ {
		for _, v := range b.Succ(u) {
			b.In[fill[v]] = int32(u)
			fill[v]++
		}
	}
	return b, global
}

// KindsBetween returns the kinds in ks of the typed edges from u to v, in vocabulary order,
// with their attributes.
func (g *Graph) KindsBetween(u, v int, ks KindSet) ([]Kind, []*EdgeAttr) {
	lo, hi := g.OutEdges(u)
	i, _ := slices.BinarySearch(g.to[lo:hi], int32(v))
	var kinds []Kind
	var attrs []*EdgeAttr
	for e := lo + i; e < hi && g.to[e] == int32(v); e++ {
		if ks.Has(g.kinds[e]) {
			kinds = append(kinds, g.kinds[e])
			attrs = append(attrs, g.attrs[int32(e)])
		}
	}
	return kinds, attrs
}

// maxNamed is how many parents a why line names before "and N more".
const maxNamed = 3

// why writes the one-line reason an item is listed: what it does to the listed works it
// builds on, its role, how much builds on it.
func why(g *Graph, ks KindSet, it *PlanItem, verb string) string {
	v := int(it.Work)
	var b strings.Builder
	b.WriteString(g.Label(v))
	if y := g.Date(v).Year; y != 0 {
		fmt.Fprintf(&b, " (%d)", y)
	}
	if len(it.Parents) == 0 {
		b.WriteString(" is a starting point of this list")
	} else {
		b.WriteString(" " + relationPhrase(g, ks, v, it.Parents))
	}
	if it.Target {
		b.WriteString("; target")
	}
	switch {
	case it.Descendants == 0:
		b.WriteString("; nothing in the data builds on it yet")
	case it.Descendants == it.Direct:
		fmt.Fprintf(&b, "; %s %s", verb, plural(it.Descendants, "work"))
	default:
		fmt.Fprintf(&b, "; %s %s (%d directly)", verb, plural(it.Descendants, "work"), it.Direct)
	}
	return b.String()
}

// relationPhrase says how work v relates to its parents, grouped by kind in vocabulary
// order: "applies Transformer to image classification", "modifies ViT and combines ResNet",
// "cites A, B, C and 4 more".
func relationPhrase(g *Graph, ks KindSet, v int, parents []int32) string {
	named := parents
	more := 0
	if len(named) > maxNamed {
		named, more = parents[:maxNamed], len(parents)-maxNamed
	}
	type ref struct {
		label, task string
	}
	byKind := map[Kind][]ref{}
	for _, p := range named {
		kinds, attrs := g.KindsBetween(v, int(p), ks)
		for i, k := range kinds {
			r := ref{label: g.Label(int(p))}
			if k == AppliesToTask && attrs[i] != nil && attrs[i].Task != "" {
				r.task = attrs[i].Task
				if t, ok := g.TaskIndex(r.task); ok && g.Tasks()[t].Name != "" {
					r.task = lowerFirst(g.Tasks()[t].Name)
				}
			}
			byKind[k] = append(byKind[k], r)
		}
	}
	var parts []string
	for _, k := range Kinds() {
		refs := byKind[k]
		if len(refs) == 0 {
			continue
		}
		if k == AppliesToTask {
			for _, r := range refs {
				if r.task != "" {
					parts = append(parts, "applies "+r.label+" to "+r.task)
				} else {
					parts = append(parts, "applies "+r.label+" to a new task")
				}
			}
			continue
		}
		labels := make([]string, len(refs))
		for i, r := range refs {
			labels[i] = r.label
		}
		verbs := map[Kind]string{Modifies: "modifies", Extends: "extends", Accelerates: "accelerates",
			Combines: "combines", Analyzes: "analyzes", AlternativeTo: "is an alternative to", Cites: "cites"}
		parts = append(parts, verbs[k]+" "+joinAnd(labels))
	}
	s := joinAnd(parts)
	if more > 0 {
		s += fmt.Sprintf(" and builds on %d more listed works", more)
	}
	return s
}

func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// lowerFirst lower-cases a leading capital unless the word is an acronym ("Image
// classification" → "image classification", "NAS" stays).
func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return s
	}
	if next, _ := utf8.DecodeRuneInString(s[size:]); unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[size:]
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
