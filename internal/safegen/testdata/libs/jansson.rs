#![forbid(unsafe_code)]
use lib::safe::*;

fn main() {
    let (obj, _err) = Json::loads(r#"{"name": "ferry", "n": 3}"#, 0).expect("parse");
    assert_eq!(obj.object_size(), 2);
    let text = obj.dumps(0x80).expect("dump"); // JSON_SORT_KEYS
    assert!(text.contains("ferry"));
    let (num, _) = Json::loads("42", 0x4).expect("JSON_DECODE_ANY");
    assert_eq!(num.integer_value(), 42);
    assert!(Json::loads("{broken", 0).is_err());
    println!("{text}");
    println!("jansson ok");
}
