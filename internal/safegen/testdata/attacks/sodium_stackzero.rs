// attack: sodium sodium_stackzero
// sodium_stackzero(len) clears len bytes of stack below the caller.
#![forbid(unsafe_code)]
use lib::safe::*;
fn main() {
    sodium_stackzero(1 << 40);
}
