package cli

import (
	"fmt"
	"strings"
	"testing"

	"github.com/litgraph/litgraph/render"
)

// bibEntry is what the tiny reader below gets back from BibTeX text.
type bibEntry struct {
	typ, key string
	fields   map[string]string // lower-case names; values unescaped, outer braces removed
	names    []string          // the author field split on top-level " and "
}

// readBibTeX is a deliberately small BibTeX reader for tests: @type{key, name = {value} or
// name = macro, ...}. It counts braces the way BibTeX does (a backslash does not escape a
// brace), so an unbalanced value is an error, and it undoes the escapes EscapeBibTeX makes.
func readBibTeX(s string) ([]bibEntry, error) {
	var out []bibEntry
	i := 0
	skipSpace := func() {
		for i < len(s) && strings.ContainsRune(" \t\r\n", rune(s[i])) {
			i++
		}
	}
	for {
		skipSpace()
		if i >= len(s) {
			return out, nil
		}
		if s[i] != '@' {
			return nil, fmt.Errorf("offset %d: want @, got %q", i, s[i])
		}
		j := strings.IndexByte(s[i:], '{')
		if j < 0 {
			return nil, fmt.Errorf("offset %d: no { after @", i)
		}
		e := bibEntry{typ: strings.ToLower(s[i+1 : i+j]), fields: map[string]string{}}
		i += j + 1
		k := strings.IndexByte(s[i:], ',')
		if k < 0 {
			return nil, fmt.Errorf("entry %s: no comma after key", e.typ)
		}
		e.key = strings.TrimSpace(s[i : i+k])
		if e.key == "" || strings.ContainsAny(e.key, " {}(),=\\#%~\"") {
			return nil, fmt.Errorf("bad key %q", e.key)
		}
		i += k + 1
		for {
			skipSpace()
			if i < len(s) && s[i] == '}' {
				i++
				break
			}
			eq := strings.IndexByte(s[i:], '=')
			if eq < 0 {
				return nil, fmt.Errorf("entry %s: field without =", e.key)
			}
			name := strings.ToLower(strings.TrimSpace(s[i : i+eq]))
			i += eq + 1
			skipSpace()
			var raw string
			if i < len(s) && s[i] == '{' {
				depth, start := 0, i
				for ; i < len(s); i++ {
					if s[i] == '{' {
						depth++
					} else if s[i] == '}' {
						depth--
						if depth == 0 {
							break
						}
					}
				}
				if depth != 0 {
					return nil, fmt.Errorf("entry %s field %s: unbalanced braces", e.key, name)
				}
				raw = s[start+1 : i]
				i++
			} else {
				start := i
				for i < len(s) && s[i] >= 'a' && s[i] <= 'z' {
					i++
				}
				raw = s[start:i]
				if raw == "" {
					return nil, fmt.Errorf("entry %s field %s: no value", e.key, name)
				}
			}
			if _, dup := e.fields[name]; dup {
				return nil, fmt.Errorf("entry %s: field %s twice", e.key, name)
			}
			if name == "author" {
				for _, n := range splitTopLevel(raw, " and ") {
					e.names = append(e.names, unescapeBibTeX(unwrapGroup(n)))
				}
			}
			if name == "title" {
				raw = unwrapGroup(raw)
			}
			e.fields[name] = unescapeBibTeX(raw)
			if name == "author" {
				e.fields[name] = strings.Join(e.names, " and ")
			}
			skipSpace()
			if i < len(s) && s[i] == ',' {
				i++
			}
		}
		out = append(out, e)
	}
}

// unwrapGroup removes one pair of braces around the whole of s, if the first brace closes at
// the end.
func unwrapGroup(s string) string {
	if !strings.HasPrefix(s, "{") {
		return s
	}
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				if i == len(s)-1 {
					return s[1:i]
				}
				return s
			}
		}
	}
	return s
}

// splitTopLevel splits s on sep outside braces.
func splitTopLevel(s, sep string) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '{':
			depth++
		case s[i] == '}':
			depth--
		case depth == 0 && strings.HasPrefix(s[i:], sep):
			parts = append(parts, s[start:i])
			start = i + len(sep)
			i += len(sep) - 1
		}
	}
	return append(parts, s[start:])
}

func unescapeBibTeX(s string) string {
	return strings.NewReplacer(
		`\textbackslash{}`, `\`, `\textbraceleft{}`, `{`, `\textbraceright{}`, `}`,
		`\&`, `&`, `\%`, `%`, `\$`, `$`, `\#`, `#`, `\_`, `_`,
		`\textasciitilde{}`, `~`, `\textasciicircum{}`, `^`,
	).Replace(s)
}

// FuzzBibTeXRoundTrip: any title and author survive writing and reading back (up to
// whitespace runs, which BibTeX does not keep), and braces always balance.
func FuzzBibTeXRoundTrip(f *testing.F) {
	for _, s := range []string{"Attention Is All You Need", "A {Curly} & 100% $x$", `\{}}}{{`, "O'Neil, Jr.", "x and y", "~^#_", "Schölkopf"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, title, author string) {
		var b strings.Builder
		e := render.BibEntry{Type: "misc", Key: render.BibKeys([]string{title})[0], Fields: []render.BibField{
			{Name: "title", Value: title, Protect: true}, {Name: "author", Names: []string{author, "Second"}}, {Name: "url", Value: title, Verbatim: true}}}
		if err := render.WriteBibTeX(&b, []render.BibEntry{e}); err != nil {
			t.Fatal(err)
		}
		entries, err := readBibTeX(b.String())
		if err != nil {
			t.Fatalf("%v\n%s", err, b.String())
		}
		if len(entries) != 1 {
			t.Fatalf("%d entries\n%s", len(entries), b.String())
		}
		norm := strings.Join(strings.Fields(title), " ")
		if norm != "" && entries[0].fields["title"] != norm {
			t.Errorf("title %q read back as %q\n%s", norm, entries[0].fields["title"], b.String())
		}
		if a := strings.Join(strings.Fields(author), " "); a != "" && (len(entries[0].names) != 2 || entries[0].names[0] != a) {
			t.Errorf("author %q read back as %q\n%s", a, entries[0].names, b.String())
		}
		if strings.ContainsAny(entries[0].fields["url"], "{}\\ ") {
			t.Errorf("url field %q holds a brace, backslash or space", entries[0].fields["url"])
		}
	})
}
