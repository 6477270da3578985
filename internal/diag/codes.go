package diag

// CodeInfo documents one stable diagnostic code for `ferry explain`.
//
// Code ranges: B1xx bind and C front end, L2xx layout, F0xx check findings,
// E3xx export, S4xx safe layer, K5xx linking and scaffolding, U9xx usage and
// input errors. Each stage package exports its table as Codes; cmd/ferry
// joins them.
type CodeInfo struct {
	Code    string
	Title   string // one line, lower-case
	Explain string // what it means and how to fix it; may span paragraphs
}

// Input and usage errors shared by every command.
var Codes = []CodeInfo{
	{"U900", "usage error", "The command line could not be understood: an unknown flag, a missing argument or flags that conflict. Run `ferry help COMMAND`."},
	{"U901", "input file cannot be read", "An input file is missing, is a directory or cannot be read. Check the path and permissions."},
	{"U902", "output cannot be written", "The output path is in a directory that does not exist, or names one of the inputs. Choose another -o path."},
	{"U903", "invalid configuration", "ferry.toml could not be parsed, or has an unknown key or a value of the wrong type. The message names the line and key."},
}
