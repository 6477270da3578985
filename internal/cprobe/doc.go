// Package cprobe owns asking the real C compiler about layouts and values:
// it writes one C program that prints sizeof, _Alignof, member offsets,
// bitfield positions and constant values, compiles it with gcc, runs it and
// parses what it printed. The layout tests, the rustgen golden tests and
// `ferry check --probe` use it as the judge of ferry's own layout engine.
//
// ModuleQuery builds the questions for every record, typedef and enum of an
// ir.Module, and Compare checks a layout.Engine's answers against gcc's, so
// "every layout equal to gcc's" is one call.
package cprobe
