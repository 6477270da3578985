//! Sample crate for the end-to-end test: idiomatic functions, exported
//! through generated shims, plus one hand-written extern "C" function.

/// Adds one to every byte (the reference's example).
/// ferry: export as do_thing
pub fn do_thing_idiomatic(arr: &mut [u8]) {
    for b in arr {
        *b = b.wrapping_add(1);
    }
}

/// Length of a UTF-8 string in chars.
/// ferry: export
pub fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// Panics on purpose.
/// ferry: export
pub fn explode(n: i32) -> i32 {
    if n > 0 {
        panic!("boom");
    }
    n
}

/// ferry: export
pub fn greet(name: &str) -> String {
    format!("hello, {name}")
}

/// ferry: export
pub fn parse_num(s: &str) -> Result<i64, std::num::ParseIntError> {
    s.trim().parse()
}

pub fn sum_checked(xs: &[u32]) -> u64 {
    xs.iter().map(|&x| u64::from(x)).sum()
}

pub struct Counter {
    n: u64,
}

/// ferry: export
pub fn counter_new(start: u64) -> Box<Counter> {
    Box::new(Counter { n: start })
}

/// ferry: export
pub fn counter_incr(c: &mut Counter) -> u64 {
    c.n += 1;
    c.n
}

/// ferry: export
pub fn squares(n: u32) -> Vec<u32> {
    (0..n).map(|i| i * i).collect()
}

#[no_mangle]
pub extern "C" fn plain_add(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}
