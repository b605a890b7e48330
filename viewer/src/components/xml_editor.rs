//! The "XML editor" page of a VM's details. A placeholder for now: the page is built in its
//! own change, as a component with this same init signature.

use adw::prelude::*;
use libvirt_gobject::Domain;
use relm4::prelude::*;

use crate::i18n::{gettext_f, tr};

/// The "XML editor" page for one domain.
pub struct XmlEditorPage {
    /// The domain shown.
    pub domain: Domain,
}

impl SimpleComponent for XmlEditorPage {
    type Init = Domain;
    type Input = ();
    type Output = ();
    type Root = adw::StatusPage;
    type Widgets = ();

    fn init_root() -> adw::StatusPage {
        adw::StatusPage::builder()
            .icon_name("applications-engineering-symbolic")
            .title(tr("XML editor"))
            .build()
    }

    fn init(
        domain: Domain,
        root: adw::StatusPage,
        _sender: ComponentSender<Self>,
    ) -> ComponentParts<Self> {
        root.set_widget_name("xml-page");
        root.set_description(Some(&gettext_f(
            "This page is not available yet for {name}.",
            &[("name", &domain.name())],
        )));
        ComponentParts {
            model: XmlEditorPage { domain },
            widgets: (),
        }
    }
}
