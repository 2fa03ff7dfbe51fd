package loader

import (
	"bytes"
	"strconv"
	"strings"
)

// parseRIS reads RIS records (TY ... ER) as works without edges. Each line is "XX  - value";
// a line that is not a tag continues the previous value. A tag outside a record, a record
// without ER at the end of the file, or a line that is neither is malformed.
func parseRIS(doc *impDoc, data []byte, maxYear int) {
	var cur map[string][]string
	start, last := 0, ""
	line := 0
	for len(data) > 0 {
		line++
		var l []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			l, data = data, nil
		}
		l = bytes.TrimRight(l, "\r")
		if line == 1 {
			l = bytes.TrimPrefix(l, []byte("\xef\xbb\xbf"))
		}
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		if !risTagRe.Match(l) {
			if cur != nil && last != "" {
				vs := cur[last]
				vs[len(vs)-1] += " " + strings.TrimSpace(string(l))
				continue
			}
			doc.bad(line, "malformed RIS line %q; a line is \"XX  - value\" (two-character tag, two spaces, '-', space)", clip(l))
			continue
		}
		tag := string(l[:2])
		val := ""
		if len(l) > 6 {
			val = strings.TrimSpace(string(l[6:]))
		}
		switch {
		case tag == "TY":
			if cur != nil {
				doc.bad(start, "RIS record has no ER line before the next TY")
			}
			cur, start, last = map[string][]string{}, line, ""
			doc.st.Records++
		case cur == nil:
			doc.bad(line, "RIS tag %s outside a record; a record starts with \"TY  - \"", tag)
		case tag == "ER":
			risRecord(doc, cur, start, maxYear)
			cur, last = nil, ""
		default:
			cur[tag] = append(cur[tag], val)
			last = tag
		}
	}
	if cur != nil {
		doc.bad(start, "RIS record is not closed: add \"ER  - \" after it")
	}
}

func risRecord(doc *impDoc, f map[string][]string, line int, maxYear int) {
	get := func(tags ...string) string {
		for _, t := range tags {
			if v := f[t]; len(v) > 0 && v[0] != "" {
				return v[0]
			}
		}
		return ""
	}
	doi := cleanDOI(get("DO"))
	arxiv := arxivFromDOI(doi)
	for _, u := range append(append([]string{}, f["UR"]...), f["L1"]...) {
		if arxiv == "" {
			arxiv = arxivFromURL(u)
		}
	}
	id := get("ID")
	switch {
	case id != "":
	case doi != "":
		id = doi
	case arxiv != "":
		id = "arxiv-" + arxiv
	default:
		id = baseName(doc.name) + "-" + strconv.Itoa(line)
	}
	rec := impRec{local: doc.internString(id)}
	w := &rec.w
	w.ID, w.DOI, w.ArXiv = id, doi, arxiv
	w.Title = get("TI", "T1", "CT")
	for _, t := range []string{"AU", "A1"} {
		for _, a := range f[t] {
			if last, first, ok := strings.Cut(a, ","); ok {
				a = strings.TrimSpace(strings.TrimSpace(first) + " " + strings.TrimSpace(last))
			}
			if a != "" {
				w.Authors = append(w.Authors, a)
			}
		}
	}
	// PY "2021" or DA/Y1 "2021/03/25/": year[/month[/day]].
	for _, d := range []string{get("DA"), get("PY", "Y1")} {
		parts := strings.Split(strings.Trim(d, "/ "), "/")
		if len(parts) == 0 || len(parts[0]) != 4 {
			continue
		}
		s := parts[0]
		if len(parts) > 1 && len(parts[1]) == 2 {
			s += "-" + parts[1]
			if len(parts) > 2 && len(parts[2]) == 2 {
				s += "-" + parts[2]
			}
		}
		if w.Date = parseDateOrYear(s, 0, maxYear); w.Date.IsZero() {
			y, _ := strconv.Atoi(parts[0])
			w.Date = parseDateOrYear("", y, maxYear)
		}
		if !w.Date.IsZero() {
			break
		}
	}
	w.Venue = get("T2", "JO", "JF", "JA", "BT")
	w.URL = get("UR")
	doc.recs = append(doc.recs, rec)
}
