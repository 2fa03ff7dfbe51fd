// Package suggest finds the nearest known name to a misspelt one, for "did you mean" hints.
package suggest

import "strings"

// Distance is the optimal-string-alignment edit distance between a and b, counted in runes:
// insertions, deletions, substitutions and transpositions of adjacent runes cost 1 each, so
// "vti" is one edit from "vit".
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// Closest returns the candidate nearest to word, compared case-insensitively, when it is near
// enough to be a plausible typo: an edit distance of at most a third of the word's length (at
// least 1, at most 3; 0 for words shorter than three runes), or a case-insensitive prefix match of at least three characters. Ties go
// to the candidate that sorts first. It returns "" when nothing is near.
func Closest(word string, candidates []string) string {
	lw := strings.ToLower(word)
	limit := min(max(len([]rune(word))/3, 1), 3)
	if len([]rune(word)) < 3 {
		limit = 0 // a one- or two-letter typo could be anything
	}
	best, bestD := "", limit+1
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := Distance(lw, lc)
		if d > limit && len(lw) >= 3 && (strings.HasPrefix(lc, lw) || strings.HasPrefix(lw, lc)) {
			d = limit
		}
		if d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	if bestD > limit {
		return ""
	}
	return best
}
