package loader

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/litgraph/litgraph/graph"
)

// FuzzLoad checks that the curated loader never panics: every input either loads into a
// consistent graph or fails with an ErrorList whose problems all name the file.
//
//	go test ./loader -run '^$' -fuzz FuzzLoad -fuzztime 60s
func FuzzLoad(f *testing.F) {
	f.Add(builtinData)
	for _, dir := range []string{"invalid", "valid"} {
		files, _ := filepath.Glob(filepath.Join("..", "testdata", dir, "*"))
		for _, p := range files {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte(`{"version": 1, "works": [{"id": "a", "title": "A", "relations": [{"kind": "cites", "to": "a"}]}]}`))
	f.Add([]byte("version: 1\nworks:\n  - &x {id: a, title: A}\n  - *x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Load([]Source{{Name: "fuzz.yaml", Data: data}}, Options{MaxYear: 2027})
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error does not match ErrInvalid: %v", err)
			}
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error is not a non-empty ErrorList: %v", err)
			}
			for _, p := range list {
				if p.File != "fuzz.yaml" && p.File != "litgraph" {
					t.Fatalf("problem without the file name: %v", p)
				}
			}
			return
		}
		g := res.Graph
		for e := range g.NumEdges() {
			ed := g.Edge(e)
			if ed.From == ed.To || !ed.Kind.Valid() {
				t.Fatalf("edge %d is a self-loop or has an invalid kind", e)
			}
		}
		if c := graph.Cycles(g.Adjacency(graph.LineageKinds)); len(c) > 0 {
			t.Fatalf("lineage cycle accepted: %v", c)
		}
	})
}
