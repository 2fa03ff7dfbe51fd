package graph

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
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
	wdOff   []int32          // work → directions, CSR offsets (len n+1)
	wdDir   []int32          // direction indices
	byID    map[string]int32 // built on first use when nil (see lazyIndex)
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
	inEdge   []int32             // edge indices sorted by (to, from, kind); built on first use when nil
	kindsIn  KindSet             // kinds present
	lazy     *lazyIndex
}

// lazyIndex builds the indices that a large graph often never needs (the id map, the
// incoming-edge lists) on first use, once, safely from several goroutines.
type lazyIndex struct {
	byID, inEdge sync.Once
}

func (g *Graph) idIndex() map[string]int32 {
	if g.lazy == nil {
		return g.byID
	}
	g.lazy.byID.Do(func() {
		if g.byID != nil {
			return
		}
		m := make(map[string]int32, len(g.ids))
		for i, id := range g.ids {
			m[id] = int32(i)
		}
		g.byID = m
	})
	return g.byID
}

// indexEdges builds the forward and reverse CSR offsets from the sorted edge columns and
// leaves the reverse edge list to be built on first use (inEdges). Every constructor of a
// Graph that does not go through Builder.Build (Subgraph, FromColumns) calls it.
func (g *Graph) indexEdges() {
	n := len(g.ids)
	g.outOff = make([]int32, n+1)
	g.inOff = make([]int32, n+1)
	for e := range g.from {
		g.outOff[g.from[e]+1]++
		g.inOff[g.to[e]+1]++
	}
	prefixSum(g.outOff)
	prefixSum(g.inOff)
	g.inEdge = nil
	g.lazy = &lazyIndex{}
}

// prefixSum turns per-node counts stored at off[v+1] into CSR offsets.
func prefixSum(off []int32) {
	for v := 1; v < len(off); v++ {
		off[v] += off[v-1]
	}
}

func (g *Graph) inEdges() []int32 {
	if g.lazy == nil {
		return g.inEdge
	}
	g.lazy.inEdge.Do(func() {
		if g.inEdge != nil {
			return
		}
		n := len(g.ids)
		in := make([]int32, len(g.from))
		fill := slices.Clone(g.inOff[:n])
		for e, t := range g.to { // edges are sorted by from, so each in-list comes out sorted by (from, kind)
			in[fill[t]] = int32(e)
			fill[t]++
		}
		g.inEdge = in
	})
	return g.inEdge
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
func (g *Graph) InEdges(v int) []int32 { return g.inEdges()[g.inOff[v]:g.inOff[v+1]] }

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
	if i, ok := g.idIndex()[ref]; ok {
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
//
// Edges are kept in columns (from, to, kind, sparse attributes), so a Builder holds 9 bytes
// per edge; Grow pre-sizes it, AddBareWorks and AddEdges add a million works or edges without
// per-item work, and Build sorts by counting, in time linear in the number of edges.
type Builder struct {
	g       Graph
	byID    map[string]int32
	bulkLo  int        // index of the first work added by AddBareWorks and not yet in byID, or -1
	wdirs   [][]string // per work, may be shorter than the works (missing: none)
	efrom   []int32
	eto     []int32
	ekind   []Kind
	eattr   map[int32]*EdgeAttr // by position in the edge columns
	dupEdge int
	workers int
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder {
	return &Builder{g: Graph{dirIdx: map[string]int32{}, taskIdx: map[string]int32{}, byAlias: map[string]int32{}},
		byID: map[string]int32{}, bulkLo: -1}
}

// Grow makes room for about works more works and edges more edges, so that adding them does
// not reallocate.
func (b *Builder) Grow(works, edges int) {
	b.g.ids = slices.Grow(b.g.ids, works)
	b.g.dates = slices.Grow(b.g.dates, works)
	b.g.metaOf = slices.Grow(b.g.metaOf, works)
	b.efrom = slices.Grow(b.efrom, edges)
	b.eto = slices.Grow(b.eto, edges)
	b.ekind = slices.Grow(b.ekind, edges)
}

// SetWorkers sets how many goroutines Build uses (0: GOMAXPROCS). The graph never depends on
// it.
func (b *Builder) SetWorkers(n int) { b.workers = n }

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

// ids returns the id index with every work in it.
func (b *Builder) ids() map[string]int32 {
	if b.bulkLo >= 0 {
		for i := b.bulkLo; i < len(b.g.ids); i++ {
			if _, dup := b.byID[b.g.ids[i]]; !dup {
				b.byID[b.g.ids[i]] = int32(i)
			}
		}
		b.bulkLo = -1
	}
	return b.byID
}

// Has reports whether a work with this id was added.
func (b *Builder) Has(id string) bool { _, ok := b.ids()[id]; return ok }

// Index returns the index of the work with this id, if it was added.
func (b *Builder) Index(id string) (int32, bool) { i, ok := b.ids()[id]; return i, ok }

// NumWorks returns the number of works added so far.
func (b *Builder) NumWorks() int { return len(b.g.ids) }

// AddWork adds a work and returns its index. Its aliases, arXiv id and DOI become lookup keys.
func (b *Builder) AddWork(w Work) (int32, error) {
	byID := b.ids()
	if _, dup := byID[w.ID]; dup {
		return -1, fmt.Errorf("duplicate work id %q", w.ID)
	}
	i := int32(len(b.g.ids))
	byID[w.ID] = i
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
	if len(w.Directions) > 0 {
		b.AddDirections(i, w.Directions...)
	}
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

// AddBareWorks adds works that have only an id and a date (dates may be nil: undated), as
// AddWork would one by one, and returns the index of the first. The caller guarantees that
// the ids are distinct and new (the loader's merger does): Build does not check them again,
// so that a million imported ids cost no map insertion unless an id is looked up.
func (b *Builder) AddBareWorks(ids []string, dates []Date) int32 {
	first := int32(len(b.g.ids))
	if len(ids) == 0 {
		return first
	}
	if b.bulkLo < 0 {
		b.bulkLo = int(first)
	}
	b.g.ids = append(b.g.ids, ids...)
	if dates == nil {
		b.g.dates = append(b.g.dates, make([]Date, len(ids))...)
	} else {
		b.g.dates = append(b.g.dates, dates...)
	}
	k := len(b.g.metaOf)
	b.g.metaOf = slices.Grow(b.g.metaOf, len(ids))[:k+len(ids)]
	for i := k; i < len(b.g.metaOf); i++ {
		b.g.metaOf[i] = -1
	}
	return first
}

// AddDirections appends directions to work i's list, skipping ones it already has. Directions
// are resolved in Build.
func (b *Builder) AddDirections(i int32, dirs ...string) {
	if int(i) >= len(b.wdirs) {
		b.wdirs = append(b.wdirs, make([][]string, int(i)+1-len(b.wdirs))...)
	}
	for _, d := range dirs {
		if !slices.Contains(b.wdirs[i], d) {
			b.wdirs[i] = append(slices.Clip(b.wdirs[i]), d)
		}
	}
}

// AddEdge adds an edge from work from to work to. attr may be nil.
func (b *Builder) AddEdge(from, to int32, k Kind, attr *EdgeAttr) {
	if !attr.empty() {
		if b.eattr == nil {
			b.eattr = map[int32]*EdgeAttr{}
		}
		b.eattr[int32(len(b.efrom))] = attr
	}
	b.efrom = append(b.efrom, from)
	b.eto = append(b.eto, to)
	b.ekind = append(b.ekind, k)
}

// AddEdges adds the edges from[i] → to[i] of kind k, without attributes. When the builder has
// no edges yet it takes the two slices over (the caller must not use them afterwards).
func (b *Builder) AddEdges(from, to []int32, k Kind) {
	if len(from) != len(to) {
		panic("graph: AddEdges with columns of different lengths")
	}
	if len(b.efrom) == 0 {
		b.efrom, b.eto = from, to
	} else {
		b.efrom = append(b.efrom, from...)
		b.eto = append(b.eto, to...)
	}
	n := len(b.ekind)
	b.ekind = slices.Grow(b.ekind, len(from))[:n+len(from)]
	for i := n; i < len(b.ekind); i++ {
		b.ekind[i] = k
	}
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
	slices.SortFunc(order, func(a, c int) int { return strings.Compare(g.dirs[a].ID, g.dirs[c].ID) })
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
	slices.SortFunc(g.tasks, func(a, c Task) int { return strings.Compare(a.ID, c.ID) })
	for i, t := range g.tasks {
		g.taskIdx[t.ID] = int32(i)
	}
	// Work directions.
	g.wdOff = make([]int32, n+1)
	for i := 0; i < n; i++ {
		if i < len(b.wdirs) {
			for _, d := range b.wdirs[i] {
				di, ok := g.dirIdx[d]
				if !ok {
					errs = append(errs, fmt.Sprintf("work %q: unknown direction %q", g.ids[i], d))
					continue
				}
				if !slices.Contains(g.wdDir[g.wdOff[i]:], di) {
					g.wdDir = append(g.wdDir, di)
				}
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
	// Edges: check them, then sort by counting on from and, within each row, by (to, kind)
	// keeping the order of addition among equal edges (a stable sort by (from, to, kind)).
	efrom, eto, ekind := b.efrom, b.eto, b.ekind
	b.efrom, b.eto, b.ekind = nil, nil, nil
	outOff := make([]int32, n+1)
	for i, f := range efrom {
		t, k := eto[i], ekind[i]
		switch {
		case f < 0 || int(f) >= n || t < 0 || int(t) >= n:
			errs = append(errs, fmt.Sprintf("edge %d: endpoint out of range", i))
			continue
		case f == t:
			errs = append(errs, fmt.Sprintf("self-loop on %q", g.ids[f]))
		case !k.Valid():
			errs = append(errs, fmt.Sprintf("edge %q → %q: invalid kind %d", g.ids[f], g.ids[t], k))
		}
		outOff[f+1]++
	}
	for i, a := range b.eattr {
		if a.Task != "" {
			if _, ok := g.taskIdx[a.Task]; !ok {
				errs = append(errs, fmt.Sprintf("edge %q → %q: unknown task %q", g.ids[efrom[i]], g.ids[eto[i]], a.Task))
			}
		}
	}
	if len(errs) > 0 {
		slices.Sort(errs)
		return nil, fmt.Errorf("graph: %s", strings.Join(slices.Compact(errs), "; "))
	}
	for v := 0; v < n; v++ {
		outOff[v+1] += outOff[v]
	}
	m := len(efrom)
	grouped := true // already ordered by from (as the loader's bulk edges are): sort in place
	for i := 1; i < m && grouped; i++ {
		grouped = efrom[i-1] <= efrom[i]
	}
	var to []int32
	var kinds []Kind
	var perm []int32 // original position, only needed to pick the attributes
	if grouped {
		to, kinds = eto, ekind
		if len(b.eattr) > 0 {
			perm = make([]int32, m)
			for i := range perm {
				perm[i] = int32(i)
			}
		}
	} else {
		to, kinds = make([]int32, m), make([]Kind, m)
		if len(b.eattr) > 0 {
			perm = make([]int32, m)
		}
		fill := slices.Clone(outOff[:n])
		for i, f := range efrom {
			p := fill[f]
			fill[f]++
			to[p], kinds[p] = eto[i], ekind[i]
			if perm != nil {
				perm[p] = int32(i)
			}
		}
		efrom = nil
	}
	eto, ekind = nil, nil
	workers := b.workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	sortRows(outOff, to, kinds, perm, workers)
	// Merge duplicates, compacting in place.
	g.attrs = map[int32]*EdgeAttr{}
	w := int32(0)
	for u := 0; u < n; u++ {
		lo, hi := outOff[u], outOff[u+1]
		outOff[u] = w
		for p := lo; p < hi; p++ {
			if w > outOff[u] && to[w-1] == to[p] && kinds[w-1] == kinds[p] {
				b.dupEdge++
				continue
			}
			if perm != nil {
				if a := b.eattr[perm[p]]; a != nil {
					g.attrs[w] = a
				}
			}
			to[w], kinds[w] = to[p], kinds[p]
			g.kindsIn |= SetOf(kinds[p])
			w++
		}
	}
	outOff[n] = w
	b.eattr = nil
	g.to, g.kinds = to[:w:w], kinds[:w:w]
	if efrom != nil && int(w) == m { // grouped and nothing merged: from is already right
		g.from = efrom
	} else {
		if efrom != nil && cap(efrom) >= int(w) {
			g.from = efrom[:w:w]
		} else {
			g.from = make([]int32, w)
		}
		for u := 0; u < n; u++ {
			for e := outOff[u]; e < outOff[u+1]; e++ {
				g.from[e] = int32(u)
			}
		}
	}
	g.inOff = make([]int32, n+1)
	for _, t := range g.to {
		g.inOff[t+1]++
	}
	prefixSum(g.inOff)
	g.outOff = outOff
	g.inEdge = nil
	if b.bulkLo < 0 {
		g.byID = b.byID // complete; otherwise built on first lookup
	}
	g.lazy = &lazyIndex{}
	out := *g
	b.g = Graph{}
	b.byID = nil
	return &out, nil
}

// sortRows sorts each row [off[u], off[u+1]) of (to, kinds, perm) by (to, kind), stably. Rows
// are independent, so the result does not depend on workers.
func sortRows(off []int32, to []int32, kinds []Kind, perm []int32, workers int) {
	n := len(off) - 1
	m := int(off[n])
	if workers > 1 && m < 1<<16 {
		workers = 1
	}
	var wg sync.WaitGroup
	lo := 0
	for w := 0; w < workers; w++ {
		// Split by edge count: rows [lo, hi) hold about m/workers edges.
		target := int32(int64(m) * int64(w+1) / int64(workers))
		hi, _ := slices.BinarySearch(off[lo:], target)
		hi = min(n, lo+hi)
		if w == workers-1 {
			hi = n
		}
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			var tmp []rowEdge
			for u := lo; u < hi; u++ {
				tmp = sortRow(to[off[u]:off[u+1]], kinds[off[u]:off[u+1]], subPerm(perm, off[u], off[u+1]), tmp)
			}
		}(lo, hi)
		lo = hi
	}
	wg.Wait()
}

func subPerm(perm []int32, lo, hi int32) []int32 {
	if perm == nil {
		return nil
	}
	return perm[lo:hi]
}

type rowEdge struct {
	to   int32
	kind Kind
	perm int32
}

func rowLess(t1 int32, k1 Kind, t2 int32, k2 Kind) bool {
	return t1 < t2 || (t1 == t2 && k1 < k2)
}

// sortRow sorts one row stably: insertion sort when short, a stable sort otherwise.
func sortRow(to []int32, kinds []Kind, perm []int32, tmp []rowEdge) []rowEdge {
	if len(to) <= 32 {
		for i := 1; i < len(to); i++ {
			t, k := to[i], kinds[i]
			var p int32
			if perm != nil {
				p = perm[i]
			}
			j := i
			for ; j > 0 && rowLess(t, k, to[j-1], kinds[j-1]); j-- {
				to[j], kinds[j] = to[j-1], kinds[j-1]
				if perm != nil {
					perm[j] = perm[j-1]
				}
			}
			to[j], kinds[j] = t, k
			if perm != nil {
				perm[j] = p
			}
		}
		return tmp
	}
	sorted := true
	for i := 1; i < len(to); i++ {
		if rowLess(to[i], kinds[i], to[i-1], kinds[i-1]) {
			sorted = false
			break
		}
	}
	if sorted {
		return tmp
	}
	tmp = tmp[:0]
	for i := range to {
		e := rowEdge{to: to[i], kind: kinds[i]}
		if perm != nil {
			e.perm = perm[i]
		}
		tmp = append(tmp, e)
	}
	slices.SortStableFunc(tmp, func(x, y rowEdge) int {
		switch {
		case rowLess(x.to, x.kind, y.to, y.kind):
			return -1
		case rowLess(y.to, y.kind, x.to, x.kind):
			return 1
		}
		return 0
	})
	for i, e := range tmp {
		to[i], kinds[i] = e.to, e.kind
		if perm != nil {
			perm[i] = e.perm
		}
	}
	return tmp
}

// DuplicateEdges returns how many exact duplicate edges the last Build merged.
func (b *Builder) DuplicateEdges() int { return b.dupEdge }
