#![forbid(unsafe_code)]
use lib::safe::*;

fn main() {
    let src = b"lz4 lz4 lz4 lz4 lz4 lz4 round trip ".repeat(30);
    let mut packed = vec![0u8; compress_bound(src.len() as i32) as usize];
    let n = compress_default(&src, &mut packed).expect("lengths fit");
    assert!(n > 0, "LZ4 returns 0 on failure");
    let mut out = vec![0u8; src.len()];
    let m = decompress_safe(&packed[..n as usize], &mut out).expect("lengths fit");
    assert_eq!(&out[..m as usize], &src[..]);
    // Corrupt input: a negative result, never a write past `out`.
    let bad = decompress_safe(&[0xff; 16], &mut out[..8]).expect("lengths fit");
    assert!(bad < 0);
    println!("lz4 {}: ok", version_string().unwrap_or_default());
    println!("lz4 ok");
}
