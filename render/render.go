// Package render turns result tables and documents into bytes: aligned text tables, JSON, CSV
// and Markdown. It computes nothing and never touches the process's streams; every function
// writes to the io.Writer it is given, and the same value always gives the same bytes.
package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"
)

// Format names an output format.
type Format string

// The formats every command offers (a command may add its own, such as dot or bibtex).
const (
	FormatTable    Format = "table"
	FormatJSON     Format = "json"
	FormatCSV      Format = "csv"
	FormatMarkdown Format = "markdown"
)

// Column describes one column of a Table.
type Column struct {
	Key    string // JSON key and CSV header: snake_case
	Header string // table and Markdown header; Key when empty
	Hide   bool   // left out of the table and Markdown views (still in JSON and CSV)
	Max    int    // table view: truncate longer text to Max runes with "…" (0: no limit)
}

// Table is a result as rows of cells. A cell is nil (missing: JSON null, empty text), a
// string, a bool, an int, an int64, a float64 (NaN and ±Inf count as missing), or a []string.
type Table struct {
	Columns []Column
	Rows    [][]any
	Footer  []string // lines printed under the table view only (notes, counts)
}

// Write renders t in format f: table and markdown show the visible columns, json is an array
// of objects with the columns' keys in column order, csv has every column.
func Write(w io.Writer, f Format, t *Table) error {
	switch f {
	case FormatTable:
		return writeText(w, t)
	case FormatJSON:
		objs := make([]Object, len(t.Rows))
		for i, row := range t.Rows {
			for j, c := range t.Columns {
				objs[i] = append(objs[i], Field{c.Key, row[j]})
			}
		}
		return WriteJSON(w, objs)
	case FormatCSV:
		return writeCSV(w, t)
	case FormatMarkdown:
		return writeMarkdown(w, t)
	}
	return fmt.Errorf("render: unknown format %q", f)
}

// Field is one key and value of an Object.
type Field struct {
	Key   string
	Value any
}

// Object is a JSON object whose keys keep their order.
type Object []Field

// MarshalJSON writes the fields in order; NaN and infinite floats become null.
func (o Object) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, err := marshal(f.Key)
		if err != nil {
			return nil, err
		}
		buf.Write(k)
		buf.WriteByte(':')
		v, err := marshal(clean(f.Value))
		if err != nil {
			return nil, err
		}
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

func clean(v any) any {
	switch x := v.(type) {
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
	case []string:
		if x == nil {
			return []string{}
		}
	}
	return v
}

func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// WriteJSON writes v as indented JSON (two spaces) with a final newline. HTML characters are
// not escaped; floats keep full precision.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// Text formats a cell for the table and Markdown views: floats rounded for reading.
func Text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return FormatFloat(x)
	case []string:
		return strings.Join(x, ", ")
	}
	return fmt.Sprint(v)
}

// FormatFloat rounds a float for reading: four significant digits, no exponent for values
// between 1e-4 and 1e6, "-" for NaN.
func FormatFloat(x float64) string {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return "-"
	case x == 0:
		return "0"
	case math.Abs(x) >= 1e-4 && math.Abs(x) < 1e6:
		digits := max(3-int(math.Floor(math.Log10(math.Abs(x)))), 0)
		s := strconv.FormatFloat(x, 'f', digits, 64)
		if strings.Contains(s, ".") {
			s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		}
		return s
	}
	return strconv.FormatFloat(x, 'g', 4, 64)
}

// csvText formats a cell for CSV: full precision, lists joined by ";".
func csvText(v any) string {
	switch x := v.(type) {
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return ""
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	case []string:
		return strings.Join(x, ";")
	}
	return Text(v)
}

func header(c Column) string {
	if c.Header != "" {
		return c.Header
	}
	return c.Key
}

func truncate(s string, n int) string {
	if n <= 0 || utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func writeText(w io.Writer, t *Table) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	var hs []string
	for _, c := range t.Columns {
		if !c.Hide {
			hs = append(hs, strings.ToUpper(header(c)))
		}
	}
	fmt.Fprintln(tw, strings.Join(hs, "\t"))
	for _, row := range t.Rows {
		var cells []string
		for j, c := range t.Columns {
			if !c.Hide {
				cells = append(cells, truncate(oneLine(strings.ReplaceAll(Text(row[j]), "\t", " ")), c.Max))
			}
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, f := range t.Footer {
		if _, err := fmt.Fprintln(w, f); err != nil {
			return err
		}
	}
	return nil
}

func writeCSV(w io.Writer, t *Table) error {
	cw := csv.NewWriter(w)
	var hs []string
	for _, c := range t.Columns {
		hs = append(hs, c.Key)
	}
	if err := cw.Write(hs); err != nil {
		return err
	}
	for _, row := range t.Rows {
		rec := make([]string, len(row))
		for j := range row {
			rec[j] = csvText(row[j])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// EscapeMarkdown makes s safe inside a Markdown table cell or list item.
func EscapeMarkdown(s string) string {
	r := strings.NewReplacer("\\", "\\\\", "|", "\\|", "*", "\\*", "_", "\\_", "`", "\\`", "[", "\\[", "]", "\\]", "<", "&lt;", ">", "&gt;")
	return r.Replace(oneLine(s))
}

func writeMarkdown(w io.Writer, t *Table) error {
	var hs, rule []string
	for _, c := range t.Columns {
		if !c.Hide {
			hs = append(hs, EscapeMarkdown(header(c)))
			rule = append(rule, "---")
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "| %s |\n| %s |\n", strings.Join(hs, " | "), strings.Join(rule, " | "))
	for _, row := range t.Rows {
		var cells []string
		for j, c := range t.Columns {
			if !c.Hide {
				cells = append(cells, EscapeMarkdown(Text(row[j])))
			}
		}
		fmt.Fprintf(&b, "| %s |\n", strings.Join(cells, " | "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ParseFormat checks that s is one of the allowed formats.
func ParseFormat(s string, allowed []Format) (Format, error) {
	for _, f := range allowed {
		if string(f) == s {
			return f, nil
		}
	}
	names := make([]string, len(allowed))
	for i, f := range allowed {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown format %q; this command writes %s", s, strings.Join(names, ", "))
}

// O builds an Object from alternating keys and values: O("id", "vit", "year", 2020). It
// panics on an odd count or a non-string key, which are programming errors.
func O(kv ...any) Object {
	if len(kv)%2 != 0 {
		panic("render.O: odd number of arguments")
	}
	o := make(Object, 0, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		o = append(o, Field{Key: kv[i].(string), Value: kv[i+1]})
	}
	return o
}
