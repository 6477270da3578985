package config

import (
	"regexp"
)

// Safe is the [safe] table: how the safe layer is shaped. Inferred rules
// (ferry suggest) use the same types, so suggest's output loads as is.
type Safe struct {
	// Raw is the Rust path of the raw bindings module, seen from the safe
	// module. Default "super::raw".
	Raw string `toml:"raw"`
	// StripPrefix lists prefixes removed from C names to make Rust names,
	// tried in order (e.g. ["sqlite3_"]).
	StripPrefix []string `toml:"strip_prefix"`
	// Include and Exclude are regular expressions over C function names
	// (anchored): only included, not excluded functions get wrappers. An
	// empty Include means every function of the primary headers.
	Include []string `toml:"include"`
	Exclude []string `toml:"exclude"`
	// Infer applies inference to functions without a [safe.fn] rule; default
	// true. With false only configured functions get wrappers.
	Infer *bool `toml:"infer"`
	// CheckedIntArgs is the library's promise that it validates integer
	// arguments (indices, counts) instead of invoking undefined behaviour.
	// Without it, methods taking index-like integers stay unsafe.
	CheckedIntArgs bool `toml:"checked_int_args"`

	Error *Error            `toml:"error"`
	Types map[string]*Type  `toml:"type"`
	Funcs map[string]*Func  `toml:"fn"`
	Enums map[string]*Enum  `toml:"enum"`
	Flags map[string]*Flags `toml:"flags"`
}

// InferEnabled reports whether inference is on (the default).
func (s *Safe) InferEnabled() bool { return s.Infer == nil || *s.Infer }

// Error is [safe.error]: the library's status-code convention.
type Error struct {
	// Success lists the status values that are not errors: constant names
	// or integer literals ("SQLITE_OK", "0").
	Success []string `toml:"success"`
	// NonNegative makes every value >= 0 a success (in addition to Success).
	NonNegative bool `toml:"non_negative"`
	// Message is "FN(handle)": a function that returns the message of the
	// last error on a handle (sqlite3_errmsg).
	Message string `toml:"message"`
	// CodeMessage is "FN(code)": a function that returns a static message
	// for a status code (zError, sqlite3_errstr).
	CodeMessage string `toml:"code_message"`
	// IsError is "FN(code)": a function telling whether a result is an
	// error code (ZSTD_isError). Functions returning its parameter's type
	// with returns = "status" are checked with it instead of Success.
	IsError string `toml:"is_error"`

	Why string `toml:"-"`
}

// Type is [safe.type.RustName]: a C type the safe layer owns or wraps.
type Type struct {
	// C is the C type: a struct tag or typedef name.
	C string `toml:"c"`
	// Kind is "handle" (an opaque pointer the library allocates; default)
	// or "value" (a complete struct the safe type boxes, zero-fills and
	// initialises in place, like z_stream).
	Kind string `toml:"kind"`
	// Drop is the C function that releases the object; it runs in Drop.
	Drop string `toml:"drop"`
	// DropOnError also releases an object a constructor returned together
	// with a failing status (sqlite3_open); default: it is leaked.
	DropOnError bool `toml:"drop_on_error"`
	// Parent is the Rust type this one must not outlive (a Statement and its
	// Connection): the safe type gets a lifetime bound to it.
	Parent string `toml:"parent"`
	// ErrorHandle is a function taking this type and returning the handle
	// the error message function takes (sqlite3_db_handle).
	ErrorHandle string `toml:"error_handle"`
	// Send and Sync are the library's threading promise for this type.
	Send bool `toml:"send"`
	Sync bool `toml:"sync"`

	Why string `toml:"-"`
}

// Func is [safe.fn.ID]: how one C function is wrapped. ID is the C name
// unless C is set (several wrappers of one function).
type Func struct {
	C    string `toml:"c"`
	Name string `toml:"name"` // Rust name; default: C name without prefix, snake_case
	// Skip leaves the function in the raw module only.
	Skip bool `toml:"skip"`
	// Unsafe keeps the wrapper an unsafe fn (true), or overrides a caution
	// inference raised (false: "I know the library copies this buffer").
	// Nil means no opinion.
	Unsafe *bool `toml:"unsafe"`
	// Method is the Rust type this function is a method (or constructor) of.
	Method string `toml:"method"`
	// Receiver is "ref" (&self) or "mut" (&mut self); default from the
	// return mapping.
	Receiver string `toml:"receiver"`
	// Constructor makes the function create a new Method object: its
	// result, its out-parameter or (value kinds) its self parameter.
	Constructor bool `toml:"constructor"`
	// Returns maps the result: "value", "void", "status", "bool", "string",
	// "cstring", "static_cstr", "bytes", "handle", "enum:NAME", "flags:NAME".
	Returns string `toml:"returns"`
	// KeepCode puts the success status in the Ok value (Z_STREAM_END).
	KeepCode bool `toml:"keep_code"`
	// Free releases an owned string or buffer result after copying it.
	Free string `toml:"free"`
	// LenFn gives the byte length of a "bytes" result; it is called with
	// the same arguments after the function (sqlite3_column_bytes).
	LenFn  string            `toml:"len_fn"`
	Params map[string]*Param `toml:"params"`
	// Fields are slices passed through fields of the self struct (zlib's
	// next_in/avail_in), keyed by the Rust parameter name.
	Fields map[string]*Field `toml:"fields"`
	Doc    string            `toml:"doc"`

	Why string `toml:"-"`
	// Order is the function's position in the headers (inference only).
	Order int `toml:"-"`
}

// IsUnsafe reports whether the rule keeps the function unsafe.
func (f *Func) IsUnsafe() bool { return f.Unsafe != nil && *f.Unsafe }

// Bool returns a pointer to v, for the optional boolean keys.
func Bool(v bool) *bool { return &v }

// Param is one parameter's mapping, keyed by the C parameter name (or
// "arg1", "arg2"... when unnamed).
type Param struct {
	// As is "value", "self", "handle", "slice", "mut_slice", "str",
	// "bytes_out" (buffer whose length is in/out through a pointer),
	// "cstr", "opt_cstr", "out", "len", "const", "null", "enum", "flags",
	// "callback", "user_data".
	As string `toml:"as"`
	// Len names the length parameter of a slice, str or bytes_out.
	Len string `toml:"len"`
	// Type names the Rust enum, flags or handle type.
	Type string `toml:"type"`
	// Value is a "const" parameter's value: an integer, a constant's name,
	// "sizeof(T)", "null" or "fnptr(-1)".
	Value string `toml:"value"`
	// Capacity makes a bytes_out parameter allocate its own Vec: an integer
	// or "FN(PARAM)" over the other parameters (compressBound(sourceLen)).
	Capacity string `toml:"capacity"`
	// RetryOn lists status values meaning "buffer too small": the call is
	// repeated with twice the capacity (uncompress's Z_BUF_ERROR).
	RetryOn []string `toml:"retry_on"`
	// UserData names the void* parameter passed back to a callback.
	UserData string `toml:"user_data"`
	// Scope of a callback: "call" (only called before the function returns).
	Scope string `toml:"scope"`
	// OnPanic is the value a callback returns to C when the closure panics.
	OnPanic int64 `toml:"on_panic"`
	// Optional lets the Rust caller pass None (C gets NULL).
	Optional bool `toml:"optional"`

	Why string `toml:"-"`
}

// Field is one struct-field buffer of a method on a value type.
type Field struct {
	Ptr string `toml:"ptr"`
	Len string `toml:"len"`
	As  string `toml:"as"` // "slice" or "mut_slice"
}

// Enum is [safe.enum.RustName]: a Rust enum over a C enum or a group of
// constants.
type Enum struct {
	C      string `toml:"c"`      // the C enum (tag or typedef)
	Consts string `toml:"consts"` // or: a regular expression over constant names
	Type   string `toml:"type"`   // the C integer type of a constant group; default "int"
	Strip  string `toml:"strip"`  // prefix removed from the variant names
	Why    string `toml:"-"`
}

// Flags is [safe.flags.RustName]: a bit-flag newtype.
type Flags struct {
	C      string `toml:"c"`
	Consts string `toml:"consts"`
	Type   string `toml:"type"`
	Strip  string `toml:"strip"`
	Why    string `toml:"-"`
}

var (
	paramKinds = set("value", "self", "handle", "slice", "mut_slice", "str", "bytes_out", "cstr",
		"opt_cstr", "out", "len", "const", "null", "enum", "flags", "callback", "user_data")
	typeKinds = set("", "handle", "value")
)

func set(xs ...string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

var returnRE = regexp.MustCompile(`^(value|void|status|bool|string|cstring|static_cstr|bytes|handle|(enum|flags):\w+)?$`)

// validate checks values the decoder cannot: enumerated strings and
// regular expressions.
func (s *Safe) validate(f *File) error {
	for _, pat := range append(append([]string(nil), s.Include...), s.Exclude...) {
		if _, err := regexp.Compile(pat); err != nil {
			return f.Errorf([]string{"safe", "include"}, "bad regular expression %q: %v", pat, err)
		}
	}
	for _, name := range sortedKeys(s.Types) {
		t := s.Types[name]
		if t == nil || t.C == "" {
			return f.Errorf([]string{"safe", "type", name}, "type %s needs c = \"C type\"", name)
		}
		if !typeKinds[t.Kind] {
			return f.Errorf([]string{"safe", "type", name, "kind"}, "kind %q is not handle or value", t.Kind)
		}
	}
	for _, id := range sortedKeys(s.Funcs) {
		fn := s.Funcs[id]
		if fn == nil {
			continue
		}
		if !returnRE.MatchString(fn.Returns) {
			return f.Errorf([]string{"safe", "fn", id, "returns"}, "returns %q is not a known mapping", fn.Returns)
		}
		if fn.Receiver != "" && fn.Receiver != "ref" && fn.Receiver != "mut" {
			return f.Errorf([]string{"safe", "fn", id, "receiver"}, "receiver %q is not ref or mut", fn.Receiver)
		}
		for _, pn := range sortedKeys(fn.Params) {
			p := fn.Params[pn]
			if p == nil || !paramKinds[p.As] {
				as := ""
				if p != nil {
					as = p.As
				}
				return f.Errorf([]string{"safe", "fn", id, "params", pn}, "parameter mapping %q is not known", as)
			}
		}
		for _, fname := range sortedKeys(fn.Fields) {
			fl := fn.Fields[fname]
			if fl == nil || fl.Ptr == "" || fl.Len == "" || (fl.As != "slice" && fl.As != "mut_slice") {
				return f.Errorf([]string{"safe", "fn", id, "fields", fname}, "field buffer needs ptr, len and as = \"slice\" or \"mut_slice\"")
			}
		}
	}
	for _, name := range sortedKeys(s.Enums) {
		e := s.Enums[name]
		if e == nil || (e.C == "") == (e.Consts == "") {
			return f.Errorf([]string{"safe", "enum", name}, "enum %s needs exactly one of c or consts", name)
		}
		if _, err := regexp.Compile(e.Consts); err != nil {
			return f.Errorf([]string{"safe", "enum", name, "consts"}, "bad regular expression: %v", err)
		}
	}
	for _, name := range sortedKeys(s.Flags) {
		e := s.Flags[name]
		if e == nil || (e.C == "") == (e.Consts == "") {
			return f.Errorf([]string{"safe", "flags", name}, "flags %s needs exactly one of c or consts", name)
		}
		if _, err := regexp.Compile(e.Consts); err != nil {
			return f.Errorf([]string{"safe", "flags", name, "consts"}, "bad regular expression: %v", err)
		}
	}
	return nil
}
