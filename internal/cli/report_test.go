package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"html/template"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/litgraph/litgraph/internal/testenv"
	"github.com/litgraph/litgraph/loader"
)

var reportSectionIDs = []string{"crowded", "plan", "thematic-map", "graph", "growth", "bursts", "disruption", "gaps"}

// reportFigures is the number of inline SVG figures: thematic map, growth, bursts, and the
// lineage graph when Graphviz is installed.
func reportFigures() int {
	if _, err := exec.LookPath("dot"); err != nil {
		return 3
	}
	return 4
}

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
	if n, want := strings.Count(html, "<svg "), reportFigures(); n != want {
		t.Errorf("%d inline SVG figures, want %d (thematic map, graph with Graphviz, growth, bursts)", n, want)
	}
	if strings.Contains(html, "<!--") || strings.Contains(html, "<?xml") || strings.Contains(html, "<!DOCTYPE svg") {
		t.Error("report holds a comment, an XML prolog or an SVG DOCTYPE")
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

// chromiumBin finds Chromium, or skips (fails in CI) without it.
func chromiumBin(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return testenv.RequireTool(t, "chromium")
}

// consoleLines are the lines of Chromium's log that report a console message, a refused
// request or a network error.
func consoleLines(logs string) []string {
	var out []string
	for _, line := range strings.Split(logs, "\n") {
		if strings.Contains(line, "CONSOLE") || strings.Contains(line, "Refused to") || strings.Contains(line, "net::ERR") {
			out = append(out, line)
		}
	}
	return out
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
	bin := chromiumBin(t)
	dir := t.TempDir()
	page := "file://" + writeReport(t, dir)
	dom, logs := chromium(t, bin, filepath.Join(dir, "profile1"), "--enable-logging=stderr", "--v=0", "--dump-dom", page)
	for _, id := range reportSectionIDs {
		if !strings.Contains(dom, `<section id="`+id+`">`) {
			t.Errorf("rendered DOM lacks section %s", id)
		}
	}
	if n, want := strings.Count(dom, "<svg "), reportFigures(); n != want {
		t.Errorf("rendered DOM has %d svg elements, want %d", n, want)
	}
	if strings.Contains(strings.ToLower(dom), "<script") {
		t.Error("rendered DOM holds a script element")
	}
	if !strings.Contains(dom, "&lt;script&gt;alert(1)&lt;/script&gt; A title with markup &amp; ampersands") {
		t.Error("rendered DOM lacks the fixture title as text")
	}
	for _, line := range consoleLines(logs) {
		t.Errorf("console: %s", line)
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

// sectionHTML returns the HTML of one section of a report.
func sectionHTML(t *testing.T, html, id string) string {
	t.Helper()
	i := strings.Index(html, `<section id="`+id+`">`)
	if i < 0 {
		t.Fatalf("no section %s", id)
	}
	j := strings.Index(html[i:], "</section>")
	return html[i : i+j+len("</section>")]
}

// mostCrowdedDirection is the first direction of litgraph crowded on the same data.
func mostCrowdedDirection(t *testing.T, data ...string) string {
	t.Helper()
	var rows []struct {
		Direction string `json:"direction"`
	}
	args := []string{"crowded", "--format", "json"}
	for _, d := range data {
		args = append(args, "--data", d)
	}
	if err := json.Unmarshal([]byte(mustRun(t, args...)), &rows); err != nil || len(rows) == 0 {
		t.Fatalf("crowded --format json: %v, %d rows", err, len(rows))
	}
	return rows[0].Direction
}

// TestReportPlan checks the reading plan section: it names the top of the crowded ranking
// and lists the same works, in the same order, stages and reasons, as litgraph plan
// --direction on that direction; its text is in testdata/golden/report-plan.html.
func TestReportPlan(t *testing.T) {
	b, err := os.ReadFile(writeReport(t, t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	sec := sectionHTML(t, string(b), "plan")
	top := mostCrowdedDirection(t, "builtin", "testdata/report/xss.yaml")
	if !strings.Contains(sec, "("+top+"), the direction at the top of the crowded ranking") {
		t.Errorf("plan section does not name the most crowded direction %s", top)
	}
	var plan struct {
		Items []struct {
			Year  *int   `json:"year"`
			Stage string `json:"stage"`
			Why   string `json:"why"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "plan", "--direction", top, "--data", "builtin", "--data", "testdata/report/xss.yaml", "--format", "json")), &plan); err != nil {
		t.Fatal(err)
	}
	rows := regexp.MustCompile(`(?s)<tr><td>(\d+)</td><td class="wide">(.*?)</td><td>(\d*)</td><td>(\w+)</td><td class="wide">(.*?)</td></tr>`).FindAllStringSubmatch(sec, -1)
	if len(rows) != len(plan.Items) || len(rows) == 0 {
		t.Fatalf("plan section has %d rows, litgraph plan --direction %s %d items", len(rows), top, len(plan.Items))
	}
	for i, r := range rows {
		it := plan.Items[i]
		year := ""
		if it.Year != nil {
			year = strconv.Itoa(*it.Year)
		}
		if r[1] != strconv.Itoa(i+1) || r[3] != year || r[4] != it.Stage || r[5] != template.HTMLEscapeString(it.Why) {
			t.Errorf("row %d: %q %q %q %q, plan item: %v %q %q", i+1, r[1], r[3], r[4], r[5], year, it.Stage, it.Why)
		}
	}
	golden(t, "report-plan.html", sec+"\n")
}

// graphNodes returns the titles of the node groups of a Graphviz SVG that are works (not
// legend samples).
func graphNodes(svg string) []string {
	var ids []string
	for _, m := range regexp.MustCompile(`<g id="node\d+" class="node">\s*<title>([^<]*)</title>`).FindAllStringSubmatch(svg, -1) {
		id := strings.NewReplacer("&#45;", "-", "&amp;", "&").Replace(m[1])
		if !strings.HasPrefix(id, "legend:") {
			ids = append(ids, id)
		}
	}
	return ids
}

// directionWorks lists the ids of the works filed under direction dir or a subdirection, read
// from the data with the loader (not through the DOT writer).
func directionWorks(t *testing.T, dir string, files ...string) []string {
	t.Helper()
	srcs := []loader.Source{loader.Builtin()}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, loader.Source{Name: f, Data: data})
	}
	res, err := loader.Load(srcs, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	g := res.Graph
	d, ok := g.DirectionIndex(dir)
	if !ok {
		t.Fatalf("no direction %s", dir)
	}
	in := map[int32]bool{}
	for _, sub := range g.DirectionSubtree(d) {
		in[int32(sub)] = true
	}
	var ids []string
	for i := range g.NumWorks() {
		if slices.ContainsFunc(g.WorkDirections(i), func(x int32) bool { return in[x] }) {
			ids = append(ids, g.ID(i))
		}
	}
	slices.Sort(ids)
	return ids
}

// TestReportGraph checks the lineage graph section: one SVG figure from Graphviz, one node
// per work of the most crowded direction, no link, comment, prolog or DOCTYPE in it.
func TestReportGraph(t *testing.T) {
	testenv.RequireTool(t, "dot")
	b, err := os.ReadFile(writeReport(t, t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	sec := sectionHTML(t, string(b), "graph")
	top := mostCrowdedDirection(t, "builtin", "testdata/report/xss.yaml")
	if n := strings.Count(sec, "<svg "); n != 1 || !strings.Contains(sec, "<figure><svg ") {
		t.Fatalf("graph section has %d svg elements, want one figure", n)
	}
	if !strings.Contains(sec, "--direction "+top+" --render svg") {
		t.Errorf("graph section does not name the most crowded direction %s", top)
	}
	nodes := graphNodes(sec)
	slices.Sort(nodes)
	if want := directionWorks(t, top, "testdata/report/xss.yaml"); !slices.Equal(nodes, want) {
		t.Errorf("graph nodes\n%v\nwant the works of %s\n%v", nodes, top, want)
	}
	for _, bad := range []string{"href", "<!--", "<?xml", "<!DOCTYPE", "<script", "Graphviz is not installed"} {
		if strings.Contains(sec, bad) {
			t.Errorf("graph section holds %q", bad)
		}
	}
}

// TestReportWithoutGraphviz: with no dot on PATH the report still succeeds, and the graph
// section says how to install Graphviz in one sentence, with no figure.
func TestReportWithoutGraphviz(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	b, err := os.ReadFile(writeReport(t, t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	sec := sectionHTML(t, html, "graph")
	if !strings.Contains(sec, "<p>Graphviz is not installed: apt-get install graphviz") {
		t.Errorf("graph section does not say Graphviz is missing:\n%s", sec)
	}
	if strings.Contains(sec, "<svg") || strings.Contains(sec, "<figure") || strings.Contains(sec, "<img") {
		t.Errorf("graph section holds a figure without Graphviz:\n%s", sec)
	}
	if n := strings.Count(html, "<svg "); n != 3 {
		t.Errorf("%d SVG figures without Graphviz, want 3", n)
	}
}

// TestReportHostileDirection makes the escaping fixture's direction the most crowded (it is
// the only one), so that the plan and graph sections draw its hostile names and titles: they
// stay text, in the page and in the rendered DOM.
func TestReportHostileDirection(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "report.html")
	mustRun(t, "report", "--data", "testdata/report/xss.yaml", "--out", out)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	if strings.Contains(strings.ToLower(html), "<script") || strings.Contains(html, "<b>XSS") || strings.Contains(html, "<img") {
		t.Error("hostile markup in the page")
	}
	plan := sectionHTML(t, html, "plan")
	if !strings.Contains(plan, "&lt;b&gt;XSS&lt;/b&gt; base: &lt;script&gt;alert(1)&lt;/script&gt; A title with markup &amp; ampersands") {
		t.Errorf("plan section lacks the escaped fixture work:\n%s", plan)
	}
	if _, err := exec.LookPath("dot"); err == nil {
		g := sectionHTML(t, html, "graph")
		for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt; direction</text>", "&lt;img src=x onerror=alert(2)&gt;",
			"&lt;script&gt;alert(1)&lt;/script&gt; A title with markup &amp; ampersands"} {
			if !strings.Contains(g, want) {
				t.Errorf("graph section lacks escaped %q", want)
			}
		}
		if n := len(graphNodes(g)); n != 31 {
			t.Errorf("graph has %d work nodes, want 31 (the fixture's works)", n)
		}
	}
	// In the browser: no script element, the hostile names as text, nothing in the console.
	bin := chromiumBin(t)
	dom, logs := chromium(t, bin, filepath.Join(dir, "profile"), "--enable-logging=stderr", "--v=0", "--dump-dom", "file://"+out)
	if strings.Contains(strings.ToLower(dom), "<script") || strings.Contains(dom, "<b>XSS") {
		t.Error("rendered DOM holds hostile markup")
	}
	for _, id := range []string{"plan", "graph"} {
		if !strings.Contains(sectionHTML(t, dom, id), "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("rendered %s section lacks the hostile name as text", id)
		}
	}
	for _, line := range consoleLines(logs) {
		t.Errorf("console: %s", line)
	}
}
