package cli

import (
	"fmt"
	"strings"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/internal/suggest"
)

// suggestWork returns "; did you mean "x"?" for the work id or short name nearest to ref.
func suggestWork(g *graph.Graph, ref string) string {
	for i := range g.NumWorks() { // a short name given instead of the id
		if strings.EqualFold(g.Label(i), ref) {
			return fmt.Sprintf("; did you mean %q?", g.ID(i))
		}
	}
	if near := suggest.Closest(ref, g.IDs()); near != "" {
		return fmt.Sprintf("; did you mean %q?", near)
	}
	return ""
}

// suggestDirection is the same for direction ids.
func suggestDirection(g *graph.Graph, ref string) string {
	var ids []string
	for _, d := range g.Directions() {
		ids = append(ids, d.ID)
	}
	if near := suggest.Closest(ref, ids); near != "" {
		return fmt.Sprintf("; did you mean %q?", near)
	}
	return ""
}
