package cache

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func TestHitMissAndInvalidation(t *testing.T) {
	dir := t.TempDir()
	c, err := Open(filepath.Join(dir, "cache"))
	if err != nil {
		t.Fatal(err)
	}
	hdr := filepath.Join(dir, "a.h")
	inc := filepath.Join(dir, "b.h")
	os.WriteFile(hdr, []byte("#include \"b.h\"\n"), 0o644)
	os.WriteFile(inc, []byte("int f(void);\n"), 0o644)

	key := Key("v1", "bind", "--link z", hdr)
	if _, ok := c.Get(key); ok {
		t.Fatal("hit on an empty cache")
	}
	sums, err := HashFiles([]string{hdr, inc})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Put(key, &Entry{Files: sums, Output: []byte("out")}); err != nil {
		t.Fatal(err)
	}
	e, ok := c.Get(key)
	if !ok || string(e.Output) != "out" {
		t.Fatalf("Get after Put = %v, %v", e, ok)
	}
	// A flag change is another key.
	if _, ok := c.Get(Key("v1", "bind", "--link y", hdr)); ok {
		t.Fatal("hit with different flags")
	}
	// A change to an included header invalidates.
	os.WriteFile(inc, []byte("int f(int);\n"), 0o644)
	if _, ok := c.Get(key); ok {
		t.Fatal("hit after an included header changed")
	}
	// A deleted header invalidates.
	os.Remove(inc)
	if _, ok := c.Get(key); ok {
		t.Fatal("hit after an included header was removed")
	}
}

func TestTrimKeepsRecentEntries(t *testing.T) {
	dir := t.TempDir()
	c, _ := Open(dir)
	src := filepath.Join(t.TempDir(), "x.h")
	os.WriteFile(src, []byte("x"), 0o644)
	sums, _ := HashFiles([]string{src})
	big := make([]byte, 1000)
	c.MaxBytes = 5000
	old := time.Now().Add(-time.Hour)
	for i := 0; i < 10; i++ {
		k := Key(fmt.Sprint(i))
		if err := c.Put(k, &Entry{Files: sums, Output: big}); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(c.path(k), old.Add(time.Duration(i)*time.Minute), old.Add(time.Duration(i)*time.Minute))
	}
	c.trim()
	if _, ok := c.Get(Key("9")); !ok {
		t.Error("newest entry was trimmed")
	}
	if _, ok := c.Get(Key("0")); ok {
		t.Error("oldest entry survived trimming past the bound")
	}
}

func TestConcurrentPutGet(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(t.TempDir(), "x.h")
	os.WriteFile(src, []byte("x"), 0o644)
	sums, _ := HashFiles([]string{src})
	key := Key("same")
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c, _ := Open(dir) // as separate processes would
			out := []byte(fmt.Sprintf("output-%d", i%2))
			for j := 0; j < 20; j++ {
				c.Put(key, &Entry{Files: sums, Output: out})
				if e, ok := c.Get(key); ok && string(e.Output) != "output-0" && string(e.Output) != "output-1" {
					t.Errorf("torn entry: %q", e.Output)
				}
			}
		}(i)
	}
	wg.Wait()
}

func TestSameSizeEditAndTouch(t *testing.T) {
	dir := t.TempDir()
	c, _ := Open(filepath.Join(dir, "cache"))
	h := filepath.Join(dir, "a.h")
	os.WriteFile(h, []byte("int a;\n"), 0o644)
	sums, _ := HashFiles([]string{h})
	key := Key("k")
	c.Put(key, &Entry{Files: sums, Output: []byte("x")})

	// Touched, same content: still a hit.
	later := time.Now().Add(time.Minute)
	os.Chtimes(h, later, later)
	if _, ok := c.Get(key); !ok {
		t.Fatal("a touched but unchanged header missed")
	}
	// Same size, new content: a miss.
	os.WriteFile(h, []byte("int b;\n"), 0o644)
	if _, ok := c.Get(key); ok {
		t.Fatal("a same-size edit hit")
	}
}
