//! Vireo's element in a domain's `<metadata>`, so that what Vireo keeps per VM travels
//! with it (and other tools keep it): the VM's tags and its console choices. libvirt
//! keeps one element per namespace (`virDomainSetMetadata` qualifies only that element),
//! so every writer reads the whole element, changes its part and writes it back.
//!
//! ```xml
//! <metadata>
//!   <vireo:vireo xmlns:vireo="https://libvirt-glib-rs.invalid/vireo/1.0">
//!     <tag name="web"/>
//!     <console share-clipboard="yes"/>
//!   </vireo:vireo>
//! </metadata>
//! ```
//!
//! ```
//! use vireo_console::metadata;
//! let dom = libvirt_gconfig::Domain::from_xml("<domain><name>a</name></domain>").unwrap();
//! assert!(!metadata::share_clipboard(&dom)); // off unless turned on
//! metadata::set_tags(&dom, &["web".into()]).unwrap();
//! metadata::set_share_clipboard(&dom, true).unwrap();
//! assert!(metadata::share_clipboard(&dom));
//! assert_eq!(metadata::tags(&dom), ["web"]); // one element, both parts kept
//! let xml = dom.to_xml();
//! assert!(xml.contains("share-clipboard='yes'") && xml.contains(metadata::VIREO_NS), "{xml}");
//! metadata::set_share_clipboard(&dom, false).unwrap();
//! assert!(!metadata::share_clipboard(&dom));
//! ```

/// Vireo's XML namespace for its `<metadata>` element (stable: it is stored in VMs).
pub const VIREO_NS: &str = "https://libvirt-glib-rs.invalid/vireo/1.0";
/// The prefix of Vireo's metadata element.
pub const VIREO_PREFIX: &str = "vireo";

/// What Vireo keeps in a VM's metadata.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VireoMetadata {
    /// The VM's tags (document order, without duplicates or blanks).
    pub tags: Vec<String>,
    /// Whether the host clipboard is shared with the guest (off unless turned on).
    pub share_clipboard: bool,
}

/// Reads Vireo's element (the defaults when it is absent or unreadable).
pub fn read(config: &libvirt_gconfig::Domain) -> VireoMetadata {
    let mut out = VireoMetadata::default();
    let Some(xml) = config.metadata_element(VIREO_NS) else {
        return out;
    };
    let Ok(el) = libvirt_gconfig::GenericDocument::from_xml(&xml) else {
        return out;
    };
    let Some(root) = el.root() else {
        return out;
    };
    let d = el.shared().borrow();
    for c in d.child_elements(root) {
        match d.local_name(c) {
            "tag" => {
                if let Some(n) = d.attribute(c, "name") {
                    let n = n.trim().to_owned();
                    if !n.is_empty() && !out.tags.contains(&n) {
                        out.tags.push(n);
                    }
                }
            }
            "console" => {
                out.share_clipboard = d.attribute(c, "share-clipboard").as_deref() == Some("yes");
            }
            _ => {}
        }
    }
    out
}

/// Writes Vireo's element (removing it when everything is at its default); other
/// applications' metadata is left alone. Save it with `Domain::set_config_future`.
///
/// # Errors
/// From gconfig when the element cannot be written.
pub fn write(
    config: &libvirt_gconfig::Domain,
    meta: &VireoMetadata,
) -> Result<(), libvirt_gconfig::Error> {
    if *meta == VireoMetadata::default() {
        return config.set_metadata_element(VIREO_NS, VIREO_PREFIX, None);
    }
    let mut xml = String::from("<vireo>");
    for t in &meta.tags {
        xml.push_str("<tag name='");
        xml.push_str(&escape(t));
        xml.push_str("'/>");
    }
    if meta.share_clipboard {
        xml.push_str("<console share-clipboard='yes'/>");
    }
    xml.push_str("</vireo>");
    config.set_metadata_element(VIREO_NS, VIREO_PREFIX, Some(&xml))
}

/// The VM's tags.
pub fn tags(config: &libvirt_gconfig::Domain) -> Vec<String> {
    read(config).tags
}

/// Replaces the VM's tags, keeping the rest of Vireo's element.
///
/// # Errors
/// From gconfig when the element cannot be written.
pub fn set_tags(
    config: &libvirt_gconfig::Domain,
    tags: &[String],
) -> Result<(), libvirt_gconfig::Error> {
    let mut meta = read(config);
    meta.tags = Vec::new();
    for t in tags {
        let t = t.trim();
        if !t.is_empty() && !meta.tags.iter().any(|x| x == t) {
            meta.tags.push(t.to_owned());
        }
    }
    write(config, &meta)
}

/// Whether the VM's metadata turns clipboard sharing on (`false` when absent or
/// unreadable: sharing stays off unless explicitly on).
pub fn share_clipboard(config: &libvirt_gconfig::Domain) -> bool {
    read(config).share_clipboard
}

/// Records the clipboard choice in the VM's metadata, keeping the rest of Vireo's
/// element.
///
/// # Errors
/// From gconfig when the element cannot be written.
pub fn set_share_clipboard(
    config: &libvirt_gconfig::Domain,
    on: bool,
) -> Result<(), libvirt_gconfig::Error> {
    let mut meta = read(config);
    meta.share_clipboard = on;
    write(config, &meta)
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
    fn tags_and_clipboard_share_one_element_and_keep_other_metadata() {
        let dom = libvirt_gconfig::Domain::from_xml(
            "<domain type='test'><name>a</name><metadata><libosinfo:libosinfo xmlns:libosinfo='http://libosinfo.org/xmlns/libvirt/domain/1.0'><libosinfo:os id='http://debian.org/debian/12'/></libosinfo:libosinfo></metadata></domain>",
        )
        .expect("valid XML");
        set_tags(&dom, &["web".into(), "a&b'c".into(), "web".into()]).expect("writable");
        set_share_clipboard(&dom, true).expect("writable");
        let again = libvirt_gconfig::Domain::from_xml(&dom.to_xml()).expect("still valid");
        assert_eq!(tags(&again), ["web", "a&b'c"]);
        assert!(share_clipboard(&again));
        assert_eq!(again.to_xml().matches("xmlns:vireo=").count(), 1);
        set_tags(&again, &[]).expect("writable");
        assert!(
            share_clipboard(&again),
            "the clipboard choice survives a tag edit"
        );
        set_share_clipboard(&again, false).expect("writable");
        let xml = again.to_xml();
        assert!(!xml.contains("vireo"), "{xml}");
        assert!(xml.contains("libosinfo:os"), "{xml}");
    }
}
