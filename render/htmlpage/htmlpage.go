// Package htmlpage writes a self-contained HTML report: inline CSS, figures as inline SVG, no
// script and no external resource of any kind (no fonts, images, stylesheets or CDN), so the
// page opens offline and makes no network request. Every string from the data goes through
// html/template and is escaped; only SVG figures are inserted as markup (as render/plot or
// Graphviz write them), after a check that they hold no active or external content. It
// formats only.
package htmlpage

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/litgraph/litgraph/render"
)

// Page is the whole report.
type Page struct {
	Title    string
	Subtitle string // one line under the title (data and reference date)
	Sections []Section
}

// Section is one part of the report, with an id for the table of contents and links.
type Section struct {
	ID, Title string
	Intro     []string // paragraphs of plain text
	Figure    *Figure
	Tables    []Table
}

// Figure is an SVG picture with a caption.
type Figure struct {
	SVG     []byte // an SVG document as render/plot or Graphviz (-Tsvg) writes it
	Caption string
}

// Table is a render.Table with a caption; cells are shown as in the table view
// (render.Text), columns hidden in the table view are left out.
type Table struct {
	Caption string
	Table   *render.Table
	// Wide marks columns (by key) whose cells may wrap over several lines.
	Wide []string
}

type tableView struct {
	Caption string
	Headers []string
	Classes []string
	Rows    [][]string
	Footer  []string
}

type sectionView struct {
	ID, Title string
	Intro     []string
	SVG       template.HTML
	Caption   string
	Tables    []tableView
}

// svgElements are the SVG elements a figure may hold: those render/plot and Graphviz's SVG
// renderer write. Anything else (script, foreignObject, use, image, animate, set, ...) is
// refused, so a figure can neither run script nor load or link anything.
var svgElements = map[string]bool{
	"svg": true, "g": true, "title": true, "desc": true, "a": true, "path": true, "polygon": true,
	"polyline": true, "ellipse": true, "circle": true, "rect": true, "line": true, "text": true,
	"tspan": true, "defs": true, "clipPath": true, "linearGradient": true, "radialGradient": true, "stop": true,
}

// svgMarkup returns the <svg> element of an SVG document (as render/plot or Graphviz's
// -Tsvg write it) for inline use: the XML prolog, DOCTYPE and every comment are dropped, and
// the document is checked to be well-formed XML made only of svgElements, with no event
// handler attribute (on...), no link or reference other than to a fragment of the figure
// itself (href and xlink:href values start with "#", url(...) values with "url(#"), and no
// declaration, processing instruction or CDATA section. Text and attribute values stay as
// the producer escaped them (both escape <, > and &).
func svgMarkup(doc []byte) (template.HTML, error) {
	dec := xml.NewDecoder(bytes.NewReader(doc))
	dec.Strict = true
	var out bytes.Buffer
	depth, roots := 0, 0
	for {
		start := dec.InputOffset()
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("htmlpage: figure is not well-formed SVG: %v", err)
		}
		end := dec.InputOffset()
		switch t := tok.(type) {
		case xml.Comment:
			continue // dropped
		case xml.ProcInst, xml.Directive:
			if roots == 0 {
				continue // the XML prolog and DOCTYPE before <svg>: dropped
			}
			return "", fmt.Errorf("htmlpage: figure holds a declaration or processing instruction")
		case xml.StartElement:
			if depth == 0 {
				if roots++; roots > 1 || t.Name.Local != "svg" {
					return "", fmt.Errorf("htmlpage: figure is not one SVG document")
				}
			}
			depth++
			if !svgElements[t.Name.Local] || (t.Name.Space != "" && t.Name.Space != "svg") {
				return "", fmt.Errorf("htmlpage: figure holds a <%s> element, which is not allowed (active or external content)", name(t.Name))
			}
			for _, at := range t.Attr {
				k, v := strings.ToLower(at.Name.Local), strings.ToLower(strings.TrimSpace(at.Value))
				switch {
				case strings.HasPrefix(k, "on"):
					return "", fmt.Errorf("htmlpage: figure holds an event handler attribute %s", name(at.Name))
				case k == "href" && !strings.HasPrefix(v, "#"):
					return "", fmt.Errorf("htmlpage: figure links outside itself (%s=%q)", name(at.Name), at.Value)
				case strings.Contains(strings.ReplaceAll(v, " ", ""), "url(") && !strings.Contains(strings.ReplaceAll(v, " ", ""), "url(#"):
					return "", fmt.Errorf("htmlpage: figure refers outside itself (%s=%q)", name(at.Name), at.Value)
				}
			}
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && len(bytes.TrimSpace(t)) > 0 {
				return "", fmt.Errorf("htmlpage: figure has text outside its <svg> element")
			}
			if bytes.Contains(doc[start:end], []byte("<![CDATA[")) {
				return "", fmt.Errorf("htmlpage: figure holds a CDATA section")
			}
		}
		out.Write(doc[start:end])
	}
	if roots != 1 || depth != 0 {
		return "", fmt.Errorf("htmlpage: figure is not SVG")
	}
	return template.HTML(bytes.TrimSpace(out.Bytes())), nil // #nosec G203: checked above; text escaped by its producer
}

func name(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// Write renders p.
func Write(w io.Writer, p Page) error {
	var secs []sectionView
	for _, s := range p.Sections {
		sv := sectionView{ID: s.ID, Title: s.Title, Intro: s.Intro}
		if s.Figure != nil {
			svg, err := svgMarkup(s.Figure.SVG)
			if err != nil {
				return err
			}
			sv.SVG, sv.Caption = svg, s.Figure.Caption
		}
		for _, t := range s.Tables {
			wide := map[string]bool{}
			for _, k := range t.Wide {
				wide[k] = true
			}
			tv := tableView{Caption: t.Caption, Footer: t.Table.Footer}
			var cols []int
			for j, c := range t.Table.Columns {
				if c.Hide {
					continue
				}
				cols = append(cols, j)
				h := c.Header
				if h == "" {
					h = c.Key
				}
				tv.Headers = append(tv.Headers, h)
				cls := ""
				if wide[c.Key] {
					cls = "wide"
				}
				tv.Classes = append(tv.Classes, cls)
			}
			for _, row := range t.Table.Rows {
				var cells []string
				for _, j := range cols {
					cells = append(cells, render.Text(row[j]))
				}
				tv.Rows = append(tv.Rows, cells)
			}
			sv.Tables = append(sv.Tables, tv)
		}
		secs = append(secs, sv)
	}
	var buf bytes.Buffer
	if err := page.Execute(&buf, struct {
		Title, Subtitle string
		Sections        []sectionView
	}{p.Title, p.Subtitle, secs}); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

var page = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>{{.Title}}</title>
<style>
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif; color: #1d1d1f; margin: 0; background: #fafafa; }
main { max-width: 1200px; margin: 0 auto; padding: 1.5rem 2rem 4rem; background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
h2 { font-size: 1.25rem; margin: 2.4rem 0 .6rem; padding-top: .6rem; border-top: 1px solid #ddd; }
.sub { color: #555; margin: 0 0 1rem; }
nav ol { columns: 2; margin: .5rem 0 0; padding-left: 1.3rem; }
p { max-width: 52rem; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { color: #555; font-size: .9rem; margin-top: .3rem; }
.scroll { overflow-x: auto; margin: .6rem 0 1.2rem; }
table { border-collapse: collapse; font-size: .85rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { padding: .25rem .55rem; border-bottom: 1px solid #e5e5e5; text-align: left; vertical-align: top; white-space: nowrap; }
th { background: #f2f2f2; position: sticky; top: 0; }
td.wide { white-space: normal; min-width: 12rem; max-width: 26rem; }
tbody tr:nth-child(even) { background: #fbfbfb; }
.foot { color: #666; font-size: .8rem; margin: .2rem 0; }
</style>
</head>
<body>
<main>
<h1>{{.Title}}</h1>
<p class="sub">{{.Subtitle}}</p>
<nav><strong>Contents</strong><ol>{{range .Sections}}<li><a href="#{{.ID}}">{{.Title}}</a></li>{{end}}</ol></nav>
{{range .Sections}}<section id="{{.ID}}">
<h2>{{.Title}}</h2>
{{range .Intro}}<p>{{.}}</p>
{{end}}{{if .SVG}}<figure>{{.SVG}}<figcaption>{{.Caption}}</figcaption></figure>
{{end}}{{range .Tables}}<div class="scroll"><table>
{{if .Caption}}<caption>{{.Caption}}</caption>{{end}}
<thead><tr>{{range .Headers}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{- $cls := .Classes}}{{range .Rows}}
<tr>{{range $i, $c := .}}<td{{with index $cls $i}} class="{{.}}"{{end}}>{{$c}}</td>{{end}}</tr>{{end}}
</tbody></table>{{range .Footer}}
<p class="foot">{{.}}</p>{{end}}</div>
{{end}}</section>
{{end}}</main>
</body>
</html>
`))
