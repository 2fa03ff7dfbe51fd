package graph

import (
	"slices"
	"testing"
)

func TestTitleWords(t *testing.T) {
	got := TitleWords("Swin Transformer: Hierarchical Vision Transformer using Shifted Windows (3D) of an ViT")
	want := []string{"swin", "transformer", "hierarchical", "vision", "transformer", "shifted", "windows", "vit"}
	if !slices.Equal(got, want) {
		t.Fatalf("TitleWords = %q, want %q", got, want)
	}
	if got := TitleWords("Self-Supervised Über-Lernen, -a- end--to-end"); !slices.Equal(got, []string{"self-supervised", "über-lernen", "end-to-end"}) {
		t.Fatalf("hyphens and non-ASCII letters: %q", got)
	}
}

func TestCommunityLabels(t *testing.T) {
	titles := []string{
		"Graph attention networks", "Graph convolution networks", "Deep graph networks", // c0
		"Vision transformer networks", "Vision transformer detection", // c1
		"", // c2: untitled
	}
	of := []int32{0, 0, 0, 1, 1, 2}
	got := CommunityLabels(titles, of, 3)
	// c0: graph tf 3, idf log(3/1) → 3.30; networks is in c0 and c1 (idf log 1.5): 3×0.405;
	// attention, convolution, deep: 1×1.10 each (alphabetical among equals).
	// c1: transformer, vision 2×1.10; detection 1.10; networks 0.405.
	want := []string{"graph / networks / attention", "transformer / vision / detection", "community 3"}
	if !slices.Equal(got, want) {
		t.Fatalf("labels %q, want %q", got, want)
	}
	// One community: idf is 0 everywhere and words rank by frequency.
	if got := CommunityLabels(titles[:3], []int32{0, 0, 0}, 1); got[0] != "graph / networks / attention" {
		t.Fatalf("single community label %q", got[0])
	}
}
