// Package bind owns the `ferry bind` pipeline: C headers through the C front
// end into the IR, the layout engine over it, the allow/block/opaque filters,
// and the raw Rust emitter. It adds no knowledge of its own about C or Rust;
// it only orders the stages and narrows the options for each.
package bind
