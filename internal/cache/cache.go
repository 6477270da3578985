package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"
)

// DefaultMaxBytes bounds the cache directory.
const DefaultMaxBytes = 512 << 20

// Cache is a directory of entries. The zero value is not usable; use Open.
type Cache struct {
	Dir      string
	MaxBytes int64
}

// Open returns the cache in dir, or, when dir is "", in $FERRY_CACHE_DIR or
// the user cache directory. It creates the directory.
func Open(dir string) (*Cache, error) {
	if dir == "" {
		dir = os.Getenv("FERRY_CACHE_DIR")
	}
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return nil, fmt.Errorf("no cache directory: %w (set FERRY_CACHE_DIR or pass --no-cache)", err)
		}
		dir = filepath.Join(base, "ferry")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	return &Cache{Dir: dir, MaxBytes: DefaultMaxBytes}, nil
}

// Key hashes the parts that name an entry: version, command, options and
// input paths, in the order given.
func Key(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%d:%s;", len(p), p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// FileSum is one file a run read, with the hash of its content.
type FileSum struct {
	Path  string `json:"path"`
	Sum   string `json:"sum"`
	Size  int64  `json:"size"`
	MTime int64  `json:"mtime"` // nanoseconds
}

// unchanged reports whether the file still has the recorded content. An
// unchanged size and modification time (nanosecond resolution) are taken as
// proof, as build tools do; otherwise the content is hashed, so a touched
// but identical file still hits.
func (f FileSum) unchanged() bool {
	fi, err := os.Stat(f.Path)
	if err != nil {
		return false
	}
	if fi.Size() == f.Size && fi.ModTime().UnixNano() == f.MTime {
		return true
	}
	s, err := hashFile(f.Path)
	return err == nil && s == f.Sum
}

// Entry is what a run produced and what it depended on. On disk it is a
// line "ferry-cache 1 N\n", N bytes of JSON (files and extra), then the raw
// output, so a hit reads the output without decoding it.
type Entry struct {
	Files  []FileSum       `json:"files"`
	Output []byte          `json:"-"`
	Extra  json.RawMessage `json:"extra,omitempty"` // e.g. warnings to replay
}

const magic = "ferry-cache 1 "

func encode(e *Entry) ([]byte, error) {
	meta, err := json.Marshal(e)
	if err != nil {
		return nil, err
	}
	head := fmt.Sprintf("%s%d\n", magic, len(meta))
	out := make([]byte, 0, len(head)+len(meta)+len(e.Output))
	out = append(out, head...)
	out = append(out, meta...)
	return append(out, e.Output...), nil
}

func decode(data []byte) (*Entry, bool) {
	rest, ok := bytes.CutPrefix(data, []byte(magic))
	if !ok {
		return nil, false
	}
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 {
		return nil, false
	}
	n, err := strconv.Atoi(string(rest[:nl]))
	rest = rest[nl+1:]
	if err != nil || n < 0 || n > len(rest) {
		return nil, false
	}
	var e Entry
	if json.Unmarshal(rest[:n], &e) != nil {
		return nil, false
	}
	e.Output = rest[n:]
	return &e, true
}

// HashFiles hashes each file's content. A missing file is an error: the
// run that read it cannot be replayed.
func HashFiles(paths []string) ([]FileSum, error) {
	out := make([]FileSum, 0, len(paths))
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		s, err := hashFile(p)
		if err != nil {
			return nil, err
		}
		out = append(out, FileSum{Path: p, Sum: s, Size: fi.Size(), MTime: fi.ModTime().UnixNano()})
	}
	return out, nil
}

func hashFile(p string) (string, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func (c *Cache) path(key string) string {
	return filepath.Join(c.Dir, key[:2], key+".entry")
}

// Get returns the entry for key if every file it depends on is unchanged.
func (c *Cache) Get(key string) (*Entry, bool) {
	p := c.path(key)
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, false
	}
	e, ok := decode(data)
	if !ok || len(e.Files) == 0 {
		return nil, false
	}
	for _, f := range e.Files {
		if !f.unchanged() {
			return nil, false
		}
	}
	now := time.Now()
	os.Chtimes(p, now, now) // mark as recently used for trimming
	return e, true
}

// Put stores e under key atomically, then trims the cache to MaxBytes.
// Failures are returned but callers may ignore them: the cache is an
// optimisation, never a source of truth.
func (c *Cache) Put(key string, e *Entry) error {
	data, err := encode(e)
	if err != nil {
		return err
	}
	p := c.path(key)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), p); err != nil {
		os.Remove(f.Name())
		return err
	}
	return c.trim()
}

// trim removes least recently used entries until the cache fits MaxBytes.
// Another process may be trimming too: files already gone are skipped.
func (c *Cache) trim() error {
	if c.MaxBytes <= 0 {
		return nil
	}
	type ent struct {
		path string
		size int64
		mod  time.Time
	}
	var ents []ent
	var total int64
	filepath.WalkDir(c.Dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".entry" {
			return nil
		}
		if fi, err := d.Info(); err == nil {
			ents = append(ents, ent{p, fi.Size(), fi.ModTime()})
			total += fi.Size()
		}
		return nil
	})
	if total <= c.MaxBytes {
		return nil
	}
	sort.Slice(ents, func(i, j int) bool { return ents[i].mod.Before(ents[j].mod) })
	for _, e := range ents {
		if total <= c.MaxBytes {
			break
		}
		if err := os.Remove(e.path); err == nil || errors.Is(err, os.ErrNotExist) {
			total -= e.size
		}
	}
	return nil
}
