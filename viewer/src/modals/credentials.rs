//! "Authentication Required": the fields libvirt asks for while opening a connection
//! (user name with its default, password hidden, SSH questions), answered through the
//! connection's [`CredentialReply`]. Nothing typed here is remembered: the answers go
//! to libvirt and the entries are cleared.

use std::cell::RefCell;
use std::rc::Rc;

use adw::prelude::*;
use libvirt_gobject::{CredentialReply, CredentialRequest, CredentialType};

use crate::backend::ConnEntry;

use crate::i18n::{gettext_f, tr};

/// The widget name of the dialog (tests look it up).
pub const DIALOG_NAME: &str = "credentials-dialog";

/// The widget name of the row for request `i`.
pub fn row_name(i: usize) -> String {
    format!("credential-{i}")
}

/// The title of a request's row: libvirt's prompt without its trailing colon, or a
/// label for its kind when libvirt gives none.
pub fn field_title(r: &CredentialRequest) -> String {
    let prompt = r.prompt.trim().trim_end_matches(':').trim_end();
    if !prompt.is_empty() {
        return prompt.to_owned();
    }
    match r.kind {
        CredentialType::Username | CredentialType::Authname => tr("User name"),
        CredentialType::Passphrase | CredentialType::NoEchoPrompt => tr("Password"),
        CredentialType::Realm => tr("Realm"),
        CredentialType::Language => tr("Language"),
        _ => tr("Answer"),
    }
}

/// The widget name of the "Remember in the keyring" switch.
pub const REMEMBER_NAME: &str = "credential-remember";

/// Shows the dialog for one round of `requests` on `host` (transient for `parent`).
/// Connect answers `reply` with the fields in order; Cancel, Escape or closing the
/// dialog cancels it (so does the dialog going away unanswered).
///
/// With `keyring`, a switch offers to remember the answers in the desktop keyring
/// ([`ConnEntry::remember_answers`]); off by default. Without it nothing is remembered.
pub fn show(
    parent: Option<&gtk::Window>,
    host: &str,
    requests: &[CredentialRequest],
    reply: CredentialReply,
    keyring: Option<&ConnEntry>,
) -> adw::MessageDialog {
    let body = if keyring.is_some() {
        gettext_f(
            // Translators: {host} is a connection's name, e.g. "QEMU/KVM" or a URI.
            "{host} asks for credentials. Nothing is remembered unless you choose to keep it in your keyring.",
            &[("host", host)],
        )
    } else {
        gettext_f(
            // Translators: {host} is a connection's name, e.g. "QEMU/KVM" or a URI.
            "{host} asks for credentials. Nothing you enter here is remembered.",
            &[("host", host)],
        )
    };
    let d = adw::MessageDialog::new(parent, Some(&tr("Authentication Required")), Some(&body));
    d.set_widget_name(DIALOG_NAME);
    d.set_default_width(420);
    let content = gtk::Box::new(gtk::Orientation::Vertical, 12);
    // Challenges that say more than the prompts (libvirt often passes the host name,
    // already in the prompt).
    let challenges: Vec<&str> = requests
        .iter()
        .filter_map(|r| r.challenge.as_deref())
        .filter(|c| !requests.iter().any(|r| r.prompt.contains(c)))
        .collect();
    if !challenges.is_empty() {
        let l = gtk::Label::builder()
            .label(challenges.join("\n"))
            .wrap(true)
            .wrap_mode(gtk::pango::WrapMode::WordChar)
            .xalign(0.0)
            .selectable(true)
            .build();
        l.set_widget_name("credential-challenge");
        l.add_css_class("monospace");
        content.append(&l);
    }
    let list = gtk::ListBox::new();
    list.add_css_class("boxed-list");
    list.set_selection_mode(gtk::SelectionMode::None);
    let mut rows: Vec<adw::EntryRow> = Vec::with_capacity(requests.len());
    for (i, r) in requests.iter().enumerate() {
        let row: adw::EntryRow = if r.kind.is_secret() {
            adw::PasswordEntryRow::new().upcast()
        } else {
            adw::EntryRow::new()
        };
        row.set_widget_name(&row_name(i));
        row.set_title(&field_title(r));
        row.set_activates_default(true);
        if let Some(def) = r.default.as_deref().filter(|_| !r.kind.is_secret()) {
            row.set_text(def);
        }
        list.append(&row);
        rows.push(row);
    }
    let remember = keyring.map(|_| {
        let switch = gtk::Switch::builder().valign(gtk::Align::Center).build();
        switch.set_widget_name(REMEMBER_NAME);
        let row = adw::ActionRow::builder()
            .title(tr("Remember in the keyring"))
            .activatable_widget(&switch)
            .build();
        row.add_suffix(&switch);
        list.append(&row);
        switch
    });
    content.append(&list);
    d.set_extra_child(Some(&content));
    d.add_responses(&[("cancel", &tr("Cancel")), ("connect", &tr("Connect"))]);
    d.set_response_appearance("connect", adw::ResponseAppearance::Suggested);
    d.set_default_response(Some("connect"));
    d.set_close_response("cancel");
    // The first empty field gets the focus (the password when the user name is given).
    if let Some(first) = rows.iter().find(|r| r.text().is_empty()).or(rows.first()) {
        first.grab_focus();
    }
    let reply = Rc::new(RefCell::new(Some(reply)));
    let keyring = keyring.cloned();
    let requests = requests.to_vec();
    d.connect_response(None, move |_, response| {
        let Some(reply) = reply.borrow_mut().take() else {
            return;
        };
        if response == "connect" {
            let values: Vec<String> = rows.iter().map(|r| r.text().to_string()).collect();
            if let (Some(entry), Some(true)) = (&keyring, remember.as_ref().map(|s| s.is_active()))
            {
                entry.remember_answers(&requests, &values);
            }
            reply.answer(values);
        } else {
            reply.cancel();
        }
        // Nothing typed stays in the widgets.
        for r in &rows {
            r.set_text("");
        }
    });
    d.present();
    d
}

/// Closes `dialog` (which cancels its round) when `entry` leaves `connections`: a
/// connection removed while it asks is not left with a dialog nobody needs.
pub fn close_when_removed(
    dialog: &adw::MessageDialog,
    connections: &gio::ListStore,
    entry: &ConnEntry,
) {
    let weak = dialog.downgrade();
    let entry = entry.clone();
    let id = connections.connect_items_changed(move |m, _, _, _| {
        if m.find(&entry).is_none() {
            if let Some(d) = weak.upgrade() {
                d.close();
            }
        }
    });
    let id = RefCell::new(Some(id));
    let connections = connections.clone();
    dialog.connect_destroy(move |_| {
        if let Some(id) = id.take() {
            connections.disconnect(id);
        }
    });
}
