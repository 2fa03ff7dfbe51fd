package loader

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// ErrInvalid is the sentinel every invalid-input error matches with errors.Is, so that callers
// can tell bad input (exit status 2) from I/O failures (exit status 1).
var ErrInvalid = errors.New("invalid input")

// Problem is one positioned finding about an input file. Line and Col are 1-based; 0 means
// unknown (a whole-file problem).
type Problem struct {
	File      string
	Line, Col int
	Msg       string
	order     int // position of File among the sources, for sorting
}

// String formats the problem as file:line:col: message.
func (p *Problem) String() string {
	switch {
	case p.Line == 0:
		return fmt.Sprintf("%s: %s", p.File, p.Msg)
	case p.Col == 0:
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Msg)
}

// ErrorList is every problem found in a load, sorted by file (in the order given), line and
// column. It matches ErrInvalid.
type ErrorList []*Problem

func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, p := range l {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Is makes errors.Is(list, ErrInvalid) true.
func (l ErrorList) Is(target error) bool { return target == ErrInvalid }

func sortProblems(ps []*Problem) {
	slices.SortStableFunc(ps, func(a, b *Problem) int {
		if a.order != b.order {
			return a.order - b.order
		}
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
}

// pos is a position in an input file.
type pos struct {
	file      string
	order     int
	line, col int
}

func (p pos) String() string { return fmt.Sprintf("%s:%d:%d", p.file, p.line, p.col) }

// diag collects problems and warnings during one load.
type diag struct {
	errs  []*Problem
	warns []*Problem
}

func (d *diag) errorf(at pos, format string, args ...any) {
	d.errs = append(d.errs, &Problem{File: at.file, Line: at.line, Col: at.col, Msg: fmt.Sprintf(format, args...), order: at.order})
}

func (d *diag) warnf(at pos, format string, args ...any) {
	d.warns = append(d.warns, &Problem{File: at.file, Line: at.line, Col: at.col, Msg: fmt.Sprintf(format, args...), order: at.order})
}

// didYouMean formats a hint for the nearest candidate, or "" when none is near.
func didYouMean(near string) string {
	if near == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", near)
}
