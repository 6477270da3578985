// Package fsutil owns how ferry writes files: atomically (temp file in the
// same directory, fsync, rename, fsync of the directory), so a crash or a
// kill never leaves a half-written output, and the old file stays intact on
// any failure.
//
// A kill between the temp file's creation and the rename leaves one
// `.NAME.ferry-XXXX` file next to NAME (see TempPattern). It is never read;
// the next successful write of NAME removes such leftovers once they are
// older than StaleAge, so concurrent writers of the same NAME do not remove
// each other's files.
package fsutil
