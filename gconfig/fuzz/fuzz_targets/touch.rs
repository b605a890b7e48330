//! Touch on parsed documents: reading every typed property and setting it back
//! never panics and never changes the serialization, and an edit through the
//! DOM writes a document that parses again to the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use libvirt_gconfig::view::XmlView;
use libvirt_gconfig::{Document, Domain, Network, StoragePool, StorageVolume};

fn touch_as<V: XmlView>(xml: &str) {
    let Ok(doc) = Document::parse(xml) else {
        return;
    };
    let Some(root) = doc.root() else {
        return;
    };
    let before = doc.to_xml();
    let shared = doc.into_shared();
    let mut errors = Vec::new();
    V::from_node(shared.clone(), root).touch(&mut errors);
    let after = shared.borrow().to_xml();
    assert_eq!(after, before, "touch changed the document");
}

fuzz_target!(|data: &[u8]| {
    let Ok(xml) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(doc) = Document::parse(xml) else {
        return;
    };
    let original = doc.to_xml();
    if let Ok(out) = libvirt_gconfig::touch_xml(xml) {
        assert_eq!(out, original, "touch_xml changed the document");
    }
    // Touch through every root view, whatever the root element is called.
    touch_as::<Domain>(xml);
    touch_as::<Network>(xml);
    touch_as::<StoragePool>(xml);
    touch_as::<StorageVolume>(xml);

    // A DOM edit: set an attribute and the text of the last element.
    let mut doc = doc;
    let mut last = doc.root();
    while let Some(n) = last.and_then(|n| doc.child_elements(n).last()) {
        last = Some(n);
    }
    if let Some(n) = last {
        doc.set_attribute(n, "fuzz", "a'b\"c&<>");
        doc.set_text(n, "x & y < z ]]> 'q' \"w\"");
        let out = doc.to_xml();
        let again = match Document::parse(&out) {
            Ok(d) => d,
            Err(e) => panic!("an edited document does not parse again: {e}\n{out}"),
        };
        assert_eq!(
            again.to_xml(),
            out,
            "an edited document does not round-trip"
        );
        let n2 = again.root().map(|r| {
            let mut cur = r;
            while let Some(c) = again.child_elements(cur).last() {
                cur = c;
            }
            cur
        });
        if let Some(n2) = n2 {
            assert_eq!(again.attribute(n2, "fuzz").as_deref(), Some("a'b\"c&<>"));
            assert_eq!(again.text(n2), "x & y < z ]]> 'q' \"w\"");
        }
    }
});
