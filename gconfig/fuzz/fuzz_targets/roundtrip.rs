//! Parse → write → parse → write: a document that parses is written back byte
//! for byte (also node by node), and its serialization parses again to the
//! same bytes.
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
    // `to_xml` of an unedited document is its source: also walk the nodes.
    let mut walked = String::new();
    doc.write_node_to(doc.document_node(), &mut walked);
    assert_eq!(walked, first, "the nodes do not cover the source exactly");
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
