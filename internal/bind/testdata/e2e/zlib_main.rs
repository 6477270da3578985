// Round-trips data through zlib using only ferry's raw bindings.
#![allow(dead_code, non_camel_case_types, non_upper_case_globals, non_snake_case, improper_ctypes)]
mod raw {
    include!(env!("FERRY_BINDINGS"));
}
use raw::*;

fn main() {
    let input: Vec<u8> = b"ferry carries bytes across the boundary, again and again and again"
        .repeat(20);
    unsafe {
        let mut clen = compressBound(input.len() as _);
        let mut comp = vec![0u8; clen as usize];
        let rc = compress(comp.as_mut_ptr(), &mut clen, input.as_ptr(), input.len() as _);
        assert_eq!(rc, Z_OK as _, "compress");
        assert!((clen as usize) < input.len(), "compressed {} of {}", clen, input.len());

        let mut dlen = input.len() as _;
        let mut out = vec![0u8; input.len()];
        let rc = uncompress(out.as_mut_ptr(), &mut dlen, comp.as_ptr(), clen);
        assert_eq!(rc, Z_OK as _, "uncompress");
        assert_eq!(dlen as usize, input.len());
        assert_eq!(out, input);

        let v = core::ffi::CStr::from_ptr(zlibVersion());
        assert!(v.to_str().unwrap().starts_with('1'));
        // A corrupt stream is reported, not crashed on.
        let mut dlen2 = input.len() as _;
        let bad = [0u8; 16];
        let rc = uncompress(out.as_mut_ptr(), &mut dlen2, bad.as_ptr(), bad.len() as _);
        assert_eq!(rc, Z_DATA_ERROR as _);
    }
    println!("zlib round trip ok");
}
