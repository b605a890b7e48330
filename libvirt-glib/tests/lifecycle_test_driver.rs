//! Domain lifecycle events from libvirt's in-process test driver (`test:///default`)
//! arrive through our GLib event loop, complete and in order.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use libvirt_glib::LifecycleKind::*;
use virt::connect::Connect;

const XML: &str = "<domain type='test'>
  <name>glib-events</name>
  <memory unit='MiB'>64</memory>
  <os><type>hvm</type></os>
</domain>";

/// Defines and starts a domain of this test's own (test:///default is shared by the
/// tests of a process).
fn running(conn: &Connect, name: &str) -> virt::domain::Domain {
    let dom = conn
        .define_domain_xml(&XML.replace("glib-events", name))
        .unwrap();
    dom.create().unwrap();
    dom
}

#[test]
fn lifecycle_events_arrive_in_order_through_our_loop() {
    let ctx = common::event_loop();
    let conn = Connect::open(Some("test:///default")).unwrap();
    let events = common::Events::subscribe(&conn, "glib-events");

    let dom = conn.define_domain_xml(XML).unwrap();
    dom.create().unwrap();
    dom.suspend().unwrap();
    dom.resume().unwrap();
    dom.shutdown().unwrap();
    dom.create().unwrap();
    dom.destroy().unwrap();
    dom.undefine().unwrap();

    let got: Vec<_> =
        std::iter::from_fn(|| Some(events.next("the next event", Duration::from_secs(5))))
            .take(8)
            .map(|e| (e.kind, e.detail))
            .collect();
    use virt_sys::*;
    let expected = vec![
        (Defined, VIR_DOMAIN_EVENT_DEFINED_ADDED as i32),
        (Started, VIR_DOMAIN_EVENT_STARTED_BOOTED as i32),
        (Suspended, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED as i32),
        (Resumed, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED as i32),
        (Stopped, VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN as i32),
        (Started, VIR_DOMAIN_EVENT_STARTED_BOOTED as i32),
        (Stopped, VIR_DOMAIN_EVENT_STOPPED_DESTROYED as i32),
        (Undefined, VIR_DOMAIN_EVENT_UNDEFINED_REMOVED as i32),
    ];
    assert_eq!(got, expected);
    // Nothing else.
    assert!(events.drain(Duration::from_millis(200)).is_empty());
    drop(ctx);
}

#[test]
fn events_are_dispatched_on_the_registered_context_thread() {
    let ctx = common::event_loop();
    let conn = Connect::open(Some("test:///default")).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let tx = std::sync::Mutex::new(tx);
    let _watch = libvirt_glib::DomainLifecycleWatch::new(&conn, move |ev| {
        let name = std::thread::current().name().map(str::to_owned);
        let _ = tx.lock().unwrap().send((ev.domain.clone(), name));
    })
    .unwrap();
    let dom = running(&conn, "glib-thread");
    dom.suspend().unwrap();
    dom.resume().unwrap();
    for _ in 0..2 {
        let (domain, thread) = loop {
            let got = rx.recv_timeout(Duration::from_secs(5)).unwrap();
            if got.0 == "glib-thread" {
                break got;
            }
        };
        assert_eq!(domain, "glib-thread");
        assert_eq!(thread.as_deref(), Some("glib-loop"));
    }
    drop(ctx);
}

#[test]
fn a_dropped_watch_receives_nothing_more() {
    common::event_loop();
    let conn = Connect::open(Some("test:///default")).unwrap();
    let events = common::Events::subscribe(&conn, "glib-dropped");
    let dom = running(&conn, "glib-dropped");
    assert_eq!(events.next("define", Duration::from_secs(5)).kind, Defined);
    assert_eq!(events.next("start", Duration::from_secs(5)).kind, Started);
    dom.suspend().unwrap();
    assert_eq!(
        events.next("suspend", Duration::from_secs(5)).kind,
        Suspended
    );
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let tx = std::sync::Mutex::new(tx);
    let watch = libvirt_glib::DomainLifecycleWatch::new(&conn, move |_| {
        let _ = tx.lock().unwrap().send(());
    })
    .unwrap();
    drop(watch);
    dom.resume().unwrap();
    assert_eq!(events.next("resume", Duration::from_secs(5)).kind, Resumed);
    assert!(
        rx.recv_timeout(Duration::from_millis(300)).is_err(),
        "a dropped watch fired"
    );
}
