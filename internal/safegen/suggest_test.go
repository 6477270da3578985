package safegen

import (
	"bytes"
	"testing"

	"ferry/internal/cfront"
	"ferry/internal/config"
	"ferry/internal/diag"
	"ferry/internal/layout"
	"ferry/internal/testenv"
)

// TestSuggestCoverage runs inference on the real zlib and sqlite3 headers,
// asserts a floor on what it handles, and that its output loads back as a
// configuration giving the same plan and a module that compiles.
func TestSuggestCoverage(t *testing.T) {
	for _, tc := range []struct {
		header      string
		minHandled  int // functions with a wrapper (safe or unsafe)
		minSafe     int
		wantSafe    []string
		wantNotSafe []string
	}{
		{"/usr/include/zlib.h", 70, 45,
			[]string{"crc32", "adler32", "compressBound", "zlibVersion", "gzopen", "gzread", "compress", "uncompress"},
			// deflateSetDictionary copies, but its name (set) may mean
			// keeping the buffer: only the configuration can say.
			[]string{"deflateEnd", "gzclose", "gzdopen", "get_crc_table", "deflateSetDictionary", "deflateGetDictionary"}},
		{"/usr/include/sqlite3.h", 250, 95,
			[]string{"sqlite3_open", "sqlite3_open_v2", "sqlite3_errmsg", "sqlite3_libversion", "sqlite3_bind_int"},
			[]string{"sqlite3_close", "sqlite3_close_v2", "sqlite3_exec", "sqlite3_column_int", "sqlite3_mutex_leave", "sqlite3_free",
				"sqlite3_mutex_alloc", "sqlite3_uri_parameter", "sqlite3_filename_database", "sqlite3_enable_load_extension",
				"sqlite3_overload_function"}},
	} {
		t.Run(tc.header, func(t *testing.T) {
			testenv.NeedFile(t, tc.header)
			var dl diag.List
			m, err := cfront.Load(cfront.Options{Headers: []string{tc.header}}, &dl)
			if err != nil {
				t.Fatal(err)
			}
			layout.Compute(m, layout.Options{}, &dl)
			src, plan, err := Suggest(m, SuggestOptions{Headers: []string{tc.header}})
			if err != nil {
				t.Fatal(err)
			}
			s := plan.Stats
			t.Logf("%s: %d functions, %d handled (%d safe, %d unsafe), %d raw", tc.header, s.Total, s.Handled(), s.Safe, s.Unsafe, s.Raw)
			if s.Handled() < tc.minHandled || s.Safe < tc.minSafe {
				t.Errorf("handled %d (want >= %d), safe %d (want >= %d)", s.Handled(), tc.minHandled, s.Safe, tc.minSafe)
			}
			safe := map[string]bool{}
			for _, fp := range plan.Funcs {
				if !fp.Unsafe {
					safe[fp.Fn.Name] = true
				}
			}
			for _, n := range tc.wantSafe {
				if !safe[n] {
					t.Errorf("%s is not safe", n)
				}
			}
			for _, n := range tc.wantNotSafe {
				if safe[n] {
					t.Errorf("%s is safe; it must not be", n)
				}
			}
			// The suggestion is a valid configuration reproducing the plan.
			cfg, err := config.Parse("suggest.toml", src)
			if err != nil {
				t.Fatalf("suggestion does not load: %v", err)
			}
			out1, plan2, err := Generate(m, &cfg.Safe, Options{}, &dl)
			if err != nil {
				t.Fatal(err)
			}
			if plan2.Stats != plan.Stats {
				t.Errorf("round trip: %+v, suggest said %+v", plan2.Stats, plan.Stats)
			}
			out2, _, _ := Generate(m, &cfg.Safe, Options{}, &dl)
			if !bytes.Equal(out1, out2) {
				t.Error("generation is not deterministic")
			}
			src2, _, _ := Suggest(m, SuggestOptions{Headers: []string{tc.header}})
			if !bytes.Equal(src, src2) {
				t.Error("suggest is not deterministic")
			}
		})
	}
}
