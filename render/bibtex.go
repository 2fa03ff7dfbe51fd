package render

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// FormatBibTeX is the format of commands that write reference lists.
const FormatBibTeX Format = "bibtex"

// BibEntry is one BibTeX entry. Fields are written in the order given; empty values are
// left out.
type BibEntry struct {
	Type   string // misc, article, inproceedings
	Key    string // make it with BibKeys
	Fields []BibField
}

// BibField is one field of a BibEntry.
type BibField struct {
	Name  string
	Value string
	// Verbatim fields (url, doi, eprint) are written as they are, except that braces,
	// backslashes and whitespace are percent-encoded; other fields are escaped for LaTeX.
	Verbatim bool
	// Protect wraps the value in a second pair of braces so that styles keep its case
	// (titles).
	Protect bool
	// Macro writes the value bare, as a BibTeX string macro (month = mar); the value must be
	// letters only, or it is written braced.
	Macro bool
	// Names, when set, is a list of person names written as one field joined by " and "; a
	// name holding a comma or the word "and" is braced so that BibTeX keeps it whole.
	Names []string
}

// BibKeys makes citation keys from ids: every character outside the set BibTeX and biber
// accept in keys (ASCII letters, digits and - _ : . / +) becomes "_", an empty key becomes
// "work", and a key already taken gets "-2", "-3", … in the order given.
func BibKeys(ids []string) []string {
	keys := make([]string, len(ids))
	taken := map[string]bool{}
	for i, id := range ids {
		var b strings.Builder
		for _, r := range id {
			switch {
			case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune("-_:./+", r):
				b.WriteRune(r)
			default:
				b.WriteByte('_')
			}
		}
		k := b.String()
		if k == "" {
			k = "work"
		}
		base := k
		for n := 2; taken[k]; n++ {
			k = fmt.Sprintf("%s-%d", base, n)
		}
		taken[k] = true
		keys[i] = k
	}
	return keys
}

// EscapeBibTeX escapes text for a braced BibTeX field: LaTeX's special characters get their
// commands, and braces become \textbraceleft{} and \textbraceright{}, because BibTeX counts
// every brace, escaped or not, when it looks for the end of a field. Whitespace runs become
// one space. Other characters, UTF-8 included, pass through.
func EscapeBibTeX(s string) string {
	r := strings.NewReplacer(
		`\`, `\textbackslash{}`, `{`, `\textbraceleft{}`, `}`, `\textbraceright{}`,
		`&`, `\&`, `%`, `\%`, `$`, `\$`, `#`, `\#`, `_`, `\_`,
		`~`, `\textasciitilde{}`, `^`, `\textasciicircum{}`,
	)
	return r.Replace(strings.Join(strings.Fields(s), " "))
}

func verbatimBibTeX(s string) string {
	r := strings.NewReplacer(`{`, `%7B`, `}`, `%7D`, `\`, `%5C`, " ", "%20", "\t", "%09", "\n", "%0A", "\r", "%0D")
	return r.Replace(strings.TrimSpace(s))
}

// WriteBibTeX writes the entries, one blank line between them.
func WriteBibTeX(w io.Writer, entries []BibEntry) error {
	var b strings.Builder
	for i, e := range entries {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "@%s{%s,\n", e.Type, e.Key)
		for _, f := range e.Fields {
			if f.Names != nil {
				f.Value = strings.Join(f.Names, " and ")
			}
			if strings.TrimSpace(f.Value) == "" {
				continue
			}
			v := EscapeBibTeX(f.Value)
			if f.Names != nil {
				names := make([]string, len(f.Names))
				for i, n := range f.Names {
					names[i] = EscapeBibTeX(n)
					if strings.Contains(n, ",") || slices.Contains(strings.Fields(strings.ToLower(n)), "and") {
						names[i] = "{" + names[i] + "}"
					}
				}
				v = strings.Join(names, " and ")
			}
			if f.Verbatim {
				v = verbatimBibTeX(f.Value)
			}
			if f.Protect {
				v = "{" + v + "}"
			}
			if f.Macro && strings.Trim(f.Value, "abcdefghijklmnopqrstuvwxyz") == "" {
				fmt.Fprintf(&b, "  %s = %s,\n", f.Name, f.Value)
				continue
			}
			fmt.Fprintf(&b, "  %s = {%s},\n", f.Name, v)
		}
		b.WriteString("}\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
