package config

import (
	"strings"
	"testing"
)

func TestUnknownKeysHaveLines(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"top", "[bind]\nheaders = [\"a.h\"]\n\n[bogus]\nx = 1\n", `f.toml:4: error[U903]: unknown key "bogus`},
		{"bind", "[bind]\nheaders = [\"a.h\"]\nlinkk = \"z\"\n", `f.toml:3: error[U903]: unknown key "bind.linkk"`},
		{"fn", "[safe.fn.compress]\nreturns = \"status\"\nretrns = 1\n", `f.toml:3: error[U903]: unknown key "safe.fn.compress.retrns"`},
		{"inline", "[safe.fn.f]\nparams.a = { as = \"slice\", lenn = \"n\" }\n", `f.toml:2: error[U903]: unknown key "safe.fn.f.params.a.lenn"`},
		{"dotted", "[safe]\nerror.sucess = [\"OK\"]\n", `f.toml:2: error[U903]: unknown key "safe.error.sucess"`},
		{"badenum", "[safe.fn.f]\nreturns = \"nope\"\n", `f.toml:2: error[U903]: returns "nope" is not a known mapping`},
		{"badparam", "[safe.fn.f]\nparams.a = { as = \"pointer\" }\n", `f.toml:2: error[U903]: parameter mapping "pointer" is not known`},
		{"type", "[bind]\nheaders = 3\n", `f.toml:2`},
		{"syntax", "[bind\n", `f.toml:2:6: error[U903]: expected`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("f.toml", []byte(tc.src))
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("got  %s\nwant %s...", err, tc.want)
			}
		})
	}
}

func TestExportTableIsLeftToItsOwner(t *testing.T) {
	src := "[bind]\nheaders = [\"a.h\"]\n\n[export]\ncrate = \"x\"\nbogus = 1\n"
	f, err := Parse("f.toml", []byte(src))
	if err != nil {
		t.Fatalf("load rejected a table it does not own: %v", err)
	}
	var exp struct {
		Crate string `toml:"crate"`
	}
	err = f.DecodeTable("export", &exp)
	if err == nil || !strings.Contains(err.Error(), `f.toml:6: error[U903]: unknown key "export.bogus"`) {
		t.Fatalf("DecodeTable: %v", err)
	}
	if exp.Crate != "x" {
		t.Errorf("crate = %q", exp.Crate)
	}
	f, err = Parse("f.toml", []byte("[export]\ncrate = \"y\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.DecodeTable("export", &exp); err != nil || exp.Crate != "y" {
		t.Fatalf("DecodeTable: %v %q", err, exp.Crate)
	}
	if err := f.DecodeTable("nope", &exp); err == nil {
		t.Error("an unregistered table decoded")
	}
}

func TestExamplesLoad(t *testing.T) {
	for _, p := range []string{"../../examples/zlib/ferry.toml", "../../examples/sqlite3/ferry.toml"} {
		f, err := Load(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if len(f.Bind.Headers) == 0 || len(f.Safe.Funcs) == 0 {
			t.Errorf("%s: empty", p)
		}
	}
}
