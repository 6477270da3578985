// custom header
// second line

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct point {
    pub x: ::core::ffi::c_int,
    pub y: ::core::ffi::c_int,
}
