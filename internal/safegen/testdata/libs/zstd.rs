#![forbid(unsafe_code)]
use lib::safe::*;

fn main() {
    let src = b"hello ferry, hello zstd; ".repeat(40);
    let mut packed = vec![0u8; compress_bound(src.len()).expect("bound")];
    let n = compress(&mut packed, &src, 3).expect("compress");
    packed.truncate(n);
    let mut out = vec![0u8; src.len()];
    let m = decompress(&mut out, &packed).expect("decompress");
    assert_eq!(&out[..m], &src[..]);
    // ZSTD_isError turns error results into Err with ZSTD_getErrorName.
    let err = decompress(&mut out, b"not a zstd frame").expect_err("bad input fails");
    assert!(!err.message().is_empty());
    let cctx = CCtx::create_c_ctx().expect("cctx");
    cctx.c_ctx_set_parameter(CParameter::CompressionLevel, 19).expect("level");
    let mut p2 = vec![0u8; packed.capacity() + 64];
    let n2 = cctx.compress2(&mut p2, &src).expect("compress2");
    let dctx = DCtx::create_d_ctx().expect("dctx");
    let m2 = dctx.decompress_d_ctx(&mut out, &p2[..n2]).expect("decompress");
    assert_eq!(m2, src.len());
    println!("{} -> {n} bytes; error: {}", src.len(), err.message());
    println!("zstd ok");
}
