package graph

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// stopWords are common English words left out of community labels (words under three letters
// never count). The list is deliberately small: tf-idf already discounts words that every
// community uses.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`about above after again against all also among and any are
		around based because been before being below between both but can could did does doing down
		during each few for from further had has have having her here hers him his how into its
		itself just more most new not now off once only other our out over own same she should
		some such than that the their them then there these they this those through too toward
		towards under until upon use used using very via was were what when where which while who
		whom why will with within without would you your`) {
		m[w] = true
	}
	return m
}()

// TitleWords splits a title into label words, lower-cased: maximal runs of letters and inner
// hyphens ("end-to-end", "self-supervised"), of at least three letters, not stop words.
func TitleWords(title string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(title), func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
		f = strings.Trim(f, "-")
		for strings.Contains(f, "--") {
			f = strings.ReplaceAll(f, "--", "-")
		}
		letters := utf8.RuneCountInString(f) - strings.Count(f, "-")
		if letters >= 3 && !stopWords[f] {
			out = append(out, f)
		}
	}
	return out
}

// CommunityLabels names each of the k communities of a partition (of[v] is the community of
// node v; titles[v] is its title, "" when unknown) by its most characteristic title words:
// tf-idf, with tf the number of occurrences of the word in the community's titles and idf
// log(k / number of communities whose titles use the word). The top three words (score
// descending, then tf descending, then alphabetical) are joined by " / "; words used by every
// community score 0 but still rank by tf, so a lone community gets its most frequent words.
// A community without title words is named "community N" (N = index + 1).
func CommunityLabels(titles []string, of []int32, k int) []string {
	tf := make([]map[string]int, k)
	for c := range tf {
		tf[c] = map[string]int{}
	}
	for v, t := range titles {
		for _, w := range TitleWords(t) {
			tf[of[v]][w]++
		}
	}
	df := map[string]int{}
	for _, m := range tf {
		for w := range m {
			df[w]++
		}
	}
	labels := make([]string, k)
	type scored struct {
		word  string
		tf    int
		score float64
	}
	for c, m := range tf {
		if len(m) == 0 {
			labels[c] = fmt.Sprintf("community %d", c+1)
			continue
		}
		ws := make([]scored, 0, len(m))
		for w, n := range m {
			ws = append(ws, scored{w, n, float64(n) * math.Log(float64(k)/float64(df[w]))})
		}
		slices.SortFunc(ws, func(x, y scored) int {
			return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(y.tf, x.tf), strings.Compare(x.word, y.word))
		})
		top := make([]string, 0, 3)
		for _, s := range ws[:min(3, len(ws))] {
			top = append(top, s.word)
		}
		labels[c] = strings.Join(top, " / ")
	}
	return labels
}
