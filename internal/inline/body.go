package inline

import (
	"os"
	"strings"

	"ferry/internal/ir"
)

// functionBody returns d.Body, or, when the front end left it empty, the
// body recovered from the source file at d's position: the first brace
// block after the parameter list. It returns "" for a prototype or an
// unreadable file, and the caller then wraps the function in C instead.
func functionBody(d *ir.Function) string {
	if d.Body != "" || !d.Pos.IsValid() || d.Pos.Line == 0 {
		return d.Body
	}
	src, err := os.ReadFile(d.Pos.File)
	if err != nil {
		return ""
	}
	text := string(src)
	off := 0
	for line := 1; line < d.Pos.Line; line++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return ""
		}
		off += i + 1
	}
	if d.Pos.Col > 1 {
		off += d.Pos.Col - 1
	}
	if off > len(text) {
		return ""
	}
	rest := text[off:]
	// The name must be where the position says, or the guess is wrong.
	if i := strings.Index(rest, d.Name); i < 0 || strings.ContainsAny(rest[:i], ";{}") {
		return ""
	}
	depth := 0
	start := -1
	for i := 0; i < len(rest); i++ {
		switch c := rest[i]; {
		case strings.HasPrefix(rest[i:], "/*"):
			j := strings.Index(rest[i+2:], "*/")
			if j < 0 {
				return ""
			}
			i += j + 3
		case strings.HasPrefix(rest[i:], "//"):
			j := strings.IndexByte(rest[i:], '\n')
			if j < 0 {
				return ""
			}
			i += j
		case c == '"' || c == '\'':
			for i++; i < len(rest) && rest[i] != c; i++ {
				if rest[i] == '\\' {
					i++
				}
			}
		case c == ';' && start < 0:
			return ""
		case c == '{':
			if start < 0 {
				start = i
			}
			depth++
		case c == '}':
			depth--
			if depth == 0 && start >= 0 {
				return rest[start : i+1]
			}
		}
	}
	return ""
}
