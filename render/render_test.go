package render

import (
	"bytes"
	"math"
	"testing"
)

func TestFormatFloat(t *testing.T) {
	for in, want := range map[float64]string{0: "0", 1: "1", 0.123456: "0.1235", 12.3456: "12.35", 1234.5678: "1235", 0.00012345: "0.0001234", 1.5e-7: "1.5e-07", 2.5e7: "2.5e+07", math.NaN(): "-"} {
		if got := FormatFloat(in); got != want {
			t.Errorf("FormatFloat(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteFormats(t *testing.T) {
	tb := &Table{
		Columns: []Column{{Key: "id"}, {Key: "score"}, {Key: "tags"}, {Key: "note", Hide: true}},
		Rows:    [][]any{{"a|b", 0.1234567891234, []string{"x", "y"}, nil}, {"<c>", math.NaN(), []string(nil), "重灾区"}},
		Footer:  []string{"2 rows"},
	}
	cases := map[Format]string{
		FormatJSON: `[
  {
    "id": "a|b",
    "score": 0.1234567891234,
    "tags": [
      "x",
      "y"
    ],
    "note": null
  },
  {
    "id": "<c>",
    "score": null,
    "tags": [],
    "note": "重灾区"
  }
]
`,
		FormatCSV:      "id,score,tags,note\na|b,0.1234567891234,x;y,\n<c>,,,重灾区\n",
		FormatMarkdown: "| id | score | tags |\n| --- | --- | --- |\n| a\\|b | 0.1235 | x, y |\n| &lt;c&gt; | - |  |\n",
		FormatTable:    "ID   SCORE   TAGS\na|b  0.1235  x, y\n<c>  -       \n2 rows\n",
	}
	for f, want := range cases {
		var buf bytes.Buffer
		if err := Write(&buf, f, tb); err != nil {
			t.Fatal(err)
		}
		if buf.String() != want {
			t.Errorf("%s:\n%q\nwant\n%q", f, buf.String(), want)
		}
	}
	if _, err := ParseFormat("xml", []Format{FormatJSON}); err == nil {
		t.Error("xml accepted")
	}
}
