//! Vireo's `<metadata>` element: tags, stored in the domain XML under
//! [`METADATA_NS`](crate::config::METADATA_NS) so they travel with the VM.
//!
//! ```xml
//! <metadata>
//!   <vireo:vireo xmlns:vireo="https://libvirt-glib-rs.invalid/vireo/1.0">
//!     <vireo:tag name="web"/>
//!   </vireo:vireo>
//! </metadata>
//! ```

use crate::config::{METADATA_NS, METADATA_PREFIX};

/// The tags in a domain's configuration (document order, duplicates removed).
pub fn read(dom: &libvirt_gconfig::Domain) -> Vec<String> {
    let Some(xml) = dom.metadata_element(METADATA_NS) else {
        return Vec::new();
    };
    let Ok(doc) = libvirt_gconfig::GenericDocument::from_xml(&xml) else {
        return Vec::new();
    };
    let Some(root) = doc.root() else {
        return Vec::new();
    };
    let d = doc.shared().borrow();
    let mut out: Vec<String> = Vec::new();
    for c in d.child_elements(root) {
        if d.local_name(c) == "tag" {
            if let Some(n) = d.attribute(c, "name") {
                let n = n.trim().to_owned();
                if !n.is_empty() && !out.contains(&n) {
                    out.push(n);
                }
            }
        }
    }
    out
}

/// Replaces the tags of `dom` (an empty list removes Vireo's element). Other
/// applications' metadata is left alone.
///
/// # Errors
///
/// A gconfig error when the element cannot be written (not expected for tag names,
/// which are escaped).
pub fn write(dom: &libvirt_gconfig::Domain, tags: &[String]) -> libvirt_gconfig::Result<()> {
    if tags.is_empty() {
        return dom.set_metadata_element(METADATA_NS, METADATA_PREFIX, None);
    }
    let mut xml = String::from("<vireo>");
    for t in tags {
        xml.push_str("<tag name='");
        xml.push_str(&escape(t));
        xml.push_str("'/>");
    }
    xml.push_str("</vireo>");
    dom.set_metadata_element(METADATA_NS, METADATA_PREFIX, Some(&xml))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\'', "&apos;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_keep_other_metadata() {
        let dom = libvirt_gconfig::Domain::from_xml(
            "<domain type='test'><name>a</name><metadata><libosinfo:libosinfo xmlns:libosinfo='http://libosinfo.org/xmlns/libvirt/domain/1.0'><libosinfo:os id='http://debian.org/debian/12'/></libosinfo:libosinfo></metadata></domain>",
        )
        .expect("valid XML");
        write(&dom, &["web".into(), "a&b'c".into()]).expect("writable");
        let again = libvirt_gconfig::Domain::from_xml(&dom.to_xml()).expect("still valid");
        assert_eq!(read(&again), vec!["web".to_owned(), "a&b'c".to_owned()]);
        assert!(again.to_xml().contains("debian/12"));
        write(&again, &[]).expect("removable");
        assert!(read(&again).is_empty());
        assert!(again.to_xml().contains("libosinfo:os"));
    }
}
