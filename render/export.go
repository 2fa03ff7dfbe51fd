package render

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/litgraph/litgraph/graph"
)

// ExportNode is one work as the graph exchange formats carry it. An empty string or a zero
// Year is a missing value: left out of GraphML and GEXF, an empty CSV cell.
type ExportNode struct {
	ID, Label, Title string
	Year             int
	Date             string   // YYYY, YYYY-MM or YYYY-MM-DD
	Directions       []string // primary first
	InDegree         int
	OutDegree        int
	ArXiv, DOI       string
}

// ExportEdge is one typed relation: several kinds between one pair are separate edges.
type ExportEdge struct {
	Source, Target string
	Kind           graph.Kind
	Task, Note     string
}

// ExportGraph is a selection of works and edges ready for GraphML, GEXF or CSV: nodes sorted
// by id, edges by (source, target, kind).
type ExportGraph struct {
	Nodes []ExportNode
	Edges []ExportEdge
}

// NewExportGraph collects the kept works and the given edges of g. inDeg and outDeg are the
// caller's per-work degrees.
func NewExportGraph(g *graph.Graph, keep []bool, edges []int32, inDeg, outDeg []int) *ExportGraph {
	eg := &ExportGraph{}
	for i := range g.NumWorks() {
		if !keep[i] {
			continue
		}
		w := g.Work(i)
		eg.Nodes = append(eg.Nodes, ExportNode{ID: w.ID, Label: w.Label(), Title: w.Title, Year: int(w.Date.Year), Date: w.Date.String(),
			Directions: w.Directions, InDegree: inDeg[i], OutDegree: outDeg[i], ArXiv: w.ArXiv, DOI: w.DOI})
	}
	slices.SortFunc(eg.Nodes, func(a, b ExportNode) int { return strings.Compare(a.ID, b.ID) })
	for _, e := range edges {
		ed := g.Edge(int(e))
		x := ExportEdge{Source: g.ID(int(ed.From)), Target: g.ID(int(ed.To)), Kind: ed.Kind}
		if at := g.EdgeAttr(int(e)); at != nil {
			x.Task, x.Note = at.Task, at.Note
		}
		eg.Edges = append(eg.Edges, x)
	}
	slices.SortFunc(eg.Edges, func(a, b ExportEdge) int {
		return cmp.Or(strings.Compare(a.Source, b.Source), strings.Compare(a.Target, b.Target), cmp.Compare(a.Kind, b.Kind))
	})
	return eg
}

// exportAttr is one attribute column shared by the formats.
type exportAttr struct {
	name, typ string // typ: string, int or boolean
}

var (
	nodeAttrs = []exportAttr{{"label", "string"}, {"title", "string"}, {"year", "int"}, {"date", "string"},
		{"directions", "string"}, {"primary_direction", "string"}, {"in_degree", "int"}, {"out_degree", "int"},
		{"arxiv", "string"}, {"doi", "string"}}
	edgeAttrs = []exportAttr{{"kind", "string"}, {"lineage", "boolean"}, {"task", "string"}, {"note", "string"}}
)

// DirectionsSeparator joins a work's directions in the exchange formats.
const DirectionsSeparator = ";"

// values returns the node's attribute values in nodeAttrs order; "" is missing.
func (n *ExportNode) values() []string {
	year := ""
	if n.Year != 0 {
		year = strconv.Itoa(n.Year)
	}
	primary := ""
	if len(n.Directions) > 0 {
		primary = n.Directions[0]
	}
	return []string{n.Label, n.Title, year, n.Date, strings.Join(n.Directions, DirectionsSeparator), primary,
		strconv.Itoa(n.InDegree), strconv.Itoa(n.OutDegree), n.ArXiv, n.DOI}
}

func (e *ExportEdge) values() []string {
	return []string{e.Kind.String(), strconv.FormatBool(e.Kind.Lineage()), e.Task, e.Note}
}

// xmlText escapes s for XML text and attribute values; characters XML 1.0 cannot hold
// become U+FFFD (encoding/xml's rule) and newlines are written as character references so
// that attribute values keep them.
func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) //nolint:errcheck // strings.Builder never fails
	return b.String()
}

// WriteGraphML writes eg as a directed GraphML document with typed attribute keys: node
// keys d_<name>, edge keys e_<name>, edge ids e0, e1, ... in edge order.
func WriteGraphML(w io.Writer, eg *ExportGraph) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	p("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n")
	for _, a := range nodeAttrs {
		p("  <key id=\"d_%s\" for=\"node\" attr.name=\"%s\" attr.type=\"%s\"/>\n", a.name, a.name, a.typ)
	}
	for _, a := range edgeAttrs {
		p("  <key id=\"e_%s\" for=\"edge\" attr.name=\"%s\" attr.type=\"%s\"/>\n", a.name, a.name, a.typ)
	}
	p("  <graph id=\"litgraph\" edgedefault=\"directed\">\n")
	for i := range eg.Nodes {
		n := &eg.Nodes[i]
		p("    <node id=\"%s\">\n", xmlText(n.ID))
		for j, v := range n.values() {
			if v != "" {
				p("      <data key=\"d_%s\">%s</data>\n", nodeAttrs[j].name, xmlText(v))
			}
		}
		p("    </node>\n")
	}
	for i := range eg.Edges {
		e := &eg.Edges[i]
		p("    <edge id=\"e%d\" source=\"%s\" target=\"%s\">\n", i, xmlText(e.Source), xmlText(e.Target))
		for j, v := range e.values() {
			if v != "" {
				p("      <data key=\"e_%s\">%s</data>\n", edgeAttrs[j].name, xmlText(v))
			}
		}
		p("    </edge>\n")
	}
	p("  </graph>\n</graphml>\n")
	return bw.Flush()
}

// WriteGEXF writes eg as GEXF 1.2draft, the version Gephi and networkx's read_gexf read by
// default. The work's label is the node label (not an attribute); the edge's kind is both
// its label and an attribute. No lastmodifieddate, so the same input gives the same bytes.
func WriteGEXF(w io.Writer, eg *ExportGraph) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	gexfType := map[string]string{"string": "string", "int": "integer", "boolean": "boolean"}
	p("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	p("<gexf xmlns=\"http://www.gexf.net/1.2draft\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd\" version=\"1.2\">\n")
	p("  <meta>\n    <creator>litgraph</creator>\n    <description>typed lineage graph; edges point from the derived or citing work to its base</description>\n  </meta>\n")
	p("  <graph defaultedgetype=\"directed\" mode=\"static\">\n")
	p("    <attributes class=\"node\">\n")
	for _, a := range nodeAttrs[1:] { // label is the node's own label
		p("      <attribute id=\"%s\" title=\"%s\" type=\"%s\"/>\n", a.name, a.name, gexfType[a.typ])
	}
	p("    </attributes>\n    <attributes class=\"edge\">\n")
	for _, a := range edgeAttrs {
		p("      <attribute id=\"%s\" title=\"%s\" type=\"%s\"/>\n", a.name, a.name, gexfType[a.typ])
	}
	p("    </attributes>\n    <nodes>\n")
	for i := range eg.Nodes {
		n := &eg.Nodes[i]
		vals := n.values()
		p("      <node id=\"%s\" label=\"%s\">\n        <attvalues>\n", xmlText(n.ID), xmlText(vals[0]))
		for j, v := range vals[1:] {
			if v != "" {
				p("          <attvalue for=\"%s\" value=\"%s\"/>\n", nodeAttrs[j+1].name, xmlText(v))
			}
		}
		p("        </attvalues>\n      </node>\n")
	}
	p("    </nodes>\n    <edges>\n")
	for i := range eg.Edges {
		e := &eg.Edges[i]
		p("      <edge id=\"%d\" source=\"%s\" target=\"%s\" label=\"%s\">\n        <attvalues>\n", i, xmlText(e.Source), xmlText(e.Target), e.Kind)
		for j, v := range e.values() {
			if v != "" {
				p("          <attvalue for=\"%s\" value=\"%s\"/>\n", edgeAttrs[j].name, xmlText(v))
			}
		}
		p("        </attvalues>\n      </edge>\n")
	}
	p("    </edges>\n  </graph>\n</gexf>\n")
	return bw.Flush()
}

// WriteNodesCSV writes one row per node: id, then the node attributes.
func WriteNodesCSV(w io.Writer, eg *ExportGraph) error {
	cw := csv.NewWriter(w)
	head := []string{"id"}
	for _, a := range nodeAttrs {
		head = append(head, a.name)
	}
	cw.Write(head) //nolint:errcheck // checked through cw.Error
	for i := range eg.Nodes {
		cw.Write(append([]string{eg.Nodes[i].ID}, eg.Nodes[i].values()...)) //nolint:errcheck
	}
	cw.Flush()
	return cw.Error()
}

// WriteEdgesCSV writes one row per typed edge: source, target, then the edge attributes.
func WriteEdgesCSV(w io.Writer, eg *ExportGraph) error {
	cw := csv.NewWriter(w)
	head := []string{"source", "target"}
	for _, a := range edgeAttrs {
		head = append(head, a.name)
	}
	cw.Write(head) //nolint:errcheck
	for i := range eg.Edges {
		e := &eg.Edges[i]
		cw.Write(append([]string{e.Source, e.Target}, e.values()...)) //nolint:errcheck
	}
	cw.Flush()
	return cw.Error()
}
