//! The test guest on the real libvirtd (`qemu:///system`): start, suspend, resume,
//! ACPI shutdown and destroy it, and receive every lifecycle event through our GLib
//! event loop, in order.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant};

use libvirt_glib::LifecycleKind::*;
use virt_sys::*;

const NAME: &str = "lvg-glib-lifecycle";

struct Cleanup<'a>(&'a virt::connect::Connect);

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        common::remove_domain(self.0, NAME);
    }
}

#[test]
fn guest_lifecycle_events_arrive_in_order() {
    let Some(conn) = common::real_connection("qemu:///system") else {
        return;
    };
    let Some(xml) = common::guest_xml(NAME) else {
        return;
    };
    common::remove_domain(&conn, NAME);
    let _cleanup = Cleanup(&conn);
    let events = common::Events::subscribe(&conn, NAME);
    let t = Duration::from_secs(20);
    let kd = |e: libvirt_glib::LifecycleEvent| (e.kind, e.detail);

    let dom = conn.define_domain_xml(&xml).unwrap();
    assert_eq!(
        kd(events.next("define", t)),
        (Defined, VIR_DOMAIN_EVENT_DEFINED_ADDED as i32)
    );
    // QEMU starts with its vCPUs paused and libvirt then runs them: the QEMU driver
    // reports that resume, then the start.
    let started = [
        (Resumed, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED as i32),
        (Started, VIR_DOMAIN_EVENT_STARTED_BOOTED as i32),
    ];
    dom.create().unwrap();
    assert_eq!(
        [kd(events.next("start", t)), kd(events.next("start", t))],
        started
    );
    dom.suspend().unwrap();
    assert_eq!(
        kd(events.next("suspend", t)),
        (Suspended, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED as i32)
    );
    dom.resume().unwrap();
    assert_eq!(
        kd(events.next("resume", t)),
        (Resumed, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED as i32)
    );

    // ACPI power button: the guest's acpid powers it off once it has booted, so
    // press it again every second until the guest reacts.
    let start = Instant::now();
    let first = loop {
        let _ = dom.shutdown_flags(VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN);
        if let Some(ev) = events.drain_one(Duration::from_secs(1)) {
            break ev;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the guest ignored the ACPI power button"
        );
    };
    // The guest powers itself off: libvirt reports that shutdown, then the stop.
    let mut seq = vec![kd(first)];
    while seq.last().map(|e| e.0) != Some(Stopped) {
        seq.push(kd(events.next("stop after shutdown", t)));
    }
    assert_eq!(
        seq,
        [
            (Shutdown, VIR_DOMAIN_EVENT_SHUTDOWN_GUEST as i32),
            (Stopped, VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN as i32)
        ]
    );
    dom.create().unwrap();
    assert_eq!(
        [
            kd(events.next("second start", t)),
            kd(events.next("second start", t))
        ],
        started
    );
    // QEMU may report the host's kill as a shutdown before it dies.
    dom.destroy().unwrap();
    let mut seq = vec![kd(events.next("destroy", t))];
    while seq.last().map(|e| e.0) != Some(Stopped) {
        seq.push(kd(events.next("stop after destroy", t)));
    }
    let (stop, before) = seq.split_last().unwrap();
    assert_eq!(*stop, (Stopped, VIR_DOMAIN_EVENT_STOPPED_DESTROYED as i32));
    assert!(
        before
            .iter()
            .all(|e| *e == (Shutdown, VIR_DOMAIN_EVENT_SHUTDOWN_HOST as i32)),
        "{seq:?}"
    );
    dom.undefine().unwrap();
    assert_eq!(
        kd(events.next("undefine", t)),
        (Undefined, VIR_DOMAIN_EVENT_UNDEFINED_REMOVED as i32)
    );
    assert!(events.drain(Duration::from_millis(300)).is_empty());
}
