//! The path census behind `examples/coverage.rs`, on a small fixed input and
//! a small fixed property table.
#![allow(clippy::unwrap_used)]

use libvirt_gconfig::view::coverage::{document_paths, Census, CoveredSet, Missing};
use libvirt_gconfig::view::XmlView;
use libvirt_gconfig::{xml_element, Document};

xml_element! {
    /// `<qemu:arg>`
    pub struct Arg = "qemu:arg" {
        /// The argument.
        attr value, set_value: String = "value";
    }
}

xml_element! {
    /// `<qemu:commandline>`
    pub struct Commandline = "qemu:commandline" {
        /// Arguments.
        children args, add_arg, remove_arg: Arg = "qemu:arg";
    }
}

xml_element! {
    /// `<disk>`
    pub struct Disk = "disk" {
        /// Type.
        attr kind, set_kind: String = "type";
        /// Source file.
        child_attr file, set_file: String = "source" / "file";
    }
}

xml_element! {
    /// `<guest>`
    pub struct Guest = "guest" {
        /// Type.
        attr kind, set_kind: String = "type";
        /// Name.
        child_text name, set_name: String = "name";
        /// Disks.
        children disks, add_disk, remove_disk: Disk = "disk";
        /// QEMU command line.
        child commandline, commandline_or_create, remove_commandline: Commandline = "qemu:commandline";
    }
}

const DOC1: &str = "<guest type='a' xmlns:ns0='http://libvirt.org/schemas/domain/qemu/1.0'>
  <name>x</name>
  <disk type='file' device='disk'><source file='/a'/><target dev='vda'/></disk>
  <ns0:commandline><ns0:arg value='-x'/></ns0:commandline>
</guest>";

const DOC2: &str = "<guest type='b' xmlns:qemu='urn:dummy'>
  <metadata><app1:foo xmlns:app1=\"http://foo.org/\" app1:bar='1' baz='2'/></metadata>
  <qemu:commandline/>
  <disk type='block' device='cdrom'/>
</guest>";

const DOC3: &str = "<guest><commandline xmlns='http://libvirt.org/schemas/domain/qemu/1.0'><arg value='1'/></commandline></guest>";

#[test]
fn paths_are_canonical() {
    let (elements, attributes) = document_paths(&Document::parse(DOC1).unwrap());
    assert_eq!(
        elements.into_iter().collect::<Vec<_>>(),
        [
            "guest",
            "guest/disk",
            "guest/disk/source",
            "guest/disk/target",
            "guest/name",
            "guest/qemu:commandline",
            "guest/qemu:commandline/qemu:arg",
        ]
    );
    assert_eq!(
        attributes.into_iter().collect::<Vec<_>>(),
        [
            "guest/disk/source@file",
            "guest/disk/target@dev",
            "guest/disk@device",
            "guest/disk@type",
            "guest/qemu:commandline/qemu:arg@value",
            "guest@type",
        ]
    );
    let (elements, attributes) = document_paths(&Document::parse(DOC3).unwrap());
    assert!(elements.contains("guest/qemu:commandline/qemu:arg"));
    assert!(attributes.contains("guest/qemu:commandline/qemu:arg@value"));
}

#[test]
fn exact_numbers() {
    let mut census = Census::new();
    for doc in [DOC1, DOC2, DOC3] {
        census.add_xml(doc).unwrap();
    }
    assert!(census.add_xml("<guest>").is_err());
    assert_eq!(census.documents, 3);
    assert_eq!(census.elements.get("guest"), Some(&3));
    assert_eq!(census.elements.get("guest/qemu:commandline"), Some(&2));

    let table = CoveredSet::from_roots(&[Guest::info()]);
    assert!(table.covers_element("guest"));
    assert!(table.covers_element("guest/disk/source"));
    assert!(table.covers_attribute("guest/disk/source@file"));
    assert!(!table.covers_attribute("guest/disk/source@dev"));

    let s = census.summary(&table);
    assert_eq!((s.elements_covered, s.elements_total), (6, 10));
    assert_eq!((s.attributes_covered, s.attributes_total), (4, 8));
    assert_eq!(s.lines(), "elements: 60.0% (6/10)\nattributes: 50.0% (4/8)");
    let m = |path: &str, files| Missing {
        path: path.into(),
        files,
    };
    assert_eq!(
        s.missing,
        [
            m("guest/disk@device", 2),
            m("guest/disk/target", 1),
            m("guest/disk/target@dev", 1),
            m("guest/metadata", 1),
            m("guest/metadata/{http://foo.org/}foo", 1),
            m("guest/metadata/{http://foo.org/}foo@baz", 1),
            m(
                "guest/metadata/{http://foo.org/}foo@{http://foo.org/}bar",
                1
            ),
            m("guest/{urn:dummy}commandline", 1),
        ]
    );
}

xml_element! {
    /// A recursive `<backingStore>`.
    pub struct Chain = "backingStore" {
        /// Format.
        child_attr format, set_format: String = "format" / "type";
        /// The next layer.
        child next, next_or_create, remove_next: Chain = "backingStore";
    }
}

xml_element! {
    /// Root of the recursive chain.
    pub struct Top = "top" {
        /// The first layer.
        child chain, chain_or_create, remove_chain: Chain = "backingStore";
    }
}

#[test]
fn recursive_views_cover_every_depth() {
    let table = CoveredSet::from_roots(&[Top::info()]);
    assert!(table.covers_element("top/backingStore/backingStore/backingStore"));
    assert!(table.covers_attribute("top/backingStore/backingStore/backingStore/format@type"));
    assert!(!table.covers_attribute("top/backingStore/backingStore/format@name"));
    assert!(!table.covers_element("top/backingStore/source"));
    assert!(!table.covers_element("backingStore"));
}

#[test]
fn whole_table_covers_the_domain_root() {
    let table = CoveredSet::from_table();
    assert!(table.covers_element("domain"));
    assert!(table.covers_element("domain/name"));
    // Everything the flat list of paths names is matched by the walk.
    for root in libvirt_gconfig::view::document_roots() {
        for p in root.paths() {
            assert!(table.covers_element(&p.element), "{}", p.element);
            if let Some(a) = p.attr {
                let path = format!("{}@{a}", p.element);
                assert!(table.covers_attribute(&path), "{path}");
            }
        }
    }
}
