// attack: cjson cJSON_CreateStringReference
// cJSON_CreateStringReference keeps the pointer; the temporary C string is
// freed at the end of the call (valgrind: invalid read).
#![forbid(unsafe_code)]
use lib::safe::*;
fn main() {
    let item = CJson::create_string_reference(&String::from("dangling")).unwrap();
    println!("{:?}", item.get_string_value());
}
