//! Vireo against the real libvirtd with the real test guest: a guest started with
//! `virsh` outside the app shows as running in Vireo within one second (libvirt's
//! lifecycle events, not polling), and stopping it outside shows it shut off.
//!
//! Takes `/tmp/real-libvirtd.lock` (other test suites share the daemon). Outside CI a
//! missing libvirtd or guest skips loudly; with `CI=true` it fails.

mod common;

use std::os::fd::AsRawFd;
use std::process::Command;
use std::time::{Duration, Instant};

use adw::prelude::*;
use common::*;
use libvirt_gobject::DomainState;
use relm4::ComponentController;

const URI: &str = "qemu:///system";
const NAME: &str = "vireo-real-guest";

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

/// Removes the test domain (also after a failed earlier run) and its private disk.
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

/// The guest's XML renamed, with a private copy of its disk; `None` = skip.
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
    let xml = xml
        .replace("<name>lvg-guest</name>", &format!("<name>{NAME}</name>"))
        .replace(
            &format!("{}/disk.qcow2", real.display()),
            &disk.display().to_string(),
        );
    assert!(
        xml.contains(&disk.display().to_string()),
        "disk path not replaced"
    );
    // A fresh UUID: the guest's own may be defined by another suite.
    let xml = match (xml.find("<uuid>"), xml.find("</uuid>")) {
        (Some(a), Some(b)) => format!("{}{}", &xml[..a], &xml[b + "</uuid>".len()..]),
        _ => xml,
    };
    Some((xml, disk))
}

#[gtk::test]
fn a_guest_started_with_virsh_shows_running_within_a_second() {
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
    let xml_path = std::env::temp_dir().join(format!("{NAME}-{}.xml", std::process::id()));
    std::fs::write(&xml_path, &xml).expect("XML written");

    let app = launch(URI);
    wait_until(30, "the connection", || {
        app.model()
            .inventory()
            .entry(URI)
            .is_some_and(|e| e.state() == viewer::backend::ConnState::Connected)
    });
    // Defined outside the app: the row appears (domain-added from libvirt's event).
    virsh(&["define", &xml_path.display().to_string()]).expect("virsh define");
    wait_until(5, "the new row", || {
        shown(&app).iter().any(|r| r.dom().name() == NAME)
    });
    let r = row(&app, NAME);
    assert_eq!(r.state(), DomainState::Shutoff);

    // Started outside the app, on another thread; the main loop keeps running.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let res = virsh(&["start", NAME]);
        let _ = tx.send((res, Instant::now()));
    });
    let mut running_at = None;
    let mut virsh_done: Option<(Result<String, String>, Instant)> = None;
    let deadline = Instant::now() + Duration::from_secs(60);
    let ctx = glib::MainContext::default();
    while running_at.is_none() || virsh_done.is_none() {
        assert!(Instant::now() < deadline, "timed out");
        ctx.iteration(false);
        if running_at.is_none() && r.state() == DomainState::Running {
            running_at = Some(Instant::now());
        }
        if virsh_done.is_none() {
            virsh_done = rx.try_recv().ok();
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let (res, done_at) = virsh_done.expect("virsh finished");
    res.expect("virsh start");
    let running_at = running_at.expect("row running");
    let lag = running_at.saturating_duration_since(done_at);
    eprintln!(
        "row running {:?} {} virsh start returned",
        if running_at > done_at {
            running_at - done_at
        } else {
            done_at - running_at
        },
        if running_at > done_at {
            "after"
        } else {
            "before"
        }
    );
    assert!(
        lag < Duration::from_secs(1),
        "row turned running {lag:?} after virsh start"
    );
    screenshot(app.widget(), "real-guest-running");

    // Stopped outside the app.
    virsh(&["destroy", NAME]).expect("virsh destroy");
    let t = Instant::now();
    wait_until(5, "shut off", || r.state() == DomainState::Shutoff);
    assert!(t.elapsed() < Duration::from_secs(1), "{:?}", t.elapsed());
    app.widget().close();
    let _ = std::fs::remove_file(&xml_path);
}
