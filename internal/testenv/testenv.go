// Package testenv finds the shared data directory and external tools for tests, skipping a
// test when they are missing, except on CI (CI=true), where a missing dependency fails it.
package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// skipOrFail skips the test, or fails it on CI.
func skipOrFail(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf(format, args...)
	}
	t.Skipf(format, args...)
}

// moduleRoot walks up from the working directory to the folder holding go.mod.
func moduleRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// SharedDir returns the shared data directory: $LITGRAPH_SHARED, else ../shared beside the
// module root.
func SharedDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("LITGRAPH_SHARED"); d != "" {
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			return d
		}
	}
	if root := moduleRoot(); root != "" {
		d := filepath.Join(root, "..", "shared")
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			return d
		}
	}
	skipOrFail(t, "shared data not found: set LITGRAPH_SHARED or check it out beside the module as ../shared")
	return ""
}

// RequireTool skips (or on CI fails) the test when the named program is not on PATH.
func RequireTool(t testing.TB, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		skipOrFail(t, "%s not found on PATH", name)
	}
}

// Python returns /usr/bin/python3 after checking that it imports networkx.
func Python(t testing.TB) string {
	t.Helper()
	const py = "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import networkx").Run(); err != nil {
		skipOrFail(t, "%s with networkx not available: %v", py, err)
	}
	return py
}
