//! Dialogs: small adw message dialogs that ask for a line of text or a confirmation,
//! plus the bigger ones in their own modules.

pub mod add_connection;
pub mod clone;
pub mod credentials;
pub mod delete;
pub mod new_vm;

use adw::prelude::*;

use crate::i18n::tr;

/// The window of `w` (dialogs are transient for it).
pub fn window_of(w: &impl IsA<gtk::Widget>) -> Option<gtk::Window> {
    w.root().and_downcast::<gtk::Window>()
}

/// Asks for one line of text; `done` gets it when the user confirms (the dialog
/// keeps what was typed until then).
pub fn ask_text(
    parent: &impl IsA<gtk::Widget>,
    heading: &str,
    body: &str,
    initial: &str,
    done: impl Fn(String) + 'static,
) {
    let d = adw::MessageDialog::new(window_of(parent).as_ref(), Some(heading), Some(body));
    d.set_widget_name("ask-text-dialog");
    let entry = gtk::Entry::builder()
        .text(initial)
        .activates_default(true)
        .build();
    entry.set_widget_name("dialog-entry");
    d.set_extra_child(Some(&entry));
    d.add_responses(&[("cancel", &tr("Cancel")), ("ok", &tr("OK"))]);
    d.set_response_appearance("ok", adw::ResponseAppearance::Suggested);
    d.set_default_response(Some("ok"));
    d.set_close_response("cancel");
    d.connect_response(None, move |_, r| {
        if r == "ok" {
            done(entry.text().to_string());
        }
    });
    d.present();
}

/// Asks to confirm a destructive action.
pub fn confirm(
    parent: &impl IsA<gtk::Widget>,
    heading: &str,
    body: &str,
    action: &str,
    done: impl Fn() + 'static,
) {
    let d = adw::MessageDialog::new(window_of(parent).as_ref(), Some(heading), Some(body));
    d.add_responses(&[("cancel", &tr("Cancel")), ("ok", action)]);
    d.set_response_appearance("ok", adw::ResponseAppearance::Destructive);
    d.set_default_response(Some("cancel"));
    d.set_close_response("cancel");
    d.connect_response(None, move |_, r| {
        if r == "ok" {
            done();
        }
    });
    d.present();
}
