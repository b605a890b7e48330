//! The serial console against the real libvirtd and the test guest: it shows the
//! guest's shell, a command typed into it gets its answer, and it reconnects after the
//! guest restarts. Screenshot: `target/screenshots/serial-console.png`.
#![allow(clippy::unwrap_used)]

#[path = "../../gobject/tests/common/mod.rs"]
mod common;
mod support;

use std::time::{Duration, Instant};

use common::{run, settle, until};
use gtk::prelude::*;
use vireo_console::{ConsoleState, SerialConsole};

/// Waits until the terminal's text contains `want`, pressing Enter in the guest's shell
/// (through the console) every second, or fails after `secs`.
async fn until_text(console: &SerialConsole, want: &str, secs: u64, poke: bool) {
    let end = Instant::now() + Duration::from_secs(secs);
    let mut last_poke = Instant::now() - Duration::from_secs(2);
    while !console.text().contains(want) {
        assert!(
            Instant::now() < end,
            "no {want:?} in the terminal ({:?}, {:?}): {:?}",
            console.state(),
            console.message(),
            console.text()
        );
        if poke && last_poke.elapsed() > Duration::from_secs(1) {
            console.send(b"\r");
            last_poke = Instant::now();
        }
        settle(50).await;
    }
}

#[gtk::test]
fn shows_the_shell_answers_typed_commands_and_reconnects() {
    let name = "lvg-console-serial";
    let Some((_conn, _guard, d)) = support::local_guest(name) else {
        return;
    };
    let console = SerialConsole::new();
    let title = format!("serial-{}", std::process::id());
    let win = gtk::Window::builder()
        .title(&title)
        .default_width(760)
        .default_height(480)
        .child(&console)
        .build();
    win.present();
    console.open_domain(&d);
    run(120, async {
        until(30, || console.state() == ConsoleState::Connected).await;
        let labels: Vec<String> = console.devices().into_iter().map(|d| d.label).collect();
        assert_eq!(labels, ["Serial port 0"]);
        until_text(&console, "lvg# ", 40, true).await;

        // Real key presses into the terminal. The X display is shared with other tests
        // that may take the keyboard focus while this one types: then the line is
        // cleared and typed again (at most three times; the answer must come).
        console.terminal().grab_focus();
        let mut attempt = 0;
        loop {
            attempt += 1;
            support::focus_window(&title).await;
            settle(300).await;
            support::xdotool(&["key", "ctrl+u"]).await;
            support::xdotool(&["type", "--delay", "30", "echo serial-$((6*7))"]).await;
            support::xdotool(&["key", "Return"]).await;
            let end = Instant::now() + Duration::from_secs(10);
            while !console.text().contains("\nserial-42") && Instant::now() < end {
                settle(50).await;
            }
            if console.text().contains("\nserial-42") || attempt == 3 {
                break;
            }
        }
        until_text(&console, "\nserial-42", 5, false).await;
        support::save_screenshot(&console, "serial-console").await;

        // The guest stops and starts again: the console follows.
        d.destroy_future(0).await.unwrap();
        until(20, || console.state() == ConsoleState::NotRunning).await;
        d.start_future(0).await.unwrap();
        until(30, || console.state() == ConsoleState::Connected).await;
        // The console connects as QEMU starts; the shell comes after the boot.
        until(60, || {
            console.text().matches("lvg-guest ready").count() >= 2
        })
        .await;
        let end = Instant::now() + Duration::from_secs(30);
        while !console.text().contains("again-42") {
            assert!(
                Instant::now() < end,
                "no answer after the restart: {:?}",
                console.text()
            );
            console.send(b"echo again-$((7*6))\r");
            settle(1000).await;
        }
        d.destroy_future(0).await.unwrap();
    });
}
