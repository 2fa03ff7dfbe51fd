package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/litgraph/litgraph/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite golden files")

// runCLI runs litgraph in-process with empty stdin and returns stdout, stderr and the exit
// status.
func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runCLIStdin(t, "", args...)
}

func runCLIStdin(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

// mustRun runs litgraph and fails the test unless it exits 0; it returns stdout.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, code := runCLI(t, args...)
	if code != ExitOK {
		t.Fatalf("litgraph %s: exit %d\nstderr: %s", strings.Join(args, " "), code, errOut)
	}
	return out
}

// golden compares got with a golden file, rewriting it with -update. path is an absolute
// path, a path below the package (testdata/...), or a name below testdata/golden.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if !filepath.IsAbs(path) && !strings.HasPrefix(path, "testdata/") {
		path = filepath.Join("testdata", "golden", path)
	}
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update rewrites it)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// inModuleRoot makes the test run from the module root, so that paths in messages read as a
// user would type them (testdata/invalid/x.yaml).
func inModuleRoot(t *testing.T) string {
	t.Helper()
	root := testenv.ModuleRoot(t)
	t.Chdir(root)
	return root
}
