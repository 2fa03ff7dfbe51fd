package loader

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"slices"
	"strings"

	"github.com/litgraph/litgraph/graph"
)

// The snapshot is litgraph's compact binary form of a loaded graph, written once by
// `litgraph import` so that large imports are parsed once and load in a fraction of a second.
//
// Layout (little-endian): the 8-byte magic "LGSNAP\r\n", a uint32 format version, then
// sections in a fixed order. Each section is a 4-byte tag, a uint64 payload length, the
// payload and a CRC-32C of the payload. Integer columns are raw int32 arrays; string columns
// are a count, the byte lengths as uvarints and the bytes, decoded into one shared string.
// A snapshot is validated on load (checksums, then every graph invariant through
// graph.FromColumns), so a corrupt or truncated file is an error, never a panic.

var snapshotMagic = []byte("LGSNAP\r\n")

// SnapshotVersion is the snapshot format version this litgraph writes and reads.
const SnapshotVersion = 1

var snapshotSections = []string{"WRKS", "DATE", "META", "WDIR", "DIRS", "TASK", "EDGE", "ATTR"}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// ErrSnapshot is matched (errors.Is) by every error about a corrupt, truncated or
// incompatible snapshot; such input is invalid (it also matches ErrInvalid).
var ErrSnapshot = errors.New("bad snapshot")

type snapshotError struct{ msg string }

func (e *snapshotError) Error() string { return e.msg }
func (e *snapshotError) Is(target error) bool {
	return target == ErrSnapshot || target == ErrInvalid
}

// IsSnapshot reports whether data starts with the snapshot magic.
func IsSnapshot(data []byte) bool { return bytes.HasPrefix(data, snapshotMagic) }

// EncodeSnapshot writes g as a snapshot.
func EncodeSnapshot(w io.Writer, g *graph.Graph) error {
	c := g.Columns()
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.Write(snapshotMagic)
	binary.Write(bw, binary.LittleEndian, uint32(SnapshotVersion))
	for _, tag := range snapshotSections {
		var p enc
		switch tag {
		case "WRKS":
			p.strings(c.IDs)
		case "DATE":
			p.uvarint(uint64(len(c.Dates)))
			for _, d := range c.Dates {
				p.buf = binary.LittleEndian.AppendUint32(p.buf, uint32(d.Year)<<16|uint32(d.Month)<<8|uint32(d.Day))
			}
		case "META":
			p.int32s(c.MetaOf)
			p.uvarint(uint64(len(c.Metas)))
			for _, m := range c.Metas {
				p.strings([]string{m.ShortName, m.Title, m.ArXiv, m.DOI, m.Venue, m.URL})
				p.strings(m.Authors)
				p.strings(m.Aliases)
				p.strings(m.Tasks)
				p.strings(m.Tags)
			}
		case "WDIR":
			p.int32s(c.WorkDirOff)
			p.int32s(c.WorkDir)
		case "DIRS":
			p.uvarint(uint64(len(c.Directions)))
			for _, d := range c.Directions {
				p.strings([]string{d.ID, d.Name, d.Parent, d.Description})
			}
		case "TASK":
			p.uvarint(uint64(len(c.Tasks)))
			for _, t := range c.Tasks {
				p.strings([]string{t.ID, t.Name})
			}
		case "EDGE":
			p.int32s(c.From)
			p.int32s(c.To)
			p.uvarint(uint64(len(c.Kinds)))
			for _, k := range c.Kinds {
				p.buf = append(p.buf, byte(k))
			}
		case "ATTR":
			keys := make([]int32, 0, len(c.Attrs))
			for e := range c.Attrs {
				keys = append(keys, e)
			}
			slices.Sort(keys)
			p.uvarint(uint64(len(keys)))
			for _, e := range keys {
				a := c.Attrs[e]
				p.uvarint(uint64(e))
				p.strings([]string{a.Task, a.Note, a.Source})
				p.strings(a.Intents)
				p.strings(a.Contexts)
				switch {
				case a.Influential == nil:
					p.buf = append(p.buf, 0)
				case *a.Influential:
					p.buf = append(p.buf, 2)
				default:
					p.buf = append(p.buf, 1)
				}
			}
		}
		bw.WriteString(tag)
		binary.Write(bw, binary.LittleEndian, uint64(len(p.buf)))
		bw.Write(p.buf)
		binary.Write(bw, binary.LittleEndian, crc32.Checksum(p.buf, castagnoli))
	}
	return bw.Flush()
}

type enc struct{ buf []byte }

func (e *enc) uvarint(v uint64) { e.buf = binary.AppendUvarint(e.buf, v) }

func (e *enc) int32s(xs []int32) {
	e.uvarint(uint64(len(xs)))
	for _, x := range xs {
		e.buf = binary.LittleEndian.AppendUint32(e.buf, uint32(x))
	}
}

func (e *enc) strings(ss []string) {
	e.uvarint(uint64(len(ss)))
	for _, s := range ss {
		e.uvarint(uint64(len(s)))
	}
	for _, s := range ss {
		e.buf = append(e.buf, s...)
	}
}

// DecodeSnapshot reads a snapshot written by EncodeSnapshot. name is used in messages.
func DecodeSnapshot(name string, data []byte) (*graph.Graph, error) {
	fail := func(format string, args ...any) (*graph.Graph, error) {
		return nil, &snapshotError{fmt.Sprintf("%s: %s; re-create it with litgraph import", name, fmt.Sprintf(format, args...))}
	}
	if !IsSnapshot(data) {
		return fail("not a litgraph snapshot (no LGSNAP header)")
	}
	rest := data[len(snapshotMagic):]
	if len(rest) < 4 {
		return fail("snapshot truncated in its header")
	}
	if v := binary.LittleEndian.Uint32(rest); v != SnapshotVersion {
		return fail("snapshot format version %d; this litgraph reads version %d", v, SnapshotVersion)
	}
	rest = rest[4:]
	var c graph.Columns
	for _, tag := range snapshotSections {
		if len(rest) < 12 {
			return fail("snapshot truncated before section %s", tag)
		}
		if string(rest[:4]) != tag {
			return fail("expected section %s, found %q", tag, rest[:4])
		}
		n := binary.LittleEndian.Uint64(rest[4:12])
		rest = rest[12:]
		if n > uint64(len(rest)) || uint64(len(rest))-n < 4 { // written so that a huge n cannot overflow
			return fail("snapshot truncated in section %s (%d bytes expected, %d present)", tag, n+4, len(rest))
		}
		payload := rest[:n]
		if crc32.Checksum(payload, castagnoli) != binary.LittleEndian.Uint32(rest[n:n+4]) {
			return fail("section %s is corrupt (checksum mismatch)", tag)
		}
		rest = rest[n+4:]
		d := &dec{buf: payload}
		switch tag {
		case "WRKS":
			c.IDs = d.strings()
		case "DATE":
			cnt := d.count(4)
			c.Dates = make([]graph.Date, cnt)
			for i := range c.Dates {
				v := d.u32()
				c.Dates[i] = graph.Date{Year: uint16(v >> 16), Month: uint8(v >> 8), Day: uint8(v)}
			}
		case "META":
			c.MetaOf = d.int32s()
			cnt := d.count(5)
			c.Metas = make([]graph.Meta, cnt)
			for i := range c.Metas {
				f := d.strings()
				if len(f) != 6 {
					d.err = true
					break
				}
				c.Metas[i] = graph.Meta{ShortName: f[0], Title: f[1], ArXiv: f[2], DOI: f[3], Venue: f[4], URL: f[5],
					Authors: d.strings(), Aliases: d.strings(), Tasks: d.strings(), Tags: d.strings()}
			}
		case "WDIR":
			c.WorkDirOff = d.int32s()
			c.WorkDir = d.int32s()
		case "DIRS":
			cnt := d.count(1)
			for i := 0; i < cnt && !d.err; i++ {
				f := d.strings()
				if len(f) != 4 {
					d.err = true
					break
				}
				c.Directions = append(c.Directions, graph.Direction{ID: f[0], Name: f[1], Parent: f[2], Description: f[3]})
			}
		case "TASK":
			cnt := d.count(1)
			for i := 0; i < cnt && !d.err; i++ {
				f := d.strings()
				if len(f) != 2 {
					d.err = true
					break
				}
				c.Tasks = append(c.Tasks, graph.Task{ID: f[0], Name: f[1]})
			}
		case "EDGE":
			c.From = d.int32s()
			c.To = d.int32s()
			cnt := d.count(1)
			c.Kinds = make([]graph.Kind, cnt)
			for i := range c.Kinds {
				c.Kinds[i] = graph.Kind(d.byte())
			}
		case "ATTR":
			cnt := d.count(1)
			c.Attrs = make(map[int32]*graph.EdgeAttr, cnt)
			for i := 0; i < cnt && !d.err; i++ {
				e := int32(d.uvarint())
				f := d.strings()
				if len(f) != 3 {
					d.err = true
					break
				}
				a := &graph.EdgeAttr{Task: f[0], Note: f[1], Source: f[2], Intents: d.strings(), Contexts: d.strings()}
				switch d.byte() {
				case 1:
					a.Influential = new(bool)
				case 2:
					t := true
					a.Influential = &t
				}
				c.Attrs[e] = a
			}
		}
		if d.err || len(d.buf) != 0 {
			return fail("section %s is malformed", tag)
		}
	}
	if len(rest) != 0 {
		return fail("%d unexpected bytes after the last section", len(rest))
	}
	g, err := graph.FromColumns(c)
	if err != nil {
		return fail("%v", strings.TrimPrefix(err.Error(), "graph columns: "))
	}
	return g, nil
}

// dec reads a section payload; any overrun sets err instead of panicking.
type dec struct {
	buf []byte
	err bool
}

func (d *dec) uvarint() uint64 {
	if d.err {
		return 0
	}
	v, n := binary.Uvarint(d.buf)
	if n <= 0 {
		d.err = true
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

// count reads a length and checks that at least min bytes per item remain, so a corrupt
// count cannot make us allocate gigabytes.
func (d *dec) count(min int) int {
	v := d.uvarint()
	if d.err || v > uint64(len(d.buf)/max(min, 1)+1) {
		d.err = true
		return 0
	}
	return int(v)
}

func (d *dec) u32() uint32 {
	if d.err || len(d.buf) < 4 {
		d.err = true
		return 0
	}
	v := binary.LittleEndian.Uint32(d.buf)
	d.buf = d.buf[4:]
	return v
}

func (d *dec) byte() byte {
	if d.err || len(d.buf) < 1 {
		d.err = true
		return 0
	}
	b := d.buf[0]
	d.buf = d.buf[1:]
	return b
}

func (d *dec) int32s() []int32 {
	cnt := d.count(4)
	if d.err || len(d.buf) < 4*cnt {
		d.err = true
		return nil
	}
	out := make([]int32, cnt)
	for i := range out {
		out[i] = int32(binary.LittleEndian.Uint32(d.buf[4*i:]))
	}
	d.buf = d.buf[4*cnt:]
	return out
}

func (d *dec) strings() []string {
	cnt := d.count(1)
	if d.err {
		return nil
	}
	lens := make([]int, cnt)
	total := 0
	for i := range lens {
		l := d.uvarint()
		if d.err || l > uint64(len(d.buf)) {
			d.err = true
			return nil
		}
		lens[i] = int(l)
		total += int(l)
	}
	if total > len(d.buf) {
		d.err = true
		return nil
	}
	all := string(d.buf[:total]) // one allocation shared by every string of the column
	d.buf = d.buf[total:]
	out := make([]string, cnt)
	off := 0
	for i, l := range lens {
		out[i] = all[off : off+l]
		off += l
	}
	if cnt == 0 {
		return nil
	}
	return out
}
