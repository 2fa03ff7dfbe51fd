package loader

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/litgraph/litgraph/graph"
)

// TestSchemaMatchesLoader keeps docs/litgraph.schema.json in step with the keys and kinds the
// loader accepts.
func TestSchemaMatchesLoader(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "docs", "litgraph.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Properties map[string]any `json:"properties"`
		Defs       map[string]struct {
			Properties map[string]any `json:"properties"`
			Required   []string       `json:"required"`
			Enum       []string       `json:"enum"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	keys := func(m map[string]any) []string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		slices.Sort(out)
		return out
	}
	sorted := func(in []string) []string { out := slices.Clone(in); slices.Sort(out); return out }
	for name, want := range map[string][]string{"": topKeys, "work": workKeys, "direction": directionKeys, "task": taskKeys, "relation": relationKeys, "topRelation": topRelKeys, "assign": assignKeys} {
		var got []string
		if name == "" {
			got = keys(s.Properties)
		} else {
			got = keys(s.Defs[name].Properties)
		}
		if !slices.Equal(got, sorted(want)) {
			t.Errorf("schema %q keys %v, loader %v", name, got, sorted(want))
		}
	}
	if !slices.Equal(s.Defs["kind"].Enum, graph.KindNames()) {
		t.Errorf("schema kinds %v, vocabulary %v", s.Defs["kind"].Enum, graph.KindNames())
	}
}

// TestDocExampleLoads loads the complete example of docs/data-format.md on top of the
// built-in data.
func TestDocExampleLoads(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "data-format.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(doc)
	start := strings.Index(s, "```yaml\n")
	end := strings.Index(s[start+8:], "```")
	if start < 0 || end < 0 {
		t.Fatal("no yaml block in docs/data-format.md")
	}
	example := s[start+8 : start+8+end]
	res, err := Load([]Source{Builtin(), {Name: "example.yaml", Data: []byte(example)}}, Options{MaxYear: 2027})
	if err != nil {
		t.Fatal(err)
	}
	g := res.Graph
	i, ok := g.Lookup("doi:10.5555/MY-POSE-NET")
	if !ok || g.ID(i) != "my-pose-net" || len(g.Work(i).Directions) != 2 {
		t.Fatalf("example work not loaded as documented")
	}
	if lo, hi := g.OutEdges(i); hi-lo != 3 {
		t.Errorf("example work has %d relations, want 3", hi-lo)
	}
}
