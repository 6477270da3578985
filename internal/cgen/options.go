package cgen

import "ferry/internal/ir"

// Lang selects the dialect the header is written for. Both emit a header
// that compiles as C11 and as C++17; LangCXX only changes the comment that
// says which one was asked for, so the two outputs differ as little as
// possible (see doc.go).
type Lang int

const (
	LangC Lang = iota
	LangCXX
)

// Options control Generate. The zero value means defaults.
type Options struct {
	Lang Lang
	// Guard is the include-guard macro; "" derives one from Source.
	Guard string
	// Source names what the header was generated from, for the first line.
	Source string
	// Preamble is text placed verbatim after the include guard (a licence,
	// extra #includes). It should end with a newline.
	Preamble string
	// Cond returns the preprocessor condition (e.g. `defined(FOO_X)`) that
	// guards d, or "" for none. Nil means no conditions.
	Cond func(d ir.Decl) string
}
