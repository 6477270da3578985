// attack: lz4 LZ4_initStream
// LZ4_initStream builds the stream inside the caller's buffer; Drop would
// free() memory the Vec owns (valgrind: invalid free).
#![forbid(unsafe_code)]
use lib::safe::*;
fn main() {
    let mut buf = vec![0u8; 32768];
    let s = Stream::init_stream(&mut buf).unwrap();
    drop(s);
}
