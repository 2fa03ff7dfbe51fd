package graph

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// TestBuilderBulkMatchesOneByOne builds the same graph with AddWork/AddEdge and with
// Grow/AddBareWorks/AddEdges (edges shuffled or grouped by source, with duplicates) and
// requires identical columns, and a Lookup that finds bulk-added ids.
func TestBuilderBulkMatchesOneByOne(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	n := 3000
	var from, to []int32
	for u := 1; u < n; u++ {
		for range r.IntN(8) {
			from = append(from, int32(u))
			to = append(to, int32(r.IntN(u)))
		}
	}
	for range 500 { // duplicates
		i := r.IntN(len(from))
		from, to = append(from, from[i]), append(to, to[i])
	}
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprint("w", i)
	}
	one := NewBuilder()
	for _, id := range ids {
		if _, err := one.AddWork(Work{ID: id}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range from {
		one.AddEdge(from[i], to[i], Cites, nil)
	}
	want, err := one.Build()
	if err != nil {
		t.Fatal(err)
	}
	for _, grouped := range []bool{false, true} {
		f, tt := slices.Clone(from), slices.Clone(to)
		if grouped {
			perm := make([]int, len(f))
			for i := range perm {
				perm[i] = i
			}
			slices.SortStableFunc(perm, func(a, b int) int { return int(from[a]) - int(from[b]) })
			for i, p := range perm {
				f[i], tt[i] = from[p], to[p]
			}
		} else {
			r.Shuffle(len(f), func(i, j int) { f[i], f[j] = f[j], f[i]; tt[i], tt[j] = tt[j], tt[i] })
		}
		b := NewBuilder()
		b.Grow(n, len(f))
		if first := b.AddBareWorks(ids, nil); first != 0 {
			t.Fatalf("first bulk index %d", first)
		}
		b.AddEdges(f, tt, Cites)
		got, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Columns().From, want.Columns().From) || !reflect.DeepEqual(got.Columns().To, want.Columns().To) ||
			!reflect.DeepEqual(got.Columns().IDs, want.Columns().IDs) || b.DuplicateEdges() != one.DuplicateEdges() {
			t.Fatalf("grouped=%v: bulk build differs from one-by-one (%d vs %d duplicates)", grouped, b.DuplicateEdges(), one.DuplicateEdges())
		}
		if i, ok := got.Lookup("w2999"); !ok || i != 2999 {
			t.Errorf("Lookup of a bulk id: %d, %v", i, ok)
		}
		for v := 0; v < n; v += 97 {
			if !reflect.DeepEqual(got.InEdges(v), want.InEdges(v)) {
				t.Fatalf("InEdges(%d) differ", v)
			}
		}
	}
}

// TestBuilderMixedAttrsStable: with attributes, duplicates added in any order keep the first
// added edge's attributes (a stable sort), and a bulk run after AddWork is found by Index.
func TestBuilderMixedAttrsStable(t *testing.T) {
	b := NewBuilder()
	b.AddWork(Work{ID: "a"})
	b.AddBareWorks([]string{"b", "c"}, []Date{{Year: 2001}, {}})
	if i, ok := b.Index("c"); !ok || i != 2 {
		t.Fatalf("Index(c) = %d, %v", i, ok)
	}
	if _, err := b.AddWork(Work{ID: "b"}); err == nil {
		t.Error("a duplicate of a bulk id was accepted by AddWork")
	}
	for i := 0; i < 40; i++ { // a long row (sorted by the stable path)
		b.AddEdge(0, int32(1+i%2), Cites, &EdgeAttr{Note: fmt.Sprint(i)})
	}
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if g.NumEdges() != 2 || g.EdgeAttr(0).Note != "0" || g.EdgeAttr(1).Note != "1" || g.Date(1).Year != 2001 {
		t.Errorf("edges %d, notes %q %q, date %v", g.NumEdges(), g.EdgeAttr(0).Note, g.EdgeAttr(1).Note, g.Date(1))
	}
}

// TestAdjacencySharedMatchesGeneral: the single-kind shortcut (columns shared with the graph,
// in-lists filled in parallel) gives the same view as the general construction.
func TestAdjacencySharedMatchesGeneral(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	n := 20000
	b := NewBuilder()
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprint(i)
	}
	b.AddBareWorks(ids, nil)
	var from, to []int32
	for range 300000 { // above the parallel threshold
		u, v := int32(r.IntN(n)), int32(r.IntN(n))
		if u != v {
			from, to = append(from, u), append(to, v)
		}
	}
	b.AddEdges(from, to, Cites)
	g, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	got := g.Adjacency(AllKinds)
	g.kindsIn |= SetOf(Extends) // defeat the shortcut: the general path
	want := g.Adjacency(AllKinds)
	if !reflect.DeepEqual(got, want) {
		t.Fatal("shared adjacency differs from the general one")
	}
}
