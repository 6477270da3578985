package fsutil

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// TempPattern is the name of the temporary file WriteFileAtomic writes
// next to NAME before renaming it over NAME: ".NAME.ferry-" plus a random
// suffix. A process killed during the write (SIGKILL, power loss) leaves
// one such file behind and NAME untouched; the next successful write of
// NAME removes leftovers older than StaleAge.
func TempPattern(name string) string { return "." + name + ".ferry-*" }

// StaleAge is how old a leftover temporary file must be before a later
// write removes it. A younger one may belong to a concurrent ferry writing
// the same output, whose rename would fail if the file vanished.
const StaleAge = time.Minute

// WriteFileAtomic replaces path with data. The file is first written to a
// temporary file in the same directory and synced, then renamed over path,
// and the directory is synced, so readers see either the old or the new
// content, never a mix, and a kill at any point leaves the old file intact.
func WriteFileAtomic(path string, data []byte, perm os.FileMode) (err error) {
	dir := filepath.Dir(path)
	if fi, statErr := os.Stat(dir); statErr != nil || !fi.IsDir() {
		return fmt.Errorf("cannot write %s: directory %s does not exist", path, dir)
	}
	if fi, statErr := os.Stat(path); statErr == nil && fi.IsDir() {
		return fmt.Errorf("cannot write %s: it is a directory", path)
	}
	f, err := os.CreateTemp(dir, TempPattern(filepath.Base(path)))
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = f.Chmod(perm); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	// The rename is durable only once the directory entry is on disk; a
	// failure here is not worth failing the write for (the new content is
	// already visible), so it is ignored.
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	removeStale(dir, filepath.Base(path), tmp)
	return nil
}

// removeStale removes the temporary files of earlier, killed writes of
// name, older than StaleAge. Errors are ignored: leftovers are harmless.
func removeStale(dir, name, keep string) {
	matches, _ := filepath.Glob(filepath.Join(dir, escapeGlob(TempPattern(name))))
	for _, m := range matches {
		if m == keep {
			continue
		}
		if fi, err := os.Lstat(m); err == nil && fi.Mode().IsRegular() && time.Since(fi.ModTime()) > StaleAge {
			os.Remove(m)
		}
	}
}

// escapeGlob quotes the glob metacharacters of a pattern's name part,
// keeping the final "*".
func escapeGlob(p string) string {
	base := strings.TrimSuffix(p, "*")
	var b strings.Builder
	for _, r := range base {
		switch r {
		case '*', '?', '[', '\\':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String() + "*"
}

// SameFile reports whether a and b name the same existing file.
func SameFile(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false
	}
	return os.SameFile(fa, fb)
}
