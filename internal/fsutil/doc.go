// Package fsutil owns how ferry writes files: atomically (temp file in the
// same directory, fsync, rename), so a crash or a kill never leaves a
// half-written output, and the old file stays intact on any failure.
package fsutil
