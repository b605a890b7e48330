//! Typed views over DOM elements, the accessors the [`xml_element!`](crate::xml_element)
//! macro builds on, and the table of every declared property.
//!
//! A view is a `(SharedDocument, NodeId)` pair: it holds no data of its own, so
//! any number of views of the same element always agree.
//!
//! # Getter and setter conventions
//! - Value getters return `Result<Option<T>>`: `Ok(None)` when the attribute or
//!   element is absent, `Err(Error::InvalidProperty)` when it is present but
//!   its text is not a valid `T`. They never panic.
//! - Setters take `Option<T>`; `None` removes the attribute (or element).
//!   Setting the value that is already there leaves the document unchanged,
//!   byte for byte (compared as typed values, so `0x10` stays when setting 16).
//! - New elements are created in the parent's schema order (its `order` list).
//!
//! # Panics
//! Views borrow the shared document only for the duration of one call. A
//! setter called while the caller itself holds a borrow of the document (for
//! example the `Ref` from [`XmlView::doc`]) panics, as any `RefCell` does.

use std::cell::Ref;

use crate::dom::{Document, NodeId, SharedDocument};
use crate::error::{Error, Result};
use crate::value::{UnitValue, XmlValue};

pub mod coverage;

/// A typed view of one element.
pub trait XmlView: Sized {
    /// The element's (qualified) name.
    const ELEMENT: &'static str;
    /// Schema order of the element's children, used to place new children.
    const ORDER: &'static [&'static str];

    /// Wraps an element of `doc`. The element's name is not checked.
    fn from_node(doc: SharedDocument, node: NodeId) -> Self;
    /// The document this view belongs to.
    fn document(&self) -> &SharedDocument;
    /// The element this view refers to.
    fn node(&self) -> NodeId;
    /// The declared properties of this view.
    fn info() -> &'static ViewInfo;
    /// Reads every typed property of this element (recursively into child
    /// views that exist) and sets it back to the value read. Values that cannot
    /// be read are reported in `errors` and left alone. On a well-formed
    /// document this never changes the serialization.
    fn touch(&self, errors: &mut Vec<Error>);

    /// The serialization of this element and its subtree.
    fn to_xml(&self) -> String {
        let mut out = String::new();
        self.document()
            .borrow()
            .write_node_to(self.node(), &mut out);
        out
    }

    /// Borrows the document.
    fn doc(&self) -> Ref<'_, Document> {
        self.document().borrow()
    }
}

/// What kind of XML a property maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PropertyKind {
    /// An attribute of the element: `attr`.
    Attr,
    /// The element's own text: `text`.
    Text,
    /// The text of a child element: `child_text`.
    ChildText,
    /// An attribute of a child element: `child_attr`.
    ChildAttr,
    /// Presence of an empty child element: `flag`.
    Flag,
    /// The element's own text plus a unit attribute: `unit_text`.
    UnitText,
    /// A child element's text plus its unit attribute: `child_unit`.
    ChildUnit,
    /// A single child view: `child`.
    Child,
    /// Repeated child views: `children`.
    Children,
}

/// One declared property of a view.
#[derive(Debug, Clone, Copy)]
pub struct PropertyInfo {
    /// The Rust getter name.
    pub name: &'static str,
    /// The kind of XML it maps to.
    pub kind: PropertyKind,
    /// The child element involved, if any.
    pub child: Option<&'static str>,
    /// The attribute involved (the unit attribute for unit kinds), if any.
    pub attr: Option<&'static str>,
    /// The child view type, for [`PropertyKind::Child`] and [`PropertyKind::Children`].
    pub view: Option<fn() -> &'static ViewInfo>,
}

/// The declared properties of one view type.
#[derive(Debug, Clone, Copy)]
pub struct ViewInfo {
    /// The Rust type name.
    pub type_name: &'static str,
    /// The element name.
    pub element: &'static str,
    /// Schema order of the children.
    pub order: &'static [&'static str],
    /// The properties, in declaration order.
    pub properties: &'static [PropertyInfo],
}

impl ViewInfo {
    /// The position of attribute `name` among this view's `attr` properties, in
    /// declaration order (which follows the order libvirt writes them in); new
    /// attributes are inserted accordingly.
    pub fn attr_rank(&self, name: &str) -> Option<usize> {
        self.properties
            .iter()
            .filter(|p| p.kind == PropertyKind::Attr)
            .position(|p| p.attr == Some(name))
    }

    /// The position of attribute `name` among this view's `child_attr` properties of
    /// child element `child`, in declaration order.
    pub fn child_attr_rank(&self, child: &str, name: &str) -> Option<usize> {
        self.properties
            .iter()
            .filter(|p| p.kind == PropertyKind::ChildAttr && p.child == Some(child))
            .position(|p| p.attr == Some(name))
    }
}

/// A typed XML path covered by a declared property, see [`ViewInfo::paths`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CoveredPath {
    /// Element path from the document root, e.g. `domain/devices/disk/target`.
    pub element: String,
    /// Attribute name, or `None` when the path names the element itself.
    pub attr: Option<&'static str>,
    /// `Type::property` that covers it.
    pub property: String,
}

impl ViewInfo {
    /// Every element and attribute path reachable through declared properties,
    /// starting at this view as the root. Recursive types are visited once per path.
    pub fn paths(&'static self) -> Vec<CoveredPath> {
        let mut out = Vec::new();
        let mut stack = Vec::new();
        self.walk(self.element.to_owned(), &mut stack, &mut out);
        out
    }

    fn walk(
        &'static self,
        path: String,
        stack: &mut Vec<&'static str>,
        out: &mut Vec<CoveredPath>,
    ) {
        if stack.contains(&self.type_name) || stack.len() > 32 {
            return;
        }
        stack.push(self.type_name);
        for p in self.properties {
            let property = format!("{}::{}", self.type_name, p.name);
            let sub = |c: &str| format!("{path}/{c}");
            let mut push = |element: String, attr: Option<&'static str>| {
                out.push(CoveredPath {
                    element,
                    attr,
                    property: property.clone(),
                })
            };
            match p.kind {
                PropertyKind::Attr => push(path.clone(), p.attr),
                PropertyKind::Text => push(path.clone(), None),
                PropertyKind::UnitText => {
                    push(path.clone(), None);
                    push(path.clone(), p.attr);
                }
                PropertyKind::ChildText | PropertyKind::Flag => {
                    push(sub(p.child.unwrap_or("")), None)
                }
                PropertyKind::ChildAttr => {
                    let e = sub(p.child.unwrap_or(""));
                    push(e.clone(), None);
                    push(e, p.attr);
                }
                PropertyKind::ChildUnit => {
                    let e = sub(p.child.unwrap_or(""));
                    push(e.clone(), None);
                    push(e, p.attr);
                }
                PropertyKind::Child | PropertyKind::Children => {
                    let e = sub(p.child.unwrap_or(""));
                    push(e.clone(), None);
                    if let Some(v) = p.view {
                        v().walk(e, stack, out);
                    }
                }
            }
        }
        stack.pop();
    }
}

/// The root views of every document type; the start of the property table.
pub fn document_roots() -> Vec<&'static ViewInfo> {
    vec![
        <crate::Domain as XmlView>::info(),
        <crate::Network as XmlView>::info(),
        <crate::StoragePool as XmlView>::info(),
        <crate::StorageVolume as XmlView>::info(),
        <crate::DomainSnapshot as XmlView>::info(),
        <crate::DomainCheckpoint as XmlView>::info(),
        <crate::Secret as XmlView>::info(),
        <crate::NetworkPort as XmlView>::info(),
        <crate::NwFilterBinding as XmlView>::info(),
        <crate::NwFilter as XmlView>::info(),
        <crate::NodeDevice as XmlView>::info(),
        <crate::Capabilities as XmlView>::info(),
        <crate::DomainCaps as XmlView>::info(),
        <crate::DomainBackup as XmlView>::info(),
        <crate::HostInterface as XmlView>::info(),
    ]
}

/// Every view type reachable from [`document_roots`], each once.
pub fn all_views() -> Vec<&'static ViewInfo> {
    let mut seen: Vec<&'static ViewInfo> = Vec::new();
    let mut todo = document_roots();
    while let Some(v) = todo.pop() {
        if seen.iter().any(|s| s.type_name == v.type_name) {
            continue;
        }
        seen.push(v);
        todo.extend(v.properties.iter().filter_map(|p| p.view.map(|f| f())));
    }
    seen
}

// ----- namespaced child names -----------------------------------------------

/// The QEMU namespace of domain documents (`<qemu:commandline>`, ...).
pub const QEMU_NS: &str = "http://libvirt.org/schemas/domain/qemu/1.0";

/// libosinfo's namespace of a domain's `<metadata>` (`<libosinfo:libosinfo>`).
pub const LIBOSINFO_NS: &str = "http://libosinfo.org/xmlns/libvirt/domain/1.0";

/// Namespaces of `<metadata>` elements: a new element of such a namespace,
/// when the namespace is not in scope, declares it on itself (as libvirt
/// writes metadata) rather than on the root element.
pub const SELF_DECLARED_NAMESPACES: &[&str] = &[LIBOSINFO_NS];

/// Namespaces that views may name with a fixed prefix, e.g. `"qemu:arg"`.
///
/// Such a child name matches an element of that namespace whatever prefix the
/// document binds to it (`<ns0:arg xmlns:ns0='...qemu/1.0'>` is a `"qemu:arg"`).
/// A new element uses the prefix already bound to the namespace, or declares
/// `xmlns:<prefix>` on the root element, as libvirt writes it. Any other name
/// is matched by its qualified name, as written.
pub const KNOWN_NAMESPACES: &[(&str, &str)] = &[
    ("qemu", QEMU_NS),
    ("lxc", "http://libvirt.org/schemas/domain/lxc/1.0"),
    ("bhyve", "http://libvirt.org/schemas/domain/bhyve/1.0"),
    ("xen", "http://libvirt.org/schemas/domain/xen/1.0"),
    ("vmware", "http://libvirt.org/schemas/domain/vmware/1.0"),
    ("libosinfo", LIBOSINFO_NS),
];

/// `(prefix, uri, local name)` of a child name in a [`KNOWN_NAMESPACES`] namespace.
fn known_ns(name: &str) -> Option<(&'static str, &'static str, &str)> {
    let (prefix, local) = name.split_once(':')?;
    KNOWN_NAMESPACES
        .iter()
        .find(|(p, _)| *p == prefix)
        .map(|(p, uri)| (*p, *uri, local))
}

/// Whether element `id` is what the child name `name` refers to (see [`KNOWN_NAMESPACES`]).
pub fn is_named(d: &Document, id: NodeId, name: &str) -> bool {
    match known_ns(name) {
        None => d.name(id) == name,
        Some((_, uri, local)) => {
            d.local_name(id) == local && d.namespace_uri(id).as_deref() == Some(uri)
        }
    }
}

/// The first child element of `node` that `name` refers to (see [`KNOWN_NAMESPACES`]).
pub fn first_child(d: &Document, node: NodeId, name: &str) -> Option<NodeId> {
    if known_ns(name).is_none() {
        return d.first_child_named(node, name);
    }
    d.child_elements(node).find(|c| is_named(d, *c, name))
}

/// Every child element of `node` that `name` refers to (see [`KNOWN_NAMESPACES`]).
pub fn children_named(d: &Document, node: NodeId, name: &str) -> Vec<NodeId> {
    if known_ns(name).is_none() {
        return d.children_named(node, name).collect();
    }
    d.child_elements(node)
        .filter(|c| is_named(d, *c, name))
        .collect()
}

/// The qualified name to create for child name `name` under `node`: the prefix
/// in scope for its namespace, else its own prefix declared on the root element
/// (a numbered variant when that prefix is taken by another namespace). For a
/// [`SELF_DECLARED_NAMESPACES`] namespace not in scope, nothing is declared and
/// the `(prefix, uri)` to declare on the new element is returned too.
fn qualified_for(
    d: &mut Document,
    node: NodeId,
    name: &str,
) -> (String, Option<(String, &'static str)>) {
    let Some((prefix, uri, local)) = known_ns(name) else {
        return (name.to_owned(), None);
    };
    match d.lookup_namespace_prefix(node, uri) {
        Some("") => return (local.to_owned(), None),
        Some(p) => return (format!("{p}:{local}"), None),
        None => {}
    }
    if SELF_DECLARED_NAMESPACES.contains(&uri) {
        let mut p = prefix.to_owned();
        let mut n = 1;
        while d.lookup_namespace_uri(node, Some(&p)).is_some() {
            p = format!("{prefix}{n}");
            n += 1;
        }
        return (format!("{p}:{local}"), Some((p, uri)));
    }
    let root = d.root().unwrap_or(node);
    let mut p = prefix.to_owned();
    let mut n = 1;
    while d.lookup_namespace_uri(node, Some(&p)).is_some()
        || d.lookup_namespace_uri(root, Some(&p)).is_some()
    {
        p = format!("{prefix}{n}");
        n += 1;
    }
    let p = d.declare_namespace(root, &p, uri);
    (format!("{p}:{local}"), None)
}

/// Inserts a new child element `name` (see [`KNOWN_NAMESPACES`]) under `node` in `order`.
pub fn insert_child(d: &mut Document, node: NodeId, name: &str, order: &[&str]) -> NodeId {
    if known_ns(name).is_none() && !order.iter().any(|o| known_ns(o).is_some()) {
        return d.insert_element(node, name, order);
    }
    let (qname, declare) = qualified_for(d, node, name);
    // Rank existing children by the names they are written with.
    let order: Vec<String> = order
        .iter()
        .map(|o| match known_ns(o) {
            Some((_, uri, local)) => match d.lookup_namespace_prefix(node, uri) {
                Some("") => local.to_owned(),
                Some(p) => format!("{p}:{local}"),
                None => (*o).to_owned(),
            },
            None => (*o).to_owned(),
        })
        .collect();
    let order: Vec<&str> = order.iter().map(String::as_str).collect();
    let el = d.insert_element(node, &qname, &order);
    if let Some((p, uri)) = declare {
        d.set_attribute(el, &format!("xmlns:{p}"), uri);
    }
    el
}

/// The first child element `name` of `node`, inserted in `order` if missing
/// (see [`KNOWN_NAMESPACES`]).
pub fn ensure_child(d: &mut Document, node: NodeId, name: &str, order: &[&str]) -> NodeId {
    match first_child(d, node, name) {
        Some(c) => c,
        None => insert_child(d, node, name, order),
    }
}

// ----- accessors used by generated code (and by hand-written methods) -------

fn parse_opt<T: XmlValue>(
    s: Option<&str>,
    element: &'static str,
    property: &'static str,
) -> Result<Option<T>> {
    s.map(|s| T::from_xml(s).map_err(|e| e.for_property(element, property)))
        .transpose()
}

/// Reads attribute `attr` of `node` as a `T`.
///
/// # Errors
/// [`Error::InvalidProperty`] when the value does not parse.
pub fn get_attr<T: XmlValue>(
    doc: &SharedDocument,
    node: NodeId,
    attr: &str,
    element: &'static str,
    property: &'static str,
) -> Result<Option<T>> {
    let d = doc.borrow();
    parse_opt(d.attribute(node, attr).as_deref(), element, property)
}

/// Sets (or with `None` removes) attribute `attr` of `node`. A new attribute goes
/// before the first existing one that `rank` places after it (see
/// [`ViewInfo::attr_rank`]); one `rank` does not know is appended.
pub fn set_attr<T: XmlValue + PartialEq>(
    doc: &SharedDocument,
    node: NodeId,
    attr: &str,
    rank: impl Fn(&str) -> Option<usize>,
    value: Option<&T>,
) {
    let mut d = doc.borrow_mut();
    match value {
        Some(v) => {
            let same = d
                .attribute(node, attr)
                .is_some_and(|cur| T::from_xml(&cur).is_ok_and(|c| c == *v));
            if !same {
                d.set_attribute_ordered(node, attr, &v.to_xml(), rank);
            }
        }
        None => {
            d.remove_attribute(node, attr);
        }
    }
}

/// Reads the text of `node` as a `T` (`None` when the element has no content
/// at all).
///
/// # Errors
/// [`Error::InvalidProperty`] when the text does not parse.
pub fn get_text<T: XmlValue>(
    doc: &SharedDocument,
    node: NodeId,
    element: &'static str,
    property: &'static str,
) -> Result<Option<T>> {
    let d = doc.borrow();
    if d.children(node).next().is_none() {
        return Ok(None);
    }
    parse_opt(Some(&d.text(node)), element, property)
}

fn set_text_of<T: XmlValue + PartialEq>(d: &mut Document, node: NodeId, value: &T) {
    let same =
        d.children(node).next().is_some() && T::from_xml(&d.text(node)).is_ok_and(|c| c == *value);
    if !same {
        d.set_text(node, &value.to_xml());
    }
}

/// Sets the text of `node` (`None` removes all its content).
pub fn set_text<T: XmlValue + PartialEq>(doc: &SharedDocument, node: NodeId, value: Option<&T>) {
    let mut d = doc.borrow_mut();
    match value {
        Some(v) => set_text_of(&mut d, node, v),
        None => d.set_text(node, ""),
    }
}

/// Reads the text of the first child element `child` of `node` as a `T`.
///
/// # Errors
/// [`Error::InvalidProperty`] when the text does not parse.
pub fn get_child_text<T: XmlValue>(
    doc: &SharedDocument,
    node: NodeId,
    child: &str,
    element: &'static str,
    property: &'static str,
) -> Result<Option<T>> {
    let d = doc.borrow();
    match first_child(&d, node, child) {
        Some(c) => parse_opt(Some(&d.text(c)), element, property),
        None => Ok(None),
    }
}

/// Sets the text of child `child` of `node`, creating it in `order`; `None`
/// removes the child element.
pub fn set_child_text<T: XmlValue + PartialEq>(
    doc: &SharedDocument,
    node: NodeId,
    child: &str,
    order: &[&str],
    value: Option<&T>,
) {
    let mut d = doc.borrow_mut();
    match value {
        Some(v) => {
            let c = ensure_child(&mut d, node, child, order);
            set_text_of(&mut d, c, v);
        }
        None => {
            if let Some(c) = first_child(&d, node, child) {
                d.remove(c);
            }
        }
    }
}

/// Reads attribute `attr` of the first child element `child` of `node`.
///
/// # Errors
/// [`Error::InvalidProperty`] when the value does not parse.
pub fn get_child_attr<T: XmlValue>(
    doc: &SharedDocument,
    node: NodeId,
    child: &str,
    attr: &str,
    element: &'static str,
    property: &'static str,
) -> Result<Option<T>> {
    let d = doc.borrow();
    match first_child(&d, node, child) {
        Some(c) => parse_opt(d.attribute(c, attr).as_deref(), element, property),
        None => Ok(None),
    }
}

/// Sets attribute `attr` of child `child` of `node`, creating the child in
/// `order`; a new attribute is placed by `rank` (see [`set_attr`]). `None` removes
/// the attribute, and the child too when that leaves it empty.
pub fn set_child_attr<T: XmlValue + PartialEq>(
    doc: &SharedDocument,
    node: NodeId,
    child: &str,
    attr: &str,
    order: &[&str],
    rank: impl Fn(&str) -> Option<usize>,
    value: Option<&T>,
) {
    let existing = first_child(&doc.borrow(), node, child);
    match (value, existing) {
        (Some(v), Some(c)) => set_attr(doc, c, attr, rank, Some(v)),
        (Some(v), None) => {
            let c = insert_child(&mut doc.borrow_mut(), node, child, order);
            set_attr(doc, c, attr, rank, Some(v));
        }
        (None, Some(c)) => {
            let mut d = doc.borrow_mut();
            if d.remove_attribute(c, attr)
                && d.attributes(c).next().is_none()
                && d.children(c).next().is_none()
            {
                d.remove(c);
            }
        }
        (None, None) => {}
    }
}

/// Whether `node` has a child element `child`.
pub fn get_flag(doc: &SharedDocument, node: NodeId, child: &str) -> bool {
    first_child(&doc.borrow(), node, child).is_some()
}

/// Adds (in `order`) or removes the child element `child` of `node`.
pub fn set_flag(doc: &SharedDocument, node: NodeId, child: &str, order: &[&str], on: bool) {
    let mut d = doc.borrow_mut();
    match (on, first_child(&d, node, child)) {
        (true, None) => {
            insert_child(&mut d, node, child, order);
        }
        (false, Some(c)) => d.remove(c),
        _ => {}
    }
}

/// Reads the text and unit attribute of `node` (or of its child `child`).
///
/// # Errors
/// [`Error::InvalidProperty`] for a bad number or unit.
pub fn get_unit<T: UnitValue>(
    doc: &SharedDocument,
    node: NodeId,
    child: Option<&str>,
    unit_attr: &str,
    element: &'static str,
    property: &'static str,
) -> Result<Option<T>> {
    let d = doc.borrow();
    let target = match child {
        Some(c) => match first_child(&d, node, c) {
            Some(n) => n,
            None => return Ok(None),
        },
        None => node,
    };
    if child.is_none() && d.children(target).next().is_none() {
        return Ok(None);
    }
    T::from_parts(&d.text(target), d.attribute(target, unit_attr).as_deref())
        .map(Some)
        .map_err(|e| e.for_property(element, property))
}

/// Writes the value and unit of `node` (or of its child `child`, created in
/// `order`). `None` removes the child (or the text and unit of `node`).
pub fn set_unit<T: UnitValue + PartialEq>(
    doc: &SharedDocument,
    node: NodeId,
    child: Option<&str>,
    unit_attr: &str,
    order: &[&str],
    value: Option<&T>,
) {
    let current = get_unit::<T>(doc, node, child, unit_attr, "", "");
    if let (Ok(cur), Some(v)) = (&current, value) {
        if cur.as_ref() == Some(v) {
            return;
        }
    }
    let mut d = doc.borrow_mut();
    let Some(v) = value else {
        match child {
            Some(c) => {
                if let Some(n) = first_child(&d, node, c) {
                    d.remove(n);
                }
            }
            None => {
                d.remove_attribute(node, unit_attr);
                d.set_text(node, "");
            }
        }
        return;
    };
    let target = match child {
        Some(c) => ensure_child(&mut d, node, c, order),
        None => node,
    };
    let (text, unit) = v.to_parts();
    match unit {
        Some(u) => d.set_attribute(target, unit_attr, u),
        None => {
            d.remove_attribute(target, unit_attr);
        }
    }
    d.set_text(target, &text);
}

/// The first child element `child` of `node` as a view.
pub fn child_view<V: XmlView>(doc: &SharedDocument, node: NodeId, child: &str) -> Option<V> {
    let c = first_child(&doc.borrow(), node, child)?;
    Some(V::from_node(doc.clone(), c))
}

/// The first child element `child` of `node`, created in `order` if missing.
pub fn child_view_or_create<V: XmlView>(
    doc: &SharedDocument,
    node: NodeId,
    child: &str,
    order: &[&str],
) -> V {
    let c = ensure_child(&mut doc.borrow_mut(), node, child, order);
    V::from_node(doc.clone(), c)
}

/// Removes every child element `child` of `node`; returns whether there was one.
pub fn remove_children_named(doc: &SharedDocument, node: NodeId, child: &str) -> bool {
    let mut d = doc.borrow_mut();
    let kids: Vec<NodeId> = children_named(&d, node, child);
    for &k in &kids {
        d.remove(k);
    }
    !kids.is_empty()
}

/// All child elements `child` of `node` as views.
pub fn children_views<V: XmlView>(doc: &SharedDocument, node: NodeId, child: &str) -> Vec<V> {
    let kids: Vec<NodeId> = children_named(&doc.borrow(), node, child);
    kids.into_iter()
        .map(|k| V::from_node(doc.clone(), k))
        .collect()
}

/// Adds a new empty child element `child` to `node` in `order`, after any
/// existing ones of the same name.
pub fn add_child_view<V: XmlView>(
    doc: &SharedDocument,
    node: NodeId,
    child: &str,
    order: &[&str],
) -> V {
    let c = insert_child(&mut doc.borrow_mut(), node, child, order);
    V::from_node(doc.clone(), c)
}

/// Removes the element of `view` if it is a child of `node`; returns whether it was.
pub fn remove_child_view<V: XmlView>(doc: &SharedDocument, node: NodeId, view: &V) -> bool {
    let mut d = doc.borrow_mut();
    if !std::rc::Rc::ptr_eq(doc, view.document()) || d.parent(view.node()) != Some(node) {
        return false;
    }
    d.remove(view.node());
    true
}

/// Reads a value property and writes it back (for [`XmlView::touch`]).
pub fn touch_value<T>(
    get: impl FnOnce() -> Result<Option<T>>,
    set: impl FnOnce(Option<T>),
    errors: &mut Vec<Error>,
) {
    match get() {
        Ok(v) => set(v),
        Err(e) => errors.push(e),
    }
}

/// Records which typed properties a piece of code reads and writes.
///
/// The test suite runs every edit case inside [`exercise::record`] and fails when a
/// declared property (see [`all_views`]) was never read or never written, so no
/// accessor ships untested. Recording is per thread and off unless a `record` call is
/// running on that thread; [`XmlView::touch`] does not count.
#[doc(hidden)]
pub mod exercise {
    use std::cell::{Cell, RefCell};
    use std::collections::BTreeSet;

    use super::ViewInfo;

    /// Whether a generated method read or wrote its property.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Op {
        /// A getter.
        Read,
        /// A setter, `*_or_create`, `add_*` or `remove_*`.
        Write,
    }

    /// One recorded access: view type name, property (getter) name, operation.
    pub type Hit = (&'static str, &'static str, Op);

    thread_local! {
        static RECORD: RefCell<Option<BTreeSet<Hit>>> = const { RefCell::new(None) };
        static SUSPENDED: Cell<u32> = const { Cell::new(0) };
    }

    /// Called by every generated accessor.
    #[inline]
    pub fn hit(info: fn() -> &'static ViewInfo, property: &'static str, op: Op) {
        if SUSPENDED.with(Cell::get) > 0 {
            return;
        }
        RECORD.with(|r| {
            if let Ok(mut r) = r.try_borrow_mut() {
                if let Some(set) = r.as_mut() {
                    set.insert((info().type_name, property, op));
                }
            }
        });
    }

    /// Runs `f` and returns what it exercised (nested calls record into the outer one).
    pub fn record<R>(f: impl FnOnce() -> R) -> (R, BTreeSet<Hit>) {
        let outer = RECORD.with(|r| r.borrow_mut().replace(BTreeSet::new()));
        let out = f();
        let mine = RECORD.with(|r| {
            let mut r = r.borrow_mut();
            let mine = r.take().unwrap_or_default();
            *r = outer.map(|mut o| {
                o.extend(mine.iter().copied());
                o
            });
            mine
        });
        (out, mine)
    }

    /// Runs `f` without recording (used by [`XmlView::touch`](super::XmlView::touch)).
    pub fn suspended<R>(f: impl FnOnce() -> R) -> R {
        SUSPENDED.with(|s| s.set(s.get() + 1));
        struct Resume;
        impl Drop for Resume {
            fn drop(&mut self) {
                SUSPENDED.with(|s| s.set(s.get().saturating_sub(1)));
            }
        }
        let _resume = Resume;
        f()
    }
}
