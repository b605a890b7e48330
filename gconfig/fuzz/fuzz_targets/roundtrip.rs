//! Parse → write → parse → write: a document that parses is written back byte
//! for byte, and its serialization parses again to the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use libvirt_gconfig::Document;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = Document::parse_bytes(data) else {
        return;
    };
    let first = doc.to_xml();
    assert_eq!(
        first.as_bytes(),
        data,
        "an unedited document is written back unchanged"
    );
    let again = match Document::parse(&first) {
        Ok(d) => d,
        Err(e) => panic!("the serialization does not parse again: {e}"),
    };
    assert_eq!(
        again.to_xml(),
        first,
        "the second write differs from the first"
    );
});
