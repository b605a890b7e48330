//! How much of real XML the typed views cover: the element and attribute paths
//! that occur in documents, compared with the paths of the property table.
//!
//! # Paths
//! An element path is the chain of element names from the document root,
//! joined by `/` (`domain/devices/disk/source`); an attribute path is an
//! element path, `@` and the attribute name (`domain/devices/disk/source@file`).
//! Each distinct path counts once, however often it occurs.
//!
//! # Matching rules
//! - **Namespaces.** A name in a namespace is written with the usual prefix of
//!   its namespace URI (see [`usual_prefix`]: `qemu:` for
//!   `http://libvirt.org/schemas/domain/qemu/1.0`, `libosinfo:`, `test:`, ...),
//!   whatever prefix the file itself uses, and also when the file binds the URI
//!   as its default namespace. So `<ns0:commandline>` with
//!   `xmlns:ns0='http://libvirt.org/schemas/domain/qemu/1.0'` is
//!   `qemu:commandline`. A name in a namespace with no usual prefix is written
//!   `{URI}local` and never matches a table path; a prefix bound to no
//!   namespace is kept as written.
//! - **Namespace declarations** (`xmlns`, `xmlns:*`), on the root or on any other
//!   element, are not attributes and are not counted.
//! - **Table paths** are those of [`ViewInfo::paths`] for each root view (plus
//!   the root element itself), except that recursive views cover every depth.
//!   An element path is covered when some declared property names that element
//!   (as an attribute's element too); an attribute path when some property
//!   names that element and attribute. Names match exactly; there are no
//!   wildcards.
//! - **`<metadata>` children** (elements in foreign namespaces, e.g.
//!   `domain/metadata/libosinfo:libosinfo`) follow the same rule: they count as
//!   covered only when the property table declares a typed view for that exact
//!   path. An untyped `metadata` accessor, or a hand-written method outside the
//!   table, covers none of them, since the table cannot tell it exists.

use std::collections::{BTreeMap, BTreeSet};

use super::{document_roots, PropertyKind, ViewInfo};
use crate::dom::{Document, NodeId};

/// Namespace URIs libvirt uses, with their usual prefixes.
pub const USUAL_PREFIXES: &[(&str, &str)] = &[
    ("http://libvirt.org/schemas/domain/qemu/1.0", "qemu"),
    ("http://libvirt.org/schemas/domain/lxc/1.0", "lxc"),
    ("http://libvirt.org/schemas/domain/bhyve/1.0", "bhyve"),
    ("http://libvirt.org/schemas/domain/xen/1.0", "xen"),
    ("http://libvirt.org/schemas/domain/vmware/1.0", "vmware"),
    ("http://libvirt.org/schemas/domain/test/1.0", "test"),
    ("http://libvirt.org/schemas/network/dnsmasq/1.0", "dnsmasq"),
    ("http://libvirt.org/schemas/storagepool/rbd/1.0", "rbd"),
    ("http://libvirt.org/schemas/storagepool/fs/1.0", "fs"),
    ("http://libosinfo.org/xmlns/libvirt/domain/1.0", "libosinfo"),
];

/// The usual prefix of a namespace URI, if libvirt has one for it.
pub fn usual_prefix(uri: &str) -> Option<&'static str> {
    USUAL_PREFIXES
        .iter()
        .find(|(u, _)| *u == uri)
        .map(|(_, p)| *p)
}

/// Whether an attribute name is a namespace declaration.
fn is_ns_decl(name: &str) -> bool {
    name == "xmlns" || name.starts_with("xmlns:")
}

/// The matching name of a qualified `name` seen on element `at`; `is_attr`
/// because unprefixed attributes are in no namespace (unlike elements, which
/// take the default namespace).
fn canonical_name(doc: &Document, at: NodeId, name: &str, is_attr: bool) -> String {
    let (prefix, local) = match name.split_once(':') {
        Some((p, l)) => (Some(p), l),
        None => (None, name),
    };
    if prefix.is_none() && is_attr {
        return name.to_owned();
    }
    match doc.lookup_namespace_uri(at, prefix) {
        Some(uri) => match usual_prefix(&uri) {
            Some(p) => format!("{p}:{local}"),
            None => format!("{{{uri}}}{local}"),
        },
        None => name.to_owned(),
    }
}

/// The distinct element and attribute paths of one document, see the
/// [module documentation](self).
pub fn document_paths(doc: &Document) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut elements = BTreeSet::new();
    let mut attributes = BTreeSet::new();
    if let Some(root) = doc.root() {
        let mut stack = vec![(root, String::new())];
        while let Some((node, parent_path)) = stack.pop() {
            let name = canonical_name(doc, node, doc.name(node), false);
            let path = if parent_path.is_empty() {
                name
            } else {
                format!("{parent_path}/{name}")
            };
            for (attr, _) in doc.attributes(node) {
                if !is_ns_decl(attr) {
                    let a = canonical_name(doc, node, attr, true);
                    attributes.insert(format!("{path}@{a}"));
                }
            }
            for child in doc.child_elements(node) {
                stack.push((child, path.clone()));
            }
            elements.insert(path);
        }
    }
    (elements, attributes)
}

/// The paths the property table covers.
///
/// A path is matched by walking the declared views from a root, one element
/// name at a time, so recursive views (a `<backingStore>` inside a
/// `<backingStore>`) cover every depth.
#[derive(Debug, Clone, Default)]
pub struct CoveredSet {
    roots: Vec<&'static ViewInfo>,
}

fn walk(view: &'static ViewInfo, segs: &[&str], attr: Option<&str>) -> bool {
    let Some((seg, rest)) = segs.split_first() else {
        return match attr {
            None => true,
            Some(a) => view.properties.iter().any(|p| {
                matches!(p.kind, PropertyKind::Attr | PropertyKind::UnitText) && p.attr == Some(a)
            }),
        };
    };
    view.properties
        .iter()
        .filter(|p| p.child == Some(*seg))
        .any(|p| match p.kind {
            PropertyKind::Child | PropertyKind::Children => {
                p.view.is_some_and(|v| walk(v(), rest, attr))
            }
            PropertyKind::ChildText | PropertyKind::Flag => rest.is_empty() && attr.is_none(),
            PropertyKind::ChildAttr | PropertyKind::ChildUnit => {
                rest.is_empty() && (attr.is_none() || p.attr == attr)
            }
            PropertyKind::Attr | PropertyKind::Text | PropertyKind::UnitText => false,
        })
}

impl CoveredSet {
    /// The paths covered by [`document_roots`], the whole property table.
    pub fn from_table() -> CoveredSet {
        CoveredSet::from_roots(&document_roots())
    }

    /// The paths covered by the given root views.
    pub fn from_roots(roots: &[&'static ViewInfo]) -> CoveredSet {
        CoveredSet {
            roots: roots.to_vec(),
        }
    }

    fn covers(&self, element: &str, attr: Option<&str>) -> bool {
        let segs: Vec<&str> = element.split('/').collect();
        let Some((first, rest)) = segs.split_first() else {
            return false;
        };
        self.roots
            .iter()
            .any(|r| r.element == *first && walk(r, rest, attr))
    }

    /// Whether an element path (`domain/devices/disk`) is covered.
    pub fn covers_element(&self, path: &str) -> bool {
        self.covers(path, None)
    }

    /// Whether an attribute path (`domain/devices/disk@type`) is covered.
    pub fn covers_attribute(&self, path: &str) -> bool {
        match path.rsplit_once('@') {
            Some((element, attr)) => self.covers(element, Some(attr)),
            None => false,
        }
    }
}

/// Paths seen in a set of documents, each with the number of documents it occurs in.
#[derive(Debug, Clone, Default)]
pub struct Census {
    /// Element path → number of documents.
    pub elements: BTreeMap<String, usize>,
    /// Attribute path → number of documents.
    pub attributes: BTreeMap<String, usize>,
    /// Number of documents added.
    pub documents: usize,
}

/// One uncovered path and the number of documents it occurs in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// The element or attribute path.
    pub path: String,
    /// Number of documents in which it occurs.
    pub files: usize,
}

/// Coverage figures of a [`Census`] against a [`CoveredSet`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Distinct element paths covered.
    pub elements_covered: usize,
    /// Distinct element paths seen.
    pub elements_total: usize,
    /// Distinct attribute paths covered.
    pub attributes_covered: usize,
    /// Distinct attribute paths seen.
    pub attributes_total: usize,
    /// Every uncovered path (elements and attributes), most frequent first,
    /// then by path.
    pub missing: Vec<Missing>,
}

impl Census {
    /// An empty census.
    pub fn new() -> Census {
        Census::default()
    }

    /// Adds the paths of one document.
    pub fn add_document(&mut self, doc: &Document) {
        let (elements, attributes) = document_paths(doc);
        for e in elements {
            *self.elements.entry(e).or_default() += 1;
        }
        for a in attributes {
            *self.attributes.entry(a).or_default() += 1;
        }
        self.documents += 1;
    }

    /// Parses `xml` and adds its paths.
    ///
    /// # Errors
    /// Any parse error; nothing is added then.
    pub fn add_xml(&mut self, xml: &str) -> crate::Result<()> {
        self.add_document(&Document::parse(xml)?);
        Ok(())
    }

    /// The coverage of the paths seen by `covered`.
    pub fn summary(&self, covered: &CoveredSet) -> Summary {
        let mut missing = Vec::new();
        let mut count = |map: &BTreeMap<String, usize>, covers: &dyn Fn(&str) -> bool| {
            let mut n = 0;
            for (path, files) in map {
                if covers(path) {
                    n += 1;
                } else {
                    missing.push(Missing {
                        path: path.clone(),
                        files: *files,
                    });
                }
            }
            n
        };
        let elements_covered = count(&self.elements, &|p| covered.covers_element(p));
        let attributes_covered = count(&self.attributes, &|p| covered.covers_attribute(p));
        missing.sort_by(|a, b| b.files.cmp(&a.files).then_with(|| a.path.cmp(&b.path)));
        Summary {
            elements_covered,
            elements_total: self.elements.len(),
            attributes_covered,
            attributes_total: self.attributes.len(),
            missing,
        }
    }
}

impl Summary {
    /// `covered / total` as a percentage (100 when there is nothing to cover).
    pub fn percent(covered: usize, total: usize) -> f64 {
        if total == 0 {
            100.0
        } else {
            covered as f64 * 100.0 / total as f64
        }
    }

    /// The two lines `elements: 96.1% (599/623)` and `attributes: ...`.
    pub fn lines(&self) -> String {
        format!(
            "elements: {:.1}% ({}/{})\nattributes: {:.1}% ({}/{})",
            Summary::percent(self.elements_covered, self.elements_total),
            self.elements_covered,
            self.elements_total,
            Summary::percent(self.attributes_covered, self.attributes_total),
            self.attributes_covered,
            self.attributes_total,
        )
    }
}
