package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"ferry/internal/diag"

	"github.com/BurntSushi/toml"
)

// CodeInvalid is the diagnostic code of every configuration error.
const CodeInvalid = "U903"

// File is one parsed ferry.toml.
type File struct {
	// Path is the file's path as given; Dir its directory, which relative
	// header paths are resolved against.
	Path string
	Dir  string
	Bind Bind
	Safe Safe

	md     toml.MetaData
	src    []byte
	others map[string]toml.Primitive
}

// Bind is the [bind] table: what to read and what to link.
type Bind struct {
	Headers     []string `toml:"headers"`
	IncludeDirs []string `toml:"include_dirs"`
	Defines     []string `toml:"defines"`
	CFlags      []string `toml:"cflags"`
	PkgConfig   []string `toml:"pkg_config"`
	Link        string   `toml:"link"`
	Allow       []string `toml:"allow"`
	Block       []string `toml:"block"`
}

// topLevel is what Load decodes; tables owned by other packages stay
// undecoded primitives until their owner asks for them.
type topLevel struct {
	Bind   Bind           `toml:"bind"`
	Safe   Safe           `toml:"safe"`
	Export toml.Primitive `toml:"export"`
}

// ownedElsewhere are the top-level tables decoded by other packages.
var ownedElsewhere = []string{"export"}

// Load reads and parses path. Any error is a *diag.Diagnostic (code U903)
// with the file and line.
func Load(path string) (*File, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, &diag.Diagnostic{Severity: diag.Error, Code: "U901", Pos: diag.Pos{File: path},
			Message: fmt.Sprintf("cannot read configuration: %v", unwrapPath(err))}
	}
	return Parse(path, src)
}

// Parse parses src as the contents of path.
func Parse(path string, src []byte) (*File, error) {
	var top topLevel
	md, err := toml.Decode(string(src), &top)
	if err != nil {
		return nil, decodeErr(path, src, err)
	}
	f := &File{Path: path, Dir: filepath.Dir(path), Bind: top.Bind, Safe: top.Safe, md: md, src: src,
		others: map[string]toml.Primitive{"export": top.Export}}
	for _, k := range md.Undecoded() {
		if len(k) > 0 && isOwnedElsewhere(k[0]) {
			continue
		}
		return nil, f.unknownKey(k)
	}
	if err := f.Safe.validate(f); err != nil {
		return nil, err
	}
	return f, nil
}

func isOwnedElsewhere(name string) bool {
	for _, n := range ownedElsewhere {
		if n == name {
			return true
		}
	}
	return false
}

// Has reports whether the file defines the top-level table name.
func (f *File) Has(name string) bool { return f.md.IsDefined(name) }

// DecodeTable decodes the top-level table name (one owned by another
// package, such as "export") into v, rejecting keys v does not have.
// A missing table leaves v unchanged.
func (f *File) DecodeTable(name string, v any) error {
	p, ok := f.others[name]
	if !ok {
		return fmt.Errorf("table [%s] is not registered with the configuration loader", name)
	}
	if !f.md.IsDefined(name) {
		return nil
	}
	if err := f.md.PrimitiveDecode(p, v); err != nil {
		return decodeErr(f.Path, f.src, err)
	}
	for _, k := range f.md.Undecoded() {
		if len(k) > 0 && k[0] == name {
			return f.unknownKey(k)
		}
	}
	return nil
}

// Errorf returns a configuration error positioned at the line that defines
// key (a dotted path such as "safe.fn.compress.returns").
func (f *File) Errorf(key []string, format string, args ...any) error {
	return &diag.Diagnostic{Severity: diag.Error, Code: CodeInvalid,
		Pos:     diag.Pos{File: f.Path, Line: keyLine(f.src, key)},
		Message: fmt.Sprintf(format, args...), Symbol: strings.Join(key, ".")}
}

func (f *File) unknownKey(k toml.Key) error {
	return f.Errorf(k, "unknown key %q", k.String())
}

func decodeErr(path string, src []byte, err error) error {
	d := &diag.Diagnostic{Severity: diag.Error, Code: CodeInvalid, Pos: diag.Pos{File: path}}
	var pe toml.ParseError
	if errors.As(err, &pe) {
		d.Pos.Line, d.Pos.Col = pe.Position.Line, pe.Position.Col
		d.Message = strings.ToLower(pe.Message)
		if d.Message == "" {
			d.Message = pe.Error()
		}
		return d
	}
	msg := err.Error()
	// Type errors name the key: "toml: line 3 (last key \"safe.x\"): ...".
	d.Message = strings.TrimPrefix(msg, "toml: ")
	if i := strings.Index(msg, "last key \""); i >= 0 {
		rest := msg[i+len("last key \""):]
		if j := strings.IndexByte(rest, '"'); j >= 0 {
			d.Pos.Line = keyLine(src, strings.Split(rest[:j], "."))
			d.Symbol = rest[:j]
		}
	}
	return d
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// sortedKeys returns m's keys in order, for deterministic iteration.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
