//! Against the real libvirtd with the real test guest, whose VNC display has a password:
//! the VM list shows a thumbnail of its screen (not blank, like `virsh screenshot`), and
//! the Console page asks for the password in a dialog — a wrong one gives a clear error
//! and a retry, the right one brings the guest's screen.
//!
//! Takes `/tmp/real-libvirtd.lock` (other suites share the daemon). Outside CI a missing
//! libvirtd or guest skips loudly; with `CI=true` it fails.

mod common;

use std::time::Duration;

use adw::prelude::*;
use common::*;
use relm4::ComponentController;
use vireo_console::{ConsoleState, VncDisplay};

const NAME: &str = "vireo-cfeat-vnc-password";
/// VNC passwords are at most 8 characters.
const PASSWORD: &str = "vireo-p7";

/// The fraction of bytes brighter than the background.
fn lit(px: &[u8]) -> f64 {
    px.iter().filter(|&&b| b > 40).count() as f64 / px.len().max(1) as f64
}

/// RGB bytes of a texture.
fn rgb_of(tex: &gtk::gdk::Texture) -> Vec<u8> {
    let (w, h) = (tex.width() as usize, tex.height() as usize);
    let mut px = vec![0u8; w * h * 4];
    tex.download(&mut px, w * 4);
    px.chunks(4).flat_map(|p| [p[0], p[1], p[2]]).collect()
}

/// The password dialog, once it is open (the guest's VNC server may take a while).
fn password_dialog(display: &VncDisplay, what: &str) -> adw::MessageDialog {
    let mut found = None;
    let d = display.clone();
    let what = format!("{what} (display: {:?})", d.state());
    wait_until(45, &what, || {
        if found.is_none() && d.state() != ConsoleState::Connecting {
            eprintln!("display {:?}: {}", d.state(), d.message());
        }
        found = gtk::Window::list_toplevels()
            .into_iter()
            .filter_map(|w| w.downcast::<adw::MessageDialog>().ok())
            .find(|d| d.widget_name() == "vnc-password-dialog" && d.is_visible());
        found.is_some()
    });
    found.expect("dialog found")
}

/// Answers the open password dialog with `password`.
fn answer(display: &VncDisplay, password: &str) -> adw::MessageDialog {
    let dlg = password_dialog(display, "the password dialog");
    let entry: gtk::PasswordEntry = find(&dlg, "vnc-password").expect("password entry");
    entry.set_text(password);
    button(dlg.upcast_ref(), "Connect")
        .expect("a Connect button")
        .emit_clicked();
    assert_eq!(entry.text(), "", "the password is not kept in the dialog");
    wait_until(5, "the dialog to close", || !dlg.is_visible());
    dlg
}

/// The button labelled `label` under `root`.
fn button(root: &gtk::Widget, label: &str) -> Option<gtk::Button> {
    if let Some(b) = root.downcast_ref::<gtk::Button>() {
        if b.label().as_deref() == Some(label) {
            return Some(b.clone());
        }
    }
    let mut c = root.first_child();
    while let Some(w) = c {
        if let Some(b) = button(&w, label) {
            return Some(b);
        }
        c = w.next_sibling();
    }
    None
}

#[gtk::test]
fn real_thumbnail_and_vnc_password_dialog() {
    // The console's and libvirt calls' story, shown when the test fails.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(
            "vireo_console=debug,viewer=debug,libvirt_gobject=debug",
        ))
        .with_test_writer()
        .try_init();
    if !guest::libvirtd_answers() {
        return;
    }
    let Some((xml, disk)) = guest::guest_xml(NAME) else {
        return;
    };
    let plain = "<graphics type='vnc' listen='127.0.0.1' autoport='yes'/>";
    assert!(xml.contains(plain), "the guest has a VNC display");
    let xml = xml.replace(
        plain,
        &format!("<graphics type='vnc' listen='127.0.0.1' autoport='yes' passwd='{PASSWORD}'/>"),
    );
    let _lock = guest::lock();
    let _cleanup = guest::Cleanup::new(NAME, disk);

    let app = launch_connected(guest::URI);
    app.model()
        .inventory()
        .thumbnails()
        .set_interval(Duration::from_secs(1));
    start_listed(&app, guest::URI, &xml, NAME);

    // The list's thumbnail shows the guest's text console.
    let item = row(&app, NAME);
    wait_until(90, "a thumbnail with text on it", || {
        item.thumbnail().is_some_and(|t| lit(&rgb_of(&t)) > 0.002)
    });
    // Like libvirt's own screenshot, decoded and scaled the same way.
    settle(1500);
    let ppm = std::env::temp_dir().join(format!("{NAME}-{}.img", std::process::id()));
    let out =
        guest::virsh(&["screenshot", NAME, &ppm.display().to_string()]).expect("virsh screenshot");
    // "Screenshot saved to file … (image/png)": QEMU 7.1+ writes PNG, older PPM.
    let mime = out
        .rsplit('(')
        .next()
        .and_then(|s| s.split(')').next())
        .unwrap_or("image/x-portable-pixmap");
    let bytes = std::fs::read(&ppm).expect("screenshot file");
    let _ = std::fs::remove_file(&ppm);
    let theirs =
        viewer::backend::thumbnails::decode(mime, &bytes).expect("virsh's screenshot decodes");
    // The guest may have changed its display mode since the last refresh (the boot
    // switches from the firmware's mode to the kernel's text console): the next
    // thumbnails follow it.
    wait_until(10, "a thumbnail of virsh's screen size", || {
        item.thumbnail().is_some_and(|t| {
            let (w, h) = (t.width(), t.height());
            (w, h) == (theirs.width, theirs.height)
        })
    });
    let ours = item.thumbnail().expect("thumbnail");
    assert_eq!(
        (ours.width(), ours.height()),
        (theirs.width, theirs.height),
        "same screen, same scaled size"
    );
    let ours_rgb = rgb_of(&ours);
    let theirs_rgb: Vec<u8> = theirs
        .pixels
        .chunks(theirs.stride)
        .flat_map(|row| row[..theirs.width as usize * 3].to_vec())
        .collect();
    let diff: u64 = ours_rgb
        .iter()
        .zip(&theirs_rgb)
        .map(|(a, b)| u64::from(a.abs_diff(*b)))
        .sum();
    let mean = diff as f64 / ours_rgb.len() as f64;
    assert!(lit(&theirs_rgb) > 0.002, "virsh's screenshot has text");
    assert!(
        mean < 40.0,
        "thumbnail differs from virsh's screenshot: {mean:.1}"
    );
    eprintln!(
        "thumbnail {}x{}, mean difference to virsh screenshot {mean:.1}",
        ours.width(),
        ours.height()
    );
    screenshot(app.widget(), "vireo-real-list-thumbnail");

    // The Console page asks for the password.
    select(&app, &[NAME]);
    activate(&app, "show-page", Some(&"console".to_variant()));
    let display: VncDisplay = find(app.widget(), "console-display").expect("display");
    let dlg = password_dialog(&display, "the first password dialog");
    assert!(
        find::<gtk::Label>(&dlg, "vnc-password-error").is_none(),
        "no error on the first ask"
    );
    screenshot(&dlg, "vireo-vnc-password-dialog");

    // A wrong password: a clear error, and a retry.
    answer(&display, "wrong-pw");
    wait_until(30, "the refusal", || {
        display.state() == ConsoleState::Disconnected
    });
    let msg = display.message();
    assert!(
        msg.to_lowercase().contains("authentication"),
        "the error says what failed: {msg:?}"
    );
    assert!(
        display.screen_rgb().is_none(),
        "no screen without the password"
    );
    let reconnect: gtk::Button = find(&display, "console-reconnect").expect("reconnect button");
    assert!(reconnect.is_drawable(), "a retry is offered");
    screenshot(app.widget(), "vireo-vnc-password-refused");
    reconnect.emit_clicked();
    let dlg = password_dialog(&display, "the password dialog again");
    let why: gtk::Label = find(&dlg, "vnc-password-error").expect("why it was refused");
    assert!(!why.label().is_empty());
    screenshot(&dlg, "vireo-vnc-password-retry");

    // The right one: the guest's screen.
    answer(&display, PASSWORD);
    wait_until(30, "the VNC session", || {
        display.state() == ConsoleState::Connected
    });
    wait_until(30, "non-blank pixels", || {
        display
            .screen_rgb()
            .is_some_and(|(_, _, px)| px.iter().any(|&b| b > 16))
    });
    // The test guest has no tablet device: QEMU takes relative pointer motion.
    wait_until(10, "relative pointer mode", || display.relative_pointer());
    settle(500);
    assert!(
        !gtk::Window::list_toplevels()
            .iter()
            .any(|w| w.widget_name() == "vnc-password-dialog" && w.is_visible()),
        "the dialog is gone"
    );
    screenshot(app.widget(), "vireo-vnc-password-connected");
    app.widget().close();
}
