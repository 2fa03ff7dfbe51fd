// Package fetch builds a local citation neighbourhood from a public API (OpenAlex or the
// Semantic Scholar Graph API): the seed works, their references and their citations, and at
// depth 2 the same for every work of the first hop. It saves the API records as they were
// returned, one JSON object per line, for a loader to read later; it parses only what it
// needs to find the ids of references and citations.
//
// The client is polite: one request at a time, spaced by a rate limit, retried with seeded
// exponential backoff that honours Retry-After, each with its own timeout, and cached on disk
// so that a second run, or a rerun after an interruption, repeats no request. The package
// never prints: progress goes to the Progress callback.
package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Source names an API.
type Source string

const (
	OpenAlex        Source = "openalex"
	SemanticScholar Source = "s2"
)

// Default base URLs and request rates (requests per second).
const (
	OpenAlexURL        = "https://api.openalex.org"
	SemanticScholarURL = "https://api.semanticscholar.org/graph/v1"
	OpenAlexRate       = 10
	SemanticRate       = 1
	DefaultMaxWorks    = 2000
)

// ErrInvalid marks an error in the user's input: an id that cannot be read, a seed the API
// does not know, a bad option.
var ErrInvalid = errors.New("invalid input")

// Options configure a crawl. Zero values take the defaults noted.
type Options struct {
	Source   Source
	Seeds    []string // ids as the user wrote them
	Depth    int      // 1 or 2 (default 1)
	MaxWorks int      // cap on the works kept (default DefaultMaxWorks)

	BaseURL   string        // default OpenAlexURL or SemanticScholarURL
	Mailto    string        // OpenAlex polite pool: sent as mailto= and in the User-Agent
	APIKey    string        // OpenAlex: api_key= (never cached); S2: x-api-key header
	UserAgent string        // default "litgraph (+https://github.com/litgraph/litgraph)"
	Rate      float64       // requests per second (default OpenAlexRate or SemanticRate)
	Timeout   time.Duration // per request (default 30s)
	Retries   int           // retries after the first attempt (default 5; negative: none)
	Backoff   time.Duration // first backoff delay (default 1s), doubled per retry
	Seed      uint64        // seed of the backoff jitter (default 1)
	CacheDir  string        // "" disables the cache

	HTTPClient *http.Client                               // default: a plain client
	Now        func() time.Time                           // default time.Now
	Sleep      func(context.Context, time.Duration) error // default: a timer honouring ctx
	Progress   func(Progress)                             // called after each request or cache hit
}

// Progress is the state of a running crawl.
type Progress struct {
	Hop       int // 0 while resolving the seeds, then 1..Depth
	Depth     int
	Works     int // works kept so far
	Requests  int // HTTP requests made (retries included)
	CacheHits int // responses read from the cache
}

// Result is a finished crawl.
type Result struct {
	Source    Source
	Seeds     []string // the seeds' API ids, in the order given
	Works     int      // works kept (seeds included)
	Edges     int      // S2 only: edge records kept
	Records   [][]byte // one compact JSON object per output line, sorted (see docs/fetch.md)
	Requests  int
	CacheHits int
	Retries   int
	// Capped is true when MaxWorks stopped the crawl: a further work was found and dropped.
	// CappedHop is the hop it happened in.
	Capped    bool
	CappedHop int
}

// WriteJSONL writes the records, one per line.
func (r *Result) WriteJSONL(w io.Writer) error {
	var buf bytes.Buffer
	for _, rec := range r.Records {
		buf.Write(rec)
		buf.WriteByte('\n')
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// crawl is the state shared by both sources.
type crawl struct {
	opt    Options
	c      *client
	base   string
	hop    int
	works  map[string][]byte // id → record
	capped bool
}

// errCapped stops a crawl when MaxWorks is reached.
var errCapped = errors.New("max works reached")

// Run crawls the neighbourhood of the seeds.
func Run(ctx context.Context, opt Options) (*Result, error) {
	if err := opt.defaults(); err != nil {
		return nil, err
	}
	header := http.Header{}
	ua := opt.UserAgent
	if opt.Mailto != "" {
		ua += " mailto:" + opt.Mailto
	}
	header.Set("User-Agent", ua)
	header.Set("Accept", "application/json")
	if opt.Source == SemanticScholar && opt.APIKey != "" {
		header.Set("x-api-key", opt.APIKey)
	}
	cr := &crawl{
		opt:   opt,
		base:  strings.TrimRight(opt.BaseURL, "/"),
		works: map[string][]byte{},
		c: &client{
			http:     opt.HTTPClient,
			header:   header,
			now:      opt.Now,
			sleep:    opt.Sleep,
			rng:      rand.New(rand.NewPCG(opt.Seed, 0x6c6974677261706b)),
			retries:  opt.Retries,
			timeout:  opt.Timeout,
			backoff:  opt.Backoff,
			interval: time.Duration(float64(time.Second) / opt.Rate),
			cacheDir: opt.CacheDir,
		},
	}
	cr.c.onRequest = cr.progress
	var (
		res *Result
		err error
	)
	switch opt.Source {
	case OpenAlex:
		res, err = cr.openalex(ctx)
	default:
		res, err = cr.s2(ctx)
	}
	if err != nil {
		return nil, err
	}
	res.Source = opt.Source
	res.Works = len(cr.works)
	res.Requests, res.CacheHits, res.Retries = cr.c.requests, cr.c.cacheHits, cr.c.retried
	res.Capped = cr.capped
	if cr.capped {
		res.CappedHop = cr.hop
	}
	return res, nil
}

func (o *Options) defaults() error {
	switch o.Source {
	case OpenAlex:
		if o.BaseURL == "" {
			o.BaseURL = OpenAlexURL
		}
		if o.Rate == 0 {
			o.Rate = OpenAlexRate
		}
	case SemanticScholar:
		if o.BaseURL == "" {
			o.BaseURL = SemanticScholarURL
		}
		if o.Rate == 0 {
			o.Rate = SemanticRate
		}
	default:
		return fmt.Errorf("%w: unknown source %q (openalex or s2)", ErrInvalid, o.Source)
	}
	if len(o.Seeds) == 0 {
		return fmt.Errorf("%w: no seed ids", ErrInvalid)
	}
	if o.Depth == 0 {
		o.Depth = 1
	}
	if o.Depth < 1 || o.Depth > 2 {
		return fmt.Errorf("%w: depth %d: use 1 or 2", ErrInvalid, o.Depth)
	}
	if o.MaxWorks == 0 {
		o.MaxWorks = DefaultMaxWorks
	}
	if o.MaxWorks < 0 {
		return fmt.Errorf("%w: max works %d: use a positive number", ErrInvalid, o.MaxWorks)
	}
	if o.Rate < 0 {
		return fmt.Errorf("%w: rate %g: use a positive number of requests per second", ErrInvalid, o.Rate)
	}
	if o.UserAgent == "" {
		o.UserAgent = "litgraph (+https://github.com/litgraph/litgraph)"
	}
	if o.Timeout == 0 {
		o.Timeout = 30 * time.Second
	}
	if o.Retries == 0 {
		o.Retries = 5
	}
	if o.Retries < 0 {
		o.Retries = 0
	}
	if o.Backoff == 0 {
		o.Backoff = time.Second
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = sleepContext
	}
	return nil
}

func (cr *crawl) progress() {
	if cr.opt.Progress != nil {
		cr.opt.Progress(Progress{Hop: cr.hop, Depth: cr.opt.Depth, Works: len(cr.works),
			Requests: cr.c.requests, CacheHits: cr.c.cacheHits})
	}
}

// add keeps a newly found work unless the cap is reached; it reports whether the id is new.
// Seeds are always kept.
func (cr *crawl) add(id string, rec []byte, seed bool) (bool, error) {
	if _, ok := cr.works[id]; ok {
		return false, nil
	}
	if !seed && len(cr.works) >= cr.opt.MaxWorks {
		cr.capped = true
		return false, errCapped
	}
	cr.works[id] = rec
	return true, nil
}

// compact returns the record on one line (the APIs answer compact JSON already; this only
// guards the one-record-per-line promise).
func compact(raw json.RawMessage) ([]byte, error) {
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// sortedKeys returns the map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// chunks splits ids into batches of at most n.
func chunks(ids []string, n int) [][]string {
	var out [][]string
	for len(ids) > n {
		out = append(out, ids[:n])
		ids = ids[n:]
	}
	if len(ids) > 0 {
		out = append(out, ids)
	}
	return out
}
