// attack: sqlite3 sqlite3_filename_database sqlite3_uri_parameter
// sqlite3_filename must come from sqlite: it scans around the string
// (valgrind: invalid read).
#![forbid(unsafe_code)]
use lib::safe::*;
fn main() {
    println!("{:?}", filename_database("x"));
    println!("{:?}", uri_parameter("x", "y"));
}
