//! The Console page against the real libvirtd with the real test guest: the graphical
//! console connects and shows the guest's screen, the serial tab shows its shell prompt.
//!
//! Takes `/tmp/real-libvirtd.lock` (other suites share the daemon). Outside CI a missing
//! libvirtd or guest skips loudly; with `CI=true` it fails.

mod common;

use std::os::fd::AsRawFd;

use adw::prelude::*;
use common::*;
use libvirt_gobject::DomainState;
use relm4::ComponentController;
use vireo_console::{ConsoleState, SerialConsole, VncDisplay};

const URI: &str = "qemu:///system";
const NAME: &str = "vireo-console-wire";

#[gtk::test]
fn real_console_page_shows_graphics_and_serial_shell() {
    if virsh_on(URI, &["uri"]).is_err() {
        assert!(!strict_ci(), "libvirtd does not answer on {URI}");
        eprintln!("\n*** SKIPPING: libvirtd does not answer on {URI} ***\n");
        return;
    }
    let Some((xml, disk)) = guest_xml(NAME) else {
        return;
    };
    let lock = std::fs::File::create("/tmp/real-libvirtd.lock").expect("lock file");
    // SAFETY: flock on a file descriptor we own; released when `lock` is dropped. Not
    // waited for: the shared daemon's own runner may hold the lock for its whole run.
    let _ = unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    GuestCleanup::sweep(URI, NAME);
    let _cleanup = GuestCleanup {
        uri: URI,
        name: NAME.into(),
        disk,
    };

    let app = launch(URI);
    wait_until(30, "the connection", || {
        app.model()
            .inventory()
            .entry(URI)
            .is_some_and(|e| e.state() == viewer::backend::ConnState::Connected)
    });
    let conn = app.model().inventory().entry(URI).expect("entry").conn();
    let ctx = glib::MainContext::default();
    let dom = ctx
        .block_on(conn.create_domain_future(&xml))
        .expect("guest defined");
    ctx.block_on(dom.start_future(0)).expect("guest started");
    wait_until(30, "the running row", || {
        shown(&app)
            .iter()
            .any(|r| r.dom().name() == NAME && r.state() == DomainState::Running)
    });
    select(&app, &[NAME]);
    activate(&app, "show-page", Some(&"console".to_variant()));

    let display: VncDisplay = find(app.widget(), "console-display").expect("display");
    wait_until(60, "the VNC session", || {
        display.state() == ConsoleState::Connected
    });
    wait_until(60, "non-blank pixels", || {
        display
            .screen_rgb()
            .is_some_and(|(_, _, px)| px.iter().any(|&b| b > 16))
    });
    let share: gtk::Switch = find(app.widget(), "console-share-clipboard").expect("switch");
    wait_until(10, "the stored clipboard choice", || share.is_sensitive());
    assert!(
        !share.is_active(),
        "clipboard sharing must be off by default"
    );
    assert!(!display.share_clipboard());

    let stack: gtk::Stack = find(app.widget(), "console-stack").expect("stack");
    stack.set_visible_child_name("serial");
    let serial: SerialConsole = find(app.widget(), "console-serial").expect("serial");
    let t = std::time::Instant::now();
    let mut poked = false;
    while !serial.text().contains("lvg# ") {
        // The prompt may have been printed before the terminal attached: ask again.
        if !poked && t.elapsed() > std::time::Duration::from_secs(5) {
            serial.send(b"\r");
            poked = true;
        }
        assert!(
            t.elapsed() < std::time::Duration::from_secs(90),
            "no shell prompt on the serial console: {:?}",
            serial.text()
        );
        settle(200);
    }
    screenshot(app.widget(), "vireo-console-serial");
    // The guest has booted by now: its VGA console shows the shell too.
    stack.set_visible_child_name("graphics");
    settle(1000);
    assert_eq!(display.state(), ConsoleState::Connected);
    screenshot(app.widget(), "vireo-console-graphics");
    app.widget().close();
}
