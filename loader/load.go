// Package loader reads litgraph's input formats, validates them and builds graph.Graph values.
//
// Every problem in the input is collected and returned at once as an ErrorList of positioned
// messages (file:line:col: what is wrong; what would fix it), which matches ErrInvalid. The
// loader never prints and never exits; warnings (data quirks that do not stop a load) are
// returned beside the graph.
package loader

import (
	"fmt"
	"slices"
	"strings"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/internal/suggest"
)

// Source is one input: a display name used in messages (a path, "builtin", "<stdin>") and its
// bytes.
// Data may be gzip-compressed (detected by its magic bytes).
type Source struct {
	Name    string
	Data    []byte
	Format  Format // "" detects the format from the content (Detect)
	Reverse bool   // edge list written "cited citing" (LINQS cora.cites)
	Paper   string // Semantic Scholar: the paper a /citations or /references response is about
}

// Options tune a load.
type Options struct {
	// MaxYear is the latest plausible year (callers pass next year); 0 means no upper bound.
	MaxYear int
	// Lenient skips malformed lines and records of imported formats with a warning instead of
	// failing the load. Curated files are never lenient.
	Lenient bool
	// Reverse reads every edge list as "cited citing" lines.
	Reverse bool
	// Labels are id → direction files (TSV or whitespace); Dates are id → YYYY[-MM[-DD]].
	Labels, Dates []Source
	// Progress, when set, is called with a short message at each stage of a long load
	// (parsing a large source, merging, building the graph), for a progress line on a
	// terminal. The loader never prints.
	Progress func(msg string)
	// DirectionsFrom "topics" makes OpenAlex primary topics (with their subfield, field and
	// domain as parents; concepts for older records) and Semantic Scholar fields of study the
	// directions of imported works. "" or "none" leaves them out.
	DirectionsFrom string
	// DatesFromIDs dates every imported work that has no date from the month its arXiv
	// identifier encodes (DateFromArXivID), as for SNAP's cit-HepTh and cit-HepPh ids.
	DatesFromIDs bool
}

// Result is a loaded graph with the warnings found on the way.
type Result struct {
	Graph    *graph.Graph
	Warnings []*Problem
	// Stats has one entry per imported (non-curated) source and side file, in input order.
	Stats []*SourceStats
}

// Load parses and validates the sources together (ids, directions and tasks may refer across
// files) and builds one graph. On invalid input it returns an ErrorList with every problem.
func Load(sources []Source, opts Options) (*Result, error) {
	maxYear := opts.MaxYear
	if maxYear == 0 {
		maxYear = 1 << 15
	}
	for _, src := range sources {
		if IsSnapshot(src.Data) {
			return loadSnapshot(sources, opts)
		}
	}
	d := &diag{}
	var docs []*curatedDoc
	var imps []*impDoc
	for i, src := range sources {
		f := src.Format
		if f == "" {
			f = Detect(src.Data)
		}
		if f == FormatCurated {
			if isGzip(src.Data) {
				data, err := readAllData(src.Data)
				if err != nil {
					d.errorf(pos{file: src.Name, order: i}, "%v", err)
					continue
				}
				src.Data = data
			}
			docs = append(docs, parseCurated(src, i, maxYear, d))
			continue
		}
		if len(src.Data) >= progressBytes {
			opts.progress("parsing %s (%d MiB)", src.Name, len(src.Data)>>20)
		}
		imps = append(imps, parseImport(src, f, i, opts, maxYear))
	}
	side := parseSideFiles(opts, len(sources), maxYear)
	var trailers []*Problem
	for _, doc := range imps {
		trailers = doc.collect(d, opts.Lenient, trailers)
	}
	for _, sf := range side {
		trailers = sf.collect(d, opts.Lenient, trailers)
	}
	g := assemble(docs, imps, side, opts, d)
	sortProblems(d.errs)
	sortProblems(d.warns)
	if len(d.errs) > 0 {
		return nil, ErrorList(append(d.errs, trailers...))
	}
	res := &Result{Graph: g, Warnings: append(d.warns, importWarnings(imps, side)...)}
	for _, doc := range imps {
		res.Stats = append(res.Stats, &doc.st)
	}
	for _, sf := range side {
		res.Stats = append(res.Stats, &sf.st)
	}
	return res, nil
}

// loadSnapshot loads a snapshot written by litgraph import. A snapshot is a whole, already
// validated graph: it must be the only source, because merging into it would need the
// original records; the message says how to get there.
func loadSnapshot(sources []Source, opts Options) (*Result, error) {
	if len(sources) > 1 || len(opts.Labels) > 0 || len(opts.Dates) > 0 {
		var names []string
		for _, s := range sources {
			names = append(names, s.Name)
		}
		return nil, &snapshotError{fmt.Sprintf("%s: a snapshot must be the only --data source (and takes no --labels or --dates); "+
			"to add files, run litgraph import again with all of them: litgraph import --data ORIGINAL --data MORE --out NEW.lgs", strings.Join(names, ", "))}
	}
	g, err := DecodeSnapshot(sources[0].Name, sources[0].Data)
	if err != nil {
		return nil, err
	}
	return &Result{Graph: g}, nil
}

// assemble resolves references across documents, checks the graph-level rules and builds the
// graph. It returns nil when d holds errors.
func assemble(docs []*curatedDoc, imps []*impDoc, side []*sideFile, opts Options, d *diag) *graph.Graph {
	b := graph.NewBuilder()

	dirAt := map[string]pos{}
	var dirIDs []string
	for _, doc := range docs {
		for _, r := range doc.dirs {
			if first, dup := dirAt[r.d.ID]; dup {
				d.errorf(r.at, "duplicate direction id %q; already defined at %s; rename one of them", r.d.ID, first)
				continue
			}
			dirAt[r.d.ID] = r.at
			dirIDs = append(dirIDs, r.d.ID)
		}
	}
	for _, doc := range docs {
		for _, r := range doc.dirs {
			if r.d.Parent == "" || dirAt[r.d.ID] != r.at {
				continue
			}
			if _, ok := dirAt[r.d.Parent]; !ok {
				d.errorf(r.parentAt, "unknown parent direction %q%s", r.d.Parent, didYouMean(suggest.Closest(r.d.Parent, dirIDs)))
				r.d.Parent = ""
			} else if r.d.Parent == r.d.ID {
				d.errorf(r.parentAt, "direction %q is its own parent; remove \"parent\"", r.d.ID)
				r.d.Parent = ""
			}
		}
	}
	for _, doc := range docs {
		for _, r := range doc.dirs {
			if dirAt[r.d.ID] == r.at {
				if err := b.AddDirection(r.d); err != nil {
					d.errorf(r.at, "%v", err)
				}
			}
		}
	}
	checkDirectionCycles(docs, dirAt, d)

	taskAt := map[string]pos{}
	var taskIDs []string
	for _, doc := range docs {
		for _, r := range doc.tasks {
			if first, dup := taskAt[r.t.ID]; dup {
				d.errorf(r.at, "duplicate task id %q; already defined at %s; rename one of them", r.t.ID, first)
				continue
			}
			taskAt[r.t.ID] = r.at
			taskIDs = append(taskIDs, r.t.ID)
			_ = b.AddTask(r.t)
		}
	}

	// Works: ids and identifiers must be unique across every file.
	workAt := map[string]pos{}
	identAt := map[string]pos{}    // "arxiv:..", "doi:.." → where claimed
	identBy := map[string]string{} // → work id
	var workIDs []string
	var works []*rawWork
	for _, doc := range docs {
		for _, r := range doc.works {
			if first, dup := workAt[r.w.ID]; dup {
				d.errorf(r.at, "duplicate work id %q; already defined at %s; rename one of them or merge the two entries", r.w.ID, first)
				continue
			}
			workAt[r.w.ID] = r.at
			workIDs = append(workIDs, r.w.ID)
			works = append(works, r)
			claim := func(key string, at pos) {
				if first, dup := identAt[key]; dup && identBy[key] != r.w.ID {
					d.errorf(at, "%s is also given for work %q at %s; one work per identifier: merge the two entries or fix one", key, identBy[key], first)
					return
				}
				identAt[key], identBy[key] = at, r.w.ID
			}
			if r.w.ArXiv != "" {
				claim("arxiv:"+r.w.ArXiv, r.fields["arxiv"])
			}
			if r.w.DOI != "" {
				claim("doi:"+r.w.DOI, r.fields["doi"])
			}
			for i, a := range r.w.Aliases {
				if strings.HasPrefix(a, "arxiv:") || strings.HasPrefix(a, "doi:") {
					claim(a, r.aliasAt[i])
				}
			}
		}
	}
	// Imported records: merged into curated works by id, DOI or arXiv id, or new works.
	m := newMerger(works, identBy, opts)
	for _, doc := range imps {
		m.addDoc(doc)
	}
	m.applySide(side)
	for _, dir := range m.dirs {
		if _, ok := dirAt[dir.ID]; ok {
			continue // a label naming a curated direction joins it
		}
		dirAt[dir.ID] = pos{}
		_ = b.AddDirection(dir)
	}
	for _, r := range works {
		var dirs []string
		for i, dir := range r.w.Directions {
			if _, ok := dirAt[dir]; !ok {
				d.errorf(r.dirAt[i], "unknown direction %q; declare it under \"directions\" or fix the id%s", dir, orList(didYouMean(suggest.Closest(dir, dirIDs)), " (litgraph directions lists them)"))
				continue
			}
			if slices.Contains(dirs, dir) {
				d.errorf(r.dirAt[i], "direction %q is listed twice for work %q", dir, r.w.ID)
				continue
			}
			dirs = append(dirs, dir)
		}
		r.w.Directions = dirs
		var tasks []string
		for i, t := range r.w.Tasks {
			if _, ok := taskAt[t]; !ok {
				d.errorf(r.taskAt[i], "unknown task %q; declare it under \"tasks\" or fix the id%s", t, didYouMean(suggest.Closest(t, taskIDs)))
				continue
			}
			tasks = append(tasks, t)
		}
		r.w.Tasks = tasks
		if _, err := b.AddWork(r.w); err != nil {
			d.errorf(r.at, "%v", err)
		}
	}

	m.addWorks(b, d)
	applyAssignments(docs, b, identBy, dirAt, workIDs, dirIDs, d)

	// Relations.
	type lineageEdge struct {
		from, to int32
		at       pos
	}
	var lineage []lineageEdge
	for _, doc := range docs {
		for _, r := range doc.rels {
			from, okFrom := resolveRef(b, r.from, identBy)
			if !okFrom {
				d.errorf(r.fromAt, "unknown work %q in relation \"from\"%s", r.from, workHint(r.from, workIDs))
			}
			to, okTo := resolveRef(b, r.to, identBy)
			if !okTo {
				d.errorf(r.toAt, "unknown work %q in relation \"to\"%s", r.to, workHint(r.to, workIDs))
			}
			kind, okKind := graph.ParseKind(r.kind)
			if !okKind {
				d.errorf(r.kindAt, "unknown relation kind %q%s", r.kind, orList(kindHint(r.kind), "; the kinds are "+strings.Join(graph.KindNames(), ", ")))
			}
			if r.task != "" {
				if _, ok := taskAt[r.task]; !ok {
					d.errorf(r.taskAt, "unknown task %q; declare it under \"tasks\" or fix the id%s", r.task, didYouMean(suggest.Closest(r.task, taskIDs)))
					continue
				}
			}
			if !okFrom || !okTo || !okKind {
				continue
			}
			if kind == graph.AppliesToTask && r.task == "" {
				d.errorf(r.kindAt, "an applies-to-task relation needs \"task\"; add the task the work takes %q to", r.to)
				continue
			}
			if kind != graph.AppliesToTask && r.task != "" {
				d.errorf(r.taskAt, "\"task\" only goes with kind applies-to-task, not %s; remove it or change the kind", kind)
				continue
			}
			if from == to {
				d.errorf(r.toAt, "self-loop: work %q relates to itself; a relation joins two different works", r.from)
				continue
			}
			b.AddEdge(from, to, kind, &graph.EdgeAttr{Task: r.task, Note: r.note, Source: r.source})
			if kind.Lineage() {
				lineage = append(lineage, lineageEdge{from, to, r.toAt})
			}
		}
	}
	if len(d.errs) > 0 {
		return nil
	}
	large := 0
	for _, doc := range imps {
		large += len(doc.from)
	}
	if large >= progressEdges {
		opts.progress("merging %d citations", large)
	}
	m.addEdges(b, imps)
	if large >= progressEdges {
		opts.progress("building the graph of %d works", b.NumWorks())
	}
	g, err := b.Build()
	if err != nil { // the checks above cover every Build failure; this is an internal error
		d.errorf(pos{file: "litgraph"}, "internal error: %v", err)
		return nil
	}
	var cycles [][]int32
	if len(lineage) > 0 { // imported data has only cites edges: skip the scan
		cycles = graph.Cycles(g.Adjacency(graph.LineageKinds))
	}
	for _, cyc := range cycles {
		names := make([]string, 0, len(cyc)+1)
		for _, v := range cyc {
			names = append(names, g.ID(int(v)))
		}
		names = append(names, g.ID(int(cyc[0])))
		at := pos{}
		for _, e := range lineage { // report at the relation that closes the cycle's first step
			if e.from == cyc[0] && e.to == cyc[1%len(cyc)] {
				at = e.at
				break
			}
		}
		d.errorf(at, "lineage cycle: %s; lineage relations must form a DAG: remove one or make it a context kind (analyzes, alternative-to, cites)", strings.Join(names, " → "))
	}
	if len(d.errs) > 0 {
		return nil
	}
	for _, e := range lineage {
		fd, td := g.Date(int(e.from)), g.Date(int(e.to))
		if !fd.IsZero() && !td.IsZero() && fd.Compare(td) < 0 {
			d.warnf(e.at, "%q (%s) derives from %q (%s), which is dated later; check the dates or the direction of the relation", g.ID(int(e.from)), fd, g.ID(int(e.to)), td)
		}
	}
	return g
}

// applyAssignments resolves the "assign" entries of every document and adds their directions
// to the works, after each work's own, in file order (a direction a work already has is not
// added twice). The work may be any loaded work, curated or imported, named by id, arxiv:ID or
// doi:DOI, so that directions computed for imported data (litgraph communities) load back.
func applyAssignments(docs []*curatedDoc, b *graph.Builder, identBy map[string]string, dirAt map[string]pos, workIDs, dirIDs []string, d *diag) {
	for _, doc := range docs {
		for _, r := range doc.assigns {
			i, ok := resolveRef(b, r.work, identBy)
			if !ok {
				d.errorf(r.at, "unknown work %q in \"assign\"%s; assign names a work defined in a loaded file (load that file too)", r.work, didYouMean(suggest.Closest(r.work, workIDs)))
				continue
			}
			for k, dir := range r.dirs {
				if _, ok := dirAt[dir]; !ok {
					d.errorf(r.dirAt[k], "unknown direction %q in \"assign\"%s; declare it under \"directions\"", dir, didYouMean(suggest.Closest(dir, dirIDs)))
					continue
				}
				if slices.Contains(r.dirs[:k], dir) {
					d.errorf(r.dirAt[k], "direction %q is listed twice for work %q", dir, r.work)
					continue
				}
				b.AddDirections(i, dir)
			}
		}
	}
}

// resolveRef finds a work by id or by an "arxiv:"/"doi:" reference.
func resolveRef(b *graph.Builder, ref string, identBy map[string]string) (int32, bool) {
	if i, ok := b.Index(ref); ok {
		return i, true
	}
	if id, ok := identBy[ref]; ok { // an imported id merged into another work
		return b.Index(id)
	}
	p, rest, ok := strings.Cut(ref, ":")
	if !ok {
		return -1, false
	}
	key := ""
	switch strings.ToLower(p) {
	case "arxiv":
		key = "arxiv:" + graph.StripArXivVersion(rest)
	case "doi":
		key = "doi:" + NormalizeDOI(rest)
	default:
		return -1, false
	}
	if id, ok := identBy[key]; ok {
		return b.Index(id)
	}
	return -1, false
}

func checkDirectionCycles(docs []*curatedDoc, dirAt map[string]pos, d *diag) {
	parent := map[string]string{}
	for _, doc := range docs {
		for _, r := range doc.dirs {
			if dirAt[r.d.ID] == r.at && r.d.Parent != "" {
				parent[r.d.ID] = r.d.Parent
			}
		}
	}
	reported := map[string]bool{}
	for _, doc := range docs {
		for _, r := range doc.dirs {
			path := []string{r.d.ID}
			for p := parent[r.d.ID]; p != ""; p = parent[p] {
				if p == r.d.ID {
					key := slices.Min(path)
					if !reported[key] {
						reported[key] = true
						d.errorf(r.parentAt, "direction parents form a cycle: %s → %s; a direction tree has no cycles", strings.Join(path, " → "), r.d.ID)
					}
					break
				}
				if slices.Contains(path, p) {
					break
				}
				path = append(path, p)
			}
		}
	}
}

// orList returns hint, or fallback when there is no hint.
func orList(hint, fallback string) string {
	if hint != "" {
		return hint
	}
	return fallback
}

// workHint suggests the nearest work id; for an arxiv: or doi: reference it says that no
// loaded work carries that identifier.
func workHint(ref string, ids []string) string {
	if p, _, ok := strings.Cut(ref, ":"); ok && (strings.EqualFold(p, "arxiv") || strings.EqualFold(p, "doi")) {
		return "; no loaded work has that identifier: add it to the work's arxiv, doi or aliases, or use the work's id"
	}
	return orList(didYouMean(suggest.Closest(ref, ids)), "; define the work or fix the id (litgraph works lists them)")
}

// kindSynonyms maps words curators reach for onto the vocabulary, for hints only.
var kindSynonyms = map[string]string{
	"modify": "modifies", "simplifies": "modifies", "changes": "modifies",
	"extend": "extends", "builds-on": "extends", "generalizes": "extends", "adapts": "extends", "pretrains": "extends",
	"applies": "applies-to-task", "applies-to": "applies-to-task", "apply": "applies-to-task", "transfers": "applies-to-task",
	"accelerate": "accelerates", "speeds-up": "accelerates",
	"combine": "combines", "uses": "combines", "borrows-from": "combines", "merges": "combines",
	"analyze": "analyzes", "analyses": "analyzes", "studies": "analyzes",
	"alternative": "alternative-to", "competes-with": "alternative-to", "related": "alternative-to",
	"cite": "cites", "references": "cites", "cited": "cites",
}

func kindHint(kind string) string {
	if k, ok := kindSynonyms[strings.ToLower(kind)]; ok {
		return didYouMean(k)
	}
	return didYouMean(suggest.Closest(kind, graph.KindNames()))
}

// Loads from this size on report their stages through Options.Progress.
const (
	progressBytes = 32 << 20
	progressEdges = 2_000_000
)

func (o Options) progress(format string, args ...any) {
	if o.Progress != nil {
		o.Progress(fmt.Sprintf(format, args...))
	}
}
