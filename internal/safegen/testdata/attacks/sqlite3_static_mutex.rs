// attack: sqlite3 sqlite3_mutex_alloc
// sqlite3_mutex_alloc(SQLITE_MUTEX_STATIC_MAIN) returns a static mutex that
// Drop's sqlite3_mutex_free must never free.
#![forbid(unsafe_code)]
use lib::safe::*;
fn main() {
    let m = Mutex::mutex_alloc(2).unwrap();
    drop(m);
}
