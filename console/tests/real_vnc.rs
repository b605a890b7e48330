//! The VNC display against the real libvirtd and the test guest (TCG): pixels match
//! the guest's screenshot over a local and a remote (TCP) connection; typed text and
//! Ctrl+Alt+Del from the send-key menu reach the guest. Screenshots go to
//! `target/screenshots/`.
#![allow(clippy::unwrap_used)]

#[path = "../../gobject/tests/common/mod.rs"]
mod common;
mod support;

use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use common::{run, send_until, settle, spawn_reader, until};
use gtk::prelude::*;
use libvirt_gobject::Domain;
use support::Image;
use vireo_console::{ConsoleState, ScaleMode, VncDisplay};

const REMOTE: &str = "qemu+tcp://127.0.0.1/system";

/// A window showing `display` at one guest pixel per screen pixel.
fn window(display: &VncDisplay, title: &str) -> gtk::Window {
    display.set_scale_mode(ScaleMode::OneToOne);
    let win = gtk::Window::builder()
        .title(title)
        .default_width(720)
        .default_height(400)
        .child(display)
        .build();
    win.present();
    win
}

/// Waits until `display` is in `state`, failing with its state and message.
async fn until_state(display: &VncDisplay, state: ConsoleState, secs: u64) {
    let end = Instant::now() + Duration::from_secs(secs);
    while display.state() != state {
        assert!(
            Instant::now() < end,
            "display {:?} ({:?}), not {state:?}, after {secs} s",
            display.state(),
            display.message()
        );
        settle(10).await;
    }
}

/// Waits until `display` is connected and has drawn a frame of the guest's text
/// console (not blank).
async fn wait_for_screen(display: &VncDisplay) {
    until(60, || {
        display.state() == ConsoleState::Connected
            && display.stats().frames > 0
            && display
                .screen_rgb()
                .map(|(w, h, rgb)| {
                    Image {
                        width: w,
                        height: h,
                        rgb,
                    }
                    .colours()
                        > 1
                })
                .unwrap_or(false)
    })
    .await;
}

/// The guest's screen as libvirt's screenshot shows it.
async fn screenshot(d: &Domain) -> Image {
    let (_mime, bytes) = d.screenshot_future(0).await.unwrap();
    Image::decode(&bytes)
}

/// What the widget shows of the desktop: its rendering cropped to the desktop (`None`
/// while the widget is smaller than the desktop, e.g. just after a resize).
async fn rendered_desktop(display: &VncDisplay) -> Option<Image> {
    let img = Image::from_texture(&support::render(display).await);
    let (dw, dh) = (
        display.desktop_width() as usize,
        display.desktop_height() as usize,
    );
    if img.width < dw || img.height < dh {
        return None;
    }
    let x = (img.width - dw) / 2;
    let y = (img.height - dh) / 2;
    Some(img.crop(x, y, dw, dh))
}

/// Compares the rendered widget with the guest's screenshot until they match (the
/// text cursor blinks: allow 1% of the pixels to differ), or fails after `secs`.
async fn assert_matches_screenshot(display: &VncDisplay, d: &Domain, secs: u64) -> f64 {
    let end = Instant::now() + Duration::from_secs(secs);
    loop {
        let shot = screenshot(d).await;
        // Let the display catch up with what the screenshot shows.
        settle(300).await;
        let ours = rendered_desktop(display).await;
        let diff = ours.as_ref().map(|o| o.diff(&shot, 24)).unwrap_or(1.0);
        if diff <= 0.01 {
            return diff;
        }
        assert!(
            Instant::now() < end,
            "rendered display ({:?}) differs from the {}x{} screenshot in {:.2}% of the pixels",
            ours.as_ref().map(|o| (o.width, o.height)),
            shot.width,
            shot.height,
            diff * 100.0
        );
        settle(200).await;
    }
}

#[gtk::test]
fn pixels_match_the_screenshot_local_and_remote() {
    let name = "lvg-console-vnc-pixels";
    let Some((_conn, _guard, d)) = support::local_guest(name) else {
        return;
    };
    let display = VncDisplay::new();
    let _win = window(&display, "vnc-pixels");
    display.open_domain(&d);
    run(90, async {
        wait_for_screen(&display).await;
        // Wait for the banner and prompt (the screen stops being just the kernel's).
        let console = d.open_console_future(None, 0).await.unwrap();
        let seen = spawn_reader(&console);
        send_until(&console, &seen, "\r", "lvg# ", 40).await;
        let diff = assert_matches_screenshot(&display, &d, 20).await;
        eprintln!("local: {:.3}% of the pixels differ", diff * 100.0);
        assert_eq!(
            (display.desktop_width(), display.desktop_height()),
            (720, 400),
            "VGA text mode"
        );
        support::save_screenshot(&display, "vnc-console").await;

        let _ = console.close_future(glib::Priority::DEFAULT).await;
    });

    // The same guest through a remote connection (no descriptor passing: the library
    // connects to the graphics port).
    let remote = common::open_or_skip(REMOTE).expect("remote connection");
    let rd = remote.find_domain_by_name(name).unwrap();
    let display2 = VncDisplay::new();
    let _win2 = window(&display2, "vnc-pixels-remote");
    display2.open_domain(&rd);
    run(60, async {
        wait_for_screen(&display2).await;
        let diff = assert_matches_screenshot(&display2, &rd, 20).await;
        eprintln!("remote: {:.3}% of the pixels differ", diff * 100.0);
    });

    // The guest stops: both displays say so; it starts again: they reconnect.
    run(60, async {
        d.destroy_future(0).await.unwrap();
        until_state(&display, ConsoleState::NotRunning, 20).await;
        until_state(&display2, ConsoleState::NotRunning, 20).await;
        support::save_screenshot(&display, "vnc-not-running").await;
        d.start_future(0).await.unwrap();
        until_state(&display, ConsoleState::Connected, 40).await;
        until_state(&display2, ConsoleState::Connected, 40).await;
        d.destroy_future(0).await.unwrap();
    });
    run(10, remote.close_future()).unwrap();
}

#[gtk::test]
fn typed_text_and_ctrl_alt_del_reach_the_guest() {
    let name = "lvg-console-vnc-input";
    let Some((_conn, _guard, d)) = support::local_guest(name) else {
        return;
    };
    let display = VncDisplay::new();
    let title = format!("vnc-input-{}", std::process::id());
    let win = window(&display, &title);
    display.open_domain(&d);
    run(120, async {
        wait_for_screen(&display).await;
        let console = d.open_console_future(None, 0).await.unwrap();
        let seen = spawn_reader(&console);
        send_until(&console, &seen, "\r", "lvg# ", 40).await;

        // Real key presses into the focused display (X input through XTEST): a command on
        // the guest's VGA console (tty1) that writes to its serial port.
        display.grab_focus();
        win.present();
        support::focus_window(&title).await;
        settle(300).await;
        assert!(display.has_focus(), "the display has the keyboard focus");
        let from = seen.borrow().len();
        support::xdotool(&["type", "--delay", "40", "echo typed-$((6*7)) > /dev/ttyS0"]).await;
        support::xdotool(&["key", "Return"]).await;
        until(30, || seen.borrow()[from..].contains("typed-42")).await;
        settle(600).await; // the rest of the screen update
        support::save_screenshot(&display, "vnc-typed").await;

        // Ctrl+Alt+Del from the send-key menu: with kernel.ctrl-alt-del = 1 the guest's
        // kernel restarts at once, which libvirt reports as a reboot.
        send_until(
            &console,
            &seen,
            "echo 1 > /proc/sys/kernel/ctrl-alt-del; echo cad-$((2*21))\r",
            "cad-42",
            20,
        )
        .await;
        let rebooted = Rc::new(Cell::new(false));
        let rb = rebooted.clone();
        d.connect_local("rebooted", false, move |_| {
            rb.set(true);
            None
        });
        let menu = VncDisplay::send_key_menu();
        let idx = (0..menu.n_items())
            .find(|&i| {
                menu.item_attribute_value(i, "target", None)
                    .and_then(|v| v.str().map(str::to_owned))
                    .as_deref()
                    == Some("ctrl-alt-del")
            })
            .expect("Ctrl+Alt+Del in the menu");
        let action = menu
            .item_attribute_value(idx, "action", None)
            .and_then(|v| v.str().map(str::to_owned))
            .unwrap();
        let target = menu.item_attribute_value(idx, "target", None);
        display
            .activate_action(&action, target.as_ref())
            .expect("the display provides the send-key action");
        until(30, || rebooted.get()).await;
        let _ = console.close_future(glib::Priority::DEFAULT).await;
        d.destroy_future(0).await.unwrap();
    });
}
