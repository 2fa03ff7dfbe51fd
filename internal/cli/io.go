package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/litgraph/litgraph/graph"
	"github.com/litgraph/litgraph/loader"
	"github.com/litgraph/litgraph/render"
)

// The formats every command writes.
var tabular = []render.Format{render.FormatTable, render.FormatJSON, render.FormatCSV, render.FormatMarkdown}

// maxWarnings caps how many warnings a load prints; the rest are counted.
const maxWarnings = 20

// load reads the --data sources (or the given arguments instead) and builds the graph.
// Warnings go to stderr.
func (a *app) load(args []string) (*graph.Graph, error) {
	if args == nil {
		args = a.global.data
	}
	srcs, err := loader.ReadSources(args, a.stdin)
	if err != nil {
		return nil, err
	}
	opts := loader.Options{MaxYear: a.now().Year() + 1, Lenient: a.global.lenient, Reverse: a.global.reverse, DatesFromIDs: a.global.datesFromIDs}
	switch a.global.directionsFrom {
	case "", "none":
	case "topics":
		opts.DirectionsFrom = "topics"
	default:
		return nil, usagef("--directions-from: unknown value %q; use none or topics", a.global.directionsFrom)
	}
	for _, p := range a.global.labels {
		s, err := loader.ReadFile(p, a.stdin)
		if err != nil {
			return nil, fmt.Errorf("--labels %w", err)
		}
		opts.Labels = append(opts.Labels, s)
	}
	for _, p := range a.global.dates {
		s, err := loader.ReadFile(p, a.stdin)
		if err != nil {
			return nil, fmt.Errorf("--dates %w", err)
		}
		opts.Dates = append(opts.Dates, s)
	}
	shown := false
	if isTerminal(a.stderr) { // a long load shows its stage on one line, cleared at the end
		opts.Progress = func(msg string) {
			fmt.Fprintf(a.stderr, "\r\033[Klitgraph: %s ...", msg)
			shown = true
		}
	}
	res, err := loader.Load(srcs, opts)
	if shown {
		fmt.Fprint(a.stderr, "\r\033[K")
	}
	if err != nil {
		return nil, err
	}
	a.warn(res.Warnings)
	a.timings.mark("load")
	return res.Graph, nil
}

func (a *app) warn(ws []*loader.Problem) {
	for i, w := range ws {
		if i == maxWarnings {
			fmt.Fprintf(a.stderr, "litgraph: warning: %d more warnings not shown\n", len(ws)-maxWarnings)
			break
		}
		fmt.Fprintf(a.stderr, "%s (warning)\n", w.String())
	}
}

// format checks --format against the formats a command writes.
func (a *app) format(allowed []render.Format) (render.Format, error) {
	f, err := render.ParseFormat(a.global.format, allowed)
	if err != nil {
		return "", usageError{err}
	}
	return f, nil
}

// emit renders into memory and then writes stdout or, with --out, the file: atomically, via a
// temporary file in the same directory and a rename, so a failed run never leaves a partial
// file.
func (a *app) emit(write func(w io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	a.timings.mark("compute")
	if a.global.out == "" || a.global.out == "-" {
		_, err := a.stdout.Write(buf.Bytes())
		return err
	}
	return writeFileAtomic(a.global.out, buf.Bytes())
}

// writeFileAtomic writes data to path through a temporary file and a rename.
func writeFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the temporary file's name means nothing to the user
		}
		return fmt.Errorf("--out %s: cannot write in directory %s: %w", path, dir, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("--out %s: %w", path, err)
	}
	if err = tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("--out %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("--out %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("--out %s: %w", path, err)
	}
	return nil
}

// resolve finds a work by id, arxiv:ID or doi:ID; an unknown reference is a usage error with a
// did-you-mean.
func resolve(g *graph.Graph, ref string) (int, error) {
	if i, ok := g.Lookup(ref); ok {
		return i, nil
	}
	return -1, usageError{fmt.Errorf("unknown work %q%s", ref, suggestWork(g, ref))}
}

// parseDateFlag parses a YYYY[-MM[-DD]] flag value.
func parseDateFlag(name, v string) (graph.Date, error) {
	if v == "" {
		return graph.Date{}, nil
	}
	d, err := graph.ParseDate(v)
	if err != nil {
		return graph.Date{}, usagef("--%s: %v", name, err)
	}
	return d, nil
}
