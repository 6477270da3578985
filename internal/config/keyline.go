package config

import (
	"strings"
)

// keyLine finds the 1-based line of src that defines the dotted key, by a
// light scan of table headers and key assignments; the toml decoder keeps
// key positions private. It returns 0 when the key cannot be found, and
// falls back to the line of the nearest enclosing table.
func keyLine(src []byte, key []string) int {
	if len(key) == 0 {
		return 0
	}
	var table []string
	best, bestLen := 0, 0
	for i, raw := range strings.Split(string(src), "\n") {
		line := strings.TrimSpace(stripComment(raw))
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "[") {
			h := strings.Trim(line, "[] \t")
			table = splitKey(h)
			if n := matchPrefix(table, key); n == len(table) && n > bestLen {
				best, bestLen = i+1, n
			}
			continue
		}
		eq := strings.IndexByte(line, '=')
		if eq < 0 {
			continue
		}
		full := append(append([]string(nil), table...), splitKey(strings.TrimSpace(line[:eq]))...)
		n := matchPrefix(full, key)
		if n == len(full) && n > bestLen {
			best, bestLen = i+1, n
		}
		// Inline tables: `params.x = { kind = "y", bad = 1 }`.
		if n == len(full) && n < len(key) && strings.Contains(line[eq:], "{") {
			if containsKey(line[eq:], key[len(key)-1]) && len(key) > bestLen {
				best, bestLen = i+1, len(key)-1
			}
		}
	}
	return best
}

func containsKey(s, k string) bool {
	for _, sep := range []string{"{", ",", " "} {
		if strings.Contains(s, sep+k+" ") || strings.Contains(s, sep+k+"=") {
			return true
		}
	}
	return false
}

func matchPrefix(a, key []string) int {
	n := 0
	for n < len(a) && n < len(key) && a[n] == key[n] {
		n++
	}
	if n < len(a) {
		return -1
	}
	return n
}

// splitKey splits a dotted TOML key, honouring quoted parts.
func splitKey(s string) []string {
	var out []string
	var cur strings.Builder
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else {
				cur.WriteByte(c)
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '.':
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(out, strings.TrimSpace(cur.String()))
}

// stripComment drops a trailing # comment outside strings.
func stripComment(s string) string {
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return s[:i]
		}
	}
	return s
}
