//! Keepalive over `qemu+tcp://127.0.0.1/system` through our event loop: a libvirtd that
//! stops answering is detected within the keepalive window (the close callback fires
//! with reason KEEPALIVE), one that dies is reported at once (EOF or a socket error), and the GLib loop keeps
//! running throughout.
#![allow(clippy::unwrap_used)]

mod common;

use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::channel;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use libvirt_glib::{CloseReason, CloseWatch};

const URI: &str = "qemu+tcp://127.0.0.1/system";
const INTERVAL: i32 = 1;
const COUNT: u32 = 2;

fn libvirtd_pid() -> i32 {
    let out = Command::new("bash")
        .arg(common::scripts_dir().join("libvirtd.sh"))
        .arg("pid")
        .output()
        .unwrap();
    assert!(out.status.success(), "libvirtd.sh pid: {out:?}");
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

/// Sends SIGCONT on drop, so that a failing test never leaves libvirtd stopped.
struct Continue(i32);

impl Drop for Continue {
    fn drop(&mut self) {
        // SAFETY: kill(2) on a PID we stopped.
        unsafe { libc::kill(self.0, libc::SIGCONT) };
    }
}

/// Starts libvirtd again on drop, so that a failing test never leaves it dead.
struct Restart;

impl Drop for Restart {
    fn drop(&mut self) {
        let st = Command::new("bash")
            .arg(common::scripts_dir().join("libvirtd.sh"))
            .arg("restart-libvirtd")
            .status();
        if !matches!(st, Ok(s) if s.success()) {
            eprintln!("could not restart libvirtd: {st:?}");
        }
    }
}

/// Counts the ticks of a 20 ms GLib timeout on the event loop's context.
fn heartbeat(ctx: &glib::MainContext) -> Arc<AtomicUsize> {
    let ticks = Arc::new(AtomicUsize::new(0));
    let t = ticks.clone();
    let source = glib::timeout_source_new(
        Duration::from_millis(20),
        None,
        glib::Priority::DEFAULT,
        move || {
            t.fetch_add(1, Ordering::SeqCst);
            glib::ControlFlow::Continue
        },
    );
    source.attach(Some(ctx));
    ticks
}

fn assert_loop_runs(ticks: &AtomicUsize) {
    let before = ticks.load(Ordering::SeqCst);
    assert!(
        common::wait_for(Duration::from_secs(2), || ticks.load(Ordering::SeqCst)
            > before + 5),
        "the GLib loop stopped running"
    );
}

#[test]
fn keepalive_detects_a_stopped_libvirtd_and_eof_a_killed_one() {
    let Some(conn) = common::real_connection(URI) else {
        return;
    };
    let ctx = common::event_loop();
    let ticks = heartbeat(&ctx);
    conn.set_keep_alive(INTERVAL, COUNT).unwrap();
    let (tx, rx) = channel();
    let tx = Mutex::new(tx);
    let _watch = CloseWatch::new(&conn, move |reason| {
        let _ = tx.lock().unwrap().send((reason, Instant::now()));
    })
    .unwrap();
    conn.list_all_domains(0).unwrap();

    // 1. libvirtd stops answering (SIGSTOP): keepalive gives up after about
    //    INTERVAL * (COUNT + 1) seconds.
    let pid = libvirtd_pid();
    let stopped_at = Instant::now();
    // SAFETY: kill(2) on libvirtd's PID.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGSTOP) }, 0);
    let cont = Continue(pid);
    let (reason, at) = rx
        .recv_timeout(Duration::from_secs(15))
        .expect("the close callback did not fire for an unresponsive libvirtd");
    let took = at - stopped_at;
    drop(cont);
    assert_eq!(reason, CloseReason::Keepalive);
    let window = Duration::from_secs((INTERVAL as u64) * (COUNT as u64 + 1));
    assert!(
        took <= window + Duration::from_secs(2),
        "detected after {took:?}"
    );
    eprintln!("keepalive: unresponsive libvirtd detected after {took:?} (window {window:?})");
    assert_loop_runs(&ticks);
    // The dead connection fails cleanly.
    let err = conn.list_all_domains(0).unwrap_err();
    eprintln!("call on the closed connection: {err}");
    drop(_watch);
    drop(conn);

    // 2. libvirtd dies (SIGKILL): the close callback fires at once.
    let conn = common::real_connection(URI).unwrap();
    conn.set_keep_alive(INTERVAL, COUNT).unwrap();
    let (tx, rx) = channel();
    let tx = Mutex::new(tx);
    let _watch = CloseWatch::new(&conn, move |reason| {
        let _ = tx.lock().unwrap().send((reason, Instant::now()));
    })
    .unwrap();
    let pid = libvirtd_pid();
    let restart = Restart;
    let killed_at = Instant::now();
    // SAFETY: kill(2) on libvirtd's PID.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGKILL) }, 0);
    let (reason, at) = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the close callback did not fire for a killed libvirtd");
    // The kernel closes the dead daemon's socket: end of file, or a reset if the
    // daemon died with unread data.
    assert!(
        matches!(reason, CloseReason::Eof | CloseReason::Error),
        "{reason:?}"
    );
    eprintln!("killed libvirtd reported after {:?}", at - killed_at);
    assert_loop_runs(&ticks);
    drop(restart);

    // 3. A new connection to the restarted libvirtd works on the same loop.
    let conn = common::real_connection(URI).unwrap();
    conn.list_all_domains(0).unwrap();
    assert_loop_runs(&ticks);
}
