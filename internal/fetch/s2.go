package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// S2PaperFields are the fields asked of /paper/{id}; S2EdgeFields those asked of
// /paper/{id}/references and /citations (the paper fields then apply to citedPaper or
// citingPaper).
const (
	S2PaperFields = "paperId,corpusId,externalIds,url,title,abstract,venue,publicationVenue,year," +
		"publicationDate,referenceCount,citationCount,influentialCitationCount,isOpenAccess," +
		"fieldsOfStudy,s2FieldsOfStudy,publicationTypes,journal,authors"
	S2EdgeFields = "contexts,intents,isInfluential,paperId,corpusId,externalIds,url,title,venue," +
		"year,publicationDate,referenceCount,citationCount,influentialCitationCount,fieldsOfStudy," +
		"publicationTypes,journal,authors"
)

// s2Limit is the page size of the edge endpoints (the API's maximum).
const s2Limit = 1000

var s2Hex = regexp.MustCompile(`^[0-9a-fA-F]{40}$`)

// s2Prefixes maps the lower-cased id prefixes the Graph API accepts to their spelling.
var s2Prefixes = map[string]string{
	"arxiv:": "ARXIV:", "doi:": "DOI:", "corpusid:": "CorpusId:", "mag:": "MAG:", "acl:": "ACL:",
	"pmid:": "PMID:", "pmcid:": "PMCID:", "url:": "URL:",
}

// ParseS2ID reads a seed id for the Semantic Scholar Graph API: a 40-hex paperId,
// arxiv:ID (sent as ARXIV:ID), doi:X or a bare 10.x/y (sent as DOI:X), or another prefix the
// API knows (CorpusId:, MAG:, ACL:, PMID:, PMCID:, URL:).
func ParseS2ID(s string) (string, error) {
	t := strings.TrimSpace(s)
	if s2Hex.MatchString(t) {
		return strings.ToLower(t), nil
	}
	low := strings.ToLower(t)
	for p, canon := range s2Prefixes {
		if strings.HasPrefix(low, p) {
			rest := strings.TrimSpace(t[len(p):])
			if rest == "" || strings.ContainsAny(rest, " \t\n?#") {
				break
			}
			if canon == "DOI:" {
				d, ok := doiOf(rest)
				if !ok {
					break
				}
				rest = d
			}
			return canon + rest, nil
		}
	}
	if d, ok := doiOf(t); ok {
		return "DOI:" + d, nil
	}
	return "", fmt.Errorf("%w: Semantic Scholar id %q: use a 40-hex paperId, arxiv:ID, doi:10.x/y or CorpusId:N", ErrInvalid, s)
}

// s2Path escapes an id for a URL path, keeping the slashes of a DOI as both APIs expect them.
func s2Path(id string) string {
	return strings.ReplaceAll(url.PathEscape(id), "%2F", "/")
}

// s2Edge is a kept edge record.
type s2Edge struct {
	typ     string // "references" or "citations"
	paperID string // the paper whose endpoint returned it
	other   string // the paperId of citedPaper / citingPaper, "" when null
	rec     []byte
}

// s2 fetches the seeds from /paper/{id}, then per hop pages through /references and
// /citations of every frontier paper.
func (cr *crawl) s2(ctx context.Context) (*Result, error) {
	res := &Result{}
	for _, s := range cr.opt.Seeds {
		id, err := ParseS2ID(s)
		if err != nil {
			return nil, err
		}
		u := cr.base + "/paper/" + s2Path(id) + "?" + url.Values{"fields": {S2PaperFields}}.Encode()
		body, err := cr.c.get(ctx, u)
		var he *HTTPError
		if errors.As(err, &he) && he.Status == http.StatusNotFound {
			return nil, fmt.Errorf("%w: seed %q: Semantic Scholar has no such paper (/paper/%s answers 404)", ErrInvalid, s, id)
		}
		if err != nil {
			return nil, err
		}
		pid, rec, err := s2Paper(body)
		if err != nil || pid == "" {
			return nil, fmt.Errorf("GET %s: unreadable paper (%v)", u, err)
		}
		if _, err := cr.add(pid, rec, true); err != nil {
			return nil, err
		}
		res.Seeds = append(res.Seeds, pid)
	}
	var edges []s2Edge
	frontier := sortedKeys(cr.works)
	for cr.hop = 1; cr.hop <= cr.opt.Depth; cr.hop++ {
		var next []string
		for _, pid := range frontier {
			for _, rel := range []string{"references", "citations"} {
				err := cr.s2Edges(ctx, pid, rel, func(other string, paper, rec []byte) error {
					if other != "" {
						isNew, err := cr.add(other, paper, false)
						if err != nil {
							return err
						}
						if isNew {
							next = append(next, other)
						}
					}
					edges = append(edges, s2Edge{rel, pid, other, rec})
					return nil
				})
				if errors.Is(err, errCapped) {
					return cr.s2Result(res, edges), nil
				}
				if err != nil {
					return nil, err
				}
			}
		}
		slices.Sort(next)
		frontier = next
	}
	cr.hop = cr.opt.Depth
	return cr.s2Result(res, edges), nil
}

// s2Paper reads a paper object's paperId ("" when null) and compacts it.
func s2Paper(raw []byte) (string, []byte, error) {
	var p struct {
		PaperID *string `json:"paperId"`
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		return "", nil, err
	}
	rec, err := compact(raw)
	if err != nil {
		return "", nil, err
	}
	if p.PaperID == nil {
		return "", rec, nil
	}
	return *p.PaperID, rec, nil
}

// s2Page is the part of an edge page the crawl reads.
type s2Page struct {
	Next *int              `json:"next"`
	Data []json.RawMessage `json:"data"`
}

// s2Edges pages through /paper/{pid}/{rel} and calls each with the other paper's id and
// object and the edge record as returned.
func (cr *crawl) s2Edges(ctx context.Context, pid, rel string, each func(other string, paper, rec []byte) error) error {
	nested := "citedPaper"
	if rel == "citations" {
		nested = "citingPaper"
	}
	offset := 0
	for {
		q := url.Values{"fields": {S2EdgeFields}, "offset": {strconv.Itoa(offset)}, "limit": {strconv.Itoa(s2Limit)}}
		u := cr.base + "/paper/" + s2Path(pid) + "/" + rel + "?" + q.Encode()
		body, err := cr.c.get(ctx, u)
		if err != nil {
			return err
		}
		var page s2Page
		if err := json.Unmarshal(body, &page); err != nil {
			return fmt.Errorf("GET %s: unreadable response: %v", u, err)
		}
		for _, raw := range page.Data {
			var e map[string]json.RawMessage
			if err := json.Unmarshal(raw, &e); err != nil {
				return fmt.Errorf("GET %s: unreadable edge record: %v", u, err)
			}
			other, paper := "", []byte(nil)
			if p, ok := e[nested]; ok && !bytes.Equal(p, []byte("null")) {
				if other, paper, err = s2Paper(p); err != nil {
					return fmt.Errorf("GET %s: unreadable %s: %v", u, nested, err)
				}
			}
			rec, err := compact(raw)
			if err != nil {
				return err
			}
			if err := each(other, paper, rec); err != nil {
				return err
			}
		}
		if page.Next == nil || len(page.Data) == 0 || *page.Next <= offset {
			return nil
		}
		offset = *page.Next
	}
}

// s2Result writes the paper lines sorted by paperId, then the reference lines and the
// citation lines, each sorted by (paperId, other paperId, record bytes), without duplicates.
// Edges to a paper the cap dropped are left out; edges whose other paperId is null are kept.
func (cr *crawl) s2Result(res *Result, edges []s2Edge) *Result {
	for _, id := range sortedKeys(cr.works) {
		res.Records = append(res.Records, s2Line("paper", id, cr.works[id]))
	}
	rank := map[string]int{"references": 0, "citations": 1}
	slices.SortFunc(edges, func(a, b s2Edge) int {
		if c := rank[a.typ] - rank[b.typ]; c != 0 {
			return c
		}
		if c := strings.Compare(a.paperID, b.paperID); c != 0 {
			return c
		}
		if c := strings.Compare(a.other, b.other); c != 0 {
			return c
		}
		return bytes.Compare(a.rec, b.rec)
	})
	var prev *s2Edge
	for i := range edges {
		e := &edges[i]
		if e.other != "" {
			if _, ok := cr.works[e.other]; !ok {
				continue
			}
		}
		if prev != nil && prev.typ == e.typ && prev.paperID == e.paperID && bytes.Equal(prev.rec, e.rec) {
			continue
		}
		prev = e
		res.Records = append(res.Records, s2Line(e.typ, e.paperID, e.rec))
		res.Edges++
	}
	return res
}

// s2Line wraps a record: {"type":T,"paperId":ID,"record":R}.
func s2Line(typ, paperID string, rec []byte) []byte {
	var b bytes.Buffer
	b.WriteString(`{"type":"`)
	b.WriteString(typ)
	b.WriteString(`","paperId":`)
	id, _ := json.Marshal(paperID)
	b.Write(id)
	b.WriteString(`,"record":`)
	b.Write(rec)
	b.WriteByte('}')
	return b.Bytes()
}
