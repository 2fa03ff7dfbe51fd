// Package testenv finds what tests need outside the module: the shared data folder, external
// tools and Python with networkx. A test whose need is missing is skipped with a message,
// except in CI (CI=true), where it fails: CI must have everything installed.
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

// SharedDir returns the shared data folder: $LITGRAPH_SHARED when set, else "shared" beside
// the module root (the folder holding go.mod, found by walking up from the working
// directory).
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
			skipOrFail(t, "no go.mod above the test's working directory")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared")
	if st, err := os.Stat(shared); err != nil || !st.IsDir() {
		skipOrFail(t, "shared data not found at %s (set LITGRAPH_SHARED)", shared)
	}
	return shared
}

// RequireTool returns the path of the named program, skipping (or, in CI, failing) the test
// when it is not on PATH.
func RequireTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		skipOrFail(t, "%s is not installed (not on PATH)", name)
	}
	return p
}

// Python returns /usr/bin/python3 after checking that it can import networkx.
func Python(t testing.TB) string {
	t.Helper()
	const py = "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		skipOrFail(t, "%s is not installed", py)
	}
	if out, err := exec.Command(py, "-c", "import networkx").CombinedOutput(); err != nil {
		skipOrFail(t, "%s cannot import networkx: %v: %s", py, err, out)
	}
	return py
}
