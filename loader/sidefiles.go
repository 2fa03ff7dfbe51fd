package loader

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/litgraph/litgraph/graph"
)

// sideFile is a --labels or --dates file: id → value rows.
type sideFile struct {
	name  string
	order int
	kind  string // "label" or "date"
	st    SourceStats
	rows  []sideRow
	errs  []*Problem
	nErrs int
}

type sideRow struct {
	id    string
	value string
	date  graph.Date
}

func parseSideFiles(opts Options, base, maxYear int) []*sideFile {
	var out []*sideFile
	for i, s := range opts.Labels {
		out = append(out, parseSide(s, base+i, "label", maxYear))
	}
	for i, s := range opts.Dates {
		out = append(out, parseSide(s, base+len(opts.Labels)+i, "date", maxYear))
	}
	return out
}

// parseSide reads "id<TAB or spaces>value" rows; '#' lines and blank lines are skipped. A
// label may contain spaces when the file is tab-separated.
func parseSide(src Source, order int, kind string, maxYear int) *sideFile {
	sf := &sideFile{name: src.Name, order: order, kind: kind, st: SourceStats{File: src.Name, Format: Format(kind + "s")}}
	bad := func(line int, format string, args ...any) {
		sf.nErrs++
		if len(sf.errs) < maxListed {
			sf.errs = append(sf.errs, &Problem{File: src.Name, Line: line, Msg: fmt.Sprintf(format, args...), order: order})
		}
	}
	r, err := openData(src.Data)
	if err != nil {
		bad(0, "%v", err)
		return sf
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	line := 0
	for sc.Scan() {
		line++
		b := trimCR(sc.Bytes())
		id, rest := nextField(b)
		if len(id) == 0 || id[0] == '#' {
			continue
		}
		sf.st.Records++
		var val string
		if i := bytes.IndexByte(b, '\t'); i >= 0 {
			val = strings.TrimSpace(string(bytes.SplitN(b[i+1:], []byte("\t"), 2)[0]))
		} else {
			f, _ := nextField(rest)
			val = string(f)
		}
		if val == "" {
			bad(line, "one column %q; a %s row is \"id<TAB>%s\"", clip(id), kind, kind)
			continue
		}
		row := sideRow{id: string(id), value: val}
		if kind == "date" {
			d, err := graph.ParseDate(val)
			if err != nil {
				bad(line, "%v", err)
				continue
			}
			if maxYear > 0 && int(d.Year) > maxYear {
				bad(line, "year %d is in the future", d.Year)
				continue
			}
			row.date = d
		}
		sf.rows = append(sf.rows, row)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			bad(line+1, "line longer than %d MiB", maxLine>>20)
		} else {
			bad(0, "reading: %v", err)
		}
	}
	return sf
}

func (sf *sideFile) collect(d *diag, lenient bool, trailers []*Problem) []*Problem {
	if sf.nErrs == 0 {
		return trailers
	}
	if lenient {
		sf.st.Malformed = sf.nErrs
		return trailers
	}
	d.errs = append(d.errs, sf.errs...)
	if more := sf.nErrs - len(sf.errs); more > 0 {
		trailers = append(trailers, &Problem{File: sf.name, Msg: fmt.Sprintf("... and %d more malformed lines; fix them, or pass --lenient to skip them", more), order: sf.order})
	}
	return trailers
}

// digitKey is an all-digit id without its leading zeros ("0001001" → "1001"), or "" for any
// other id. SNAP drops leading zeros from arXiv numbers that other files keep.
func digitKey(id string) string {
	if id == "" || strings.Trim(id, "0123456789") != "" {
		return ""
	}
	t := strings.TrimLeft(id, "0")
	if t == "" {
		return "0"
	}
	return t
}

// arxivMonth returns the year-month an old-style arXiv number YYMMNNN (leading zeros possibly
// stripped) encodes, or false.
func arxivMonth(id string) (graph.Date, bool) {
	k := digitKey(id)
	if k == "" || len(k) > 7 {
		return graph.Date{}, false
	}
	k = strings.Repeat("0", 7-len(k)) + k
	yy := int(k[0]-'0')*10 + int(k[1]-'0')
	mm := int(k[2]-'0')*10 + int(k[3]-'0')
	if mm < 1 || mm > 12 {
		return graph.Date{}, false
	}
	y := 1900 + yy
	if yy < 91 {
		y = 2000 + yy
	}
	return graph.Date{Year: uint16(y), Month: uint8(mm)}, true
}

// applySide sets the directions (--labels) and dates (--dates) of imported works. A row's id
// is matched exactly, then as an all-digit number without leading zeros. Several different
// labels: the first row wins. Several different dates: the one whose year-month agrees with
// the id read as an old-style arXiv number YYMMNNN wins, else the earliest. Works that
// already have a date keep it; curated works are never changed.
func (m *merger) applySide(side []*sideFile) {
	var digits map[string]int32 // digitKey → slot, for all-digit imported ids (-1: ambiguous)
	lookup := func(id string) (int32, bool) {
		if s, ok := m.keyMap()[id]; ok {
			s = m.root(s)
			return s, s >= 0
		}
		k := digitKey(id)
		if k == "" {
			return 0, false
		}
		if digits == nil {
			digits = map[string]int32{}
			for i := range m.slots {
				if m.slots[i].into != noInto {
					continue
				}
				if dk := digitKey(m.slots[i].id); dk != "" {
					if _, dup := digits[dk]; dup {
						digits[dk] = -1
					} else {
						digits[dk] = int32(i)
					}
				}
			}
		}
		s, ok := digits[k]
		return s, ok && s >= 0
	}
	for _, sf := range side {
		label := map[int32]string{}
		dates := map[int32][]graph.Date{}
		var order []int32
		for _, r := range sf.rows {
			s, ok := lookup(r.id)
			if !ok {
				sf.st.Unmatched++
				continue
			}
			if sf.kind == "label" {
				if prev, seen := label[s]; seen {
					if prev != r.value {
						sf.st.Conflicts++
					}
					continue
				}
				label[s] = r.value
				order = append(order, s)
				continue
			}
			if _, seen := dates[s]; !seen {
				order = append(order, s)
			}
			dates[s] = append(dates[s], r.date)
		}
		for _, s := range order {
			sl := &m.slots[s]
			if sf.kind == "label" {
				v := label[s]
				if !m.dirSeen[v] {
					m.dirSeen[v] = true
					m.dirs = append(m.dirs, graph.Direction{ID: v, Name: strings.ReplaceAll(v, "_", " ")})
				}
				if !slices.Contains(sl.dirs, v) {
					sl.dirs = append([]string{v}, sl.dirs...)
				}
				continue
			}
			ds := dates[s]
			best := ds[0]
			distinct := false
			for _, d := range ds[1:] {
				if d != best {
					distinct = true
				}
				if d.Compare(best) < 0 {
					best = d
				}
			}
			if distinct {
				sf.st.Conflicts++
				if ym, ok := arxivMonth(sl.id); ok {
					for _, d := range ds {
						if d.Year == ym.Year && d.Month == ym.Month && (best.Year != ym.Year || best.Month != ym.Month || d.Compare(best) < 0) {
							best = d
						}
					}
				}
			}
			if sl.date.IsZero() {
				sl.date = best
			}
		}
	}
}
