//! The "Console" page of a VM's details. A placeholder for now: the page is built in its
//! own change, as a component with this same init signature.

use libvirt_gobject::Domain;

super::placeholder_page!(
    /// The "Console" page for one domain.
    ConsolePage, Domain, domain, name, "Console", "console-page"
);
