package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/litgraph/litgraph/internal/fetch"
	"github.com/litgraph/litgraph/internal/suggest"
	"github.com/spf13/cobra"
)

type fetchOptions struct {
	depth    int
	maxWorks int
	mailto   string
	apiKey   string
	rate     float64
	cache    string
	noCache  bool
	timeout  time.Duration
	retries  int
	seed     uint64
	baseURL  string
}

func newFetchCmd(a *app) *cobra.Command {
	o := &fetchOptions{}
	cmd := &cobra.Command{
		Use:   "fetch openalex|s2 ID...",
		Short: "Fetch the citation neighbourhood of works from OpenAlex or Semantic Scholar",
		Long: `fetch builds a local citation neighbourhood from a public API, as Inciteful does: the
seed works, the works they cite and the works citing them; with --depth 2 the same again
for every work of the first hop. --max-works (default 2000) caps the works kept; when the
cap cuts the crawl, fetch says so on stderr.

Sources and ids:
  openalex  W123, https://openalex.org/W123, doi:10.x/y, arxiv:2103.14030
            (--mailto or OPENALEX_MAILTO joins the polite pool; --api-key or OPENALEX_API_KEY)
  s2        a Semantic Scholar paperId (40 hex digits), arxiv:ID, doi:10.x/y, CorpusId:N
            (--api-key or S2_API_KEY, sent as the x-api-key header)

The output is JSONL, one API record per line, sorted so that the same crawl writes the
same bytes: for openalex the Work objects as the API returned them, sorted by id; for s2
lines {"type":"paper"|"references"|"citations","paperId":…,"record":…} holding the paper
objects and the edge records of /references and /citations as returned (contexts, intents,
isInfluential included). docs/fetch.md describes both shapes. --out writes the file
atomically: an interrupted run leaves no partial file.

fetch is polite: one request at a time, at most --rate per second (default 10 for
OpenAlex, 1 for Semantic Scholar), retried with exponential backoff and jitter (seeded by
--random-seed) after errors, honouring Retry-After on 429 and 503. Every response is cached
under --cache (keyed by the URL without the api key), so rerunning a command makes no
request, and rerunning an interrupted or failed one resumes where it stopped.`,
		Example: `  litgraph fetch openalex arxiv:2103.14030 --mailto you@example.org --out swin.jsonl
  litgraph fetch openalex W3045921891 W3046863325 --depth 2 --max-works 500 --out snowball.jsonl
  litgraph fetch s2 arxiv:2010.11929 --out vit-s2.jsonl`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if f := cmd.Flag("format"); f != nil && f.Changed && a.global.format != "jsonl" {
				return usagef("fetch writes JSONL only: drop --format %s (or use --format jsonl)", a.global.format)
			}
			return a.runFetch(o, args)
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.depth, "depth", 1, "1: seeds, their references and citations; 2: the same again for the first hop")
	f.IntVar(&o.maxWorks, "max-works", fetch.DefaultMaxWorks, "stop the crawl when this many works are kept (seeds always are)")
	f.StringVar(&o.mailto, "mailto", "", "your e-mail address for the OpenAlex polite pool (default $OPENALEX_MAILTO)")
	f.StringVar(&o.apiKey, "api-key", "", "API key (default $OPENALEX_API_KEY or $S2_API_KEY); never cached or printed")
	f.Float64Var(&o.rate, "rate", 0, "at most this many requests per second (default 10 for openalex, 1 for s2)")
	f.StringVar(&o.cache, "cache", "", "cache directory (default the user cache dir + litgraph/fetch)")
	f.BoolVar(&o.noCache, "no-cache", false, "neither read nor write the cache")
	f.DurationVar(&o.timeout, "timeout", 30*time.Second, "timeout of one request")
	f.IntVar(&o.retries, "retries", 5, "retries of a failed request (429, 5xx, network errors)")
	f.Uint64Var(&o.seed, "random-seed", 1, "seed of the retry jitter")
	f.StringVar(&o.baseURL, "base-url", "", "API root, for a mirror or a test server (default the public API)")
	return cmd
}

func (a *app) runFetch(o *fetchOptions, args []string) error {
	if len(args) == 0 {
		return usagef("fetch needs a source (openalex or s2) and at least one id (see litgraph fetch --help)")
	}
	var src fetch.Source
	switch strings.ToLower(args[0]) {
	case "openalex":
		src = fetch.OpenAlex
	case "s2", "semanticscholar":
		src = fetch.SemanticScholar
	default:
		hint := ""
		if s := suggest.Closest(args[0], []string{"openalex", "s2"}); s != "" {
			hint = fmt.Sprintf("; did you mean %q?", s)
		}
		return usagef("fetch: unknown source %q%s (openalex or s2)", args[0], hint)
	}
	if len(args) < 2 {
		return usagef("fetch %s needs at least one id (see litgraph fetch --help)", args[0])
	}
	if o.depth != 1 && o.depth != 2 {
		return usagef("--depth %d: use 1 or 2", o.depth)
	}
	if o.maxWorks < 1 {
		return usagef("--max-works %d: use a positive number", o.maxWorks)
	}
	if o.rate < 0 {
		return usagef("--rate %g: use a positive number of requests per second", o.rate)
	}
	if o.timeout <= 0 {
		return usagef("--timeout %s: use a positive duration such as 30s", o.timeout)
	}
	opt := fetch.Options{
		Source: src, Seeds: args[1:], Depth: o.depth, MaxWorks: o.maxWorks,
		BaseURL: o.baseURL, Mailto: o.mailto, APIKey: o.apiKey, Rate: o.rate,
		Timeout: o.timeout, Retries: o.retries, Seed: o.seed, Now: a.now,
		UserAgent: "litgraph/" + strings.Fields(version())[0] + " (+https://github.com/litgraph/litgraph)",
	}
	if o.retries == 0 {
		opt.Retries = -1
	}
	if opt.Mailto == "" && src == fetch.OpenAlex {
		opt.Mailto = os.Getenv("OPENALEX_MAILTO")
	}
	if opt.APIKey == "" {
		if src == fetch.OpenAlex {
			opt.APIKey = os.Getenv("OPENALEX_API_KEY")
		} else {
			opt.APIKey = os.Getenv("S2_API_KEY")
		}
	}
	if !o.noCache {
		opt.CacheDir = o.cache
		if opt.CacheDir == "" {
			dir, err := os.UserCacheDir()
			if err != nil {
				fmt.Fprintf(a.stderr, "litgraph: warning: no user cache directory (%v): fetching without a cache; give --cache DIR to keep the responses\n", err)
			} else {
				opt.CacheDir = filepath.Join(dir, "litgraph", "fetch")
			}
		}
	}
	bar := isTerminal(a.stderr)
	if bar {
		opt.Progress = func(p fetch.Progress) {
			hop := "seeds"
			if p.Hop > 0 {
				hop = fmt.Sprintf("hop %d/%d", p.Hop, p.Depth)
			}
			fmt.Fprintf(a.stderr, "\rfetch %s: %s, %d works, %d requests, %d from the cache   ", src, hop, p.Works, p.Requests, p.CacheHits)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := fetch.Run(ctx, opt)
	if bar {
		fmt.Fprintln(a.stderr)
	}
	if err != nil {
		if errors.Is(err, fetch.ErrInvalid) {
			return usageError{err}
		}
		if opt.CacheDir != "" {
			return fmt.Errorf("fetch: %w; nothing written: rerun the same command to resume (the responses received are cached in %s)", err, opt.CacheDir)
		}
		return fmt.Errorf("fetch: %w; nothing written", err)
	}
	if err := a.emit(res.WriteJSONL); err != nil {
		return err
	}
	what := plural(res.Works, "work")
	if src == fetch.SemanticScholar {
		what += " and " + plural(res.Edges, "edge record")
	}
	dest := "to stdout"
	if a.global.out != "" && a.global.out != "-" {
		dest = a.global.out
	}
	fmt.Fprintf(a.stderr, "litgraph: fetched %s from %s (%s, depth %d) with %s, %d from the cache; wrote %s\n",
		what, src, plural(len(res.Seeds), "seed"), o.depth, plural(res.Requests, "request"), res.CacheHits, dest)
	if res.Capped {
		fmt.Fprintf(a.stderr, "litgraph: warning: --max-works %d cut the crawl in hop %d of %d: the neighbourhood is incomplete; raise --max-works to fetch more (cached responses are reused)\n",
			o.maxWorks, res.CappedHop, o.depth)
	}
	return nil
}

// isTerminal reports whether w is a character device (a terminal), where a progress bar
// belongs.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
