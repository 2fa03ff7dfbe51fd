package cli

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/litgraph/litgraph/internal/fetch/fetchtest"
)

// goldenAbs is the absolute path of a golden file, for tests that change directory.
func goldenAbs(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("testdata", "golden", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The fetch command against the replayed OpenAlex responses: a first run writes the 46 works
// of the recorded snowball with 3 requests, a second makes none and writes the same bytes.
func TestFetchOpenAlex(t *testing.T) {
	srv, works := fetchtest.NewOpenAlex(t)
	gold := goldenAbs(t, "fetch-openalex.txt")
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("OPENALEX_MAILTO", "me@example.org")
	t.Setenv("OPENALEX_API_KEY", "")
	args := []string{"fetch", "openalex", "W3045921891", "https://openalex.org/W3046863325", "--base-url", srv.URL,
		"--cache", "cache", "--rate", "1000"}
	_, stderr1, code := runCLI(t, append(args, "--out", "snowball.jsonl")...)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr1)
	}
	data, err := os.ReadFile("snowball.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "\n"); n != len(works) {
		t.Errorf("%d lines, want %d", n, len(works))
	}
	if r := srv.Log()[0]; r.URL.Query().Get("mailto") != "me@example.org" {
		t.Errorf("OPENALEX_MAILTO not sent: %s", r.URL)
	}
	srv.ResetCounts()
	stdout, stderr2, code := runCLI(t, args...)
	if code != ExitOK || stdout != string(data) {
		t.Errorf("second run: exit %d, stdout equal to the first file: %v", code, stdout == string(data))
	}
	if n, _ := srv.Requests(); n != 0 {
		t.Errorf("second run made %d requests, want 0", n)
	}
	golden(t, gold, stderr1+stderr2)
}

func TestFetchCapped(t *testing.T) {
	srv, _ := fetchtest.NewOpenAlex(t)
	gold := goldenAbs(t, "fetch-capped.txt")
	t.Chdir(t.TempDir())
	stdout, stderr, code := runCLI(t, "fetch", "openalex", "W3045921891", "W3046863325", "--depth", "2", "--max-works", "10",
		"--base-url", srv.URL, "--no-cache", "--rate", "1000")
	if code != ExitOK || strings.Count(stdout, "\n") != 10 {
		t.Fatalf("exit %d, %d lines: %s", code, strings.Count(stdout, "\n"), stderr)
	}
	golden(t, gold, stderr)
}

func TestFetchS2(t *testing.T) {
	srv, _ := fetchtest.NewS2(t)
	t.Setenv("S2_API_KEY", "s2-secret")
	stdout, stderr, code := runCLI(t, "fetch", "s2", "doi:10.1093/MIND/LIX.236.433", "--base-url", srv.URL+"/graph/v1",
		"--no-cache", "--rate", "1000")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	counts := map[string]int{}
	for l := range strings.SplitSeq(strings.TrimSuffix(stdout, "\n"), "\n") {
		typ, _, _ := strings.Cut(strings.TrimPrefix(l, `{"type":"`), `"`)
		counts[typ]++
	}
	if counts["paper"] != 1009 || counts["references"] != 14 || counts["citations"] != 1000 {
		t.Errorf("line types %v, want 1009 papers, 14 references, 1000 citations", counts)
	}
	if k := srv.Log()[0].Header.Get("x-api-key"); k != "s2-secret" {
		t.Errorf("x-api-key %q, want S2_API_KEY", k)
	}
	if strings.Contains(stderr, "s2-secret") {
		t.Error("the api key is printed")
	}
	golden(t, "fetch-s2.txt", stderr)
}

// Bad input exits 2; a failing API exits 1 and leaves no --out file.
func TestFetchErrors(t *testing.T) {
	srv, _ := fetchtest.NewOpenAlex(t)
	srv.Hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
		if strings.HasPrefix(r.URL.Query().Get("filter"), "cites:") {
			w.WriteHeader(http.StatusServiceUnavailable)
			return true
		}
		return false
	}
	gold := goldenAbs(t, "fetch-errors.txt")
	dir := t.TempDir()
	t.Chdir(dir)
	var got strings.Builder
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"fetch"}, ExitInvalid},
		{[]string{"fetch", "openalx", "W1"}, ExitInvalid},
		{[]string{"fetch", "openalex"}, ExitInvalid},
		{[]string{"fetch", "openalex", "swin"}, ExitInvalid},
		{[]string{"fetch", "s2", "W3045921891"}, ExitInvalid},
		{[]string{"fetch", "openalex", "W1", "--depth", "3"}, ExitInvalid},
		{[]string{"fetch", "openalex", "W1", "--format", "json"}, ExitInvalid},
		{[]string{"fetch", "openalex", "W1", "--base-url", srv.URL, "--no-cache"}, ExitInvalid},
		{[]string{"fetch", "openalex", "W3045921891", "--base-url", srv.URL, "--no-cache", "--retries", "0", "--rate", "1000", "--out", "x.jsonl"}, ExitFailure},
	} {
		_, stderr, code := runCLI(t, c.args...)
		if code != c.code {
			t.Errorf("%v: exit %d, want %d", c.args, code, c.code)
		}
		got.WriteString(strings.ReplaceAll("$ litgraph "+strings.Join(c.args, " ")+"\n"+stderr, srv.URL, "http://SERVER"))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("failed runs left files: %v", entries)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.jsonl")); err == nil {
		t.Error("a failed run wrote --out")
	}
	golden(t, gold, got.String())
}

// TestFetchThenLoad checks the whole path a user takes: fetch a neighbourhood, then analyse
// it with --data. Both the OpenAlex and the Semantic Scholar output must load.
func TestFetchThenLoad(t *testing.T) {
	dir := t.TempDir()
	oa, _ := fetchtest.NewOpenAlex(t)
	oaFile := filepath.Join(dir, "oa.jsonl")
	if _, stderr, code := runCLI(t, "fetch", "openalex", "W3045921891", "W3046863325", "--base-url", oa.URL, "--no-cache", "--rate", "1000", "--out", oaFile); code != ExitOK {
		t.Fatalf("fetch openalex: exit %d: %s", code, stderr)
	}
	out, stderr, code := runCLI(t, "validate", "--data", oaFile, "--format", "json")
	if code != ExitOK || !strings.Contains(out, `"works": 46`) {
		t.Errorf("load OpenAlex fetch output: exit %d, %s %s", code, out, stderr)
	}
	s2, _ := fetchtest.NewS2(t)
	s2File := filepath.Join(dir, "s2.jsonl")
	if _, stderr, code := runCLI(t, "fetch", "s2", "doi:10.1093/MIND/LIX.236.433", "--base-url", s2.URL+"/graph/v1", "--no-cache", "--rate", "1000", "--out", s2File); code != ExitOK {
		t.Fatalf("fetch s2: exit %d: %s", code, stderr)
	}
	out, stderr, code = runCLI(t, "validate", "--data", s2File, "--format", "json")
	if code != ExitOK || !strings.Contains(out, `"works": 1009`) || strings.Contains(out, `"cites": 0`) {
		t.Errorf("load S2 fetch output: exit %d, %s %s", code, out, stderr)
	}
}
