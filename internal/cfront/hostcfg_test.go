package cfront

import (
	"reflect"
	"testing"

	"ferry/internal/cache"
	"ferry/internal/testenv"
)

// TestHostConfigCached: the second configuration comes from the cache and
// equals cc.NewConfig's, unexported fields included; flags that set state
// the cache cannot reproduce bypass it.
func TestHostConfigCached(t *testing.T) {
	testenv.NeedTool(t, "cc")
	dir := t.TempDir()
	for _, flags := range [][]string{nil, {"-I/tmp/x", "-DFOO=1", "-pthread"}} {
		want, err := newConfig(flags)
		if err != nil {
			t.Fatal(err)
		}
		first, err := newConfigCached(flags, dir)
		if err != nil {
			t.Fatal(err)
		}
		c, _ := cache.Open(dir)
		if _, ok := c.Get(hostProbeKey(flags)); !ok {
			t.Errorf("%v: probe not cached", flags)
		}
		p := &hostProbe{CC: want.CC, Predefined: want.Predefined, HostIncludePaths: want.HostIncludePaths, HostSysIncludePaths: want.HostSysIncludePaths}
		fromProbe, err := configFromProbe(p)
		if err != nil {
			t.Fatal(err)
		}
		second, err := newConfigCached(flags, dir)
		if err != nil {
			t.Fatal(err)
		}
		for name, got := range map[string]any{"first": first, "probe": fromProbe, "second": second} {
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%v: %s configuration differs from cc.NewConfig's:\n got %+v\nwant %+v", flags, name, got, want)
			}
		}
	}
	if c, _ := cache.Open(dir); c != nil {
		if _, err := newConfigCached([]string{"-std=c99"}, dir); err != nil {
			t.Fatal(err)
		}
		if _, ok := c.Get(hostProbeKey([]string{"-std=c99"})); ok {
			t.Error("-std=c99 probe cached")
		}
	}
	if !uncachedFlag("-std=c99") || !uncachedFlag("-ffreestanding") || uncachedFlag("-I/usr/include") {
		t.Error("uncachedFlag")
	}
}
