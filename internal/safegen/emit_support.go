package safegen

import (
	"fmt"
	"strings"
)

// emitter writes the safe module. Private helpers are emitted only when a
// wrapper uses them, so the module never has dead code.
type emitter struct {
	p     *Plan
	pl    *planner
	ts    *types
	raw   string
	b     strings.Builder
	needs map[string]bool
	sigs  map[string]string // callback alias name -> definition
	cbs   []string
}

func (e *emitter) need(h string) { e.needs[h] = true }

func (e *emitter) line(format string, args ...any) {
	if len(args) == 0 {
		e.b.WriteString(format)
	} else {
		fmt.Fprintf(&e.b, format, args...)
	}
	e.b.WriteByte('\n')
}

// docLines writes text as /// lines (or //! with inner).
func docLines(b *strings.Builder, indent, text string) {
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		l = strings.ReplaceAll(strings.TrimRight(l, " \t"), "\t", "    ")
		if l == "" {
			b.WriteString(indent + "///\n")
		} else {
			b.WriteString(indent + "/// " + l + "\n")
		}
	}
}

// cDoc quotes a C doc comment as a text block, so its markup is never
// read as Markdown.
func cDoc(doc string) string {
	doc = strings.TrimSpace(doc)
	if doc == "" {
		return ""
	}
	doc = strings.ReplaceAll(doc, "```", "'''")
	return "From the C header:\n\n```text\n" + doc + "\n```"
}

// widenable reports whether Rust integer type r implements Into<i64>.
func widenable(r string) bool {
	switch strings.TrimPrefix(r, "core::ffi::") {
	case "i8", "i16", "i32", "i64", "u8", "u16", "u32", "c_char", "c_schar", "c_uchar", "c_short",
		"c_ushort", "c_int", "c_uint", "c_long", "c_longlong":
		return true
	}
	return false
}

// toI64 renders a conversion of an integer expression to i64.
func (e *emitter) toI64(expr, r string) string {
	if widenable(r) {
		e.need("widen")
		return "widen(" + expr + ")"
	}
	return "i64::try_from(" + expr + ").unwrap_or(i64::MAX)"
}

func (e *emitter) hasEnums() bool {
	for _, ep := range e.p.Enums {
		if !ep.Flags {
			return true
		}
	}
	return false
}

// support writes the shared items: Error, CStrArg and the private helpers
// the wrappers asked for.
func (e *emitter) support() string {
	ep := e.p.Err
	if ep != nil && e.needs["handle_error"] {
		if ep.Message != "" {
			e.need("copy_string")
		}
		e.need("code_error")
	}
	if ep != nil && e.needs["code_error"] && ep.CodeMessage != "" {
		e.need("copy_string")
	}
	var b strings.Builder
	w := func(s string) { b.WriteString(s) }
	w(`/// What kind of failure an [` + "`Error`" + `] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The library returned a failing status code.
    Status,
    /// The library returned NULL where an object or value was expected.
    Null,
    /// A string argument contains an interior NUL byte.
    InteriorNul,
    /// A slice or string is longer than the C length type can hold.
    TooLong,
    /// A value is not one the C declaration allows (an unknown enum value).
    InvalidValue,
}

/// An error from a safe wrapper: its kind, the library's status code (0
/// when there is none) and a message (the library's, where it has one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    code: i64,
    message: String,
}

impl Error {
`)
	if e.needs["too_long"] || e.needs["null"] || e.needs["cstrarg"] || e.needs["code_error"] || e.needs["handle_error"] || e.hasEnums() {
		w(`    fn new(kind: ErrorKind, code: i64, message: String) -> Self {
        Self {
            kind,
            code,
            message,
        }
    }

`)
	}
	w(`    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The library's status code, or 0.
    pub fn code(&self) -> i64 {
        self.code
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
`)
	if e.needs["too_long"] {
		w(`
    fn too_long(what: &str) -> Self {
        Self::new(ErrorKind::TooLong, 0, format!("{what} is too long for its C length type"))
    }
`)
	}
	if e.needs["null"] {
		w(`
    fn null(func: &str) -> Self {
        Self::new(ErrorKind::Null, 0, format!("{func} returned NULL"))
    }
`)
	}
	w(`}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if self.code != 0 {
            write!(f, "{} (code {})", self.message, self.code)
        } else {
            f.write_str(&self.message)
        }
    }
}

impl std::error::Error for Error {}
`)
	if e.needs["cstrarg"] {
		w(`
/// A string argument: ` + "`&str`, `String`, `&CStr` or `CString`" + `. Rust strings are
/// copied and NUL-terminated; an interior NUL is an error, never a
/// truncation.
pub trait CStrArg {
    /// The string as a C string, borrowed when it already is one.
    fn to_c_str(&self) -> Result<std::borrow::Cow<'_, core::ffi::CStr>, Error>;
}

impl CStrArg for core::ffi::CStr {
    fn to_c_str(&self) -> Result<std::borrow::Cow<'_, core::ffi::CStr>, Error> {
        Ok(std::borrow::Cow::Borrowed(self))
    }
}

impl CStrArg for std::ffi::CString {
    fn to_c_str(&self) -> Result<std::borrow::Cow<'_, core::ffi::CStr>, Error> {
        Ok(std::borrow::Cow::Borrowed(self.as_c_str()))
    }
}

impl CStrArg for str {
    fn to_c_str(&self) -> Result<std::borrow::Cow<'_, core::ffi::CStr>, Error> {
        std::ffi::CString::new(self)
            .map(std::borrow::Cow::Owned)
            .map_err(|_| Error::new(ErrorKind::InteriorNul, 0, "string contains a NUL byte".to_owned()))
    }
}

impl CStrArg for String {
    fn to_c_str(&self) -> Result<std::borrow::Cow<'_, core::ffi::CStr>, Error> {
        self.as_str().to_c_str()
    }
}
`)
	}
	if e.needs["widen"] {
		w(`
fn widen<T: Into<i64>>(v: T) -> i64 {
    v.into()
}
`)
	}
	if e.needs["copy_string"] {
		w(`
/// Copies a C string into a ` + "`String`" + ` (invalid UTF-8 is replaced).
///
/// # Safety
/// ` + "`p`" + ` is NULL or points to a NUL-terminated string valid for this call.
unsafe fn copy_string(p: *const core::ffi::c_char) -> Option<String> {
    if p.is_null() {
        return None;
    }
    // SAFETY: non-null and NUL-terminated by the caller's contract.
    Some(unsafe { core::ffi::CStr::from_ptr(p) }.to_string_lossy().into_owned())
}
`)
	}
	if e.needs["contains"] {
		w(`
/// Whether p points into buf or just past its end.
fn contains(buf: &[u8], p: *const core::ffi::c_char) -> bool {
    let (base, at) = (buf.as_ptr().addr(), p.addr());
    at >= base && at - base <= buf.len()
}
`)
	}
	if e.needs["copy_string_in"] || e.needs["copy_cstring_in"] {
		w(`
/// The bytes of a C string that may point into buf: read only within buf
/// (None without a NUL there), else as a C string.
///
/// # Safety
/// ` + "`p`" + ` is NULL, points into buf, or points to a NUL-terminated string valid
/// for this call.
unsafe fn c_bytes_in(p: *const core::ffi::c_char, buf: &[u8]) -> Option<&core::ffi::CStr> {
    if p.is_null() {
        return None;
    }
    let (base, at) = (buf.as_ptr().addr(), p.addr());
    if at >= base && at - base <= buf.len() {
        return core::ffi::CStr::from_bytes_until_nul(&buf[at - base..]).ok();
    }
    // SAFETY: outside buf, p is a NUL-terminated string by the contract.
    Some(unsafe { core::ffi::CStr::from_ptr(p) })
}
`)
	}
	if e.needs["copy_string_in"] {
		w(`
/// Copies a C string that may point into buf (see c_bytes_in).
///
/// # Safety
/// As for c_bytes_in.
unsafe fn copy_string_in(p: *const core::ffi::c_char, buf: &[u8]) -> Option<String> {
    // SAFETY: forwarded contract.
    unsafe { c_bytes_in(p, buf) }.map(|s| s.to_string_lossy().into_owned())
}
`)
	}
	if e.needs["copy_cstring_in"] {
		w(`
/// Copies a C string that may point into buf (see c_bytes_in).
///
/// # Safety
/// As for c_bytes_in.
unsafe fn copy_cstring_in(p: *const core::ffi::c_char, buf: &[u8]) -> Option<std::ffi::CString> {
    // SAFETY: forwarded contract.
    unsafe { c_bytes_in(p, buf) }.map(|s| s.to_owned())
}
`)
	}
	if e.needs["copy_cstring"] {
		w(`
/// Copies a C string into a ` + "`CString`" + `.
///
/// # Safety
/// ` + "`p`" + ` is NULL or points to a NUL-terminated string valid for this call.
unsafe fn copy_cstring(p: *const core::ffi::c_char) -> Option<std::ffi::CString> {
    if p.is_null() {
        return None;
    }
    // SAFETY: non-null and NUL-terminated by the caller's contract.
    Some(unsafe { core::ffi::CStr::from_ptr(p) }.to_owned())
}
`)
	}
	if ep != nil && e.needs["status_ok"] {
		var pats []string
		for _, v := range ep.Success {
			pats = append(pats, fmt.Sprint(v))
		}
		cond := "false"
		if len(pats) > 0 {
			cond = "matches!(rc, " + strings.Join(pats, " | ") + ")"
		}
		if ep.NonNegative && len(pats) == 0 {
			cond = "rc >= 0"
		} else if ep.NonNegative {
			cond = "rc >= 0 || " + cond
		}
		w(`
/// Whether a status code means success.
fn status_ok(rc: i64) -> bool {
    ` + cond + `
}
`)
	}
	if ep != nil && (e.needs["code_error"] || e.needs["handle_error"]) {
		if ep.CodeMessage != "" {
			e.need("copy_string")
			conv := ep.CodeType + "::try_from(rc)"
			if ep.IsError != "" && ep.CodeType == ep.IsErrorType {
				// Checker codes are results reinterpreted: (size_t)-N.
				conv = "Ok::<" + ep.CodeType + ", core::convert::Infallible>(rc as " + ep.CodeType + ")"
			}
			w(`
/// The error for a status code, with the library's message for it.
fn code_error(rc: i64) -> Error {
    let msg = match ` + conv + ` {
        // SAFETY: the message function takes any code and returns NULL or a
        // NUL-terminated string, copied at once.
        Ok(c) => unsafe { copy_string(` + e.ts.fn(ep.CodeMessage) + `(c).cast()) },
        Err(_) => None,
    };
    Error::new(ErrorKind::Status, rc, msg.unwrap_or_else(|| format!("error {rc}")))
}
`)
		} else {
			w(`
/// The error for a status code.
fn code_error(rc: i64) -> Error {
    Error::new(ErrorKind::Status, rc, format!("error {rc}"))
}
`)
		}
	}
	if ep != nil && e.needs["handle_error"] && ep.Message != "" {
		e.need("copy_string")
		w(`
/// The error for a status code, with the message the library keeps on the
/// handle (copied at once, before any other call can change it).
///
/// # Safety
/// ` + "`h`" + ` is NULL or a live handle.
unsafe fn handle_error(h: ` + ep.MessageRaw + `, rc: i64) -> Error {
    if h.is_null() {
        return code_error(rc);
    }
    // SAFETY: h is live by the caller's contract; the message is copied.
    match unsafe { copy_string(` + e.ts.fn(ep.Message) + `(h).cast()) } {
        Some(msg) => Error::new(ErrorKind::Status, rc, msg),
        None => code_error(rc),
    }
}
`)
	}
	return b.String()
}
