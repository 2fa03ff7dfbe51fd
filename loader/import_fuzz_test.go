package loader

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// fuzzSeeds adds the testdata fixtures and small prefixes of the shared files to f.
func fuzzSeeds(f *testing.F, testdata []string, shared []string, extra ...string) {
	for _, n := range testdata {
		if data, err := os.ReadFile(filepath.Join("testdata", n)); err == nil {
			f.Add(data)
		}
	}
	if dir := os.Getenv("LITGRAPH_SHARED"); dir != "" {
		for _, n := range shared {
			data, err := os.ReadFile(filepath.Join(dir, n))
			if err != nil {
				continue
			}
			if d, err := readAllData(data); err == nil {
				data = d
			}
			if len(data) > 1024 {
				data = data[:1024]
			}
			f.Add(data)
		}
	}
	for _, e := range extra {
		f.Add([]byte(e))
	}
}

// fuzzLoad loads data forced to one format, plain and lenient: it must never panic, and an
// error must be a positioned ErrorList.
func fuzzLoad(t *testing.T, data []byte, format Format) {
	for _, lenient := range []bool{false, true} {
		res, err := Load([]Source{{Name: "fuzz", Data: data, Format: format, Paper: "P"}}, Options{Lenient: lenient, DirectionsFrom: "topics"})
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error is not an ErrorList: %v", err)
			}
			continue
		}
		g := res.Graph
		for e := range g.NumEdges() {
			if ed := g.Edge(e); ed.From == ed.To {
				t.Fatal("self-loop in the graph")
			}
		}
	}
}

func FuzzEdgeList(f *testing.F) {
	fuzzSeeds(f, []string{"bad-edges.txt"}, []string{"data/cora/cora.cites", "data/cit-hepph-subset/cit-HepPh.first201300.txt.gz"},
		"# c\n1 2\r\n2 1\n1 1\n1 2\n", "a\n", "a b c\n\n\t\n")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, data, FormatEdgeList) })
}

func FuzzOpenAlex(f *testing.F) {
	fuzzSeeds(f, []string{"attention.openalex.json", "truncated.jsonl"}, []string{"data/openalex/works.jsonl"},
		`{"results":[{"id":"https://openalex.org/W1","referenced_works":["W1","W2"]}]}`, `[{"id":"W1"}]`)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, data, FormatOpenAlex) })
}

func FuzzS2(f *testing.F) {
	fuzzSeeds(f, nil, []string{"data/semanticscholar/Citation.json", "data/semanticscholar/Reference.json"},
		`{"paperId":"a","citations":[{"paperId":"b"},{"paperId":null}],"references":[{"paperId":"a"}]}`,
		`{"data":[{"citingPaper":{"paperId":"x"},"intents":["methodology"],"isInfluential":true}]}`)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, data, FormatS2) })
}

func FuzzBibTeX(f *testing.F) {
	fuzzSeeds(f, []string{"library.bib"}, nil, "@article{k, title = {a {b} c} # \"d\", year = 2020}", "@string(x = \"y\")\n@misc{", "@{")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, data, FormatBibTeX) })
}

func FuzzRIS(f *testing.F) {
	fuzzSeeds(f, []string{"library.ris"}, nil, "TY  - JOUR\nPY  - 2021/13/40/\nER  - \n", "ER  - \nTY  -")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, data, FormatRIS) })
}
