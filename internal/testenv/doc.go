// Package testenv owns how tests find the outside tools they drive (rustc,
// gcc, pkg-config, system headers) and how they skip when one is missing:
// a skip outside CI, a failure under CI=true, so a skipped end-to-end test
// never looks green in CI.
package testenv
