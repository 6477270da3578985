// Package ir owns ferry's one model of the C ABI: types, declarations,
// attributes and computed layout. The C front end (cfront) and the Rust front
// end (rustfront) build it; the layout engine fills in sizes and offsets; the
// emitters (rustgen, safegen, cgen) and the checker only read it. No stage
// talks to another except through this package.
//
// A Module is a list of declarations in source order. Types refer to named
// declarations (typedefs, records, enums) by name and kind rather than by
// pointer, so a Module can be filtered, serialized and compared without
// cycles; Module.Index resolves the references.
package ir
