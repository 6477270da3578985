package cfront

import (
	"bytes"
	"path/filepath"
	"strings"
)

// The compiler's intrinsics headers (immintrin.h and the ~100 headers it
// includes, reached from e.g. SDL2/SDL.h) are 2.3 MB of `extern __inline`
// function definitions: two thirds of what SDL2 makes cc/v4 read. No
// binding ever uses those definitions (they are not symbols a library
// exports, and system functions are only kept when referenced, which a
// function never is), so the overlay serves these headers with the
// definitions blanked out, keeping line numbers. Their types (__m128, ...)
// and macros stay. Verified: the modules of SDL2, git2, libxml2, openssl,
// uv and glib are identical with and without blanking; with All, only the
// intrinsics' inline functions (which rustgen skips anyway) are gone.

// compilerDirs hold the compiler's own headers.
var compilerDirs = []string{"/usr/lib/gcc/", "/usr/local/lib/gcc/", "/usr/lib/llvm", "/usr/lib/clang/"}

// isIntrinsicsHeader reports whether path is one of the compiler's
// intrinsics headers.
func isIntrinsicsHeader(path string) bool {
	if !strings.HasSuffix(filepath.Base(path), "intrin.h") {
		return false
	}
	for _, d := range compilerDirs {
		if strings.HasPrefix(path, d) {
			return true
		}
	}
	return false
}

// blankInlineDefs replaces by spaces (newlines kept) each definition that
// starts a line with `extern __inline` and ends at the next line starting
// with `}`. A definition with a preprocessor directive inside, or without
// a body within a few lines, is left alone. It reports whether anything
// changed; b is modified in place.
func blankInlineDefs(b []byte) bool {
	changed := false
	start := []byte("extern __inline")
	for i := 0; i < len(b); {
		if !bytes.HasPrefix(b[i:], start) || i > 0 && b[i-1] != '\n' {
			nl := bytes.IndexByte(b[i:], '\n')
			if nl < 0 {
				break
			}
			i += nl + 1
			continue
		}
		end, ok := inlineDefEnd(b, i)
		if !ok {
			i += len(start)
			continue
		}
		for j := i; j < end; j++ {
			if b[j] != '\n' {
				b[j] = ' '
			}
		}
		changed = true
		i = end
	}
	return changed
}

// inlineDefEnd returns the offset just past the closing `}` of the
// definition starting at i: the first line, after a line holding `{`,
// that starts with `}`.
func inlineDefEnd(b []byte, i int) (int, bool) {
	body := false
	for line := 0; i < len(b); line++ {
		nl := bytes.IndexByte(b[i:], '\n')
		if nl < 0 {
			return 0, false
		}
		l := b[i : i+nl]
		switch {
		case line > 0 && len(bytes.TrimLeft(l, " \t")) > 0 && bytes.TrimLeft(l, " \t")[0] == '#':
			return 0, false
		case body && len(l) > 0 && l[0] == '}':
			return i + 1, true
		case bytes.IndexByte(l, ';') >= 0 && !body && bytes.IndexByte(l, '{') < 0:
			return 0, false // a declaration, not a definition
		}
		if bytes.IndexByte(l, '{') >= 0 {
			body = true
		}
		if !body && line > 8 {
			return 0, false
		}
		i += nl + 1
	}
	return 0, false
}
