package graph

import (
	"cmp"
	"math"
	"slices"
)

// The CD index of disruption (Funk & Owen-Smith 2017, "A dynamic network measure of
// technological change", Management Science 63(3); Park, Leahey & Funk 2023, "Papers and
// patents are becoming less disruptive over time", Nature 613), as the cdindex package
// (github.com/russellfunk/cdindex, src/cdindex.c) computes it. For a focal work f with
// references R(f) (its successors in the view), take every work i published after f and
// within the window that cites f or any r in R(f); then
//
//	CD = (1/n) Σ_i (−2·f_i·b_i + f_i),  f_i = 1 if i cites f,  b_i = 1 if i cites some r in R(f).
//
// A work cited only on its own (f=1, b=0) pushes toward +1 (disruptive), one cited with its
// references (f=1, b=1) toward −1 (consolidating), one citing only the references adds 0 to
// the sum and 1 to n. Time is counted in months (Date.MonthIndex): i is in the window when
// month(f) < month(i) ≤ month(f) + 12·window years, the cdindex rule (strictly after f, up to
// and including the end). Undated works are never in a window and get no CD.

// DefaultCDWindowYears is the default window of the CD index (CD_5, as in Park et al. 2023).
const DefaultCDWindowYears = 5

// CD is the CD index of one work with its counts.
type CD struct {
	Work  int32
	Value float64 // NaN when no work is in the window (n = 0) or the work is undated
	N     int     // works in the window citing f or a reference of f
	Only  int     // n_i: cite f and none of its references
	Both  int     // n_j: cite f and a reference
	Refs  int     // n_k: cite a reference and not f
	M     int     // citations of f in the window (Only + Both), the I index; mCD = Value·M
}

// CDIndex returns the CD index of work f in adj (arc u → v: u cites or builds on v) with a
// window of windowYears years (≤ 0 means DefaultCDWindowYears).
func (g *Graph) CDIndex(adj *Adjacency, f int, windowYears int) CD {
	if windowYears <= 0 {
		windowYears = DefaultCDWindowYears
	}
	res := CD{Work: int32(f), Value: math.NaN()}
	fm := g.dates[f].MonthIndex()
	if fm < 0 {
		return res
	}
	end := fm + 12*windowYears
	inWindow := func(i int32) bool {
		m := g.dates[i].MonthIndex()
		return m > fm && m <= end
	}
	refs := adj.Succ(f)
	seen := map[int32]bool{}
	var cands []int32
	for _, r := range refs {
		for _, i := range adj.Pred(int(r)) {
			if !seen[i] && inWindow(i) {
				seen[i] = true
				cands = append(cands, i)
			}
		}
	}
	for _, i := range adj.Pred(f) {
		if !seen[i] && inWindow(i) {
			seen[i] = true
			cands = append(cands, i)
		}
	}
	sum := 0
	for _, i := range cands {
		succ := adj.Succ(int(i))
		_, fi := slices.BinarySearch(succ, int32(f))
		bi := false
		for _, r := range refs {
			if _, ok := slices.BinarySearch(succ, r); ok {
				bi = true
				break
			}
		}
		switch {
		case fi && bi:
			res.Both++
			sum--
		case fi:
			res.Only++
			sum++
		default:
			res.Refs++
		}
	}
	res.N = len(cands)
	res.M = res.Only + res.Both
	if res.N > 0 {
		res.Value = float64(sum) / float64(res.N)
	}
	return res
}

// CDIndices returns the CD index of every work, in work index order.
func (g *Graph) CDIndices(adj *Adjacency, windowYears int) []CD {
	out := make([]CD, g.NumWorks())
	for f := range out {
		out[f] = g.CDIndex(adj, f, windowYears)
	}
	return out
}

// RankCD sorts the works with a CD index by value descending (most disruptive first), ties by
// more works in the window, then id.
func (g *Graph) RankCD(cds []CD) []CD {
	var out []CD
	for _, c := range cds {
		if !math.IsNaN(c.Value) {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b CD) int {
		return cmp.Or(-cmp.Compare(a.Value, b.Value), -cmp.Compare(a.N, b.N), cmp.Compare(g.ids[a.Work], g.ids[b.Work]))
	})
	return out
}
