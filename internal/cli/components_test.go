package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestComponentsBuiltin: the built-in data's components, golden in every format.
func TestComponentsBuiltin(t *testing.T) {
	for _, f := range []string{"table", "json", "csv"} {
		golden(t, filepath.Join("testdata", "components", "builtin."+f), mustRun(t, "components", "--format", f))
	}
}

// TestComponentsEdgeList: a → b ← c, d → e: two components, the first of 3 works whose
// most built-on work is b; sizes and shares sum to all works.
func TestComponentsEdgeList(t *testing.T) {
	path := filepath.Join(t.TempDir(), "e.txt")
	if err := os.WriteFile(path, []byte("a b\nc b\nd e\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, "components", "--data", path, "--format", "json", "--top", "0")
	var rows []struct {
		Rank        int     `json:"rank"`
		Size        int     `json:"size"`
		Share       float64 `json:"share"`
		MostBuiltOn string  `json:"most_built_on"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Size != 3 || rows[0].MostBuiltOn != "b" || rows[1].Size != 2 || rows[0].Share != 0.6 {
		t.Errorf("got %+v", rows)
	}
	if _, stderr, code := runCLI(t, "components", "--top", "-1"); code != 2 || !strings.Contains(stderr, "--top") {
		t.Errorf("--top -1: exit %d, %q", code, stderr)
	}
}
