package loader

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/internal/suggest"
)

// FormatVersion is the version of the curated data format this litgraph reads.
const FormatVersion = 1

// The keys of each record of the curated format, in the order the documentation lists them.
var (
	topKeys       = []string{"version", "directions", "tasks", "works", "relations", "assign"}
	workKeys      = []string{"id", "short_name", "title", "authors", "year", "month", "day", "arxiv", "aliases", "doi", "venue", "url", "directions", "tasks", "tags", "relations"}
	directionKeys = []string{"id", "name", "parent", "description"}
	taskKeys      = []string{"id", "name"}
	relationKeys  = []string{"kind", "to", "task", "note", "source"}
	topRelKeys    = []string{"from", "kind", "to", "task", "note", "source"}
	assignKeys    = []string{"work", "directions"}
)

// rawWork is a work as read from a curated file, before cross-file resolution.
type rawWork struct {
	w       graph.Work
	at      pos            // position of the id value
	fields  map[string]pos // positions of values by key
	dirAt   []pos
	taskAt  []pos
	aliasAt []pos
}

type rawRel struct {
	from, to, kind, task string
	fromAt, toAt, kindAt pos
	taskAt               pos
	note, source         string
}

type rawDir struct {
	d        graph.Direction
	at       pos
	parentAt pos
}

// rawAssign adds directions to a work defined elsewhere (any loaded file): the top-level
// "assign" list, which lets a generated file such as litgraph communities' output file works
// under new directions without redefining them.
type rawAssign struct {
	work  string
	at    pos // position of the work reference
	dirs  []string
	dirAt []pos
}

type rawTask struct {
	t  graph.Task
	at pos
}

type curatedDoc struct {
	works   []*rawWork
	rels    []*rawRel
	dirs    []*rawDir
	tasks   []*rawTask
	assigns []*rawAssign
}

// parseCurated parses one curated YAML or JSON document. Problems go to d; whatever is valid
// is still returned so that later checks report everything at once.
func parseCurated(src Source, order int, maxYear int, d *diag) *curatedDoc {
	w := &walker{file: src.Name, order: order, d: d}
	doc := &curatedDoc{}
	// Duplicate keys are allowed through the parser so that the walker reports them with every
	// other problem instead of stopping at the first.
	f, err := parser.ParseBytes(src.Data, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		d.errs = append(d.errs, syntaxProblem(src.Name, order, err))
		return doc
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		d.errorf(pos{file: src.Name, order: order, line: 1, col: 1}, "empty file; a curated file starts with \"version: %d\"", FormatVersion)
		return doc
	}
	if len(f.Docs) > 1 {
		d.errorf(w.posOf(f.Docs[1].Body), "more than one YAML document; put everything in one document")
	}
	entries, ok := w.mapping(f.Docs[0].Body, "the top level")
	if !ok {
		return doc
	}
	sawVersion := false
	for _, e := range entries {
		switch e.key {
		case "version":
			sawVersion = true
			v := w.str(e, "top-level")
			if v != strconv.Itoa(FormatVersion) {
				d.errorf(w.posOf(e.value), "unsupported version %q; this litgraph reads version %d", v, FormatVersion)
			}
		case "directions":
			items, _ := w.sequence(e.value, `"directions"`)
			for _, it := range items {
				if r := w.direction(it); r != nil {
					doc.dirs = append(doc.dirs, r)
				}
			}
		case "tasks":
			items, _ := w.sequence(e.value, `"tasks"`)
			for _, it := range items {
				if r := w.task(it); r != nil {
					doc.tasks = append(doc.tasks, r)
				}
			}
		case "works":
			items, _ := w.sequence(e.value, `"works"`)
			for _, it := range items {
				if r, rels := w.work(it, maxYear); r != nil {
					doc.works = append(doc.works, r)
					doc.rels = append(doc.rels, rels...)
				}
			}
		case "relations":
			items, _ := w.sequence(e.value, `"relations"`)
			for _, it := range items {
				if r := w.relation(it, "", pos{}); r != nil {
					doc.rels = append(doc.rels, r)
				}
			}
		case "assign":
			items, _ := w.sequence(e.value, `"assign"`)
			for _, it := range items {
				if r := w.assign(it); r != nil {
					doc.assigns = append(doc.assigns, r)
				}
			}
		default:
			w.unknownKey(e, "the top level", topKeys)
		}
	}
	if !sawVersion {
		d.errorf(w.posOf(f.Docs[0].Body), "missing \"version: %d\" at the top of the file", FormatVersion)
	}
	return doc
}

func (w *walker) unknownKey(e entry, what string, known []string) {
	hint := didYouMean(suggest.Closest(e.key, known))
	if hint == "" {
		hint = "; known keys: " + strings.Join(known, ", ")
	}
	w.d.errorf(e.at, "unknown key %q in %s%s", e.key, what, hint)
}

func (w *walker) requireID(id string, at pos, what string, present bool) bool {
	switch {
	case !present:
		w.d.errorf(at, "%s is missing required field \"id\"", what)
	case id == "":
		w.d.errorf(at, "%s has an empty id", what)
	case !ValidCuratedID(id):
		w.d.errorf(at, "invalid %s id %q; ids match [a-z0-9][a-z0-9.-]* (lower-case letters, digits, '.', '-'), e.g. %q", what, id, slug(id))
	default:
		return true
	}
	return false
}

// slug suggests a valid id for an invalid one.
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '-':
			b.WriteRune(r)
		case r == ' ' || r == '_' || r == '/':
			b.WriteByte('-')
		}
	}
	out := strings.Trim(b.String(), "-.")
	if out == "" {
		return "my-work"
	}
	return out
}

func (w *walker) direction(n ast.Node) *rawDir {
	entries, ok := w.mapping(n, "a direction")
	if !ok {
		return nil
	}
	r := &rawDir{at: w.posOf(n)}
	var hasID, hasName bool
	for _, e := range entries {
		switch e.key {
		case "id":
			hasID, r.d.ID, r.at = true, w.str(e, "direction"), w.posOf(e.value)
		case "name":
			hasName, r.d.Name = true, w.str(e, "direction")
		case "parent":
			r.d.Parent, r.parentAt = w.str(e, "direction"), w.posOf(e.value)
		case "description":
			r.d.Description = w.str(e, "direction")
		default:
			w.unknownKey(e, "direction", directionKeys)
		}
	}
	if !w.requireID(r.d.ID, r.at, "direction", hasID) {
		return nil
	}
	if !hasName || strings.TrimSpace(r.d.Name) == "" {
		w.d.errorf(r.at, "direction %q is missing required field \"name\"", r.d.ID)
	}
	return r
}

// assign reads one entry of "assign": {work: ID, directions: [ID, ...]}.
func (w *walker) assign(n ast.Node) *rawAssign {
	entries, ok := w.mapping(n, "an assign entry")
	if !ok {
		return nil
	}
	r := &rawAssign{at: w.posOf(n)}
	var hasWork, hasDirs bool
	for _, e := range entries {
		at := w.posOf(e.value)
		switch e.key {
		case "work":
			hasWork, r.work, r.at = true, w.str(e, "assign entry"), at
		case "directions":
			hasDirs = true
			r.dirs = w.strList(e, "assign entry")
			r.dirAt = w.itemPositions(e.value, len(r.dirs), at)
		default:
			w.unknownKey(e, "assign entry", assignKeys)
		}
	}
	switch {
	case !hasWork || strings.TrimSpace(r.work) == "":
		w.d.errorf(r.at, "assign entry is missing required field \"work\" (the id of a work defined in any loaded file)")
		return nil
	case !hasDirs || len(r.dirs) == 0:
		w.d.errorf(r.at, "assign entry for %q is missing \"directions\" (a list of direction ids)", r.work)
		return nil
	}
	return r
}

func (w *walker) task(n ast.Node) *rawTask {
	entries, ok := w.mapping(n, "a task")
	if !ok {
		return nil
	}
	r := &rawTask{at: w.posOf(n)}
	var hasID, hasName bool
	for _, e := range entries {
		switch e.key {
		case "id":
			hasID, r.t.ID, r.at = true, w.str(e, "task"), w.posOf(e.value)
		case "name":
			hasName, r.t.Name = true, w.str(e, "task")
		default:
			w.unknownKey(e, "task", taskKeys)
		}
	}
	if !w.requireID(r.t.ID, r.at, "task", hasID) {
		return nil
	}
	if !hasName || strings.TrimSpace(r.t.Name) == "" {
		w.d.errorf(r.at, "task %q is missing required field \"name\"", r.t.ID)
	}
	return r
}

func (w *walker) work(n ast.Node, maxYear int) (*rawWork, []*rawRel) {
	entries, ok := w.mapping(n, "a work")
	if !ok {
		return nil, nil
	}
	r := &rawWork{at: w.posOf(n), fields: map[string]pos{}}
	var relNode ast.Node
	var year, month, day int
	for _, e := range entries {
		at := w.posOf(e.value)
		r.fields[e.key] = at
		switch e.key {
		case "id":
			r.w.ID, r.at = w.str(e, "work"), at
		case "short_name":
			r.w.ShortName = w.str(e, "work")
		case "title":
			r.w.Title = w.str(e, "work")
		case "authors":
			r.w.Authors = w.strList(e, "work")
		case "year":
			year = w.intField(e, 1600, maxYear, "write the year of arXiv v1 or of publication")
		case "month":
			month = w.intField(e, 1, 12, "")
		case "day":
			day = w.intField(e, 1, 31, "")
		case "arxiv":
			r.w.ArXiv = w.str(e, "work")
			if r.w.ArXiv != "" && !ValidArXiv(r.w.ArXiv) {
				w.d.errorf(at, "malformed arXiv id %q; %s", r.w.ArXiv, arxivFix(r.w.ArXiv))
			}
		case "aliases":
			r.w.Aliases = w.strList(e, "work")
			items, _ := w.sequence(e.value, "")
			for i, a := range r.w.Aliases {
				ap := at
				if i < len(items) {
					ap = w.posOf(items[i])
				}
				r.aliasAt = append(r.aliasAt, ap)
				r.w.Aliases[i] = w.checkAlias(a, ap)
			}
		case "doi":
			raw := w.str(e, "work")
			r.w.DOI = NormalizeDOI(raw)
			if raw != "" && !ValidDOI(r.w.DOI) {
				w.d.errorf(at, "malformed DOI %q; a DOI is \"10.\", a registrant code, \"/\" and a suffix, as in \"10.1109/cvpr.2016.90\"", raw)
			}
		case "venue":
			r.w.Venue = w.str(e, "work")
		case "url":
			r.w.URL = w.str(e, "work")
		case "directions":
			r.w.Directions = w.strList(e, "work")
			r.dirAt = w.itemPositions(e.value, len(r.w.Directions), at)
		case "tasks":
			r.w.Tasks = w.strList(e, "work")
			r.taskAt = w.itemPositions(e.value, len(r.w.Tasks), at)
		case "tags":
			r.w.Tags = w.strList(e, "work")
		case "relations":
			relNode = e.value
		default:
			w.unknownKey(e, "work", workKeys)
		}
	}
	_, hasID := r.fields["id"]
	if !w.requireID(r.w.ID, r.at, "work", hasID) {
		return nil, nil
	}
	if strings.TrimSpace(r.w.Title) == "" {
		w.d.errorf(r.at, "work %q is missing required field \"title\"", r.w.ID)
	}
	switch {
	case month != 0 && year == 0:
		w.d.errorf(r.fields["month"], "work %q has a month but no year; add \"year\"", r.w.ID)
	case day != 0 && month == 0:
		w.d.errorf(r.fields["day"], "work %q has a day but no month; add \"month\"", r.w.ID)
	case day != 0 && day > graph.DaysIn(year, month):
		w.d.errorf(r.fields["day"], "day %d does not exist in %04d-%02d", day, year, month)
	}
	if year > 0 {
		r.w.Date = graph.Date{Year: uint16(year), Month: uint8(month), Day: uint8(day)}
	}
	var rels []*rawRel
	if relNode != nil {
		items, _ := w.sequence(relNode, fmt.Sprintf("work %q: \"relations\"", r.w.ID))
		for _, it := range items {
			if rel := w.relation(it, r.w.ID, r.at); rel != nil {
				rels = append(rels, rel)
			}
		}
	}
	return r, rels
}

func (w *walker) itemPositions(n ast.Node, count int, fallback pos) []pos {
	items, _ := w.sequence(n, "")
	out := make([]pos, count)
	for i := range out {
		out[i] = fallback
		if i < len(items) {
			out[i] = w.posOf(items[i])
		}
	}
	return out
}

// checkAlias validates "arxiv:ID" and "doi:ID" aliases and returns the canonical form.
func (w *walker) checkAlias(a string, at pos) string {
	p, rest, ok := strings.Cut(a, ":")
	switch {
	case ok && strings.EqualFold(p, "arxiv"):
		if !ValidArXiv(rest) {
			w.d.errorf(at, "malformed arXiv id %q in alias; %s", rest, arxivFix(rest))
		}
		return "arxiv:" + rest
	case ok && strings.EqualFold(p, "doi"):
		doi := NormalizeDOI(rest)
		if !ValidDOI(doi) {
			w.d.errorf(at, "malformed DOI %q in alias; write \"doi:10.xxxx/suffix\"", rest)
		}
		return "doi:" + doi
	case strings.TrimSpace(a) == "":
		w.d.errorf(at, "empty alias")
	}
	return a
}

func (w *walker) intField(e entry, lo, hi int, hint string) int {
	at := w.posOf(e.value)
	s, ok := w.scalar(e.value)
	if !ok || isNull(w.unwrap(e.value)) {
		w.d.errorf(at, "%q must be a whole number", e.key)
		return 0
	}
	v, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		w.d.errorf(at, "%q must be a whole number, not %q", e.key, s)
		return 0
	}
	if v < lo || v > hi {
		msg := fmt.Sprintf("%s %d is outside %d..%d", e.key, v, lo, hi)
		if hint != "" {
			msg += "; " + hint
		}
		w.d.errorf(at, "%s", msg)
		return 0
	}
	return v
}

// relation reads one relation. from is the enclosing work's id ("" at the top level, where the
// record must name "from").
func (w *walker) relation(n ast.Node, from string, fromAt pos) *rawRel {
	entries, ok := w.mapping(n, "a relation")
	if !ok {
		return nil
	}
	r := &rawRel{from: from, fromAt: fromAt}
	keys := relationKeys
	if from == "" {
		keys = topRelKeys
	}
	var hasKind, hasTo, hasFrom bool
	for _, e := range entries {
		at := w.posOf(e.value)
		switch {
		case e.key == "kind":
			hasKind, r.kind, r.kindAt = true, w.str(e, "relation"), at
		case e.key == "to":
			hasTo, r.to, r.toAt = true, w.str(e, "relation"), at
		case e.key == "from" && from == "":
			hasFrom, r.from, r.fromAt = true, w.str(e, "relation"), at
		case e.key == "task":
			r.task, r.taskAt = w.str(e, "relation"), at
		case e.key == "note":
			r.note = w.str(e, "relation")
		case e.key == "source":
			r.source = w.str(e, "relation")
		default:
			w.unknownKey(e, "relation", keys)
		}
	}
	at := w.posOf(n)
	missing := []string{}
	if from == "" && !hasFrom {
		missing = append(missing, `"from"`)
	}
	if !hasKind {
		missing = append(missing, `"kind"`)
	}
	if !hasTo {
		missing = append(missing, `"to"`)
	}
	if len(missing) > 0 {
		w.d.errorf(at, "relation is missing required field %s", strings.Join(missing, " and "))
		return nil
	}
	return r
}

// syntaxProblem turns a parser error into a positioned problem.
func syntaxProblem(file string, order int, err error) *Problem {
	p := &Problem{File: file, order: order, Msg: "YAML/JSON syntax error: " + err.Error()}
	type tokenError interface {
		GetToken() *token.Token
		GetMessage() string
	}
	if te, ok := err.(tokenError); ok {
		p.Msg = "syntax error: " + te.GetMessage()
		if t := te.GetToken(); t != nil && t.Position != nil {
			p.Line, p.Col = t.Position.Line, t.Position.Column
		}
	}
	return p
}
