#![forbid(unsafe_code)]
use lib::safe::*;

fn main() {
    let mut src = b"bzip2 bzip2 bzip2 through ferry ".repeat(50);
    let mut packed = vec![0u8; src.len() + 600];
    let n = bz_buff_to_buff_compress(&mut src, 9, 0, 30, &mut packed).expect("compress");
    let mut out = vec![0u8; src.len()];
    let m = bz_buff_to_buff_decompress(&mut packed[..n], 0, 0, &mut out).expect("decompress");
    assert_eq!(&out[..m], &src[..]);
    let err = bz_buff_to_buff_decompress(&mut b"BZh9 garbage".to_vec(), 0, 0, &mut out).expect_err("bad input fails");
    println!("error code {}", err.code());
    println!("bzlib ok");
}
