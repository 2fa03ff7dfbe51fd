package loader

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/litgraph/litgraph/graph"
)

// s2Obj is the union of the Semantic Scholar Graph API objects the loader reads: a paper, a
// page of results {"data": [...]}, and a citation or reference record {citingPaper|citedPaper,
// intents, contexts, isInfluential}.
type s2Obj struct {
	PaperID         *string         `json:"paperId"`
	ExternalIDs     map[string]any  `json:"externalIds"`
	Title           *string         `json:"title"`
	Year            *int            `json:"year"`
	PublicationDate *string         `json:"publicationDate"`
	Venue           *string         `json:"venue"`
	URL             *string         `json:"url"`
	Authors         []s2Author      `json:"authors"`
	FieldsOfStudy   []string        `json:"fieldsOfStudy"`
	S2Fields        []s2Field       `json:"s2FieldsOfStudy"`
	Citations       []s2Obj         `json:"citations"`
	References      []s2Obj         `json:"references"`
	Data            json.RawMessage `json:"data"`
	CitingPaper     *s2Obj          `json:"citingPaper"`
	CitedPaper      *s2Obj          `json:"citedPaper"`
	Intents         []string        `json:"intents"`
	Contexts        []string        `json:"contexts"`
	IsInfluential   *bool           `json:"isInfluential"`
	// The line wrapper litgraph fetch writes: {"type": "paper"|"citations"|"references",
	// "paperId": the paper an edge record is about, "record": the API's object as returned}.
	Type   string          `json:"type"`
	Record json.RawMessage `json:"record"`
}

type s2Author struct {
	Name string `json:"name"`
}

type s2Field struct {
	Category string `json:"category"`
}

// parseS2 reads Semantic Scholar Graph API JSON: a paper (with optional "citations" and
// "references" lists of papers), a list of papers, a page {"data": [...]} of papers or of
// citation/reference records, a single such record, or JSON Lines of these. subject is the
// paper that /citations and /references records are about (their other end); without it
// those edges are dropped and counted.
func parseS2(doc *impDoc, data []byte, subject string, opts Options, maxYear int) {
	p := &s2Parser{doc: doc, maxYear: maxYear, subject: -1}
	if subject != "" {
		p.subject = doc.internString(subject)
	}
	forEachJSON(doc, data, func(line int, raw []byte) { p.value(line, raw, 0) })
}

type s2Parser struct {
	doc     *impDoc
	maxYear int
	subject int32
}

func (p *s2Parser) value(line int, raw []byte, depth int) {
	raw = trimJSON(raw)
	if len(raw) == 0 || depth > 3 {
		return
	}
	if raw[0] == '[' {
		var list []json.RawMessage
		if err := json.Unmarshal(raw, &list); err != nil {
			p.doc.bad(line, "malformed Semantic Scholar list: %s", typeErr(err))
			return
		}
		for _, r := range list {
			p.value(line, r, depth+1)
		}
		return
	}
	var o s2Obj
	if err := json.Unmarshal(raw, &o); err != nil {
		p.doc.bad(line, "malformed Semantic Scholar record: %s", typeErr(err))
		return
	}
	switch {
	case o.Type != "" && len(o.Record) > 0:
		p.wrapped(line, &o, depth)
	case o.CitingPaper != nil || o.CitedPaper != nil:
		p.edgeRecord(&o)
	case len(o.Data) > 0 && o.PaperID == nil:
		p.value(line, o.Data, depth+1)
	default:
		p.paper(&o, true)
	}
}

// wrapped reads one line of litgraph fetch's S2 output: a paper, or a /citations or
// /references record whose subject is the wrapper's paperId.
func (p *s2Parser) wrapped(line int, o *s2Obj, depth int) {
	switch o.Type {
	case "paper":
		p.value(line, o.Record, depth+1)
	case "citations", "references":
		if str(o.PaperID) == "" {
			p.doc.bad(line, "litgraph fetch record of type %q without a paperId", o.Type)
			return
		}
		saved := p.subject
		p.subject = p.doc.internString(*o.PaperID)
		p.value(line, o.Record, depth+1)
		p.subject = saved
	default:
		p.doc.bad(line, "unknown litgraph fetch record type %q; expected paper, citations or references", o.Type)
	}
}

// edgeRecord handles one element of a /citations or /references response.
func (p *s2Parser) edgeRecord(o *s2Obj) {
	doc := p.doc
	doc.st.Records++
	attr := &graph.EdgeAttr{Intents: o.Intents, Contexts: o.Contexts, Influential: o.IsInfluential}
	if len(attr.Intents) == 0 && len(attr.Contexts) == 0 && attr.Influential == nil {
		attr = nil
	}
	if o.CitingPaper != nil {
		if u, ok := p.paper(o.CitingPaper, false); ok {
			if p.subject < 0 {
				doc.st.NoSubject++
			} else {
				doc.edge(u, p.subject, attr)
			}
		}
	}
	if o.CitedPaper != nil {
		if v, ok := p.paper(o.CitedPaper, false); ok {
			if p.subject < 0 {
				doc.st.NoSubject++
			} else {
				doc.edge(p.subject, v, attr)
			}
		}
	}
}

// paper adds a paper record and its citation lists; it returns the paper's local id.
func (p *s2Parser) paper(o *s2Obj, count bool) (int32, bool) {
	doc := p.doc
	if count {
		doc.st.Records++
	}
	id := str(o.PaperID)
	if id == "" {
		doc.st.NoID++
		return -1, false
	}
	rec := impRec{local: doc.internString(id)}
	w := &rec.w
	w.ID = id
	w.Title = str(o.Title)
	year := 0
	if o.Year != nil {
		year = *o.Year
	}
	w.Date = parseDateOrYear(str(o.PublicationDate), year, p.maxYear)
	for _, a := range o.Authors {
		if n := strings.TrimSpace(a.Name); n != "" {
			w.Authors = append(w.Authors, n)
		}
	}
	if v, ok := o.ExternalIDs["DOI"].(string); ok {
		w.DOI = cleanDOI(v)
	}
	if v, ok := o.ExternalIDs["ArXiv"].(string); ok {
		w.ArXiv = cleanArXiv(v)
	}
	if w.ArXiv == "" {
		w.ArXiv = arxivFromDOI(w.DOI)
	}
	w.Venue = str(o.Venue)
	w.URL = str(o.URL)
	field := ""
	if len(o.FieldsOfStudy) > 0 {
		field = o.FieldsOfStudy[0]
	} else if len(o.S2Fields) > 0 {
		field = o.S2Fields[0].Category
	}
	if field = strings.TrimSpace(field); field != "" {
		rec.topics = []graph.Direction{{ID: slug(field), Name: field}}
	}
	doc.recs = append(doc.recs, rec)
	for i := range o.Citations {
		if u, ok := p.paper(&o.Citations[i], true); ok {
			doc.edge(u, rec.local, nil)
		}
	}
	for i := range o.References {
		if v, ok := p.paper(&o.References[i], true); ok {
			doc.edge(rec.local, v, nil)
		}
	}
	return rec.local, true
}

var _ = fmt.Sprintf
