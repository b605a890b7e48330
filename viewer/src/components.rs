//! Panes of the main window and the pages of the details view.

pub mod console;
pub mod details;
pub mod hardware;
pub mod networks;
pub mod overview;
pub mod qemu;
pub mod sidebar;
pub mod snapshots;
pub mod storage;
pub mod vm_list;
pub mod xml_editor;

/// Defines a page component that is still a placeholder: a status page saying the page
/// is not available yet. Its init signature is the real page's (`Domain` for a VM page,
/// `Connection` for a connection page), so the real component replaces it in place.
macro_rules! placeholder_page {
    ($(#[$doc:meta])* $name:ident, $obj:ty, $field:ident, $key:ident, $title:literal, $widget:literal) => {
        use adw::prelude::*;
        use relm4::prelude::*;

        use crate::i18n::{gettext_f, tr};

        $(#[$doc])*
        pub struct $name {
            /// The object shown.
            pub $field: $obj,
        }

        impl SimpleComponent for $name {
            type Init = $obj;
            type Input = ();
            type Output = ();
            type Root = adw::StatusPage;
            type Widgets = ();

            fn init_root() -> adw::StatusPage {
                adw::StatusPage::builder()
                    .icon_name("applications-engineering-symbolic")
                    .title(tr($title))
                    .build()
            }

            fn init(
                $field: $obj,
                root: adw::StatusPage,
                _sender: ComponentSender<Self>,
            ) -> ComponentParts<Self> {
                root.set_widget_name($widget);
                root.set_description(Some(&gettext_f(
                    "This page is not available yet for {what}.",
                    &[("what", &$field.$key())],
                )));
                ComponentParts {
                    model: $name { $field },
                    widgets: (),
                }
            }
        }
    };
}
use placeholder_page;
