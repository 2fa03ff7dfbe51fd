package plot

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func TestFormatFor(t *testing.T) {
	for name, want := range map[string]Format{"a.svg": SVG, "a.png": PNG, "A.PNG": PNG, "map": SVG, "x.png.svg": SVG} {
		if got := FormatFor(name); got != want {
			t.Errorf("FormatFor(%q) = %s, want %s", name, got, want)
		}
	}
}

// TestSameBytes draws each picture twice and wants the same SVG bytes, with the labels as
// escaped text.
func TestSameBytes(t *testing.T) {
	m := ThematicMap{Title: "map <&>", MedianX: 2, MedianY: 10, Points: []MapPoint{
		{"a", 1, 0, "emerging-or-declining"}, {"b", 1, 0, "emerging-or-declining"}, {"c<script>", 9, 40, "motor"}, {"d", 4, 0, "basic"}}}
	gc := GrowthCurves{Title: "growth", Series: []GrowthSeries{{Label: "a", Years: []float64{2019, 2020, 2021}, Cumulative: []float64{1, 3, 4},
		FitX: []float64{2019, 2020, 2021}, FitY: []float64{1.1, 2.9, 4}, Note: "K 4"}, {Label: "b", Years: []float64{2021}, Cumulative: []float64{2}}}}
	bt := BurstTimeline{Title: "bursts", Bars: []BurstBar{{"a", 2019, 2021, 2.5, "2019–2020"}, {"b", 2020, 2021, 1, ""}}}
	draws := map[string]func(*bytes.Buffer) error{
		"map":    func(b *bytes.Buffer) error { return WriteThematicMap(b, SVG, m) },
		"growth": func(b *bytes.Buffer) error { return WriteGrowthCurves(b, SVG, gc) },
		"bursts": func(b *bytes.Buffer) error { return WriteBurstTimeline(b, SVG, bt) },
		"empty":  func(b *bytes.Buffer) error { return WriteBurstTimeline(b, SVG, BurstTimeline{Title: "none"}) },
	}
	for name, draw := range draws {
		var x, y bytes.Buffer
		if err := draw(&x); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := draw(&y); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x.Bytes(), y.Bytes()) {
			t.Errorf("%s: different bytes", name)
		}
		if strings.Contains(x.String(), "<script") {
			t.Errorf("%s: unescaped label", name)
		}
	}
	var b bytes.Buffer
	if err := WriteThematicMap(&b, SVG, m); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), ">c&lt;script&gt;<") {
		t.Error("map label not written as escaped text")
	}
}

func TestSqrtScale(t *testing.T) {
	s := sqrtScale{}
	if v := s.Normalize(0, 100, 25); math.Abs(v-0.5) > 1e-12 {
		t.Errorf("sqrt scale: 25 on [0, 100] at %v, want 0.5", v)
	}
	ticks := sqrtTicks{}.Ticks(0, 60)
	var labels []string
	for _, tk := range ticks {
		labels = append(labels, tk.Label)
	}
	if got := strings.Join(labels, " "); got != "0 1 2 5 10 20 50" {
		t.Errorf("ticks %q", got)
	}
}
