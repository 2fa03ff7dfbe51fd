package cli

import "github.com/litgraph/litgraph/graph"

// directionIndex resolves a --direction value, with a did-you-mean for a typo.
func directionIndex(g *graph.Graph, id string) (int, error) {
	d, ok := g.DirectionIndex(id)
	if !ok {
		return -1, usagef("unknown direction %q%s (litgraph directions lists them)", id, suggestDirection(g, id))
	}
	return d, nil
}

// directionSet returns the indices of a direction and its subdirections, or nil when no
// direction is given.
func directionSet(g *graph.Graph, id string) (map[int]bool, error) {
	if id == "" {
		return nil, nil
	}
	d, err := directionIndex(g, id)
	if err != nil {
		return nil, err
	}
	keep := map[int]bool{}
	for _, s := range g.DirectionSubtree(d) {
		keep[s] = true
	}
	return keep, nil
}

// directionFilter returns which works belong to the direction or its subdirections, and a
// note for footers; nil when no direction is given.
func directionFilter(g *graph.Graph, id string) ([]bool, string, error) {
	if id == "" {
		return nil, "", nil
	}
	d, err := directionIndex(g, id)
	if err != nil {
		return nil, "", err
	}
	return g.DirectionMask(d), " in direction " + id, nil
}
