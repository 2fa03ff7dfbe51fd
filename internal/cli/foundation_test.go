package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestValidateInvalid runs litgraph validate on every malformed file in testdata/invalid and
// compares stderr with NAME.golden beside it; each must exit 2 and print nothing on stdout.
func TestValidateInvalid(t *testing.T) {
	root := inModuleRoot(t)
	files, err := filepath.Glob(filepath.Join("testdata", "invalid", "*.*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".golden") {
			continue
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			args := []string{"validate", f}
			if strings.HasPrefix(filepath.Base(f), "on-builtin") {
				args = []string{"validate", "builtin", f}
			}
			stdout, stderr, code := runCLI(t, args...)
			if code != ExitInvalid {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, ExitInvalid, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout not empty: %q", stdout)
			}
			for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
				if !strings.HasPrefix(line, f+":") && !strings.HasPrefix(line, "litgraph: invalid input:") {
					t.Errorf("line is not file:line:col: message: %q", line)
				}
			}
			golden(t, filepath.Join(root, strings.TrimSuffix(f, filepath.Ext(f))+".golden"), stderr)
		})
	}
	if n < 8 {
		t.Fatalf("found %d malformed files, expected at least 8", n)
	}
}

func TestValidateBuiltinAndUserFile(t *testing.T) {
	inModuleRoot(t)
	out, errOut, code := runCLI(t, "validate")
	if code != ExitOK || errOut != "" {
		t.Fatalf("validate builtin: exit %d, stderr %q", code, errOut)
	}
	golden(t, "validate-builtin.txt", out)
	out, errOut, code = runCLI(t, "validate", "builtin", "testdata/valid/mine.yaml")
	if code != ExitOK || errOut != "" {
		t.Fatalf("validate builtin + mine: exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, "132 works") {
		t.Errorf("expected 134 works with the user file on top: %q", out)
	}
	// A user file that refers to built-in works does not validate alone.
	_, errOut, code = runCLI(t, "validate", "testdata/valid/mine.yaml")
	if code != ExitInvalid || !strings.Contains(errOut, `unknown work "swin"`) {
		t.Errorf("mine.yaml alone: exit %d, stderr %q", code, errOut)
	}
	// --data with a directory, and stdin.
	out, _, code = runCLI(t, "--data", "builtin", "--data", "testdata/valid", "show", "my-swin-variant", "--format", "json")
	if code != ExitOK || !strings.Contains(out, `"id": "swin"`) {
		t.Errorf("directory --data: exit %d, out %q", code, out)
	}
	data, err := os.ReadFile("testdata/valid/mine.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out, _, code = runCLIStdin(t, string(data), "--data", "builtin", "--data", "-", "works", "myswin")
	if code != ExitOK || !strings.Contains(out, "my-swin-variant") {
		t.Errorf("stdin --data: exit %d, out %q", code, out)
	}
}

func TestValidateJSONProblems(t *testing.T) {
	inModuleRoot(t)
	out, _, code := runCLI(t, "validate", "--format", "json", "testdata/invalid/cycle.yaml")
	if code != ExitInvalid {
		t.Fatalf("exit %d", code)
	}
	var v struct {
		OK       bool `json:"ok"`
		Problems []struct {
			File    string `json:"file"`
			Line    int    `json:"line"`
			Column  int    `json:"column"`
			Message string `json:"message"`
		} `json:"problems"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if v.OK || len(v.Problems) != 1 || v.Problems[0].Line != 6 || !strings.Contains(v.Problems[0].Message, "a → b → c → a") {
		t.Errorf("unexpected %+v", v)
	}
}

// TestCommandsGolden pins the output of the foundation commands on the built-in data.
func TestCommandsGolden(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		{"directions.txt", []string{"directions"}},
		{"directions.json", []string{"directions", "--format", "json"}},
		{"directions.md", []string{"directions", "--format", "markdown"}},
		{"kinds.txt", []string{"kinds"}},
		{"works.txt", []string{"works"}},
		{"works-pose.json", []string{"works", "--direction", "vit-transfer-pose", "--format", "json"}},
		{"works-query.csv", []string{"works", "--since", "2021-03", "--until", "2021-03", "detr", "--format", "csv"}},
		{"show-swin.txt", []string{"show", "swin"}},
		{"show-vit.json", []string{"show", "arxiv:2010.11929", "--format", "json"}},
		{"show-detr.md", []string{"show", "detr", "--format", "markdown"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, c.args...)
			if code != ExitOK || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			golden(t, c.name, out)
			if strings.HasSuffix(c.name, ".json") && !json.Valid([]byte(out)) {
				t.Errorf("invalid JSON")
			}
		})
	}
}

// TestWorksJSONContract checks the documented keys, order, sorting and nulls of works --format json.
func TestWorksJSONContract(t *testing.T) {
	out, _, code := runCLI(t, "works", "--format", "json")
	if code != ExitOK {
		t.Fatal(code)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 131 {
		t.Errorf("%d works, want 131", len(rows))
	}
	keys := regexp.MustCompile(`(?m)^    "([a-z_]+)":`).FindAllStringSubmatch(strings.SplitN(out, "  },", 2)[0], -1)
	var order []string
	for _, k := range keys {
		order = append(order, k[1])
	}
	want := "id short_name title authors year month arxiv doi venue directions"
	if strings.Join(order, " ") != want {
		t.Errorf("key order %v, want %s", order, want)
	}
	for i := 1; i < len(rows); i++ {
		if rows[i-1]["id"].(string) >= rows[i]["id"].(string) {
			t.Errorf("not sorted by id at %d", i)
		}
	}
	for _, r := range rows {
		if r["id"] == "transformer" {
			if r["doi"] != nil || r["directions"] == nil {
				t.Errorf("missing doi must be null and directions an array: %v", r)
			}
		}
	}
}

func TestUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"show", "vti"}, `unknown work "vti"; did you mean "vit"?`},
		{[]string{"show", "Swin"}, `did you mean "swin"?`},
		{[]string{"show"}, "takes a work id"},
		{[]string{"works", "--format", "xml"}, `unknown format "xml"`},
		{[]string{"works", "--direction", "vit-lcoal"}, `did you mean "vit-local"?`},
		{[]string{"works", "--since", "2021-13"}, "month 13 is outside 1..12"},
		{[]string{"wroks"}, `unknown command "wroks"; did you mean "works"?`},
		{[]string{"works", "--bogus"}, "unknown flag: --bogus"},
	}
	for _, c := range cases {
		out, errOut, code := runCLI(t, c.args...)
		if code != ExitInvalid || out != "" || !strings.Contains(errOut, c.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and one line containing %q", c.args, code, out, errOut, c.want)
		}
	}
	_, errOut, code := runCLI(t, "--data", "/nonexistent/file.yaml", "works")
	if code != ExitFailure || !strings.Contains(errOut, "no such file") {
		t.Errorf("missing file: exit %d, %q", code, errOut)
	}
}

func TestOutAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "works.json")
	if _, errOut, code := runCLI(t, "works", "--format", "json", "--out", path); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	data, err := os.ReadFile(path)
	if err != nil || !json.Valid(data) {
		t.Fatalf("--out file: %v", err)
	}
	// A failing run leaves the existing file untouched and no temporary files behind.
	if _, _, code := runCLI(t, "show", "nope", "--out", path); code != ExitInvalid {
		t.Fatalf("exit %d", code)
	}
	after, _ := os.ReadFile(path)
	if string(after) != string(data) {
		t.Error("failed run changed the --out file")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("leftover files: %v", entries)
	}
	// A directory that does not exist is an I/O failure, exit 1.
	if _, _, code := runCLI(t, "works", "--out", filepath.Join(dir, "no", "such", "dir.txt")); code != ExitFailure {
		t.Errorf("exit %d, want 1", code)
	}
}

func TestVersion(t *testing.T) {
	out, _, code := runCLI(t, "--version")
	if code != ExitOK || !regexp.MustCompile(`^litgraph \S+ \(built-in data [0-9a-f]{12}\)\n$`).MatchString(out) {
		t.Errorf("--version: %d %q", code, out)
	}
}
