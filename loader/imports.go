package loader

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/litgraph/litgraph/graph"
)

// maxListed is how many malformed lines of one file a load lists before it only counts them.
const maxListed = 20

// SourceStats counts what one imported source (or side file) contributed and which data
// quirks the load met in it. Quirks are warnings, never fatal.
type SourceStats struct {
	File   string
	Format Format // for side files: "labels" or "dates"
	// Records read: JSON records, BibTeX/RIS entries, edge lines, side-file rows.
	Records int
	// Works this source added as new works, and records merged into a work another source
	// (or the curated data) already had, by id, DOI or arXiv id.
	NewWorks, Merged int
	// Edges kept (citations after dropping and merging).
	Edges int
	// Malformed lines or records skipped with --lenient (without it they are errors).
	Malformed int
	// NoID: records without an id, skipped. Dangling: references to works outside the loaded
	// set, dropped. SelfCitations: dropped. Duplicates: repeated edges, merged. Reciprocal:
	// pairs citing each other, kept.
	NoID, Dangling, SelfCitations, Duplicates, Reciprocal int
	// NoSubject: Semantic Scholar citation records whose subject paper is unknown (no
	// s2,paper=ID: prefix); their edges are dropped.
	NoSubject int
	// Side files: rows naming no loaded work, and works given several different values (the
	// rule that picks one is in docs/import.md).
	Unmatched, Conflicts int
	// Ambiguous: records whose DOI and arXiv id name two different existing works (merged
	// into the first by id, then DOI, then arXiv id).
	Ambiguous int
	// Truncated is the read error of a damaged gzip stream, if any (kept with --lenient).
	Truncated string
}

// impRec is one imported record: a work with metadata.
type impRec struct {
	local  int32 // index into impDoc.ids
	w      graph.Work
	topics []graph.Direction // primary topic first, its parents after; for --directions-from
}

// impDoc is one parsed imported source: local ids, records and edges between local ids.
type impDoc struct {
	name   string
	order  int
	format Format
	st     SourceStats

	ids      []string
	idx      map[string]int32
	recs     []impRec
	allNodes bool // edge lists: every id is a work even without a record
	from, to []int32
	attrs    map[int32]*graph.EdgeAttr // by edge position
	library  bool                      // BibTeX/RIS: merged works get tag "library"

	errs   []*Problem // malformed lines (the first maxListed)
	nErrs  int
	warned bool
}

func newImpDoc(src Source, f Format, order int) *impDoc {
	return &impDoc{name: src.Name, order: order, format: f, idx: map[string]int32{},
		st: SourceStats{File: src.Name, Format: f}}
}

// intern returns the local index of id; b is not retained.
func (doc *impDoc) intern(b []byte) int32 {
	if i, ok := doc.idx[string(b)]; ok {
		return i
	}
	return doc.internString(string(b))
}

func (doc *impDoc) internString(s string) int32 {
	if i, ok := doc.idx[s]; ok {
		return i
	}
	i := int32(len(doc.ids))
	doc.idx[s] = i
	doc.ids = append(doc.ids, s)
	return i
}

func (doc *impDoc) edge(from, to int32, attr *graph.EdgeAttr) {
	if attr != nil {
		if doc.attrs == nil {
			doc.attrs = map[int32]*graph.EdgeAttr{}
		}
		doc.attrs[int32(len(doc.from))] = attr
	}
	doc.from = append(doc.from, from)
	doc.to = append(doc.to, to)
}

// bad records a malformed line or record (an error, or a skipped line with --lenient).
func (doc *impDoc) bad(line int, format string, args ...any) {
	doc.nErrs++
	if len(doc.errs) < maxListed {
		doc.errs = append(doc.errs, &Problem{File: doc.name, Line: line, Msg: fmt.Sprintf(format, args...), order: doc.order})
	}
}

// collect moves the malformed-line problems to d: errors, or with lenient one warning. It
// returns trailers extended with the "... and N more" line that goes after the sorted list.
func (doc *impDoc) collect(d *diag, lenient bool, trailers []*Problem) []*Problem {
	if doc.nErrs == 0 {
		return trailers
	}
	if lenient {
		doc.st.Malformed = doc.nErrs
		return trailers
	}
	d.errs = append(d.errs, doc.errs...)
	if more := doc.nErrs - len(doc.errs); more > 0 {
		trailers = append(trailers, &Problem{File: doc.name, Msg: fmt.Sprintf("... and %d more malformed lines; fix them, or pass --lenient to skip them", more), order: doc.order})
	}
	return trailers
}

// importWarnings turns the stats into one warning per kind of quirk per file.
func importWarnings(imps []*impDoc, side []*sideFile) []*Problem {
	var out []*Problem
	// add reports n things; what is "singular|plural" for the words before the first space
	// after the '|' ("malformed line|lines skipped" → "1 malformed line skipped").
	add := func(file string, order, n int, what string, args ...any) {
		if n == 0 {
			return
		}
		one, many, _ := strings.Cut(what, "|")
		word, rest, _ := strings.Cut(many, " ")
		msg := one + " " + rest
		if n != 1 {
			i := strings.LastIndexByte(one, ' ')
			msg = one[:i+1] + word + " " + rest
		}
		out = append(out, &Problem{File: file, Msg: fmt.Sprintf("%d %s", n, fmt.Sprintf(msg, args...)), order: order})
	}
	for _, doc := range imps {
		st := &doc.st
		first := ""
		if len(doc.errs) > 0 {
			first = fmt.Sprintf("; first at line %d: %s", doc.errs[0].Line, doc.errs[0].Msg)
		}
		if st.Truncated != "" {
			out = append(out, &Problem{File: doc.name, Msg: "damaged compressed data (" + st.Truncated + "); kept what was read before it (--lenient)", order: doc.order})
		}
		add(doc.name, doc.order, st.Malformed, "malformed line|lines skipped (--lenient)%s", first)
		add(doc.name, doc.order, st.NoID, "record|records without an id skipped")
		add(doc.name, doc.order, st.Dangling, "reference|references to works outside the loaded data dropped (dangling)")
		add(doc.name, doc.order, st.SelfCitations, "self-citation|self-citations dropped")
		add(doc.name, doc.order, st.Duplicates, "duplicate citation|citations merged")
		add(doc.name, doc.order, st.Reciprocal, "reciprocal citation pair|pairs (each cites the other) kept")
		add(doc.name, doc.order, st.NoSubject, "citation record|records without a subject paper: edges dropped; name the paper with --data s2,paper=ID:%s", doc.name)
		add(doc.name, doc.order, st.Ambiguous, "record|records whose id, DOI and arXiv id name two different curated works (merged into the first)")
	}
	for _, sf := range side {
		st := &sf.st
		first := ""
		if len(sf.errs) > 0 {
			first = fmt.Sprintf("; first at line %d: %s", sf.errs[0].Line, sf.errs[0].Msg)
		}
		add(sf.name, sf.order, st.Malformed, "malformed line|lines skipped (--lenient)%s", first)
		add(sf.name, sf.order, st.Unmatched, "row|rows naming no imported work ignored")
		add(sf.name, sf.order, st.Conflicts, "work|works given several different %ss (one picked; see docs/import.md)", sf.kind)
	}
	return out
}

// parseImport parses one non-curated source.
func parseImport(src Source, f Format, order int, opts Options, maxYear int) *impDoc {
	doc := newImpDoc(src, f, order)
	switch f {
	case FormatEdgeList:
		r, err := openData(src.Data)
		if err != nil {
			doc.bad(0, "%v", err)
			return doc
		}
		// Pre-size the edge slices: about 16 bytes a line, gzip about 4:1 (an estimate only).
		hint := len(src.Data) / 16
		if isGzip(src.Data) {
			hint = len(src.Data) / 4
		}
		if !isGzip(src.Data) && parseEdgeListFast(doc, src.Data, src.Reverse || opts.Reverse, 0) {
			return doc
		}
		doc.from, doc.to = make([]int32, 0, hint), make([]int32, 0, hint)
		parseEdgeList(doc, r, src.Reverse || opts.Reverse, opts.Lenient)
		return doc
	}
	data, err := readAllData(src.Data)
	if err != nil {
		if !opts.Lenient || len(data) == 0 {
			doc.bad(0, "%v", err)
			return doc
		}
		doc.st.Truncated = err.Error()
	}
	switch f {
	case FormatOpenAlex:
		parseOpenAlex(doc, data, opts, maxYear)
	case FormatS2:
		parseS2(doc, data, src.Paper, opts, maxYear)
	case FormatBibTeX:
		doc.library = true
		parseBibTeX(doc, data, maxYear)
	case FormatRIS:
		doc.library = true
		parseRIS(doc, data, maxYear)
	}
	return doc
}

// slot is one imported work being assembled. Bare works (edge-list nodes) keep only the id
// and a date.
type slot struct {
	id   string
	date graph.Date
	rich *graph.Work
	dirs []string
	idx  int32 // builder index after addWorks
	into int32 // endpoint code of the work this slot was merged into, or noInto
}

const noInto = -1 << 30

// merger joins imported records with the curated works and with each other.
type merger struct {
	curated []*rawWork
	identBy map[string]string // curated: "doi:..", "arxiv:.." → curated id (extended with imported ones)
	cur     map[string]int    // curated id and aliases → index in curated
	keys    map[string]int32  // imported slots by id and by "doi:", "arxiv:" keys
	slots   []slot
	dirs    []graph.Direction
	dirSeen map[string]bool
	topics  bool
	idDates bool      // date undated works from the arXiv identifier their id encodes
	remap   [][]int32 // per doc: local id → endpoint code (see endpoint)
	// pending slots [pendLo, len(slots)) are bare edge-list works not yet in keys: a million
	// imported ids cost no map insertion unless something looks an id up (keyMap).
	pendLo int
}

// keyMap returns keys with every slot in it.
func (m *merger) keyMap() map[string]int32 {
	if m.pendLo < len(m.slots) {
		for s := m.pendLo; s < len(m.slots); s++ {
			if _, ok := m.keys[m.slots[s].id]; !ok {
				m.keys[m.slots[s].id] = int32(s)
			}
		}
		m.pendLo = len(m.slots)
	}
	return m.keys
}

// Endpoint codes: >= 0 an imported slot, <= -2 curated work -(code+2), -1 unresolved.
func newMerger(works []*rawWork, identBy map[string]string, opts Options) *merger {
	m := &merger{curated: works, identBy: identBy, cur: map[string]int{}, keys: map[string]int32{},
		dirSeen: map[string]bool{}, topics: opts.DirectionsFrom == "topics", idDates: opts.DatesFromIDs}
	for i, r := range works {
		m.cur[r.w.ID] = i
		for _, a := range r.w.Aliases {
			if _, ok := m.cur[normalizeKey(a)]; !ok {
				m.cur[normalizeKey(a)] = i
			}
		}
		if r.w.ArXiv != "" {
			m.cur["arxiv:"+r.w.ArXiv] = i
		}
		if r.w.DOI != "" {
			m.cur["doi:"+r.w.DOI] = i
		}
	}
	return m
}

// normalizeKey puts "arxiv:"/"doi:" references in canonical form (as graph.Lookup does).
func normalizeKey(ref string) string {
	p, rest, ok := strings.Cut(ref, ":")
	if !ok {
		return ref
	}
	switch strings.ToLower(p) {
	case "arxiv":
		return "arxiv:" + graph.StripArXivVersion(rest)
	case "doi":
		return "doi:" + NormalizeDOI(rest)
	}
	return ref
}

// find looks a key up among curated and imported works.
func (m *merger) find(key string) (int32, bool) {
	if key == "" {
		return 0, false
	}
	if i, ok := m.cur[key]; ok {
		return int32(-2 - i), true
	}
	if s, ok := m.keyMap()[key]; ok {
		return m.root(s), true
	}
	return 0, false
}

// root follows merged slots to the work they became part of.
func (m *merger) root(code int32) int32 {
	for code >= 0 && m.slots[code].into != noInto {
		code = m.slots[code].into
	}
	return code
}

// absorb merges imported slot c into the work rep (a record that bridged them: its DOI named
// one and its arXiv id the other).
func (m *merger) absorb(rep, c int32) {
	sl := &m.slots[c]
	w := graph.Work{ID: sl.id, Date: sl.date}
	if sl.rich != nil {
		w = *sl.rich
		w.ID, w.Date = sl.id, sl.date
	}
	lib := slices.Contains(w.Tags, "library")
	dirs := sl.dirs
	sl.into = rep
	m.mergeInto(rep, &impRec{w: w}, lib)
	if rep >= 0 && len(m.slots[rep].dirs) == 0 {
		m.slots[rep].dirs = dirs
	}
}

func (m *merger) resolve(id string) int32 {
	if c, ok := m.find(id); ok {
		return c
	}
	if k := normalizeKey(id); k != id {
		if c, ok := m.find(k); ok {
			return c
		}
	}
	return -1
}

func (m *merger) addDoc(doc *impDoc) {
	remap := make([]int32, len(doc.ids))
	for i := range remap {
		remap[i] = -1
	}
	for ri := range doc.recs {
		r := &doc.recs[ri]
		w := &r.w
		// Candidates by id, DOI, arXiv id. A curated candidate wins; other imported candidates
		// are merged into the winner; two different curated works are ambiguous (kept apart).
		var code int32
		found := false
		var cands []int32
		for _, k := range []string{w.ID, keyOf("doi:", w.DOI), keyOf("arxiv:", w.ArXiv)} {
			if c, ok := m.find(k); ok && !slices.Contains(cands, c) {
				cands = append(cands, c)
				if !found || (code >= 0 && c <= -2) {
					code, found = c, true
				}
			}
		}
		ambiguous := false
		for _, c := range cands {
			switch {
			case c == code:
			case c <= -2:
				ambiguous = true
			default:
				m.absorb(code, c)
			}
		}
		if ambiguous {
			doc.st.Ambiguous++
		}
		if found {
			doc.st.Merged++
			m.mergeInto(code, r, doc.library)
		} else {
			code = m.newSlot(r, doc.library)
			doc.st.NewWorks++
		}
		remap[r.local] = code
	}
	if doc.allNodes && len(doc.recs) == 0 && len(m.cur) == 0 && len(m.keyMap()) == 0 {
		// Nothing to merge with: every id of the document is a new bare work (ids within a
		// document are distinct). Their keys are added on first lookup.
		m.pendLo = len(m.slots)
		m.slots = slices.Grow(m.slots, len(doc.ids))
		for i, id := range doc.ids {
			remap[i] = int32(len(m.slots))
			m.slots = append(m.slots, slot{id: id, into: noInto})
		}
		doc.st.NewWorks += len(doc.ids)
	} else if doc.allNodes {
		for i, id := range doc.ids {
			if remap[i] != -1 {
				continue
			}
			if c, ok := m.find(id); ok {
				remap[i] = c
				doc.st.Merged++
				continue
			}
			s := int32(len(m.slots))
			m.slots = append(m.slots, slot{id: id, into: noInto})
			m.keyMap()[id] = s
			remap[i] = s
			doc.st.NewWorks++
		}
	}
	m.remap = append(m.remap, remap)
}

func keyOf(prefix, v string) string {
	if v == "" {
		return ""
	}
	return prefix + v
}

func (m *merger) newSlot(r *impRec, library bool) int32 {
	w := r.w
	if library {
		w.Tags = appendNew(w.Tags, "library")
	}
	s := int32(len(m.slots))
	sl := slot{id: w.ID, date: w.Date, into: noInto}
	if w.Title != "" || len(w.Authors) > 0 || w.DOI != "" || w.ArXiv != "" || w.Venue != "" || w.URL != "" || len(w.Tags) > 0 || len(w.Aliases) > 0 {
		sl.rich = &w
	}
	sl.dirs = m.topicDirs(r)
	m.slots = append(m.slots, sl)
	m.keyMap()[w.ID] = s
	for _, k := range []string{keyOf("doi:", w.DOI), keyOf("arxiv:", w.ArXiv)} {
		if k == "" {
			continue
		}
		if _, ok := m.keyMap()[k]; !ok {
			m.keyMap()[k] = s
		}
		if _, ok := m.identBy[k]; !ok {
			m.identBy[k] = w.ID
		}
	}
	return s
}

func (m *merger) topicDirs(r *impRec) []string {
	if !m.topics || len(r.topics) == 0 {
		return nil
	}
	for _, d := range r.topics {
		if !m.dirSeen[d.ID] {
			m.dirSeen[d.ID] = true
			m.dirs = append(m.dirs, d)
		}
	}
	return []string{r.topics[0].ID}
}

// mergeInto adds an imported record to an existing work: a curated work gains aliases (the
// imported id, DOI and arXiv id it lacks) and tags; an imported work also gains the fields
// it lacks. The first source's values win.
func (m *merger) mergeInto(code int32, r *impRec, library bool) {
	w := &r.w
	if code <= -2 {
		cw := &m.curated[-2-code].w
		ci := int(-2 - code)
		// Keys already taken (by another curated work) keep their owner.
		claim := func(key string) {
			if _, ok := m.cur[key]; !ok {
				m.cur[key] = ci
			}
		}
		if w.ID != cw.ID {
			cw.Aliases = appendNew(cw.Aliases, w.ID)
			claim(w.ID)
			if _, ok := m.identBy[w.ID]; !ok {
				m.identBy[w.ID] = cw.ID
			}
		}
		if w.DOI != "" && w.DOI != cw.DOI {
			cw.Aliases = appendNew(cw.Aliases, "doi:"+w.DOI)
			claim("doi:" + w.DOI)
		}
		if w.ArXiv != "" && w.ArXiv != cw.ArXiv {
			cw.Aliases = appendNew(cw.Aliases, "arxiv:"+w.ArXiv)
			claim("arxiv:" + w.ArXiv)
		}
		for _, a := range w.Aliases {
			if a != cw.ID && normalizeKey(a) != "doi:"+cw.DOI && normalizeKey(a) != "arxiv:"+cw.ArXiv {
				cw.Aliases = appendNew(cw.Aliases, a)
				claim(normalizeKey(a))
			}
		}
		if library {
			cw.Tags = appendNew(cw.Tags, "library")
		}
		return
	}
	sl := &m.slots[code]
	if sl.rich == nil {
		sl.rich = &graph.Work{ID: sl.id}
	}
	t := sl.rich
	if w.ID != t.ID {
		t.Aliases = appendNew(t.Aliases, w.ID)
		if _, ok := m.keyMap()[w.ID]; !ok {
			m.keyMap()[w.ID] = code
		}
		if _, ok := m.identBy[w.ID]; !ok {
			m.identBy[w.ID] = t.ID
		}
	}
	for _, a := range w.Aliases {
		if a != t.ID {
			t.Aliases = appendNew(t.Aliases, a)
			if _, ok := m.keyMap()[normalizeKey(a)]; !ok {
				m.keyMap()[normalizeKey(a)] = code
			}
		}
	}
	fill := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	fill(&t.Title, w.Title)
	fill(&t.Venue, w.Venue)
	fill(&t.URL, w.URL)
	if len(t.Authors) == 0 {
		t.Authors = w.Authors
	}
	if sl.date.IsZero() {
		sl.date = w.Date
	}
	for _, kv := range [][2]string{{"doi:", w.DOI}, {"arxiv:", w.ArXiv}} {
		if kv[1] == "" {
			continue
		}
		k := kv[0] + kv[1]
		switch {
		case kv[0] == "doi:" && t.DOI == "":
			t.DOI = kv[1]
		case kv[0] == "arxiv:" && t.ArXiv == "":
			t.ArXiv = kv[1]
		case (kv[0] == "doi:" && t.DOI != kv[1]) || (kv[0] == "arxiv:" && t.ArXiv != kv[1]):
			t.Aliases = appendNew(t.Aliases, k)
		}
		if _, ok := m.keyMap()[k]; !ok {
			m.keyMap()[k] = code
		}
	}
	for _, tag := range w.Tags {
		t.Tags = appendNew(t.Tags, tag)
	}
	if library {
		t.Tags = appendNew(t.Tags, "library")
	}
	if len(sl.dirs) == 0 {
		sl.dirs = m.topicDirs(r)
	}
}

func appendNew(list []string, v string) []string {
	if slices.Contains(list, v) {
		return list
	}
	return append(list, v)
}

// addWorks adds the imported works to the builder, after the curated ones.
func (m *merger) addWorks(b *graph.Builder, d *diag) {
	b.Grow(len(m.slots), 0)
	for i := 0; i < len(m.slots); i++ {
		sl := &m.slots[i]
		if j := m.bareRun(i); j > i+1 { // a run of bare works: add them in one go
			ids := make([]string, j-i)
			var dates []graph.Date
			for k := i; k < j; k++ {
				ids[k-i] = m.slots[k].id
				date := m.slots[k].date
				if m.idDates && date.IsZero() {
					date, _ = DateFromArXivID(ids[k-i])
				}
				if !date.IsZero() {
					if dates == nil {
						dates = make([]graph.Date, j-i)
					}
					dates[k-i] = date
				}
			}
			first := b.AddBareWorks(ids, dates)
			for k := i; k < j; k++ {
				m.slots[k].idx = first + int32(k-i)
			}
			i = j - 1
			continue
		}
		if sl.into != noInto {
			sl.idx = -1
			continue
		}
		w := graph.Work{ID: sl.id, Date: sl.date, Directions: sl.dirs}
		if sl.rich != nil {
			w = *sl.rich
			w.ID, w.Date, w.Directions = sl.id, sl.date, sl.dirs
		}
		if m.idDates && w.Date.IsZero() {
			if d, ok := DateFromArXivID(w.ID); ok {
				w.Date = d
			} else if d, ok := DateFromArXivID(w.ArXiv); ok {
				w.Date = d
			}
		}
		idx, err := b.AddWork(w)
		if err != nil { // an imported id equal to a curated id is merged before; this is internal
			d.errorf(pos{file: "litgraph"}, "internal error: %v", err)
		}
		sl.idx = idx
	}
}

// bareRun returns the end of the run of bare slots (no metadata, no directions, not merged,
// not a curated id) that starts at i.
func (m *merger) bareRun(i int) int {
	j := i
	for j < len(m.slots) {
		sl := &m.slots[j]
		if sl.into != noInto || sl.rich != nil || len(sl.dirs) > 0 {
			break
		}
		j++
	}
	return j
}

// builderIndex maps an endpoint code to a builder index, or -1.
func (m *merger) builderIndex(b *graph.Builder, code int32) int32 {
	code = m.root(code)
	switch {
	case code >= 0:
		return m.slots[code].idx
	case code <= -2:
		i, ok := b.Index(m.curated[-2-code].w.ID)
		if !ok {
			return -1
		}
		return i
	}
	return -1
}

// addEdges resolves every imported edge, drops dangling ones and self-citations, merges
// duplicates (within a source and across sources; counted at the later source), counts
// reciprocal pairs and adds the rest as cites edges.
func (m *merger) addEdges(b *graph.Builder, imps []*impDoc) {
	var earlier []*edgeRows // merged edges of earlier sources
	nw := b.NumWorks()
	for di, doc := range imps {
		if len(doc.from) == 0 {
			continue
		}
		remap := m.remap[di]
		// Resolve local ids that are not records (reference targets) lazily.
		bidx := make([]int32, len(remap))
		for i, c := range remap {
			if c == -1 {
				c = m.resolve(doc.ids[i])
			}
			bidx[i] = m.builderIndex(b, c)
		}
		later := false
		for _, d := range imps[di+1:] {
			later = later || len(d.from) > 0
		}
		if doc.attrs == nil {
			if rows := m.addEdgesFast(b, doc, bidx, earlier, later, 0); rows != nil {
				earlier = append(earlier, rows)
			}
			continue
		}
		keys := make([]uint64, 0, len(doc.from))
		var attrOf map[uint64]*graph.EdgeAttr
		for e := range doc.from {
			u, v := bidx[doc.from[e]], bidx[doc.to[e]]
			switch {
			case u < 0 || v < 0:
				doc.st.Dangling++
				continue
			case u == v:
				doc.st.SelfCitations++
				continue
			}
			k := uint64(uint32(u))<<32 | uint64(uint32(v))
			keys = append(keys, k)
			if a := doc.attrs[int32(e)]; a != nil {
				if attrOf == nil {
					attrOf = map[uint64]*graph.EdgeAttr{}
				}
				if _, ok := attrOf[k]; !ok {
					attrOf[k] = a
				}
			}
		}
		slices.Sort(keys)
		n := len(keys)
		keys = slices.Compact(keys)
		doc.st.Duplicates += n - len(keys)
		for _, k := range keys {
			u, v := uint32(k>>32), uint32(k)
			if u < v {
				if _, ok := slices.BinarySearch(keys, uint64(v)<<32|uint64(u)); ok {
					doc.st.Reciprocal++
				}
			}
			dup := false
			for _, prev := range earlier {
				if prev.has(int32(u), int32(v)) {
					dup = true
					break
				}
			}
			if dup {
				doc.st.Duplicates++
				continue
			}
			doc.st.Edges++
			b.AddEdge(int32(u), int32(v), graph.Cites, attrOf[k])
		}
		doc.from, doc.to, doc.attrs = nil, nil, nil // free them before the graph is built
		if later {
			earlier = append(earlier, rowsFromKeys(keys, nw))
		}
	}
}

// baseName is the file name without directories and compression/format extensions, for
// generated ids.
func baseName(name string) string {
	b := filepath.Base(name)
	for {
		ext := filepath.Ext(b)
		if ext == "" || ext == b {
			return b
		}
		b = strings.TrimSuffix(b, ext)
	}
}

// rowsFromKeys turns sorted (from<<32 | to) edge keys into compressed rows over n works.
func rowsFromKeys(keys []uint64, n int) *edgeRows {
	r := &edgeRows{off: make([]int32, n+1), to: make([]int32, len(keys))}
	for i, k := range keys {
		r.off[int32(k>>32)+1]++
		r.to[i] = int32(uint32(k))
	}
	for u := 0; u < n; u++ {
		r.off[u+1] += r.off[u]
	}
	return r
}
