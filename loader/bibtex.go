package loader

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/litgraph/litgraph/graph"
)

// parseBibTeX reads BibTeX entries (as Zotero, Google Scholar or arXiv export them) as works
// without edges. @comment, @preamble and @string are skipped (string macros are not expanded).
// A malformed entry is reported at its line and the parser resynchronises at the next '@'
// that starts a line.
func parseBibTeX(doc *impDoc, data []byte, maxYear int) {
	p := &bibParser{data: data, line: 1, doc: doc}
	for p.skipToEntry() {
		start := p.line
		p.i++ // '@'
		typ := strings.ToLower(p.ident())
		p.space()
		if typ == "" || p.i >= len(p.data) || (p.data[p.i] != '{' && p.data[p.i] != '(') {
			doc.bad(start, "malformed BibTeX entry: expected @type{key, ...}")
			p.resync()
			continue
		}
		closer := byte('}')
		if p.data[p.i] == '(' {
			closer = ')'
		}
		p.i++
		switch typ {
		case "comment", "preamble", "string":
			if !p.skipBalanced(closer) {
				doc.bad(start, "unterminated @%s", typ)
			}
			continue
		}
		doc.st.Records++
		fields, key, ok := p.entryBody(closer, start)
		if !ok {
			p.resync()
			continue
		}
		bibRecord(doc, key, fields, maxYear)
	}
}

type bibParser struct {
	data []byte
	i    int
	line int
	doc  *impDoc
}

func (p *bibParser) adv() {
	if p.data[p.i] == '\n' {
		p.line++
	}
	p.i++
}

// skipToEntry moves to the next '@' (text between entries is a comment in BibTeX).
func (p *bibParser) skipToEntry() bool {
	for p.i < len(p.data) {
		if p.data[p.i] == '@' {
			return true
		}
		p.adv()
	}
	return false
}

// resync skips to the next '@' at the start of a line.
func (p *bibParser) resync() {
	for p.i < len(p.data) {
		if p.data[p.i] == '@' && (p.i == 0 || p.data[p.i-1] == '\n') {
			return
		}
		p.adv()
	}
}

func (p *bibParser) space() {
	for p.i < len(p.data) && (p.data[p.i] == ' ' || p.data[p.i] == '\t' || p.data[p.i] == '\n' || p.data[p.i] == '\r') {
		p.adv()
	}
}

func (p *bibParser) ident() string {
	j := p.i
	for p.i < len(p.data) {
		c := p.data[p.i]
		if c == ',' || c == '=' || c == '{' || c == '}' || c == '(' || c == ')' || c == '"' || c == '#' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '@' {
			break
		}
		p.i++
	}
	return string(p.data[j:p.i])
}

func (p *bibParser) skipBalanced(closer byte) bool {
	depth := 0
	for p.i < len(p.data) {
		c := p.data[p.i]
		p.adv()
		switch {
		case c == '{':
			depth++
		case c == '}' && depth > 0:
			depth--
		case c == closer && depth == 0:
			return true
		}
	}
	return false
}

// entryBody reads "key, field = value, ..." up to the closing delimiter.
func (p *bibParser) entryBody(closer byte, start int) (map[string]string, string, bool) {
	p.space()
	key := strings.TrimSpace(p.ident())
	p.space()
	fields := map[string]string{}
	if p.i < len(p.data) && p.data[p.i] == closer {
		p.i++
		return fields, key, true
	}
	if p.i >= len(p.data) || p.data[p.i] != ',' {
		p.doc.bad(p.line, "malformed BibTeX entry %q: expected ',' after the key", key)
		return nil, "", false
	}
	p.i++
	for {
		p.space()
		if p.i >= len(p.data) {
			p.doc.bad(start, "unterminated BibTeX entry %q: missing closing %q", key, string(closer))
			return nil, "", false
		}
		if p.data[p.i] == closer {
			p.i++
			return fields, key, true
		}
		if p.data[p.i] == '@' {
			p.doc.bad(start, "unterminated BibTeX entry %q: missing closing %q before the next entry", key, string(closer))
			return nil, "", false
		}
		name := strings.ToLower(p.ident())
		p.space()
		if name == "" || p.i >= len(p.data) || p.data[p.i] != '=' {
			p.doc.bad(p.line, "malformed field in BibTeX entry %q: expected name = value", key)
			return nil, "", false
		}
		p.i++
		var val strings.Builder
		for {
			p.space()
			if p.i >= len(p.data) {
				p.doc.bad(start, "unterminated BibTeX entry %q", key)
				return nil, "", false
			}
			switch c := p.data[p.i]; {
			case c == '{':
				p.i++
				j := p.i
				if !p.skipBalanced('}') {
					p.doc.bad(start, "unbalanced braces in field %q of BibTeX entry %q", name, key)
					return nil, "", false
				}
				val.Write(p.data[j : p.i-1])
			case c == '"':
				p.i++
				j, depth := p.i, 0
				for p.i < len(p.data) && (p.data[p.i] != '"' || depth > 0) {
					if p.data[p.i] == '{' {
						depth++
					} else if p.data[p.i] == '}' && depth > 0 {
						depth--
					}
					p.adv()
				}
				if p.i >= len(p.data) {
					p.doc.bad(start, "unterminated quoted value in field %q of BibTeX entry %q", name, key)
					return nil, "", false
				}
				val.Write(p.data[j:p.i])
				p.i++
			default:
				val.WriteString(p.ident()) // a number or a @string macro name
			}
			p.space()
			if p.i < len(p.data) && p.data[p.i] == '#' {
				p.i++
				continue
			}
			break
		}
		fields[name] = cleanTeX(val.String())
		p.space()
		if p.i < len(p.data) && p.data[p.i] == ',' {
			p.i++
		}
	}
}

// cleanTeX drops braces and a few common escapes and collapses white space.
func cleanTeX(s string) string {
	r := strings.NewReplacer("{", "", "}", "", `\&`, "&", `\%`, "%", `\_`, "_", `\$`, "$", "~", " ", "--", "–")
	return strings.Join(strings.Fields(r.Replace(s)), " ")
}

var bibMonths = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

func parseMonth(s string) int {
	s = strings.ToLower(strings.TrimSpace(s))
	if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= 12 {
		return n
	}
	if len(s) >= 3 {
		return bibMonths[s[:3]]
	}
	return 0
}

func bibRecord(doc *impDoc, key string, f map[string]string, maxYear int) {
	if key == "" {
		doc.st.NoID++
		return
	}
	rec := impRec{local: doc.internString(key)}
	w := &rec.w
	w.ID = key
	w.Title = f["title"]
	for _, a := range splitAuthors(f["author"]) {
		w.Authors = append(w.Authors, a)
	}
	if d := f["date"]; d != "" {
		w.Date = parseDateOrYear(d, 0, maxYear)
	}
	if w.Date.IsZero() {
		y, _ := strconv.Atoi(strings.TrimSpace(f["year"]))
		w.Date = parseDateOrYear("", y, maxYear)
		if m := parseMonth(f["month"]); m > 0 && !w.Date.IsZero() {
			w.Date.Month = uint8(m)
		}
	}
	w.DOI = cleanDOI(f["doi"])
	prefix := strings.ToLower(f["archiveprefix"] + f["eprinttype"])
	if e := f["eprint"]; e != "" && strings.Contains(prefix, "arxiv") {
		w.ArXiv = cleanArXiv(strings.TrimPrefix(strings.TrimPrefix(e, "arXiv:"), "arxiv:"))
	}
	if w.ArXiv == "" {
		w.ArXiv = arxivFromDOI(w.DOI)
	}
	if w.ArXiv == "" {
		w.ArXiv = arxivFromURL(f["url"])
	}
	if w.ArXiv == "" {
		for _, k := range []string{"journal", "note", "howpublished"} {
			if m := arxivTxtRe.FindStringSubmatch(f[k]); m != nil {
				if w.ArXiv = cleanArXiv(m[1]); w.ArXiv != "" {
					break
				}
			}
		}
	}
	w.URL = f["url"]
	for _, k := range []string{"journal", "booktitle", "journaltitle"} {
		if f[k] != "" {
			w.Venue = f[k]
			break
		}
	}
	doc.recs = append(doc.recs, rec)
}

// splitAuthors splits a BibTeX author list on " and " and turns "Last, First" into
// "First Last".
func splitAuthors(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	var out []string
	for _, a := range strings.Split(s, " and ") {
		a = strings.TrimSpace(a)
		if last, first, ok := strings.Cut(a, ","); ok {
			a = strings.TrimSpace(strings.TrimSpace(first) + " " + strings.TrimSpace(last))
		}
		if a != "" && a != "others" {
			out = append(out, a)
		}
	}
	return out
}

var _ = bytes.Equal
var _ graph.Date
