package loader

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
)

// Format names an input format. Sources are detected from their content unless forced with a
// prefix (--data openalex:works.jsonl).
type Format string

// The input formats.
const (
	FormatCurated  Format = "yaml"     // litgraph's curated YAML or JSON (FORMAT.md)
	FormatOpenAlex Format = "openalex" // OpenAlex Work objects: JSON, list response or JSONL
	FormatS2       Format = "s2"       // Semantic Scholar Graph API paper or citation JSON
	FormatEdgeList Format = "edgelist" // "citing cited" pairs, one per line
	FormatBibTeX   Format = "bibtex"
	FormatRIS      Format = "ris"
)

// Formats lists the format names accepted as --data prefixes.
func Formats() []Format {
	return []Format{FormatCurated, FormatOpenAlex, FormatS2, FormatEdgeList, FormatBibTeX, FormatRIS}
}

// isGzip reports whether data starts with the gzip magic bytes.
func isGzip(data []byte) bool { return len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b }

// openData returns a reader over the source's bytes, decompressing gzip (detected by its magic
// bytes, not by the file name).
func openData(data []byte) (io.Reader, error) {
	if !isGzip(data) {
		return bytes.NewReader(data), nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	return zr, nil
}

// readAllData returns the source's bytes, decompressed when gzip.
func readAllData(data []byte) ([]byte, error) {
	if !isGzip(data) {
		return data, nil
	}
	r, err := openData(data)
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return out, fmt.Errorf("gzip: %w", err)
	}
	return out, nil
}

// sniffLen is how much of a source detection looks at.
const sniffLen = 64 << 10

var (
	risTagRe  = regexp.MustCompile(`^[A-Z][A-Z0-9]  -( |$)`)
	yamlKeyRe = regexp.MustCompile(`^(---|\.\.\.|[A-Za-z_][A-Za-z0-9_ -]*:(\s|$)|- )`)
)

// Detect names the format of a source from its first bytes (after gzip decompression). The
// rules, in order: JSON ('{' or '[' first) is OpenAlex when a record's "id" is an openalex.org
// URL or it has "referenced_works" or "results"; Semantic Scholar when it has "paperId", "data",
// "citingPaper" or "citedPaper"; else curated. Text: '@' first is BibTeX; "XX  - " first is
// RIS; a first content line (after blank and '#' lines) of two or more whitespace-separated
// fields that is not a YAML "key:" line is an edge list; anything else is curated YAML.
func Detect(data []byte) Format {
	head := data
	if isGzip(data) {
		r, err := openData(data)
		if err != nil {
			return FormatCurated
		}
		buf := make([]byte, sniffLen)
		n, _ := io.ReadFull(r, buf)
		head = buf[:n]
	} else if len(head) > sniffLen {
		head = head[:sniffLen]
	}
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	t := bytes.TrimLeft(head, " \t\r\n")
	if len(t) == 0 {
		return FormatCurated
	}
	switch t[0] {
	case '{', '[':
		return sniffJSON(t)
	case '@':
		return FormatBibTeX
	}
	sc := bufio.NewScanner(bytes.NewReader(head))
	sc.Buffer(make([]byte, 0, 4096), sniffLen)
	for sc.Scan() {
		line := bytes.TrimRight(sc.Bytes(), "\r")
		if risTagRe.Match(line) {
			return FormatRIS
		}
		trim := bytes.TrimSpace(line)
		if len(trim) == 0 || trim[0] == '#' {
			continue
		}
		if trim[0] == '%' { // BibTeX comment lines before the first entry
			continue
		}
		if trim[0] == '@' {
			return FormatBibTeX
		}
		if f, _ := nextField(trim); yamlKeyRe.Match(trim) || bytes.HasSuffix(f, []byte(":")) {
			return FormatCurated // "key: value", also with a quoted key
		}
		if len(bytes.Fields(trim)) >= 2 {
			return FormatEdgeList
		}
		return FormatCurated
	}
	return FormatCurated
}

// sniffJSON looks at the keys of the first object of a JSON text (or of the first line of
// JSONL) without decoding the rest.
func sniffJSON(t []byte) Format {
	dec := json.NewDecoder(bytes.NewReader(t))
	depth := 0     // nesting depth of the current token
	objDepth := -1 // depth of the first object seen
	expectKey := false
	lastKey := ""
	for {
		tok, err := dec.Token()
		if err != nil {
			return FormatCurated
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{':
				depth++
				if objDepth < 0 {
					objDepth = depth
				}
				expectKey = depth == objDepth
			case '[':
				depth++
				expectKey = false
			case '}', ']':
				if depth == objDepth {
					return FormatCurated
				}
				depth--
				expectKey = depth == objDepth
			}
			continue
		case string:
			if depth == objDepth && expectKey {
				lastKey = v
				switch v {
				case "referenced_works", "results", "publication_year", "authorships":
					return FormatOpenAlex
				case "paperId", "data", "citingPaper", "citedPaper", "externalIds":
					return FormatS2
				case "version", "works", "directions", "relations", "tasks":
					return FormatCurated
				}
				expectKey = false
				continue
			}
			if depth == objDepth && lastKey == "id" && len(v) > 21 && v[:21] == "https://openalex.org/" {
				return FormatOpenAlex
			}
		}
		if depth == objDepth {
			expectKey = true
		}
	}
}
