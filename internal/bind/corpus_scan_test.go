package bind

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// scanDeclaredFunctions lists the functions the library's own files
// declare or define, independently of ferry's front end: gcc -E
// preprocesses the headers, and a rough scan of the top-level statements
// from the user's files finds function declarators. It is the corpus
// test's measure of coverage ("functions equal to what the header
// declares"), so it errs on the side of finding too few (function
// returning function pointers are not recognised) rather than inventing.
//
// The map's value is true for functions defined in the header (static
// inline): they are never bound, only counted.
func scanDeclaredFunctions(headers, cflags []string, isUser func(string) bool) (map[string]bool, error) {
	var src strings.Builder
	for _, h := range headers {
		fmt.Fprintf(&src, "#include %q\n", h)
	}
	tmp, err := os.CreateTemp("", "ferry-scan-*.c")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	tmp.WriteString(src.String())
	tmp.Close()
	args := append([]string{"-E", "-D_Nonnull=", "-D_Nullable=", "-D_Null_unspecified="}, cflags...)
	out, err := exec.Command("gcc", append(args, tmp.Name())...).Output()
	if err != nil {
		return nil, fmt.Errorf("gcc -E: %v", err)
	}
	trees := headerTrees(headers, cflags)
	user := func(f string) bool {
		if isUser(f) {
			return true
		}
		for _, t := range trees {
			if strings.HasPrefix(f, t) {
				return true
			}
		}
		return false
	}
	names := map[string]bool{}
	for _, st := range topLevelStatements(string(out)) {
		if !user(st.file) {
			continue
		}
		if n := functionDeclarator(st.toks); n != "" {
			inline := slices.Contains(st.toks, "{}") || slices.Contains(st.toks, "static")
			names[n] = names[n] || inline
		}
	}
	return names, nil
}

// headerTrees are the directories (with a trailing slash) of named headers
// that are not system include roots: their whole tree belongs to the
// library (issue 2: all of gtk-3.0/gtk/ for gtk/gtk.h; all of glib-2.0/
// for glib-2.0/glib.h, though pkg-config makes that an -I directory).
func headerTrees(headers, cflags []string) []string {
	roots := map[string]bool{"/usr/include": true, "/usr/local/include": true, "/usr/include/x86_64-linux-gnu": true}
	var out []string
	for _, h := range headers {
		d := filepath.Dir(h)
		if !roots[d] && !strings.HasPrefix(d, os.TempDir()) {
			out = append(out, d+"/")
		}
	}
	return out
}

type statement struct {
	file string
	toks []string
}

// topLevelStatements splits preprocessed C into file-scope statements (up
// to a `;`, or a function body), replacing every brace-enclosed body by
// "{}", and tags each with the file its first token came from.
func topLevelStatements(src string) []statement {
	var out []statement
	var cur statement
	file := ""
	depth := 0 // parentheses
	brace := 0
	for _, line := range strings.Split(src, "\n") {
		if strings.HasPrefix(line, "#") {
			// # 12 "/usr/include/zlib.h" 2
			f := strings.Fields(line)
			if len(f) >= 3 {
				if _, err := strconv.Atoi(f[1]); err == nil {
					if s, err := strconv.Unquote(f[2]); err == nil {
						file = s
					}
				}
			}
			continue
		}
		for _, tok := range cTokens(line) {
			if brace > 0 {
				switch tok {
				case "{":
					brace++
				case "}":
					brace--
					if brace == 0 {
						cur.toks = append(cur.toks, "{}")
						// A function definition ends at its body.
						if n := len(cur.toks); n >= 2 && cur.toks[n-2] == ")" && depth == 0 {
							out = append(out, cur)
							cur = statement{}
						}
					}
				}
				continue
			}
			if len(cur.toks) == 0 {
				cur.file = file
			}
			switch tok {
			case "{":
				brace = 1
				continue
			case "(":
				depth++
			case ")":
				depth--
			case ";":
				if depth == 0 {
					out = append(out, cur)
					cur = statement{}
					continue
				}
			}
			cur.toks = append(cur.toks, tok)
		}
	}
	return out
}

// cTokens splits a line into identifiers, numbers, string and char
// literals, and one-character punctuators ("..." stays whole).
func cTokens(line string) []string {
	var toks []string
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case isIdentByte(c):
			j := i
			for j < len(line) && isIdentByte(line[j]) {
				j++
			}
			toks = append(toks, line[i:j])
			i = j
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(line) && line[j] != c {
				if line[j] == '\\' {
					j++
				}
				j++
			}
			toks = append(toks, "lit")
			i = j + 1
		case strings.HasPrefix(line[i:], "..."):
			toks = append(toks, "...")
			i += 3
		default:
			toks = append(toks, string(c))
			i++
		}
	}
	return toks
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '$'
}

// cKeywords are the words that are never a declarator's name.
var cKeywords = map[string]bool{}

func init() {
	for _, k := range strings.Fields(`auto break case char const continue default do double else enum extern
	float for goto if inline int long register restrict return short signed sizeof static struct switch
	typedef union unsigned void volatile while _Bool _Complex _Imaginary _Alignas _Alignof _Atomic
	_Generic _Noreturn _Static_assert _Thread_local __attribute__ __attribute __asm__ __asm asm
	__extension__ __inline__ __inline __restrict__ __restrict __const__ __const __volatile__ __signed__
	__typeof__ __typeof typeof __builtin_va_list __int128 _Float128 _Float64 _Float32 _Float64x _Float32x
	_Float16 __float128 __label__ __thread __declspec bool static_assert alignas alignof thread_local`) {
		cKeywords[k] = true
	}
}

// functionDeclarator returns the name a statement declares as a function,
// or "". Attributes and asm labels are removed first; then the name is an
// identifier directly followed (after closing parentheses of a
// parenthesised declarator) by a parameter list, not `(*name)(...)`
// (that is a function pointer object), where the parameter list is not
// itself followed by another list (then the identifier was a type name
// and the parentheses held the declarator).
func functionDeclarator(toks []string) string {
	toks = stripAttributes(toks)
	if len(toks) == 0 || toks[0] == "typedef" {
		return ""
	}
	for i, tk := range toks {
		if tk == "typedef" {
			return ""
		}
		if tk == "{}" {
			// `struct s {...} f(void)` is legal but rare: scan on.
			continue
		}
		if !isIdentByte(tk[0]) || cKeywords[tk] || tk == "lit" || (tk[0] >= '0' && tk[0] <= '9') {
			continue
		}
		j := i + 1
		for j < len(toks) && toks[j] == ")" {
			j++
		}
		if j >= len(toks) || toks[j] != "(" {
			continue
		}
		if j > i+1 && i > 0 && toks[i-1] == "*" {
			return "" // (*name)(...): a pointer to function
		}
		end := matchParen(toks, j)
		if j == i+1 && end+1 < len(toks) && toks[end+1] == "(" {
			continue // T (declarator)(params): tk is a type
		}
		return tk
	}
	return ""
}

func matchParen(toks []string, open int) int {
	d := 0
	for k := open; k < len(toks); k++ {
		switch toks[k] {
		case "(":
			d++
		case ")":
			d--
			if d == 0 {
				return k
			}
		}
	}
	return len(toks) - 1
}

// stripAttributes removes __attribute__((...)), __asm__(...) and
// __declspec(...) groups, and __extension__.
func stripAttributes(toks []string) []string {
	out := make([]string, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		switch toks[i] {
		case "__attribute__", "__attribute", "__asm__", "__asm", "asm", "__declspec", "_Alignas", "alignas":
			if i+1 < len(toks) && toks[i+1] == "(" {
				i = matchParen(toks, i+1)
			}
			continue
		case "__extension__":
			continue
		}
		out = append(out, toks[i])
	}
	return out
}

func TestFunctionDeclarator(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"int f(void);", "f"},
		{"extern int __attribute__((nonnull(1))) g(const char *s) __asm__(\"g2\");", "g"},
		{"int (*fp)(void);", ""},
		{"typedef int h(void);", ""},
		{"png_uint_32 (png_access_version_number)(void);", "png_access_version_number"},
		{"mytype_t (name) (mytype_t);", "name"},
		{"static inline int add(int a, int b) { return a + b; }", "add"},
		{"struct s { int (*cb)(int); } var;", ""},
		{"int v[3];", ""},
		{"extern BZFILE* BZ2_bzReadOpen(int *e);", "BZ2_bzReadOpen"},
		{"size_t k(size_t n, void (*cb)(void *));", "k"},
		{"_Static_assert(sizeof(int) == 4, \"x\");", ""},
	} {
		sts := topLevelStatements(tc.src)
		got := ""
		if len(sts) > 0 {
			got = functionDeclarator(sts[0].toks)
		}
		if got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.src, got, tc.want)
		}
	}
}
