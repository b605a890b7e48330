//! The VNC display against a tiny real RFB server started by the test: a DesktopSize
//! change resizes the view (fit and 1:1 scaling), and host clipboard text reaches the
//! server only while clipboard sharing is on.
#![allow(clippy::unwrap_used)]

#[path = "../../gobject/tests/common/mod.rs"]
mod common;
mod support;

use std::cell::RefCell;
use std::os::fd::OwnedFd;
use std::rc::Rc;

use common::{run, settle, until};
use gtk::prelude::*;
use support::rfb;
use support::Image;
use vireo_console::{ConsoleState, ScaleMode, VncDisplay};

fn pixel(img: &Image, x: usize, y: usize) -> [u8; 3] {
    let i = (y * img.width + x) * 3;
    [img.rgb[i], img.rgb[i + 1], img.rgb[i + 2]]
}

#[gtk::test]
fn desktop_size_change_resizes_the_view() {
    let (client, server) = rfb::start(320, 200, [200, 30, 30]);
    let display = VncDisplay::new();
    let resized = Rc::new(RefCell::new(Vec::new()));
    let r = resized.clone();
    display.connect_local("desktop-resized", false, move |args| {
        r.borrow_mut()
            .push((args[1].get::<i32>().unwrap(), args[2].get::<i32>().unwrap()));
        None
    });
    let win = gtk::Window::builder()
        .default_width(400)
        .default_height(400)
        .child(&display)
        .build();
    win.present();
    display.open_fd(OwnedFd::from(client));
    run(30, async {
        until(10, || {
            display.state() == ConsoleState::Connected && display.stats().frames > 0
        })
        .await;
        assert_eq!(
            (display.desktop_width(), display.desktop_height()),
            (320, 200)
        );
        // Fit: 320x200 into 400x400 -> 400x250, centered vertically (75 px bars).
        until(10, || {
            display.is_mapped() && display.width() == 400 && display.height() == 400
        })
        .await;
        settle(100).await;
        let img = Image::from_texture(&support::render(&display).await);
        assert_eq!((img.width, img.height), (400, 400));
        assert_eq!(pixel(&img, 200, 200), [200, 30, 30]);
        assert_eq!(pixel(&img, 200, 20), [0, 0, 0], "letterbox above");
        assert_eq!(pixel(&img, 200, 380), [0, 0, 0], "letterbox below");
        assert_eq!(pixel(&img, 2, 80), [200, 30, 30], "fit fills the width");

        // The server changes size and colour.
        {
            let mut st = server.lock().unwrap();
            assert!(st.desktop_size, "the client announces DesktopSize");
            st.size = (640, 160);
            st.colour = [20, 40, 220];
            st.changed = true;
        }
        until(10, || display.desktop_width() == 640).await;
        assert_eq!(display.desktop_height(), 160);
        assert_eq!(*resized.borrow(), [(320, 200), (640, 160)]);
        until(10, || {
            display
                .screen_rgb()
                .map(|(_, _, rgb)| rgb[..3] == [20, 40, 220])
                .unwrap_or(false)
        })
        .await;
        settle(100).await;
        // Fit: 640x160 into 400x400 -> 400x100 (150 px bars).
        let img = Image::from_texture(&support::render(&display).await);
        assert_eq!(pixel(&img, 200, 200), [20, 40, 220]);
        assert_eq!(pixel(&img, 200, 140), [0, 0, 0]);
        assert_eq!(pixel(&img, 200, 160), [20, 40, 220]);
        // 1:1 asks for the desktop's size.
        display.set_scale_mode(ScaleMode::OneToOne);
        let (_, nat, _, _) = display.measure(gtk::Orientation::Horizontal, -1);
        assert_eq!(nat, 640);
        let (min, _, _, _) = display.measure(gtk::Orientation::Vertical, -1);
        assert_eq!(min, 160);
        settle(200).await;
        support::save_screenshot(&display, "vnc-resized").await;
        display.close();
    });
}

#[gtk::test]
fn host_clipboard_reaches_the_guest_only_when_shared() {
    let (client, server) = rfb::start(64, 48, [10, 10, 10]);
    let display = VncDisplay::new();
    assert!(!display.share_clipboard(), "sharing is off by default");
    let win = gtk::Window::builder().child(&display).build();
    win.present();
    display.open_fd(OwnedFd::from(client));
    let cut = || server.lock().unwrap().cut_texts.clone();
    run(30, async {
        until(10, || display.state() == ConsoleState::Connected).await;
        display.clipboard().set_text("secret-1");
        settle(500).await;
        // Key events do arrive (the session works), clipboard text does not.
        assert!(display.send_key_combination("ctrl-alt-f2"));
        until(5, || server.lock().unwrap().keys.len() == 6).await;
        assert_eq!(cut(), Vec::<String>::new(), "nothing shared while off");

        display.set_share_clipboard(true);
        until(5, || cut() == ["secret-1"]).await;
        display.clipboard().set_text("shared-2");
        until(5, || cut() == ["secret-1", "shared-2"]).await;

        display.set_share_clipboard(false);
        display.clipboard().set_text("secret-3");
        settle(500).await;
        assert_eq!(
            cut(),
            ["secret-1", "shared-2"],
            "nothing after turning it off"
        );
        display.close();
    });
}
