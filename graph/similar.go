package graph

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// SimilarBy chooses the similarity Similar ranks by.
type SimilarBy uint8

// The similarity measures.
const (
	ByCocitation SimilarBy = iota + 1 // rank by co-citation (Salton cosine)
	ByCoupling                        // rank by bibliographic coupling (Adamic–Adar)
	ByBoth                            // rank by the mean of both, each scaled to its maximum
)

var similarByNames = map[SimilarBy]string{ByCocitation: "cocitation", ByCoupling: "coupling", ByBoth: "both"}

func (b SimilarBy) String() string {
	if s, ok := similarByNames[b]; ok {
		return s
	}
	return fmt.Sprintf("similarby(%d)", uint8(b))
}

// ParseSimilarBy returns the measure named s: cocitation, coupling or both.
func ParseSimilarBy(s string) (SimilarBy, bool) {
	for b, name := range similarByNames {
		if name == s {
			return b, true
		}
	}
	return 0, false
}

// Similarity is one work's similarity to the query work.
type Similarity struct {
	Work       int32
	Cocitation float64 // Salton cosine of the citer sets; 0 when never cited together
	Coupling   float64 // Adamic–Adar sum over shared references; 0 when none shared
	Score      float64 // what the list is sorted by (see Similar)
}

// Similar returns the works most similar to work q on a, by score descending, then by id
// (ids gives the id of each work), at most top of them (top ≤ 0: all) and only those whose
// score is positive. "Citers" of a work are its in-neighbours in a (works that cite or build
// on it), its "references" its out-neighbours.
//
// Co-citation (Small, "Co-citation in the scientific literature", JASIS 24(4), 1973): two
// works are similar when later works cite them together. Its strength is normalised by
// Salton's cosine (Salton & McGill, "Introduction to Modern Information Retrieval", 1983):
//
//	cocitation(q, j) = |citers(q) ∩ citers(j)| / √(|citers(q)| · |citers(j)|)
//
// in [0, 1]; 1 means every work that cites one cites the other.
//
// Bibliographic coupling (Kessler, "Bibliographic coupling between scientific papers",
// American Documentation 14(1), 1963): two works are similar when they cite the same works.
// As Inciteful does, each shared reference is weighted by Adamic & Adar's inverse log degree
// ("Friends and neighbors on the Web", Social Networks 25(3), 2003), so that sharing an
// obscure reference counts more than sharing a classic every paper cites:
//
//	coupling(q, j) = Σ_{r ∈ refs(q) ∩ refs(j)} 1 / ln |citers(r)|
//
// with the natural logarithm and |citers(r)| the in-degree of r in a (after --as-of and
// --rel). A shared reference is cited by q and j at least, so its in-degree is ≥ 2 and the
// weight at most 1/ln 2 ≈ 1.443: the single-citer case (ln 1 = 0) cannot arise.
//
// Score is cocitation for ByCocitation, coupling for ByCoupling, and for ByBoth the mean of
// the two after dividing each by its maximum over all candidates of this query (a measure
// with no positive value contributes 0), so both weigh equally whatever their scales.
func Similar(a *Adjacency, q int, by SimilarBy, top int, ids []string) []Similarity {
	n := a.N()
	cocount := make([]int32, n)
	coupling := make([]float64, n)
	var touched []int32
	touch := func(j int32) {
		if cocount[j] == 0 && coupling[j] == 0 {
			touched = append(touched, j)
		}
	}
	for _, c := range a.Pred(q) { // works citing q: whatever else they cite is co-cited
		for _, j := range a.Succ(int(c)) {
			if int(j) != q {
				touch(j)
				cocount[j]++
			}
		}
	}
	for _, r := range a.Succ(q) { // q's references: whoever else cites them is coupled
		p := a.Pred(int(r))
		if len(p) < 2 {
			continue // only q cites r
		}
		w := 1 / math.Log(float64(len(p)))
		for _, j := range p {
			if int(j) != q {
				touch(j)
				coupling[j] += w
			}
		}
	}
	dq := float64(len(a.Pred(q)))
	out := make([]Similarity, 0, len(touched))
	var maxCo, maxCp float64
	for _, j := range touched {
		s := Similarity{Work: j, Coupling: coupling[j]}
		if cocount[j] > 0 {
			s.Cocitation = float64(cocount[j]) / math.Sqrt(dq*float64(len(a.Pred(int(j)))))
		}
		maxCo = max(maxCo, s.Cocitation)
		maxCp = max(maxCp, s.Coupling)
		out = append(out, s)
	}
	for i := range out {
		s := &out[i]
		switch by {
		case ByCocitation:
			s.Score = s.Cocitation
		case ByCoupling:
			s.Score = s.Coupling
		default:
			var x, y float64
			if maxCo > 0 {
				x = s.Cocitation / maxCo
			}
			if maxCp > 0 {
				y = s.Coupling / maxCp
			}
			s.Score = (x + y) / 2
		}
	}
	out = slices.DeleteFunc(out, func(s Similarity) bool { return s.Score <= 0 })
	slices.SortFunc(out, func(x, y Similarity) int {
		return cmp.Or(cmp.Compare(y.Score, x.Score), cmp.Compare(ids[x.Work], ids[y.Work]))
	})
	if top > 0 && len(out) > top {
		out = out[:top]
	}
	return out
}
