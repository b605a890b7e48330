//! The QEMU page against the real libvirtd with the real test guest: completion comes
//! from the guest's QMP schema, `query-status` runs through the page with its reply
//! pretty-printed, and the taint badge appears once libvirt reports the machine tainted.
//!
//! Takes `/tmp/real-libvirtd.lock` (other suites share the daemon). Outside CI a missing
//! libvirtd or guest skips loudly; with `CI=true` it fails.

mod common;

use std::os::fd::AsRawFd;
use std::process::Command;

use adw::prelude::*;
use common::*;
use libvirt_gobject::DomainState;
use relm4::ComponentController;

const URI: &str = "qemu:///system";
const NAME: &str = "vireo-pages-qemu";

fn strict() -> bool {
    std::env::var("CI").as_deref() == Ok("true")
}

fn virsh(args: &[&str]) -> Result<String, String> {
    let out = Command::new("virsh")
        .arg("-c")
        .arg(URI)
        .args(args)
        .output()
        .map_err(|e| format!("virsh: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// Removes the test domain (also after a failed run) and its private disk.
struct Cleanup(std::path::PathBuf);

impl Cleanup {
    fn sweep() {
        let _ = virsh(&["destroy", NAME]);
        let _ = virsh(&["undefine", NAME, "--managed-save", "--snapshots-metadata"]);
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        Self::sweep();
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The guest's XML under our name with a fresh UUID and a private disk; `None` = skip.
fn guest_xml() -> Option<(String, std::path::PathBuf)> {
    let dir = std::env::var_os("LIBVIRT_GLIB_RS_GUEST_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| "/var/cache/libvirt-glib-rs/guest/current".into());
    let xml = match std::fs::read_to_string(dir.join("domain.xml")) {
        Ok(x) => x,
        Err(e) => {
            assert!(!strict(), "no test guest in {}: {e}", dir.display());
            eprintln!(
                "\n*** SKIPPING: no test guest in {} ({e}) ***\n",
                dir.display()
            );
            return None;
        }
    };
    let disk = std::env::temp_dir().join(format!("{NAME}-{}.qcow2", std::process::id()));
    std::fs::copy(dir.join("disk.qcow2.orig"), &disk).expect("guest disk copied");
    let _ = Command::new("chmod").arg("666").arg(&disk).status();
    let real = std::fs::canonicalize(&dir).unwrap_or(dir);
    let mut xml = xml
        .replace("<name>lvg-guest</name>", &format!("<name>{NAME}</name>"))
        .replace(
            &format!("{}/disk.qcow2", real.display()),
            &disk.display().to_string(),
        );
    assert!(
        xml.contains(&disk.display().to_string()),
        "disk path not replaced"
    );
    if let (Some(a), Some(b)) = (xml.find("<uuid>"), xml.find("</uuid>")) {
        xml = format!("{}{}", &xml[..a], &xml[b + "</uuid>".len()..]);
    }
    Some((xml, disk))
}

#[gtk::test]
fn real_qemu_page_runs_query_status_and_shows_the_taint_badge() {
    if virsh(&["uri"]).is_err() {
        assert!(!strict(), "libvirtd does not answer on {URI}");
        eprintln!("\n*** SKIPPING: libvirtd does not answer on {URI} ***\n");
        return;
    }
    let Some((xml, disk)) = guest_xml() else {
        return;
    };
    let lock = std::fs::File::create("/tmp/real-libvirtd.lock").expect("lock file");
    // SAFETY: flock on a file descriptor we own; released when `lock` is dropped.
    assert_eq!(unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX) }, 0);
    Cleanup::sweep();
    let _cleanup = Cleanup(disk);

    let app = launch(URI);
    wait_until(30, "the connection", || {
        app.model()
            .inventory()
            .entry(URI)
            .is_some_and(|e| e.state() == viewer::backend::ConnState::Connected)
    });
    let conn = app.model().inventory().entry(URI).expect("entry").conn();
    // Defined and started through the library (the app shows it from the events).
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
