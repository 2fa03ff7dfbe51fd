package cli

import (
	"encoding/json"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/litgraph/litgraph/graph"
)

func TestRankSimilarGolden(t *testing.T) {
	cases := []struct {
		golden string
		args   []string
	}{
		{"rank/pagerank-top10.txt", []string{"rank", "--by", "pagerank", "--top", "10"}},
		{"rank/pagerank-top10.json", []string{"rank", "--by", "pagerank", "--top", "10", "--format", "json"}},
		{"rank/betweenness-diffusion.csv", []string{"rank", "--by", "betweenness", "--direction", "diffusion", "--format", "csv"}},
		{"rank/descendants-diffusion.txt", []string{"rank", "--by", "descendants", "--direction", "diffusion"}},
		{"rank/descendants-asof-2020.txt", []string{"rank", "--by", "descendants", "--top", "8", "--as-of", "2020"}},
		{"rank/core-top5.md", []string{"rank", "--by", "core", "--top", "5", "--format", "markdown"}},
		{"rank/authority-top5.txt", []string{"rank", "--by", "authority", "--top", "5"}},
		{"rank/betweenness-sampled.txt", []string{"rank", "--by", "betweenness", "--top", "5", "--samples", "40", "--random-seed", "3"}},
		{"rank/all-top5.txt", []string{"rank", "--by", "all", "--top", "5"}},
		{"rank/all-top3.json", []string{"rank", "--by", "all", "--top", "3", "--format", "json"}},
		{"similar/detr.txt", []string{"similar", "detr"}},
		{"similar/detr-top5.json", []string{"similar", "detr", "--top", "5", "--format", "json"}},
		{"similar/vit-cocitation.txt", []string{"similar", "vit", "--by", "cocitation", "--top", "10"}},
		{"similar/near-duplicates-p1.txt", []string{"similar", "p1", "--data", "testdata/similar/near-duplicates.yaml"}},
		{"similar/near-duplicates-p1-lineage.txt", []string{"similar", "p1", "--data", "testdata/similar/near-duplicates.yaml", "--rel", "lineage"}},
		{"similar/ddpm-coupling.txt", []string{"similar", "arxiv:2006.11239", "--by", "coupling", "--top", "10"}},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			out, errs, code := runCLI(t, c.args...)
			if code != ExitOK {
				t.Fatalf("exit %d, stderr:\n%s", code, errs)
			}
			golden(t, filepath.Join("testdata", c.golden), out)
		})
	}
}

func TestRankErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string // in stderr
	}{
		{[]string{"rank", "--by", "pagrank"}, `did you mean "pagerank"?`},
		{[]string{"rank", "--by", "PageRank"}, `did you mean "pagerank"?`},
		{[]string{"rank", "--top", "-1"}, "--top -1"},
		{[]string{"rank", "--by", "core", "--samples", "5"}, "--samples applies to --by betweenness only"},
		{[]string{"rank", "--by", "hub", "--damping", "0.5"}, "--damping applies to --by pagerank only"},
		{[]string{"rank", "--by", "core", "--tol", "1e-6"}, "--tol applies to"},
		{[]string{"rank", "--damping", "1"}, "--damping 1"},
		{[]string{"rank", "--tol", "0"}, "--tol 0"},
		{[]string{"rank", "--direction", "vit-transfr"}, `did you mean "vit-transfer"?`},
		{[]string{"rank", "--rel", "modifiez"}, "unknown relation kind"},
		{[]string{"rank", "extra"}, "no arguments"},
		{[]string{"similar", "detrr"}, `did you mean "detr"?`},
		{[]string{"similar", "detr", "--by", "cosine"}, "unknown measure"},
		{[]string{"similar"}, "takes a work id"},
		{[]string{"similar", "vit", "--as-of", "2019"}, "--as-of 2019 drops the works dated after it"},
	}
	for _, c := range cases {
		out, errs, code := runCLI(t, c.args...)
		if code != ExitInvalid || out != "" || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2, no output and %q", c.args, code, out, errs, c.want)
		}
	}
}

// TestRankEveryMetric checks the JSON of every metric: one key named after the metric, values
// non-increasing, ties by id, every work listed with --top 0.
func TestRankEveryMetric(t *testing.T) {
	for _, m := range graph.MetricNames() {
		out, errs, code := runCLI(t, "rank", "--by", m, "--top", "0", "--format", "json")
		if code != ExitOK {
			t.Fatalf("%s: exit %d: %s", m, code, errs)
		}
		var rows []map[string]any
		if err := json.Unmarshal([]byte(out), &rows); err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		if len(rows) != 131 {
			t.Errorf("%s: %d rows, want the 131 built-in works", m, len(rows))
		}
		for i, r := range rows {
			keys := make([]string, 0, len(r))
			for k := range r {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			if want := []string{"id", m, "rank", "short_name", "year"}; !slices.Equal(keys, sortedCopy(want)) {
				t.Fatalf("%s: keys %v", m, keys)
			}
			if r["rank"].(float64) != float64(i+1) {
				t.Errorf("%s: row %d has rank %v", m, i, r["rank"])
			}
			if i == 0 {
				continue
			}
			p := rows[i-1]
			pv, v := p[m].(float64), r[m].(float64)
			if v > pv || v == pv && r["id"].(string) < p["id"].(string) {
				t.Errorf("%s: rows %d and %d out of order: %v then %v", m, i, i+1, p, r)
			}
		}
	}
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

// TestRankDirectionIsAFilter: --direction lists a subset with the whole graph's values.
func TestRankDirectionIsAFilter(t *testing.T) {
	all, _, _ := runCLI(t, "rank", "--by", "pagerank", "--top", "0", "--format", "json")
	sub, _, _ := runCLI(t, "rank", "--by", "pagerank", "--top", "0", "--format", "json", "--direction", "vit-transfer")
	var a, s []map[string]any
	if err := json.Unmarshal([]byte(all), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(sub), &s); err != nil {
		t.Fatal(err)
	}
	val := map[string]float64{}
	for _, r := range a {
		val[r["id"].(string)] = r["pagerank"].(float64)
	}
	if len(s) != 35 {
		t.Errorf("vit-transfer lists %d works, want its 35", len(s))
	}
	for _, r := range s {
		if v := r["pagerank"].(float64); v != val[r["id"].(string)] {
			t.Errorf("%s: %v in the direction, %v in the whole graph", r["id"], v, val[r["id"].(string)])
		}
	}
}

// TestRankAllMatchesSingle: every column of --by all equals the single-metric run.
func TestRankAllMatchesSingle(t *testing.T) {
	out, errs, code := runCLI(t, "rank", "--by", "all", "--top", "0", "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var all []map[string]any
	if err := json.Unmarshal([]byte(out), &all); err != nil {
		t.Fatal(err)
	}
	byID := map[string]map[string]any{}
	for i, r := range all {
		byID[r["id"].(string)] = r
		if i > 0 && r["pagerank"].(float64) > all[i-1]["pagerank"].(float64) {
			t.Errorf("--by all is not sorted by pagerank at row %d", i+1)
		}
	}
	for _, m := range graph.MetricNames() {
		out, _, _ := runCLI(t, "rank", "--by", m, "--top", "0", "--format", "json")
		var rows []map[string]any
		if err := json.Unmarshal([]byte(out), &rows); err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if got := byID[r["id"].(string)][m]; got != r[m] {
				t.Errorf("%s(%s): %v with --by all, %v alone", m, r["id"], got, r[m])
			}
		}
	}
}

// TestSimilarNearDuplicates: on the fixture, the conference version p2 of preprint p1 comes
// first, with co-citation 1 (the same three citers) and coupling 1/ln2 + 1/ln2 + 1/ln3 + 1/ln6
// (shared references r1, r2 with 2 citers, r3 with 3, the classic c with 6); the default
// --rel includes cites because the data has citations.
func TestSimilarNearDuplicates(t *testing.T) {
	out, errs, code := runCLI(t, "similar", "p1", "--data", "testdata/similar/near-duplicates.yaml", "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 || rows[0]["id"] != "p2" {
		t.Fatalf("p2 should come first: %v", rows)
	}
	wantCp := 2/math.Log(2) + 1/math.Log(3) + 1/math.Log(6)
	if co, cp := rows[0]["cocitation"].(float64), rows[0]["coupling"].(float64); co != 1 || math.Abs(cp-wantCp) > 1e-12 || rows[0]["score"].(float64) != 1 {
		t.Errorf("p2: cocitation %v coupling %v score %v, want 1, %v, 1", co, cp, rows[0]["score"], wantCp)
	}
}
