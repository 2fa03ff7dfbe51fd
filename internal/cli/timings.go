package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// timings measures where a run's time goes, for benchmarks: with LITGRAPH_TIMINGS=1 in the
// environment, litgraph prints one line on stderr at the end,
//
//	litgraph: timings: load 0.412 s, compute 0.318 s, write 0.001 s, total 0.731 s
//
// where load is reading and parsing --data into the graph, compute everything from there to
// the rendered output, and write putting it on stdout or --out. stdout is never touched.
type timings struct {
	on     bool
	start  time.Time
	last   time.Time
	phases []string
}

func newTimings() *timings {
	t := &timings{on: os.Getenv("LITGRAPH_TIMINGS") == "1", start: time.Now()}
	t.last = t.start
	return t
}

// mark ends the current phase under the given name (the first mark of a name wins).
func (t *timings) mark(name string) {
	if t == nil || !t.on {
		return
	}
	for _, p := range t.phases {
		if strings.HasPrefix(p, name+" ") {
			return
		}
	}
	now := time.Now()
	t.phases = append(t.phases, fmt.Sprintf("%s %.3f s", name, now.Sub(t.last).Seconds()))
	t.last = now
}

func (t *timings) print(w io.Writer) {
	if t == nil || !t.on {
		return
	}
	fmt.Fprintf(w, "litgraph: timings: %s, total %.3f s\n", strings.Join(t.phases, ", "), time.Since(t.start).Seconds())
}
