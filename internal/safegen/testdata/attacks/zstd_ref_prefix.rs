// attack: zstd ZSTD_CCtx_refPrefix
// ZSTD_CCtx_refPrefix references the prefix until the next compression:
// it may be freed first.
#![forbid(unsafe_code)]
use lib::safe::*;
fn main() {
    let c = CCtx::create_c_ctx().unwrap();
    {
        let prefix = vec![1u8; 64];
        c.c_ctx_ref_prefix(&prefix).unwrap();
    }
    let mut dst = [0u8; 256];
    let _ = c.compress2(&mut dst, b"uses the freed prefix");
}
