package loader

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// maxLine is the longest line the line-based parsers accept.
const maxLine = 16 << 20

// nextField returns the first whitespace-separated field of b and the rest.
func nextField(b []byte) (field, rest []byte) {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	j := i
	for j < len(b) && b[j] != ' ' && b[j] != '\t' {
		j++
	}
	return b[i:j], b[j:]
}

// parseEdgeList reads "citing cited" lines (or "cited citing" with reverse). '#' comment lines
// and blank lines are skipped, extra columns ignored, CRLF tolerated. Ids are kept as the
// exact strings written. It does not allocate per edge: ids are interned once.
func parseEdgeList(doc *impDoc, r io.Reader, reverse, lenient bool) {
	doc.allNodes = true
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if n := len(b); n > 0 && b[n-1] == '\r' {
			b = b[:n-1]
		}
		f1, rest := nextField(b)
		if len(f1) == 0 || f1[0] == '#' {
			continue
		}
		doc.st.Records++
		f2, _ := nextField(rest)
		if len(f2) == 0 {
			doc.bad(line, "one column %q; an edge line is \"citing cited\" (two ids separated by spaces or a tab)", clip(f1))
			continue
		}
		u, v := doc.intern(f1), doc.intern(f2)
		if reverse {
			u, v = v, u
		}
		doc.from = append(doc.from, u)
		doc.to = append(doc.to, v)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			doc.bad(line+1, "line longer than %d MiB; is this an edge list? force another format with a prefix (--data openalex:FILE)", maxLine>>20)
		} else if lenient && line > 0 {
			doc.st.Truncated = err.Error()
		} else {
			doc.bad(0, "reading: %v", err)
		}
	}
}

// clip shortens a value for a message.
func clip(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "..."
	}
	return string(b)
}

// trimCR drops a final '\r'.
func trimCR(b []byte) []byte { return bytes.TrimSuffix(b, []byte("\r")) }
