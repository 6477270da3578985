package cgen

import (
	"strings"

	"ferry/internal/ir"
)

// reserved are the C11 and C++17 keywords (and a few macros from the headers
// we include) that a Rust identifier may spell but a C declaration may not use.
var reserved = map[string]bool{
	"auto": true, "break": true, "case": true, "char": true, "const": true, "continue": true,
	"default": true, "do": true, "double": true, "else": true, "enum": true, "extern": true,
	"float": true, "for": true, "goto": true, "if": true, "inline": true, "int": true,
	"long": true, "register": true, "restrict": true, "return": true, "short": true,
	"signed": true, "sizeof": true, "static": true, "struct": true, "switch": true,
	"typedef": true, "union": true, "unsigned": true, "void": true, "volatile": true,
	"while": true, "_Alignas": true, "_Alignof": true, "_Atomic": true, "_Bool": true,
	"_Complex": true, "_Generic": true, "_Imaginary": true, "_Noreturn": true,
	"_Static_assert": true, "_Thread_local": true,
	"alignas": true, "alignof": true, "and": true, "and_eq": true, "asm": true, "bitand": true,
	"bitor": true, "bool": true, "catch": true, "char16_t": true, "char32_t": true, "class": true,
	"compl": true, "const_cast": true, "constexpr": true, "decltype": true, "delete": true,
	"dynamic_cast": true, "explicit": true, "export": true, "false": true, "friend": true,
	"mutable": true, "namespace": true, "new": true, "noexcept": true, "not": true,
	"not_eq": true, "nullptr": true, "operator": true, "or": true, "or_eq": true,
	"private": true, "protected": true, "public": true, "reinterpret_cast": true,
	"static_assert": true, "static_cast": true, "template": true, "this": true,
	"thread_local": true, "throw": true, "true": true, "try": true, "typeid": true,
	"typename": true, "using": true, "virtual": true, "wchar_t": true, "xor": true, "xor_eq": true,
	"NULL": true, "offsetof": true, "errno": true, "assert": true,
}

// cKeywords are the names C itself cannot declare (C11 keywords, and the
// stdbool.h macros the header includes); the rest of reserved are C++'s.
var cKeywords = map[string]bool{
	"auto": true, "break": true, "case": true, "char": true, "const": true, "continue": true,
	"default": true, "do": true, "double": true, "else": true, "enum": true, "extern": true,
	"float": true, "for": true, "goto": true, "if": true, "inline": true, "int": true,
	"long": true, "register": true, "restrict": true, "return": true, "short": true,
	"signed": true, "sizeof": true, "static": true, "struct": true, "switch": true,
	"typedef": true, "union": true, "unsigned": true, "void": true, "volatile": true,
	"while": true, "bool": true, "true": true, "false": true,
}

// IsCKeyword reports whether name cannot be declared in C at all; a
// symbol (which no header can rename) spelled so cannot be exported.
func IsCKeyword(name string) bool {
	return cKeywords[name] || strings.HasPrefix(name, "_") && reserved[name]
}

// IsCXXKeyword reports whether name is reserved in C++ but not in C.
func IsCXXKeyword(name string) bool { return reserved[name] && !IsCKeyword(name) && !macroNames[name] }

// macroNames are reserved because the standard headers define them as
// macros, not because a compiler reserves them.
var macroNames = map[string]bool{"NULL": true, "offsetof": true, "errno": true, "assert": true}

// Ident turns a Rust identifier into a usable C identifier: it drops the r#
// of raw identifiers and appends "_" to C and C++ keywords.
func Ident(name string) string {
	name = strings.TrimPrefix(name, "r#")
	if reserved[name] {
		return name + "_"
	}
	return name
}

// paramNames gives every parameter a distinct C name: unnamed or "_"
// parameters become argN, and duplicates get a numeric suffix.
func paramNames(ps []ir.Param) []string {
	names := make([]string, len(ps))
	seen := map[string]bool{}
	for i, p := range ps {
		n := Ident(p.Name)
		if n == "" || n == "_" || !isIdent(n) {
			n = "arg" + itoa(i)
		}
		for seen[n] {
			n += "_"
		}
		seen[n] = true
		names[i] = n
	}
	return names
}

// FieldNames returns the C member name of each of r's fields, as the
// header spells them: keywords get a "_" suffix, unusable names become
// fieldN, and duplicates are made distinct. Layout probes use it to pair
// C members with Rust fields.
func FieldNames(r *ir.Record) []string {
	names := make([]string, len(r.Fields))
	used := map[string]bool{}
	for i, f := range r.Fields {
		name := Ident(f.Name)
		if name == "" || !isIdent(name) {
			name = "field" + itoa(i)
		}
		for used[name] {
			name += "_"
		}
		used[name] = true
		names[i] = name
	}
	return names
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		ok := r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (i > 0 && r >= '0' && r <= '9')
		if !ok {
			return false
		}
	}
	return true
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}

// primNames spells each scalar in C. Exact-width Rust kinds use <stdint.h>;
// usize is size_t and isize intptr_t (the same width on every target Rust
// supports for C interop).
var primNames = map[ir.Prim]string{
	ir.Void: "void", ir.Bool: "bool", ir.Char: "char", ir.SChar: "signed char",
	ir.UChar: "unsigned char", ir.Short: "short", ir.UShort: "unsigned short",
	ir.Int: "int", ir.UInt: "unsigned int", ir.Long: "long", ir.ULong: "unsigned long",
	ir.LongLong: "long long", ir.ULongLong: "unsigned long long",
	ir.Int128: "__int128", ir.UInt128: "unsigned __int128",
	ir.Float: "float", ir.Double: "double", ir.LongDouble: "long double",
	ir.Float128: "_Float128", ir.Float16: "_Float16",
	ir.I8: "int8_t", ir.U8: "uint8_t", ir.I16: "int16_t", ir.U16: "uint16_t",
	ir.I32: "int32_t", ir.U32: "uint32_t", ir.I64: "int64_t", ir.U64: "uint64_t",
	ir.ISize: "intptr_t", ir.USize: "size_t", ir.RustChar: "uint32_t",
}

// PrimName returns the C spelling of p.
func PrimName(p ir.Prim) string {
	if s, ok := primNames[p]; ok {
		return s
	}
	return "int"
}

// primHeader is the standard header a scalar needs, if any.
func primHeader(p ir.Prim) string {
	switch p {
	case ir.Bool:
		return "stdbool.h"
	case ir.USize:
		return "stddef.h"
	case ir.I8, ir.U8, ir.I16, ir.U16, ir.I32, ir.U32, ir.I64, ir.U64, ir.ISize, ir.RustChar:
		return "stdint.h"
	}
	return ""
}
