//! A VM's tags: kept in Vireo's `<metadata>` element (see [`vireo_console::metadata`],
//! which also holds the console choices) so they travel with the VM.

/// The tags in a domain's configuration (document order, duplicates removed).
pub fn read(dom: &libvirt_gconfig::Domain) -> Vec<String> {
    vireo_console::metadata::tags(dom)
}

/// Replaces the tags of `dom`, keeping the rest of Vireo's element and other
/// applications' metadata.
///
/// # Errors
///
/// A gconfig error when the element cannot be written (not expected for tag names,
/// which are escaped).
pub fn write(dom: &libvirt_gconfig::Domain, tags: &[String]) -> libvirt_gconfig::Result<()> {
    vireo_console::metadata::set_tags(dom, tags)
}
