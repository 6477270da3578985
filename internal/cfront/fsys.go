package cfront

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// srcFile is one source file as cc/v4 read it: the rewritten text (all
// positions cc/v4 reports refer to it), the quoted includes it contains,
// and its place in open order.
type srcFile struct {
	name  string
	index int // order in which the preprocessor first read it
	text  []byte
	lines []int // byte offset of each line start, built on demand
	// orig is the file as read from disk, before rewriting and blanking;
	// origLines indexes its line starts, built on demand.
	orig      []byte
	origLines []int
	// quoted are the names of its #include "..." directives.
	quoted []string
	// hasRewrites is true when rewriteSource changed the text.
	hasRewrites bool
}

// lineOffset returns the byte offset of 1-based line l, col c.
func (f *srcFile) offset(line, col int) int {
	if f.lines == nil {
		f.lines = append(f.lines, 0)
		for i, b := range f.text {
			if b == '\n' {
				f.lines = append(f.lines, i+1)
			}
		}
	}
	if line < 1 || line > len(f.lines) {
		return -1
	}
	o := f.lines[line-1] + col - 1
	if o < 0 || o > len(f.text) {
		return -1
	}
	return o
}

// origOffset returns the byte offset in orig of 1-based line l, col c
// (rewriting keeps lines in place, and columns outside #define and #pragma
// lines), or -1.
func (f *srcFile) origOffset(line, col int) int {
	if f.origLines == nil {
		f.origLines = append(f.origLines, 0)
		for i, b := range f.orig {
			if b == '\n' {
				f.origLines = append(f.origLines, i+1)
			}
		}
	}
	if line < 1 || line > len(f.origLines) {
		return -1
	}
	o := f.origLines[line-1] + col - 1
	if o < 0 || o >= len(f.orig) {
		return -1
	}
	return o
}

// overlayFS serves files to cc/v4 from the host file system, rewritten
// (rewrite.go), and records every file the preprocessor reads. blank holds,
// per file, byte ranges to replace by spaces: the degrade step uses it to
// drop failing declarations of system headers.
type overlayFS struct {
	mu    sync.Mutex
	files map[string]*srcFile
	order []*srcFile
	blank map[string][][2]int
	// dirs caches directory listings (nil: the directory does not exist):
	// the include path search probes thousands of names that are not there.
	dirs map[string]map[string]fs.FileMode
}

func newOverlayFS() *overlayFS {
	return &overlayFS{files: map[string]*srcFile{}, blank: map[string][][2]int{}, dirs: map[string]map[string]fs.FileMode{}}
}

// reset forgets what was read (not the blanked ranges), before a retry.
func (o *overlayFS) reset() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.files = map[string]*srcFile{}
	o.order = nil
}

// addBlank schedules a byte range of a file to be blanked on the next read.
func (o *overlayFS) addBlank(name string, start, end int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.blank[name] = append(o.blank[name], [2]int{start, end})
}

// file returns the record of a file the preprocessor has read, or nil.
func (o *overlayFS) file(name string) *srcFile {
	o.mu.Lock()
	defer o.mu.Unlock()
	if f := o.files[name]; f != nil && f.index >= 0 {
		return f
	}
	return nil
}

// load reads and rewrites name once, recording it in open order.
func (o *overlayFS) load(name string) (*srcFile, error) {
	o.mu.Lock()
	f, ok := o.files[name]
	blank := o.blank[name]
	o.mu.Unlock()
	if ok {
		return f, nil
	}
	// Read and rewrite without the lock: the preprocessor must not wait
	// on the read-ahead goroutine's file (Open, use).
	f, err := readSource(name, blank)
	if err != nil {
		return nil, err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if g, ok := o.files[name]; ok {
		return g, nil // loaded meanwhile by the other goroutine
	}
	o.files[name] = f
	return f, nil
}

// readSource reads a file and rewrites it for cc/v4 (rewrite.go), blanking
// the ranges given.
func readSource(name string, blank [][2]int) (*srcFile, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	f := &srcFile{name: name, index: -1, orig: b}
	f.text, f.quoted, f.hasRewrites = rewriteSource(b)
	if isIntrinsicsHeader(name) {
		if !f.hasRewrites {
			f.text = bytes.Clone(b) // keep orig intact
		}
		f.hasRewrites = blankInlineDefs(f.text) || f.hasRewrites
	}
	if len(blank) != 0 {
		if !f.hasRewrites {
			f.text = bytes.Clone(b) // keep orig intact
		}
		blankRanges(f.text, blank)
	}
	return f, nil
}

// use records that the preprocessor starts to read name
// (cc.Config.UseSource): the file's place in open order. cc/v4 may have
// read it earlier, ahead of time.
func (o *overlayFS) use(name string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if f, ok := o.files[name]; ok && f.index < 0 {
		f.index = len(o.order)
		o.order = append(o.order, f)
	}
}

// blankRanges replaces the bytes of each range by spaces, keeping newlines
// so that line numbers do not move.
func blankRanges(b []byte, rs [][2]int) {
	for _, r := range rs {
		for i := max(r[0], 0); i < r[1] && i < len(b); i++ {
			if b[i] != '\n' {
				b[i] = ' '
			}
		}
	}
}

// Open implements fs.FS. cc/v4 passes host paths (absolute or relative to
// the working directory). The file is read only when cc/v4 reads it, so
// __has_include probes do not count as opened files.
func (o *overlayFS) Open(name string) (fs.File, error) {
	p := filepath.FromSlash(name)
	mode, known := o.listed(p)
	switch {
	case known && mode == absentMode:
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	case known && mode.IsRegular():
		return &lazyFile{fs: o, name: p}, nil // Stat on demand
	}
	fi, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	return &lazyFile{fs: o, name: p, info: fi}, nil
}

type lazyFile struct {
	fs   *overlayFS
	name string
	info fs.FileInfo
	r    *bytes.Reader
}

func (f *lazyFile) Stat() (fs.FileInfo, error) {
	if f.info == nil {
		fi, err := os.Stat(f.name)
		if err != nil {
			return nil, err
		}
		f.info = fi
	}
	return f.info, nil
}
func (f *lazyFile) Close() error { return nil }
func (f *lazyFile) Read(p []byte) (int, error) {
	if f.r == nil {
		sf, err := f.fs.load(f.name)
		if err != nil {
			return 0, err
		}
		f.r = bytes.NewReader(sf.text)
	}
	return f.r.Read(p)
}

// SourceBytes gives cc/v4 the (rewritten) text without a copy: neither side
// writes to it once loaded.
func (f *lazyFile) SourceBytes() ([]byte, error) {
	sf, err := f.fs.load(f.name)
	if err != nil {
		return nil, err
	}
	return sf.text, nil
}

var _ io.Reader = (*lazyFile)(nil)

// absentMode marks a name a directory listing does not have.
const absentMode = fs.ModeIrregular | fs.ModeTemporary

// listed looks p up in the cached listing of its directory: its type bits
// (a symlink's are ModeSymlink), absentMode when the listing shows it does
// not exist, and whether the listing decided at all. Unclean paths and
// unreadable directories are left to os.Stat.
func (o *overlayFS) listed(p string) (fs.FileMode, bool) {
	if p != filepath.Clean(p) {
		return 0, false
	}
	dir, base := filepath.Split(p)
	if dir == "" || base == "" {
		return 0, false
	}
	o.mu.Lock()
	names, ok := o.dirs[dir]
	o.mu.Unlock()
	if !ok {
		// Listed without the lock, as load reads: another goroutine may
		// list the same directory meanwhile, to the same effect.
		entries, err := os.ReadDir(dir)
		switch {
		case err == nil:
			names = make(map[string]fs.FileMode, len(entries))
			for _, e := range entries {
				names[e.Name()] = e.Type()
			}
		case errors.Is(err, fs.ErrNotExist):
			names = nil
		default:
			return 0, false
		}
		o.mu.Lock()
		o.dirs[dir] = names
		o.mu.Unlock()
	}
	if mode, ok := names[base]; ok {
		return mode, true
	}
	return absentMode, true
}
