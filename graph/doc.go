// Package graph is litgraph's model of a research field: works (papers) joined by typed
// relations, grouped into research directions, and the analyses that measure it.
//
// # The core
//
// Works are dense indices 0..N-1. Edges are stored as columns (from, to, kind) sorted by
// (from, to, kind), with forward and reverse CSR offsets, so that a hundred curated works and a
// million imported ones share one representation. Rich metadata (titles, authors, venues) lives
// in a side column that bare imported works leave empty. Library graphs (gonum,
// dominikbraun/graph) are built from this core as thin views only where their algorithms are
// used; the core itself never depends on a map-based graph.
//
// # Edge direction
//
// Every edge points from the newer, derived or citing work to the older, base or cited one:
// "swin modifies vit" is the edge swin → vit, exactly as "swin cites vit" would be. In-degree
// therefore counts how often a work is built on or cited; descendants of a work are the works
// that reach it by following edges forward.
//
// The package does no I/O and never prints: loaders build graphs with a Builder, and renderers
// format the plain result structs that the analyses return.
package graph
