//! [`Manager`] (`GVirManager`): a set of connections.

use std::cell::RefCell;
use std::sync::OnceLock;

use glib::prelude::*;
use glib::subclass::prelude::*;
use glib::subclass::Signal;

use crate::Connection;

mod imp {
    use super::*;

    #[derive(Default)]
    pub struct Manager {
        pub(super) connections: RefCell<Vec<Connection>>,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for Manager {
        const NAME: &'static str = "GVirManager";
        type Type = super::Manager;
    }

    impl ObjectImpl for Manager {
        fn signals() -> &'static [Signal] {
            static SIGNALS: OnceLock<Vec<Signal>> = OnceLock::new();
            SIGNALS.get_or_init(|| {
                vec![
                    Signal::builder("connection-added")
                        .param_types([Connection::static_type()])
                        .run_first()
                        .build(),
                    Signal::builder("connection-removed")
                        .param_types([Connection::static_type()])
                        .run_first()
                        .build(),
                ]
            })
        }
    }
}

glib::wrapper! {
    /// A set of [`Connection`]s, e.g. one per host (`GVirManager`).
    ///
    /// ## Signals
    /// #### `connection-added`, `connection-removed`
    /// A connection was added to or removed from the set.
    pub struct Manager(ObjectSubclass<imp::Manager>);
}

impl Default for Manager {
    fn default() -> Self {
        Self::new()
    }
}

impl Manager {
    /// An empty manager.
    pub fn new() -> Self {
        glib::Object::new()
    }

    /// Adds `conn` and emits `connection-added`.
    pub fn add_connection(&self, conn: &Connection) {
        self.imp().connections.borrow_mut().push(conn.clone());
        self.emit_by_name::<()>("connection-added", &[conn]);
    }

    /// Removes `conn` and emits `connection-removed`.
    pub fn remove_connection(&self, conn: &Connection) {
        let removed = {
            let mut list = self.imp().connections.borrow_mut();
            let before = list.len();
            list.retain(|c| c != conn);
            before != list.len()
        };
        if removed {
            self.emit_by_name::<()>("connection-removed", &[conn]);
        }
    }

    /// The connections.
    pub fn connections(&self) -> Vec<Connection> {
        self.imp().connections.borrow().clone()
    }

    /// The connection with this URI.
    pub fn find_connection_by_uri(&self, uri: &str) -> Option<Connection> {
        self.imp()
            .connections
            .borrow()
            .iter()
            .find(|c| c.uri() == uri)
            .cloned()
    }
}
