package export

// rustHelpers are the private functions shims call, emitted only when used.
// They hold every check once, so each shim stays short enough to review.
// In the templates, ´ stands for a backquote (Go raw strings cannot hold one).
var rustHelpers = []struct{ name, code string }{
	{"ferry_catch", `/// Runs ´f´, turning a panic into ´PREFIX_ERR_PANIC´ so it never unwinds into C.
fn ferry_catch<R>(f: impl FnOnce() -> Result<R, c_int>) -> Result<R, c_int> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            // Dropping a payload can itself panic; leak it instead.
            core::mem::forget(payload);
            Err(PREFIX_ERR_PANIC)
        }
    }
}
`},
	{"ferry_result", `/// Maps a Rust error to ´PREFIX_ERR_RESULT´ (the error value is dropped).
fn ferry_result<T, E>(r: Result<T, E>) -> Result<T, c_int> {
    r.map_err(|_| PREFIX_ERR_RESULT)
}
`},
	{"ferry_slice", `/// Checks a C (pointer, length) pair and borrows it as a slice: null is
/// only allowed with length 0, and the pointer must be aligned.
unsafe fn ferry_slice<'a, T>(ptr: *const T, len: usize) -> Result<&'a [T], c_int> {
    if ptr.is_null() {
        return if len == 0 {
            Ok(&[])
        } else {
            Err(PREFIX_ERR_NULL)
        };
    }
    if len > isize::MAX as usize / core::mem::size_of::<T>().max(1) {
        return Err(PREFIX_ERR_LEN);
    }
    if !ptr.is_aligned() {
        return Err(PREFIX_ERR_ALIGN);
    }
    // SAFETY: non-null, aligned, and the byte length fits isize; the caller
    // promises ´len´ initialized elements that stay valid for the call.
    Ok(unsafe { core::slice::from_raw_parts(ptr, len) })
}
`},
	{"ferry_slice_mut", `/// Like ´ferry_slice´, for a slice the callee may write.
unsafe fn ferry_slice_mut<'a, T>(ptr: *mut T, len: usize) -> Result<&'a mut [T], c_int> {
    if ptr.is_null() {
        return if len == 0 {
            Ok(&mut [])
        } else {
            Err(PREFIX_ERR_NULL)
        };
    }
    if len > isize::MAX as usize / core::mem::size_of::<T>().max(1) {
        return Err(PREFIX_ERR_LEN);
    }
    if !ptr.is_aligned() {
        return Err(PREFIX_ERR_ALIGN);
    }
    // SAFETY: as in ferry_slice, and the caller promises no other access.
    Ok(unsafe { core::slice::from_raw_parts_mut(ptr, len) })
}
`},
	{"ferry_str", `/// Borrows a NUL-terminated C string as ´&str´, checking UTF-8.
unsafe fn ferry_str<'a>(ptr: *const c_char) -> Result<&'a str, c_int> {
    if ptr.is_null() {
        return Err(PREFIX_ERR_NULL);
    }
    // SAFETY: non-null; the caller promises a NUL-terminated string.
    let s = unsafe { core::ffi::CStr::from_ptr(ptr) };
    s.to_str().map_err(|_| PREFIX_ERR_UTF8)
}
`},
	{"ferry_cstr", `/// Borrows a NUL-terminated C string as ´&CStr´.
unsafe fn ferry_cstr<'a>(ptr: *const c_char) -> Result<&'a core::ffi::CStr, c_int> {
    if ptr.is_null() {
        return Err(PREFIX_ERR_NULL);
    }
    // SAFETY: non-null; the caller promises a NUL-terminated string.
    Ok(unsafe { core::ffi::CStr::from_ptr(ptr) })
}
`},
	{"ferry_ref", `/// Borrows a non-null, aligned pointer as ´&T´.
unsafe fn ferry_ref<'a, T>(ptr: *const T) -> Result<&'a T, c_int> {
    if ptr.is_null() {
        return Err(PREFIX_ERR_NULL);
    }
    if !ptr.is_aligned() {
        return Err(PREFIX_ERR_ALIGN);
    }
    // SAFETY: non-null and aligned; the caller promises a valid ´T´.
    Ok(unsafe { &*ptr })
}
`},
	{"ferry_mut", `/// Borrows a non-null, aligned pointer as ´&mut T´.
unsafe fn ferry_mut<'a, T>(ptr: *mut T) -> Result<&'a mut T, c_int> {
    if ptr.is_null() {
        return Err(PREFIX_ERR_NULL);
    }
    if !ptr.is_aligned() {
        return Err(PREFIX_ERR_ALIGN);
    }
    // SAFETY: non-null and aligned; the caller promises a valid, unaliased ´T´.
    Ok(unsafe { &mut *ptr })
}
`},
	{"ferry_opt_ref", `/// Borrows a nullable pointer as ´Option<&T>´.
unsafe fn ferry_opt_ref<'a, T>(ptr: *const T) -> Result<Option<&'a T>, c_int> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: as in ferry_ref.
    unsafe { ferry_ref(ptr) }.map(Some)
}
`},
	{"ferry_opt_mut", `/// Borrows a nullable pointer as ´Option<&mut T>´.
unsafe fn ferry_opt_mut<'a, T>(ptr: *mut T) -> Result<Option<&'a mut T>, c_int> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: as in ferry_mut.
    unsafe { ferry_mut(ptr) }.map(Some)
}
`},
	{"ferry_box", `/// Takes back ownership of a pointer that came from ´Box::into_raw´.
unsafe fn ferry_box<T>(ptr: *mut T) -> Result<Box<T>, c_int> {
    if ptr.is_null() {
        return Err(PREFIX_ERR_NULL);
    }
    if !ptr.is_aligned() {
        return Err(PREFIX_ERR_ALIGN);
    }
    // SAFETY: the caller promises the pointer came from this library's
    // Box::into_raw and is not used again.
    Ok(unsafe { Box::from_raw(ptr) })
}
`},
	{"ferry_out", `/// Checks an out-parameter before the call, so a bad one costs no work.
fn ferry_out<T>(ptr: *mut T) -> Result<*mut T, c_int> {
    if ptr.is_null() {
        return Err(PREFIX_ERR_NULL);
    }
    if !ptr.is_aligned() {
        return Err(PREFIX_ERR_ALIGN);
    }
    Ok(ptr)
}
`},
	{"ferry_c_string", `/// Moves a Rust string to C as an owned NUL-terminated string.
fn ferry_c_string(s: String) -> Result<*mut c_char, c_int> {
    match std::ffi::CString::new(s) {
        Ok(c) => Ok(c.into_raw()),
        Err(_) => Err(PREFIX_ERR_NUL),
    }
}
`},
}

// statusCodes are the shims' status values, in the header and the Rust file.
var statusCodes = []struct {
	suffix string
	value  int
	doc    string
}{
	{"OK", 0, "the call succeeded"},
	{"ERR_NULL", -1, "a required pointer was NULL (or a NULL array pointer came with a nonzero length)"},
	{"ERR_LEN", -2, "an array length is too large for its element type (over isize::MAX bytes)"},
	{"ERR_UTF8", -3, "a string argument is not valid UTF-8 (or a char is not a Unicode scalar value)"},
	{"ERR_PANIC", -4, "the Rust function panicked; the panic was caught and did not unwind into C"},
	{"ERR_RESULT", -5, "the Rust function returned an error (Err)"},
	{"ERR_ALIGN", -6, "a pointer argument is not aligned for its type"},
	{"ERR_NUL", -7, "a returned string contains an interior NUL byte"},
	{"ERR_ENUM", -8, "an enum argument holds a value that is not one of its variants"},
}
