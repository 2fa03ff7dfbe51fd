package loader

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/litgraph/litgraph/graph"
)

// forEachJSON calls fn with every top-level JSON value of data and the line it starts on. JSON
// Lines (one value per line; recognised when the first non-blank line is a complete value)
// report a malformed line as file:line and go on; a single document reports its first syntax
// error and stops.
func forEachJSON(doc *impDoc, data []byte, fn func(line int, raw []byte)) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	first := bytes.TrimSpace(firstNonBlankLine(data))
	if len(first) > 0 && json.Valid(first) {
		line := 0
		for len(data) > 0 {
			line++
			var l []byte
			if i := bytes.IndexByte(data, '\n'); i >= 0 {
				l, data = data[:i], data[i+1:]
			} else {
				l, data = data, nil
			}
			l = bytes.TrimSpace(l)
			if len(l) == 0 {
				continue
			}
			if !json.Valid(l) {
				doc.bad(line, "malformed JSON line: %s; each line holds one complete JSON record", jsonErr(l))
				continue
			}
			fn(line, l)
		}
		return
	}
	if !json.Valid(data) {
		var v any
		err := json.Unmarshal(data, &v)
		line := 1
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line = 1 + bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n"))
		}
		doc.bad(line, "malformed JSON: %v", err)
		return
	}
	fn(1+bytes.Count(data[:len(data)-len(bytes.TrimLeft(data, " \t\r\n"))], []byte("\n")), data)
}

func firstNonBlankLine(data []byte) []byte {
	for len(data) > 0 {
		var l []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			l, data = data, nil
		}
		if len(bytes.TrimSpace(l)) > 0 {
			return l
		}
	}
	return nil
}

func jsonErr(l []byte) string {
	var v any
	if err := json.Unmarshal(l, &v); err != nil {
		return err.Error()
	}
	return "invalid"
}

// typeErr describes a JSON value of the wrong type in a record.
func typeErr(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %q is a JSON %s, not the expected type", te.Field, te.Value)
	}
	return err.Error()
}

var (
	arxivURLRe = regexp.MustCompile(`(?i)arxiv\.org/(?:abs|pdf)/([a-z.-]+/[0-9]{7}|[0-9]{4}\.[0-9]{4,5})(?:v[0-9]+)?(?:\.pdf)?`)
	arxivTxtRe = regexp.MustCompile(`(?i)arxiv:\s*([a-z.-]+/[0-9]{7}|[0-9]{4}\.[0-9]{4,5})`)
)

// arxivFromDOI returns the arXiv id of a 10.48550/arXiv.ID DOI (normalized, lower case).
func arxivFromDOI(doi string) string {
	if rest, ok := strings.CutPrefix(doi, "10.48550/arxiv."); ok {
		return cleanArXiv(rest)
	}
	return ""
}

// arxivFromURL returns the arXiv id in an arxiv.org abs or pdf URL.
func arxivFromURL(u string) string {
	if m := arxivURLRe.FindStringSubmatch(u); m != nil {
		return cleanArXiv(m[1])
	}
	return ""
}

// cleanArXiv drops a version and returns the id when it is well formed, else "".
func cleanArXiv(s string) string {
	s = graph.StripArXivVersion(strings.TrimSpace(s))
	if ValidArXiv(s) {
		return s
	}
	// Old-style archive names are lower case ("hep-th/9711200"); DOIs are lower-cased.
	if i := strings.IndexByte(s, '/'); i > 0 && ValidArXiv(strings.ToLower(s[:i])+s[i:]) {
		return strings.ToLower(s[:i]) + s[i:]
	}
	return ""
}

// cleanDOI normalizes a DOI and returns it when well formed, else "".
func cleanDOI(s string) string {
	d := NormalizeDOI(s)
	if ValidDOI(d) {
		return d
	}
	return ""
}

// parseDateOrYear reads a YYYY[-MM[-DD]] date, falling back to a year; out-of-range years
// give a zero date.
func parseDateOrYear(date string, year int, maxYear int) graph.Date {
	if date != "" {
		if d, err := graph.ParseDate(date); err == nil && int(d.Year) <= maxYear && d.Year >= 1000 {
			return d
		}
	}
	if year >= 1000 && year <= maxYear {
		return graph.Date{Year: uint16(year)}
	}
	return graph.Date{}
}
