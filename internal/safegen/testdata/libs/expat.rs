#![forbid(unsafe_code)]
use lib::safe::*;

fn main() {
    let p = Parser::parser_create("UTF-8").expect("parser");
    let st = p.parse(b"<doc><item n=\"1\"/><item/></doc>", 1).expect("parse");
    assert_eq!(st, Status::Ok);
    assert_eq!(p.get_current_line_number(), 1);
    let bad = Parser::parser_create("UTF-8").expect("parser");
    let st = bad.parse(b"<doc><unclosed></doc>", 1).expect("known status");
    assert_eq!(st, Status::Error);
    println!("{}", expat_version().unwrap_or_default());
    println!("expat ok");
}
