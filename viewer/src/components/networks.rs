//! The "Networks" page of a connection. A placeholder for now: the page is built in its
//! own change, as a component with this same init signature.

use libvirt_gobject::Connection;

super::placeholder_page!(
    /// The "Networks" page for one connection.
    NetworksPage, Connection, connection, uri, "Networks", "networks-page"
);
