//! Helpers shared by the integration tests: a loop thread running our event
//! implementation, lifecycle-event collection, and access to the real libvirtd and
//! the test guest.
#![allow(dead_code, clippy::unwrap_used)]

use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use glib::MainContext;
use libvirt_glib::LifecycleEvent;
use virt::connect::Connect;

/// Registers our event implementation on a context of its own, run by a `glib::MainLoop`
/// on a thread of its own (once per process), and returns that context.
pub fn event_loop() -> MainContext {
    static CTX: OnceLock<MainContext> = OnceLock::new();
    CTX.get_or_init(|| {
        libvirt_glib::init().unwrap();
        let ctx = MainContext::new();
        libvirt_glib::event_register_on(&ctx).unwrap();
        let thread_ctx = ctx.clone();
        std::thread::Builder::new()
            .name("glib-loop".into())
            .spawn(move || {
                let ml = glib::MainLoop::new(Some(&thread_ctx), false);
                thread_ctx
                    .with_thread_default(|| ml.run())
                    .expect("context owned by another thread");
            })
            .unwrap();
        ctx
    })
    .clone()
}

/// Lifecycle events of one domain, as they arrive through the event loop.
pub struct Events {
    rx: Receiver<LifecycleEvent>,
    _watch: libvirt_glib::DomainLifecycleWatch,
}

impl Events {
    /// Subscribes to the lifecycle events of the domain called `name` on `conn`.
    pub fn subscribe(conn: &Connect, name: &str) -> Self {
        let (tx, rx): (Sender<LifecycleEvent>, _) = channel();
        let tx = Mutex::new(tx);
        let name = name.to_owned();
        let watch = libvirt_glib::DomainLifecycleWatch::new(conn, move |ev| {
            if ev.domain == name {
                let _ = tx.lock().unwrap().send(ev.clone());
            }
        })
        .unwrap();
        Events { rx, _watch: watch }
    }

    /// The next event, or a panic naming `what` after `timeout`.
    pub fn next(&self, what: &str, timeout: Duration) -> LifecycleEvent {
        self.rx
            .recv_timeout(timeout)
            .unwrap_or_else(|e| panic!("no lifecycle event while waiting for {what}: {e}"))
    }

    /// The next event if one arrives within `timeout`.
    pub fn drain_one(&self, timeout: Duration) -> Option<LifecycleEvent> {
        self.rx.recv_timeout(timeout).ok()
    }

    /// Every event that arrives within `quiet` of the previous one.
    pub fn drain(&self, quiet: Duration) -> Vec<LifecycleEvent> {
        let mut out = Vec::new();
        while let Ok(ev) = self.rx.recv_timeout(quiet) {
            out.push(ev);
        }
        out
    }
}

/// Whether tests must not skip (CI sets `CI=true`).
pub fn strict() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Opens `uri` on the real libvirtd, or returns `None` after saying loudly why the test
/// is skipped (outside CI only; in CI a missing libvirtd is a failure).
pub fn real_connection(uri: &str) -> Option<Connect> {
    libvirt_glib::init().unwrap();
    event_loop();
    match Connect::open(Some(uri)) {
        Ok(c) => Some(c),
        Err(e) if !strict() => {
            eprintln!("SKIPPED: cannot open {uri} ({e}); run scripts/libvirtd.sh start");
            None
        }
        Err(e) => panic!("cannot open {uri}: {e} (scripts/libvirtd.sh start runs libvirtd)"),
    }
}

/// The test guest's directory (built by scripts/build-guest.sh).
pub fn guest_dir() -> std::path::PathBuf {
    std::env::var_os("LIBVIRT_GLIB_RS_GUEST_DIR")
        .map(Into::into)
        .unwrap_or_else(|| "/var/cache/libvirt-glib-rs/guest/current".into())
}

/// The test guest's domain XML under another name, or `None` (skipping loudly outside
/// CI) when the guest was not built.
pub fn guest_xml(name: &str) -> Option<String> {
    let path = guest_dir().join("domain.xml");
    match std::fs::read_to_string(&path) {
        Ok(xml) => Some(xml.replace("<name>lvg-guest</name>", &format!("<name>{name}</name>"))),
        Err(e) if !strict() => {
            eprintln!(
                "SKIPPED: no test guest at {} ({e}); run scripts/build-guest.sh",
                path.display()
            );
            None
        }
        Err(e) => panic!("no test guest at {}: {e}", path.display()),
    }
}

/// Removes the domain `name` (running or defined) if it exists.
pub fn remove_domain(conn: &Connect, name: &str) {
    if let Ok(dom) = conn.lookup_domain_by_name(name) {
        let _ = dom.destroy();
        let _ = dom.undefine();
    }
}

/// Polls `f` every 20 ms until it returns true or `limit` passes.
pub fn wait_for(limit: Duration, mut f: impl FnMut() -> bool) -> bool {
    let end = Instant::now() + limit;
    loop {
        if f() {
            return true;
        }
        if Instant::now() >= end {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The repository's `scripts/` folder.
pub fn scripts_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts")
}
