//! The "Storage" page of a connection. A placeholder for now: the page is built in its
//! own change, as a component with this same init signature.

use libvirt_gobject::Connection;

super::placeholder_page!(
    /// The "Storage" page for one connection.
    StoragePage, Connection, connection, uri, "Storage", "storage-page"
);
