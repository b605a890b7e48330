//! HiDPI: with a scale factor of 2 (`GDK_SCALE=2`, set here before GTK starts) the VNC
//! display at 1:1 draws one guest pixel per *device* pixel. A tiny real RFB server
//! paints a one-pixel checkerboard; the window as the X server shows it (`xwd`) must
//! carry that checkerboard unblurred and unscaled.
#![allow(clippy::unwrap_used)]

#[path = "../../gobject/tests/common/mod.rs"]
mod common;
mod support;

use std::os::fd::OwnedFd;
use std::process::Command;

use common::{run, settle, until};
use gtk::prelude::*;
use support::{rfb, Image};
use vireo_console::{ConsoleState, ScaleMode, VncDisplay};

/// The X window named `title`, as the X server shows it (device pixels), also saved as
/// `target/screenshots/<name>.png`.
fn grab_window(title: &str, name: &str) -> Image {
    let id = Command::new("xdotool")
        .args(["search", "--sync", "--name", title])
        .output()
        .expect("xdotool (scripts/install-deps.sh installs it)");
    let id = String::from_utf8_lossy(&id.stdout)
        .lines()
        .next()
        .expect("the window is found")
        .trim()
        .to_owned();
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("xwd -silent -id {id} | convert xwd:- png:-"))
        .output()
        .expect("xwd and convert");
    assert!(out.status.success() && !out.stdout.is_empty(), "xwd failed");
    std::fs::write(
        support::screenshot_dir().join(format!("{name}.png")),
        &out.stdout,
    )
    .unwrap();
    Image::decode(&glib::Bytes::from_owned(out.stdout))
}

#[test]
fn one_to_one_at_scale_2_draws_device_pixels() {
    // Before GTK opens the display (one test in this binary, no other thread uses env).
    std::env::set_var("GDK_SCALE", "2");
    gtk::init().expect("GTK starts (needs a display)");
    let (client, server) = rfb::start(160, 100, [250, 250, 250]);
    server.lock().unwrap().checker = true;
    let display = VncDisplay::new();
    display.set_scale_mode(ScaleMode::OneToOne);
    let title = format!("vnc-hidpi-{}", std::process::id());
    let win = gtk::Window::builder()
        .title(&title)
        .decorated(false)
        .default_width(200)
        .default_height(150)
        .child(&display)
        .build();
    win.present();
    display.open_fd(OwnedFd::from(client));
    run(60, async {
        until(10, || {
            display.state() == ConsoleState::Connected && display.stats().frames > 0
        })
        .await;
        assert_eq!(display.scale_factor(), 2, "GDK_SCALE=2 applies");
        until(10, || display.width() >= 200 && display.height() >= 150).await;
        settle(500).await;
        // 1:1 asks for the desktop in logical pixels: half its pixel size.
        let (_, nat, _, _) = display.measure(gtk::Orientation::Horizontal, -1);
        assert_eq!(nat, 80);

        let img = grab_window(&title, "vnc-hidpi-scale2");
        // The window is twice its logical size on screen.
        assert_eq!(
            (img.width, img.height),
            (2 * win.width() as usize, 2 * win.height() as usize),
            "device pixels"
        );
        // The desktop (160x100 device pixels) is centered: find its top-left corner
        // as the first lit pixel, then compare with the checkerboard pixel by pixel.
        let lit = |x: usize, y: usize| img.rgb[(y * img.width + x) * 3] > 128;
        let (x0, y0) = (0..img.height)
            .flat_map(|y| (0..img.width).map(move |x| (x, y)))
            .find(|&(x, y)| lit(x, y))
            .expect("the desktop is drawn");
        let ox = (img.width - 160) / 2;
        let oy = (img.height - 100) / 2;
        assert!(
            x0.abs_diff(ox) <= 1 && y0.abs_diff(oy) <= 1,
            "centered: first lit pixel at ({x0}, {y0}), expected about ({ox}, {oy})"
        );
        // Desktop pixel (0, 0) is lit: the board starts at the first lit pixel.
        let (bx, by) = (x0, y0);
        let mut wrong = 0;
        for y in 0..100 {
            for x in 0..160 {
                if lit(bx + x, by + y) != ((x + y) % 2 == 0) {
                    wrong += 1;
                }
            }
        }
        assert!(
            wrong <= 16,
            "{wrong} of 16000 device pixels differ from the guest's checkerboard"
        );
        display.close();
    });
}
