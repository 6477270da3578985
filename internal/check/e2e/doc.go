// Package e2e holds the end-to-end test of ferry check against ferry bind:
// bind's output for real library headers must check clean, statically and
// with --probe. It is a separate package so that the check package's own
// tests do not depend on the whole bind pipeline.
package e2e
