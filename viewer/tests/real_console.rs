//! The Console page against the real libvirtd with the real test guest: the graphical
//! console connects and shows the guest's screen, the serial tab shows its shell prompt.
//!
//! Takes `/tmp/real-libvirtd.lock` (other suites share the daemon). Outside CI a missing
//! libvirtd or guest skips loudly; with `CI=true` it fails.

mod common;

use adw::prelude::*;
use common::*;
use relm4::ComponentController;
use vireo_console::{ConsoleState, SerialConsole, VncDisplay};

const NAME: &str = "vireo-console-wire";

#[gtk::test]
fn real_console_page_shows_graphics_and_serial_shell() {
    if !guest::libvirtd_answers() {
        return;
    }
    let Some((xml, disk)) = guest::guest_xml(NAME) else {
        return;
    };
    let _lock = guest::lock();
    let _cleanup = guest::Cleanup::new(NAME, disk);

    let (app, _dom) = launch_with_running_guest(&xml, NAME);
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
    let share: gtk::ToggleButton =
        find(app.widget(), "console-share-clipboard").expect("the clipboard toggle");
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
