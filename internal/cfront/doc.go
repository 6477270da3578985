// Package cfront owns ferry's C front end: it preprocesses and parses C
// headers with modernc.org/cc/v4 (the only package in ferry that imports it)
// and builds the ir.Module that every later stage reads.
//
// cc/v4 has gaps that cfront closes rather than passes on:
//   - Sources are read through an overlay file system (fsys.go) that rewrites
//     what cc/v4 cannot parse without moving lines: `_Nullable` and
//     `_Null_unspecified` become `_Nonnull` tagged by a whitespace marker,
//     C23 `[[...]]` attributes become comments (or GNU attributes inside
//     #define lines), and `#pragma pack` and literal `_Pragma("pack(...)")`
//     (in macro bodies too) become a _Static_assert that keeps its place in
//     the token stream, at file scope or among struct members (rewrite.go,
//     pack.go). A pack pragma built by a macro is reported (B115).
//   - cc/v4 ignores packing, so a header's failing size checks of packed
//     records are dropped with B116 instead of failing the input.
//   - `__attribute__((mode(M)))` picks the integer of M's width (mode.go).
//   - Types are built from the declarator syntax, not from cc/v4's types, so
//     qualifiers at every pointer level, nullability, `[static N]` and
//     typedef names survive (types.go).
//   - Translate is all-or-nothing: failures in system headers are retried
//     with the failing declarations blanked out, then with a parse-only
//     fallback, with warnings (load.go, degrade.go).
//   - Layout attributes are captured as declared; sizes and offsets are left
//     to internal/layout.
//   - cc/v4 does not report __has_builtin defined and knows no
//     __has_attribute: both are defined as gcc 12 answers them
//     (hasfeature.go).
//   - cc/v4's include depth limit did not work; ferry's fork of it
//     (third_party/cc) counts the files being included, so nesting past
//     gcc's 200 levels is an input error at the #include.
//   - Macros whose expansion reaches __LINE__, __FILE__, __COUNTER__, ...
//     are not constants; a cast to an enum converts to the enum's
//     underlying type (macros.go).
//
// Functions defined in a header carry their compound statement as written
// in ir.Function.Body (body.go). Object-like macros of user headers that are
// not constants become ir.Macro with ObjectLike; system macros used by kept
// macros are kept with Origin FromSystem (macros.go).
//
// Speed: the host compiler probe is cached between runs (hostcfg.go), and
// the compiler's intrinsics headers are served without their inline
// function definitions (intrin.go). The fork's options set in load.go run
// the preprocessor, the parser and a file read-ahead on goroutines of their
// own (Concurrent; UseSource gives the order files are preprocessed in,
// which orders the output), keep function bodies as tokens (SkipBodies;
// body.go rebuilds them) and evaluate a macro only when ferry asks for its
// value (LazyMacros). The kept macros are listed while cc/v4 type checks
// (Config.Parsed) and evaluated and prepared on a goroutine of their own
// while walk converts the declarations; macros converts them in chunks as
// they come (macros.go). overlayFS answers the include search's misses
// from cached directory listings and hands file contents over without a
// copy.
//
// Scope selection (select.go) keeps the named headers, their companions and
// the types they reference; see files.go for the companion rule and the
// forwarding headers (glib.h, pcap.h) that adopt their subdirectories.
package cfront
