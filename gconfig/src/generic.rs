//! A document of any kind, with no typed accessors beyond the DOM.

use crate::dom::{Document, NodeId, SharedDocument};
use crate::error::Result;

/// Any libvirt XML document (network, pool, capabilities...), kept losslessly.
#[derive(Debug, Clone)]
pub struct GenericDocument {
    doc: SharedDocument,
}

impl GenericDocument {
    /// Parses any well-formed document.
    ///
    /// # Errors
    /// See [`Document::parse`].
    pub fn from_xml(xml: &str) -> Result<GenericDocument> {
        Ok(GenericDocument {
            doc: Document::parse(xml)?.into_shared(),
        })
    }

    /// The shared DOM.
    pub fn shared(&self) -> &SharedDocument {
        &self.doc
    }

    /// The root element.
    pub fn root(&self) -> Option<NodeId> {
        self.doc.borrow().root()
    }

    /// The name of the root element (the document kind: `domain`, `network`, `pool`...).
    pub fn kind(&self) -> String {
        let d = self.doc.borrow();
        d.root().map(|r| d.name(r).to_owned()).unwrap_or_default()
    }

    /// Serializes the document.
    pub fn to_xml(&self) -> String {
        self.doc.borrow().to_xml()
    }
}
