package loader

import "testing"

func TestValidArXiv(t *testing.T) {
	good := []string{"2103.14030", "0704.0001", "1412.6980", "1501.00001", "hep-th/9711200", "math.AG/0601001", "cond-mat/0207270", "q-bio/0701001"}
	bad := []string{"", "2103.1403", "1412.69801", "2113.14030", "0703.0001", "arXiv:2103.14030", "2103.14030v2", "hep-th/9713200", "hep-th/97112", "HEP-TH/9711200", "2103-14030"}
	for _, s := range good {
		if !ValidArXiv(s) {
			t.Errorf("ValidArXiv(%q) = false", s)
		}
	}
	for _, s := range bad {
		if ValidArXiv(s) {
			t.Errorf("ValidArXiv(%q) = true", s)
		}
	}
}

func TestDOI(t *testing.T) {
	for in, want := range map[string]string{
		"10.1109/CVPR.2016.90":                      "10.1109/cvpr.2016.90",
		"https://doi.org/10.48550/arXiv.1706.03762": "10.48550/arxiv.1706.03762",
		"doi:10.1007/978-3-030-58604-1_20":          "10.1007/978-3-030-58604-1_20",
	} {
		if got := NormalizeDOI(in); got != want || !ValidDOI(got) {
			t.Errorf("NormalizeDOI(%q) = %q (valid %v), want %q", in, got, ValidDOI(got), want)
		}
	}
	for _, s := range []string{"11.1000/x", "10.12/x", "10.1000", "10.1000/"} {
		if ValidDOI(s) {
			t.Errorf("ValidDOI(%q) = true", s)
		}
	}
}

func TestLoadAcrossFiles(t *testing.T) {
	a := Source{Name: "a.yaml", Data: []byte("version: 1\ndirections:\n  - {id: d, name: D}\nworks:\n  - {id: x, title: X, year: 2020, month: 1, arxiv: \"2001.00001\"}\n")}
	b := Source{Name: "b.yaml", Data: []byte("version: 1\nworks:\n  - id: y\n    title: Y\n    year: 2019\n    directions: [d]\n    relations: [{kind: extends, to: \"arxiv:2001.00001v3\"}]\n  - {id: x, title: X again}\n")}
	_, err := Load([]Source{a, b}, Options{})
	want := `b.yaml:8:10: duplicate work id "x"; already defined at a.yaml:5:10; rename one of them or merge the two entries`
	if err == nil || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
	b.Data = b.Data[:len(b.Data)-len("  - {id: x, title: X again}\n")]
	res, err := Load([]Source{a, b}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// y (2019) extends x (2020): loaded, with a warning about the date order.
	if len(res.Warnings) != 1 || res.Warnings[0].File != "b.yaml" {
		t.Errorf("warnings: %v", res.Warnings)
	}
	g := res.Graph
	y, _ := g.Lookup("y")
	if lo, hi := g.OutEdges(y); hi-lo != 1 || g.ID(int(g.Edge(lo).To)) != "x" {
		t.Errorf("arxiv: reference with a version did not resolve")
	}
}

func TestDateFromArXivID(t *testing.T) {
	for in, want := range map[string]string{"2103.14030": "2021-03", "0704.0001": "2007-04", "hep-th/9711200": "1997-11",
		"math.AG/0601001": "2006-01", "9711200": "1997-11", "1001": "2000-01", "0304271": "2003-04", "9201001": "1992-01"} {
		d, ok := DateFromArXivID(in)
		if !ok || d.String() != want {
			t.Errorf("DateFromArXivID(%q) = %v %v, want %s", in, d, ok, want)
		}
	}
	for _, in := range []string{"", "W2963403868", "12345678", "9713200", "5001001", "2113.14030", "abc"} {
		if d, ok := DateFromArXivID(in); ok {
			t.Errorf("DateFromArXivID(%q) = %v, want no date", in, d)
		}
	}
}
