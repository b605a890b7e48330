//! Connections that ask for credentials (libvirt's test driver with
//! `data/auth-host.xml`: user `alice`, password `secret`): the dialog asks each round
//! libvirt asks (user name, then the password in a hidden field), right answers connect
//! and list the machines, a wrong password and Cancel leave the connection "Failed" with
//! the reason in the sidebar, and nothing typed stays in the dialog.

mod common;

use std::path::PathBuf;

use adw::prelude::*;
use common::*;
use libvirt_gobject::{CredentialRequest, CredentialType};
use relm4::prelude::*;
use viewer::backend::ConnState;
use viewer::modals::credentials;

/// The URI of a private copy of the node file.
fn auth_uri(tag: &str) -> String {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data/auth-host.xml");
    let dir = std::env::temp_dir().join(format!("vireo-auth-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let dst = dir.join(format!("{tag}.xml"));
    std::fs::copy(src, &dst).expect("node file copied");
    format!("test://{}", dst.display())
}

/// The credentials dialog now shown, its rows, and the rows' titles.
fn credentials_dialog() -> (adw::MessageDialog, Vec<adw::EntryRow>) {
    let d = dialog(credentials::DIALOG_NAME);
    let rows: Vec<adw::EntryRow> = (0..)
        .map_while(|i| find::<adw::EntryRow>(&d, &credentials::row_name(i)))
        .collect();
    assert!(!rows.is_empty(), "the dialog has fields");
    (d, rows)
}

/// Fills the open dialog's single field with `value`, checks its kind, and responds.
fn answer(expect_secret: bool, value: &str, response: &str, shot: Option<&str>) -> String {
    let (d, rows) = credentials_dialog();
    assert_eq!(rows.len(), 1, "the test driver asks one field per round");
    let row = &rows[0];
    assert_eq!(
        row.is::<adw::PasswordEntryRow>(),
        expect_secret,
        "{}: a password field is hidden, a user name is not",
        row.title()
    );
    assert!(
        find::<gtk::Label>(&d, "credential-challenge").is_none(),
        "a challenge already in the prompt (the host name) is not repeated"
    );
    row.set_text(value);
    if let Some(name) = shot {
        screenshot(&d, name);
    }
    let title = row.title().to_string();
    // As a response button does: respond, then close.
    d.response(response);
    d.close();
    wait_until(5, "the dialog to close", || !d.is_visible());
    assert!(row.text().is_empty(), "nothing typed stays in the dialog");
    title
}

#[gtk::test]
fn credentials_dialog_connects_and_failures_show_in_the_sidebar() {
    // The dialog on its own: defaults fill visible fields, secrets are hidden and never
    // prefilled, challenges are shown.
    init();
    let reqs = vec![
        CredentialRequest {
            kind: CredentialType::Username,
            prompt: String::new(),
            challenge: None,
            default: Some("root".into()),
        },
        CredentialRequest {
            kind: CredentialType::Passphrase,
            prompt: "Password for root@example-host:".into(),
            challenge: Some("Host key SHA256:abc".into()),
            default: Some("never-shown".into()),
        },
    ];
    let conn = libvirt_gobject::Connection::new(&auth_uri("unit"));
    let shown_reqs = reqs.clone();
    conn.set_credential_handler(move |_, _, reply| {
        credentials::show(None, "example-host", &shown_reqs, reply, None);
    });
    let result = std::rc::Rc::new(std::cell::RefCell::new(None));
    let r = result.clone();
    let open = conn.open_future();
    glib::MainContext::default().spawn_local(async move {
        r.replace(Some(open.await));
    });
    let (d, rows) = credentials_dialog();
    assert_eq!(rows.len(), 2);
    assert!(!rows[0].is::<adw::PasswordEntryRow>());
    assert_eq!(rows[0].title(), "User name");
    assert_eq!(rows[0].text(), "root", "the default user name is filled in");
    assert!(rows[1].is::<adw::PasswordEntryRow>());
    assert_eq!(rows[1].title(), "Password for root@example-host");
    assert_eq!(rows[1].text(), "", "a secret is never prefilled");
    let challenge: gtk::Label = find(&d, "credential-challenge").expect("challenge shown");
    assert_eq!(challenge.label(), "Host key SHA256:abc");
    assert!(d.body().contains("Nothing you enter here is remembered"));
    screenshot(&d, "credentials-dialog");
    // Closing the dialog (Escape, the close response) cancels the open cleanly.
    d.close();
    wait_until(10, "the open to fail", || result.borrow().is_some());
    let e = result
        .borrow_mut()
        .take()
        .expect("finished")
        .expect_err("cancelled");
    assert!(e.message().ends_with("authentication cancelled"), "{e}");
    assert!(!conn.is_open());

    // The app on a host that asks: user name, then password.
    let uri = auth_uri("right");
    let app = launch(&uri);
    let inv = app.model().inventory().clone();
    wait_until(10, "connecting", || {
        inv.entry(&uri)
            .is_some_and(|e| e.state() == ConnState::Connecting)
    });
    let user_title = answer(false, "alice", "connect", Some("credentials-user"));
    assert!(user_title.contains("username"), "{user_title}");
    assert!(
        conn_status(&app, &uri).contains("Waiting for credentials"),
        "{}",
        conn_status(&app, &uri)
    );
    let pass_title = answer(true, "secret", "connect", Some("credentials-password"));
    assert!(pass_title.contains("alice"), "{pass_title}");
    wait_until(10, "connected", || {
        inv.entry(&uri)
            .is_some_and(|e| e.state() == ConnState::Connected)
    });
    wait_loaded(&app, 2);
    let mut names: Vec<String> = shown(&app).iter().map(|r| r.dom().name()).collect();
    names.sort();
    assert_eq!(names, ["vault-backup", "vault-db"]);
    assert_eq!(conn_status(&app, &uri), "Connected");

    // A wrong password: failed, with libvirt's reason, and no second try on its own.
    let wrong = auth_uri("wrong");
    activate(&app, "add-connection-uri", Some(&wrong.to_variant()));
    answer(false, "alice", "connect", None);
    answer(true, "not-the-password", "connect", None);
    wait_until(10, "wrong password failed", || {
        inv.entry(&wrong)
            .is_some_and(|e| e.state() == ConnState::Failed)
    });
    let text = conn_status(&app, &wrong);
    assert!(text.starts_with("Failed"), "{text}");
    assert!(text.contains("authentication failed"), "{text}");
    assert!(
        !text.contains("opening test://"),
        "the row names the host: {text}"
    );

    // Cancel: failed, "Authentication cancelled".
    let cancel = auth_uri("cancel");
    activate(&app, "add-connection-uri", Some(&cancel.to_variant()));
    answer(false, "", "cancel", None);
    wait_until(10, "cancelled failed", || {
        inv.entry(&cancel)
            .is_some_and(|e| e.state() == ConnState::Failed)
    });
    assert_eq!(
        conn_status(&app, &cancel),
        "Failed — Authentication cancelled"
    );
    settle(2500);
    assert!(
        gtk::Window::list_toplevels()
            .into_iter()
            .filter_map(|w| w.downcast::<adw::MessageDialog>().ok())
            .all(|d| !d.is_visible()),
        "a refused connection is not asked again on its own"
    );
    assert_eq!(
        inv.entry(&cancel).map(|e| e.state()),
        Some(ConnState::Failed)
    );
    let sidebar: gtk::Box = find(app.widget(), "sidebar").expect("sidebar");
    screenshot(&sidebar, "credentials-sidebar");
    screenshot(app.widget(), "credentials-window");

    // Removing a connection while it asks closes its dialog (and cancels the open).
    let gone = auth_uri("gone");
    activate(&app, "add-connection-uri", Some(&gone.to_variant()));
    let (d, _) = credentials_dialog();
    activate(&app, "remove-connection", Some(&gone.to_variant()));
    wait_until(5, "the dialog of a removed connection to close", || {
        !d.is_visible()
    });
    assert!(inv.entry(&gone).is_none());

    // Retrying (activating the row) asks again, and the right answers connect.
    inv.retry(&cancel);
    answer(false, "alice", "connect", None);
    answer(true, "secret", "connect", None);
    wait_until(10, "retried and connected", || {
        inv.entry(&cancel)
            .is_some_and(|e| e.state() == ConnState::Connected)
    });
    wait_loaded(&app, 4);
    app.widget().close();
}
