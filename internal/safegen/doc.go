// Package safegen owns the safe, idiomatic Rust layer over the raw
// bindings: inferring wrapping rules from a module (header annotations,
// then naming and typing conventions), merging them with ferry.toml's
// [safe] table, planning each wrapper (which pointer becomes a slice, a
// string, a handle, an out-value) and emitting the `safe` module.
//
// Soundness comes first: a function becomes a safe Rust fn only when every
// pointer it takes or returns is covered by a mapping whose invariants the
// wrapper checks (non-null, length, NUL termination, UTF-8, enum range,
// lifetime). Anything uncertain stays unsafe or raw, with the reason in the
// plan (and in `ferry suggest`'s comments).
//
// Pipeline: Infer (ir → config.Safe rules with reasons) → Merge (config
// overrides inference) → plan (rules resolved against the ir, unsound
// mappings rejected) → emit (Rust text).
package safegen
