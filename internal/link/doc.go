// Package link owns how C libraries are found and linked: pkg-config
// lookups, #[link] names and kinds, build.rs generation and -sys crate
// scaffolding.
package link
