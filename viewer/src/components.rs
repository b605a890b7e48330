//! Panes of the main window and the pages of the details view.

pub mod activities;
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
