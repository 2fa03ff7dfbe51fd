// Package testenv helps tests find the shared data and the external tools (networkx,
// igraph) that comparison tests use. A test that needs something missing is skipped, except
// in CI (CI=true), where it fails so that a broken setup cannot pass unnoticed.
package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// skipOrFail skips the test, or fails it when running in CI.
func skipOrFail(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf(format, args...)
	}
	t.Skipf(format, args...)
}

// SharedDir returns the shared folder (bench scripts, data sets): $LITGRAPH_SHARED when set,
// else ../shared beside the module root (the folder holding go.mod, found by walking up from
// the working directory).
func SharedDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("LITGRAPH_SHARED"); d != "" {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
		skipOrFail(t, "LITGRAPH_SHARED=%s is not a directory", d)
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			skipOrFail(t, "no go.mod above the working directory; set LITGRAPH_SHARED")
			return ""
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared")
	if st, err := os.Stat(shared); err != nil || !st.IsDir() {
		skipOrFail(t, "shared data not found at %s; set LITGRAPH_SHARED", shared)
	}
	return shared
}

// RequireTool skips (or, in CI, fails) the test when the named program is not on PATH.
func RequireTool(t testing.TB, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		skipOrFail(t, "%s not found on PATH", name)
	}
}

// Python returns the system interpreter /usr/bin/python3 after checking that it imports
// networkx; it skips (or, in CI, fails) the test otherwise.
func Python(t testing.TB) string {
	t.Helper()
	const py = "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		skipOrFail(t, "%s not found", py)
	}
	if out, err := exec.Command(py, "-c", "import networkx").CombinedOutput(); err != nil {
		skipOrFail(t, "%s cannot import networkx: %v: %s", py, err, out)
	}
	return py
}
