package graph

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Work is a research work (a paper) as the analyses and renderers see it. Graph.Work builds
// it from the graph's columns; fields that a source does not give are empty.
type Work struct {
	ID         string   // stable id: a curated slug ("swin") or an imported id ("W2963403868")
	ShortName  string   // the name people use ("Swin Transformer"); empty for bare imports
	Title      string   // full title
	Authors    []string // in order; curated built-in works list the first author only
	Date       Date     // arXiv v1 date for curated works; zero when undated
	ArXiv      string   // arXiv id, new style "2103.14030" or old style "hep-th/9711200"
	Aliases    []string // other identifiers of the same work, as "arxiv:ID" or "doi:ID" or plain ids
	DOI        string   // lower-case DOI without the https://doi.org/ prefix
	Venue      string
	URL        string
	Directions []string // direction ids; the first is the primary one
	Tasks      []string // task ids the work addresses
	Tags       []string // free tags
}

// Label is the name to show for a work: its short name, else its id.
func (w *Work) Label() string {
	if w.ShortName != "" {
		return w.ShortName
	}
	return w.ID
}

// Direction is a research direction: a named group of works, possibly below a parent.
type Direction struct {
	ID          string
	Name        string
	Parent      string // parent direction id, or ""
	Description string
}

// Task is an entry of the task vocabulary that applies-to-task edges refer to.
type Task struct {
	ID   string
	Name string
}

// EdgeAttr holds the optional attributes of an edge. Most imported edges have none, so the
// graph stores them sparsely.
type EdgeAttr struct {
	Task        string   // task id, for applies-to-task
	Note        string   // curator's note
	Source      string   // where the claim comes from (a file, an API)
	Intents     []string // Semantic Scholar citation intents
	Contexts    []string // Semantic Scholar citation contexts (sentences)
	Influential *bool    // Semantic Scholar isInfluential, nil when unknown
}

func (a *EdgeAttr) empty() bool {
	return a == nil || (a.Task == "" && a.Note == "" && a.Source == "" && len(a.Intents) == 0 &&
		len(a.Contexts) == 0 && a.Influential == nil)
}

// Edge is one typed relation, from the derived (or citing) work to its base (or the cited).
type Edge struct {
	From, To int32
	Kind     Kind
}

// meta is the rich metadata of a work; bare imported works have none.
type meta struct {
	shortName, title, arxiv, doi, venue, url string
	authors, aliases, tasks, tags            []string
}

// Graph is an immutable typed lineage graph. Build one with a Builder.
type Graph struct {
	ids     []string
	dates   []Date
	metaOf  []int32 // index into metas, or -1
	metas   []meta
	wdOff   []int32 // work → directions, CSR offsets (len n+1)
	wdDir   []int32 // direction indices
	byID    map[string]int32
	byAlias map[string]int32 // "arxiv:..", "doi:.." and plain aliases

	dirs     []Direction // sorted by id
	dirIdx   map[string]int32
	dirPar   []int32 // parent index or -1
	tasks    []Task  // sorted by id
	taskIdx  map[string]int32
	from, to []int32 // edges sorted by (from, to, kind)
	kinds    []Kind
	attrs    map[int32]*EdgeAttr // sparse edge attributes by edge index
	outOff   []int32             // len n+1: edges of work v are from[outOff[v]:outOff[v+1]]
	inOff    []int32             // len n+1
	inEdge   []int32             // edge indices sorted by (to, from, kind)
	kindsIn  KindSet             // kinds present
}

// NumWorks returns the number of works.
func (g *Graph) NumWorks() int { return len(g.ids) }

// NumEdges returns the number of typed edges (two kinds between one pair count twice).
func (g *Graph) NumEdges() int { return len(g.from) }

// ID returns the id of work i.
func (g *Graph) ID(i int) string { return g.ids[i] }

// Date returns the date of work i (zero when undated).
func (g *Graph) Date(i int) Date { return g.dates[i] }

// KindsPresent returns the set of kinds that occur on at least one edge.
func (g *Graph) KindsPresent() KindSet { return g.kindsIn }

// Work returns work i with its metadata and direction ids.
func (g *Graph) Work(i int) Work {
	w := Work{ID: g.ids[i], Date: g.dates[i]}
	if m := g.metaOf[i]; m >= 0 {
		md := &g.metas[m]
		w.ShortName, w.Title, w.ArXiv, w.DOI, w.Venue, w.URL = md.shortName, md.title, md.arxiv, md.doi, md.venue, md.url
		w.Authors, w.Aliases, w.Tasks, w.Tags = md.authors, md.aliases, md.tasks, md.tags
	}
	for _, d := range g.wdDir[g.wdOff[i]:g.wdOff[i+1]] {
		w.Directions = append(w.Directions, g.dirs[d].ID)
	}
	return w
}

// Label returns the short name of work i, or its id when it has none.
func (g *Graph) Label(i int) string {
	if m := g.metaOf[i]; m >= 0 && g.metas[m].shortName != "" {
		return g.metas[m].shortName
	}
	return g.ids[i]
}

// WorkDirections returns the direction indices of work i (primary first). Do not modify.
func (g *Graph) WorkDirections(i int) []int32 { return g.wdDir[g.wdOff[i]:g.wdOff[i+1]] }

// Edge returns edge e.
func (g *Graph) Edge(e int) Edge { return Edge{From: g.from[e], To: g.to[e], Kind: g.kinds[e]} }

// EdgeAttr returns the attributes of edge e, or nil when it has none. Do not modify.
func (g *Graph) EdgeAttr(e int) *EdgeAttr { return g.attrs[int32(e)] }

// OutEdges returns the indices [lo, hi) of the edges leaving work v, sorted by (to, kind).
func (g *Graph) OutEdges(v int) (lo, hi int) { return int(g.outOff[v]), int(g.outOff[v+1]) }

// InEdges returns the indices of the edges entering work v, sorted by (from, kind). Do not
// modify the slice.
func (g *Graph) InEdges(v int) []int32 { return g.inEdge[g.inOff[v]:g.inOff[v+1]] }

// Directions returns every direction sorted by id. Do not modify.
func (g *Graph) Directions() []Direction { return g.dirs }

// DirectionIndex returns the index of the direction with the given id.
func (g *Graph) DirectionIndex(id string) (int, bool) {
	i, ok := g.dirIdx[id]
	return int(i), ok
}

// DirectionParent returns the index of direction d's parent, or -1.
func (g *Graph) DirectionParent(d int) int { return int(g.dirPar[d]) }

// Tasks returns the task vocabulary sorted by id. Do not modify.
func (g *Graph) Tasks() []Task { return g.tasks }

// TaskIndex returns the index of the task with the given id.
func (g *Graph) TaskIndex(id string) (int, bool) {
	i, ok := g.taskIdx[id]
	return int(i), ok
}

// Lookup finds a work by reference: its exact id, "arxiv:ID", "doi:ID" (case-insensitive
// DOI), or one of its aliases. Ids are compared as exact strings.
func (g *Graph) Lookup(ref string) (int, bool) {
	if i, ok := g.byID[ref]; ok {
		return int(i), true
	}
	if i, ok := g.byAlias[normalizeRef(ref)]; ok {
		return int(i), true
	}
	return -1, false
}

// normalizeRef puts "arxiv:" and "doi:" references in canonical form: lower-case prefix,
// DOI lower-cased, arXiv version suffix dropped.
func normalizeRef(ref string) string {
	p, rest, ok := strings.Cut(ref, ":")
	if !ok {
		return ref
	}
	switch strings.ToLower(p) {
	case "arxiv":
		return "arxiv:" + StripArXivVersion(rest)
	case "doi":
		return "doi:" + strings.ToLower(rest)
	}
	return ref
}

// StripArXivVersion drops a trailing version such as "v2" from an arXiv id.
func StripArXivVersion(id string) string {
	if i := strings.LastIndexByte(id, 'v'); i > 0 && i < len(id)-1 {
		if strings.Trim(id[i+1:], "0123456789") == "" && id[i-1] >= '0' && id[i-1] <= '9' {
			return id[:i]
		}
	}
	return id
}

// IDs returns every work id in index order. The slice is shared; do not modify.
func (g *Graph) IDs() []string { return g.ids }

// DirectionWorks returns, for each direction index, the works whose direction list names it
// (not its subdirections), in index order.
func (g *Graph) DirectionWorks() [][]int32 {
	out := make([][]int32, len(g.dirs))
	for i := range g.ids {
		for _, d := range g.WorkDirections(i) {
			out[d] = append(out[d], int32(i))
		}
	}
	return out
}

// DirectionSubtree returns d and every direction below it, d first, then in id order.
func (g *Graph) DirectionSubtree(d int) []int {
	sub := []int{d}
	for i := 0; i < len(sub); i++ {
		for c := range g.dirs {
			if int(g.dirPar[c]) == sub[i] {
				sub = append(sub, c)
			}
		}
	}
	slices.Sort(sub[1:])
	return sub
}

// DirectionMask reports, for every work, whether its direction list names d or any direction
// below d.
func (g *Graph) DirectionMask(d int) []bool {
	in := make([]bool, len(g.dirs))
	for _, s := range g.DirectionSubtree(d) {
		in[s] = true
	}
	keep := make([]bool, len(g.ids))
	for i := range keep {
		for _, x := range g.WorkDirections(i) {
			if in[x] {
				keep[i] = true
				break
			}
		}
	}
	return keep
}

// Builder accumulates works, directions, tasks and edges and then builds a Graph. It checks
// integrity (duplicate ids, unknown references) but not the plausibility of values: loaders
// validate user input, with positions, before they build.
type Builder struct {
	g       Graph
	wdirs   [][]string
	edges   []Edge
	attrs   []*EdgeAttr
	dupEdge int
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder {
	return &Builder{g: Graph{byID: map[string]int32{}, byAlias: map[string]int32{}, dirIdx: map[string]int32{}, taskIdx: map[string]int32{}}}
}

// AddDirection adds a direction. Parents are resolved in Build.
func (b *Builder) AddDirection(d Direction) error {
	if _, dup := b.g.dirIdx[d.ID]; dup {
		return fmt.Errorf("duplicate direction id %q", d.ID)
	}
	b.g.dirIdx[d.ID] = int32(len(b.g.dirs))
	b.g.dirs = append(b.g.dirs, d)
	return nil
}

// AddTask adds a task to the vocabulary.
func (b *Builder) AddTask(t Task) error {
	if _, dup := b.g.taskIdx[t.ID]; dup {
		return fmt.Errorf("duplicate task id %q", t.ID)
	}
	b.g.taskIdx[t.ID] = int32(len(b.g.tasks))
	b.g.tasks = append(b.g.tasks, t)
	return nil
}

// Has reports whether a work with this id was added.
func (b *Builder) Has(id string) bool { _, ok := b.g.byID[id]; return ok }

// Index returns the index of the work with this id, if it was added.
func (b *Builder) Index(id string) (int32, bool) { i, ok := b.g.byID[id]; return i, ok }

// NumWorks returns the number of works added so far.
func (b *Builder) NumWorks() int { return len(b.g.ids) }

// AddWork adds a work and returns its index. Its aliases, arXiv id and DOI become lookup keys.
func (b *Builder) AddWork(w Work) (int32, error) {
	if _, dup := b.g.byID[w.ID]; dup {
		return -1, fmt.Errorf("duplicate work id %q", w.ID)
	}
	i := int32(len(b.g.ids))
	b.g.byID[w.ID] = i
	b.g.ids = append(b.g.ids, w.ID)
	b.g.dates = append(b.g.dates, w.Date)
	m := meta{shortName: w.ShortName, title: w.Title, arxiv: w.ArXiv, doi: w.DOI, venue: w.Venue, url: w.URL,
		authors: w.Authors, aliases: w.Aliases, tasks: w.Tasks, tags: w.Tags}
	if m.shortName == "" && m.title == "" && m.arxiv == "" && m.doi == "" && m.venue == "" && m.url == "" &&
		len(m.authors)+len(m.aliases)+len(m.tasks)+len(m.tags) == 0 {
		b.g.metaOf = append(b.g.metaOf, -1)
	} else {
		b.g.metaOf = append(b.g.metaOf, int32(len(b.g.metas)))
		b.g.metas = append(b.g.metas, m)
	}
	b.wdirs = append(b.wdirs, w.Directions)
	keys := slices.Clone(w.Aliases)
	if w.ArXiv != "" {
		keys = append(keys, "arxiv:"+w.ArXiv)
	}
	if w.DOI != "" {
		keys = append(keys, "doi:"+w.DOI)
	}
	for _, k := range keys {
		k = normalizeRef(k)
		if _, taken := b.g.byAlias[k]; !taken {
			b.g.byAlias[k] = i
		}
	}
	return i, nil
}

// AddDirections appends directions to work i's list, skipping ones it already has. Directions
// are resolved in Build.
func (b *Builder) AddDirections(i int32, dirs ...string) {
	for _, d := range dirs {
		if !slices.Contains(b.wdirs[i], d) {
			b.wdirs[i] = append(slices.Clip(b.wdirs[i]), d)
		}
	}
}

// AddEdge adds an edge from work from to work to. attr may be nil.
func (b *Builder) AddEdge(from, to int32, k Kind, attr *EdgeAttr) {
	b.edges = append(b.edges, Edge{From: from, To: to, Kind: k})
	if attr.empty() {
		attr = nil
	}
	b.attrs = append(b.attrs, attr)
}

// Build sorts the edges, merges exact duplicates (same pair and kind; the first attributes
// win) and returns the graph. It fails on an unknown direction, parent or task reference, an
// invalid kind, an edge endpoint out of range or a self-loop.
func (b *Builder) Build() (*Graph, error) {
	g := &b.g
	n := len(g.ids)
	var errs []string
	// Directions: sort by id and remap.
	order := make([]int, len(g.dirs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, c int) int { return cmp.Compare(g.dirs[a].ID, g.dirs[c].ID) })
	dirs := make([]Direction, len(g.dirs))
	for newi, old := range order {
		dirs[newi] = g.dirs[old]
		g.dirIdx[dirs[newi].ID] = int32(newi)
	}
	g.dirs = dirs
	g.dirPar = make([]int32, len(dirs))
	for i, d := range dirs {
		g.dirPar[i] = -1
		if d.Parent != "" {
			p, ok := g.dirIdx[d.Parent]
			if !ok {
				errs = append(errs, fmt.Sprintf("direction %q: unknown parent %q", d.ID, d.Parent))
				continue
			}
			g.dirPar[i] = p
		}
	}
	for i := range dirs { // parent cycles
		seen := 0
		for p := g.dirPar[i]; p >= 0 && seen <= len(dirs); p = g.dirPar[p] {
			seen++
		}
		if seen > len(dirs) {
			errs = append(errs, fmt.Sprintf("direction %q: its parents form a cycle", dirs[i].ID))
		}
	}
	slices.SortFunc(g.tasks, func(a, c Task) int { return cmp.Compare(a.ID, c.ID) })
	for i, t := range g.tasks {
		g.taskIdx[t.ID] = int32(i)
	}
	// Work directions.
	g.wdOff = make([]int32, n+1)
	for i, ds := range b.wdirs {
		for _, d := range ds {
			di, ok := g.dirIdx[d]
			if !ok {
				errs = append(errs, fmt.Sprintf("work %q: unknown direction %q", g.ids[i], d))
				continue
			}
			if !slices.Contains(g.wdDir[g.wdOff[i]:], di) {
				g.wdDir = append(g.wdDir, di)
			}
		}
		g.wdOff[i+1] = int32(len(g.wdDir))
	}
	b.wdirs = nil
	for i := range g.metas {
		for _, t := range g.metas[i].tasks {
			if _, ok := g.taskIdx[t]; !ok {
				errs = append(errs, fmt.Sprintf("unknown task %q", t))
			}
		}
	}
	// Edges.
	perm := make([]int32, len(b.edges))
	for i := range perm {
		perm[i] = int32(i)
		e := b.edges[i]
		switch {
		case e.From < 0 || int(e.From) >= n || e.To < 0 || int(e.To) >= n:
			errs = append(errs, fmt.Sprintf("edge %d: endpoint out of range", i))
		case e.From == e.To:
			errs = append(errs, fmt.Sprintf("self-loop on %q", g.ids[e.From]))
		case !e.Kind.Valid():
			errs = append(errs, fmt.Sprintf("edge %q → %q: invalid kind %d", g.ids[e.From], g.ids[e.To], e.Kind))
		}
		if a := b.attrs[i]; a != nil && a.Task != "" {
			if _, ok := g.taskIdx[a.Task]; !ok {
				errs = append(errs, fmt.Sprintf("edge %q → %q: unknown task %q", g.ids[e.From], g.ids[e.To], a.Task))
			}
		}
	}
	if len(errs) > 0 {
		slices.Sort(errs)
		return nil, fmt.Errorf("graph: %s", strings.Join(slices.Compact(errs), "; "))
	}
	slices.SortStableFunc(perm, func(a, c int32) int {
		x, y := b.edges[a], b.edges[c]
		return cmp.Or(cmp.Compare(x.From, y.From), cmp.Compare(x.To, y.To), cmp.Compare(x.Kind, y.Kind))
	})
	g.from = make([]int32, 0, len(perm))
	g.to = make([]int32, 0, len(perm))
	g.kinds = make([]Kind, 0, len(perm))
	g.attrs = map[int32]*EdgeAttr{}
	for _, p := range perm {
		e := b.edges[p]
		if k := len(g.from); k > 0 && g.from[k-1] == e.From && g.to[k-1] == e.To && g.kinds[k-1] == e.Kind {
			b.dupEdge++
			continue
		}
		if a := b.attrs[p]; a != nil {
			g.attrs[int32(len(g.from))] = a
		}
		g.from = append(g.from, e.From)
		g.to = append(g.to, e.To)
		g.kinds = append(g.kinds, e.Kind)
		g.kindsIn |= SetOf(e.Kind)
	}
	b.edges, b.attrs = nil, nil
	g.outOff = make([]int32, n+1)
	g.inOff = make([]int32, n+1)
	for e := range g.from {
		g.outOff[g.from[e]+1]++
		g.inOff[g.to[e]+1]++
	}
	for v := 0; v < n; v++ {
		g.outOff[v+1] += g.outOff[v]
		g.inOff[v+1] += g.inOff[v]
	}
	g.inEdge = make([]int32, len(g.from))
	fill := slices.Clone(g.inOff[:n])
	for e := range g.from { // edges are sorted by from, so each in-list comes out sorted by (from, kind)
		t := g.to[e]
		g.inEdge[fill[t]] = int32(e)
		fill[t]++
	}
	out := *g
	b.g = Graph{}
	return &out, nil
}

// DuplicateEdges returns how many exact duplicate edges the last Build merged.
func (b *Builder) DuplicateEdges() int { return b.dupEdge }
