// attack: uv uv_barrier_init
// uv_barrier_init(0) fails; its status was ignored and Drop destroyed an
// uninitialised barrier (SIGFPE in glibc, NULL dereference in libuv).
#![forbid(unsafe_code)]
use lib::safe::*;
fn main() {
    let (_rc, b) = Barrier::barrier_init(0);
    drop(b);
}
