package cli

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/loader"
	"github.com/litgraph/litgraph/render"
	"github.com/spf13/cobra"
)

// formatYAML is communities' extra format: a curated data file of directions.
const formatYAML render.Format = "yaml"

type communitiesOptions struct {
	analysis   analysisOptions
	resolution float64
	seed       uint64
	minSize    int
	top        int
}

func newCommunitiesCmd(a *app) *cobra.Command {
	o := &communitiesOptions{}
	cmd := &cobra.Command{
		Use:   "communities",
		Short: "Find communities (Louvain) and label them: directions for data that has none",
		Long: `communities splits the works into communities with the Louvain method (Blondel et
al. 2008) on the undirected view of the relations --rel selects (an edge either way
joins two works once), maximising modularity at --resolution γ:
Q = 1/2m Σ_ij (A_ij − γ k_i k_j / 2m) δ(c_i, c_j). Larger γ gives more, smaller
communities. The node visiting order is shuffled from --random-seed, so the same seed
gives the same communities on any machine.

Communities are numbered c01, c02, ... by decreasing size (ties: the one holding the
earliest-loaded work first). Each is labelled with its three most characteristic title
words (tf-idf over the communities' titles; "community N" when its works have no
titles) and shows its most built-on works (in-degree in the selected relations).
Communities smaller than --min-size are counted in the footer but not listed.

--format yaml writes a curated data file (format version 1): one direction per listed
community (id community-01, ..., named by its label) and an "assign" list giving each
work its community. Load it beside the data it came from to use the communities as
directions everywhere:

  litgraph communities --data my.yaml --format yaml --out directions.yaml
  litgraph directions --data my.yaml --data directions.yaml

JSON: an object with algorithm, resolution, random_seed, relations, as_of, works,
edges (of the undirected view), modularity, communities_found, min_size and
"communities": [{id, size, label, top_works: [{id, short_name, in_degree}], works}],
in id order; works are sorted by id.`,
		Example: `  litgraph communities
  litgraph communities --resolution 2 --min-size 3
  litgraph communities --format json --rel all
  litgraph communities --format yaml --out directions.yaml`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error { return a.runCommunities(o) },
	}
	o.analysis.register(cmd)
	cmd.Flags().Float64Var(&o.resolution, "resolution", 1, "modularity resolution γ (> 0); larger values give more, smaller communities")
	cmd.Flags().Uint64Var(&o.seed, "random-seed", 1, "seed for the node visiting order")
	cmd.Flags().IntVar(&o.minSize, "min-size", 2, "list (and, with --format yaml, make directions of) only communities of at least this many works")
	cmd.Flags().IntVar(&o.top, "top", 5, "most built-on works shown per community")
	return cmd
}

// community is one listed community.
type community struct {
	id, dirID string
	index     int
	label     string
	members   []int32 // sorted by work id
	top       []int32 // by in-degree descending, then id
}

func (a *app) runCommunities(o *communitiesOptions) error {
	f, err := a.format(append(slices.Clone(tabular), formatYAML))
	if err != nil {
		return err
	}
	if !(o.resolution > 0) || math.IsInf(o.resolution, 0) {
		return usagef("--resolution must be a positive number, not %g", o.resolution)
	}
	if o.minSize < 1 {
		return usagef("--min-size must be at least 1, not %d", o.minSize)
	}
	if o.top < 0 {
		return usagef("--top must be 0 or more, not %d", o.top)
	}
	an, err := a.loadAnalysis(&o.analysis)
	if err != nil {
		return err
	}
	g := an.g
	adj := g.Adjacency(an.kinds)
	p := graph.Louvain(adj, graph.LouvainOptions{Resolution: o.resolution, Seed: o.seed})
	titles := make([]string, g.NumWorks())
	for i := range titles {
		titles[i] = g.Work(i).Title
	}
	labels := graph.CommunityLabels(titles, p.Of, p.K())
	width := max(2, len(strconv.Itoa(p.K())))
	var listed []community
	hidden, hiddenWorks := 0, 0
	for c, m := range p.Members() {
		if len(m) < o.minSize {
			hidden++
			hiddenWorks += len(m)
			continue
		}
		top := slices.Clone(m)
		slices.SortFunc(top, func(x, y int32) int {
			return cmp.Or(cmp.Compare(len(adj.Pred(int(y))), len(adj.Pred(int(x)))), strings.Compare(g.ID(int(x)), g.ID(int(y))))
		})
		slices.SortFunc(m, func(x, y int32) int { return strings.Compare(g.ID(int(x)), g.ID(int(y))) })
		listed = append(listed, community{
			id: fmt.Sprintf("c%0*d", width, c+1), dirID: fmt.Sprintf("community-%0*d", width, c+1),
			index: c, label: labels[c], members: m, top: top[:min(o.top, len(top))],
		})
	}
	res := &communitiesResult{g: g, adj: adj, p: p, o: o, an: an, listed: listed, hidden: hidden, hiddenWorks: hiddenWorks}
	return a.emit(func(w io.Writer) error {
		switch f {
		case render.FormatJSON:
			return render.WriteJSON(w, res.object())
		case formatYAML:
			return res.writeYAML(w)
		}
		return render.Write(w, f, res.table())
	})
}

type communitiesResult struct {
	g           *graph.Graph
	adj         *graph.Adjacency
	p           *graph.Partition
	o           *communitiesOptions
	an          *analysis
	listed      []community
	hidden      int
	hiddenWorks int
}

func (r *communitiesResult) relNames() []string {
	var names []string
	for _, k := range r.an.kinds.Kinds() {
		names = append(names, k.String())
	}
	return names
}

func communitiesCount(n int) string {
	if n == 1 {
		return "1 community"
	}
	return fmt.Sprintf("%d communities", n)
}

func gammaString(g float64) string { return strconv.FormatFloat(g, 'g', -1, 64) }

func (r *communitiesResult) summary() string {
	s := fmt.Sprintf("Louvain, resolution %s, random seed %d, on %s and %s (undirected view of %s)",
		gammaString(r.o.resolution), r.o.seed, plural(r.g.NumWorks(), "work"), plural(r.p.Edges, "edge"), strings.Join(r.relNames(), ", "))
	if !r.an.asOf.IsZero() {
		s += ", as of " + r.an.asOf.String()
	}
	return s
}

func (r *communitiesResult) table() *render.Table {
	t := &render.Table{Columns: []render.Column{{Key: "id", Header: "community"}, {Key: "size"}, {Key: "label", Max: 44},
		{Key: "top_works", Header: "top works (in-degree)", Max: 60}, {Key: "works", Hide: true}}}
	for _, c := range r.listed {
		var top []string
		for _, v := range c.top {
			top = append(top, r.g.Label(int(v)))
		}
		t.Rows = append(t.Rows, []any{c.id, len(c.members), c.label, nonNil(top), r.ids(c.members)})
	}
	q := "undefined (no edges)"
	if !math.IsNaN(r.p.Modularity) {
		q = render.FormatFloat(r.p.Modularity)
	}
	t.Footer = []string{r.summary(), fmt.Sprintf("%s found, modularity Q = %s", communitiesCount(r.p.K()), q)}
	if r.hidden > 0 {
		t.Footer = append(t.Footer, fmt.Sprintf("%s smaller than %d (%s) not listed", communitiesCount(r.hidden), r.o.minSize, plural(r.hiddenWorks, "work")))
	}
	return t
}

func (r *communitiesResult) ids(vs []int32) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = r.g.ID(int(v))
	}
	return out
}

func (r *communitiesResult) object() render.Object {
	cs := make([]render.Object, 0, len(r.listed))
	for _, c := range r.listed {
		top := make([]render.Object, 0, len(c.top))
		for _, v := range c.top {
			wk := r.g.Work(int(v))
			top = append(top, render.O("id", wk.ID, "short_name", nullStr(wk.ShortName), "in_degree", len(r.adj.Pred(int(v)))))
		}
		cs = append(cs, render.O("id", c.id, "size", len(c.members), "label", c.label, "top_works", top, "works", r.ids(c.members)))
	}
	var asOf any
	if !r.an.asOf.IsZero() {
		asOf = r.an.asOf.String()
	}
	return render.O("algorithm", "louvain", "resolution", r.o.resolution, "random_seed", r.o.seed,
		"relations", r.relNames(), "as_of", asOf, "works", r.g.NumWorks(), "edges", r.p.Edges,
		"modularity", r.p.Modularity, "communities_found", r.p.K(), "min_size", r.o.minSize, "communities", cs)
}

// yamlString quotes s as a YAML double-quoted scalar (JSON string syntax is valid YAML).
func yamlString(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(buf.String(), "\n")
}

// writeYAML writes the curated directions file: a direction per listed community and an
// assign entry per work of a listed community, grouped by community, works by id.
func (r *communitiesResult) writeYAML(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Directions from litgraph communities: %s.\n", r.summary())
	q := "undefined (no edges)"
	if !math.IsNaN(r.p.Modularity) {
		q = strconv.FormatFloat(r.p.Modularity, 'f', 6, 64)
	}
	fmt.Fprintf(&b, "# %s found, modularity Q = %s; communities of fewer than %d works left out.\n",
		communitiesCount(r.p.K()), q, r.o.minSize)
	b.WriteString("# Load it beside the data it was computed from: litgraph --data DATA --data THIS-FILE ...\n")
	fmt.Fprintf(&b, "version: %d\n", loader.FormatVersion)
	if len(r.listed) == 0 {
		b.WriteString("directions: []\nassign: []\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	b.WriteString("directions:\n")
	for _, c := range r.listed {
		desc := fmt.Sprintf("Louvain community, resolution %s, seed %d, %s (litgraph communities on %s",
			gammaString(r.o.resolution), r.o.seed, plural(len(c.members), "work"), strings.Join(r.relNames(), ", "))
		if !r.an.asOf.IsZero() {
			desc += ", as of " + r.an.asOf.String()
		}
		desc += ")."
		fmt.Fprintf(&b, "  - id: %s\n    name: %s\n    description: %s\n", c.dirID, yamlString(c.label), yamlString(desc))
	}
	b.WriteString("assign:\n")
	for _, c := range r.listed {
		for _, v := range c.members {
			fmt.Fprintf(&b, "  - {work: %s, directions: [%s]}\n", yamlString(r.g.ID(int(v))), c.dirID)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
