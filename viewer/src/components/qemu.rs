//! The "QEMU monitor" page of a VM's details. A placeholder for now: the page is built in its
//! own change, as a component with this same init signature.

use libvirt_gobject::Domain;

super::placeholder_page!(
    /// The "QEMU monitor" page for one domain.
    QemuPage, Domain, domain, name, "QEMU monitor", "qemu-page"
);
