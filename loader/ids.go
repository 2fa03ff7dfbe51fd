package loader

import (
	"regexp"

	"github.com/litgraph/litgraph/graph"
	"strconv"
	"strings"
)

var (
	idRe          = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*$`)
	arxivNewRe    = regexp.MustCompile(`^([0-9]{2})([0-9]{2})\.([0-9]{4,5})$`)
	arxivOldRe    = regexp.MustCompile(`^[a-z]+(-[a-z]+)?(\.[A-Z]{2})?/[0-9]{7}$`)
	doiRe         = regexp.MustCompile(`^10\.[0-9]{4,9}/\S+$`)
	arxivVersionR = regexp.MustCompile(`v[0-9]+$`)
)

// ValidCuratedID reports whether s is a valid curated id: [a-z0-9][a-z0-9.-]*.
func ValidCuratedID(s string) bool { return idRe.MatchString(s) }

// ValidArXiv reports whether s is a well-formed arXiv identifier without a version: new style
// YYMM.NNNN (2007 to 2014) or YYMM.NNNNN (from 2015), or old style archive[.XX]/YYMMNNN.
func ValidArXiv(s string) bool {
	if m := arxivNewRe.FindStringSubmatch(s); m != nil {
		yy, _ := strconv.Atoi(m[1])
		mm, _ := strconv.Atoi(m[2])
		if mm < 1 || mm > 12 || (yy < 7 || (yy == 7 && mm < 4)) {
			return false
		}
		return (yy >= 15) == (len(m[3]) == 5)
	}
	if arxivOldRe.MatchString(s) {
		yymm := s[strings.IndexByte(s, '/')+1:][:4]
		mm, _ := strconv.Atoi(yymm[2:])
		yy, _ := strconv.Atoi(yymm[:2])
		return mm >= 1 && mm <= 12 && (yy >= 91 || yy <= 7)
	}
	return false
}

// arxivFix explains how to write a malformed arXiv id, with a corrected form when one is
// obvious (a version suffix or an "arXiv:" prefix).
func arxivFix(s string) string {
	t := strings.TrimPrefix(strings.TrimPrefix(s, "arXiv:"), "arxiv:")
	t = arxivVersionR.ReplaceAllString(t, "")
	if t != s && ValidArXiv(t) {
		return "write " + strconv.Quote(t) + " (no prefix, no version)"
	}
	return `write a new-style id such as "2103.14030" or an old-style one such as "hep-th/9711200"`
}

// NormalizeDOI strips a resolver prefix ("https://doi.org/", "doi:") and lower-cases the DOI.
func NormalizeDOI(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:", "DOI:"} {
		if strings.HasPrefix(s, p) {
			s = s[len(p):]
			break
		}
	}
	return strings.ToLower(s)
}

// ValidDOI reports whether s (normalized) looks like a DOI: 10.<registrant>/<suffix>.
func ValidDOI(s string) bool { return doiRe.MatchString(s) }

// DateFromArXivID returns the submission month an arXiv identifier encodes: new style
// YYMM.NNNN(N), old style archive/YYMMNNN, or the bare integer form of old-style numbers that
// SNAP's cit-HepTh and cit-HepPh use (YYMMNNN with leading zeros dropped: 1001 is hep-th/0001001,
// January 2000; 9711200 is November 1997). Old-style years 91-99 are 19YY and 00-07 are 20YY.
// ok is false for anything else.
func DateFromArXivID(id string) (graph.Date, bool) {
	var yy, mm int
	switch {
	case arxivNewRe.MatchString(id):
		if !ValidArXiv(id) {
			return graph.Date{}, false
		}
		yy, _ = strconv.Atoi(id[:2])
		mm, _ = strconv.Atoi(id[2:4])
		return graph.Date{Year: uint16(2000 + yy), Month: uint8(mm)}, true
	case arxivOldRe.MatchString(id):
		id = id[strings.IndexByte(id, '/')+1:]
	case len(id) >= 1 && len(id) <= 7 && strings.Trim(id, "0123456789") == "":
		id = strings.Repeat("0", 7-len(id)) + id
	default:
		return graph.Date{}, false
	}
	yy, _ = strconv.Atoi(id[:2])
	mm, _ = strconv.Atoi(id[2:4])
	if mm < 1 || mm > 12 || (yy > 7 && yy < 91) {
		return graph.Date{}, false
	}
	year := 1900 + yy
	if yy <= 7 {
		year = 2000 + yy
	}
	return graph.Date{Year: uint16(year), Month: uint8(mm)}, true
}
