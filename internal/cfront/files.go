package cfront

import (
	"bytes"
	"path/filepath"
	"strings"

	"modernc.org/cc/v4"

	"ferry/internal/ir"
)

// Scope rule (documented for users in `ferry bind --help` by the CLI):
//
//   - primary: a header named on the command line;
//   - companion: a header that is not a libc or compiler header and either
//     (a) lies in the directory tree of a primary header, when that directory
//     is not itself an include root (so /usr/include/zlib.h does not make all
//     of /usr/include companions, but gtk-3.0/gtk/gtk.h makes all of
//     gtk-3.0/gtk/ companions), or
//     (b) is named by an `#include "..."` of a primary or companion header
//     (zconf.h for zlib.h, uv/unix.h for uv.h);
//   - adopted primary: a primary that sits directly in an include root gets
//     no directory tree from (a), and forwarding headers there (glib.h,
//     pcap.h, event.h) declare nothing themselves: their library lives in a
//     subdirectory of the root, included with `#include <dir/...>`. So each
//     header such a primary includes with <...> that resolves below a
//     subdirectory of that same root (the file root/dir/... was read) and is
//     not a libc or compiler header counts as a primary too, and its
//     directory tree is companions by (a): glib.h adopts glib-2.0/glib/ (not
//     gobject/, which it does not include), pcap.h adopts pcap/, event.h
//     adopts event2/. Headers beside the primary in the root itself
//     (<evutil.h>, <glibconfig.h> in another root) are not adopted: at a
//     root, a sibling is as likely another library as one's own. Adopted
//     headers adopt in turn when they, too, sit in an include root;
//   - system: everything else (libc, compiler, other libraries).
//
// The include roots are the compiler's own search directories and
// -isystem ones, not -I directories (includeRoots): pkg-config's
// -I/usr/include/ibus-1.0 names the library's own directory, so ibus.h
// there has ibus-1.0/ as its tree, like a header outside any search
// directory. So does glib-object.h (-I/usr/include/glib-2.0): its tree is
// glib-2.0/, and since it includes <glib.h> it binds glib's functions as
// well as gobject's (gcc sees both as declared by it). glib.h binds only
// glib/ (it reads nothing from gobject/), and gtk-3.0/gtk/gtk.h keeps
// gtk-3.0/gtk/ (glib-2.0 is not below it).
//
// Pseudo sources (<predefined>, <builtin>, ferry's prelude) are system.

// libcDirs are directories whose headers are libc's or the compiler's.
var libcDirs = []string{
	"/usr/lib/gcc/", "/usr/lib/llvm", "/usr/lib/clang/", "/usr/local/lib/gcc/",
	"/usr/include/bits/", "/usr/include/sys/", "/usr/include/gnu/", "/usr/include/asm/",
	"/usr/include/asm-generic/", "/usr/include/linux/", "/usr/include/net/", "/usr/include/netinet/",
	"/usr/include/arpa/", "/usr/include/rpc/", "/usr/include/scsi/",
}

// libcNames are the standard C and POSIX headers glibc installs directly in
// /usr/include; a quoted include of one of them is never a companion.
var libcNames = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`aio.h aliases.h alloca.h ar.h argp.h argz.h assert.h byteswap.h
	complex.h cpio.h crypt.h ctype.h dirent.h dlfcn.h elf.h endian.h envz.h err.h errno.h error.h
	execinfo.h fcntl.h features.h fenv.h fmtmsg.h fnmatch.h fstab.h fts.h ftw.h gconv.h getopt.h
	glob.h gnu-versions.h grp.h gshadow.h iconv.h ifaddrs.h inttypes.h langinfo.h lastlog.h libgen.h
	libintl.h limits.h link.h locale.h malloc.h math.h mcheck.h memory.h mntent.h monetary.h mqueue.h
	netdb.h nl_types.h nss.h obstack.h paths.h poll.h printf.h proc_service.h pthread.h pty.h pwd.h
	re_comp.h regex.h regexp.h resolv.h sched.h search.h semaphore.h setjmp.h sgtty.h shadow.h
	signal.h spawn.h stab.h stdc-predef.h stdint.h stdio.h stdio_ext.h stdlib.h string.h strings.h
	syscall.h sysexits.h syslog.h tar.h termio.h termios.h tgmath.h thread_db.h threads.h time.h
	ttyent.h uchar.h ucontext.h ulimit.h unistd.h utime.h utmp.h utmpx.h values.h wait.h wchar.h
	wctype.h wordexp.h stddef.h stdarg.h stdbool.h stdalign.h stdnoreturn.h float.h iso646.h
	stdatomic.h immintrin.h xmmintrin.h emmintrin.h mm_malloc.h x86intrin.h`) {
		libcNames[n] = true
	}
}

// isLibc reports whether path is a libc or compiler header.
func isLibc(path string) bool {
	if strings.HasPrefix(path, "<") {
		return true
	}
	for _, d := range libcDirs {
		if strings.HasPrefix(path, d) {
			return true
		}
	}
	dir, base := filepath.Split(path)
	if strings.Contains(dir, "-linux-gnu/") {
		for _, sub := range []string{"/bits/", "/sys/", "/gnu/", "/asm/", "/fpu_control"} {
			if strings.Contains(path, sub) {
				return true
			}
		}
	}
	if libcNames[base] && (dir == "/usr/include/" || strings.HasSuffix(dir, "-linux-gnu/")) {
		return true
	}
	return false
}

// systemRoots are directories that are include roots even when named with
// -I: gcc ignores such a -I and keeps them system directories.
var systemRoots = []string{"/usr/include", "/usr/local/include"}

// includeRoots returns the include roots of the scope rule: the compiler's
// system include directories (cc/v4 lists -I directories among them, since
// gcc reports them in its <...> search list) without the -I directories of
// cflags, plus /usr/include, /usr/local/include and the multiarch
// directory.
func includeRoots(cfg *cc.Config, cflags []string) []string {
	user := map[string]bool{}
	for i := 0; i < len(cflags); i++ {
		d, ok := strings.CutPrefix(cflags[i], "-I")
		if !ok {
			continue
		}
		if d == "" && i+1 < len(cflags) {
			i++
			d = cflags[i]
		}
		if a, err := filepath.Abs(d); err == nil {
			d = a
		}
		user[filepath.Clean(d)] = true
	}
	isSystem := func(d string) bool {
		for _, r := range systemRoots {
			if d == r {
				return true
			}
		}
		return filepath.Dir(d) == "/usr/include" && strings.Contains(filepath.Base(d), "-linux-")
	}
	var roots []string
	for _, d := range append(append([]string{}, cfg.IncludePaths...), cfg.SysIncludePaths...) {
		if d == "" || d == "@" {
			continue
		}
		if d = filepath.Clean(d); !user[d] || isSystem(d) {
			roots = append(roots, d)
		}
	}
	return append(roots, systemRoots...)
}

// classify gives every file read its Origin. files are in open order.
func classify(primaries, roots []string, files []*srcFile) map[string]ir.Origin {
	origin := make(map[string]ir.Origin, len(files))
	isRoot := map[string]bool{}
	for _, r := range roots {
		isRoot[filepath.Clean(r)] = true
	}
	var trees []string
	for _, p := range adoptPrimaries(primaries, isRoot, files) {
		origin[p] = ir.FromPrimary
		if d := filepath.Dir(p); !isRoot[d] {
			trees = append(trees, d+string(filepath.Separator))
		}
	}
	user := func(f *srcFile) bool {
		o, ok := origin[f.name]
		return ok && o != ir.FromSystem
	}
	for _, f := range files {
		if _, ok := origin[f.name]; ok || isLibc(f.name) {
			continue
		}
		for _, t := range trees {
			if strings.HasPrefix(f.name, t) {
				origin[f.name] = ir.FromCompanion
				break
			}
		}
	}
	// Quoted includes, to a fixpoint (a companion's own quoted includes).
	for changed := true; changed; {
		changed = false
		wanted := map[string]bool{}
		for _, f := range files {
			if user(f) {
				for _, q := range f.quoted {
					wanted[filepath.Clean("/"+q)] = true
				}
			}
		}
		for _, f := range files {
			if _, ok := origin[f.name]; ok || isLibc(f.name) {
				continue
			}
			for q := range wanted {
				if strings.HasSuffix(f.name, q) {
					origin[f.name] = ir.FromCompanion
					changed = true
					break
				}
			}
		}
	}
	for _, f := range files {
		if _, ok := origin[f.name]; !ok {
			origin[f.name] = ir.FromSystem
		}
	}
	return origin
}

// adoptPrimaries returns the primaries followed by the headers they adopt
// (see the scope rule above), in a deterministic order.
func adoptPrimaries(primaries []string, isRoot map[string]bool, files []*srcFile) []string {
	byName := make(map[string]*srcFile, len(files))
	for _, f := range files {
		byName[f.name] = f
	}
	out := append([]string(nil), primaries...)
	seen := map[string]bool{}
	for _, p := range primaries {
		seen[p] = true
	}
	for i := 0; i < len(out); i++ {
		p := out[i]
		f := byName[p]
		dir := filepath.Dir(p)
		if f == nil || !isRoot[dir] {
			continue
		}
		for _, name := range angledIncludes(f.orig) {
			c := filepath.Join(dir, name)
			rel, err := filepath.Rel(dir, c)
			if err != nil || !strings.Contains(rel, string(filepath.Separator)) || strings.HasPrefix(rel, "..") {
				continue // not in a subdirectory of the root
			}
			if seen[c] || byName[c] == nil || isLibc(c) {
				continue
			}
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// angledIncludes returns the names of the `#include <...>` directives of a
// source, in order (conditional ones too: only files actually read are
// adopted).
func angledIncludes(src []byte) (r []string) {
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		line = bytes.TrimLeft(line, " \t")
		if len(line) == 0 || line[0] != '#' {
			continue
		}
		line = bytes.TrimLeft(line[1:], " \t")
		if !bytes.HasPrefix(line, []byte("include")) {
			continue
		}
		line = bytes.TrimLeft(line[len("include"):], " \t")
		if len(line) == 0 || line[0] != '<' {
			continue
		}
		if e := bytes.IndexByte(line, '>'); e > 1 {
			r = append(r, string(line[1:e]))
		}
	}
	return r
}
