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
			// Not an existing path: it may be FORMAT[,OPTION...]:PATH. A file literally named
			// "openalex:x" is loaded as a file by the Stat above, never taken as a prefix.
			forced, perr := parsePrefix(a)
			if perr != nil {
				return nil, fmt.Errorf("--data %s: %w", a, perr)
			}
			if forced == nil {
				return nil, fmt.Errorf("--data %s: %w", a, unwrapPathError(err))
			}
			if forced.Name == "-" {
				if stdin == nil {
					return nil, fmt.Errorf("--data %s: no standard input", a)
				}
				data, err := io.ReadAll(stdin)
				if err != nil {
					return nil, fmt.Errorf("reading standard input: %w", err)
				}
				forced.Name, forced.Data = "<stdin>", data
				add(*forced)
				continue
			}
			data, err := os.ReadFile(forced.Name)
			if err != nil {
				return nil, fmt.Errorf("--data %s: %w", a, unwrapPathError(err))
			}
			forced.Data = data
			add(*forced)
			continue
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

// ReadFile reads one side file (--labels, --dates): a path, or - for stdin.
func ReadFile(path string, stdin io.Reader) (Source, error) {
	if path == "-" {
		if stdin == nil {
			return Source{}, fmt.Errorf("no standard input")
		}
		data, err := io.ReadAll(stdin)
		if err != nil {
			return Source{}, fmt.Errorf("reading standard input: %w", err)
		}
		return Source{Name: "<stdin>", Data: data}, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Source{}, fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	return Source{Name: path, Data: data}, nil
}

// parsePrefix splits FORMAT[,OPTION[=VALUE]...]:PATH. It returns nil, nil when arg has no known
// format prefix, and an error for a known format with a bad option. An option value may hold
// ':' (s2,paper=doi:10.1/x:file.json): the split is at the first ':' after which an existing
// file (or -) follows, else at the first ':'.
func parsePrefix(arg string) (*Source, error) {
	head, path, ok := strings.Cut(arg, ":")
	if !ok || path == "" {
		return nil, nil
	}
	for i := len(head) + 1; path != "-" && !fileExists(path) && i < len(arg); i++ {
		if arg[i] != ':' {
			continue
		}
		if rest := arg[i+1:]; rest == "-" || fileExists(rest) {
			head, path = arg[:i], rest
			break
		}
	}
	parts := strings.Split(head, ",")
	f := Format(strings.ToLower(parts[0]))
	if f == "json" {
		f = FormatCurated
	}
	if !slices.Contains(Formats(), f) {
		return nil, nil
	}
	s := &Source{Name: path, Format: f}
	for _, o := range parts[1:] {
		k, v, _ := strings.Cut(o, "=")
		switch {
		case k == "reverse" && f == FormatEdgeList && v == "":
			s.Reverse = true
		case k == "paper" && f == FormatS2 && v != "":
			s.Paper = v
		default:
			return nil, fmt.Errorf("unknown option %q for format %s (options: edgelist,reverse and s2,paper=ID)", o, f)
		}
	}
	return s, nil
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir()
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
