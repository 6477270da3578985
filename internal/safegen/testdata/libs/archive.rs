#![forbid(unsafe_code)]
use lib::safe::*;

fn main() {
    let r = Archive::read_new().expect("reader");
    assert_eq!(r.read_support_filter_all(), 0);
    assert_eq!(r.read_support_format_all(), 0);
    let w = Archive::write_new().expect("writer");
    assert_eq!(w.write_set_format_pax_restricted(), 0);
    println!("{}", version_string().unwrap_or_default());
    println!("archive ok");
}
