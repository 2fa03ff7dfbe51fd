package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSaturationGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"crowded-2021-06.txt", []string{"crowded", "--as-of", "2021-06"}},
		{"crowded-2021-06.json", []string{"crowded", "--as-of", "2021-06", "--format", "json"}},
		{"crowded-2021-06-sensitivity.txt", []string{"crowded", "--as-of", "2021-06", "--sensitivity"}},
		{"saturation.txt", []string{"saturation"}},
		{"saturation.json", []string{"saturation", "--format", "json"}},
		{"saturation-vit-transfer.csv", []string{"saturation", "--direction", "vit-transfer", "--sort", "crowding", "--format", "csv"}},
		{"gaps.txt", []string{"gaps"}},
		{"gaps.json", []string{"gaps", "--format", "json", "--top", "0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errs, code := runCLI(t, tc.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			golden(t, tc.name, out)
		})
	}
}

func TestCrowdedJSONShape(t *testing.T) {
	out, _, code := runCLI(t, "crowded", "--as-of", "2021-06", "--format", "json")
	if code != 0 {
		t.Fatal(code)
	}
	var rows []struct {
		Direction string             `json:"direction"`
		Name      string             `json:"name"`
		Crowding  *float64           `json:"crowding"`
		Label     *string            `json:"label"`
		Parts     map[string]float64 `json:"parts"`
		Works     []string           `json:"works"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(rows); i++ {
		a, b := rows[i-1], rows[i]
		if b.Crowding == nil {
			continue
		}
		if a.Crowding == nil || *a.Crowding < *b.Crowding || (*a.Crowding == *b.Crowding && a.Direction > b.Direction) {
			t.Errorf("rows %d, %d out of order: %s, %s", i-1, i, a.Direction, b.Direction)
		}
	}
	last := rows[len(rows)-1]
	if last.Direction != "meta-learning-gan" || last.Crowding != nil || last.Label != nil || last.Parts != nil {
		t.Errorf("a direction with no works should come last with null metrics: %+v", last)
	}
	for _, r := range rows[:len(rows)-1] {
		if len(r.Parts) != 5 {
			t.Errorf("%s: %d parts", r.Direction, len(r.Parts))
		}
	}
}

func TestSaturationNullsForEmptyDirection(t *testing.T) {
	out, _, _ := runCLI(t, "saturation", "--format", "json", "--direction", "meta-learning-gan")
	for _, k := range []string{`"recent_share": null`, `"crowding": null`, `"quadrant": null`, `"growth": null`, `"size": 0`} {
		if !strings.Contains(out, k) {
			t.Errorf("missing %s in %s", k, out)
		}
	}
}

func TestSaturationUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"saturation", "--sort", "nope"},
		{"saturation", "--direction", "vit-tranfer"},
		{"saturation", "--window-months", "0"},
		{"crowded", "--as-of", "2021-13"},
		{"gaps", "--top", "-1"},
		{"gaps", "--rel", "bogus"},
	} {
		_, errs, code := runCLI(t, args...)
		if code != ExitInvalid || errs == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 with a message", args, code, errs)
		}
	}
	_, errs, _ := runCLI(t, "saturation", "--direction", "vit-tranfer")
	if !strings.Contains(errs, `did you mean "vit-transfer"`) {
		t.Errorf("no suggestion: %s", errs)
	}
}

func TestSaturationCommandsOnDataWithoutDirections(t *testing.T) {
	path := filepath.Join(t.TempDir(), "one.yaml")
	if err := os.WriteFile(path, []byte("version: 1\nworks:\n  - id: a\n    title: \"A\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"saturation", "--format", "json"},
		{"crowded", "--format", "json"},
		{"gaps", "--format", "json"},
	} {
		out, errs, code := runCLI(t, append(args, "--data", path)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		want := "[]\n"
		if args[0] == "gaps" {
			want = "{\n  \"matrix\": {\n    \"bases\": [],\n    \"tasks\": [],\n    \"counts\": []\n  },\n  \"openings\": []\n}\n"
		}
		if out != want {
			t.Errorf("%v: got %q, want %q", args, out, want)
		}
	}
}
