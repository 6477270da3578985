// Package cache owns ferry's content-addressed output cache, so build
// scripts that re-run ferry with unchanged inputs skip parsing and emitting.
//
// An entry's key hashes ferry's version, the command's options and the
// named inputs' paths. The entry records every file the run read (every
// header the preprocessor opened) with its content hash; a lookup is a hit
// only when each of those files still hashes the same. Entries are written
// to a temporary file and renamed into place, so concurrent ferry processes
// never see a partial entry, and the directory is trimmed to a size bound,
// oldest use first.
package cache
