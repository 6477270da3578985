// attack: yaml yaml_parser_set_input_string
// yaml_parser_set_input_string keeps the pointer: the input may be freed
// while the parser still reads it.
#![forbid(unsafe_code)]
use lib::safe::*;
fn main() {
    let p = Parser::parser_initialize().unwrap();
    {
        let input = b"a: 1".to_vec();
        p.parser_set_input_string(&input);
    }
}
