package cli

import (
	"fmt"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/render"
)

// ruleApplies reports whether a command shows the cycle rule's report: when it removed an arc,
// or when the kinds read may form cycles (anything beyond the lineage kinds, which curated
// data keeps acyclic).
func ruleApplies(r graph.CycleRule, kinds graph.KindSet) bool {
	return r.Touched() || kinds&^graph.LineageKinds != 0
}

// ruleObject is the JSON report of the cycle rule.
func ruleObject(r graph.CycleRule) render.Object {
	return render.O("edges_dropped", r.EdgesDropped(), "components_condensed", r.ComponentsCondensed,
		"dropped_forward_in_time", r.DroppedForward, "dropped_in_components", r.DroppedInComponents,
		"works_in_components", r.WorksInComponents, "edges_in", r.ArcsIn)
}

// ruleLine is the one-line report of the cycle rule for table footers and Markdown.
func ruleLine(r graph.CycleRule) string {
	return fmt.Sprintf("cycle rule: dropped %d of %d edges (%d citing a later work, %d inside %s of %s); see docs/plan.md",
		r.EdgesDropped(), r.ArcsIn, r.DroppedForward, r.DroppedInComponents,
		plural(r.ComponentsCondensed, "cycle component"), plural(r.WorksInComponents, "work"))
}

// yearOf is a work's year, or nil when undated.
func yearOf(g *graph.Graph, v int32) any { return nullInt(int(g.Date(int(v)).Year)) }
