package safegen

import (
	"fmt"
	"regexp"
	"strings"

	"ferry/internal/config"
	"ferry/internal/ir"
)

// The rules in this file keep inference sound where the header alone
// cannot say what the library does with a pointer after the call. Each
// was found by writing a safe program that reached undefined behaviour
// through a wrapper inference had made safe (see testdata/attacks).

// retainWord() matches name words of functions that may keep a pointer to
// a buffer they are given (yaml_parser_set_input_string, LZ4_loadDict,
// ZSTD_CCtx_refPrefix, archive_read_open_memory), or that stream over
// earlier calls' buffers (LZ4_compress_fast_continue reads the previous
// block again, LZ4_saveDict points the stream at its buffer): a borrowed
// slice would dangle after the call.
var retainWord = lazyRegexp(`^(continue|save|set|load|ref|reference|byreference|open|attach|use|input|source|register|feed|prefix|assign|adopt|borrow|static|wrap|view|init|initialize)$`)

// strongRetainWord() matches words saying a string is kept, not copied
// (cJSON_CreateStringReference): strings are otherwise assumed copied.
var strongRetainWord = lazyRegexp(`^(ref|reference|byreference|static|borrow|borrowed|wrap|view|nocopy)$`)

// valueCtorWord() matches in-place initialisers of caller-allocated structs
// (deflateInit_, uv_loop_init). "open" or "new" on such a struct is an
// operation on a live object (yaml_emitter_open), never its constructor.
var valueCtorWord = lazyRegexp(`^(init|initialize|initialise|setup)$`)

// copyWord() matches constructors that make an independent copy of their
// self argument (sqlite3_value_dup), as opposed to a view of it
// (cJSON_CreateObjectReference).
var copyWord = lazyRegexp(`^(dup|duplicate|copy|clone)$`)

// globalWord() matches free functions that change library-wide state
// (json_object_seed, sqlite3_enable_shared_cache): a data race when
// another thread uses the library at the same time.
var globalWord = lazyRegexp(`^(seed|hooks|config|configure|enable|disable|set|setup)$`)

// pointerWord() matches names of functions whose char* result points into
// some earlier input rather than at a string (cJSON_GetErrorPtr): that
// input may already be freed.
var pointerWord = lazyRegexp(`^(ptr|pointer|position|pos|cursor)$`)

// hiddenPointer reports whether t is a typedef hiding a pointer to char
// whose name does not say "string" (sqlite3_filename): the library gives
// such strings a contract beyond NUL termination (sqlite3_uri_parameter
// reads past the terminator), so they are not inferred as strings or
// buffers. png_const_charp and png_bytep name what they are and stay.
func (in *inferer) hiddenPointer(t *ir.Type) bool {
	if t == nil || t.Kind != ir.KindNamed || t.Ref.Kind != ir.RefTypedef {
		return false
	}
	if r := in.ts.resolve(t); r == nil || r.Kind != ir.KindPointer || !in.ts.isCharLike(r.Elem) {
		return false
	}
	n := strings.ToLower(t.Ref.Name)
	for _, ok := range []string{"char", "str", "byte", "buf"} {
		if strings.Contains(n, ok) {
			return false
		}
	}
	return true
}

// soundness applies the rules that need the whole inferred rule: what is
// a constructor, which parameters became slices. It runs after the
// parameters and the result are inferred.
func (in *inferer) soundness(f *ir.Function, fr *config.Func, self *handleCand, why *[]string) {
	base := stripPrefix(f.Name, []string{in.prefix})
	mark := func(format string, args ...any) {
		fr.Unsafe = config.Bool(true)
		*why = append(*why, fmt.Sprintf(format, args...))
	}
	borrowed := func(as ...string) []string {
		var out []string
		for _, pn := range sortedKeys(fr.Params) {
			for _, a := range as {
				if fr.Params[pn].As == a {
					out = append(out, pn)
				}
			}
		}
		return out
	}
	if fr.Constructor {
		if ps := borrowed("mut_slice"); len(ps) > 0 {
			mark("a constructor given a writable buffer (%s) may build the object inside it (LZ4_initStream): Drop would free memory Rust owns", strings.Join(ps, ", "))
		} else if ps := borrowed("slice", "str"); len(ps) > 0 {
			mark("the new object may keep a pointer into %s; set unsafe = false if the library copies it", strings.Join(ps, ", "))
		}
		if hasWord(base, strongRetainWord()) {
			if ps := borrowed("cstr", "opt_cstr"); len(ps) > 0 {
				mark("its name says it keeps a reference to %s instead of copying it", strings.Join(ps, ", "))
			}
		}
		if self != nil && !self.value && in.makes(f, fr) == self && !hasWord(base, copyWord()) {
			mark("makes a %s from another %s, which it may point into (a view, not a copy); set unsafe = false if it copies", self.name, self.name)
		}
	} else if self != nil && hasWord(base, retainWord()) {
		if ps := borrowed("slice", "mut_slice", "str"); len(ps) > 0 {
			mark("its name says it may keep %s after returning (set_input, load, ref, open…); set unsafe = false if the library copies it", strings.Join(ps, ", "))
		}
	}
	if self != nil && hasWord(base, strongRetainWord()) && !fr.Constructor {
		if ps := borrowed("cstr", "opt_cstr"); len(ps) > 0 {
			mark("its name says it keeps a reference to %s instead of copying it", strings.Join(ps, ", "))
		}
	}
	if self == nil && hasWord(base, globalWord()) && !fr.Constructor {
		mark("changes library-wide state: a data race if another thread uses the library meanwhile")
	}
	if hasWord(base, regexp.MustCompile(`^extensions?$`)) && hasWord(base, regexp.MustCompile(`^(load|enable)$`)) || hasWord(base, regexp.MustCompile(`^dlopen$`)) {
		mark("loads native code, which runs with no checks at all")
	}
}

// makes returns the handle type a constructor creates: through its result
// or a T** out-parameter.
func (in *inferer) makes(f *ir.Function, fr *config.Func) *handleCand {
	if r := in.recordOfPtr(f.Type.Result); r != nil && fr.Returns == "handle" {
		return in.handleFor(r, f.Name)
	}
	for i, p := range f.Type.Params {
		if pr := fr.Params[paramName(f, i)]; pr != nil && pr.As == "out" {
			if r := in.recordOfPtrPtr(p.Type); r != nil {
				return in.handleFor(r, f.Name)
			}
		}
	}
	return nil
}

// adoptWord() matches names of a constructor's parent parameter that are
// data the new object may take over and free with itself, rather than a
// context it borrows (xmlNewTextReader(input) frees input with the reader,
// CTLOG_new(public_key) owns the key): both would be freed twice, once by
// the child and once by the parent's Drop. Contexts (db, session, ctx,
// device, renderer) stay borrowed.
var adoptWord = lazyRegexp(`^(input|in|src|source|stream|key|pkey|buf|buffer|data|file|fp|io|reader|writer|transport|bio|sink)$`)

// adoptFnWord() matches constructor name words saying the object takes
// over what it is given (foo_new_take, bar_adopt).
var adoptFnWord = lazyRegexp(`^(take|adopt|steal|consume|own|owned|transfer)$`)

// adopts reports whether a constructor made from a parent parameter may
// take ownership of it.
func adopts(param, fn string) bool {
	return hasWord(param, adoptWord()) || hasWord(fn, adoptFnWord())
}
