//! The QEMU page against the real libvirtd with the real test guest: completion comes
//! from the guest's QMP schema, `query-status` runs through the page with its reply
//! pretty-printed, and the taint badge appears once libvirt reports the machine tainted.
//!
//! Takes `/tmp/real-libvirtd.lock` (other suites share the daemon). Outside CI a missing
//! libvirtd or guest skips loudly; with `CI=true` it fails.

mod common;

use adw::prelude::*;
use common::guest;
use common::*;
use relm4::ComponentController;

const NAME: &str = "vireo-pages-qemu";

#[gtk::test]
fn real_qemu_page_runs_query_status_and_shows_the_taint_badge() {
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
    activate(&app, "show-page", Some(&"qemu".to_variant()));
    let badge: gtk::Revealer = find(app.widget(), "qemu-taint-badge").expect("badge");
    let taint: gtk::Label = find(app.widget(), "qemu-taint-label").expect("taint label");
    settle(500);
    // (The guest may carry other taints, e.g. QEMU running as root; not this one.)
    assert!(
        !(badge.reveals_child() && taint.label().contains("custom monitor")),
        "{}",
        taint.label()
    );
    let warning: gtk::Label = find(app.widget(), "qemu-warning").expect("warning");
    assert!(warning.is_visible() && warning.label().contains("tainted"));

    // Completion from the guest's own QMP schema.
    let status: gtk::Label = find(app.widget(), "qemu-status").expect("status");
    let entry: gtk::Entry = find(app.widget(), "qemu-command").expect("command entry");
    // Typing is what makes the page read the schema (a monitor command itself).
    entry.set_text("query-sta");
    let t = std::time::Instant::now();
    while !status.label().contains("commands in") {
        assert!(
            t.elapsed() < std::time::Duration::from_secs(60),
            "no QMP schema: {}",
            status.label()
        );
        settle(50);
    }
    entry.set_text("query-stat");
    settle(100);
    #[allow(deprecated)]
    let model = entry
        .completion()
        .and_then(|c| c.model())
        .expect("completion model");
    let mut candidates = Vec::new();
    if let Some(mut it) = model.iter_first() {
        loop {
            candidates.push(model.get::<String>(&it, 0));
            if !model.iter_next(&mut it) {
                break;
            }
        }
    }
    assert!(
        candidates.contains(&"query-status".to_owned()),
        "{candidates:?}"
    );

    entry.set_text("query-status");
    let send: gtk::Button = find(app.widget(), "qemu-send").expect("send");
    send.emit_clicked();
    let transcript: gtk::TextView = find(app.widget(), "qemu-transcript").expect("replies");
    let buf = transcript.buffer();
    wait_until(30, "the reply", || {
        let (a, b) = buf.bounds();
        let t = buf.text(&a, &b, true);
        t.contains("\"status\": \"running\"")
    });
    wait_until(10, "the taint badge", || {
        badge.reveals_child() && taint.label().contains("custom monitor")
    });
    dark(false);
    screenshot(app.widget(), "qemu-page-light");
    dark(true);
    screenshot(app.widget(), "qemu-page-dark");
    dark(false);
    app.widget().close();
}
