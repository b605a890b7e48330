//! Edit cases through the typed API: `tests/data/<case>-in.xml` → edit →
//! `tests/data/<case>-out.xml`, compared byte for byte.
//!
//! Every case is listed in a `CASES` table of its file and in [`all`]:
//! `tests/edit.rs` runs them all, `tests/exercised.rs` runs them all while
//! recording which typed properties they read and write, and fails when a declared
//! property is never exercised. A new view or property therefore needs a case here.
#![allow(clippy::unwrap_used, dead_code)]

pub mod devices_1;
pub mod devices_2_chardev;
pub mod devices_2_graphics;
pub mod devices_2_misc;
pub mod doc_capabilities;
pub mod doc_domaincaps;
pub mod doc_interface;
pub mod doc_network;
pub mod doc_nodedev;
pub mod doc_nwfilter;
pub mod doc_ports;
pub mod doc_snapshot;
pub mod doc_storage;
pub mod doc_util;
pub mod domain_basics;
pub mod domain_cpu;
pub mod domain_features;
pub mod domain_general;
pub mod domain_os;
pub mod domain_qemu;
pub mod domain_tuning;

/// One named edit case; `run` panics on failure.
#[derive(Clone, Copy)]
pub struct Case {
    /// Unique name (usually the data file stem).
    pub name: &'static str,
    /// The test body.
    pub run: fn(),
}

impl Case {
    /// A case.
    pub const fn new(name: &'static str, run: fn()) -> Self {
        Case { name, run }
    }
}

/// Every case of every file.
pub fn all() -> Vec<Case> {
    [
        domain_basics::CASES,
        domain_qemu::CASES,
        domain_general::CASES,
        domain_os::CASES,
        domain_cpu::CASES,
        domain_features::CASES,
        domain_tuning::CASES,
        devices_1::CASES,
        devices_2_chardev::CASES,
        devices_2_graphics::CASES,
        devices_2_misc::CASES,
        doc_network::CASES,
        doc_capabilities::CASES,
        doc_domaincaps::CASES,
        doc_nodedev::CASES,
        doc_nwfilter::CASES,
        doc_storage::CASES,
        doc_snapshot::CASES,
        doc_ports::CASES,
        doc_interface::CASES,
    ]
    .concat()
}

/// Reads `tests/data/<name>`.
pub fn data(name: &str) -> String {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Parses `<case>-in.xml` with `parse`, checks it writes back unchanged, applies
/// `edit`, and checks the result against `<case>-out.xml` byte for byte (and that
/// the result parses again to the same bytes).
pub fn check_with<D>(
    case: &str,
    parse: impl Fn(&str) -> libvirt_gconfig::Result<D>,
    to_xml: impl Fn(&D) -> String,
    edit: impl FnOnce(&D),
) {
    let input = data(&format!("{case}-in.xml"));
    let expected = data(&format!("{case}-out.xml"));
    let doc = parse(&input).unwrap_or_else(|e| panic!("{case}: {e}"));
    assert_eq!(to_xml(&doc), input, "{case}: unedited round trip");
    edit(&doc);
    let out = to_xml(&doc);
    assert_eq!(out, expected, "{case}: got\n{out}");
    assert_eq!(to_xml(&parse(&out).unwrap()), expected, "{case}: reparse");
}

/// [`check_with`] for a [`libvirt_gconfig::Domain`].
pub fn check_domain(case: &str, edit: impl FnOnce(&libvirt_gconfig::Domain)) {
    check_with(
        case,
        libvirt_gconfig::Domain::from_xml,
        libvirt_gconfig::Domain::to_xml,
        edit,
    );
}
