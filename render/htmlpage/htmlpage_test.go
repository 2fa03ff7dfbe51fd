package htmlpage

import (
	"bytes"
	"strings"
	"testing"

	"github.com/litgraph/litgraph/render"
)

func TestEscapesData(t *testing.T) {
	p := Page{Title: "<script>alert(1)</script>", Subtitle: "a & b", Sections: []Section{{
		ID: "s\"x", Title: "<i>t</i>", Intro: []string{"<b>p</b>"},
		Figure: &Figure{SVG: []byte(`<?xml version="1.0"?><svg viewBox="0 0 1 1"><text>x</text></svg>`), Caption: "<u>c</u>"},
		Tables: []Table{{Caption: "cap", Table: &render.Table{Columns: []render.Column{{Key: "a"}, {Key: "hidden", Hide: true}},
			Rows: [][]any{{"<script>x</script>", "secret"}}, Footer: []string{"<f>"}}}},
	}}}
	var b bytes.Buffer
	if err := Write(&b, p); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	if strings.Count(s, "<script") != 0 || strings.Contains(s, "<b>p") || strings.Contains(s, "<u>c") || strings.Contains(s, "<f>") {
		t.Errorf("unescaped data in\n%s", s)
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;x&lt;/script&gt;", `<svg viewBox="0 0 1 1">`, "a &amp; b"} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q", want)
		}
	}
	if strings.Contains(s, "<?xml") || strings.Contains(s, "secret") {
		t.Error("XML prolog or hidden column in the page")
	}
}

func TestRejectsActiveSVG(t *testing.T) {
	for _, svg := range []string{"<svg><script>alert(1)</script></svg>", "<svg><foreignObject/></svg>", "not svg"} {
		p := Page{Sections: []Section{{ID: "x", Figure: &Figure{SVG: []byte(svg)}}}}
		if err := Write(&bytes.Buffer{}, p); err == nil {
			t.Errorf("%q accepted", svg)
		}
	}
}
