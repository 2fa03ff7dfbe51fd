package loader

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/litgraph/litgraph/graph"
)

const openalexPrefix = "https://openalex.org/"

// oaWork is the part of an OpenAlex Work object the loader reads.
type oaWork struct {
	ID              string  `json:"id"`
	DOI             *string `json:"doi"`
	Title           *string `json:"title"`
	DisplayName     *string `json:"display_name"`
	PublicationYear *int    `json:"publication_year"`
	PublicationDate *string `json:"publication_date"`
	Authorships     []struct {
		Author struct {
			DisplayName string `json:"display_name"`
		} `json:"author"`
		RawAuthorName string `json:"raw_author_name"`
	} `json:"authorships"`
	ReferencedWorks []string     `json:"referenced_works"`
	PrimaryTopic    *oaTopic     `json:"primary_topic"`
	Topics          []oaTopic    `json:"topics"`
	Concepts        []oaConcept  `json:"concepts"`
	PrimaryLocation *oaLocation  `json:"primary_location"`
	Locations       []oaLocation `json:"locations"`
	IDs             struct {
		DOI string `json:"doi"`
	} `json:"ids"`
	Results []json.RawMessage `json:"results"`
}

type oaRef struct {
	ID          string `json:"id"`
	DisplayName string `json:"display_name"`
}

type oaTopic struct {
	oaRef
	Subfield *oaRef `json:"subfield"`
	Field    *oaRef `json:"field"`
	Domain   *oaRef `json:"domain"`
}

type oaConcept struct {
	oaRef
	Level int     `json:"level"`
	Score float64 `json:"score"`
}

type oaLocation struct {
	LandingPageURL *string `json:"landing_page_url"`
	PDFURL         *string `json:"pdf_url"`
	Source         *struct {
		DisplayName string `json:"display_name"`
	} `json:"source"`
}

// shortOpenAlex strips the https://openalex.org/ prefix from an OpenAlex id.
func shortOpenAlex(id string) string {
	id = strings.TrimSpace(id)
	if rest, ok := strings.CutPrefix(id, openalexPrefix); ok {
		return rest
	}
	return strings.TrimPrefix(id, "openalex:")
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return strings.TrimSpace(*p)
}

// parseOpenAlex reads OpenAlex Work objects: one record, a list response {"results": [...]}, a
// JSON array of records, or JSON Lines of any of these.
func parseOpenAlex(doc *impDoc, data []byte, opts Options, maxYear int) {
	forEachJSON(doc, data, func(line int, raw []byte) { oaValue(doc, line, raw, maxYear, 0) })
}

func oaValue(doc *impDoc, line int, raw []byte, maxYear, depth int) {
	raw = trimJSON(raw)
	if len(raw) == 0 || depth > 2 {
		return
	}
	if raw[0] == '[' {
		var list []json.RawMessage
		if err := json.Unmarshal(raw, &list); err != nil {
			doc.bad(line, "malformed OpenAlex record list: %s", typeErr(err))
			return
		}
		for _, r := range list {
			oaValue(doc, line, r, maxYear, depth+1)
		}
		return
	}
	var w oaWork
	if err := json.Unmarshal(raw, &w); err != nil {
		doc.bad(line, "malformed OpenAlex record: %s", typeErr(err))
		return
	}
	if w.Results != nil && w.ID == "" {
		for _, r := range w.Results {
			oaValue(doc, line, r, maxYear, depth+1)
		}
		return
	}
	doc.st.Records++
	id := shortOpenAlex(w.ID)
	if id == "" {
		doc.st.NoID++
		return
	}
	rec := impRec{local: doc.internString(id)}
	rw := &rec.w
	rw.ID = id
	rw.Title = str(w.Title)
	if rw.Title == "" {
		rw.Title = str(w.DisplayName)
	}
	year := 0
	if w.PublicationYear != nil {
		year = *w.PublicationYear
	}
	rw.Date = parseDateOrYear(str(w.PublicationDate), year, maxYear)
	for _, a := range w.Authorships {
		name := strings.TrimSpace(a.Author.DisplayName)
		if name == "" {
			name = strings.TrimSpace(a.RawAuthorName)
		}
		if name != "" {
			rw.Authors = append(rw.Authors, name)
		}
	}
	rw.DOI = cleanDOI(str(w.DOI))
	if rw.DOI == "" {
		rw.DOI = cleanDOI(w.IDs.DOI)
	}
	rw.ArXiv = arxivFromDOI(rw.DOI)
	locs := w.Locations
	if w.PrimaryLocation != nil {
		locs = append([]oaLocation{*w.PrimaryLocation}, locs...)
		if w.PrimaryLocation.Source != nil {
			rw.Venue = strings.TrimSpace(w.PrimaryLocation.Source.DisplayName)
		}
	}
	for _, l := range locs {
		if rw.ArXiv != "" {
			break
		}
		rw.ArXiv = arxivFromURL(str(l.LandingPageURL))
		if rw.ArXiv == "" {
			rw.ArXiv = arxivFromURL(str(l.PDFURL))
		}
	}
	rw.URL = openalexPrefix + id
	rec.topics = oaDirections(&w)
	doc.recs = append(doc.recs, rec)
	for _, ref := range w.ReferencedWorks {
		if r := shortOpenAlex(ref); r != "" {
			doc.edge(rec.local, doc.internString(r), nil)
		}
	}
}

// oaDirections is the primary topic (else the first topic) with its subfield, field and
// domain as parents, or for records without topics the best-scoring concept.
func oaDirections(w *oaWork) []graph.Direction {
	t := w.PrimaryTopic
	if t == nil && len(w.Topics) > 0 {
		t = &w.Topics[0]
	}
	if t != nil && t.ID != "" {
		var chain []graph.Direction
		add := func(r *oaRef, prefix string) {
			if r == nil || r.ID == "" {
				return
			}
			id := shortOpenAlex(r.ID)
			if i := strings.LastIndexByte(id, '/'); i >= 0 {
				id = prefix + id[i+1:]
			}
			if n := len(chain); n > 0 {
				chain[n-1].Parent = id
			}
			chain = append(chain, graph.Direction{ID: id, Name: r.DisplayName})
		}
		add(&t.oaRef, "")
		add(t.Subfield, "subfield-")
		add(t.Field, "field-")
		add(t.Domain, "domain-")
		return chain
	}
	best := -1
	for i, c := range w.Concepts {
		if c.ID != "" && (best < 0 || c.Score > w.Concepts[best].Score) {
			best = i
		}
	}
	if best >= 0 {
		c := w.Concepts[best]
		return []graph.Direction{{ID: shortOpenAlex(c.ID), Name: c.DisplayName}}
	}
	return nil
}

func trimJSON(b []byte) []byte { return bytes.TrimSpace(b) }
