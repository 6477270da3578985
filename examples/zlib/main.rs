// Drives the safe zlib API generated from ferry.toml. It must contain no
// unsafe code: the test scans it, and the compiler forbids it.
#![forbid(unsafe_code)]

use ferry_zlib::safe::{self, Deflate, ErrorKind, Flush, Inflate, Status};

fn main() {
    let data: Vec<u8> = b"hello hello hello hello, ferry! "
        .iter()
        .cycle()
        .take(100_000)
        .copied()
        .collect();

    // One-shot round trip, with the destination sized by compressBound
    // and the inflate buffer grown on Z_BUF_ERROR.
    let packed = safe::compress(&data).expect("compress");
    assert!(packed.len() < data.len() / 10, "compressed to {}", packed.len());
    let unpacked = safe::uncompress(&packed).expect("uncompress");
    assert_eq!(unpacked, data);

    // Into a caller's buffer: too small is an error, never an overflow.
    let mut small = [0u8; 8];
    let err = safe::compress_into(&data, &mut small).expect_err("8 bytes cannot hold it");
    assert_eq!(err.kind(), ErrorKind::Status);
    assert_eq!(Status::try_from(err.code() as i32), Ok(Status::BufError));

    // Checksums.
    assert_eq!(safe::crc32(0, b"123456789").expect("crc32"), 0xCBF4_3926);
    assert_eq!(safe::adler32(1, b"Wikipedia").expect("adler32"), 0x11E6_0398);

    // Corrupt input fails with an error carrying zlib's message.
    let err = safe::uncompress(b"this is not a zlib stream").expect_err("corrupt input");
    assert_eq!(err.kind(), ErrorKind::Status);
    assert!(!err.message().is_empty());
    println!("corrupt input: {err}");

    // Streaming: deflate in small steps, inflate in small steps.
    let mut z = Deflate::new(6).expect("deflateInit");
    let mut stream = Vec::new();
    let mut out = [0u8; 1000];
    for chunk in data.chunks(7_000) {
        let mut input = chunk;
        while !input.is_empty() {
            let (_, used, produced) = z.deflate(Flush::NoFlush, input, &mut out).expect("deflate");
            stream.extend_from_slice(&out[..produced]);
            input = &input[used..];
        }
    }
    loop {
        let (code, _, produced) = z.deflate(Flush::Finish, &[], &mut out).expect("finish");
        stream.extend_from_slice(&out[..produced]);
        if Status::try_from(code) == Ok(Status::StreamEnd) {
            break;
        }
    }
    drop(z);

    let mut inf = Inflate::new().expect("inflateInit");
    let mut back = Vec::new();
    let mut input = &stream[..];
    loop {
        let (code, used, produced) = inf.inflate(Flush::NoFlush, input, &mut out).expect("inflate");
        back.extend_from_slice(&out[..produced]);
        input = &input[used..];
        if Status::try_from(code) == Ok(Status::StreamEnd) {
            break;
        }
    }
    assert_eq!(back, data);

    // A corrupt stream: Err, not a crash.
    let mut inf = Inflate::new().expect("inflateInit");
    let err = inf
        .inflate(Flush::NoFlush, b"\x78\x9c garbage garbage", &mut out)
        .expect_err("corrupt stream");
    println!("corrupt stream: {err}");
    inf.reset().expect("inflateReset");

    // An out-of-range enum value is an error, not undefined behaviour.
    let err = Flush::try_from(99).expect_err("99 is not a flush mode");
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(Flush::try_from(4), Ok(Flush::Finish));

    println!("zlib ok");
}
