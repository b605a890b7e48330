//! The per-VM console choices Vireo keeps in the domain's `<metadata>`, so that they
//! travel with the VM: for now whether the clipboard is shared with the guest.
//!
//! ```
//! use vireo_console::metadata;
//! let dom = libvirt_gconfig::Domain::from_xml("<domain><name>a</name></domain>").unwrap();
//! assert!(!metadata::share_clipboard(&dom)); // off unless turned on
//! metadata::set_share_clipboard(&dom, true).unwrap();
//! assert!(metadata::share_clipboard(&dom));
//! let xml = dom.to_xml();
//! assert!(xml.contains("<vireo:console") && xml.contains(metadata::VIREO_NS), "{xml}");
//! metadata::set_share_clipboard(&dom, false).unwrap();
//! assert!(!metadata::share_clipboard(&dom));
//! ```

/// Vireo's XML namespace for `<metadata>` elements (stable: it is stored in VMs).
pub const VIREO_NS: &str = "http://vireo.app/xmlns/1.0";
/// The prefix Vireo's metadata elements get.
pub const VIREO_PREFIX: &str = "vireo";

/// Whether the VM's metadata turns clipboard sharing on (`false` when absent or
/// unreadable: sharing stays off unless explicitly on).
pub fn share_clipboard(config: &libvirt_gconfig::Domain) -> bool {
    let Some(xml) = config.metadata_element(VIREO_NS) else {
        return false;
    };
    let Ok(el) = libvirt_gconfig::GenericDocument::from_xml(&xml) else {
        return false;
    };
    let doc = el.shared().borrow();
    doc.root()
        .and_then(|r| doc.attribute(r, "share-clipboard").map(|v| v == "yes"))
        .unwrap_or(false)
}

/// Records the clipboard choice in the VM's metadata (the `<vireo:console>` element,
/// replacing an earlier one); save it with `Domain::set_config_future`.
///
/// # Errors
/// From gconfig when the element cannot be written.
pub fn set_share_clipboard(
    config: &libvirt_gconfig::Domain,
    on: bool,
) -> Result<(), libvirt_gconfig::Error> {
    let value = if on { "yes" } else { "no" };
    config.set_metadata_element(
        VIREO_NS,
        VIREO_PREFIX,
        Some(&format!("<console share-clipboard='{value}'/>")),
    )
}
