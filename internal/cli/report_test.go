package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/litgraph/litgraph/internal/testenv"
)

var reportSectionIDs = []string{"crowded", "thematic-map", "growth", "bursts", "disruption", "gaps"}

// writeReport writes the report on the built-in data plus the escaping fixture.
func writeReport(t *testing.T, dir string) string {
	t.Helper()
	out := filepath.Join(dir, "report.html")
	if _, errs, code := runCLI(t, "report", "--data", "builtin", "--data", "testdata/report/xss.yaml", "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	return out
}

// TestReportSelfContained checks the page's bytes: every section, inline SVG, no script, no
// external reference, escaped data, and the same bytes twice.
func TestReportSelfContained(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile(writeReport(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	for _, id := range reportSectionIDs {
		if !strings.Contains(html, `<section id="`+id+`">`) {
			t.Errorf("no section %s", id)
		}
	}
	if n := strings.Count(html, "<svg "); n != 3 {
		t.Errorf("%d inline SVG figures, want 3 (thematic map, growth, bursts)", n)
	}
	low := strings.ToLower(html)
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "@import", "url(", " src=", "href=\"http", "href='http"} {
		if strings.Contains(low, bad) {
			t.Errorf("report holds %q", bad)
		}
	}
	// The only absolute URLs are XML namespace names inside the SVG elements.
	for _, u := range regexp.MustCompile(`https?://[^"' <>]+`).FindAllString(html, -1) {
		if u != "http://www.w3.org/2000/svg" && u != "http://www.w3.org/1999/xlink" {
			t.Errorf("report refers to %s", u)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt; direction", "&lt;script&gt;alert(1)&lt;/script&gt; A title with markup &amp; ampersands",
		"&lt;b&gt;XSS&lt;/b&gt; base"} {
		if !strings.Contains(html, want) {
			t.Errorf("escaped text %q missing", want)
		}
	}
	b2, _ := os.ReadFile(writeReport(t, t.TempDir()))
	if !bytes.Equal(b, b2) {
		t.Error("two runs wrote different bytes")
	}
}

// chromium runs headless Chromium on the page with every network feature off.
func chromium(t *testing.T, bin, profile string, args ...string) (stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, errb.String())
	}
	return out.String(), errb.String()
}

// TestReportInChromium opens the report in headless Chromium: the rendered DOM has every
// section and figure, no script element, the hostile strings as text, and the console logs
// nothing (no error, no blocked request). It saves a screenshot (to
// $LITGRAPH_REPORT_SCREENSHOT when set, to look at).
func TestReportInChromium(t *testing.T) {
	bin := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		bin = testenv.RequireTool(t, "chromium")
	}
	dir := t.TempDir()
	page := "file://" + writeReport(t, dir)
	dom, logs := chromium(t, bin, filepath.Join(dir, "profile1"), "--enable-logging=stderr", "--v=0", "--dump-dom", page)
	for _, id := range reportSectionIDs {
		if !strings.Contains(dom, `<section id="`+id+`">`) {
			t.Errorf("rendered DOM lacks section %s", id)
		}
	}
	if n := strings.Count(dom, "<svg "); n != 3 {
		t.Errorf("rendered DOM has %d svg elements, want 3", n)
	}
	if strings.Contains(strings.ToLower(dom), "<script") {
		t.Error("rendered DOM holds a script element")
	}
	if !strings.Contains(dom, "&lt;script&gt;alert(1)&lt;/script&gt; A title with markup &amp; ampersands") {
		t.Error("rendered DOM lacks the fixture title as text")
	}
	for _, line := range strings.Split(logs, "\n") {
		if strings.Contains(line, "CONSOLE") || strings.Contains(line, "Refused to") || strings.Contains(line, "net::ERR") {
			t.Errorf("console: %s", line)
		}
	}
	shot := os.Getenv("LITGRAPH_REPORT_SCREENSHOT")
	if shot == "" {
		shot = filepath.Join(dir, "report.png")
	}
	chromium(t, bin, filepath.Join(dir, "profile2"), "--screenshot="+shot, "--window-size=1280,2000", page)
	b, err := os.ReadFile(shot)
	if err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) || len(b) < 20000 {
		t.Errorf("screenshot %s: %d bytes, err %v", shot, len(b), err)
	}
}

func TestReportUsage(t *testing.T) {
	if _, errs, code := runCLI(t, "report", "--format", "json"); code != 2 || !strings.Contains(errs, "HTML only") {
		t.Errorf("--format json: exit %d, %q", code, errs)
	}
}
