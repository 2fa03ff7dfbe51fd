package loader

import (
	"bytes"

	"github.com/litgraph/litgraph/graph"
	"runtime"
	"slices"
	"strconv"
	"sync"
)

// The fast path for large edge lists whose ids are all canonical decimal numbers (SNAP files,
// synthetic graphs, relabelled dumps): the bytes are parsed in parallel chunks into numbers,
// and ids are interned through a dense table instead of a string map. It gives exactly what
// parseEdgeList gives (the same ids, in the same first-appearance order, the same edges and
// counts); any line it does not accept — a malformed line, an id such as "007" or "W123",
// an odd line ending — makes it give up, and the general parser reads the file instead, with
// its positioned messages.

// fastMinBytes is the size below which the general parser is used directly.
const fastMinBytes = 1 << 16

// maxFastID bounds the ids of the fast path (its table has one int32 per value up to the
// largest id).
const maxFastID = 1<<31 - 1

// parseEdgeListFast parses data (not compressed) into doc and reports whether it could.
func parseEdgeListFast(doc *impDoc, data []byte, reverse bool, workers int) bool {
	if len(data) < fastMinBytes {
		return false
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// Chunks end at line ends; their number depends only on the size, not on workers.
	nch := max(1, min(64, len(data)>>20))
	bounds := make([]int, nch+1)
	for c := 1; c < nch; c++ {
		at := max(bounds[c-1], len(data)*c/nch)
		if i := bytes.IndexByte(data[at:], '\n'); i >= 0 {
			at += i + 1
		} else {
			at = len(data)
		}
		bounds[c] = at
	}
	bounds[nch] = len(data)
	type chunk struct {
		start, n int // where its edges go in from/to, and how many it parsed
		max      uint32
		ok       bool
	}
	chunks := make([]chunk, nch)
	total := 0
	for c := range chunks { // an upper bound of the edges of each chunk: its line count
		chunks[c].start = total
		part := data[bounds[c]:bounds[c+1]]
		total += bytes.Count(part, []byte{'\n'})
		if len(part) > 0 && part[len(part)-1] != '\n' {
			total++ // a last line without a newline
		}
	}
	from, to := make([]int32, total), make([]int32, total)
	forChunks(nch, workers, func(c int) {
		ch := &chunks[c]
		ch.n, ch.max, ch.ok = parseChunk(data[bounds[c]:bounds[c+1]], from[ch.start:], to[ch.start:])
	})
	maxID := uint32(0)
	m := 0
	for _, ch := range chunks {
		if !ch.ok {
			return false
		}
		maxID = max(maxID, ch.max)
		m += ch.n
	}
	// The id table costs 4 bytes per possible id: allow at most about 8 bytes per edge (what
	// the edge columns themselves take); a sparser id range goes through the string map.
	if m == 0 || int64(maxID) > 2*int64(m)+1<<20 {
		return false
	}
	// Compact the chunks, then intern in first-appearance order (citing id, then cited id).
	w := 0
	for _, ch := range chunks {
		if w != ch.start { // only after skipped (comment or blank) lines
			copy(from[w:], from[ch.start:ch.start+ch.n])
			copy(to[w:], to[ch.start:ch.start+ch.n])
		}
		w += ch.n
	}
	from, to = from[:m:m], to[:m:m]
	local := make([]int32, int(maxID)+1)
	for i := range local {
		local[i] = -1
	}
	var order []int32 // id value of each local index
	intern := func(x int32) int32 {
		l := local[x]
		if l < 0 {
			l = int32(len(order))
			local[x] = l
			order = append(order, x)
		}
		return l
	}
	for e := range from {
		from[e] = intern(from[e])
		to[e] = intern(to[e])
	}
	local = nil
	if reverse {
		from, to = to, from
	}
	// The ids as strings, sharing one backing string.
	buf := make([]byte, 0, len(order)*8)
	ends := make([]int32, len(order))
	for i, x := range order {
		buf = strconv.AppendUint(buf, uint64(x), 10)
		ends[i] = int32(len(buf))
	}
	all := string(buf)
	doc.ids = make([]string, len(order))
	prev := int32(0)
	for i, e := range ends {
		doc.ids[i] = all[prev:e]
		prev = e
	}
	doc.from, doc.to = from, to
	doc.st.Records += m
	doc.allNodes = true
	return true
}

// parseChunk parses the lines of b into from and to (as id values), skipping blank and '#'
// lines. ok is false at the first line the fast grammar does not accept.
func parseChunk(b []byte, from, to []int32) (n int, maxID uint32, ok bool) {
	i := 0
	for i < len(b) {
		j := bytes.IndexByte(b[i:], '\n')
		var line []byte
		if j < 0 {
			line, i = b[i:], len(b)
		} else {
			line, i = b[i:i+j], i+j+1
		}
		if len(line) >= maxLine {
			return 0, 0, false
		}
		if k := len(line); k > 0 && line[k-1] == '\r' {
			line = line[:k-1]
		}
		p := 0
		for p < len(line) && (line[p] == ' ' || line[p] == '\t') {
			p++
		}
		if p == len(line) || line[p] == '#' {
			continue
		}
		u, p, good := fastID(line, p)
		if !good || p == len(line) || (line[p] != ' ' && line[p] != '\t') {
			return 0, 0, false
		}
		for p < len(line) && (line[p] == ' ' || line[p] == '\t') {
			p++
		}
		v, p, good := fastID(line, p)
		if !good || (p < len(line) && line[p] != ' ' && line[p] != '\t') {
			return 0, 0, false
		}
		from[n], to[n] = int32(u), int32(v)
		n++
		maxID = max(maxID, u, v)
	}
	return n, maxID, true
}

// fastID reads a canonical decimal id (no sign, no leading zero but "0", at most maxFastID)
// at line[p:].
func fastID(line []byte, p int) (uint32, int, bool) {
	start := p
	x := uint64(0)
	for p < len(line) && line[p] >= '0' && line[p] <= '9' {
		x = x*10 + uint64(line[p]-'0')
		p++
		if x > maxFastID {
			return 0, p, false
		}
	}
	if p == start || (line[start] == '0' && p-start > 1) {
		return 0, p, false
	}
	return uint32(x), p, true
}

// forChunks runs f(0..n-1) on up to workers goroutines.
func forChunks(n, workers int, f func(c int)) {
	workers = max(1, min(workers, n))
	var wg sync.WaitGroup
	next := make(chan int, n)
	for c := range n {
		next <- c
	}
	close(next)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range next {
				f(c)
			}
		}()
	}
	wg.Wait()
}

// addEdgesFast is addEdges for a document without edge attributes: the edges are put in
// compressed rows in place (counting sort on the citing work when they are not grouped by
// it), each row sorted and merged, and handed to the builder as columns. It counts exactly
// what addEdges counts.
func (m *merger) addEdgesFast(b *graph.Builder, doc *impDoc, bidx []int32, earlier []*edgeRows, keep bool, workers int) *edgeRows {
	n := b.NumWorks()
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	from, to := doc.from, doc.to
	doc.from, doc.to = nil, nil
	w := 0
	sorted := true
	off := make([]int32, n+1)
	for e := range from {
		u, v := bidx[from[e]], bidx[to[e]]
		switch {
		case u < 0 || v < 0:
			doc.st.Dangling++
			continue
		case u == v:
			doc.st.SelfCitations++
			continue
		}
		if w > 0 && u < from[w-1] {
			sorted = false
		}
		from[w], to[w] = u, v
		off[u+1]++
		w++
	}
	from, to = from[:w], to[:w]
	for u := 0; u < n; u++ {
		off[u+1] += off[u]
	}
	if !sorted { // counting sort by the citing work
		t2 := make([]int32, len(to))
		fill := slices.Clone(off[:n])
		for e, u := range from {
			t2[fill[u]] = to[e]
			fill[u]++
		}
		to = t2
		for u := 0; u < n; u++ {
			for e := off[u]; e < off[u+1]; e++ {
				from[e] = int32(u)
			}
		}
	}
	// Sort and merge each row: rows are independent, so any split gives the same result.
	repeats := make([]int, workers) // repeated targets found in each worker's rows
	forChunks(workers, workers, func(c int) {
		lo, hi := n*c/workers, n*(c+1)/workers
		for u := lo; u < hi; u++ {
			r := to[off[u]:off[u+1]]
			slices.Sort(r)
			for i := 1; i < len(r); i++ {
				if r[i] == r[i-1] {
					repeats[c]++
				}
			}
		}
	})
	merged := false
	for _, x := range repeats {
		merged = merged || x > 0
	}
	k := int32(len(to))
	if merged {
		k = 0
		for u := 0; u < n; u++ {
			lo, hi := off[u], off[u+1]
			off[u] = k
			for e := lo; e < hi; e++ {
				if e > lo && to[e] == to[e-1] {
					doc.st.Duplicates++
					continue
				}
				to[k] = to[e]
				k++
			}
		}
		off[n] = k
	}
	rows := &edgeRows{off: off, to: to[:k:k]}
	// Reciprocal pairs within the document.
	for u := 0; u < n; u++ {
		for _, v := range rows.row(int32(u)) {
			if int32(u) < v && rows.has(v, int32(u)) {
				doc.st.Reciprocal++
			}
		}
	}
	if len(earlier) == 0 && !keep { // the common case: the rows are the edges
		from = from[:k:k]
		if merged {
			for u := 0; u < n; u++ {
				for e := off[u]; e < off[u+1]; e++ {
					from[e] = int32(u)
				}
			}
		}
		doc.st.Edges += int(k)
		b.AddEdges(from, rows.to, graph.Cites)
		return nil
	}
	// Duplicates of earlier documents' edges are dropped (counted here).
	from = from[:0]
	outTo := rows.to
	if len(earlier) > 0 || keep {
		outTo = make([]int32, 0, len(rows.to))
	}
	for u := 0; u < n; u++ {
		for _, v := range rows.row(int32(u)) {
			dup := false
			for _, prev := range earlier {
				if prev.has(int32(u), v) {
					dup = true
					break
				}
			}
			if dup {
				doc.st.Duplicates++
				continue
			}
			if len(earlier) > 0 || keep {
				outTo = append(outTo, v)
			}
			from = append(from, int32(u))
		}
	}
	doc.st.Edges += len(from)
	b.AddEdges(slices.Clip(from), outTo[:len(from):len(from)], graph.Cites)
	if keep {
		return rows
	}
	return nil
}

// edgeRows are one document's merged edges as compressed rows over builder indices.
type edgeRows struct {
	off, to []int32
}

func (r *edgeRows) row(u int32) []int32 { return r.to[r.off[u]:r.off[u+1]] }

func (r *edgeRows) has(u, v int32) bool {
	if int(u)+1 >= len(r.off) {
		return false
	}
	_, ok := slices.BinarySearch(r.row(u), v)
	return ok
}
