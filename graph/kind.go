package graph

import (
	"fmt"
	"strings"
)

// Kind is a relation kind. The vocabulary is closed: loaders reject any other name.
type Kind uint8

// The relation kinds. Lineage kinds say that one work is derived from another and must form a
// DAG in curated data; context kinds relate works without derivation and may form cycles.
const (
	KindInvalid   Kind = iota
	Modifies           // lineage: changes the base method's internals (operator, architecture, training)
	Extends            // lineage: builds on the base and adds a capability or setting
	AppliesToTask      // lineage: takes the base method to a task; the edge carries the task
	Accelerates        // lineage: makes the base faster to train or to sample
	Combines           // lineage: merges the base with another line of work (one edge per ingredient)
	Analyzes           // context: studies, tests or explains the base
	AlternativeTo      // context: a different approach to the same problem
	Cites              // context: a plain citation, usually from citation data
	numKinds
)

var kindInfo = [numKinds]struct {
	name    string
	lineage bool
	desc    string
}{
	KindInvalid:   {"invalid", false, ""},
	Modifies:      {"modifies", true, "changes the base method's internals: operator, architecture or training"},
	Extends:       {"extends", true, "builds on the base and adds a capability or setting, keeping its core"},
	AppliesToTask: {"applies-to-task", true, "takes the base method to a task (the edge names the task)"},
	Accelerates:   {"accelerates", true, "makes the base method faster to train or to sample"},
	Combines:      {"combines", true, "merges the base with another line of work; one edge per ingredient"},
	Analyzes:      {"analyzes", false, "studies, tests or explains the base"},
	AlternativeTo: {"alternative-to", false, "a different approach to the same problem; no derivation"},
	Cites:         {"cites", false, "a plain citation, usually imported from citation data"},
}

// Kinds returns every valid kind in vocabulary order.
func Kinds() []Kind {
	ks := make([]Kind, 0, numKinds-1)
	for k := Modifies; k < numKinds; k++ {
		ks = append(ks, k)
	}
	return ks
}

// KindNames returns the names of every valid kind in vocabulary order.
func KindNames() []string {
	var names []string
	for _, k := range Kinds() {
		names = append(names, k.String())
	}
	return names
}

// String returns the kind's name as written in data files, such as "applies-to-task".
func (k Kind) String() string {
	if k < numKinds {
		return kindInfo[k].name
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// Valid reports whether k is one of the vocabulary's kinds.
func (k Kind) Valid() bool { return k > KindInvalid && k < numKinds }

// Lineage reports whether k says that one work is derived from another.
func (k Kind) Lineage() bool { return k.Valid() && kindInfo[k].lineage }

// Description is a one-line explanation of the kind.
func (k Kind) Description() string {
	if k.Valid() {
		return kindInfo[k].desc
	}
	return ""
}

// ParseKind returns the kind named s (exact match).
func ParseKind(s string) (Kind, bool) {
	for k := Modifies; k < numKinds; k++ {
		if kindInfo[k].name == s {
			return k, true
		}
	}
	return KindInvalid, false
}

// KindSet is a set of relation kinds.
type KindSet uint16

// Sets of kinds with names that every command accepts in --rel.
const (
	LineageKinds KindSet = 1<<Modifies | 1<<Extends | 1<<AppliesToTask | 1<<Accelerates | 1<<Combines
	ContextKinds KindSet = 1<<Analyzes | 1<<AlternativeTo | 1<<Cites
	AllKinds             = LineageKinds | ContextKinds
	// DerivationKinds are the kinds the saturation metrics read as "derived from": the lineage
	// kinds and cites, because on citation data a citing work builds on what it cites. The
	// context kinds analyzes and alternative-to never count as derivation.
	DerivationKinds = LineageKinds | 1<<Cites
)

// SetOf returns the set holding ks.
func SetOf(ks ...Kind) KindSet {
	var s KindSet
	for _, k := range ks {
		s |= 1 << k
	}
	return s
}

// Has reports whether k is in s.
func (s KindSet) Has(k Kind) bool { return k < numKinds && s&(1<<k) != 0 }

// Kinds lists the kinds in s in vocabulary order.
func (s KindSet) Kinds() []Kind {
	var ks []Kind
	for _, k := range Kinds() {
		if s.Has(k) {
			ks = append(ks, k)
		}
	}
	return ks
}

// String writes s as a comma-separated list of kind names.
func (s KindSet) String() string {
	var names []string
	for _, k := range s.Kinds() {
		names = append(names, k.String())
	}
	return strings.Join(names, ",")
}

// ParseKindSet parses a comma-separated list of kind names and the group names "lineage",
// "context" and "all". It returns the first unknown name as an error.
func ParseKindSet(list string) (KindSet, error) {
	var s KindSet
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		switch f {
		case "":
			continue
		case "lineage":
			s |= LineageKinds
		case "context":
			s |= ContextKinds
		case "all":
			s |= AllKinds
		default:
			k, ok := ParseKind(f)
			if !ok {
				return 0, &UnknownKindError{Name: f}
			}
			s |= SetOf(k)
		}
	}
	if s == 0 {
		return 0, fmt.Errorf("empty relation kind list %q", list)
	}
	return s, nil
}

// UnknownKindError reports a relation kind outside the vocabulary.
type UnknownKindError struct{ Name string }

func (e *UnknownKindError) Error() string {
	return fmt.Sprintf("unknown relation kind %q (known: %s, or lineage, context, all)", e.Name, strings.Join(KindNames(), ", "))
}
