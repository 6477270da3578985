// Package diag owns source positions and diagnostics: every warning and error
// ferry reports is a Diagnostic with a stable code, a position and, where it
// helps, notes at other positions and a suggested fix. Only cmd/ferry decides
// how diagnostics end the process.
package diag
