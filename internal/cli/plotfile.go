package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/litgraph/litgraph/render/plot"
)

// writePlot draws a picture into memory and writes it to path atomically (a temporary file
// in the same folder, then a rename): SVG, or PNG when the name ends in .png.
func writePlot(path string, drawFn func(w io.Writer, f plot.Format) error) (err error) {
	var buf bytes.Buffer
	if err := drawFn(&buf, plot.FormatFor(path)); err != nil {
		return fmt.Errorf("--plot %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("--plot %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			err = fmt.Errorf("--plot %s: %w", path, err)
		}
	}()
	if _, err = tmp.Write(buf.Bytes()); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
