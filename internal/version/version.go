// Package version holds ferry's version, which every cache key includes.
package version

// Version is ferry's release version.
const Version = "0.1.0"
