package render

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/litgraph/litgraph/graph"
)

func TestDotQuote(t *testing.T) {
	cases := map[string]string{
		``:                     `""`,
		`plain`:                `"plain"`,
		`say "hi"`:             `"say \"hi\""`,
		`back\slash\`:          `"back\\slash\\"`,
		"two\nlines":           `"two\nlines"`,
		"tab\there\rcr":        `"tab here cr"`,
		`<script>重灾区</script>`: `"<script>重灾区</script>"`,
		`\N \l`:                `"\\N \\l"`,
		"bad \xff utf8":        "\"bad \uFFFD utf8\"",
	}
	for in, want := range cases {
		if got := dotQuote(in); got != want {
			t.Errorf("dotQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

// dotExpected is what a string should read back as: valid UTF-8, newline kept, every other
// control character a space.
func dotExpected(s string) string {
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, string(utf8.RuneError)) {
		if r != '\n' && (r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029) {
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}

// FuzzDotQuote: the quoted form is one line, and reads back (with Go's unquoting, which
// gonum's DOT decoder uses) as the input with control characters replaced.
func FuzzDotQuote(f *testing.F) {
	for _, s := range []string{"", `a "b" \c`, "x\ny", "\\", "\"", "重灾区<script>", "\x00\x7f\u2028", "\\\n\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := dotQuote(s)
		if strings.ContainsAny(q, "\n\r") {
			t.Fatalf("dotQuote(%q) = %s spans lines", s, q)
		}
		got, err := strconv.Unquote(q)
		if err != nil {
			t.Fatalf("dotQuote(%q) = %s does not unquote: %v", s, q, err)
		}
		if want := dotExpected(s); got != want {
			t.Fatalf("dotQuote(%q) reads back as %q, want %q", s, got, want)
		}
	})
}

// TestDOTNoLinks: a node links to its work's page (URL, else arXiv, else DOI) unless NoLinks
// is set, as litgraph report sets it.
func TestDOTNoLinks(t *testing.T) {
	b := graph.NewBuilder()
	for _, w := range []graph.Work{{ID: "a", ArXiv: "2010.11929"}, {ID: "b", DOI: "10.1/x"}, {ID: "c", URL: "https://example.org/c"}} {
		if _, err := b.AddWork(w); err != nil {
			t.Fatal(err)
		}
	}
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	keep := []bool{true, true, true}
	var with, without strings.Builder
	if err := WriteDOT(&with, g, DOTOptions{Keep: keep}); err != nil {
		t.Fatal(err)
	}
	if err := WriteDOT(&without, g, DOTOptions{Keep: keep, NoLinks: true}); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{`URL="https://arxiv.org/abs/2010.11929"`, `URL="https://doi.org/10.1/x"`, `URL="https://example.org/c"`} {
		if !strings.Contains(with.String(), u) {
			t.Errorf("DOT lacks %s", u)
		}
	}
	if strings.Contains(without.String(), "URL=") || strings.Contains(without.String(), "https://") {
		t.Errorf("NoLinks DOT holds a link:\n%s", without.String())
	}
}
