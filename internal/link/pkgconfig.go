package link

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
)

// Lib is one library to link, as #[link(name = Name, kind = Kind)] says it.
type Lib struct {
	Name string
	Kind string // "", "static" or "dylib"
}

// PkgInfo is what pkg-config says about a package.
type PkgInfo struct {
	Name        string
	CFlags      []string // -I, -D and other preprocessor flags
	IncludeDirs []string // the -I directories among CFlags
	Libs        []Lib    // -l names, in order
	LibDirs     []string // -L directories
}

// PkgConfig runs pkg-config for pkg. It returns an error naming the package
// when pkg-config is missing or does not know it.
func PkgConfig(pkg string) (*PkgInfo, error) {
	if _, err := exec.LookPath("pkg-config"); err != nil {
		return nil, fmt.Errorf("pkg-config is not installed; install it (apt-get install pkg-config) or pass -I and --link instead of --pkg-config %s", pkg)
	}
	// The two queries are independent processes: run them at once.
	var libs []string
	var libsErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		libs, libsErr = pkgConfigRun("--libs", pkg)
	}()
	cflags, err := pkgConfigRun("--cflags", pkg)
	<-done
	if err != nil {
		return nil, err
	}
	if libsErr != nil {
		return nil, libsErr
	}
	info := &PkgInfo{Name: pkg}
	for _, f := range cflags {
		info.CFlags = append(info.CFlags, f)
		if dir, ok := strings.CutPrefix(f, "-I"); ok && dir != "" {
			info.IncludeDirs = append(info.IncludeDirs, dir)
		}
	}
	for _, f := range libs {
		switch {
		case strings.HasPrefix(f, "-l") && len(f) > 2:
			info.Libs = append(info.Libs, Lib{Name: f[2:]})
		case strings.HasPrefix(f, "-L") && len(f) > 2:
			info.LibDirs = append(info.LibDirs, f[2:])
		}
	}
	return info, nil
}

func pkgConfigRun(flag, pkg string) ([]string, error) {
	cmd := exec.Command("pkg-config", flag, pkg)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("pkg-config %s %s: %s", flag, pkg, firstLine(msg))
	}
	return strings.Fields(out.String()), nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// ParseLinkFlag parses --link NAME[:static|dylib].
func ParseLinkFlag(s string) (Lib, error) {
	name, kind, _ := strings.Cut(s, ":")
	if name == "" {
		return Lib{}, fmt.Errorf("--link %q: want NAME or NAME:static or NAME:dylib", s)
	}
	switch kind {
	case "", "static", "dylib":
	default:
		return Lib{}, fmt.Errorf("--link %q: kind must be static or dylib, not %q", s, kind)
	}
	return Lib{Name: name, Kind: kind}, nil
}
