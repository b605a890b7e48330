//! Hostile and broken inputs give clean errors with positions, never a panic.
#![allow(clippy::unwrap_used)]

use libvirt_gconfig::{Document, Domain, Error};

const SAMPLE: &str = "<?xml version='1.0'?>
<!-- a guest -->
<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
  <name>demo &amp; co</name>
  <memory unit='KiB'>1048576</memory>
  <devices>
    <disk type='file' device='disk'>
      <source file=\"/var/lib/a&apos;b.img\"/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <![CDATA[ raw <text> ]]>
  </devices>
  <qemu:commandline>
    <qemu:arg value='-S'/>
  </qemu:commandline>
</domain>
";

/// Parses `input`, checking that it does not change and that any error
/// position is within the input.
fn parse(input: &str) -> Result<Document, Error> {
    let before = input.to_owned();
    let r = Document::parse(input);
    assert_eq!(input, before);
    if let Err(e) = &r {
        let p = e.position().expect("parse errors have a position");
        assert!(p <= input.len(), "{e}: position {p} beyond {}", input.len());
    }
    r
}

/// Asserts that `xml` is rejected at byte `at` with a message containing `what`.
fn assert_rejected(xml: &str, at: usize, what: &str) {
    let e = parse(xml).unwrap_err();
    assert_eq!(e.position(), Some(at), "{xml:?}: {e}");
    assert!(e.to_string().contains(what), "{xml:?}: {e}");
}

#[test]
fn sample_round_trips() {
    assert_eq!(parse(SAMPLE).unwrap().to_xml(), SAMPLE);
}

#[test]
fn billion_laughs_is_rejected() {
    let xml = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<lolz>&lol3;</lolz>"#;
    assert!(matches!(
        parse(xml),
        Err(Error::EntityDeclaration { position: 22 })
    ));
}

#[test]
fn external_entity_is_rejected() {
    let xml = r#"<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>"#;
    assert!(matches!(parse(xml), Err(Error::EntityDeclaration { .. })));
    assert!(matches!(
        parse("<foo>a&xxe;</foo>"),
        Err(Error::UnknownEntity { position: 6, .. })
    ));
    assert!(matches!(
        parse("<foo a='&xxe;'/>"),
        Err(Error::UnknownEntity { position: 8, .. })
    ));
    assert!(matches!(
        parse("<foo>&#0;</foo>"),
        Err(Error::InvalidCharRef { .. })
    ));
}

#[test]
fn doctype_without_entities_is_kept() {
    let xml = "<!DOCTYPE domain SYSTEM \"domain.dtd\">\n<domain/>\n";
    assert_eq!(parse(xml).unwrap().to_xml(), xml);
}

#[test]
fn every_truncation_is_an_error() {
    // The document is complete once the root's end tag is read.
    let complete = SAMPLE.find("</domain>").unwrap() + "</domain>".len();
    for len in 0..complete {
        if !SAMPLE.is_char_boundary(len) {
            continue;
        }
        let prefix = &SAMPLE[..len];
        assert!(parse(prefix).is_err(), "prefix of {len} bytes parsed");
    }
    for len in complete..=SAMPLE.len() {
        assert_eq!(parse(&SAMPLE[..len]).unwrap().to_xml(), &SAMPLE[..len]);
    }
}

#[test]
fn truncation_reports_the_open_element() {
    let e = parse("<domain>\n  <devices>").unwrap_err();
    assert_eq!(
        e,
        Error::UnexpectedEof {
            position: 20,
            open: "devices".into()
        }
    );
}

#[test]
fn invalid_utf8_is_reported_with_its_position() {
    let mut bytes = b"<domain><name>ab".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe]);
    bytes.extend_from_slice(b"</name></domain>");
    let before = bytes.clone();
    assert_eq!(
        Document::parse_bytes(&bytes).unwrap_err(),
        Error::InvalidUtf8 { position: 16 }
    );
    assert_eq!(bytes, before);
}

#[test]
fn absurd_depth_is_rejected() {
    let xml = "<a>".repeat(100_000);
    assert!(matches!(
        parse(&xml),
        Err(Error::TooDeep { limit: 256, .. })
    ));
    let ok = format!("{}{}", "<a>".repeat(200), "</a>".repeat(200));
    assert_eq!(parse(&ok).unwrap().to_xml(), ok);
}

#[test]
fn absurd_size_is_rejected() {
    let xml = format!("<a>{}</a>", " ".repeat(libvirt_gconfig::dom::MAX_SIZE));
    assert!(matches!(parse(&xml), Err(Error::TooLarge { .. })));
}

#[test]
fn malformed_documents_are_rejected() {
    for bad in [
        "",
        "   ",
        "text",
        "<a></b>",
        "<a><b></a></b>",
        "<a/><b/>",
        "<a/>trailing",
        "<a b='1' b='2'/>",
        "<a b=1/>",
        "<a b='<'/>",
        "<a>&amp</a>",
        "<a><!-- -- --></a>",
        "</a>",
        "<a>\u{1}</a>",
        "<a/><?xml version='1.0'?>",
    ] {
        assert!(parse(bad).is_err(), "{bad:?} parsed");
    }
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

#[test]
fn random_garbage_never_panics() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let alphabet = b"<>/='\"&;!?-[]abc: \n#x0";
    for _ in 0..20_000 {
        let len = (rng.next() % 64) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|_| alphabet[(rng.next() % alphabet.len() as u64) as usize])
            .collect();
        let s = String::from_utf8(bytes).unwrap();
        if let Ok(doc) = parse(&s) {
            assert_eq!(doc.to_xml(), s);
        }
    }
    // Random byte flips of a real document.
    for _ in 0..5_000 {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        for _ in 0..(1 + rng.next() % 4) {
            let i = (rng.next() % bytes.len() as u64) as usize;
            bytes[i] = (rng.next() % 256) as u8;
        }
        match Document::parse_bytes(&bytes) {
            Ok(doc) => assert_eq!(doc.to_xml().as_bytes(), bytes.as_slice()),
            Err(e) => assert!(e.position().is_some_and(|p| p <= bytes.len())),
        }
    }
}

#[test]
fn invalid_typed_values_are_errors() {
    let dom = Domain::from_xml(
        "<domain type='kvm'><memory unit='furlong'>1</memory><vcpu>lots</vcpu>\
         <currentMemory>-5</currentMemory><os><bootmenu enable='maybe'/></os></domain>",
    )
    .unwrap();
    assert!(matches!(
        dom.memory(),
        Err(Error::InvalidProperty {
            property: "memory",
            ..
        })
    ));
    assert!(matches!(
        dom.vcpu(),
        Err(Error::InvalidProperty { property: "vcpu", ref value, .. }) if value == "lots"
    ));
    assert!(dom.current_memory().is_err());
    assert!(dom.os().unwrap().bootmenu_enable().is_err());
    // Unknown enum values are not errors: they round-trip.
    assert_eq!(
        dom.domain_type().unwrap(),
        Some(libvirt_gconfig::DomainType::Kvm)
    );
    let mut errors = Vec::new();
    libvirt_gconfig::view::XmlView::touch(&dom, &mut errors);
    assert_eq!(errors.len(), 4);
}

#[test]
fn wrong_root_is_an_error() {
    assert!(matches!(
        Domain::from_xml("<network/>"),
        Err(Error::WrongRoot {
            expected: "domain",
            ..
        })
    ));
}

// Found by the `touch` and `roundtrip` fuzz targets (gconfig/fuzz): quick-xml
// counts positions from after a byte order mark, so every node of a document
// starting with one was shifted by three bytes.
#[test]
fn byte_order_mark_keeps_positions() {
    // fuzz artifact (touch): EF BB BF "<b/>"
    let mut doc = parse("\u{FEFF}<b/>").unwrap();
    assert_eq!(doc.to_xml(), "\u{FEFF}<b/>");
    let root = doc.root().unwrap();
    assert_eq!(doc.name(root), "b");
    doc.set_attribute(root, "fuzz", "1");
    assert_eq!(doc.to_xml(), "\u{FEFF}<b fuzz='1'/>");

    // fuzz artifact (roundtrip): EF BB BF "(<od/Dd/>" was accepted and written as "d/>".
    let err = parse("\u{FEFF}(<od/Dd/>").unwrap_err();
    assert!(err.to_string().contains("byte 3"), "{err}");

    for xml in [
        "\u{FEFF}<?xml version='1.0'?>\n<domain type='kvm'>\n  <name>a</name>\n</domain>\n",
        "\u{FEFF} <a/>",
        "\u{FEFF}<!-- c --><a>t</a>",
    ] {
        let doc = parse(xml).unwrap();
        assert_eq!(doc.to_xml(), xml);
        let root = doc.root().unwrap();
        let mut edited = doc.clone();
        edited.set_text(root, "x");
        let out = edited.to_xml();
        assert!(out.starts_with('\u{FEFF}'), "{out:?}");
        assert_eq!(parse(&out).unwrap().to_xml(), out);
    }
    // fuzz artifact (roundtrip): two byte order marks were both skipped.
    let err = parse("\u{FEFF}\u{FEFF}<od\u{FEFF}/>").unwrap_err();
    assert_eq!(err.position(), Some(3), "{err}");
    assert!(parse("\u{FEFF}<od\u{FEFF}/>").is_ok());

    let dom = Domain::from_xml("\u{FEFF}<domain type='kvm'><name>a</name></domain>").unwrap();
    assert_eq!(dom.name().unwrap().as_deref(), Some("a"));
}

// Found by the `touch` fuzz target: quick-xml takes anything up to whitespace,
// `/` or `>` as a name, so `<forwar='exampl%.a .../>` was accepted as an element
// named `forwar='exampl%.a`, and after an edit its end tag did not parse again.
#[test]
fn invalid_names_are_rejected() {
    let fuzz = "<shmem name='shmem0' role='peer'> <uuid>=81ff0d9l-c91e-6742-64da-4a736edb9a9c</uuid>\n    <dns>\n    <forwar='exampl%.a cm'oddr='192.16;8.1.1'/>\r  </dns>\n  nihmeplain'/>\n</shmem>\n";
    let err = parse(fuzz).unwrap_err();
    assert!(err.to_string().contains("invalid element name"), "{err}");
    assert_eq!(err.position(), Some(fuzz.find("forwar").unwrap()));

    for bad in [
        "<od/Dd/>",
        "<1a/>",
        "<a b'c='d'/>",
        "<a =''/>",
        "<a x;y='1'/>",
    ] {
        assert!(parse(bad).is_err(), "{bad}");
    }
    for good in [
        "<qemu:arg value='1'/>",
        "<_a-b.c d_e:f-g='1'/>",
        "<é ü='1'/>",
    ] {
        assert_eq!(parse(good).unwrap().to_xml(), good);
    }
}

// The tokenizer checks for characters not allowed in XML while it scans, not in
// a pass of its own: a forbidden character anywhere in a document is an error.
#[test]
fn forbidden_characters_are_rejected_everywhere() {
    for bad in ["\u{1}", "\0", "\u{1F}", "\u{FFFE}", "\u{FFFF}"] {
        for (i, _) in SAMPLE.char_indices() {
            let xml = format!("{}{bad}{}", &SAMPLE[..i], &SAMPLE[i..]);
            assert!(parse(&xml).is_err(), "{bad:?} at byte {i} parsed");
        }
    }
    // In character data, attribute values, comments, CDATA sections and
    // processing instructions the position is the character's.
    for (xml, at) in [
        ("<a>x\u{0}y</a>", 4),
        ("<a b='x\u{2}'/>", 7),
        ("<a b=\"\u{FFFF}\"/>", 6),
        ("<a><!-- \u{1} --></a>", 8),
        ("<a><![CDATA[\u{FFFE}]]></a>", 12),
        ("<?pi \u{7}?><a/>", 5),
        ("<!DOCTYPE a [\u{8}]><a/>", 13),
    ] {
        assert_rejected(xml, at, "not allowed");
    }
    // Other characters starting with the byte EF are fine.
    for good in [
        "<a b='\u{FEFF}\u{FFFD}'>\u{F000}\u{FFEE}</a>",
        "<a>\u{EFFF}</a>",
    ] {
        assert_eq!(parse(good).unwrap().to_xml(), good);
    }
}

#[test]
fn markup_rules_are_checked() {
    for bad in [
        "<a b='1'c='2'/>",
        "<a><!-- x ---></a>",
        "<a>]]></a>",
        "<!DOCTYPE a><!DOCTYPE a><a/>",
        "<!DOCTYPEa><a/>",
        "<a><?XML x?></a>",
        "<a></a >x",
        "<a></ a>",
        "<a></aa>",
        "<a/ >",
        "<a b = '1' / >",
        "<a>&#xD800;</a>",
        "<a>& amp;</a>",
        "<a b='&'/>",
        "<?xml version='1.0'?><?xml version='1.0'?><a/>",
        "<a/><![CDATA[x]]>",
        "<a><!x></a>",
        "<a></a b='>'>",
        "<a><b></b c></a>",
    ] {
        assert!(parse(bad).is_err(), "{bad:?} parsed");
    }
    for good in [
        "<a b = '1'\n c\t=\"2\" ></a\n>",
        "<?xml-stylesheet href='a'?><a><?pi?></a>",
        "<!DOCTYPE a [<!ELEMENT a (#PCDATA)> <!-- ] > -->]><a>]]</a>",
        "<a>]&gt;]]&gt;></a>",
        "<a><!----></a>",
    ] {
        let doc = parse(good).unwrap();
        assert_eq!(doc.to_xml(), good);
        let mut walked = String::new();
        doc.write_node_to(doc.document_node(), &mut walked);
        assert_eq!(walked, good);
    }
}

/// Whether quick-xml's `Reader` on its own (with its optional checks on: comments,
/// end names, duplicate attributes) reads `xml` to the end without an error.
fn quick_xml_accepts(xml: &str) -> bool {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().enable_all_checks(true);
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => return true,
            Ok(Event::Start(e) | Event::Empty(e)) => {
                if e.attributes().any(|a| a.is_err()) {
                    return false;
                }
            }
            Ok(_) => {}
            Err(_) => return false,
        }
    }
}

// Everything quick-xml lets through and XML forbids, with the position of our
// error. The first assertion documents that the check is ours; should a newer
// quick-xml catch one of these itself, it fails and the list is to be updated.
#[test]
fn what_quick_xml_lets_through_is_rejected() {
    let deep = format!("{}{}", "<a>".repeat(300), "</a>".repeat(300));
    for (xml, at) in [
        // Characters not allowed in XML.
        ("<a>\u{1}</a>", 3),
        ("<a b='\u{FFFE}'/>", 6),
        ("<a><!-- \u{1F} --></a>", 8),
        // Names.
        ("<od/Dd/>", 1),
        ("<1a/>", 1),
        ("<></>", 1),
        ("<a x;y='1'/>", 3),
        ("<a b.c:d-='1' é='2' 1x='3'/>", 21),
        ("<??><a/>", 2),
        ("<a><?a/b?></a>", 5),
        // Attributes.
        ("<a b='1'c='2'/>", 8),
        ("<a b='<'/>", 6),
        ("<a b='&'/>", 6),
        ("<a b='x&xxe;'/>", 7),
        ("<a b='&#0;'/>", 6),
        // References and character data.
        ("<a>&xxe;</a>", 3),
        ("<a>&#0;</a>", 3),
        ("<a>&#xD800;</a>", 3),
        ("<a>&;</a>", 3),
        ("<a>x]]></a>", 4),
        // Document structure.
        ("", 0),
        ("text<a/>", 0),
        ("<a/>x", 4),
        ("<a/><b/>", 4),
        ("<a/><![CDATA[x]]>", 4),
        ("<a><b>", 6),
        (deep.as_str(), 3 * 256),
        // Byte order marks: quick-xml drops the first one only.
        ("\u{FEFF}\u{FEFF}<a/>", 3),
        // DOCTYPE.
        ("<!doctype a><a/>", 0),
        ("<!DOCTYPEa><a/>", 0),
        ("<!DOCTYPE a><!DOCTYPE a><a/>", 12),
        ("<a/><!DOCTYPE a>", 4),
        ("<!DOCTYPE a [<!ENTITY x 'y'>]><a/>", 0),
        // XML declaration and reserved targets.
        ("<?xml?><a/>", 2),
        ("<a/><?xml version='1.0'?>", 4),
        (" <?xml version='1.0'?><a/>", 1),
        ("<a><?XML x?></a>", 5),
    ] {
        assert!(quick_xml_accepts(xml), "quick-xml now rejects {xml:?}");
        let e = parse(xml).unwrap_err();
        assert_eq!(e.position(), Some(at), "{xml:?}: {e}");
    }
}

// Attributes are split by the parser, not by quick-xml's `Attributes` iterator
// (see `attributes` in gconfig/src/dom/parse.rs): the errors that iterator finds
// are found too, and more.
#[test]
fn attribute_syntax_errors() {
    for (xml, at, what) in [
        ("<a b='1' b='2'/>", 9, "duplicated attribute"),
        ("<a q:b='1' c='2' q:b='3'/>", 17, "duplicated attribute"),
        ("<a b=1/>", 5, "without quotes"),
        ("<a b = \n1/>", 8, "without quotes"),
        ("<a b/>", 4, "expected '='"),
        ("<a b c='1'/>", 5, "expected '='"),
        ("<a b='1' / >", 9, "invalid attribute name"),
        ("<a b='1'\t=''/>", 9, "invalid attribute name"),
    ] {
        assert!(!quick_xml_accepts(xml), "quick-xml accepts {xml:?}");
        assert_rejected(xml, at, what);
    }
    for good in [
        "<a b='1' c=\"2\"/>",
        "<a\n  b = '1'\tc\r\n=\"x'y\" d=''>t</a>",
        "<a b='x>y' c='\"'/>",
        "<a é:ü='1' _-.='2'/>",
    ] {
        assert_eq!(parse(good).unwrap().to_xml(), good);
    }
}

// Errors quick-xml finds itself (or, for end tags, that its `Reader` would
// find) carry its position, in bytes of the input, also after a byte order mark
// (which quick-xml's `Reader` does not count).
#[test]
fn quick_xml_errors_have_input_positions() {
    for (xml, at) in [
        ("<a></b>", 3),
        ("</a>", 0),
        ("<a><!-- -- --></a>", 8),
        ("<a><!-- x ---></a>", 10),
        ("<a>&amp</a>", 3),
        ("<a><!x></a>", 3),
        ("<a", 0),
        ("<a b='1", 0),
        ("<a><!-- x", 3),
        ("<a><![CDATA[x", 3),
        ("<!DOCTYPE a [", 0),
        ("<?pi", 0),
    ] {
        assert!(!quick_xml_accepts(xml), "quick-xml accepts {xml:?}");
        for bom in ["", "\u{FEFF}"] {
            let input = format!("{bom}{xml}");
            let e = parse(&input).unwrap_err();
            assert_eq!(e.position(), Some(bom.len() + at), "{input:?}: {e}");
        }
    }
}

// Of two errors in one piece of text, the first in the document is reported.
#[test]
fn the_first_error_in_text_is_reported() {
    for (xml, at, what) in [
        ("<a>x&bad; ]]></a>", 4, "bad"),
        ("<a>x]]> &bad;</a>", 4, "']]>'"),
        ("<a>&amp ]]></a>", 3, "';'"),
    ] {
        assert_rejected(xml, at, what);
    }
}
