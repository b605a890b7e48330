//! The "Networks" page of a connection. A placeholder for now: the page is built in its
//! own change, as a component with this same init signature.

use adw::prelude::*;
use libvirt_gobject::Connection;
use relm4::prelude::*;

use crate::i18n::{gettext_f, tr};

/// The "Networks" page for one connection.
pub struct NetworksPage {
    /// The connection shown.
    pub connection: Connection,
}

impl SimpleComponent for NetworksPage {
    type Init = Connection;
    type Input = ();
    type Output = ();
    type Root = adw::StatusPage;
    type Widgets = ();

    fn init_root() -> adw::StatusPage {
        adw::StatusPage::builder()
            .icon_name("applications-engineering-symbolic")
            .title(tr("Networks"))
            .build()
    }

    fn init(
        connection: Connection,
        root: adw::StatusPage,
        _sender: ComponentSender<Self>,
    ) -> ComponentParts<Self> {
        root.set_widget_name("networks-page");
        root.set_description(Some(&gettext_f(
            "This page is not available yet for {uri}.",
            &[("uri", &connection.uri())],
        )));
        ComponentParts {
            model: NetworksPage { connection },
            widgets: (),
        }
    }
}
