// Command litgraph turns a research field into a typed lineage graph and measures it.
// See the README for the commands and conventions; all logic lives in internal/cli.
package main

import (
	"os"

	"github.com/litgraph/litgraph/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
