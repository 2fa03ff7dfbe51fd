package cli

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/litgraph/litgraph/loader"
	"github.com/spf13/cobra"
)

func newImportCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "import --data SOURCE... --out FILE.lgs",
		Short: "Parse data once and save it as a compact binary snapshot",
		Long: `import loads the --data sources (any format litgraph reads, with --labels,
--dates, --reverse and the other loading flags), validates them, and writes the
graph as a snapshot: ids, attributes, directions and edges in a compact binary form
with a checksum per section. Any command reads the snapshot with --data FILE.lgs,
so a large OpenAlex or edge-list import is parsed once and then loads in a fraction
of a second. A snapshot must be the only --data source of a later command; a corrupt
or truncated snapshot is rejected with a clear error (exit 2). The snapshot format
is versioned; a snapshot from another format version is refused with a message
that says to re-import.`,
		Example: `  litgraph import --data ../shared/data/cit-hepth/cit-HepTh.txt.gz --out hepth.lgs
  litgraph rank --data hepth.lgs --by pagerank --top 20`,
		Args: exactArgs(0, "no arguments (sources go in --data)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if a.global.out == "" || a.global.out == "-" {
				return usagef("import writes a binary snapshot: name the file with --out FILE.lgs")
			}
			start := time.Now()
			g, err := a.load(nil)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := loader.EncodeSnapshot(&buf, g); err != nil {
				return err
			}
			if err := a.emit(func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err }); err != nil {
				return err
			}
			fmt.Fprintf(a.stderr, "litgraph: wrote %s: %s, %s, %s (%.1f MiB) in %.2f s\n", a.global.out,
				plural(g.NumWorks(), "work"), plural(g.NumEdges(), "relation"), plural(len(g.Directions()), "direction"),
				float64(buf.Len())/(1<<20), time.Since(start).Seconds())
			return nil
		},
	}
}
