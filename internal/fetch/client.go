package fetch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// maxRetryAfter is the longest Retry-After the client waits for; a server asking for more
// (a daily quota, say) ends the run with an error that says when to rerun.
const maxRetryAfter = 5 * time.Minute

// maxBody caps one response body (a page of 200 OpenAlex works is about 5 MB).
const maxBody = 64 << 20

// HTTPError is a response the client gave up on: a status that is not retried, or a
// retryable one after the last attempt.
type HTTPError struct {
	URL    string // without the api key
	Status int
	Body   string // the start of the response body
}

func (e *HTTPError) Error() string {
	msg := fmt.Sprintf("GET %s: HTTP %d", e.URL, e.Status)
	if e.Body != "" {
		msg += ": " + e.Body
	}
	return msg
}

// client makes the GET requests of a crawl: one at a time, spaced by the rate limit, retried
// with seeded exponential backoff, and answered from the disk cache when it can.
type client struct {
	http    *http.Client
	header  http.Header
	now     func() time.Time
	sleep   func(context.Context, time.Duration) error
	rng     *rand.Rand
	retries int
	timeout time.Duration
	backoff time.Duration

	interval time.Duration // 1/rate
	next     time.Time     // earliest start of the next request

	cacheDir string // "" disables the cache

	requests, cacheHits, retried int
	onRequest                    func()
}

// cacheKey is the URL the cache is keyed by: the query re-encoded in sorted order without the
// api key and the mailto address, so that neither changes or leaks into the cache.
func cacheKey(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	q := u.Query()
	q.Del("api_key")
	q.Del("mailto")
	u.RawQuery = q.Encode()
	return u.String()
}

func (c *client) cachePath(key string) string {
	sum := sha256.Sum256([]byte(key))
	h := hex.EncodeToString(sum[:])
	return filepath.Join(c.cacheDir, h[:2], h+".json")
}

// get returns the body of a 200 response to the URL.
func (c *client) get(ctx context.Context, rawURL string) ([]byte, error) {
	key := cacheKey(rawURL)
	if c.cacheDir != "" {
		if b, err := os.ReadFile(c.cachePath(key)); err == nil {
			c.cacheHits++
			c.notify()
			return b, nil
		}
	}
	for attempt := 0; ; attempt++ {
		if err := c.wait(ctx); err != nil {
			return nil, err
		}
		c.requests++
		c.notify()
		body, status, retryAfter, err := c.do(ctx, rawURL)
		if err == nil && status == http.StatusOK && !json.Valid(body) {
			// A proxy's error page or a truncated body: never cache it, try again.
			err = fmt.Errorf("HTTP 200 but the body is not JSON: %s", snippet(body))
		}
		if err == nil && status == http.StatusOK {
			if c.cacheDir != "" {
				if err := c.store(key, body); err != nil {
					return nil, err
				}
			}
			return body, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		retryable := err != nil || status == http.StatusTooManyRequests || status == http.StatusInternalServerError ||
			status == http.StatusBadGateway || status == http.StatusServiceUnavailable || status == http.StatusGatewayTimeout
		if err == nil && !retryable || attempt >= c.retries {
			if err != nil {
				return nil, fmt.Errorf("GET %s: %w (%s)", key, err, attempts(attempt+1))
			}
			e := &HTTPError{URL: key, Status: status, Body: snippet(body)}
			if retryable {
				return nil, fmt.Errorf("%w (%s)", e, attempts(attempt+1))
			}
			return nil, e
		}
		delay := c.backoffDelay(attempt)
		if retryAfter > 0 {
			if retryAfter > maxRetryAfter {
				return nil, fmt.Errorf("GET %s: HTTP %d: the server asks to wait %s before the next request; rerun then (the cache keeps what was fetched)", key, status, retryAfter)
			}
			delay = retryAfter
		}
		c.retried++
		if err := c.sleep(ctx, delay); err != nil {
			return nil, err
		}
	}
}

func (c *client) notify() {
	if c.onRequest != nil {
		c.onRequest()
	}
}

// wait holds the request until the rate limit allows it.
func (c *client) wait(ctx context.Context) error {
	now := c.now()
	if d := c.next.Sub(now); d > 0 {
		if err := c.sleep(ctx, d); err != nil {
			return err
		}
		now = c.next
	}
	c.next = now.Add(c.interval)
	return nil
}

// backoffDelay is base·2^attempt scaled by a seeded jitter factor in [0.5, 1.5), capped at a
// minute.
func (c *client) backoffDelay(attempt int) time.Duration {
	d := c.backoff << min(attempt, 10)
	d = time.Duration(float64(d) * (0.5 + c.rng.Float64()))
	return min(d, time.Minute)
}

// do makes one request with its own timeout.
func (c *client) do(ctx context.Context, rawURL string) (body []byte, status int, retryAfter time.Duration, err error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, 0, 0, err
	}
	for k, v := range c.header {
		req.Header[k] = v
	}
	resp, err := c.http.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL may hold the api key
		}
		return nil, 0, 0, err
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, 0, 0, err
	}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		retryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), c.now())
	}
	return body, resp.StatusCode, retryAfter, nil
}

// parseRetryAfter reads delay-seconds or an HTTP date (RFC 9110 §10.2.3); 0 when absent or
// unreadable.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s <= 0 {
			return 0
		}
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// store writes a response into the cache atomically, so an interrupted run never leaves a
// truncated entry.
func (c *client) store(key string, body []byte) error {
	p := c.cachePath(key)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp*")
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	_, err = tmp.Write(body)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}

func attempts(n int) string {
	if n == 1 {
		return "1 attempt, no retries"
	}
	return fmt.Sprintf("after %d attempts", n)
}

func snippet(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// sleepContext waits d or until ctx ends.
func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
