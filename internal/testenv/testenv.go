// Package testenv finds what tests need outside the module (the shared data sets, Python with
// networkx, Graphviz) and decides what a test does when it is missing: skip on a developer's
// machine, fail when CI=true, because CI installs everything the tests need.
package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// InCI reports whether the tests run in CI (CI=true), where nothing may be skipped.
func InCI() bool { return os.Getenv("CI") == "true" }

// Missing skips the test with the reason, or fails it in CI.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	if InCI() {
		t.Fatalf("CI=true but "+format, args...)
	}
	t.Skipf(format, args...)
}

// ModuleRoot returns the folder holding go.mod, walking up from the working directory.
func ModuleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("testenv: no go.mod above the working directory")
		}
		dir = parent
	}
}

// SharedDir returns the shared folder (data sets, bench scripts): $LITGRAPH_SHARED when set,
// else ../shared beside the module root, as CI lays it out.
func SharedDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("LITGRAPH_SHARED"); d != "" {
		return d
	}
	d := filepath.Join(ModuleRoot(t), "..", "shared")
	if _, err := os.Stat(d); err != nil {
		Missing(t, "no shared folder at %s (set LITGRAPH_SHARED)", d)
	}
	return d
}

// SharedFile returns a path below SharedDir, skipping (or failing in CI) when it is absent.
func SharedFile(t testing.TB, rel ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{SharedDir(t)}, rel...)...)
	if _, err := os.Stat(p); err != nil {
		Missing(t, "shared file %s is missing", p)
	}
	return p
}

// RequireTool returns the path of an executable, skipping (or failing in CI) when it is not
// installed.
func RequireTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, "%s is not installed", name)
	}
	return p
}

// Python returns /usr/bin/python3 after checking that it imports networkx (Debian's
// python3-networkx; the first python3 on PATH may be another interpreter without it).
func Python(t testing.TB) string {
	t.Helper()
	const py = "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import networkx").Run(); err != nil {
		Missing(t, "%s cannot import networkx (apt-get install python3-networkx): %v", py, err)
	}
	return py
}
