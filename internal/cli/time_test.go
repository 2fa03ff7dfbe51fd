package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTimeCommandsGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"bursts.txt", []string{"bursts"}},
		{"bursts.json", []string{"bursts", "--format", "json"}},
		{"bursts-month-2021-06.txt", []string{"bursts", "--period", "month", "--as-of", "2021-06", "--gamma", "0.5"}},
		{"bursts-work.txt", []string{"bursts", "--by", "work", "--gamma", "0.5"}},
		{"disruption.txt", []string{"disruption", "--top", "15"}},
		{"disruption.json", []string{"disruption", "--window", "3", "--top", "0", "--format", "json"}},
		{"growth.txt", []string{"growth"}},
		{"growth.json", []string{"growth", "--format", "json"}},
		{"saturation-compare.txt", []string{"saturation", "--as-of", "2021-06", "--compare", "2020-06"}},
		{"saturation-compare.json", []string{"saturation", "--as-of", "2021-06", "--compare", "2020-06", "--format", "json", "--direction", "diffusion"}},
		{"saturation-compare.csv", []string{"saturation", "--compare", "2020", "--format", "csv", "--direction", "self-supervision"}},
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

func TestTimeUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"bursts", "--by", "author"},
		{"bursts", "--period", "week"},
		{"bursts", "--s", "1"},
		{"bursts", "--gamma", "-1"},
		{"disruption", "--window", "0"},
		{"disruption", "--top", "-2"},
		{"growth", "--direction", "nope"},
		{"saturation", "--as-of", "2021-06", "--compare", "2021-06"},
		{"saturation", "--compare", "2021-13"},
		{"saturation", "--cd-window", "-1"},
	} {
		_, errs, code := runCLI(t, args...)
		if code != 2 || errs == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 with a message", args, code, errs)
		}
	}
}

// TestCompareMove checks the quadrant move of a direction that changed quadrant (diffusion
// was basic in 2020-06 and is niche in 2021-06, see saturation-compare.txt) in JSON; its
// subdirection diffusion-acceleration had no works then.
func TestCompareMove(t *testing.T) {
	out, _, code := runCLI(t, "saturation", "--as-of", "2021-06", "--compare", "2020-06", "--format", "json", "--direction", "diffusion")
	if code != 0 {
		t.Fatal(code)
	}
	var rows []struct {
		Direction, Move           string
		QuadrantThen, QuadrantNow string `json:"-"`
		Metrics                   map[string]struct{ Then, Now *float64 }
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Direction != "diffusion" || rows[1].Move != "— → motor" || rows[0].Move != "basic → niche" || *rows[0].Metrics["size"].Then != 1 || *rows[0].Metrics["size"].Now != 7 {
		t.Errorf("diffusion compare: %+v", rows)
	}
}

// TestPlotsDeterministic draws every picture twice, as SVG, and wants the same bytes; it also
// checks that PNG output is a PNG.
func TestPlotsDeterministic(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"saturation", "--as-of", "2021-06"},
		{"saturation", "--as-of", "2021-06", "--compare", "2020-06"},
		{"growth"},
		{"bursts", "--gamma", "0.3"},
		{"bursts", "--by", "work", "--gamma", "100"}, // no bursts: an empty timeline
	} {
		var first []byte
		for i := range 2 {
			p := filepath.Join(dir, "x.svg")
			if _, errs, code := runCLI(t, append(args, "--plot", p)...); code != 0 {
				t.Fatalf("%v: exit %d: %s", args, code, errs)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b, []byte("<?xml")) || !bytes.Contains(b, []byte("<svg")) {
				t.Fatalf("%v: not an SVG: %.80s", args, b)
			}
			if i == 1 && !bytes.Equal(first, b) {
				t.Errorf("%v: two runs gave different SVG bytes", args)
			}
			first = b
		}
		p := filepath.Join(dir, "x.PNG")
		if _, errs, code := runCLI(t, append(args, "--plot", p)...); code != 0 {
			t.Fatalf("%v png: exit %d: %s", args, code, errs)
		}
		if b, _ := os.ReadFile(p); !bytes.HasPrefix(b, []byte("\x89PNG")) {
			t.Errorf("%v: --plot x.PNG did not write a PNG", args)
		}
	}
	// The thematic map names every direction with works.
	p := filepath.Join(dir, "map.svg")
	runCLI(t, "saturation", "--as-of", "2021-06", "--plot", p)
	b, _ := os.ReadFile(p)
	for _, id := range []string{"vit-transfer", "diffusion", "ssl-context", "motor themes"} {
		if !strings.Contains(string(b), ">"+id+"<") {
			t.Errorf("thematic map lacks label %q", id)
		}
	}
}

func TestPlotUnwritable(t *testing.T) {
	_, errs, code := runCLI(t, "growth", "--plot", filepath.Join(t.TempDir(), "no", "such", "dir", "g.svg"))
	if code != 1 || !strings.Contains(errs, "--plot") {
		t.Errorf("exit %d, %q; want 1 naming --plot", code, errs)
	}
}
