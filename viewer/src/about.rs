//! The about window and the keyboard shortcuts window.

use adw::prelude::*;

use crate::actions::SHORTCUTS;
use crate::config::{APP_ID, VERSION};
use crate::i18n::tr;

/// Shows the about window.
pub fn show(parent: &impl IsA<gtk::Window>) {
    let about = adw::AboutWindow::builder()
        .transient_for(parent)
        .application_name(tr("Vireo"))
        .application_icon(APP_ID)
        .developer_name(tr("The libvirt-glib-rs authors"))
        .version(VERSION)
        .comments(tr("Manage virtual machines with libvirt: local and remote hosts, live state, bulk actions and tags."))
        .license_type(gtk::License::Lgpl21)
        .website("https://libvirt.org")
        .build();
    about.present();
}

fn escape(s: &str) -> String {
    glib::markup_escape_text(s).to_string()
}

/// The UI definition of the shortcuts window, generated from [`SHORTCUTS`].
pub fn shortcuts_ui() -> String {
    let mut ui = String::from(
        "<interface><object class='GtkShortcutsWindow' id='shortcuts'><property name='modal'>1</property>\
         <child><object class='GtkShortcutsSection'><property name='section-name'>main</property>\
         <child><object class='GtkShortcutsGroup'>",
    );
    ui.push_str(&format!(
        "<property name='title'>{}</property>",
        escape(&tr("Virtual Machines"))
    ));
    for (_, accels, what) in SHORTCUTS {
        ui.push_str(&format!(
            "<child><object class='GtkShortcutsShortcut'><property name='accelerator'>{}</property><property name='title'>{}</property></object></child>",
            escape(&accels.join(" ")),
            escape(&tr(what))
        ));
    }
    ui.push_str("</object></child></object></child></object></interface>");
    ui
}

/// The shortcuts window for `parent`.
pub fn shortcuts_window(parent: &impl IsA<gtk::Window>) -> gtk::ShortcutsWindow {
    let b = gtk::Builder::from_string(&shortcuts_ui());
    let w: gtk::ShortcutsWindow = b
        .object("shortcuts")
        .expect("the generated shortcuts UI defines the window");
    w.set_transient_for(Some(parent));
    w
}
