package loader

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// BuiltinName is the word that names the built-in data set in --data and in messages.
const BuiltinName = "builtin"

//go:embed builtin/litgraph.yaml
var builtinData []byte

// Builtin returns the built-in data set: every work the 2021 article names, the foundations
// its lineage needs, its directions and tasks.
func Builtin() Source { return Source{Name: BuiltinName, Data: builtinData} }

// BuiltinHash is the first 12 hex digits of the SHA-256 of the built-in data file, printed by
// litgraph --version so that results can be tied to a data release.
func BuiltinHash() string {
	sum := sha256.Sum256(builtinData)
	return hex.EncodeToString(sum[:])[:12]
}

// dataExts are the file name endings a directory given to --data contributes.
var dataExts = []string{".yaml", ".yml", ".json"}

// ReadSources turns --data arguments into sources. No argument means the built-in set alone;
// "builtin" names it; "-" reads stdin (once); a directory contributes every *.yaml, *.yml and
// *.json file directly in it, in name order. Missing files are I/O errors (not ErrInvalid).
func ReadSources(args []string, stdin io.Reader) ([]Source, error) {
	if len(args) == 0 {
		return []Source{Builtin()}, nil
	}
	var out []Source
	seen := map[string]bool{}
	add := func(s Source) {
		if !seen[s.Name] {
			seen[s.Name] = true
			out = append(out, s)
		}
	}
	for _, a := range args {
		switch a {
		case BuiltinName:
			add(Builtin())
			continue
		case "-":
			if seen["<stdin>"] {
				continue
			}
			if stdin == nil {
				return nil, fmt.Errorf("--data -: no standard input")
			}
			data, err := io.ReadAll(stdin)
			if err != nil {
				return nil, fmt.Errorf("reading standard input: %w", err)
			}
			add(Source{Name: "<stdin>", Data: data})
			continue
		}
		fi, err := os.Stat(a)
		if err != nil {
			return nil, fmt.Errorf("--data %s: %w", a, unwrapPathError(err))
		}
		if !fi.IsDir() {
			data, err := os.ReadFile(a)
			if err != nil {
				return nil, fmt.Errorf("--data %s: %w", a, unwrapPathError(err))
			}
			add(Source{Name: a, Data: data})
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			return nil, fmt.Errorf("--data %s: %w", a, unwrapPathError(err))
		}
		var names []string
		for _, e := range entries {
			if !e.IsDir() && slices.Contains(dataExts, strings.ToLower(filepath.Ext(e.Name()))) {
				names = append(names, e.Name())
			}
		}
		if len(names) == 0 {
			return nil, fmt.Errorf("--data %s: the directory holds no *.yaml, *.yml or *.json file", a)
		}
		slices.Sort(names)
		for _, n := range names {
			p := filepath.Join(a, n)
			data, err := os.ReadFile(p)
			if err != nil {
				return nil, fmt.Errorf("--data %s: %w", p, unwrapPathError(err))
			}
			add(Source{Name: p, Data: data})
		}
	}
	return out, nil
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
