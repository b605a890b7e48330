//! The VNC display's pointer against a tiny real RFB server started by the test, moved
//! with real X input (XTEST through `xdotool`): a server without an absolute pointer
//! (QEMU with no tablet device announces it with the PointerChange pseudo-encoding) gets
//! relative motion in desktop pixels — no pointer grab, no warping, no jump after the
//! pointer left the display — and absolute positions again once it switches back.
#![allow(clippy::unwrap_used)]

#[path = "../../gobject/tests/common/mod.rs"]
mod common;
mod support;

use std::os::fd::OwnedFd;

use common::{run, settle, until};
use gtk::prelude::*;
use support::rfb;
use vireo_console::{ConsoleState, VncDisplay};

/// Relative "no motion" value of a PointerEvent coordinate.
const ZERO: i32 = 0x7fff;

/// Moves the X pointer to widget point (`x`, `y`) of `display` in window `title`.
async fn move_to(display: &VncDisplay, title: &str, x: f64, y: f64) {
    let win = display.root().and_downcast::<gtk::Window>().unwrap();
    let p = display
        .compute_point(&win, &gtk::graphene::Point::new(x as f32, y as f32))
        .unwrap();
    // Window coordinates to X window coordinates (client-side shadow, if any).
    let (tx, ty) = win.surface_transform();
    let (wx, wy) = (
        (f64::from(p.x()) + tx).round(),
        (f64::from(p.y()) + ty).round(),
    );
    support::xdotool(&[
        "search",
        "--sync",
        "--name",
        title,
        "mousemove",
        "--window",
        "%1",
        "--sync",
        &wx.to_string(),
        &wy.to_string(),
    ])
    .await;
    settle(150).await;
}

#[gtk::test]
fn relative_pointer_sends_desktop_pixel_deltas_without_grab() {
    let (client, server) = rfb::start(320, 200, [40, 90, 160]);
    server.lock().unwrap().pointer_absolute = Some(false);
    let display = VncDisplay::new();
    let title = format!("vnc-pointer-{}", std::process::id());
    let win = gtk::Window::builder()
        .title(&title)
        .decorated(false)
        .default_width(640)
        .default_height(400)
        .child(&display)
        .build();
    win.present();
    display.open_fd(OwnedFd::from(client));
    let pointers = || server.lock().unwrap().pointers.clone();
    // Sum of the relative deltas of the events from `from` on.
    let moved = |from: usize| {
        pointers()[from..]
            .iter()
            .fold((0, 0), |(sx, sy), &(_, x, y)| {
                (sx + i32::from(x) - ZERO, sy + i32::from(y) - ZERO)
            })
    };
    run(60, async {
        until(10, || {
            display.state() == ConsoleState::Connected && display.stats().frames > 0
        })
        .await;
        assert!(
            server.lock().unwrap().pointer_change,
            "PointerChange is asked for"
        );
        until(10, || display.relative_pointer()).await;
        until(10, || display.width() == 640 && display.height() == 400).await;

        // Fit: 320x200 drawn at 2x; 50x30 widget pixels are 25x15 desktop pixels.
        move_to(&display, &title, 100.0, 100.0).await;
        let from = pointers().len();
        move_to(&display, &title, 150.0, 130.0).await;
        until(5, || pointers().len() > from).await;
        assert_eq!(moved(from), (25, 15), "deltas in desktop pixels");
        for &(_, x, y) in &pointers()[from..] {
            assert!(
                (i32::from(x) - ZERO).abs() <= 25 && (i32::from(y) - ZERO).abs() <= 15,
                "relative, not absolute: ({x}, {y})"
            );
        }
        // Half pixels are carried over, not lost: 3 + 3 widget pixels = 3 desktop pixels.
        let from = pointers().len();
        move_to(&display, &title, 153.0, 130.0).await;
        move_to(&display, &title, 156.0, 130.0).await;
        until(5, || pointers().len() >= from + 2).await;
        assert_eq!(moved(from), (3, 0), "fractions add up");

        // No grab and no warp: the pointer leaves the window freely…
        let from = pointers().len();
        move_to(&display, &title, 900.0, 600.0).await;
        let inside = gtk::gdk::Display::default()
            .and_then(|d| d.default_seat())
            .and_then(|s| s.pointer())
            .and_then(|p| p.surface_at_position().0);
        assert!(inside.is_none(), "the pointer is outside our window");
        // …and coming back elsewhere does not jump by the way travelled outside.
        move_to(&display, &title, 400.0, 300.0).await;
        let back = moved(from);
        assert_eq!(back, (0, 0), "no jump on re-entry");
        let from = pointers().len();
        move_to(&display, &title, 410.0, 300.0).await;
        until(5, || pointers().len() > from).await;
        assert_eq!(moved(from), (5, 0));

        // The server switches to absolute: positions in desktop pixels again.
        {
            let mut st = server.lock().unwrap();
            st.pointer_absolute = Some(true);
            st.changed = true;
        }
        until(10, || !display.relative_pointer()).await;
        let from = pointers().len();
        move_to(&display, &title, 200.0, 100.0).await;
        until(5, || pointers().len() > from).await;
        let &(_, x, y) = pointers().last().unwrap();
        assert_eq!((x, y), (100, 50), "absolute position");
        display.close();
    });
}
