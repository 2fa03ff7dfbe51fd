package cli

import (
	"encoding/json"
	"math"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/litgraph/litgraph/internal/testenv"
)

// These tests run the analyses on the real citation data in ../shared/data: structural
// metrics on Cora (its 7 labels as directions) and cit-HepTh, time metrics on cit-HepTh
// (dates from the month in its arXiv ids) and on the OpenAlex and Semantic Scholar records,
// plan and main path on cit-HepTh through the cycle rule.

func jsonOut[T any](t *testing.T, args ...string) T {
	t.Helper()
	var v T
	out := mustRun(t, args...)
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("litgraph %s: %v", strings.Join(args, " "), err)
	}
	return v
}

// TestRankCoraMatchesNetworkx: rank --by pagerank on Cora lists the works in networkx's order
// (ties within 1e-9 may swap): every work with --top 0, and the default top 20 as its prefix.
func TestRankCoraMatchesNetworkx(t *testing.T) {
	cora := testenv.SharedFile(t, "data", "cora", "cora.edges.txt")
	py := testenv.Python(t)
	out, err := exec.Command(py, testenv.SharedFile(t, "bench", "oracle.py"), cora, "--metric", "pagerank").Output()
	if err != nil {
		t.Fatal(err)
	}
	var oracle struct {
		Nodes map[string]struct {
			PageRank float64 `json:"pagerank"`
		} `json:"nodes"`
	}
	if err := json.Unmarshal(out, &oracle); err != nil {
		t.Fatal(err)
	}
	want := make([]string, 0, len(oracle.Nodes))
	for id := range oracle.Nodes {
		want = append(want, id)
	}
	slices.SortFunc(want, func(a, b string) int {
		pa, pb := oracle.Nodes[a].PageRank, oracle.Nodes[b].PageRank
		switch {
		case pa > pb:
			return -1
		case pa < pb:
			return 1
		}
		return strings.Compare(a, b)
	})
	rows := jsonOut[[]struct {
		ID       string  `json:"id"`
		PageRank float64 `json:"pagerank"`
	}](t, "rank", "--data", cora, "--by", "pagerank", "--top", "0", "--format", "json")
	if len(rows) != len(want) || len(rows) != 2708 {
		t.Fatalf("%d rows, networkx has %d nodes", len(rows), len(want))
	}
	swaps := 0
	for i, r := range rows {
		if math.Abs(r.PageRank-oracle.Nodes[r.ID].PageRank) > 1e-9 {
			t.Fatalf("%s: pagerank %.15g, networkx %.15g", r.ID, r.PageRank, oracle.Nodes[r.ID].PageRank)
		}
		if r.ID != want[i] {
			if math.Abs(oracle.Nodes[r.ID].PageRank-oracle.Nodes[want[i]].PageRank) > 1e-9 {
				t.Fatalf("position %d: %s, networkx's order has %s", i+1, r.ID, want[i])
			}
			swaps++
		}
	}
	top := jsonOut[[]struct {
		ID string `json:"id"`
	}](t, "rank", "--data", cora, "--by", "pagerank", "--format", "json")
	for i, r := range top {
		if r.ID != rows[i].ID {
			t.Errorf("default listing position %d: %s, full listing %s", i+1, r.ID, rows[i].ID)
		}
	}
	t.Logf("Cora: same order as networkx for all 2708 works (%d positions differ only within 1e-9 ties)", swaps)
}

type satRow struct {
	Direction       string   `json:"direction"`
	Size            int      `json:"size"`
	RecentShare     *float64 `json:"recent_share"`
	DerivativeShare *float64 `json:"derivative_share"`
	Sibling         *int     `json:"sibling_crowding"`
	Centrality      *float64 `json:"centrality"`
	Label           *string  `json:"label"`
}

// TestCoraLabelsAsDirections: Cora's 7 topics become directions with LINQS's class sizes, and
// the structural metrics are defined for each (Cora has no dates: time metrics are null).
func TestCoraLabelsAsDirections(t *testing.T) {
	dir := filepath.Dir(testenv.SharedFile(t, "data", "cora", "cora.cites"))
	rows := jsonOut[[]satRow](t, "saturation", "--data", filepath.Join(dir, "cora.cites"), "--reverse",
		"--labels", filepath.Join(dir, "cora.labels.tsv"), "--format", "json", "--sort", "size")
	var sizes []int
	for _, r := range rows {
		sizes = append(sizes, r.Size)
		if r.Centrality == nil || r.RecentShare != nil {
			t.Errorf("%s: centrality %v (want a value), recent share %v (want null: Cora is undated)", r.Direction, r.Centrality, r.RecentShare)
		}
	}
	if want := []int{818, 426, 418, 351, 298, 217, 180}; !slices.Equal(sizes, want) {
		t.Errorf("class sizes %v, want %v", sizes, want)
	}
}

// TestHepThThroughTime: communities give cit-HepTh directions, dates come from its arXiv ids,
// and the crowding report, the plan and the main path all run on it.
func TestHepThThroughTime(t *testing.T) {
	hepth := testenv.SharedFile(t, "data", "cit-hepth", "cit-HepTh.txt.gz")
	comm := filepath.Join(t.TempDir(), "communities.yaml")
	mustRun(t, "communities", "--data", hepth, "--format", "yaml", "--out", comm)
	rows := jsonOut[[]struct {
		Direction string             `json:"direction"`
		Label     string             `json:"label"`
		Parts     map[string]float64 `json:"parts"`
		Works     []string           `json:"works"`
	}](t, "crowded", "--data", hepth, "--data", comm, "--dates-from-ids", "--as-of", "2003-04", "--format", "json")
	if len(rows) < 10 {
		t.Fatalf("%d directions", len(rows))
	}
	crowded := 0
	for _, r := range rows {
		if r.Label == "crowded" {
			crowded++
		}
		for _, k := range []string{"sibling_crowding", "recent_share"} {
			if _, ok := r.Parts[k]; !ok {
				t.Errorf("%s lacks part %s", r.Direction, k)
			}
		}
	}
	if crowded == 0 || len(rows[0].Works) == 0 {
		t.Errorf("no crowded direction in cit-HepTh, or the top one names no works: %+v", rows[0])
	}
	plan := jsonOut[struct {
		Items     []struct{ ID string } `json:"items"`
		CycleRule struct {
			EdgesDropped int `json:"edges_dropped"`
		} `json:"cycle_rule"`
	}](t, "plan", "--data", hepth, "--dates-from-ids", "--target", "9711200", "--format", "json")
	if plan.CycleRule.EdgesDropped != 1149 || len(plan.Items) == 0 || plan.Items[len(plan.Items)-1].ID != "9711200" {
		t.Errorf("plan: %d items, %d edges dropped by the cycle rule (want 1149), last %v", len(plan.Items), plan.CycleRule.EdgesDropped, plan.Items[len(plan.Items)-1:])
	}
	mp := jsonOut[struct {
		Paths []struct {
			Works []struct{ Year int } `json:"works"`
		} `json:"paths"`
	}](t, "mainpath", "--data", hepth, "--dates-from-ids", "--format", "json")
	if len(mp.Paths) == 0 || len(mp.Paths[0].Works) < 10 {
		t.Fatalf("main path: %+v", mp.Paths)
	}
	for i := 1; i < len(mp.Paths[0].Works); i++ {
		if mp.Paths[0].Works[i].Year < mp.Paths[0].Works[i-1].Year {
			t.Errorf("main path is not oldest first at %d", i)
		}
	}
}

// TestAPIRecordsThroughTime: the OpenAlex and Semantic Scholar records, with their topics or
// fields of study as directions, get time metrics.
func TestAPIRecordsThroughTime(t *testing.T) {
	for _, file := range []string{
		testenv.SharedFile(t, "data", "openalex", "works.jsonl"),
		testenv.SharedFile(t, "data", "semanticscholar", "Paper.json.gz"),
	} {
		rows := jsonOut[[]satRow](t, "saturation", "--data", file, "--directions-from", "topics", "--format", "json")
		timed := 0
		for _, r := range rows {
			if r.Size > 0 && r.RecentShare != nil && r.Label != nil {
				timed++
			}
		}
		if len(rows) < 10 || timed < len(rows)/2 {
			t.Errorf("%s: %d directions, %d with time metrics", filepath.Base(file), len(rows), timed)
		}
	}
}
