package loader

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/internal/testenv"
)

func loadBuiltin(t testing.TB) *Result {
	t.Helper()
	res, err := Load([]Source{Builtin()}, Options{MaxYear: 2027})
	if err != nil {
		t.Fatalf("built-in data does not load:\n%v", err)
	}
	return res
}

func TestBuiltinLoadsCleanly(t *testing.T) {
	res := loadBuiltin(t)
	if len(res.Warnings) > 0 {
		t.Errorf("built-in data has warnings: %v", res.Warnings)
	}
	g := res.Graph
	if g.NumWorks() != 131 {
		t.Errorf("%d works, want 131 (113 from the article's table + 18 foundations)", g.NumWorks())
	}
	// The lineage is connected where history is connected: no work is isolated except the
	// few the article cites as examples of a family with no confirmed lineage to any other
	// work in the set.
	isolatedOK := map[string]bool{
		"sinkhorn-networks":      true, // named for flows on discrete domains; not a flow itself
		"tcn":                    true, // examples of temporal proxy tasks
		"video-unsup-wang-gupta": true,
	}
	adj := g.Adjacency(graph.AllKinds)
	for i := range g.NumWorks() {
		isolated := len(adj.Succ(i)) == 0 && len(adj.Pred(i)) == 0
		if isolated != isolatedOK[g.ID(i)] {
			t.Errorf("work %q: isolated=%v, want %v", g.ID(i), isolated, isolatedOK[g.ID(i)])
		}
	}
	for _, id := range []string{"contrastive-learning", "meta-learning-gan"} {
		if _, ok := g.DirectionIndex(id); !ok {
			t.Errorf("concept row %q should be a direction", id)
		}
		if _, ok := g.Lookup(id); ok {
			t.Errorf("concept row %q must not be a work", id)
		}
	}
	// SMCA has two arXiv ids.
	a, _ := g.Lookup("arxiv:2101.07448")
	b, _ := g.Lookup("arxiv:2108.02404")
	if a < 0 || a != b || g.ID(a) != "smca" {
		t.Errorf("SMCA aliases: %d %d", a, b)
	}
}

// venueExceptions are venues in the built-in data that differ from works.tsv on purpose,
// after a fact check (see the header of loader/builtin/litgraph.yaml).
var venueExceptions = map[string]string{
	"vts":           "", // ICCV 2021 is only inferred to be this arXiv work: left empty
	"transcenter":   "IEEE TPAMI",
	"u-transformer": "MLMI 2021",
}

// TestBuiltinMatchesSeed checks every row of ../shared/seed/works.tsv that has an arXiv id and
// is not [ALTERNATE]: the built-in data holds it under its key, with the same arXiv id,
// year-month, title, first author and venue.
func TestBuiltinMatchesSeed(t *testing.T) {
	path := testenv.SharedFile(t, "seed", "works.tsv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g := loadBuiltin(t).Graph
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	rows := 0
	for line := 1; sc.Scan(); line++ {
		cols := strings.Split(sc.Text(), "\t")
		if line == 1 {
			if cols[0] != "key" || cols[5] != "arxiv_id" {
				t.Fatalf("unexpected header %v", cols)
			}
			continue
		}
		key, short, title, author, ym, arxiv, venue := cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6]
		if arxiv == "" || strings.Contains(short, "[ALTERNATE]") {
			continue
		}
		rows++
		i, ok := g.Lookup(key)
		if !ok {
			t.Errorf("works.tsv:%d: %s is not in the built-in data", line, key)
			continue
		}
		w := g.Work(i)
		if w.ArXiv != arxiv {
			t.Errorf("works.tsv:%d: %s arXiv %q, built-in %q", line, key, arxiv, w.ArXiv)
		}
		if got := w.Date.String(); got != ym {
			t.Errorf("works.tsv:%d: %s year-month %q, built-in %q", line, key, ym, got)
		}
		if w.Title != title {
			t.Errorf("works.tsv:%d: %s title %q, built-in %q", line, key, title, w.Title)
		}
		if len(w.Authors) == 0 || w.Authors[0] != author {
			t.Errorf("works.tsv:%d: %s first author %q, built-in %v", line, key, author, w.Authors)
		}
		wantVenue, ok := venueExceptions[key]
		if !ok {
			wantVenue = venue
		}
		if w.Venue != wantVenue {
			t.Errorf("works.tsv:%d: %s venue %q, built-in %q", line, key, wantVenue, w.Venue)
		}
		if !hasTag(w, "article") {
			t.Errorf("%s lacks the article tag", key)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if rows != 113 {
		t.Errorf("checked %d rows, want 113", rows)
	}
}

func hasTag(w graph.Work, tag string) bool {
	for _, t := range w.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

// TestBuiltinDirectionsFollowArticle checks the direction tree the article's structure gives.
func TestBuiltinDirectionsFollowArticle(t *testing.T) {
	g := loadBuiltin(t).Graph
	children := map[string][]string{}
	for d, dir := range g.Directions() {
		if p := g.DirectionParent(d); p >= 0 {
			children[g.Directions()[p].ID] = append(children[g.Directions()[p].ID], dir.ID)
		}
	}
	tasks := []string{"segmentation", "detection", "sot", "mot", "video", "gan", "3d", "multimodal", "pose", "super-resolution", "crowd-counting", "nas", "reid", "face"}
	if got := len(children["vit-transfer"]); got != len(tasks) {
		t.Errorf("vit-transfer has %d children, want %d", got, len(tasks))
	}
	for _, task := range tasks {
		if _, ok := g.DirectionIndex("vit-transfer-" + task); !ok {
			t.Errorf("missing direction vit-transfer-%s", task)
		}
	}
	want := map[string]int{ // works the article lists per task-transfer direction
		"vit-transfer-segmentation": 4, "vit-transfer-detection": 2, "vit-transfer-sot": 2, "vit-transfer-mot": 3,
		"vit-transfer-video": 6, "vit-transfer-gan": 3, "vit-transfer-3d": 6, "vit-transfer-multimodal": 2,
		"vit-transfer-pose": 2, "vit-transfer-super-resolution": 1, "vit-transfer-crowd-counting": 1,
		"vit-transfer-nas": 1, "vit-transfer-reid": 1, "vit-transfer-face": 1, "detr-mods": 6,
	}
	works := g.DirectionWorks()
	for id, n := range want {
		d, _ := g.DirectionIndex(id)
		if len(works[d]) != n {
			t.Errorf("%s has %d works, the article lists %d", id, len(works[d]), n)
		}
	}
	for _, id := range []string{"ssl-collapse", "ssl-transformer", "ssl-context", "ssl-temporal", "contrastive-learning"} {
		d, ok := g.DirectionIndex(id)
		if !ok || g.Directions()[g.DirectionParent(d)].ID != "self-supervision" {
			t.Errorf("%s should sit below self-supervision", id)
		}
	}
}

func TestBuiltinHashStable(t *testing.T) {
	if h := BuiltinHash(); len(h) != 12 || strings.Trim(h, "0123456789abcdef") != "" {
		t.Errorf("hash %q", h)
	}
}

func ExampleLoad() {
	res, err := Load([]Source{{Name: "mine.yaml", Data: []byte(`version: 1
works:
  - id: a
    title: A
  - id: b
    title: B
    relations: [{kind: extends, to: c}]
`)}}, Options{})
	fmt.Println(res == nil)
	fmt.Println(err)
	// Output:
	// true
	// mine.yaml:7:37: unknown work "c" in relation "to"; define the work or fix the id (litgraph works lists them)
}
