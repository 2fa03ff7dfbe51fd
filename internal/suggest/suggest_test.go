package suggest

import "testing"

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"vit", "vti", 1}, {"kitten", "sitting", 3}, {"titel", "title", 1}, {"重灾区", "重区", 1}} {
		if got := Distance(c.a, c.b); got != c.d {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
}

func TestClosest(t *testing.T) {
	ids := []string{"vit", "vtn", "swin", "deformable-detr", "detr", "title"}
	for in, want := range map[string]string{"vti": "vit", "ViT": "vit", "swni": "swin", "deformable": "deformable-detr", "titel": "title", "zzzz": "", "x": ""} {
		if got := Closest(in, ids); got != want {
			t.Errorf("Closest(%q) = %q, want %q", in, got, want)
		}
	}
}
