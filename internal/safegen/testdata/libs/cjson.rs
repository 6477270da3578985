#![forbid(unsafe_code)]
use lib::safe::*;

fn main() {
    let doc = CJson::parse(r#"{"a": [1, 2, 3], "b": "text"}"#).expect("parse");
    assert_eq!(doc.is_object(), 1);
    assert_eq!(doc.has_object_item("a").expect("no NUL"), 1);
    let s = doc.print_unformatted().expect("print");
    assert!(s.contains("\"b\":\"text\""));
    let arr = CJson::parse("[4, 5, 6]").expect("array");
    assert_eq!(arr.get_array_size(), 3);
    let num = CJson::create_number(2.5).expect("number");
    assert_eq!(num.get_number_value(), 2.5);
    assert!(CJson::parse("{oops").is_err());
    println!("{s}");
    println!("cjson ok");
}
