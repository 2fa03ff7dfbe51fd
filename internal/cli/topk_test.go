package cli

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortTopMatchesFullSort: the bounded-heap selection gives exactly the first k of a full
// sort, with many ties broken by the secondary key.
func TestSortTopMatchesFullSort(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	vals := make([]int, 5000)
	for i := range vals {
		vals[i] = r.IntN(50)
	}
	order := func(x, y int) int { return cmp.Or(cmp.Compare(vals[y], vals[x]), cmp.Compare(x, y)) }
	all := make([]int, len(vals))
	for i := range all {
		all[i] = i
	}
	want := slices.Clone(all)
	slices.SortFunc(want, order)
	for _, k := range []int{0, 1, 7, 100, 624, 625, 4999, 5000, 6000} {
		got := sortTop(slices.Clone(all), k, order)
		w := want
		if k > 0 && k < len(w) {
			w = w[:k]
		}
		if !slices.Equal(got, w) {
			t.Errorf("k=%d: differs from the full sort", k)
		}
	}
}
