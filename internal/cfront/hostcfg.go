package cfront

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"modernc.org/cc/v4"

	"ferry/internal/cache"
)

// The host compiler probe (cc.NewConfig runs `cc -dM -E -` and `cc -v -E -`)
// costs two compiler runs, about 50 ms of wall time: as much as parsing
// zlib.h. Its result (predefined macros and include paths) depends only on
// the compiler, the flags and a few environment variables, so it is kept in
// ferry's cache directory and reused while the compiler binary is
// unchanged (size and modification time, or content).
//
// cc.Config has unexported fields NewConfig sets from some flags (keyword
// sets for -ansi, -std=c.., -fno-asm; -ffreestanding, -fno-builtin; long
// double for -mlong-double-64) and for C23 compilers. A cached
// configuration can only reproduce the default values of those fields, so
// with any such flag, or a compiler defaulting to C23, the probe is not
// cached. TestHostConfigCached checks that a cached configuration equals
// NewConfig's, unexported fields included.

// hostProbe is what the cache stores.
type hostProbe struct {
	CC                  string   `json:"cc"`
	Predefined          string   `json:"predefined"`
	HostIncludePaths    []string `json:"host_include_paths"`
	HostSysIncludePaths []string `json:"host_sys_include_paths"`
}

// hostEnv are the environment variables that change what the compiler
// reports (besides PATH and CC, which choose it).
var hostEnv = []string{"CC", "PATH", "CPATH", "C_INCLUDE_PATH", "GCC_EXEC_PREFIX", "COMPILER_PATH", "LIBRARY_PATH", "SOURCE_DATE_EPOCH"}

// uncachedFlag reports whether a flag sets cc.Config state a cached
// configuration cannot reproduce.
func uncachedFlag(f string) bool {
	for _, p := range []string{"-ansi", "-std", "-fno-asm", "-ffreestanding", "-fno-builtin", "-mlong-double", "-fno-gnu-keywords"} {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// newConfigCached returns cc.NewConfig's configuration for cflags, from
// the cache in dir when possible ("" = $FERRY_CACHE_DIR or the user cache
// directory, "-" = no cache).
func newConfigCached(cflags []string, dir string) (*cc.Config, error) {
	cacheable := dir != "-"
	for _, f := range cflags {
		if uncachedFlag(f) {
			cacheable = false
		}
	}
	if !cacheable {
		return newConfig(cflags)
	}
	c, err := cache.Open(dir)
	if err != nil {
		return newConfig(cflags)
	}
	key := hostProbeKey(cflags)
	if e, ok := c.Get(key); ok {
		var p hostProbe
		if json.Unmarshal(e.Output, &p) == nil && p.CC != "" {
			if cfg, err := configFromProbe(&p); err == nil {
				return cfg, nil
			}
		}
	}
	cfg, err := newConfig(cflags)
	if err != nil {
		return nil, err
	}
	if stdcVersion(cfg.Predefined) >= 202000 {
		return cfg, nil
	}
	bin, err := filepath.EvalSymlinks(cfg.CC)
	if err != nil {
		return cfg, nil
	}
	files, err := cache.HashFiles([]string{bin})
	if err != nil {
		return cfg, nil
	}
	out, err := json.Marshal(&hostProbe{CC: cfg.CC, Predefined: cfg.Predefined, HostIncludePaths: cfg.HostIncludePaths, HostSysIncludePaths: cfg.HostSysIncludePaths})
	if err == nil {
		c.Put(key, &cache.Entry{Files: files, Output: out}) // best effort
	}
	return cfg, nil
}

// hostProbeKey names the probe of cflags in the current environment.
func hostProbeKey(cflags []string) string {
	parts := []string{"ferry host compiler probe 1", runtime.GOOS, runtime.GOARCH, strconv.Itoa(len(cflags))}
	parts = append(parts, cflags...)
	for _, v := range hostEnv {
		parts = append(parts, v+"="+os.Getenv(v))
	}
	return cache.Key(parts...)
}

// configFromProbe builds the configuration cc.NewConfig builds from the
// same probe output (linux: no per-OS additions).
func configFromProbe(p *hostProbe) (*cc.Config, error) {
	if runtime.GOOS != "linux" {
		return nil, fmt.Errorf("cached host configuration only on linux")
	}
	abi, err := cc.NewABI(runtime.GOOS, runtime.GOARCH)
	if err != nil {
		return nil, err
	}
	inc := p.HostIncludePaths[:len(p.HostIncludePaths):len(p.HostIncludePaths)]
	sys := p.HostSysIncludePaths[:len(p.HostSysIncludePaths):len(p.HostSysIncludePaths)]
	cfg := &cc.Config{
		ABI:                 abi,
		CC:                  p.CC,
		HostIncludePaths:    inc,
		HostSysIncludePaths: sys,
		IncludePaths:        append([]string{""}, append(append([]string{}, inc...), sys...)...),
		Predefined:          p.Predefined,
		SysIncludePaths:     sys,
	}
	setConfigOptions(cfg)
	return cfg, nil
}

// stdcVersion returns the value of __STDC_VERSION__ in predefined, or 0.
func stdcVersion(predefined string) int {
	const tag = "#define __STDC_VERSION__ "
	i := strings.Index(predefined, tag)
	if i < 0 {
		return 0
	}
	s := predefined[i+len(tag):]
	if j := strings.IndexByte(s, '\n'); j >= 0 {
		s = s[:j]
	}
	n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(s), "L"))
	return n
}
