//! What every document type shares: parsing, creating, writing and touching, and
//! [`touch_xml`], which reads every typed property of any known document kind.

use crate::dom::Document;
use crate::error::Result;
use crate::view::XmlView;

/// Implements the document methods (`from_xml`, `from_document`, `new`,
/// `shared`, `touch`, `to_xml`, `Default`) for a root view declared with
/// [`xml_element!`](crate::xml_element).
macro_rules! document_type {
    ($Name:ident, $what:literal) => {
        impl $Name {
            #[doc = concat!("Parses ", $what, " document.")]
            ///
            /// # Errors
            /// Any parse error (see [`Document::parse`](crate::Document::parse)), or
            /// [`Error::WrongRoot`](crate::Error::WrongRoot) when the root element is another one.
            pub fn from_xml(xml: &str) -> $crate::Result<$Name> {
                $Name::from_document($crate::dom::Document::parse(xml)?)
            }

            /// Wraps a parsed document whose root element is this document type's element.
            ///
            /// # Errors
            /// [`Error::WrongRoot`](crate::Error::WrongRoot) when the root element is another one.
            pub fn from_document(doc: $crate::dom::Document) -> $crate::Result<$Name> {
                let elem = <$Name as $crate::view::XmlView>::ELEMENT;
                match doc.root() {
                    Some(r) if doc.name(r) == elem => Ok(
                        <$Name as $crate::view::XmlView>::from_node(doc.into_shared(), r),
                    ),
                    root => Err($crate::Error::WrongRoot {
                        expected: elem,
                        found: root.map(|r| doc.name(r).to_owned()).unwrap_or_default(),
                    }),
                }
            }

            #[doc = concat!("A new, empty ", $what, " document to fill in with the setters.")]
            pub fn new() -> $Name {
                let doc =
                    $crate::dom::Document::with_root(<$Name as $crate::view::XmlView>::ELEMENT);
                let root = doc.root().unwrap_or_else(|| doc.document_node());
                <$Name as $crate::view::XmlView>::from_node(doc.into_shared(), root)
            }

            /// The shared document behind this view.
            pub fn shared(&self) -> &$crate::dom::SharedDocument {
                <$Name as $crate::view::XmlView>::document(self)
            }

            /// Reads every typed property and writes it back; see
            /// [`XmlView::touch`](crate::view::XmlView::touch).
            ///
            /// # Errors
            /// The first property that could not be read.
            pub fn touch(&self) -> $crate::Result<()> {
                let mut errors = Vec::new();
                $crate::view::XmlView::touch(self, &mut errors);
                match errors.into_iter().next() {
                    Some(e) => Err(e),
                    None => Ok(()),
                }
            }

            /// Serializes the whole document (prolog and comments included).
            pub fn to_xml(&self) -> String {
                self.shared().borrow().to_xml()
            }
        }

        impl Default for $Name {
            fn default() -> Self {
                $Name::new()
            }
        }
    };
}
pub(crate) use document_type;

/// Parses any libvirt document, reads every typed property of it through the
/// root view of its kind (chosen by the root element's name; documents of
/// other kinds are only parsed) and sets each back to the value read, then
/// serializes it. On a well-formed document the output equals the input.
///
/// # Errors
/// A parse error, or the first typed property that could not be read.
pub fn touch_xml(xml: &str) -> Result<String> {
    let doc = Document::parse(xml)?;
    let kind = doc
        .root()
        .map(|r| doc.name(r).to_owned())
        .unwrap_or_default();
    let shared = doc.into_shared();
    let root = shared.borrow().root();
    let Some(root) = root else {
        return Ok(shared.borrow().to_xml());
    };
    let mut errors = Vec::new();
    fn go<V: XmlView>(
        shared: &crate::dom::SharedDocument,
        root: crate::dom::NodeId,
        errors: &mut Vec<crate::Error>,
    ) {
        V::from_node(shared.clone(), root).touch(errors);
    }
    let s = &shared;
    let e = &mut errors;
    match kind.as_str() {
        "domain" => go::<crate::Domain>(s, root, e),
        "network" => go::<crate::Network>(s, root, e),
        "pool" => go::<crate::StoragePool>(s, root, e),
        "volume" => go::<crate::StorageVolume>(s, root, e),
        "domainsnapshot" => go::<crate::DomainSnapshot>(s, root, e),
        "domaincheckpoint" => go::<crate::DomainCheckpoint>(s, root, e),
        "secret" => go::<crate::Secret>(s, root, e),
        "networkport" => go::<crate::NetworkPort>(s, root, e),
        "filterbinding" => go::<crate::NwFilterBinding>(s, root, e),
        "filter" => go::<crate::NwFilter>(s, root, e),
        "device" => go::<crate::NodeDevice>(s, root, e),
        "capabilities" => go::<crate::Capabilities>(s, root, e),
        "domainCapabilities" => go::<crate::DomainCaps>(s, root, e),
        "domainbackup" => go::<crate::DomainBackup>(s, root, e),
        "interface" => go::<crate::HostInterface>(s, root, e),
        _ => {}
    }
    if let Some(err) = errors.into_iter().next() {
        return Err(err);
    }
    let out = shared.borrow().to_xml();
    Ok(out)
}
