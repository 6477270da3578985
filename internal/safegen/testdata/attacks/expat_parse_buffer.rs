// attack: expat XML_ParseBuffer
// XML_ParseBuffer(parser, len, final) reads len bytes of expat's own buffer
// without checking len (heap over-read).
#![forbid(unsafe_code)]
use lib::safe::*;
fn main() {
    let p = Parser::parser_create("UTF-8").unwrap();
    let _ = p.parse(b"<a", 0);
    let _ = p.parse_buffer(1 << 20, 1);
}
