package cli

import (
	"bytes"
	"flag"
	"strings"
	"testing"
)

// update rewrites the golden files under testdata/golden instead of comparing with them:
// go test ./internal/cli -update
var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// runCLI runs litgraph with the arguments and standard input and returns its standard
// output, standard error and exit status.
func runCLI(t testing.TB, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}
