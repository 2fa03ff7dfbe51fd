package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportSnapshot writes the built-in data plus a user file as a snapshot and checks that
// every command sees the same graph through it, and that damaged snapshots are refused.
func TestImportSnapshot(t *testing.T) {
	inModuleRoot(t)
	snap := filepath.Join(t.TempDir(), "field.lgs")
	_, stderr, code := runCLI(t, "import", "--data", "builtin", "--data", "testdata/valid/mine.yaml", "--out", snap)
	if code != ExitOK || !strings.Contains(stderr, "wrote "+snap+": 132 works") {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	for _, args := range [][]string{
		{"works", "--format", "json"},
		{"directions", "--format", "csv"},
		{"show", "my-swin-variant", "--format", "json"},
		{"crowded", "--as-of", "2021-06", "--format", "json"},
		{"plan", "--target", "swin"},
	} {
		want := mustRun(t, append(args, "--data", "builtin", "--data", "testdata/valid/mine.yaml")...)
		got := mustRun(t, append(args, "--data", snap)...)
		if got != want {
			t.Errorf("%v differs between the sources and their snapshot", args)
		}
	}
	data, err := os.ReadFile(snap)
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "bad.lgs")
	for _, damaged := range [][]byte{data[:len(data)/2], append(append([]byte{}, data[:100]...), append([]byte{data[100] ^ 1}, data[101:]...)...)} {
		os.WriteFile(bad, damaged, 0o644)
		_, stderr, code := runCLI(t, "works", "--data", bad)
		if code != ExitInvalid || !strings.Contains(stderr, "re-create it with litgraph import") {
			t.Errorf("damaged snapshot: exit %d, %q", code, stderr)
		}
	}
	if _, stderr, code := runCLI(t, "import", "--data", "builtin"); code != ExitInvalid || !strings.Contains(stderr, "--out") {
		t.Errorf("import without --out: exit %d %q", code, stderr)
	}
	if _, stderr, code := runCLI(t, "works", "--data", snap, "--data", "builtin"); code != ExitInvalid || !strings.Contains(stderr, "only --data source") {
		t.Errorf("snapshot mixed with other data: exit %d %q", code, stderr)
	}
}
