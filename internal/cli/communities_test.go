package cli

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/litgraph/litgraph/loader"
)

// The -update flag rewrites golden files. Another test file of this package may declare it
// as a package variable (initialised before any init function runs); then it is reused.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func TestCommunitiesGolden(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
	}{
		{"builtin.txt", nil},
		{"builtin.json", []string{"--format", "json"}},
		{"builtin.csv", []string{"--format", "csv"}},
		{"builtin.md", []string{"--format", "markdown"}},
		{"builtin.yaml", []string{"--format", "yaml"}},
		{"all-res2-min3.txt", []string{"--rel", "all", "--resolution", "2", "--min-size", "3", "--top", "2"}},
		{"asof-2019.txt", []string{"--as-of", "2019", "--random-seed", "7"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, errs, code := runCLI(t, append([]string{"communities"}, c.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			golden(t, filepath.Join("testdata", "communities", c.name), out)
			again, _, _ := runCLI(t, append([]string{"communities"}, c.args...)...)
			if again != out {
				t.Fatal("a second run gave different bytes")
			}
		})
	}
}

func TestCommunitiesUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--resolution", "0"}, "--resolution must be a positive number"},
		{[]string{"--resolution", "-1"}, "--resolution must be a positive number"},
		{[]string{"--min-size", "0"}, "--min-size must be at least 1"},
		{[]string{"--top", "-1"}, "--top must be 0 or more"},
		{[]string{"--format", "dot"}, `unknown format "dot"; this command writes table, json, csv, markdown, yaml`},
		{[]string{"--rel", "cite"}, `unknown relation kind "cite"`},
		{[]string{"extra"}, ""},
	} {
		_, errs, code := runCLI(t, append([]string{"communities"}, c.args...)...)
		if code != ExitInvalid || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", c.args, code, errs, c.want)
		}
	}
	// --format yaml belongs to communities only.
	if _, _, code := runCLI(t, "works", "--format", "yaml"); code != ExitInvalid {
		t.Errorf("works --format yaml: exit %d, want 2", code)
	}
}

// TestCommunitiesYAMLRoundTrip writes the directions file, loads it beside the built-in data
// and checks that every work of a listed community has that community among its directions
// and the others have none.
func TestCommunitiesYAMLRoundTrip(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "directions.yaml")
	if _, errs, code := runCLI(t, "communities", "--format", "yaml", "--out", f); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	js, errs, code := runCLI(t, "communities", "--format", "json", "--min-size", "1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	res, err := loader.Load([]loader.Source{loader.Builtin(), {Name: f, Data: data}}, loader.Options{})
	if err != nil {
		t.Fatalf("loading builtin + %s: %v", f, err)
	}
	g := res.Graph
	base, err := loader.Load([]loader.Source{loader.Builtin()}, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The partition from the JSON (min-size 1 lists every community): c01 ↔ community-01.
	community := map[string]string{}
	size := map[string]int{}
	var parsed struct {
		Communities []struct {
			ID    string   `json:"id"`
			Works []string `json:"works"`
		} `json:"communities"`
	}
	if err := json.Unmarshal([]byte(js), &parsed); err != nil {
		t.Fatal(err)
	}
	for _, c := range parsed.Communities {
		for _, w := range c.Works {
			community[w] = "community-" + strings.TrimPrefix(c.ID, "c")
			size[community[w]]++
		}
	}
	if len(community) != g.NumWorks() {
		t.Fatalf("JSON lists %d works in communities, graph has %d", len(community), g.NumWorks())
	}
	assigned := 0
	for i := range g.NumWorks() {
		w := g.Work(i)
		c := community[w.ID]
		old := base.Graph.Work(i).Directions
		switch {
		case size[c] >= 2: // the default --min-size
			assigned++
			if !slices.Contains(w.Directions, c) {
				t.Errorf("%s: directions %v lack its community %s", w.ID, w.Directions, c)
			}
			if !slices.Equal(w.Directions[:len(old)], old) || len(w.Directions) != len(old)+1 {
				t.Errorf("%s: directions %v, want %v then %s", w.ID, w.Directions, old, c)
			}
		default:
			if !slices.Equal(w.Directions, old) {
				t.Errorf("%s (community of %d): directions %v changed from %v", w.ID, size[c], w.Directions, old)
			}
		}
	}
	if assigned == 0 {
		t.Fatal("no work was assigned a community")
	}
	// The directions file on its own does not load: assign needs the works.
	if _, err := loader.Load([]loader.Source{{Name: f, Data: data}}, loader.Options{}); err == nil || !strings.Contains(err.Error(), "unknown work") {
		t.Errorf("loading the directions file alone: %v, want unknown work errors", err)
	}
}

// TestCommunitiesNoEdges: works without relations are singletons, Q is undefined (JSON null),
// and the yaml file (no direction reaches --min-size) still loads beside the data.
func TestCommunitiesNoEdges(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "w.yaml")
	if err := os.WriteFile(data, []byte("version: 1\nworks:\n  - {id: a, title: \"Alpha beta\"}\n  - {id: b, title: \"Beta gamma\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	js, errs, code := runCLI(t, "communities", "--data", data, "--format", "json", "--min-size", "1")
	if code != 0 || !strings.Contains(js, `"modularity": null`) || !strings.Contains(js, `"label": "alpha / beta"`) || !strings.Contains(js, `"label": "gamma / beta"`) {
		t.Fatalf("exit %d, stderr %s, output:\n%s", code, errs, js)
	}
	out := filepath.Join(dir, "d.yaml")
	if _, errs, code := runCLI(t, "communities", "--data", data, "--format", "yaml", "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if _, errs, code := runCLI(t, "validate", data, out); code != 0 {
		t.Fatalf("validate data + directions: exit %d: %s", code, errs)
	}
}
