// Package cfront owns ferry's C front end: it preprocesses and parses C
// headers with modernc.org/cc/v4 (the only package in ferry that imports it)
// and builds the ir.Module that every later stage reads.
//
// cc/v4 has gaps that cfront closes rather than passes on:
//   - Sources are read through an overlay file system (fsys.go) that rewrites
//     what cc/v4 cannot parse without moving lines: `_Nullable` and
//     `_Null_unspecified` become `_Nonnull` tagged by a whitespace marker,
//     C23 `[[...]]` attributes become comments (or GNU attributes inside
//     #define lines), and `#pragma pack` becomes a _Static_assert that keeps
//     its place in the token stream (rewrite.go).
//   - Types are built from the declarator syntax, not from cc/v4's types, so
//     qualifiers at every pointer level, nullability, `[static N]` and
//     typedef names survive (types.go).
//   - Translate is all-or-nothing: failures in system headers are retried
//     with the failing declarations blanked out, then with a parse-only
//     fallback, with warnings (load.go, degrade.go).
//   - Layout attributes are captured as declared; sizes and offsets are left
//     to internal/layout.
//
// Scope selection (select.go) keeps the named headers, their companions and
// the types they reference; see files.go for the companion rule.
package cfront
