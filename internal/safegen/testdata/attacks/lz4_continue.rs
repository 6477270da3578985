// attack: lz4 LZ4_compress_fast_continue
// LZ4_compress_fast_continue reads the previous block again on the next
// call: a temporary block dangles.
#![forbid(unsafe_code)]
use lib::safe::*;
fn main() {
    let s = Stream::create_stream().unwrap();
    let mut dst = [0u8; 512];
    {
        let block = vec![7u8; 100];
        let _ = s.compress_fast_continue(&block, &mut dst, 1);
    }
    let _ = s.compress_fast_continue(&[7u8; 100], &mut dst, 1);
}
