package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/render"
	"github.com/spf13/cobra"
)

// selectOptions are the selection flags dot and export share.
type selectOptions struct {
	analysis     analysisOptions
	direction    []string
	around       []string
	depth        int
	since, until string
	top          int
	by           string
}

// The defaults of the selection and drawing flags, shared with litgraph report.
const (
	defaultDepth  = 1
	defaultTopBy  = "in_degree"
	defaultSizeBy = "in_degree"
)

// defaultDotOptions are litgraph dot's options with every flag at its default, drawing the
// given directions.
func defaultDotOptions(directions ...string) *dotOptions {
	return &dotOptions{sel: selectOptions{direction: directions, depth: defaultDepth, by: defaultTopBy}, sizeBy: defaultSizeBy}
}

func (o *selectOptions) register(cmd *cobra.Command) {
	o.analysis.register(cmd)
	f := cmd.Flags()
	f.StringArrayVar(&o.direction, "direction", nil, "only works of this direction and its subdirections (repeatable)")
	f.StringArrayVar(&o.around, "around", nil, "only this work and its ancestors and descendants up to --depth steps (repeatable; id, arxiv:ID or doi:ID)")
	f.IntVar(&o.depth, "depth", defaultDepth, "steps --around walks in each direction along the --rel kinds")
	f.StringVar(&o.since, "since", "", "only works dated on or after this date (YYYY[-MM[-DD]])")
	f.StringVar(&o.until, "until", "", "only works dated on or before the end of this period (YYYY[-MM[-DD]])")
	f.IntVar(&o.top, "top", 0, "keep only the K works ranked highest by --by (0: all)")
	f.StringVar(&o.by, "by", defaultTopBy, "metric for --top: "+strings.Join(graph.SelectMetrics, " or "))
}

// selection is the outcome of the selection flags.
type selection struct {
	an      *analysis
	keep    []bool
	edges   []int32 // typed edges among kept works with a --rel kind
	centres []int
	caption string // the selection in words, for the picture's caption
}

// selectWorks loads the data and applies the selection flags.
func (a *app) selectWorks(cmd *cobra.Command, o *selectOptions) (*selection, error) {
	// The dates are checked before loading (selectIn reads them again).
	if _, err := parseDateFlag("since", o.since); err != nil {
		return nil, err
	}
	if _, err := parseDateFlag("until", o.until); err != nil {
		return nil, err
	}
	if o.depth < 0 {
		return nil, usagef("--depth %d: must be 0 or more", o.depth)
	}
	if o.top < 0 {
		return nil, usagef("--top %d: must be 0 or more", o.top)
	}
	if cmd.Flags().Changed("depth") && len(o.around) == 0 {
		return nil, usagef("--depth needs --around")
	}
	if cmd.Flags().Changed("by") && o.top == 0 {
		return nil, usagef("--by needs --top")
	}
	if !slices.Contains(graph.SelectMetrics, o.by) {
		return nil, usagef("--by %q: unknown metric (known: %s)", o.by, strings.Join(graph.SelectMetrics, ", "))
	}
	an, err := a.loadAnalysis(&o.analysis)
	if err != nil {
		return nil, err
	}
	return selectIn(an, o)
}

// selectIn applies the selection flags to a loaded graph.
func selectIn(an *analysis, o *selectOptions) (*selection, error) {
	since, err := parseDateFlag("since", o.since)
	if err != nil {
		return nil, err
	}
	until, err := parseDateFlag("until", o.until)
	if err != nil {
		return nil, err
	}
	g := an.g
	s := graph.Selection{Since: since, Until: until, Depth: o.depth, Kinds: an.kinds, Top: o.top}
	var words []string
	for _, d := range o.direction {
		di, ok := g.DirectionIndex(d)
		if !ok {
			return nil, usagef("--direction: unknown direction %q%s (litgraph directions lists them)", d, suggestDirection(g, d))
		}
		s.Directions = append(s.Directions, di)
		words = append(words, "direction "+d)
	}
	for _, ref := range o.around {
		i, err := resolve(g, ref)
		if err != nil {
			return nil, fmt.Errorf("--around: %w", err)
		}
		s.Around = append(s.Around, i)
	}
	if len(o.around) > 0 {
		words = append(words, fmt.Sprintf("around %s, depth %d", strings.Join(o.around, ", "), o.depth))
	}
	if o.since != "" {
		words = append(words, "since "+o.since)
	}
	if o.until != "" {
		words = append(words, "until "+o.until)
	}
	if !an.asOf.IsZero() {
		words = append(words, "as of "+an.asOf.String())
	}
	if o.top > 0 {
		s.Score, err = graph.SelectScores(g, an.kinds, o.by)
		if err != nil {
			return nil, usageError{err}
		}
		words = append(words, fmt.Sprintf("top %d by %s", o.top, o.by))
	}
	words = append(words, "relations: "+strings.ReplaceAll(an.kinds.String(), ",", ", "))
	keep := graph.Select(g, s)
	return &selection{an: an, keep: keep, edges: graph.SelectedEdges(g, keep, an.kinds), centres: s.Around,
		caption: strings.Join(words, "; ")}, nil
}

// noFormat rejects --format on the commands that write their own formats.
func noFormat(cmd *cobra.Command) error {
	if cmd.Flags().Changed("format") {
		return usagef("--format does not apply to litgraph %s (see its --help for the formats it writes)", cmd.Name())
	}
	return nil
}

type dotOptions struct {
	sel      selectOptions
	reduce   bool
	timeline bool
	sizeBy   string
	render   string
	noLinks  bool // no node URLs (litgraph report; not a flag)
}

var renderFormats = []string{"svg", "png", "pdf"}

func newDotCmd(a *app) *cobra.Command {
	o := &dotOptions{}
	cmd := &cobra.Command{
		Use:   "dot",
		Short: "Draw the lineage graph as Graphviz DOT, or render it to SVG, PNG or PDF",
		Long: `dot writes the selected works and their relations as a Graphviz digraph.

Each research direction is a cluster (subdirections nest in their parent); a work
sits in the cluster of its first direction and its label lists the others ("also:
..."). Works in no direction sit outside the clusters. A node shows the short name
and year; with --size-by its font size and blue shade grow with the metric (on the
graph after --as-of, over the --rel kinds). An edge goes from the derived or citing
work to its base, coloured and styled by relation kind; a legend cluster shows the
kinds drawn. Several kinds between one pair stay separate edges. Bases are drawn
above the works built on them; with --timeline works are laid out left to right by
year along a year axis (undated works float free).

--reduce drops every lineage edge that a longer lineage path implies (the
transitive reduction of the lineage kinds among the drawn works): when u also
reaches v through other works, every lineage edge u -> v goes, whatever its kind;
context edges (analyzes, alternative-to, cites) are kept and never count as a path.
It fails (exit 2) when the drawn lineage holds a cycle.

Selection (shared with litgraph export): --direction keeps a direction and its
subdirections; --around ID keeps the work, the works it builds on and the works
built on it, up to --depth steps along the --rel kinds (the walk passes only through
works the other filters keep; the centre is always kept and drawn with a heavy
border); --since/--until keep dated works in a period; --as-of cuts the graph at a
date first; --top K --by in_degree|descendants keeps the K highest-ranked works.

--render svg|png|pdf runs Graphviz's dot program on the DOT and writes the picture
(with --out, atomically). Graphviz must be installed (Debian/Ubuntu: apt-get install
graphviz; macOS: brew install graphviz); without it litgraph says so, writes
nothing and exits 1. The same input always gives the same DOT bytes.`,
		Example: `  litgraph dot --out lineage.dot
  litgraph dot --around detr --depth 1 --render svg --out detr-family.svg
  litgraph dot --direction vit-transfer --timeline --size-by in_degree --render png --out vit.png
  litgraph dot --direction detr-mods --reduce | dot -Tpdf > detr.pdf`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error { return a.runDot(cmd, o) },
	}
	o.sel.register(cmd)
	f := cmd.Flags()
	f.BoolVar(&o.reduce, "reduce", false, "drop lineage edges implied by a longer lineage path (transitive reduction)")
	f.BoolVar(&o.timeline, "timeline", false, "lay works out left to right by year along a year axis")
	f.StringVar(&o.sizeBy, "size-by", defaultSizeBy, "metric for node size and shade: "+strings.Join(graph.SelectMetrics, ", ")+" or none")
	f.StringVar(&o.render, "render", "", "render with Graphviz to svg, png or pdf instead of writing DOT")
	return cmd
}

func (a *app) runDot(cmd *cobra.Command, o *dotOptions) error {
	if err := noFormat(cmd); err != nil {
		return err
	}
	if o.sizeBy != "none" && !slices.Contains(graph.SelectMetrics, o.sizeBy) {
		return usagef("--size-by %q: unknown metric (known: %s, none)", o.sizeBy, strings.Join(graph.SelectMetrics, ", "))
	}
	var dotPath string
	if o.render != "" {
		if !slices.Contains(renderFormats, o.render) {
			return usagef("--render %q: unknown format (known: %s)", o.render, strings.Join(renderFormats, ", "))
		}
		if a.global.out == "" && o.render != "svg" {
			return usagef("--render %s writes a binary picture: name the file with --out", o.render)
		}
		var err error
		if dotPath, err = exec.LookPath("dot"); err != nil {
			return errors.New("--render needs Graphviz, and its dot program is not on PATH; install it (Debian/Ubuntu: apt-get install graphviz; Fedora: dnf install graphviz; macOS: brew install graphviz) or leave out --render to write DOT text; nothing was written")
		}
	}
	sel, err := a.selectWorks(cmd, &o.sel)
	if err != nil {
		return err
	}
	src, err := dotSource(sel, o)
	if err != nil {
		return err
	}
	if o.render == "" {
		return a.emit(func(w io.Writer) error { _, err := w.Write(src); return err })
	}
	pic, err := runGraphviz(cmd.Context(), dotPath, o.render, src, a.stderr)
	if err != nil {
		return err
	}
	return a.emit(func(w io.Writer) error { _, err := w.Write(pic); return err })
}

// dotSource writes the DOT of the selected works with the drawing options of o.
func dotSource(sel *selection, o *dotOptions) ([]byte, error) {
	g := sel.an.g
	edges := sel.edges
	caption := sel.caption
	var err error
	if o.reduce {
		if edges, err = graph.ReduceLineage(g, edges); err != nil {
			return nil, usagef("--reduce: %v", err)
		}
		caption += "; lineage transitively reduced"
	}
	dopt := render.DOTOptions{Keep: sel.keep, Edges: edges, Highlight: sel.centres, Timeline: o.timeline, Caption: caption, NoLinks: o.noLinks}
	if o.timeline {
		dopt.Slot, dopt.YearSlots = graph.TimelineSlots(g, sel.keep, edges)
	}
	if o.sizeBy != "none" {
		if dopt.Size, err = graph.SelectScores(g, sel.an.kinds, o.sizeBy); err != nil {
			return nil, usageError{err}
		}
		dopt.SizeBy = o.sizeBy
	}
	var src bytes.Buffer
	if err := render.WriteDOT(&src, g, dopt); err != nil {
		return nil, err
	}
	return src.Bytes(), nil
}

// runGraphviz pipes src into Graphviz's dot and returns the picture. Graphviz's warnings go
// to stderr prefixed with "graphviz:"; a failure returns its message and no picture.
func runGraphviz(ctx context.Context, dotPath, format string, src []byte, stderr io.Writer) ([]byte, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	c := exec.CommandContext(ctx, dotPath, "-T"+format)
	c.Stdin = bytes.NewReader(src)
	var out, errb bytes.Buffer
	c.Stdout, c.Stderr = &out, &errb
	err := c.Run()
	msg := strings.TrimSpace(errb.String())
	if err != nil {
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("graphviz dot -T%s failed: %s; nothing was written", format, msg)
	}
	if msg != "" {
		for _, line := range strings.Split(msg, "\n") {
			fmt.Fprintf(stderr, "litgraph: graphviz: %s\n", line)
		}
	}
	return out.Bytes(), nil
}

type exportOptions struct {
	sel selectOptions
}

var exportFormats = []string{"graphml", "gexf", "csv"}

func newExportCmd(a *app) *cobra.Command {
	o := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export graphml|gexf|csv",
		Short: "Export the selected graph as GraphML, GEXF or CSV for Gephi, Cytoscape and networkx",
		Long: `export writes the selected works and their typed relations in a graph exchange
format. Nodes carry id, label (short name, else id), title, year, date, directions
(joined with ";", primary first), primary_direction, in_degree and out_degree (on the
graph after --as-of, over the --rel kinds, counting distinct neighbours), arxiv and
doi; a missing value is left out (GraphML, GEXF) or empty (CSV). Every edge goes from
the derived or citing work to its base and carries kind, lineage (true for the
lineage kinds), task and note; two kinds between one pair are two edges. Nodes are
sorted by id, edges by source, target and kind.

  graphml  GraphML with typed keys: networkx.read_graphml, Gephi, Cytoscape, yEd
  gexf     GEXF 1.2draft: Gephi, networkx.read_gexf (the edge label is its kind)
  csv      two files, PATH-nodes.csv and PATH-edges.csv (a trailing .csv on PATH
           is dropped); written together: both appear or neither does. Needs --out.

The selection flags are those of litgraph dot (see litgraph dot --help).`,
		Example: `  litgraph export graphml --out litgraph.graphml
  litgraph export gexf --direction vit-transfer --out vit.gexf
  litgraph export csv --around detr --depth 2 --out detr   # detr-nodes.csv, detr-edges.csv`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 || !slices.Contains(exportFormats, args[0]) {
				return usagef("litgraph export takes one format: %s (got %q)", strings.Join(exportFormats, ", "), strings.Join(args, " "))
			}
			return nil
		},
		ValidArgs: exportFormats,
		RunE:      func(cmd *cobra.Command, args []string) error { return a.runExport(cmd, o, args[0]) },
	}
	o.sel.register(cmd)
	return cmd
}

func (a *app) runExport(cmd *cobra.Command, o *exportOptions, format string) error {
	if err := noFormat(cmd); err != nil {
		return err
	}
	if format == "csv" && (a.global.out == "" || a.global.out == "-") {
		return usagef("export csv writes two files: name them with --out PATH (gives PATH-nodes.csv and PATH-edges.csv)")
	}
	sel, err := a.selectWorks(cmd, &o.sel)
	if err != nil {
		return err
	}
	g := sel.an.g
	adj := g.Adjacency(sel.an.kinds)
	in, out := make([]int, g.NumWorks()), make([]int, g.NumWorks())
	for v := range g.NumWorks() {
		in[v], out[v] = len(adj.Pred(v)), len(adj.Succ(v))
	}
	eg := render.NewExportGraph(g, sel.keep, sel.edges, in, out)
	switch format {
	case "graphml":
		return a.emit(func(w io.Writer) error { return render.WriteGraphML(w, eg) })
	case "gexf":
		return a.emit(func(w io.Writer) error { return render.WriteGEXF(w, eg) })
	}
	var nodes, edges bytes.Buffer
	if err := render.WriteNodesCSV(&nodes, eg); err != nil {
		return err
	}
	if err := render.WriteEdgesCSV(&edges, eg); err != nil {
		return err
	}
	base := strings.TrimSuffix(a.global.out, ".csv")
	return writeFilesAtomic([]string{base + "-nodes.csv", base + "-edges.csv"}, [][]byte{nodes.Bytes(), edges.Bytes()})
}

// writeFilesAtomic writes several files so that they appear together: every temporary file
// is written first, then each is renamed into place. When a write or rename fails, the
// temporaries are removed and the files already renamed are removed too, so that no file of
// the set is left behind (a file that existed before is then gone as well).
func writeFilesAtomic(paths []string, data [][]byte) (err error) {
	var tmps []string
	var placed []string
	defer func() {
		if err != nil {
			for _, t := range tmps {
				os.Remove(t)
			}
			for _, p := range placed {
				os.Remove(p)
			}
		}
	}()
	for i, path := range paths {
		tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
		if err != nil {
			return fmt.Errorf("--out %s: %w", path, err)
		}
		tmps = append(tmps, tmp.Name())
		_, err = tmp.Write(data[i])
		if err == nil {
			err = tmp.Chmod(0o644)
		}
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("--out %s: %w", path, err)
		}
	}
	for i, path := range paths {
		if err := os.Rename(tmps[i], path); err != nil {
			return fmt.Errorf("--out %s: %w", path, err)
		}
		placed = append(placed, path)
	}
	return nil
}
