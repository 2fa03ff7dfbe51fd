package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/litgraph/litgraph/internal/testenv"
)

func TestImportWorksCora(t *testing.T) {
	cora := filepath.Join(testenv.SharedDir(t), "data", "cora", "cora.edges.txt")
	out, stderr, code := runCLI(t, "works", "--data", cora, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var works []map[string]any
	if err := json.Unmarshal([]byte(out), &works); err != nil {
		t.Fatal(err)
	}
	// cora/PROVENANCE.md: 2708 nodes.
	if len(works) != 2708 {
		t.Errorf("%d works, want 2708", len(works))
	}
	if want := "cora.edges.txt: 151 reciprocal citation pairs (each cites the other) kept (warning)\n"; !strings.HasSuffix(stderr, want) {
		t.Errorf("stderr %q, want suffix %q", stderr, want)
	}
	// The raw LINQS file, reversed, is the same graph; --labels gives 7 directions.
	out, _, code = runCLI(t, "directions", "--data", "edgelist:"+filepath.Join(filepath.Dir(cora), "cora.cites"), "--reverse",
		"--labels", filepath.Join(filepath.Dir(cora), "cora.labels.tsv"), "--format", "csv")
	if code != 0 || strings.Count(out, "\n") != 8 || !strings.Contains(out, "Neural_Networks,Neural Networks,,0,,818,818") {
		t.Errorf("directions with labels: exit %d\n%s", code, out)
	}
}

func TestImportValidateBad(t *testing.T) {
	bad := filepath.Join("testdata", "import", "bad.txt")
	out, stderr, code := runCLI(t, "validate", "--data", bad)
	if code != ExitInvalid || out != "" {
		t.Errorf("exit %d, stdout %q; want 2 and nothing", code, out)
	}
	golden(t, "testdata/import/validate-bad.stderr", stderr)

	out, stderr, code = runCLI(t, "validate", "--lenient", "--data", bad)
	if code != ExitOK {
		t.Errorf("--lenient: exit %d", code)
	}
	golden(t, "testdata/import/validate-bad-lenient.out", out+"--- stderr\n"+stderr)
}

func TestImportShowAlias(t *testing.T) {
	// A BibTeX entry and an OpenAlex record merged into the curated transformer work.
	lib := filepath.Join("..", "..", "loader", "testdata")
	out, stderr, code := runCLI(t, "show", "W2963403868", "--data", "builtin",
		"--data", filepath.Join(lib, "attention.openalex.json"), "--data", filepath.Join(lib, "library.bib"), "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var w map[string]any
	if err := json.Unmarshal([]byte(out), &w); err != nil {
		t.Fatal(err)
	}
	if w["id"] != "transformer" {
		t.Errorf("show W2963403868 gave %v, want the curated transformer", w["id"])
	}
	aliases, _ := json.Marshal(w["aliases"])
	tags, _ := json.Marshal(w["tags"])
	if !strings.Contains(string(aliases), "W2963403868") || !strings.Contains(string(aliases), "vaswani2017attention") || !strings.Contains(string(tags), "library") {
		t.Errorf("aliases %s tags %s", aliases, tags)
	}
}

func TestImportFlagErrors(t *testing.T) {
	_, stderr, code := runCLI(t, "validate", "--directions-from", "bogus")
	if code != ExitInvalid || !strings.Contains(stderr, "--directions-from") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	_, stderr, code = runCLI(t, "validate", "--data", "edgelist,bogus:x")
	if code == ExitOK || !strings.Contains(stderr, "unknown option") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}
