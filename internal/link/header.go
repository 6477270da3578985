package link

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// systemIncludeDirs are where the C compiler looks after the -I
// directories; a header found there is spelled <rel> by wrappers.
var systemIncludeDirs = []string{"/usr/local/include", "/usr/include"}

// GuessHeader finds the main header of a library when only its name and
// pkg-config package are given. It tries, in order:
//  1. NAME.h or PKG.h, also without a lib prefix or a version suffix
//     (libusb-1.0 → libusb.h, usb.h), in DIR or DIR/BASE/, ignoring case
//     (cjson → cJSON.h), in the include directories then the system ones;
//  2. the only header of a package-specific include directory;
//  3. the header of a package-specific include directory whose #include
//     closure is largest (libxml2's parser.h), which pulls in the rest.
//
// dirs are the package's include directories (pkg-config -I and -I).
func GuessHeader(name, pkg string, dirs []string) (string, error) {
	search := append(append([]string(nil), dirs...), systemIncludeDirs...)
	for _, c := range headerStems(name, pkg) {
		for _, d := range search {
			for _, sub := range []string{"", c} {
				if p := findFold(filepath.Join(d, sub), c+".h"); p != "" {
					return p, nil
				}
			}
		}
	}
	var own []string
	for _, d := range dirs {
		if !isSystemDir(d) {
			own = append(own, d)
		}
	}
	if len(own) > 0 {
		hs := headersUnder(own, 400)
		if len(hs) == 1 {
			return hs[0], nil
		}
		if best := largestClosure(hs, own); best != "" {
			return best, nil
		}
	}
	return "", fmt.Errorf("cannot guess the main header of %s; pass --header H (a path, or one relative to an include directory such as foo/foo.h)", firstNonEmpty(pkg, name))
}

// headerStems are the file names (without .h) GuessHeader tries.
func headerStems(name, pkg string) []string {
	version := regexp.MustCompile(`[-_.]?[0-9][0-9.]*$`)
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, base := range []string{name, pkg} {
		for _, b := range []string{base, version.ReplaceAllString(base, "")} {
			add(b)
			add(strings.TrimPrefix(b, "lib"))
		}
	}
	return out
}

// findFold returns dir/file, matching the file name without regard to
// case when no exact match exists, or "".
func findFold(dir, file string) string {
	p := filepath.Join(dir, file)
	if st, err := os.Stat(p); err == nil && !st.IsDir() {
		return p
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	for _, e := range ents {
		if !e.IsDir() && strings.EqualFold(e.Name(), file) {
			return filepath.Join(dir, e.Name())
		}
	}
	return ""
}

func isSystemDir(d string) bool {
	d = filepath.Clean(d)
	for _, s := range systemIncludeDirs {
		if d == s {
			return true
		}
	}
	return false
}

// headersUnder lists the .h files under dirs (recursively, sorted), at
// most max of them.
func headersUnder(dirs []string, max int) []string {
	var out []string
	for _, d := range dirs {
		filepath.WalkDir(d, func(p string, e os.DirEntry, err error) error {
			if err != nil || len(out) >= max {
				return filepath.SkipDir
			}
			if !e.IsDir() && strings.HasSuffix(p, ".h") {
				out = append(out, p)
			}
			return nil
		})
	}
	sort.Strings(out)
	return out
}

var includeLine = regexp.MustCompile(`^\s*#\s*include\s*([<"])([^>"]+)[>"]`)

// Includes returns the #include lines of a header as written: the name and
// whether it was quoted.
func Includes(h string) (names []string, quoted []bool) {
	f, err := os.Open(h)
	if err != nil {
		return nil, nil
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		if m := includeLine.FindStringSubmatch(sc.Text()); m != nil {
			names = append(names, m[2])
			quoted = append(quoted, m[1] == `"`)
		}
	}
	return names, quoted
}

// ResolveInclude finds an included name the way the C compiler would:
// next to the including file when quoted, then in dirs, then the system
// directories. It returns "" when the file is not found.
func ResolveInclude(name string, quoted bool, from string, dirs []string) string {
	var search []string
	if quoted && from != "" {
		search = append(search, filepath.Dir(from))
	}
	search = append(append(search, dirs...), systemIncludeDirs...)
	for _, d := range search {
		p := filepath.Join(d, name)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
	}
	return ""
}

// largestClosure picks among hs the header whose transitive includes reach
// the most of hs; ties go to the shorter, then the earlier path. It returns
// "" when no header includes another.
func largestClosure(hs, dirs []string) string {
	in := map[string]bool{}
	for _, h := range hs {
		in[h] = true
	}
	edges := map[string][]string{}
	for _, h := range hs {
		names, quoted := Includes(h)
		for i, n := range names {
			if p := ResolveInclude(n, quoted[i], h, dirs); in[p] {
				edges[h] = append(edges[h], p)
			}
		}
	}
	closure := map[string]int{}
	indeg := map[string]int{}
	max := 0
	for _, h := range hs {
		for _, y := range edges[h] {
			indeg[y]++
		}
		seen := map[string]bool{h: true}
		stack := []string{h}
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, y := range edges[x] {
				if !seen[y] {
					seen[y] = true
					stack = append(stack, y)
				}
			}
		}
		closure[h] = len(seen) - 1
		if closure[h] > max {
			max = closure[h]
		}
	}
	if max == 0 {
		return ""
	}
	// Among the headers that reach nearly everything, the one the others
	// include most is the library's hub (parser.h, not a deprecated
	// DOCBparser.h that only adds itself on top of it).
	best := ""
	for _, h := range hs {
		if closure[h] < max-max/10 {
			continue
		}
		if best == "" || indeg[h] > indeg[best] || indeg[h] == indeg[best] && closure[h] > closure[best] {
			best = h
		}
	}
	return best
}

// FindHeader resolves a --header argument: a path as given, else relative
// to the include directories (--header libxml/parser.h).
func FindHeader(h string, dirs []string) (string, error) {
	if st, err := os.Stat(h); err == nil && !st.IsDir() {
		return filepath.Abs(h)
	}
	if !filepath.IsAbs(h) {
		if p := ResolveInclude(h, false, "", dirs); p != "" {
			return p, nil
		}
	}
	return "", fmt.Errorf("header %s not found (looked in the current directory, %s)", h, strings.Join(append(append([]string(nil), dirs...), systemIncludeDirs...), ", "))
}

// UmbrellaIncludes lists the library headers an umbrella header pulls in
// with <...> includes that are not libc's (event.h → event2/event.h, ...):
// when the umbrella itself declares nothing, these are what to bind.
func UmbrellaIncludes(h string, dirs []string) []string {
	names, quoted := Includes(h)
	var out []string
	for i, n := range names {
		if quoted[i] || libcHeader(n) {
			continue
		}
		if p := ResolveInclude(n, false, h, dirs); p != "" && p != h {
			out = append(out, p)
		}
	}
	return SortedUnique(out)
}

// libcHeader reports whether an included name is a libc, POSIX or compiler
// header (sys/types.h, stdint.h, ...), never a library's own.
func libcHeader(n string) bool {
	if i := strings.IndexByte(n, '/'); i >= 0 {
		switch n[:i] {
		case "sys", "bits", "asm", "asm-generic", "linux", "net", "netinet", "arpa", "gnu":
			return true
		}
		return false
	}
	switch n {
	case "assert.h", "complex.h", "ctype.h", "errno.h", "fenv.h", "float.h", "inttypes.h", "iso646.h",
		"limits.h", "locale.h", "math.h", "setjmp.h", "signal.h", "stdalign.h", "stdarg.h", "stdatomic.h",
		"stdbool.h", "stddef.h", "stdint.h", "stdio.h", "stdlib.h", "stdnoreturn.h", "string.h", "tgmath.h",
		"threads.h", "time.h", "uchar.h", "wchar.h", "wctype.h", "unistd.h", "pthread.h", "fcntl.h",
		"dirent.h", "termios.h", "poll.h", "sched.h", "semaphore.h", "netdb.h", "dlfcn.h", "strings.h",
		"windows.h", "winsock2.h", "ws2tcpip.h", "io.h", "malloc.h", "alloca.h", "features.h", "endian.h":
		return true
	}
	return false
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
