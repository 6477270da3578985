// Package probe asks the real compilers what ferry check compared
// statically: it builds a C program (through internal/cprobe, with gcc)
// and a Rust program (with rustc) that print the size, alignment and field
// offsets of every paired record and the value of every paired enumerator
// and constant, runs both, and reports where they disagree. As with libc's
// ctest the compilers are the judge, but nothing has to be built into the
// user's crate: the Rust bindings are compiled as a module of a throwaway
// program, with the probe function appended so it sees private items.
package probe
