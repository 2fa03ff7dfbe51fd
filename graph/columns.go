package graph

import (
	"fmt"
	"slices"
)

// Columns is the graph's storage laid bare, for codecs (the on-disk snapshot) that must
// write and read a graph without going through a Builder. Slices are shared, not copied.
type Columns struct {
	IDs        []string
	Dates      []Date
	MetaOf     []int32 // per work: index into Metas, or -1
	Metas      []Meta
	WorkDirOff []int32 // len N+1
	WorkDir    []int32 // direction indices
	Directions []Direction
	Tasks      []Task
	From, To   []int32 // edges sorted by (From, To, Kind), no exact duplicates, no self-loops
	Kinds      []Kind
	Attrs      map[int32]*EdgeAttr
}

// Meta is the rich metadata of a work, as Columns stores it.
type Meta struct {
	ShortName, Title, ArXiv, DOI, Venue, URL string
	Authors, Aliases, Tasks, Tags            []string
}

// Columns returns g's storage. Do not modify it.
func (g *Graph) Columns() Columns {
	metas := make([]Meta, len(g.metas))
	for i, m := range g.metas {
		metas[i] = Meta{m.shortName, m.title, m.arxiv, m.doi, m.venue, m.url, m.authors, m.aliases, m.tasks, m.tags}
	}
	return Columns{IDs: g.ids, Dates: g.dates, MetaOf: g.metaOf, Metas: metas, WorkDirOff: g.wdOff, WorkDir: g.wdDir,
		Directions: g.dirs, Tasks: g.tasks, From: g.from, To: g.to, Kinds: g.kinds, Attrs: g.attrs}
}

// FromColumns builds a graph from its storage, checking every invariant the rest of the
// package relies on (lengths, index ranges, edge order, unique ids, direction tree), so that a
// corrupt snapshot is an error, never a panic later.
func FromColumns(c Columns) (*Graph, error) {
	n := len(c.IDs)
	bad := func(format string, args ...any) (*Graph, error) {
		return nil, fmt.Errorf("graph columns: "+format, args...)
	}
	if len(c.Dates) != n || len(c.MetaOf) != n || len(c.WorkDirOff) != n+1 {
		return bad("column lengths disagree with %d works", n)
	}
	if len(c.From) != len(c.To) || len(c.From) != len(c.Kinds) {
		return bad("edge column lengths disagree")
	}
	g := &Graph{ids: c.IDs, dates: c.Dates, metaOf: c.MetaOf, wdOff: c.WorkDirOff, wdDir: c.WorkDir,
		dirs: c.Directions, tasks: c.Tasks, from: c.From, to: c.To, kinds: c.Kinds, attrs: c.Attrs,
		byID: make(map[string]int32, n), byAlias: map[string]int32{}, dirIdx: map[string]int32{}, taskIdx: map[string]int32{}}
	if g.attrs == nil {
		g.attrs = map[int32]*EdgeAttr{}
	}
	g.metas = make([]meta, len(c.Metas))
	for i, m := range c.Metas {
		g.metas[i] = meta{m.ShortName, m.Title, m.ArXiv, m.DOI, m.Venue, m.URL, m.Authors, m.Aliases, m.Tasks, m.Tags}
	}
	for i, d := range g.dirs {
		if _, dup := g.dirIdx[d.ID]; dup || (i > 0 && g.dirs[i-1].ID >= d.ID) {
			return bad("directions not sorted by id or duplicated at %q", d.ID)
		}
		g.dirIdx[d.ID] = int32(i)
	}
	g.dirPar = make([]int32, len(g.dirs))
	for i, d := range g.dirs {
		g.dirPar[i] = -1
		if d.Parent != "" {
			p, ok := g.dirIdx[d.Parent]
			if !ok {
				return bad("direction %q has unknown parent %q", d.ID, d.Parent)
			}
			g.dirPar[i] = p
		}
	}
	for i := range g.dirs {
		steps := 0
		for p := g.dirPar[i]; p >= 0; p = g.dirPar[p] {
			if steps++; steps > len(g.dirs) {
				return bad("direction parents form a cycle at %q", g.dirs[i].ID)
			}
		}
	}
	for i, t := range g.tasks {
		if _, dup := g.taskIdx[t.ID]; dup || (i > 0 && g.tasks[i-1].ID >= t.ID) {
			return bad("tasks not sorted by id or duplicated at %q", t.ID)
		}
		g.taskIdx[t.ID] = int32(i)
	}
	if g.wdOff[0] != 0 || int(g.wdOff[n]) != len(g.wdDir) {
		return bad("work-direction offsets out of range")
	}
	for i := 0; i < n; i++ {
		if g.wdOff[i] > g.wdOff[i+1] {
			return bad("work-direction offsets not ascending at work %d", i)
		}
		if m := g.metaOf[i]; m < -1 || int(m) >= len(g.metas) {
			return bad("work %d: metadata index out of range", i)
		}
		if _, dup := g.byID[g.ids[i]]; dup {
			return bad("duplicate work id %q", g.ids[i])
		}
		g.byID[g.ids[i]] = int32(i)
	}
	for _, d := range g.wdDir {
		if d < 0 || int(d) >= len(g.dirs) {
			return bad("work direction index out of range")
		}
	}
	for i := 0; i < n; i++ { // lookup keys, first claim wins as in Builder.AddWork
		if m := g.metaOf[i]; m >= 0 {
			md := &g.metas[m]
			keys := slices.Clone(md.aliases)
			if md.arxiv != "" {
				keys = append(keys, "arxiv:"+md.arxiv)
			}
			if md.doi != "" {
				keys = append(keys, "doi:"+md.doi)
			}
			for _, k := range keys {
				k = normalizeRef(k)
				if _, taken := g.byAlias[k]; !taken {
					g.byAlias[k] = int32(i)
				}
			}
		}
	}
	for e := range g.from {
		f, t, k := g.from[e], g.to[e], g.kinds[e]
		if f < 0 || int(f) >= n || t < 0 || int(t) >= n || f == t || !k.Valid() {
			return bad("edge %d is out of range, a self-loop or of an invalid kind", e)
		}
		if e > 0 {
			pf, pt, pk := g.from[e-1], g.to[e-1], g.kinds[e-1]
			if pf > f || (pf == f && (pt > t || (pt == t && pk >= k))) {
				return bad("edges not sorted at %d", e)
			}
		}
		g.kindsIn |= SetOf(k)
	}
	for e := range g.attrs {
		if e < 0 || int(e) >= len(g.from) {
			return bad("edge attribute index out of range")
		}
	}
	g.indexEdges()
	return g, nil
}
