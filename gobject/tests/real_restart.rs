//! libvirtd killed and restarted under a live [`Connection`]: `connection-closed`, clean
//! errors for pending calls, and a reconnect that re-syncs the tree in place.
#![allow(clippy::unwrap_used)]

mod common;

use std::cell::{Cell, RefCell};
use std::process::Command;
use std::rc::Rc;
use std::time::{Duration, Instant};

use common::{run, until, Cleanup};
use libvirt_gobject::DomainState;

const URI: &str = "qemu:///system";

fn script(arg: &str) -> std::process::Output {
    Command::new("bash")
        .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/libvirtd.sh"))
        .arg(arg)
        .output()
        .unwrap()
}

fn libvirtd_pid() -> i32 {
    let out = script("pid");
    assert!(out.status.success(), "libvirtd.sh pid: {out:?}");
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

/// Continues and restarts libvirtd on drop, so a failing test never leaves it dead.
struct Revive(i32);

impl Drop for Revive {
    fn drop(&mut self) {
        // SAFETY: kill(2) on libvirtd's PID.
        unsafe { libc::kill(self.0, libc::SIGCONT) };
        let out = script("restart-libvirtd");
        if !out.status.success() {
            eprintln!("could not restart libvirtd: {out:?}");
        }
    }
}

#[test]
fn killed_libvirtd_closes_fails_pending_calls_and_reconnect_resyncs() {
    let Some(conn) = common::open_or_skip(URI) else {
        return;
    };
    let names = [
        "lvg-gobject-restart-a",
        "lvg-gobject-restart-b",
        "lvg-gobject-restart-c",
    ];
    let Some((xml_a, disk_a)) = common::guest_xml(names[0]) else {
        return;
    };
    let (xml_b, disk_b) = common::guest_xml(names[1]).unwrap();
    let (xml_c, disk_c) = common::guest_xml(names[2]).unwrap();
    let guards: Vec<Cleanup> = [(names[0], disk_a), (names[1], disk_b), (names[2], disk_c)]
        .into_iter()
        .map(|(n, d)| Cleanup {
            uri: URI,
            name: n.to_owned(),
            disk: Some(d),
        })
        .collect();
    guards.iter().for_each(Cleanup::sweep);

    let closed = Rc::new(Cell::new(0));
    let c = closed.clone();
    conn.connect_connection_closed(move |_| c.set(c.get() + 1));
    let opened = Rc::new(Cell::new(0));
    let o = opened.clone();
    conn.connect_connection_opened(move |_| o.set(o.get() + 1));
    let removed = Rc::new(RefCell::new(Vec::new()));
    let r = removed.clone();
    conn.connect_domain_removed(move |_, d| r.borrow_mut().push(d.name()));
    let added = Rc::new(RefCell::new(Vec::new()));
    let a = added.clone();
    conn.connect_domain_added(move |_, d| a.borrow_mut().push(d.name()));

    let (dom_a, dom_b) = run(60, async {
        let a = conn.create_domain_future(&xml_a).await.unwrap();
        let b = conn.create_domain_future(&xml_b).await.unwrap();
        a.start_future(0).await.unwrap();
        until(20, || a.state() == DomainState::Running).await;
        (a, b)
    });

    // libvirtd stops answering; calls are now pending in the daemon's socket.
    let pid = libvirtd_pid();
    let revive = Revive(pid);
    // SAFETY: kill(2) on libvirtd's PID.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGSTOP) }, 0);
    let results = Rc::new(RefCell::new(Vec::new()));
    for fut in [dom_a.xml_future(0), dom_b.xml_future(0)] {
        let res = results.clone();
        glib::MainContext::default().spawn_local(async move {
            let r = fut.await;
            res.borrow_mut().push(r);
        });
    }
    run(5, common::settle(300));
    assert!(
        results.borrow().is_empty(),
        "calls must be pending while libvirtd is stopped"
    );
    // SAFETY: kill(2) on libvirtd's PID.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGKILL) }, 0);
    let killed = Instant::now();
    run(
        30,
        until(20, || closed.get() == 1 && results.borrow().len() == 2),
    );
    eprintln!("connection-closed {:?} after SIGKILL", killed.elapsed());
    for r in results.borrow().iter() {
        let e = r.as_ref().unwrap_err();
        assert_eq!(e.domain().as_str(), "gvir-error-quark", "{e}");
        assert!(e.message().starts_with("reading the domain XML: "), "{e}");
    }
    assert!(!conn.is_open());
    // New calls fail at once, cleanly.
    let e = run(5, dom_a.info_future()).unwrap_err();
    assert_eq!(
        e.kind::<libvirt_glib::ErrorCode>(),
        Some(libvirt_glib::ErrorCode::NoConnect)
    );
    // The objects stay for the app.
    assert_eq!(conn.find_domain_by_name(names[0]).as_ref(), Some(&dom_a));

    // libvirtd comes back; meanwhile another client undefines B and defines C.
    drop(revive);
    let other = virt::connect::Connect::open(Some(URI)).unwrap();
    other
        .lookup_domain_by_name(names[1])
        .unwrap()
        .undefine()
        .unwrap();
    other.define_domain_xml(&xml_c).unwrap();
    drop(other);

    run(60, async {
        let end = Instant::now() + Duration::from_secs(30);
        while let Err(e) = conn.open_future().await {
            assert!(Instant::now() < end, "reconnect failed: {e}");
            glib::timeout_future(Duration::from_millis(200)).await;
        }
    });
    assert!(conn.is_open());
    assert_eq!(
        opened.get(),
        1,
        "connection-opened on reconnect (the first open was before connecting)"
    );
    assert_eq!(
        conn.find_domain_by_name(names[0]).as_ref(),
        Some(&dom_a),
        "same object after reconnect"
    );
    assert_eq!(
        dom_a.state(),
        DomainState::Running,
        "the guest kept running while libvirtd was down"
    );
    assert!(conn.find_domain_by_name(names[1]).is_none());
    assert!(removed.borrow().iter().any(|n| n == names[1]));
    assert!(conn.find_domain_by_name(names[2]).is_some());
    assert!(added.borrow().iter().any(|n| n == names[2]));
    // And it works again, events included.
    run(30, async {
        dom_a.destroy_future(0).await.unwrap();
        until(10, || dom_a.state() == DomainState::Shutoff).await;
    });
    drop(guards);
}
