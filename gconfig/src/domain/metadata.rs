//! `<metadata>`: application data in custom namespaces.

use crate::dom::{Document, NodeId, NodeKind};
use crate::error::{Error, Result};
use crate::xml_element;

xml_element! {
    /// `<metadata>`: one element per application namespace.
    ///
    /// Elements are found by namespace URI, whatever prefix they use; see
    /// [`DomainMetadata::element`] and [`DomainMetadata::set_element`].
    pub struct DomainMetadata = "metadata" {
        /// libosinfo's data: the guest OS the domain was made for (found by
        /// namespace URI, whatever its prefix; a new one declares
        /// `xmlns:libosinfo` on itself, as libvirt and virt-install write it).
        child libosinfo, libosinfo_or_create, remove_libosinfo: LibosinfoMetadata = "libosinfo:libosinfo";
    }
}

xml_element! {
    /// `<metadata><libosinfo:libosinfo>`: libosinfo's data about the domain
    /// (namespace [`LIBOSINFO_NS`](crate::view::LIBOSINFO_NS)).
    pub struct LibosinfoMetadata = "libosinfo:libosinfo", order = ["libosinfo:os"] {
        /// The libosinfo id of the guest OS, such as
        /// `http://fedoraproject.org/fedora/29`.
        child_attr os_id, set_os_id: String = "libosinfo:os" / "id";
    }
}

impl DomainMetadata {
    fn find(&self, ns_uri: &str) -> Option<NodeId> {
        let d = self.doc.borrow();
        let found = d
            .child_elements(self.node)
            .find(|c| d.namespace_uri(*c).as_deref() == Some(ns_uri));
        found
    }

    /// The namespace URIs of the elements, in document order.
    pub fn namespaces(&self) -> Vec<String> {
        let d = self.doc.borrow();
        d.child_elements(self.node)
            .filter_map(|c| d.namespace_uri(c).map(|u| u.into_owned()))
            .collect()
    }

    /// The XML of the first element in namespace `ns_uri`, with the namespace
    /// declaration on it (added when the document declares it further up).
    pub fn element(&self, ns_uri: &str) -> Option<String> {
        let node = self.find(ns_uri)?;
        let d = self.doc.borrow();
        let mut xml = String::new();
        d.write_node_to(node, &mut xml);
        let decl = match d.prefix(node) {
            Some(p) => format!("xmlns:{p}"),
            None => "xmlns".to_owned(),
        };
        if d.attribute(node, &decl).is_none() {
            let at = 1 + d.name(node).len();
            let escaped = ns_uri.replace('&', "&amp;").replace('\'', "&apos;");
            if xml.is_char_boundary(at) {
                xml.insert_str(at, &format!(" {decl}='{escaped}'"));
            }
        }
        Some(xml)
    }

    /// Replaces (or with `None` removes) the element in namespace `ns_uri` by
    /// `xml`, whose root element is put in that namespace with `prefix` (as
    /// libvirt's `virDomainSetMetadata` does). The new element goes last.
    ///
    /// # Errors
    /// A parse error of `xml`, or [`Error::InvalidValue`] when it mixes text
    /// and elements in one element. The document is unchanged then.
    pub fn set_element(&self, ns_uri: &str, prefix: &str, xml: Option<&str>) -> Result<()> {
        let fragment = xml.map(parse_fragment).transpose()?;
        {
            let mut d = self.doc.borrow_mut();
            let olds: Vec<NodeId> = d
                .child_elements(self.node)
                .filter(|c| d.namespace_uri(*c).as_deref() == Some(ns_uri))
                .collect();
            for old in olds {
                d.remove(old);
            }
        }
        let Some((f, r)) = fragment else {
            return Ok(());
        };
        let mut d = self.doc.borrow_mut();
        let (name, decl) = if prefix.is_empty() {
            (f.local_name(r).to_owned(), "xmlns".to_owned())
        } else {
            (
                format!("{prefix}:{}", f.local_name(r)),
                format!("xmlns:{prefix}"),
            )
        };
        let el = d.append_element(self.node, &name);
        d.set_attribute(el, &decl, ns_uri);
        copy_content(&f, r, &mut d, el, Some(prefix));
        Ok(())
    }
}

/// Parses a metadata element given as XML; rejects mixed content.
pub(super) fn parse_fragment(xml: &str) -> Result<(Document, NodeId)> {
    let f = Document::parse(xml)?;
    let r = f.root().ok_or_else(|| Error::InvalidValue {
        value: xml.to_owned(),
        expected: "an XML element",
    })?;
    check_no_mixed_content(&f, r)?;
    Ok((f, r))
}

fn check_no_mixed_content(f: &Document, node: NodeId) -> Result<()> {
    let kids: Vec<NodeId> = f.child_elements(node).collect();
    if !kids.is_empty() {
        for c in f.children(node) {
            if matches!(f.kind(c), Some(NodeKind::Text | NodeKind::CData)) {
                let mut raw = String::new();
                f.write_node_to(c, &mut raw);
                if !raw.trim().is_empty() {
                    return Err(Error::InvalidValue {
                        value: raw,
                        expected: "metadata without mixed text and element content",
                    });
                }
            }
        }
    }
    kids.into_iter()
        .try_for_each(|k| check_no_mixed_content(f, k))
}

/// Copies attributes and content of `src` (in `f`) onto `dst` (in `d`). With
/// `skip_decl`, the fragment's own declaration of that prefix is not copied.
fn copy_content(f: &Document, src: NodeId, d: &mut Document, dst: NodeId, skip_decl: Option<&str>) {
    for (name, value) in f.attributes(src) {
        let skip = skip_decl.is_some_and(|p| name.strip_prefix("xmlns:") == Some(p));
        if !skip {
            d.set_attribute(dst, name, &value);
        }
    }
    let kids: Vec<NodeId> = f.child_elements(src).collect();
    if kids.is_empty() {
        let text = f.text(src);
        if !text.is_empty() {
            d.set_text(dst, &text);
        }
        return;
    }
    for k in kids {
        let el = d.append_element(dst, f.name(k));
        copy_content(f, k, d, el, None);
    }
}
