//! The connections sidebar: several connections at once, each with its state (a dead
//! URI shows "Failed" with libvirt's reason), scope by connection, removal, and the
//! list remembered in GSettings (memory backend: nothing touches the user's settings).

mod common;

use adw::prelude::*;
use common::*;
use relm4::prelude::*;
use viewer::backend::{settings, ConnState};
use viewer::components::sidebar::Scope;
use viewer::{App, AppInit, StartMode};

#[gtk::test]
fn several_connections_states_scope_and_remembered_uris() {
    // SAFETY: set before any GSettings object exists; this test binary has one test.
    unsafe { std::env::set_var("GSETTINGS_BACKEND", "memory") };
    init();
    let dir = std::env::temp_dir().join(format!("vireo-conns-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let dead = format!("qemu+unix:///system?socket={}/none.sock", dir.display());
    let app = App::builder()
        .launch(AppInit {
            start: StartMode::Auto {
                probe: dead.clone(),
            },
            ready_line: false,
            quit_after_ready: false,
            use_settings: true,
            use_keyring: false,
        })
        .detach();
    app.widget().present();
    // First run without libvirtd: the demo host, not remembered.
    wait_until(20, "demo host", || app.model().demo_uri().is_some());
    wait_loaded(&app, 12);
    let gs = settings::settings().expect("schema compiled by build.rs");
    assert!(settings::saved_uris(&gs).is_empty());

    // A second connection, and a dead one.
    activate(
        &app,
        "add-connection-uri",
        Some(&"test:///default".to_variant()),
    );
    activate(&app, "add-connection-uri", Some(&dead.to_variant()));
    wait_loaded(&app, 13);
    let inv = app.model().inventory().clone();
    wait_until(20, "dead URI failed", || {
        inv.entry(&dead)
            .is_some_and(|e| e.state() == ConnState::Failed)
    });
    let failed = inv.entry(&dead).expect("entry");
    assert!(!failed.reason().is_empty());
    let conns: gtk::ListBox = find(app.widget(), "connections").expect("sidebar list");
    let row: gtk::ListBoxRow = find(&conns, &format!("conn:{dead}")).expect("row");
    let status: gtk::Label = find(&row, "conn-status").expect("status label");
    assert!(status.label().starts_with("Failed"), "{}", status.label());
    assert!(status.label().contains(failed.reason().as_str()));
    screenshot(app.widget(), "connections");
    assert_eq!(
        settings::saved_uris(&gs),
        vec!["test:///default".to_owned(), dead.clone()]
    );

    // Scope: one connection's machines only.
    app.emit(viewer::app::AppInput::Scope(Scope::Connection(
        "test:///default".into(),
    )));
    wait_until(5, "scoped", || {
        shown(&app)
            .iter()
            .map(|r| r.dom().name())
            .collect::<Vec<_>>()
            == ["test"]
    });
    app.emit(viewer::app::AppInput::Scope(Scope::All));
    wait_loaded(&app, 13);

    // Removal forgets it.
    activate(&app, "remove-connection", Some(&dead.to_variant()));
    wait_until(5, "removed", || inv.entry(&dead).is_none());
    assert_eq!(
        settings::saved_uris(&gs),
        vec!["test:///default".to_owned()]
    );
    activate(
        &app,
        "remove-connection",
        Some(&"test:///default".to_variant()),
    );
    wait_loaded(&app, 12);
    assert!(settings::saved_uris(&gs).is_empty());
    app.widget().close();
    let _ = std::fs::remove_dir_all(&dir);
}
