// attack: yaml yaml_emitter_open
// yaml_emitter_open was taken for a constructor and ran on a zeroed,
// never-initialised emitter (valgrind: invalid write).
#![forbid(unsafe_code)]
use lib::safe::*;
fn main() {
    let (_rc, e) = Emitter::emitter_open();
    drop(e);
}
