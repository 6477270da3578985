// attack: jansson json_dumpfd
// json_dumpfd writes to any descriptor, owned or not (I/O safety).
#![forbid(unsafe_code)]
use lib::safe::*;
fn main() {
    let (j, _) = Json::loads("{}", 0).unwrap();
    let _ = j.dumpfd(0, 99);
}
