//! Panes of the main window and the pages of the details view.

pub mod console;
pub mod details;
pub mod hardware;
pub mod networks;
pub mod overview;
pub mod page_util;
pub mod qemu;
pub mod sidebar;
pub mod snapshots;
pub mod storage;
pub mod vm_list;
pub mod xml_editor;

/// Fills a details page's scrolled root: a named, clamped vertical box with the usual
/// margins, returned to add the page's content to.
pub fn page_box(root: &gtk::ScrolledWindow, name: &str, spacing: i32) -> gtk::Box {
    use gtk::prelude::*;
    root.set_widget_name(name);
    let clamp = adw::Clamp::builder().maximum_size(720).build();
    let page = gtk::Box::new(gtk::Orientation::Vertical, spacing);
    page.set_margin_top(18);
    page.set_margin_bottom(18);
    page.set_margin_start(12);
    page.set_margin_end(12);
    clamp.set_child(Some(&page));
    root.set_child(Some(&clamp));
    page
}

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
