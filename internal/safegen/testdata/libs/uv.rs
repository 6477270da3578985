#![forbid(unsafe_code)]
use lib::safe::*;

fn main() {
    let lp = Loop::loop_init().expect("loop");
    assert_eq!(lp.run(RunMode::Default), 0); // nothing to do
    assert_eq!(lp.loop_alive(), 0);
    // uv_strerror_r returns its buffer: read within it only.
    assert_eq!(strerror_r(-2, &mut []), None);
    let mut buf = [0u8; 64];
    assert!(strerror_r(-2, &mut buf).is_some());
    println!("{}", version_string().unwrap_or_default());
    println!("uv ok");
}
