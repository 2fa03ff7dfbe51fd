package loader

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func loadWith(t *testing.T, extra string) (*Result, error) {
	t.Helper()
	return Load([]Source{Builtin(), {Name: "extra.yaml", Data: []byte(extra)}}, Options{})
}

func TestAssignAddsDirections(t *testing.T) {
	res, err := loadWith(t, `version: 1
directions:
  - id: community-01
    name: "transformer / vision"
assign:
  - work: swin
    directions: [community-01]
  - work: arxiv:2010.11929v2
    directions: [community-01, vit-operators]
`)
	if err != nil {
		t.Fatal(err)
	}
	g := res.Graph
	i, _ := g.Lookup("swin")
	if w := g.Work(i); !slices.Contains(w.Directions, "community-01") || w.Directions[len(w.Directions)-1] != "community-01" {
		t.Fatalf("swin directions %v: want community-01 added last", w.Directions)
	}
	j, ok := g.Lookup("arxiv:2010.11929")
	if !ok {
		t.Fatal("no work with arXiv 2010.11929")
	}
	w := g.Work(j)
	if !slices.Contains(w.Directions, "community-01") {
		t.Fatalf("%s directions %v: want community-01", w.ID, w.Directions)
	}
	n := 0
	for _, d := range w.Directions {
		if d == "vit-operators" {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%s directions %v: vit-operators once", w.ID, w.Directions)
	}
}

func TestAssignErrors(t *testing.T) {
	_, err := loadWith(t, `version: 1
assign:
  - work: swim
    directions: [vit-operators]
  - work: swin
    directions: [vit-operator, vit-local, vit-local]
  - work: swin
    direction: [vit-local]
  - directions: [vit-local]
  - work: vit
`)
	var list ErrorList
	if !errors.As(err, &list) || !errors.Is(err, ErrInvalid) {
		t.Fatalf("want an ErrorList, got %v", err)
	}
	got := err.Error()
	for _, want := range []string{
		`extra.yaml:3:11: unknown work "swim" in "assign"; did you mean "swin"?`,
		`extra.yaml:6:18: unknown direction "vit-operator" in "assign"; did you mean "vit-operators"?`,
		`extra.yaml:6:43: direction "vit-local" is listed twice for work "swin"`,
		`extra.yaml:8:5: unknown key "direction" in assign entry; did you mean "directions"?`,
		`extra.yaml:9:15: assign entry is missing required field "work"`,
		`extra.yaml:10:11: assign entry for "vit" is missing "directions"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

// FuzzAssign loads the built-in data with a fuzzed extra file: it must never panic, and a
// failure must be an invalid-input error.
func FuzzAssign(f *testing.F) {
	f.Add("version: 1\nassign:\n  - work: swin\n    directions: [vit-local]\n")
	f.Add("version: 1\nassign:\n  - {work: arxiv:2103.14030, directions: [x]}\n")
	f.Add("version: 1\nassign: [1, {work: []}, {directions: null}]\n")
	f.Add("version: 1\nassign:\n  work: swin\n")
	f.Fuzz(func(t *testing.T, doc string) {
		_, err := Load([]Source{Builtin(), {Name: "f.yaml", Data: []byte(doc)}}, Options{})
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Fatalf("not an invalid-input error: %v", err)
		}
	})
}
