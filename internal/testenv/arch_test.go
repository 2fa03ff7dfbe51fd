package testenv

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImportsPointOneWay keeps the architecture: cmd → internal/cli → {loader, graph, render},
// loader → graph, render → graph. Library packages never import cobra or the CLI, and graph
// imports no other litgraph package except its own internals.
func TestImportsPointOneWay(t *testing.T) {
	const mod = "github.com/litgraph/litgraph/"
	forbidden := map[string][]string{
		"graph":  {mod + "loader", mod + "render", mod + "internal/cli", "github.com/spf13/cobra", "os", "fmt.Print"},
		"loader": {mod + "render", mod + "internal/cli", "github.com/spf13/cobra"},
		"render": {mod + "loader", mod + "internal/cli", "github.com/spf13/cobra", "os"},
	}
	root := ModuleRoot(t)
	checked := 0
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		top := strings.Split(filepath.ToSlash(rel), "/")[0]
		bans, ok := forbidden[top]
		if !ok {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		checked++
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			for _, ban := range bans {
				if p == ban || strings.HasPrefix(p, ban+"/") {
					t.Errorf("%s imports %s: %s must not", rel, p, top)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked == 0 {
		t.Fatal("no files checked")
	}
}
