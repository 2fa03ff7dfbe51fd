// Package htmlpage writes a self-contained HTML report: inline CSS, figures as inline SVG, no
// script and no external resource of any kind (no fonts, images, stylesheets or CDN), so the
// page opens offline and makes no network request. Every string from the data goes through
// html/template and is escaped; only SVG produced by render/plot is inserted as markup. It
// formats only.
package htmlpage

import (
	"bytes"
	"fmt"
	"html/template"
	"io"

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
	SVG     []byte // an SVG document as render/plot writes it
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

// svgMarkup returns the <svg> element of an SVG document (without the XML prolog and
// comments before it), checking that it is one.
func svgMarkup(doc []byte) (template.HTML, error) {
	i := bytes.Index(doc, []byte("<svg"))
	if i < 0 {
		return "", fmt.Errorf("htmlpage: figure is not SVG")
	}
	if bytes.Contains(bytes.ToLower(doc), []byte("<script")) || bytes.Contains(bytes.ToLower(doc), []byte("<foreignobject")) {
		return "", fmt.Errorf("htmlpage: figure holds active content")
	}
	return template.HTML(doc[i:]), nil // #nosec: SVG written by render/plot, text escaped there
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
