// attack: cjson cJSON_CreateObjectReference
// cJSON_CreateObjectReference makes a view of its argument, which may be
// dropped first.
#![forbid(unsafe_code)]
use lib::safe::*;
fn main() {
    let view = {
        let obj = CJson::parse("{\"a\": 1}").unwrap();
        obj.create_object_reference().unwrap()
    };
    println!("{:?}", view.print());
}
