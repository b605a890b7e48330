//! A small lossless XML DOM: the single source of truth behind every typed view.
//!
//! A [`Document`] is an arena of nodes. It keeps the input text and refers to it
//! by byte ranges, so parsing allocates little and an element nobody touched is
//! written back exactly as it was read: raw start tag (attribute order, quote
//! characters, spacing), raw end tag, whitespace, comments, processing
//! instructions, CDATA, the XML declaration and any DOCTYPE.
//!
//! An element that is edited is written again in libvirt's style: `'` quotes,
//! escaping as libvirt does (`&amp; &lt; &gt; &quot; &apos;`) and `/>` when it has
//! no children. Attributes that were not changed keep their raw value and quote.
//! New child elements get the indentation of their siblings (or the parent's plus
//! two spaces) and are placed in schema order (see [`Document::insert_element`]).
//! Setting a value to what it already is leaves the document unchanged.
//!
//! Typed views share a document as [`SharedDocument`] (`Rc<RefCell<Document>>`)
//! and hold a [`NodeId`]; they never copy data out of the DOM.
//!
//! ```
//! use libvirt_gconfig::dom::Document;
//! let xml = "<domain type=\"kvm\">\n  <name>a</name>\n</domain>\n";
//! let mut doc = Document::parse(xml)?;
//! assert_eq!(doc.to_xml(), xml);
//! let root = doc.root().expect("has a root");
//! doc.set_attribute(root, "type", "qemu");
//! let name = doc.first_child_named(root, "name").expect("has a name");
//! doc.set_text(name, "it's");
//! assert_eq!(doc.to_xml(), "<domain type='qemu'>\n  <name>it&apos;s</name>\n</domain>\n");
//! # Ok::<(), libvirt_gconfig::Error>(())
//! ```

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use crate::error::Result;

mod parse;
mod write;

pub use write::escape;

/// Elements nested deeper than this are rejected by the parser.
pub const MAX_DEPTH: usize = 256;
/// Inputs larger than this (64 MiB) are rejected by the parser.
pub const MAX_SIZE: usize = 64 * 1024 * 1024;

/// A document shared between typed views.
pub type SharedDocument = Rc<RefCell<Document>>;

/// Handle of a node in a [`Document`]'s arena.
///
/// A handle stays valid for the life of its document; a removed node keeps its
/// handle but is detached (see [`Document::is_attached`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(u32);

impl NodeId {
    /// The arena index of this node.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

const NONE: u32 = u32::MAX;

/// The kind of a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// The document node (holds the prolog, the root element and the epilog).
    Document,
    /// An element.
    Element,
    /// Character data (kept escaped as in the source).
    Text,
    /// A `<![CDATA[...]]>` section.
    CData,
    /// A `<!-- comment -->`.
    Comment,
    /// A processing instruction `<?target ...?>`.
    ProcessingInstruction,
    /// The XML declaration `<?xml ...?>`.
    Declaration,
    /// A `<!DOCTYPE ...>` (kept verbatim, never interpreted).
    DocType,
    /// Bytes the parser skipped, such as a byte order mark; written back verbatim.
    Raw,
}

/// A string of a document: a byte range either of the source text or of the
/// text the document's edits added ([`Document::owned`]).
///
/// Nodes hold no allocation of their own, so they are small and dropping a
/// document frees only its few vectors.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Str {
    Src(u32, u32),
    Own(u32, u32),
}

impl Str {
    #[inline]
    pub(crate) fn get(self, doc: &Document) -> &str {
        let (text, start, end) = match self {
            Str::Src(start, end) => (&doc.src, start, end),
            Str::Own(start, end) => (&doc.owned, start, end),
        };
        text.get(start as usize..end as usize).unwrap_or("")
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Attr {
    /// Qualified name.
    pub(crate) name: Str,
    /// Raw (escaped) value, without quotes.
    pub(crate) value: Str,
    /// `b'\''` or `b'"'`.
    pub(crate) quote: u8,
}

#[derive(Debug, Clone)]
pub(crate) struct Element {
    /// Qualified name.
    pub(crate) name: Str,
    /// Raw start tag including `<` and `>` (only used while not dirty).
    pub(crate) start: Str,
    /// Raw end tag; `None` for a self-closing element (only used while not dirty).
    pub(crate) end: Option<Str>,
    /// Range into `Document::attrs`.
    pub(crate) attr_start: u32,
    pub(crate) attr_len: u32,
    /// Written in libvirt style instead of from the raw tags.
    pub(crate) dirty: bool,
}

#[derive(Debug, Clone)]
pub(crate) enum Data {
    Document,
    Element(Element),
    /// Raw text of every other node kind, delimiters included (escaped for text).
    Other(NodeKind, Str),
}

#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub(crate) data: Data,
    pub(crate) parent: u32,
    pub(crate) first: u32,
    pub(crate) last: u32,
    pub(crate) prev: u32,
    pub(crate) next: u32,
}

impl Node {
    fn new(data: Data) -> Node {
        Node {
            data,
            parent: NONE,
            first: NONE,
            last: NONE,
            prev: NONE,
            next: NONE,
        }
    }
}

#[inline]
fn opt(i: u32) -> Option<NodeId> {
    (i != NONE).then_some(NodeId(i))
}

/// A parsed XML document; see the [module documentation](self).
#[derive(Debug, Clone)]
pub struct Document {
    pub(crate) src: String,
    /// The text of edited names and values (see [`Str::Own`]); it only grows.
    pub(crate) owned: String,
    /// Whether anything changed since parsing; until then the serialization
    /// is the source text.
    pub(crate) edited: bool,
    pub(crate) nodes: Vec<Node>,
    pub(crate) attrs: Vec<Attr>,
}

/// Iterator over the children of a node, see [`Document::children`].
#[derive(Debug, Clone)]
pub struct Children<'a> {
    doc: &'a Document,
    next: u32,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = opt(self.next)?;
        self.next = self.doc.nodes.get(id.index()).map_or(NONE, |n| n.next);
        Some(id)
    }
}

impl Document {
    /// Parses a document.
    ///
    /// # Errors
    /// Any input that is not well-formed XML, that declares or references
    /// entities other than the predefined ones, that nests deeper than
    /// [`MAX_DEPTH`] or that is larger than [`MAX_SIZE`] gives an error with the
    /// byte position of the problem.
    pub fn parse(xml: &str) -> Result<Document> {
        parse::parse(xml)
    }

    /// Parses a document from bytes, which must be UTF-8.
    ///
    /// # Errors
    /// As [`Document::parse`], plus [`Error::InvalidUtf8`](crate::Error::InvalidUtf8)
    /// with the position of the first invalid byte.
    pub fn parse_bytes(xml: &[u8]) -> Result<Document> {
        match std::str::from_utf8(xml) {
            Ok(s) => parse::parse(s),
            Err(e) => Err(crate::Error::InvalidUtf8 {
                position: e.valid_up_to(),
            }),
        }
    }

    /// Reads every event of `xml` through quick-xml's `Reader` event loop
    /// (configured as the parser configures the reader it uses for comments,
    /// CDATA, DOCTYPE and processing instructions), without any check of ours
    /// and without building a tree; returns the number of events. The `vs_c`
    /// benchmark prints its throughput beside [`Document::parse`]'s, which reads
    /// tags with quick-xml's element parser rather than through this loop.
    ///
    /// # Errors
    /// What quick-xml itself reports, with its byte position.
    #[doc(hidden)]
    pub fn tokenize_only(xml: &str) -> Result<usize> {
        parse::tokenize_only(xml)
    }

    /// A new document holding only an empty root element `<name/>`.
    pub fn with_root(name: &str) -> Document {
        let mut doc = Document {
            src: String::new(),
            owned: String::new(),
            edited: true,
            nodes: vec![Node::new(Data::Document)],
            attrs: Vec::new(),
        };
        let el = doc.new_element(name);
        doc.append(NodeId(0), el);
        doc
    }

    /// Wraps the document for sharing between typed views.
    pub fn into_shared(self) -> SharedDocument {
        Rc::new(RefCell::new(self))
    }

    /// Serializes the document.
    pub fn to_xml(&self) -> String {
        let mut out = String::with_capacity(self.src.len() + 64);
        self.write_to(&mut out);
        out
    }

    /// Appends the serialized document to `out`.
    pub fn write_to(&self, out: &mut String) {
        if !self.edited {
            // The nodes of an unedited document cover its source byte for byte.
            debug_assert!({
                let mut walked = String::new();
                write::write_node(self, NodeId(0), &mut walked);
                walked == self.src
            });
            out.push_str(&self.src);
            return;
        }
        write::write_node(self, NodeId(0), out);
    }

    /// Appends the serialization of one node (and its subtree) to `out`.
    pub fn write_node_to(&self, id: NodeId, out: &mut String) {
        write::write_node(self, id, out);
    }

    // ----- structure -------------------------------------------------------

    /// The document node, parent of the root element.
    pub fn document_node(&self) -> NodeId {
        NodeId(0)
    }

    /// The root element.
    pub fn root(&self) -> Option<NodeId> {
        self.child_elements(NodeId(0)).next()
    }

    #[inline]
    pub(crate) fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id.index())
    }

    #[inline]
    fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.node(id)?.data {
            Data::Element(e) => Some(e),
            _ => None,
        }
    }

    #[inline]
    fn element_mut(&mut self, id: NodeId) -> Option<&mut Element> {
        self.edited = true;
        match &mut self.nodes.get_mut(id.index())?.data {
            Data::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The kind of a node (`None` for an invalid handle).
    pub fn kind(&self, id: NodeId) -> Option<NodeKind> {
        Some(match &self.node(id)?.data {
            Data::Document => NodeKind::Document,
            Data::Element(_) => NodeKind::Element,
            Data::Other(k, _) => *k,
        })
    }

    /// Whether the node is an element.
    pub fn is_element(&self, id: NodeId) -> bool {
        self.element(id).is_some()
    }

    /// The qualified name of an element (`"qemu:arg"`), or `""` for other nodes.
    pub fn name(&self, id: NodeId) -> &str {
        self.element(id).map_or("", |e| e.name.get(self))
    }

    /// The name of an element without its namespace prefix.
    pub fn local_name(&self, id: NodeId) -> &str {
        let name = self.name(id);
        name.split_once(':').map_or(name, |(_, l)| l)
    }

    /// The namespace prefix of an element's name, if any.
    pub fn prefix(&self, id: NodeId) -> Option<&str> {
        self.name(id).split_once(':').map(|(p, _)| p)
    }

    /// The namespace URI of an element, resolved through the `xmlns`
    /// declarations in scope.
    pub fn namespace_uri(&self, id: NodeId) -> Option<Cow<'_, str>> {
        self.lookup_namespace_uri(id, self.prefix(id))
    }

    /// The URI bound to `prefix` (`None` = default namespace) at element `id`.
    pub fn lookup_namespace_uri(&self, id: NodeId, prefix: Option<&str>) -> Option<Cow<'_, str>> {
        let mut cur = Some(id);
        while let Some(n) = cur {
            if self.is_element(n) {
                for (name, value) in self.attributes(n) {
                    let hit = match (prefix, name.strip_prefix("xmlns")) {
                        (None, Some("")) => true,
                        (Some(p), Some(rest)) => rest.strip_prefix(':') == Some(p),
                        _ => false,
                    };
                    if hit {
                        return (!value.is_empty()).then_some(value);
                    }
                }
            }
            cur = self.parent(n);
        }
        None
    }

    /// The prefix bound to namespace `uri` at element `id` (`Some("")` for the
    /// default namespace).
    pub fn lookup_namespace_prefix(&self, id: NodeId, uri: &str) -> Option<&str> {
        let mut cur = Some(id);
        while let Some(n) = cur {
            if self.is_element(n) {
                for (name, value) in self.attributes(n) {
                    if let Some(rest) = name.strip_prefix("xmlns") {
                        if value == uri {
                            if rest.is_empty() {
                                return Some("");
                            }
                            if let Some(p) = rest.strip_prefix(':') {
                                return Some(p);
                            }
                        }
                    }
                }
            }
            cur = self.parent(n);
        }
        None
    }

    /// Declares `xmlns:prefix='uri'` on element `id` unless `uri` is already
    /// bound to some prefix there; returns the prefix to use.
    pub fn declare_namespace(&mut self, id: NodeId, prefix: &str, uri: &str) -> String {
        if let Some(p) = self.lookup_namespace_prefix(id, uri) {
            if !p.is_empty() {
                return p.to_owned();
            }
        }
        self.set_attribute(id, &format!("xmlns:{prefix}"), uri);
        prefix.to_owned()
    }

    /// The parent of a node.
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        opt(self.node(id)?.parent)
    }

    /// Whether the node is still part of the document tree.
    pub fn is_attached(&self, id: NodeId) -> bool {
        let mut cur = id;
        loop {
            if cur.0 == 0 {
                return true;
            }
            match self.parent(cur) {
                Some(p) => cur = p,
                None => return false,
            }
        }
    }

    /// The next sibling of a node.
    pub fn next_sibling(&self, id: NodeId) -> Option<NodeId> {
        opt(self.node(id)?.next)
    }

    /// The previous sibling of a node.
    pub fn previous_sibling(&self, id: NodeId) -> Option<NodeId> {
        opt(self.node(id)?.prev)
    }

    /// All children of a node, in document order.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            doc: self,
            next: self.node(id).map_or(NONE, |n| n.first),
        }
    }

    /// The child elements of a node.
    pub fn child_elements(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.children(id).filter(move |c| self.is_element(*c))
    }

    /// The child elements with qualified name `name`.
    pub fn children_named<'a>(
        &'a self,
        id: NodeId,
        name: &'a str,
    ) -> impl Iterator<Item = NodeId> + 'a {
        self.children(id)
            .filter(move |c| self.element(*c).is_some() && self.name(*c) == name)
    }

    /// The first child element with qualified name `name`.
    pub fn first_child_named(&self, id: NodeId, name: &str) -> Option<NodeId> {
        self.children_named(id, name).next()
    }

    /// The child elements in namespace `uri` with local name `local`.
    pub fn children_ns<'a>(
        &'a self,
        id: NodeId,
        uri: &'a str,
        local: &'a str,
    ) -> impl Iterator<Item = NodeId> + 'a {
        self.child_elements(id).filter(move |c| {
            self.local_name(*c) == local && self.namespace_uri(*c).as_deref() == Some(uri)
        })
    }

    // ----- attributes ------------------------------------------------------

    fn attr_slice(&self, id: NodeId) -> &[Attr] {
        match self.element(id) {
            Some(e) => {
                let s = e.attr_start as usize;
                self.attrs.get(s..s + e.attr_len as usize).unwrap_or(&[])
            }
            None => &[],
        }
    }

    /// The attributes of an element as `(qualified name, unescaped value)`.
    pub fn attributes(&self, id: NodeId) -> impl Iterator<Item = (&str, Cow<'_, str>)> + '_ {
        self.attr_slice(id)
            .iter()
            .map(move |a| (a.name.get(self), parse::unescape_attr(a.value.get(self))))
    }

    /// The unescaped value of attribute `name` (qualified) of an element.
    pub fn attribute(&self, id: NodeId, name: &str) -> Option<Cow<'_, str>> {
        self.attr_slice(id)
            .iter()
            .find(|a| a.name.get(self) == name)
            .map(|a| parse::unescape_attr(a.value.get(self)))
    }

    /// The value of the attribute in namespace `uri` with local name `local`.
    pub fn attribute_ns(&self, id: NodeId, uri: &str, local: &str) -> Option<Cow<'_, str>> {
        let prefix = self.lookup_namespace_prefix(id, uri)?;
        if prefix.is_empty() {
            // Unprefixed attributes are in no namespace.
            return None;
        }
        self.attr_slice(id)
            .iter()
            .find(|a| a.name.get(self).split_once(':') == Some((prefix, local)))
            .map(|a| parse::unescape_attr(a.value.get(self)))
    }

    /// Moves an element's attributes to the end of the arena so they can grow.
    fn attrs_to_tail(&mut self, id: NodeId) -> Option<(usize, usize)> {
        self.edited = true;
        let (start, len) = {
            let e = self.element(id)?;
            (e.attr_start as usize, e.attr_len as usize)
        };
        if start + len == self.attrs.len() {
            return Some((start, len));
        }
        let new_start = self.attrs.len();
        let copy: Vec<Attr> = self.attrs.get(start..start + len)?.to_vec();
        self.attrs.extend(copy);
        let e = self.element_mut(id)?;
        e.attr_start = new_start as u32;
        Some((new_start, len))
    }

    /// Sets attribute `name` (qualified) of an element to `value` (unescaped).
    ///
    /// A new attribute is appended after the existing ones. Setting the value
    /// the attribute already has changes nothing.
    pub fn set_attribute(&mut self, id: NodeId, name: &str, value: &str) {
        self.set_attribute_ordered(id, name, value, |_| None);
    }

    /// Like [`Document::set_attribute`], but a new attribute goes before the first
    /// existing one that `rank` places after it (attributes `rank` does not know
    /// keep their place; a new one it does not know is appended).
    pub fn set_attribute_ordered(
        &mut self,
        id: NodeId,
        name: &str,
        value: &str,
        rank: impl Fn(&str) -> Option<usize>,
    ) {
        if self.attribute(id, name).as_deref() == Some(value) {
            return;
        }
        let Some((start, len)) = self.attrs_to_tail(id) else {
            return;
        };
        let escaped = self.own(&escape(value));
        let doc = &*self;
        let existing = doc
            .attrs
            .get(start..start + len)
            .and_then(|s| s.iter().position(|a| a.name.get(doc) == name));
        // Where a new attribute goes: before the first one ranked after it.
        let at = rank(name)
            .and_then(|mine| {
                doc.attrs.get(start..start + len).and_then(|s| {
                    s.iter()
                        .position(|a| rank(a.name.get(doc)).is_some_and(|r| r > mine))
                })
            })
            .unwrap_or(len);
        match existing.and_then(|i| self.attrs.get_mut(start + i)) {
            Some(a) => {
                a.value = escaped;
                a.quote = b'\'';
            }
            None => {
                let name = self.own(name);
                // The element's attributes are the tail of the array (attrs_to_tail).
                self.attrs.insert(
                    start + at,
                    Attr {
                        name,
                        value: escaped,
                        quote: b'\'',
                    },
                );
                if let Some(e) = self.element_mut(id) {
                    e.attr_len += 1;
                }
            }
        }
        if let Some(e) = self.element_mut(id) {
            e.dirty = true;
        }
    }

    /// Sets the attribute in namespace `uri` with local name `local`, declaring
    /// the namespace with `prefix` on the root element if it is not in scope.
    pub fn set_attribute_ns(
        &mut self,
        id: NodeId,
        uri: &str,
        prefix: &str,
        local: &str,
        value: &str,
    ) {
        let p = match self.lookup_namespace_prefix(id, uri) {
            Some(p) if !p.is_empty() => p.to_owned(),
            _ => {
                let root = self.root().unwrap_or(id);
                self.declare_namespace(root, prefix, uri)
            }
        };
        self.set_attribute(id, &format!("{p}:{local}"), value);
    }

    /// Removes attribute `name` (qualified); returns whether it was present.
    pub fn remove_attribute(&mut self, id: NodeId, name: &str) -> bool {
        let Some(pos) = self
            .attr_slice(id)
            .iter()
            .position(|a| a.name.get(self) == name)
        else {
            return false;
        };
        let Some((start, _)) = self.attrs_to_tail(id) else {
            return false;
        };
        if start + pos < self.attrs.len() {
            self.attrs.remove(start + pos);
        }
        if let Some(e) = self.element_mut(id) {
            e.attr_len = e.attr_len.saturating_sub(1);
            e.dirty = true;
        }
        true
    }

    // ----- text ------------------------------------------------------------

    /// The text content of a node: all descendant text and CDATA, unescaped.
    pub fn text(&self, id: NodeId) -> Cow<'_, str> {
        // Fast path: a single text child.
        let mut kids = self.children(id);
        if let (Some(only), None) = (kids.next(), kids.next()) {
            if let Some(Data::Other(NodeKind::Text, s)) = self.node(only).map(|n| &n.data) {
                return parse::unescape_text(s.get(self));
            }
        }
        let mut out = String::new();
        self.collect_text(id, &mut out);
        Cow::Owned(out)
    }

    fn collect_text(&self, id: NodeId, out: &mut String) {
        for c in self.children(id) {
            match self.node(c).map(|n| &n.data) {
                Some(Data::Other(NodeKind::Text, s)) => {
                    out.push_str(&parse::unescape_text(s.get(self)))
                }
                Some(Data::Other(NodeKind::CData, s)) => {
                    let raw = s.get(self);
                    let inner = raw
                        .strip_prefix("<![CDATA[")
                        .and_then(|r| r.strip_suffix("]]>"))
                        .unwrap_or("");
                    out.push_str(inner);
                }
                Some(Data::Element(_)) => self.collect_text(c, out),
                _ => {}
            }
        }
    }

    /// Replaces all children of an element with the text `text` (unescaped).
    ///
    /// Setting the text the element already has changes nothing.
    pub fn set_text(&mut self, id: NodeId, text: &str) {
        if !self.is_element(id) || self.text(id) == text {
            return;
        }
        while let Some(c) = self.node(id).and_then(|n| opt(n.first)) {
            self.detach(c);
        }
        if !text.is_empty() {
            let escaped = self.own(&write::escape_text(text));
            let t = self.push_node(Data::Other(NodeKind::Text, escaped));
            self.append(id, t);
        }
        if let Some(e) = self.element_mut(id) {
            if e.end.is_none() || text.is_empty() {
                e.dirty = true;
            }
        }
    }

    // ----- building and editing ---------------------------------------------

    /// Stores `s` in the document's own text.
    fn own(&mut self, s: &str) -> Str {
        self.edited = true;
        let start = self.owned.len() as u32;
        self.owned.push_str(s);
        Str::Own(start, self.owned.len() as u32)
    }

    fn push_node(&mut self, data: Data) -> NodeId {
        self.edited = true;
        let id = NodeId(self.nodes.len() as u32);
        self.nodes.push(Node::new(data));
        id
    }

    fn new_element(&mut self, name: &str) -> NodeId {
        let start = self.attrs.len() as u32;
        let name = self.own(name);
        self.push_node(Data::Element(Element {
            name,
            start: Str::Own(0, 0),
            end: None,
            attr_start: start,
            attr_len: 0,
            dirty: true,
        }))
    }

    fn new_text(&mut self, text: &str) -> NodeId {
        let text = self.own(text);
        self.push_node(Data::Other(NodeKind::Text, text))
    }

    /// Links detached node `child` as the last child of `parent`.
    fn append(&mut self, parent: NodeId, child: NodeId) {
        let last = self.node(parent).map_or(NONE, |n| n.last);
        self.link(parent, last, child);
    }

    /// Links detached node `child` under `parent` right after `after` (NONE = first).
    fn link(&mut self, parent: NodeId, after: u32, child: NodeId) {
        self.edited = true;
        let next = if after == NONE {
            self.node(parent).map_or(NONE, |n| n.first)
        } else {
            self.nodes.get(after as usize).map_or(NONE, |n| n.next)
        };
        if let Some(c) = self.nodes.get_mut(child.index()) {
            c.parent = parent.0;
            c.prev = after;
            c.next = next;
        }
        if after == NONE {
            if let Some(p) = self.nodes.get_mut(parent.index()) {
                p.first = child.0;
            }
        } else if let Some(a) = self.nodes.get_mut(after as usize) {
            a.next = child.0;
        }
        if next == NONE {
            if let Some(p) = self.nodes.get_mut(parent.index()) {
                p.last = child.0;
            }
        } else if let Some(n) = self.nodes.get_mut(next as usize) {
            n.prev = child.0;
        }
        // A self-closing element that gains children needs an end tag.
        if let Some(e) = self.element_mut(parent) {
            if e.end.is_none() {
                e.dirty = true;
            }
        }
    }

    /// Unlinks a node from its parent (it stays in the arena).
    fn detach(&mut self, id: NodeId) {
        self.edited = true;
        let Some(n) = self.node(id) else { return };
        let (parent, prev, next) = (n.parent, n.prev, n.next);
        if parent == NONE {
            return;
        }
        match self.nodes.get_mut(prev as usize) {
            Some(p) if prev != NONE => p.next = next,
            _ => {
                if let Some(p) = self.nodes.get_mut(parent as usize) {
                    p.first = next;
                }
            }
        }
        match self.nodes.get_mut(next as usize) {
            Some(nx) if next != NONE => nx.prev = prev,
            _ => {
                if let Some(p) = self.nodes.get_mut(parent as usize) {
                    p.last = prev;
                }
            }
        }
        if let Some(n) = self.nodes.get_mut(id.index()) {
            n.parent = NONE;
            n.prev = NONE;
            n.next = NONE;
        }
    }

    fn is_whitespace_text(&self, id: NodeId) -> bool {
        match self.node(id).map(|n| &n.data) {
            Some(Data::Other(NodeKind::Text, s)) => s
                .get(self)
                .bytes()
                .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')),
            _ => false,
        }
    }

    fn raw_text(&self, id: NodeId) -> &str {
        match self.node(id).map(|n| &n.data) {
            Some(Data::Other(_, s)) => s.get(self),
            _ => "",
        }
    }

    /// The whitespace before element `id` when it is on a line of its own
    /// (e.g. `"\n    "`).
    fn leading_whitespace(&self, id: NodeId) -> Option<&str> {
        let prev = self.previous_sibling(id)?;
        if !self.is_whitespace_text(prev) {
            return None;
        }
        let ws = self.raw_text(prev);
        ws.contains('\n').then_some(ws)
    }

    /// The indentation of element `id`: the spaces after the last newline
    /// before it (empty for the root element).
    fn indent_of(&self, id: NodeId) -> &str {
        match self.leading_whitespace(id) {
            Some(ws) => ws.rsplit('\n').next().unwrap_or(""),
            None => "",
        }
    }

    /// Inserts a new empty element `name` under `parent` and returns it.
    ///
    /// Placement follows `order`, the schema order of the parent's children:
    /// the new element goes after the last child whose name comes no later in
    /// `order`, else before the first child that comes later, else after the
    /// last child element. Children whose names are not in `order` are skipped
    /// when choosing. Indentation is copied from the sibling it is placed next
    /// to; the first child of an element gets the parent's indentation plus two
    /// spaces.
    pub fn insert_element(&mut self, parent: NodeId, name: &str, order: &[&str]) -> NodeId {
        let el = self.new_element(name);
        self.insert_node_ordered(parent, el, name, order);
        el
    }

    /// Inserts a new empty element `name` as the last child element of `parent`.
    pub fn append_element(&mut self, parent: NodeId, name: &str) -> NodeId {
        self.insert_element(parent, name, &[])
    }

    /// The first child element `name` of `parent`, created in schema order
    /// (see [`Document::insert_element`]) if there is none.
    pub fn ensure_child(&mut self, parent: NodeId, name: &str, order: &[&str]) -> NodeId {
        match self.first_child_named(parent, name) {
            Some(c) => c,
            None => self.insert_element(parent, name, order),
        }
    }

    fn insert_node_ordered(&mut self, parent: NodeId, el: NodeId, name: &str, order: &[&str]) {
        let rank = |n: &str| order.iter().position(|o| *o == n);
        let my_rank = rank(name);
        let elements: Vec<NodeId> = self.child_elements(parent).collect();
        if elements.is_empty() {
            self.insert_first_child(parent, el);
            return;
        }
        let mut after = None;
        let mut before = None;
        if let Some(r) = my_rank {
            for &c in &elements {
                match rank(self.name(c)) {
                    Some(cr) if cr <= r => after = Some(c),
                    Some(_) if before.is_none() => before = Some(c),
                    _ => {}
                }
            }
        }
        match (after, before) {
            (Some(a), _) => self.insert_after_element(a, el),
            (None, Some(b)) => self.insert_before_element(b, el),
            (None, None) => {
                if let Some(&last) = elements.last() {
                    self.insert_after_element(last, el)
                }
            }
        }
    }

    fn insert_after_element(&mut self, sibling: NodeId, el: NodeId) {
        let Some(parent) = self.parent(sibling) else {
            return;
        };
        let ws = self.leading_whitespace(sibling).map(str::to_owned);
        let mut at = sibling.0;
        if let Some(ws) = ws {
            let t = self.new_text(&ws);
            self.link(parent, at, t);
            at = t.0;
        }
        self.link(parent, at, el);
    }

    fn insert_before_element(&mut self, sibling: NodeId, el: NodeId) {
        let Some(parent) = self.parent(sibling) else {
            return;
        };
        let ws = self.leading_whitespace(sibling).map(str::to_owned);
        let prev = self.node(sibling).map_or(NONE, |n| n.prev);
        self.link(parent, prev, el);
        if let Some(ws) = ws {
            let t = self.new_text(&ws);
            self.link(parent, el.0, t);
        }
    }

    fn insert_first_child(&mut self, parent: NodeId, el: NodeId) {
        let only_ws = self.children(parent).all(|c| self.is_whitespace_text(c));
        if !only_ws {
            self.append(parent, el);
            return;
        }
        while let Some(c) = self.node(parent).and_then(|n| opt(n.first)) {
            self.detach(c);
        }
        let indent = self.indent_of(parent).to_owned();
        let is_root = self.parent(parent) == Some(NodeId(0));
        if !is_root && self.leading_whitespace(parent).is_none() {
            // The parent is not on a line of its own: keep things inline.
            self.append(parent, el);
        } else {
            let open = self.new_text(&format!("\n{indent}  "));
            self.append(parent, open);
            self.append(parent, el);
            let close = self.new_text(&format!("\n{indent}"));
            self.append(parent, close);
        }
        if let Some(e) = self.element_mut(parent) {
            e.dirty = true;
        }
    }

    // ----- libxml2-style editing (the C ABI) ------------------------------------

    /// Appends the serialization of element `id` as libxml2's `xmlNodeDump(buf, doc,
    /// node, 0, 1)` writes it — what the C libvirt-gconfig's
    /// `gvir_config_object_to_xml` returns: double quotes, namespace declarations
    /// first, `<x/>` for an element without children, two-space indentation except
    /// inside elements holding text. Prolog and epilog nodes are not written; for
    /// the document node the root element is written.
    pub fn write_node_libxml2(&self, id: NodeId, out: &mut String) {
        write::write_node_libxml2(self, id, 0, true, out);
    }

    /// Appends a new empty element `name` as the last child of `parent`, adding no
    /// whitespace (libxml2's `xmlNewChild`); returns it.
    pub fn append_element_plain(&mut self, parent: NodeId, name: &str) -> NodeId {
        let el = self.new_element(name);
        self.append(parent, el);
        el
    }

    /// Renames element `id` to the qualified name `name` (libxml2's `xmlNodeSetName`,
    /// or `xmlSetNs` giving it a prefix); it is written in libvirt style from then on.
    pub fn rename_element(&mut self, id: NodeId, name: &str) {
        if !self.is_element(id) || self.name(id) == name {
            return;
        }
        let name = self.own(name);
        if let Some(e) = self.element_mut(id) {
            e.name = name;
            e.dirty = true;
        }
    }

    /// Links the detached node `child` as the last child of `parent` (libxml2's
    /// `xmlAddChild`), adding no whitespace.
    pub fn append_child(&mut self, parent: NodeId, child: NodeId) {
        if self.parent(child).is_none() && child.0 != 0 {
            self.append(parent, child);
        }
    }

    /// Unlinks a node (and its subtree) from its parent, leaving its siblings —
    /// whitespace included — alone (libxml2's `xmlUnlinkNode`).
    pub fn unlink(&mut self, id: NodeId) {
        self.detach(id);
    }

    /// Puts the detached node `new` where `old` is and unlinks `old` (libxml2's
    /// `xmlReplaceNode`).
    pub fn replace_node(&mut self, old: NodeId, new: NodeId) {
        let Some(parent) = self.parent(old) else {
            return;
        };
        if self.parent(new).is_some() || new.0 == 0 {
            return;
        }
        let prev = self.node(old).map_or(NONE, |n| n.prev);
        self.detach(old);
        self.link(parent, prev, new);
    }

    /// A detached deep copy of node `id` of `src` (any document, this one included)
    /// in this document; raw attribute values, quotes and text are kept.
    pub fn copy_subtree_from(&mut self, src: &Document, id: NodeId) -> NodeId {
        let Some(node) = src.node(id) else {
            return self.new_text("");
        };
        let copy = match &node.data {
            Data::Document | Data::Element(_) => {
                let el = self.new_element(src.name(id));
                let attrs: Vec<(String, String, u8)> = src
                    .attr_slice(id)
                    .iter()
                    .map(|a| {
                        (
                            a.name.get(src).to_owned(),
                            a.value.get(src).to_owned(),
                            a.quote,
                        )
                    })
                    .collect();
                let start = self.attrs.len() as u32;
                for (name, value, quote) in attrs {
                    let name = self.own(&name);
                    let value = self.own(&value);
                    self.attrs.push(Attr { name, value, quote });
                }
                if let Some(e) = self.element_mut(el) {
                    e.attr_start = start;
                    e.attr_len = src.attr_slice(id).len() as u32;
                }
                el
            }
            Data::Other(kind, raw) => {
                let raw = self.own(raw.get(src));
                self.push_node(Data::Other(*kind, raw))
            }
        };
        for c in src.children(id) {
            let cc = self.copy_subtree_from(src, c);
            self.append(copy, cc);
        }
        copy
    }

    /// Removes a node (and its subtree) from the document, together with the
    /// whitespace that indents it. An element left with only whitespace is
    /// collapsed to `<name/>`.
    pub fn remove(&mut self, id: NodeId) {
        let Some(parent) = self.parent(id) else {
            return;
        };
        if self.is_element(id) {
            if let Some(prev) = self.previous_sibling(id) {
                if self.is_whitespace_text(prev) {
                    let before_prev = self.previous_sibling(prev);
                    // Keep the whitespace when it also separates the parent's
                    // start tag from the next sibling element.
                    let next_is_element_less =
                        self.next_sibling(id).is_none_or(|n| !self.is_element(n));
                    if before_prev.is_some() || next_is_element_less {
                        self.detach(prev);
                    } else {
                        // First child: drop the whitespace after it instead.
                        if let Some(next) = self.next_sibling(id) {
                            if self.is_whitespace_text(next) {
                                self.detach(next);
                            }
                        }
                    }
                }
            }
        }
        self.detach(id);
        if parent.0 != 0
            && self.child_elements(parent).next().is_none()
            && self.children(parent).all(|c| self.is_whitespace_text(c))
        {
            while let Some(c) = self.node(parent).and_then(|n| opt(n.first)) {
                self.detach(c);
            }
            if let Some(e) = self.element_mut(parent) {
                e.dirty = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const QEMU: &str = "http://libvirt.org/schemas/domain/qemu/1.0";

    #[test]
    fn new_attributes_follow_the_given_order() {
        let order = ["type", "domain", "bus", "slot", "function"];
        let rank = |n: &str| order.iter().position(|o| *o == n);
        let mut doc = Document::parse("<address slot='0x03' x='1'/>").unwrap();
        let a = doc.root().unwrap();
        doc.set_attribute_ordered(a, "function", "0x0", rank);
        doc.set_attribute_ordered(a, "type", "pci", rank);
        doc.set_attribute_ordered(a, "bus", "0x00", rank);
        // Unknown to the order: appended; existing ones keep their place.
        doc.set_attribute_ordered(a, "y", "2", rank);
        doc.set_attribute_ordered(a, "slot", "0x04", rank);
        assert_eq!(
            doc.to_xml(),
            "<address type='pci' bus='0x00' slot='0x04' x='1' function='0x0' y='2'/>"
        );
        // Without an order, a new attribute is appended.
        doc.set_attribute(a, "domain", "0x0000");
        assert!(doc.to_xml().ends_with(" y='2' domain='0x0000'/>"));
    }

    #[test]
    fn renamed_elements_are_written_under_their_new_name() {
        let mut doc = Document::parse("<a x='1'><b>t</b><c/></a>").unwrap();
        let a = doc.root().unwrap();
        let b = doc.first_child_named(a, "b").unwrap();
        doc.rename_element(b, "p:b");
        assert_eq!(doc.name(b), "p:b");
        assert_eq!(doc.local_name(b), "b");
        assert_eq!(doc.to_xml(), "<a x='1'><p:b>t</p:b><c/></a>");
        // Text nodes are not renamed; the same name changes nothing.
        let t = doc.children(b).next().unwrap();
        doc.rename_element(t, "x");
        doc.rename_element(a, "a");
        assert_eq!(doc.to_xml(), "<a x='1'><p:b>t</p:b><c/></a>");
    }

    fn libxml2(xml: &str) -> String {
        let doc = Document::parse(xml).unwrap();
        let mut out = String::new();
        doc.write_node_libxml2(doc.root().unwrap(), &mut out);
        out
    }

    // Expected texts are what the C libvirt-gconfig (libxml2 2.9.14) returned for the
    // same input through gvir_config_domain_new_from_xml + gvir_config_object_to_xml.
    #[test]
    fn libxml2_writer_matches_the_c_library() {
        assert_eq!(
            libxml2("<domain a='x\ty\nz&#10;&#9;&#233;é&lt;&gt;&amp;&apos;\"'><name>é&#233;&#10;\r\n&gt;>&apos;&quot;'\"&#x1F600;</name><description>  </description><title></title></domain>"),
            "<domain a=\"x y z&#10;&#9;&#xE9;&#xE9;&lt;&gt;&amp;'&quot;\">\n  <name>éé\n\n&gt;&gt;'\"'\"\u{1F600}</name>\n  <description>  </description>\n  <title/>\n</domain>"
        );
        assert_eq!(
            libxml2("<?xml version='1.0'?>\n<domain xmlns:q='urn:q' type='kvm' q:x='1'><q:y xmlns:r='urn:r' r:z='2'/></domain>\n<!-- after -->\n"),
            "<domain xmlns:q=\"urn:q\" type=\"kvm\" q:x=\"1\">\n  <q:y xmlns:r=\"urn:r\" r:z=\"2\"/>\n</domain>"
        );
        assert_eq!(
            libxml2("\n<domain   type = 'a'  ></domain >"),
            "<domain type=\"a\"/>"
        );
        assert_eq!(
            libxml2("<domain><a>\n<b/>\n</a>\n<c>t<d/></c></domain>"),
            "<domain><a>\n<b/>\n</a>\n<c>t<d/></c></domain>"
        );
        assert_eq!(
            libxml2("<domain><?pi   x  ?><!--  x --></domain>"),
            "<domain>\n  <?pi x  ?>\n  <!--  x -->\n</domain>"
        );
        assert_eq!(
            libxml2("<domain><name>x</name><devices><disk type='file'/></devices><a><b/><![CDATA[x<]]></a><!--c--><?pi x?></domain>"),
            "<domain>\n  <name>x</name>\n  <devices>\n    <disk type=\"file\"/>\n  </devices>\n  <a><b/><![CDATA[x<]]></a>\n  <!--c-->\n  <?pi x?>\n</domain>"
        );
    }

    #[test]
    fn libxml2_editing_appends_and_keeps_whitespace() {
        let mut doc =
            Document::parse("<domain type='kvm'>\n  <name>x</name>\n  <devices>\n    <disk type='file'/>\n  </devices>\n</domain>\n").unwrap();
        let root = doc.root().unwrap();
        let name = doc.first_child_named(root, "name").unwrap();
        doc.set_text(name, "a<b>&\"'c\tx\ry é");
        let devices = doc.first_child_named(root, "devices").unwrap();
        doc.append_element_plain(devices, "disk");
        let mem = doc.append_element_plain(root, "memory");
        doc.set_attribute(mem, "unit", "KiB");
        doc.set_text(mem, "5");
        let mut out = String::new();
        doc.write_node_libxml2(root, &mut out);
        assert_eq!(
            out,
            "<domain type=\"kvm\">\n  <name>a&lt;b&gt;&amp;\"'c\tx&#13;y é</name>\n  <devices>\n    <disk type=\"file\"/>\n  <disk/></devices>\n<memory unit=\"KiB\">5</memory></domain>"
        );
        // A copy into another document, then replacing an element in place.
        let mut other = Document::with_root("domain");
        let oroot = other.root().unwrap();
        let copy = other.copy_subtree_from(&doc, devices);
        other.append_child(oroot, copy);
        let os = other.append_element_plain(oroot, "os");
        let name2 = other.append_element_plain(oroot, "name");
        other.unlink(name2);
        other.replace_node(copy, name2);
        other.unlink(os);
        out.clear();
        other.write_node_libxml2(oroot, &mut out);
        assert_eq!(out, "<domain>\n  <name/>\n</domain>");
    }

    #[test]
    fn namespaces() {
        let xml = "<domain xmlns:qemu=\"http://libvirt.org/schemas/domain/qemu/1.0\">\n  <qemu:commandline>\n    <qemu:arg value='-S'/>\n  </qemu:commandline>\n</domain>";
        let mut doc = Document::parse(xml).unwrap();
        let root = doc.root().unwrap();
        let cl = doc.children_ns(root, QEMU, "commandline").next().unwrap();
        assert_eq!(doc.local_name(cl), "commandline");
        assert_eq!(doc.namespace_uri(cl).as_deref(), Some(QEMU));
        assert_eq!(doc.lookup_namespace_prefix(cl, QEMU), Some("qemu"));
        let arg = doc.append_element(cl, "qemu:arg");
        doc.set_attribute(arg, "value", "-nodefaults");
        doc.set_attribute_ns(arg, "urn:x", "x", "flag", "1");
        assert_eq!(doc.attribute_ns(arg, "urn:x", "flag").as_deref(), Some("1"));
        assert_eq!(
            doc.to_xml(),
            "<domain xmlns:qemu=\"http://libvirt.org/schemas/domain/qemu/1.0\" xmlns:x='urn:x'>\n  <qemu:commandline>\n    <qemu:arg value='-S'/>\n    <qemu:arg value='-nodefaults' x:flag='1'/>\n  </qemu:commandline>\n</domain>"
        );
    }

    #[test]
    fn insert_before_and_remove_first() {
        let mut doc = Document::parse("<a>\n  <c/>\n  <d/>\n</a>").unwrap();
        let root = doc.root().unwrap();
        let b = doc.insert_element(root, "b", &["b", "c", "d"]);
        assert_eq!(doc.to_xml(), "<a>\n  <b/>\n  <c/>\n  <d/>\n</a>");
        doc.remove(b);
        let c = doc.first_child_named(root, "c").unwrap();
        doc.remove(c);
        assert_eq!(doc.to_xml(), "<a>\n  <d/>\n</a>");
        let d = doc.first_child_named(root, "d").unwrap();
        doc.remove(d);
        assert_eq!(doc.to_xml(), "<a/>");
        assert!(!doc.is_attached(d));
    }

    #[test]
    fn attributes_keep_quotes_and_escape_like_libvirt() {
        let mut doc = Document::parse("<a x=\"it's\" y='1'/>").unwrap();
        let root = doc.root().unwrap();
        assert_eq!(doc.attribute(root, "x").as_deref(), Some("it's"));
        doc.set_attribute(root, "y", "1");
        assert_eq!(doc.to_xml(), "<a x=\"it's\" y='1'/>");
        doc.set_attribute(root, "y", "<&'\">\n");
        assert_eq!(
            doc.to_xml(),
            "<a x=\"it's\" y='&lt;&amp;&apos;&quot;&gt;&#10;'/>"
        );
        assert_eq!(doc.attribute(root, "y").as_deref(), Some("<&'\">\n"));
        assert!(doc.remove_attribute(root, "x"));
        assert!(!doc.remove_attribute(root, "x"));
        assert_eq!(doc.to_xml(), "<a y='&lt;&amp;&apos;&quot;&gt;&#10;'/>");
    }

    #[test]
    fn text_and_cdata() {
        let mut doc = Document::parse("<a><b>x &amp; <![CDATA[<y>]]></b><c></c></a>").unwrap();
        let root = doc.root().unwrap();
        let b = doc.first_child_named(root, "b").unwrap();
        assert_eq!(doc.text(b), "x & <y>");
        let c = doc.first_child_named(root, "c").unwrap();
        doc.set_text(c, "1 < 2");
        assert_eq!(
            doc.to_xml(),
            "<a><b>x &amp; <![CDATA[<y>]]></b><c>1 &lt; 2</c></a>"
        );
    }
}
