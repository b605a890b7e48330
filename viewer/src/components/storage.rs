//! The "Storage" page of a connection. A placeholder for now: the page is built in its
//! own change, as a component with this same init signature.

use adw::prelude::*;
use libvirt_gobject::Connection;
use relm4::prelude::*;

use crate::i18n::{gettext_f, tr};

/// The "Storage" page for one connection.
pub struct StoragePage {
    /// The connection shown.
    pub connection: Connection,
}

impl SimpleComponent for StoragePage {
    type Init = Connection;
    type Input = ();
    type Output = ();
    type Root = adw::StatusPage;
    type Widgets = ();

    fn init_root() -> adw::StatusPage {
        adw::StatusPage::builder()
            .icon_name("applications-engineering-symbolic")
            .title(tr("Storage"))
            .build()
    }

    fn init(
        connection: Connection,
        root: adw::StatusPage,
        _sender: ComponentSender<Self>,
    ) -> ComponentParts<Self> {
        root.set_widget_name("storage-page");
        root.set_description(Some(&gettext_f(
            "This page is not available yet for {uri}.",
            &[("uri", &connection.uri())],
        )));
        ComponentParts {
            model: StoragePage { connection },
            widgets: (),
        }
    }
}
