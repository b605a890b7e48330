//! Behaviour against libvirt's in-process test driver (`test:///default`): no daemon.
#![allow(clippy::unwrap_used)]

mod common;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use common::{init, record_domain, run, settle, until};
use gio::prelude::*;
use libvirt_gobject::{Connection, DomainState};

const TRANSIENT_XML: &str = "<domain type='test'><name>lvg-transient</name><memory>65536</memory><os><type>hvm</type></os></domain>";
const PERSISTENT_XML: &str = "<domain type='test'><name>lvg-defined</name><memory>65536</memory><os><type>hvm</type></os></domain>";

fn open_default() -> Connection {
    init();
    let conn = Connection::new("test:///default");
    run(10, conn.open_future()).unwrap();
    conn
}

#[test]
fn open_fetches_domains_networks_pools_with_state() {
    init();
    let conn = Connection::new("test:///default");
    let opened = Rc::new(Cell::new(0));
    let o = opened.clone();
    conn.connect_connection_opened(move |_| o.set(o.get() + 1));
    let added = Rc::new(Cell::new(0));
    let a = added.clone();
    conn.connect_domain_added(move |_, _| a.set(a.get() + 1));
    assert!(!conn.is_open());
    run(10, conn.open_future()).unwrap();
    assert!(conn.is_open());
    assert_eq!(opened.get(), 1);
    assert_eq!(added.get(), 1);
    assert_eq!(conn.n_items(), 1);
    let d = conn
        .item(0)
        .and_downcast::<libvirt_gobject::Domain>()
        .unwrap();
    assert_eq!(d.name(), "test");
    assert_eq!(d.state(), DomainState::Running);
    assert!(d.persistent());
    assert_eq!(d.uuid().len(), 36);
    assert_eq!(conn.find_domain_by_uuid(&d.uuid()).as_ref(), Some(&d));
    assert!(conn.networks_model().n_items() >= 1);
    assert!(conn.storage_pools_model().n_items() >= 1);
    assert!(conn.find_network_by_name("default").is_some());
    // Opening again is a no-op.
    run(10, conn.open_future()).unwrap();
    assert_eq!(opened.get(), 1);
    let info = run(10, d.info_future()).unwrap();
    assert_eq!(info.state, DomainState::Running);
    assert!(info.memory > 0);
    assert_eq!(run(10, conn.hypervisor_name_future()).unwrap(), "TEST");
    assert!(run(10, conn.node_info_future()).unwrap().cpus > 0);
    assert!(run(10, conn.capabilities_future())
        .unwrap()
        .contains("<capabilities>"));
    let cfg = run(10, d.config_future(0)).unwrap();
    assert_eq!(cfg.name().unwrap().as_deref(), Some("test"));
}

#[test]
fn lifecycle_async_calls_emit_state_signals_in_order() {
    let conn = open_default();
    let d = conn.find_domain_by_name("test").unwrap();
    let log = record_domain(&d);
    run(20, async {
        d.suspend_future().await.unwrap();
        until(5, || d.state() == DomainState::Paused).await;
        d.resume_future().await.unwrap();
        until(5, || d.state() == DomainState::Running).await;
        d.destroy_future(0).await.unwrap();
        until(5, || d.state() == DomainState::Shutoff).await;
        d.start_future(0).await.unwrap();
        until(5, || d.state() == DomainState::Running).await;
        d.shutdown_future(0).await.unwrap();
        until(5, || d.state() == DomainState::Shutoff).await;
        settle(50).await;
    });
    assert_eq!(
        *log.borrow(),
        [
            "state=Paused",
            "suspended",
            "state=Running",
            "resumed",
            "state=Shutoff",
            "stopped",
            "state=Running",
            "started",
            "state=Shutoff",
            "stopped",
        ]
    );
    // The domain object survived (it is persistent).
    assert_eq!(conn.find_domain_by_name("test").as_ref(), Some(&d));
}

#[test]
fn detailed_signals_carry_the_reason() {
    let conn = open_default();
    let d = conn.find_domain_by_name("test").unwrap();
    let destroyed = Rc::new(Cell::new(0));
    let x = destroyed.clone();
    d.connect_local("stopped::destroyed", false, move |_| {
        x.set(x.get() + 1);
        None
    });
    let shutdown = Rc::new(Cell::new(0));
    let x = shutdown.clone();
    d.connect_local("stopped::shutdown", false, move |_| {
        x.set(x.get() + 1);
        None
    });
    run(10, async {
        d.destroy_future(0).await.unwrap();
        until(5, || destroyed.get() == 1).await;
    });
    assert_eq!(shutdown.get(), 0);
}

#[test]
fn define_and_undefine_emit_added_removed_and_items_changed() {
    let conn = open_default();
    let changes = Rc::new(RefCell::new(Vec::new()));
    let c = changes.clone();
    conn.connect_items_changed(move |_, pos, removed, added| {
        c.borrow_mut().push((pos, removed, added))
    });
    let added = Rc::new(RefCell::new(Vec::new()));
    let a = added.clone();
    conn.connect_domain_added(move |_, d| a.borrow_mut().push(d.name()));
    let removed = Rc::new(RefCell::new(Vec::new()));
    let r = removed.clone();
    conn.connect_domain_removed(move |_, d| r.borrow_mut().push(d.name()));

    run(20, async {
        let d = conn.create_domain_future(PERSISTENT_XML).await.unwrap();
        assert_eq!(d.name(), "lvg-defined");
        assert_eq!(d.state(), DomainState::Shutoff);
        assert!(d.persistent());
        settle(100).await; // the DEFINED event must not add it twice
        assert_eq!(*added.borrow(), ["lvg-defined"]);
        assert_eq!(conn.n_items(), 2);
        d.delete_future(0).await.unwrap();
        until(5, || removed.borrow().len() == 1).await;
        assert_eq!(conn.n_items(), 1);
        assert!(conn.find_domain_by_name("lvg-defined").is_none());
        // Calls on a removed domain fail cleanly.
        let err = d.start_future(0).await.unwrap_err();
        assert_eq!(
            err.kind::<libvirt_glib::ErrorCode>(),
            Some(libvirt_glib::ErrorCode::NoConnect)
        );

        // A transient domain: added when started, removed when stopped.
        let t = conn.start_domain_future(TRANSIENT_XML, 0).await.unwrap();
        assert!(!t.persistent());
        until(5, || t.state() == DomainState::Running).await;
        // A re-fetch (one bulk state call + the transient listing) keeps both facts.
        conn.fetch_domains_future().await.unwrap();
        assert!(!t.persistent());
        assert_eq!(t.state(), DomainState::Running);
        assert!(conn.find_domain_by_name("test").unwrap().persistent());
        t.destroy_future(0).await.unwrap();
        until(5, || removed.borrow().len() == 2).await;
    });
    assert_eq!(*added.borrow(), ["lvg-defined", "lvg-transient"]);
    assert_eq!(*removed.borrow(), ["lvg-defined", "lvg-transient"]);
    assert_eq!(
        *changes.borrow(),
        [(1, 0, 1), (1, 1, 0), (1, 0, 1), (1, 1, 0)]
    );
}

#[test]
fn domains_defined_by_another_client_appear_through_events() {
    let conn = open_default();
    let added = Rc::new(RefCell::new(Vec::new()));
    let a = added.clone();
    conn.connect_domain_added(move |_, d| a.borrow_mut().push(d.name()));
    // Another client of the same (shared) test driver instance.
    let other = virt::connect::Connect::open(Some("test:///default")).unwrap();
    let dom = other.define_domain_xml(PERSISTENT_XML).unwrap();
    run(10, until(5, || added.borrow().len() == 1));
    let d = conn.find_domain_by_name("lvg-defined").unwrap();
    assert_eq!(d.state(), DomainState::Shutoff);
    let log = record_domain(&d);
    dom.create().unwrap();
    run(10, until(5, || d.state() == DomainState::Running));
    assert_eq!(*log.borrow(), ["state=Running", "started"]);
    dom.destroy().unwrap();
    dom.undefine().unwrap();
    run(
        10,
        until(5, || conn.find_domain_by_name("lvg-defined").is_none()),
    );
}

#[test]
fn async_callback_variant_and_cancellation() {
    let conn = open_default();
    let d = conn.find_domain_by_name("test").unwrap();
    let result = Rc::new(RefCell::new(None));
    let r = result.clone();
    d.suspend_async(None, move |res| *r.borrow_mut() = Some(res));
    run(10, until(5, || result.borrow().is_some()));
    assert!(result.borrow_mut().take().unwrap().is_ok());

    let c = gio::Cancellable::new();
    c.cancel();
    let r = result.clone();
    d.resume_async(Some(&c), move |res| *r.borrow_mut() = Some(res));
    run(10, until(5, || result.borrow().is_some()));
    let err = result.borrow_mut().take().unwrap().unwrap_err();
    assert!(err.matches(gio::IOErrorEnum::Cancelled), "{err}");

    // Cancelling while in flight completes at once with CANCELLED.
    let c = gio::Cancellable::new();
    let r = result.clone();
    d.info_async(Some(&c), move |res| *r.borrow_mut() = Some(res.map(|_| ())));
    c.cancel();
    run(10, until(5, || result.borrow().is_some()));
    assert!(result
        .borrow_mut()
        .take()
        .unwrap()
        .unwrap_err()
        .matches(gio::IOErrorEnum::Cancelled));
}

#[test]
fn blocking_variants_work_and_errors_carry_libvirt_codes() {
    init();
    let conn = Connection::new("test:///default");
    conn.open().unwrap();
    let d = conn.find_domain_by_name("test").unwrap();
    let err = d.start(0).unwrap_err();
    assert_eq!(err.domain().as_str(), "gvir-error-quark");
    assert!(
        err.message().starts_with("starting the domain: "),
        "{}",
        err.message()
    );
    assert!(
        err.message().contains("already running"),
        "{}",
        err.message()
    );
    let bad = Connection::new("test:///no/such/file.xml");
    let err = bad.open().unwrap_err();
    assert_eq!(err.domain().as_str(), "gvir-error-quark");
    assert!(!bad.is_open());
}

#[test]
fn close_fails_calls_cleanly_and_reopen_resyncs_keeping_objects() {
    let conn = open_default();
    let d = conn.find_domain_by_name("test").unwrap();
    let closed = Rc::new(Cell::new(0));
    let c = closed.clone();
    conn.connect_connection_closed(move |_| c.set(c.get() + 1));
    run(10, conn.close_future()).unwrap();
    assert_eq!(closed.get(), 1);
    assert!(!conn.is_open());
    let err = run(10, d.suspend_future()).unwrap_err();
    assert_eq!(
        err.kind::<libvirt_glib::ErrorCode>(),
        Some(libvirt_glib::ErrorCode::NoConnect)
    );
    // Meanwhile another client changes the world.
    let other = virt::connect::Connect::open(Some("test:///default")).unwrap();
    other.define_domain_xml(PERSISTENT_XML).unwrap();
    other
        .lookup_domain_by_name("test")
        .unwrap()
        .destroy()
        .unwrap();
    run(10, conn.open_future()).unwrap();
    let d2 = conn.find_domain_by_name("test").unwrap();
    assert_eq!(d2, d, "the same object is kept across reconnects");
    assert_eq!(d.state(), DomainState::Shutoff, "state re-synced");
    assert!(conn.find_domain_by_name("lvg-defined").is_some());
    run(10, d.start_future(0)).unwrap();
    run(10, until(5, || d.state() == DomainState::Running));
    other
        .lookup_domain_by_name("lvg-defined")
        .unwrap()
        .undefine()
        .unwrap();
}

#[test]
fn snapshots_create_list_revert_delete() {
    let conn = open_default();
    let d = conn.find_domain_by_name("test").unwrap();
    run(20, async {
        let s = d
            .create_snapshot_future(Some("<domainsnapshot><name>s1</name></domainsnapshot>"), 0)
            .await
            .unwrap();
        assert_eq!(s.name(), "s1");
        let list = d.snapshots_future(0).await.unwrap();
        assert_eq!(list.iter().map(|s| s.name()).collect::<Vec<_>>(), ["s1"]);
        d.destroy_future(0).await.unwrap();
        until(5, || d.state() == DomainState::Shutoff).await;
        s.revert_future(0).await.unwrap();
        until(5, || d.state() == DomainState::Running).await;
        assert!(s.xml_future().await.unwrap().contains("<name>s1</name>"));
        s.delete_future(0).await.unwrap();
        assert!(d.snapshots_future(0).await.unwrap().is_empty());
    });
}

#[test]
fn bulk_stats_for_all_domains_in_one_call() {
    let conn = open_default();
    let stats = run(
        10,
        conn.domain_stats_future(libvirt_gobject::stats::groups::ALL, 0),
    )
    .unwrap();
    assert_eq!(stats.len(), 1);
    let s = &stats[0];
    assert_eq!(s.name, "test");
    assert_eq!(s.get_i64("state.state"), Some(1));
    // The test driver only implements the state group; real QEMU stats are checked in
    // real_guest.rs.
    assert!(s.fields.contains_key("state.reason"));
}

#[test]
fn networks_and_pools_follow_events() {
    let conn = open_default();
    let net_xml = "<network><name>lvg-net</name><bridge name='lvgbr0'/><ip address='192.168.222.1' netmask='255.255.255.0'/></network>";
    let added = Rc::new(Cell::new(0));
    let a = added.clone();
    conn.connect_local("network-added", false, move |_| {
        a.set(a.get() + 1);
        None
    });
    let removed = Rc::new(Cell::new(0));
    let r = removed.clone();
    conn.connect_local("network-removed", false, move |_| {
        r.set(r.get() + 1);
        None
    });
    let dir = std::env::temp_dir().join(format!("lvg-gobject-pool-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    run(20, async {
        let n = conn.create_network_future(net_xml).await.unwrap();
        assert_eq!(n.name(), "lvg-net");
        assert!(!n.active());
        n.start_future().await.unwrap();
        until(5, || n.active()).await;
        assert!(n.xml_future().await.unwrap().contains("lvg-net"));
        n.stop_future().await.unwrap();
        until(5, || !n.active()).await;
        n.delete_future().await.unwrap();
        until(5, || removed.get() == 1).await;
        assert_eq!(added.get(), 1);
        assert!(conn.find_network_by_name("lvg-net").is_none());

        let pool_xml = format!(
            "<pool type='dir'><name>lvg-pool</name><target><path>{}</path></target></pool>",
            dir.display()
        );
        let p = conn.create_storage_pool_future(&pool_xml).await.unwrap();
        p.build_future(0).await.unwrap();
        p.start_future(0).await.unwrap();
        until(5, || p.active()).await;
        p.refresh_future().await.unwrap();
        let info = p.info_future().await.unwrap();
        assert_eq!(info.state, libvirt_gobject::StoragePoolState::Running);
        let v = p
            .create_volume_future(
                "<volume><name>v1.img</name><capacity>1048576</capacity></volume>",
            )
            .await
            .unwrap();
        assert_eq!(v.name(), "v1.img");
        assert_eq!(v.info_future().await.unwrap().capacity, 1048576);
        // The test driver has no volume resize: the error is clean.
        let err = v.resize_future(2 * 1048576, 0).await.unwrap_err();
        assert_eq!(
            err.kind::<libvirt_glib::ErrorCode>(),
            Some(libvirt_glib::ErrorCode::NoSupport)
        );
        assert_eq!(p.volumes_future().await.unwrap().len(), 1);
        v.delete_future(0).await.unwrap();
        p.stop_future().await.unwrap();
        until(5, || !p.active()).await;
        p.undefine_future().await.unwrap();
        until(5, || conn.find_storage_pool_by_name("lvg-pool").is_none()).await;
    });
}

#[test]
fn devices_and_other_objects() {
    let conn = open_default();
    let d = conn.find_domain_by_name("test").unwrap();
    run(20, async {
        let devs = d.devices_future().await.unwrap();
        assert!(!devs.is_empty());
        assert!(devs.iter().any(|x| x.is::<libvirt_gobject::DomainDisk>()));
        let ifaces = conn.interfaces_future().await.unwrap();
        assert!(!ifaces.is_empty());
        assert!(ifaces[0].xml_future().await.unwrap().contains("<interface"));
        let devs = conn.node_devices_future().await.unwrap();
        assert!(!devs.is_empty());
        let err = conn.secrets_future().await.unwrap_err();
        assert_eq!(
            err.kind::<libvirt_glib::ErrorCode>(),
            Some(libvirt_glib::ErrorCode::NoSupport)
        );
    });
}

#[test]
fn updated_and_metadata_signals() {
    let conn = open_default();
    let d = conn.find_domain_by_name("test").unwrap();
    let seen = Rc::new(RefCell::new(Vec::new()));
    for sig in ["updated::updated", "metadata-changed"] {
        let s = seen.clone();
        let name = sig.to_owned();
        d.connect_local(sig, false, move |_| {
            s.borrow_mut().push(name.clone());
            None
        });
    }
    let other = virt::connect::Connect::open(Some("test:///default")).unwrap();
    let dom = other.lookup_domain_by_name("test").unwrap();
    // Redefining an existing domain: DEFINED/UPDATED.
    let xml = dom.xml_desc(virt_sys::VIR_DOMAIN_XML_INACTIVE).unwrap();
    other.define_domain_xml(&xml).unwrap();
    run(
        10,
        until(5, || seen.borrow().iter().any(|s| s == "updated::updated")),
    );
    dom.set_metadata(
        virt_sys::VIR_DOMAIN_METADATA_DESCRIPTION as i32,
        Some("hello"),
        None,
        None,
        0,
    )
    .unwrap();
    run(
        10,
        until(5, || seen.borrow().iter().any(|s| s == "metadata-changed")),
    );
    assert_eq!(d.state(), DomainState::Running);
    // (The test driver emits no reboot event: `rebooted` is checked on the real guest.)
}

#[test]
fn save_restore_and_managed_save() {
    let conn = open_default();
    let d = conn.find_domain_by_name("test").unwrap();
    let seen = Rc::new(RefCell::new(Vec::new()));
    for sig in ["stopped::saved", "started::restored"] {
        let s = seen.clone();
        let name = sig.to_owned();
        d.connect_local(sig, false, move |_| {
            s.borrow_mut().push(name.clone());
            None
        });
    }
    let path = std::env::temp_dir().join(format!("lvg-gobject-save-{}", std::process::id()));
    let p = path.to_str().unwrap().to_owned();
    run(20, async {
        d.save_to_file_future(&p, 0).await.unwrap();
        until(5, || d.state() == DomainState::Shutoff).await;
        conn.restore_domain_from_file_future(&p).await.unwrap();
        until(5, || d.state() == DomainState::Running).await;
        d.save_future(0).await.unwrap();
        until(5, || d.state() == DomainState::Shutoff).await;
        d.start_future(0).await.unwrap();
        until(5, || d.state() == DomainState::Running).await;
        common::settle(200).await;
    });
    let _ = std::fs::remove_file(&path);
    // (The test driver reports a start from a managed save image as "booted".)
    assert_eq!(
        *seen.borrow(),
        ["stopped::saved", "started::restored", "stopped::saved"]
    );
}

/// Job progress and abort on the test driver, which implements neither
/// (`virDomainGetJobStats`, `virDomainAbortJob`): each fails with libvirt's "not
/// supported" error and message, in all three variants (the real path is tested against
/// libvirtd in `real_jobs.rs`).
#[test]
fn job_info_and_abort_report_the_drivers_error() {
    let conn = open_default();
    let d = conn.find_domain_by_name("test").unwrap();
    let no_support = |e: &glib::Error, what: &str, func: &str| {
        assert!(e.matches(libvirt_glib::ErrorCode::NoSupport), "{e}");
        assert!(e.message().starts_with(what), "{e}");
        assert!(e.message().ends_with(func), "{e}");
    };
    let e = run(10, d.job_info_future(0)).unwrap_err();
    no_support(&e, "reading the job progress: ", "virDomainGetJobStats");
    let e = d
        .job_info(virt_sys::VIR_DOMAIN_JOB_STATS_COMPLETED)
        .unwrap_err();
    no_support(&e, "reading the job progress: ", "virDomainGetJobStats");
    let e = run(10, d.abort_job_future()).unwrap_err();
    no_support(&e, "aborting the job: ", "virDomainAbortJob");
    let got = Rc::new(RefCell::new(None));
    let g = got.clone();
    d.abort_job_async(None, move |r| *g.borrow_mut() = Some(r));
    run(10, until(5, || got.borrow().is_some()));
    let e = got.borrow_mut().take().unwrap().unwrap_err();
    no_support(&e, "aborting the job: ", "virDomainAbortJob");
    // A closed connection fails cleanly, without calling libvirt.
    run(10, conn.close_future()).unwrap();
    let e = run(10, d.job_info_future(0)).unwrap_err();
    assert!(e.matches(libvirt_glib::ErrorCode::NoConnect), "{e}");
}

#[test]
fn manager_tracks_connections() {
    init();
    let m = libvirt_gobject::Manager::new();
    let log = Rc::new(RefCell::new(Vec::new()));
    for sig in ["connection-added", "connection-removed"] {
        let l = log.clone();
        m.connect_local(sig, false, move |v| {
            l.borrow_mut()
                .push(format!("{sig} {}", v[1].get::<Connection>().unwrap().uri()));
            None
        });
    }
    let a = Connection::new("test:///default");
    m.add_connection(&a);
    assert_eq!(
        m.find_connection_by_uri("test:///default").as_ref(),
        Some(&a)
    );
    m.remove_connection(&a);
    assert!(m.connections().is_empty());
    assert_eq!(
        *log.borrow(),
        [
            "connection-added test:///default",
            "connection-removed test:///default"
        ]
    );
}

/// A connection created on another thread, with its own main context, gets all its
/// signals there, while libvirt's event loop runs on the default context here.
#[test]
fn signals_are_emitted_on_the_owner_context() {
    init();
    let (tx, rx) = std::sync::mpsc::channel();
    let worker = std::thread::spawn(move || {
        let ctx = glib::MainContext::new();
        ctx.with_thread_default(|| {
            let me = std::thread::current().id();
            let conn = Connection::new("test:///default");
            ctx.block_on(conn.open_future()).unwrap();
            let d = conn.find_domain_by_name("test").unwrap();
            let on_owner = Rc::new(Cell::new(0));
            let o = on_owner.clone();
            d.connect_notify_local(Some("state"), move |_, _| {
                assert_eq!(std::thread::current().id(), me);
                o.set(o.get() + 1);
            });
            ctx.block_on(d.suspend_future()).unwrap();
            ctx.block_on(until(5, || on_owner.get() == 1));
            ctx.block_on(d.resume_future()).unwrap();
            ctx.block_on(until(5, || on_owner.get() == 2));
            tx.send(on_owner.get()).unwrap();
        })
        .unwrap();
    });
    // Run libvirt's event loop (the default context) until the worker is done.
    let ctx = glib::MainContext::default();
    let end = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let n = loop {
        ctx.iteration(false);
        if let Ok(n) = rx.try_recv() {
            break n;
        }
        assert!(
            std::time::Instant::now() < end,
            "no signal on the owner context"
        );
        std::thread::sleep(std::time::Duration::from_millis(1));
    };
    worker.join().unwrap();
    assert_eq!(n, 2);
}

#[test]
fn ids_autostart_saved_snapshots_and_lookups() {
    let conn = open_default();
    let d = conn.find_domain_by_name("test").unwrap();
    let id = d.id().unwrap();
    assert_eq!(conn.find_domain_by_id(id).as_ref(), Some(&d));
    run(20, async {
        assert!(!d.saved_future().await.unwrap());
        d.set_autostart_future(true).await.unwrap();
        assert!(d.autostart_future().await.unwrap());
        assert!(!d.has_current_snapshot_future().await.unwrap());
        let s = d.create_snapshot_future(None, 0).await.unwrap();
        assert!(d.has_current_snapshot_future().await.unwrap());
        assert!(s.is_current_future().await.unwrap());
        d.save_future(0).await.unwrap();
        until(5, || d.state() == DomainState::Shutoff).await;
        assert_eq!(d.id(), None);
        assert!(d.saved_future().await.unwrap());

        let ifaces = conn.interfaces_future().await.unwrap();
        let xml = ifaces[0].xml_future().await.unwrap();
        let mac = xml
            .split("<mac address='")
            .nth(1)
            .unwrap()
            .split('\'')
            .next()
            .unwrap()
            .to_owned();
        let by_mac = conn.find_interface_by_mac_future(&mac).await.unwrap();
        assert_eq!(by_mac.name(), ifaces[0].name());

        let pool = conn.find_storage_pool_by_name("default-pool").unwrap();
        assert!(pool.xml_future().await.unwrap().contains("default-pool"));
        pool.set_autostart_future(true).await.unwrap();
        assert!(pool.autostart_future().await.unwrap());
        let vols = pool.volumes_future().await.unwrap();
        if let Some(v) = vols.first() {
            let again = pool.volume_future(&v.name()).await.unwrap();
            assert_eq!(again.path(), v.path());
            assert!(again.xml_future().await.unwrap().contains("<volume"));
        }
    });
}

#[test]
fn read_only_connections_watch_but_cannot_change() {
    init();
    let conn = Connection::new("test:///default");
    run(10, conn.open_read_only_future()).unwrap();
    assert!(conn.read_only());
    let d = conn.find_domain_by_name("test").unwrap();
    assert_eq!(d.state(), DomainState::Running);
    let err = run(10, d.suspend_future()).unwrap_err();
    assert_eq!(
        err.kind::<libvirt_glib::ErrorCode>(),
        Some(libvirt_glib::ErrorCode::OperationDenied),
        "{err}"
    );
}

/// Every GType the C library registers (classes, boxed types, enums, flags, handles) is
/// registered under the same name by `init()`.
#[test]
fn gtype_names_match_the_c_library() {
    init();
    let gir = match std::fs::read_to_string("/usr/share/gir-1.0/LibvirtGObject-1.0.gir") {
        Ok(g) => g,
        Err(e) => {
            eprintln!("\n*** SKIPPING: no C LibvirtGObject GIR: {e} ***\n");
            return;
        }
    };
    let names: std::collections::BTreeSet<&str> = gir
        .split("glib:type-name=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert!(names.len() >= 40, "{names:?}");
    let missing: Vec<_> = names
        .iter()
        .filter(|n| glib::Type::from_name(**n).is_none())
        .collect();
    assert!(missing.is_empty(), "GTypes not registered: {missing:?}");
    assert!(glib::Type::from_name("GVirDomain")
        .unwrap()
        .is_a(glib::Object::static_type()));
    assert!(glib::Type::from_name("GVirStream")
        .unwrap()
        .is_a(gio::IOStream::static_type()));
    assert!(glib::Type::from_name("GVirDomainDisk")
        .unwrap()
        .is_a(glib::Type::from_name("GVirDomainDevice").unwrap()));
}

#[test]
fn node_device_create_and_destroy_emit_node_device_events() {
    let conn = open_default();
    let events = Rc::new(RefCell::new(Vec::new()));
    let e = events.clone();
    conn.connect_local("node-device-event", false, move |v| {
        e.borrow_mut()
            .push((v[1].get::<String>().unwrap(), v[2].get::<i32>().unwrap()));
        None
    });
    let xml = "<device><parent>scsi_host1</parent><capability type='scsi_host'><capability type='fc_host'><wwnn>2000000012345678</wwnn><wwpn>1000000012345678</wwpn></capability></capability></device>";
    run(10, async {
        let dev = conn.create_node_device_future(xml).await.unwrap();
        until(5, || events.borrow().len() == 1).await;
        dev.destroy_future().await.unwrap();
        until(5, || events.borrow().len() == 2).await;
    });
    let ev = events.borrow();
    assert_eq!(
        ev[0].1,
        virt_sys::VIR_NODE_DEVICE_EVENT_CREATED as i32,
        "{ev:?}"
    );
    assert_eq!(
        ev[1].1,
        virt_sys::VIR_NODE_DEVICE_EVENT_DELETED as i32,
        "{ev:?}"
    );
    assert_eq!(ev[0].0, ev[1].0);
}

/// A GVirStream made through GObject alone (as a binding could) has no libvirt stream:
/// its halves report "closed" instead of crashing.
#[test]
fn bare_stream_reports_closed() {
    init();
    let s: libvirt_gobject::Stream = glib::Object::new();
    let mut buf = [0u8; 4];
    let err = s
        .input_stream()
        .read(&mut buf, gio::Cancellable::NONE)
        .unwrap_err();
    assert!(err.matches(gio::IOErrorEnum::Closed), "{err}");
    let err = s
        .output_stream()
        .write(b"x", gio::Cancellable::NONE)
        .unwrap_err();
    assert!(err.matches(gio::IOErrorEnum::Closed), "{err}");
}

#[test]
fn snapshot_parents_validated_define_and_network_autostart() {
    let conn = open_default();
    let d = conn.find_domain_by_name("test").unwrap();
    run(20, async {
        let a = d
            .create_snapshot_future(Some("<domainsnapshot><name>pa</name></domainsnapshot>"), 0)
            .await
            .unwrap();
        let b = d
            .create_snapshot_future(Some("<domainsnapshot><name>pb</name></domainsnapshot>"), 0)
            .await
            .unwrap();
        assert_eq!(a.parent_name_future().await.unwrap(), None);
        assert_eq!(b.parent_name_future().await.unwrap().as_deref(), Some("pa"));
        b.delete_future(0).await.unwrap();
        a.delete_future(0).await.unwrap();

        // Defining from XML text: an edit round-trips; with validation libvirt refuses
        // an element its schema does not know, and without it accepts (and drops) it.
        let xml = d.xml_future(2).await.unwrap();
        let edited = xml.replace(
            "<vcpu placement='static'>2</vcpu>",
            "<vcpu placement='static'>3</vcpu>",
        );
        assert_ne!(edited, xml, "{xml}");
        d.define_xml_future(&edited, true).await.unwrap();
        assert!(d.xml_future(2).await.unwrap().contains(">3</vcpu>"));
        let bogus = edited.replace("</devices>", "<frobnicator/></devices>");
        let err = d.define_xml_future(&bogus, true).await.unwrap_err();
        assert!(
            err.message().contains("frobnicator") || err.message().contains("schema"),
            "{}",
            err.message()
        );
        d.define_xml_future(&bogus, false).await.unwrap();

        let n = conn.find_network_by_name("default").unwrap();
        let was = n.autostart_future().await.unwrap();
        n.set_autostart_future(!was).await.unwrap();
        assert_eq!(n.autostart_future().await.unwrap(), !was);
        n.set_autostart_future(was).await.unwrap();
        assert_eq!(n.autostart_future().await.unwrap(), was);
    });
}

#[test]
fn define_with_validate_refuses_schema_errors_and_defines_valid_xml() {
    let conn = open_default();
    run(20, async {
        // VIR_DOMAIN_DEFINE_VALIDATE: an element the schema does not know is refused.
        let bad = PERSISTENT_XML.replace("<os>", "<bogus-element/><os>");
        let err = conn.define_domain_flags_future(&bad, 1).await.unwrap_err();
        assert!(err.message().contains("defining a domain"), "{err}");
        assert!(conn.find_domain_by_name("lvg-defined").is_none());
        // Without the flag libvirt ignores unknown elements; with it, valid XML defines.
        let d = conn
            .define_domain_flags_future(PERSISTENT_XML, 1)
            .await
            .unwrap();
        assert_eq!(d.name(), "lvg-defined");
        assert!(d.persistent());
        d.delete_future(0).await.unwrap();
    });
}
