package cli

import (
	"container/heap"
	"slices"
)

// sortTop sorts rows by cmp and keeps the first k (all when k <= 0). cmp must be a total
// order (ties broken by id), so the result is the same as sorting everything and cutting;
// for a small k out of many rows it selects with a bounded heap instead, in O(n log k).
func sortTop(rows []int, k int, cmp func(a, b int) int) []int {
	if k <= 0 || k*8 >= len(rows) {
		slices.SortFunc(rows, cmp)
		if k > 0 && len(rows) > k {
			rows = rows[:k]
		}
		return rows
	}
	h := &maxHeap{cmp: cmp, items: make([]int, 0, k)}
	for _, r := range rows {
		if len(h.items) < k {
			heap.Push(h, r)
		} else if cmp(r, h.items[0]) < 0 {
			h.items[0] = r
			heap.Fix(h, 0)
		}
	}
	top := h.items
	slices.SortFunc(top, cmp)
	return top
}

// maxHeap keeps the k best rows seen so far with the worst on top.
type maxHeap struct {
	cmp   func(a, b int) int
	items []int
}

func (h *maxHeap) Len() int           { return len(h.items) }
func (h *maxHeap) Less(i, j int) bool { return h.cmp(h.items[i], h.items[j]) > 0 }
func (h *maxHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *maxHeap) Push(x any)         { h.items = append(h.items, x.(int)) }
func (h *maxHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}
