package link

import (
	"testing"

	"ferry/internal/testenv"
)

func TestParseLinkFlag(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    Lib
		wantErr bool
	}{
		{"z", Lib{Name: "z"}, false},
		{"z:static", Lib{Name: "z", Kind: "static"}, false},
		{"sqlite3:dylib", Lib{Name: "sqlite3", Kind: "dylib"}, false},
		{":static", Lib{}, true},
		{"z:framework", Lib{}, true},
	} {
		got, err := ParseLinkFlag(tc.in)
		if (err != nil) != tc.wantErr || got != tc.want {
			t.Errorf("ParseLinkFlag(%q) = %v, %v; want %v, err=%v", tc.in, got, err, tc.want, tc.wantErr)
		}
	}
}

func TestPkgConfigZlib(t *testing.T) {
	testenv.NeedTool(t, "pkg-config")
	testenv.NeedFile(t, "/usr/include/zlib.h")
	info, err := PkgConfig("zlib")
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Libs) == 0 || info.Libs[0].Name != "z" {
		t.Fatalf("zlib libs = %v, want z first", info.Libs)
	}
	if _, err := PkgConfig("no-such-package-ferry"); err == nil {
		t.Fatal("unknown package: want an error")
	}
}
