#![forbid(unsafe_code)]
use lib::safe::*;

fn main() {
    assert!(sodium_init() >= 0);
    let mut key = [0u8; 32];
    randombytes_buf(&mut key);
    let mut h1 = [0u8; 32];
    let mut h2 = [0u8; 32];
    generichash(&mut h1, b"message", &key).expect("hash");
    generichash(&mut h2, b"message", &key).expect("hash");
    assert_eq!(h1, h2);
    let mut hex = [0u8; 65];
    let s = sodium_bin2hex(&mut hex, &h1).expect("hex");
    assert_eq!(s.len(), 64);
    sodium_memzero(&mut key);
    assert_eq!(sodium_is_zero(&key), 1);
    println!("sodium ok");
}
