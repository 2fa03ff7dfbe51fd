package fetch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// oaBatch is how many work ids one OpenAlex filter ORs together (the API allows 100).
const oaBatch = 50

// oaPerPage is the page size of OpenAlex list requests (the API's maximum).
const oaPerPage = 200

var oaWorkID = regexp.MustCompile(`^[Ww][1-9][0-9]*$`)

// ParseOpenAlexID reads a seed id for OpenAlex. It returns the short work id (W123) when the
// id names an OpenAlex work, else the path to look it up under /works/ (doi:10.x/y).
// Accepted: W123, https://openalex.org/W123, doi:10.x/y, https://doi.org/10.x/y, a bare
// 10.x/y, and arxiv:2103.14030 (OpenAlex knows arXiv papers by their DataCite DOI
// 10.48550/arXiv.ID).
func ParseOpenAlexID(s string) (work, lookup string, err error) {
	t := strings.TrimSpace(s)
	low := strings.ToLower(t)
	for _, p := range []string{"https://openalex.org/", "http://openalex.org/", "openalex:"} {
		if strings.HasPrefix(low, p) {
			t, low = t[len(p):], low[len(p):]
			break
		}
	}
	switch {
	case oaWorkID.MatchString(t):
		return "W" + t[1:], "", nil
	case strings.HasPrefix(low, "arxiv:"):
		a := strings.TrimSpace(t[len("arxiv:"):])
		a = arxivVersion.ReplaceAllString(a, "")
		if !arxivID.MatchString(a) {
			break
		}
		return "", "doi:10.48550/arXiv." + a, nil
	default:
		if d, ok := doiOf(t); ok {
			return "", "doi:" + d, nil
		}
	}
	return "", "", fmt.Errorf("%w: OpenAlex id %q: use W123, https://openalex.org/W123, doi:10.x/y or arxiv:2103.14030", ErrInvalid, s)
}

var (
	arxivVersion = regexp.MustCompile(`v[0-9]+$`)
	arxivID      = regexp.MustCompile(`^([0-9]{4}\.[0-9]{4,5}|[a-z-]+(\.[A-Z]{2})?/[0-9]{7})$`)
)

// doiOf reads doi:10.x/y, https://doi.org/10.x/y or a bare 10.x/y.
func doiOf(t string) (string, bool) {
	low := strings.ToLower(t)
	for _, p := range []string{"doi:", "https://doi.org/", "http://doi.org/", "https://dx.doi.org/"} {
		if strings.HasPrefix(low, p) {
			t = strings.TrimSpace(t[len(p):])
			break
		}
	}
	if !strings.HasPrefix(t, "10.") || !strings.Contains(t, "/") || strings.ContainsAny(t, " \t\n?#") {
		return "", false
	}
	return t, true
}

// shortOA turns https://openalex.org/W123 into W123.
func shortOA(id string) string {
	return strings.TrimPrefix(strings.TrimPrefix(id, "https://openalex.org/"), "http://openalex.org/")
}

// oaURL builds an OpenAlex URL with the polite-pool and key parameters.
func (cr *crawl) oaURL(path string, q url.Values) string {
	if q == nil {
		q = url.Values{}
	}
	if cr.opt.Mailto != "" {
		q.Set("mailto", cr.opt.Mailto)
	}
	if cr.opt.Source == OpenAlex && cr.opt.APIKey != "" {
		q.Set("api_key", cr.opt.APIKey)
	}
	u := cr.base + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

// oaRecord reads the id of a Work and compacts it.
func oaRecord(raw json.RawMessage) (string, []byte, error) {
	var w struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(raw, &w); err != nil {
		return "", nil, err
	}
	id := shortOA(w.ID)
	if !oaWorkID.MatchString(id) {
		return "", nil, fmt.Errorf("work without a W id (id %q)", w.ID)
	}
	rec, err := compact(raw)
	return id, rec, err
}

// oaPage is the part of a list response the crawl reads.
type oaPage struct {
	Meta struct {
		Count      int     `json:"count"`
		NextCursor *string `json:"next_cursor"`
	} `json:"meta"`
	Results []json.RawMessage `json:"results"`
}

// oaList pages through /works?filter=F with cursor paging and calls each for every work.
func (cr *crawl) oaList(ctx context.Context, filter string, each func(id string, rec []byte) error) error {
	cursor, got := "*", 0
	for {
		u := cr.oaURL("/works", url.Values{"filter": {filter}, "per_page": {fmt.Sprint(oaPerPage)}, "cursor": {cursor}})
		body, err := cr.c.get(ctx, u)
		if err != nil {
			return err
		}
		var page oaPage
		if err := json.Unmarshal(body, &page); err != nil {
			return fmt.Errorf("GET %s: unreadable response: %v", cacheKey(u), err)
		}
		for _, raw := range page.Results {
			id, rec, err := oaRecord(raw)
			if err != nil {
				return fmt.Errorf("GET %s: %v", cacheKey(u), err)
			}
			if err := each(id, rec); err != nil {
				return err
			}
		}
		got += len(page.Results)
		if page.Meta.NextCursor == nil || *page.Meta.NextCursor == "" || len(page.Results) == 0 || got >= page.Meta.Count {
			return nil
		}
		cursor = *page.Meta.NextCursor
	}
}

// oaGet fetches one work by W id or doi:…; ok is false when OpenAlex answers 404.
func (cr *crawl) oaGet(ctx context.Context, key string) (id string, rec []byte, ok bool, err error) {
	u := cr.oaURL("/works/"+s2Path(key), nil)
	body, err := cr.c.get(ctx, u)
	var he *HTTPError
	if errors.As(err, &he) && he.Status == http.StatusNotFound {
		return "", nil, false, nil
	}
	if err != nil {
		return "", nil, false, err
	}
	id, rec, err = oaRecord(body)
	if err != nil {
		return "", nil, false, fmt.Errorf("GET %s: %v", cacheKey(u), err)
	}
	return id, rec, true, nil
}

// openalex resolves the seeds, then per hop lists the works the frontier cites
// (filter=cited_by:, the works of their referenced_works) and the works citing them
// (filter=cites:), fifty frontier works per request.
func (cr *crawl) openalex(ctx context.Context) (*Result, error) {
	type seed struct{ given, work, lookup string }
	seeds := make([]seed, len(cr.opt.Seeds))
	var byW []string
	for i, s := range cr.opt.Seeds {
		w, l, err := ParseOpenAlexID(s)
		if err != nil {
			return nil, err
		}
		seeds[i] = seed{s, w, l}
		if w != "" {
			byW = append(byW, w)
		}
	}
	for _, batch := range chunks(byW, oaBatch) {
		err := cr.oaList(ctx, "openalex:"+strings.Join(batch, "|"), func(id string, rec []byte) error {
			_, err := cr.add(id, rec, true)
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	res := &Result{}
	for i, s := range seeds {
		if s.work != "" {
			if _, ok := cr.works[s.work]; ok {
				res.Seeds = append(res.Seeds, s.work)
				continue
			}
			s.lookup = s.work // merged or missing from the filter: ask the work endpoint
		}
		id, rec, ok, err := cr.oaGet(ctx, s.lookup)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("%w: seed %q: OpenAlex has no such work (/works/%s answers 404)", ErrInvalid, seeds[i].given, s.lookup)
		}
		if _, err := cr.add(id, rec, true); err != nil {
			return nil, err
		}
		res.Seeds = append(res.Seeds, id)
	}
	frontier := sortedKeys(cr.works)
	for cr.hop = 1; cr.hop <= cr.opt.Depth; cr.hop++ {
		var next []string
		for _, batch := range chunks(frontier, oaBatch) {
			for _, rel := range []string{"cited_by", "cites"} {
				err := cr.oaList(ctx, rel+":"+strings.Join(batch, "|"), func(id string, rec []byte) error {
					isNew, err := cr.add(id, rec, false)
					if isNew {
						next = append(next, id)
					}
					return err
				})
				if errors.Is(err, errCapped) {
					return cr.oaResult(res), nil
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
	return cr.oaResult(res), nil
}

func (cr *crawl) oaResult(res *Result) *Result {
	for _, id := range sortedKeys(cr.works) {
		res.Records = append(res.Records, cr.works[id])
	}
	return res
}
