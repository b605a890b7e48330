//! A generated test-driver `<node>` file with 200 domains, 20 networks and 20 pools.
#![allow(clippy::unwrap_used)]

mod common;

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::{Duration, Instant};

use common::{init, node_file, run, until};
use gio::prelude::*;
use libvirt_gobject::{Connection, DomainState};

fn open(all_off: bool, tag: &str) -> Connection {
    init();
    let path = node_file(200, tag, all_off);
    let conn = Connection::new(&format!("test://{}", path.display()));
    run(30, conn.open_future()).unwrap();
    conn
}

#[test]
fn fetches_200_domains_with_states_networks_and_pools() {
    init();
    let path = node_file(200, "fetch", false);
    let conn = Connection::new(&format!("test://{}", path.display()));
    let changes = Rc::new(RefCell::new(Vec::new()));
    let c = changes.clone();
    conn.connect_items_changed(move |_, p, r, a| c.borrow_mut().push((p, r, a)));
    let added = Rc::new(Cell::new(0));
    let a = added.clone();
    conn.connect_domain_added(move |_, _| a.set(a.get() + 1));
    run(30, conn.open_future()).unwrap();
    assert_eq!(conn.n_items(), 200);
    assert_eq!(added.get(), 200);
    assert_eq!(
        *changes.borrow(),
        [(0, 0, 200)],
        "one batched items-changed"
    );
    for i in 0..200 {
        let d = conn.find_domain_by_uuid(&common::uuid(1, i)).unwrap();
        assert_eq!(d.name(), format!("dom-{i}"));
        assert_eq!(d.uuid(), common::uuid(1, i));
        assert_eq!(
            conn.find_domain_by_uuid(&common::uuid(1, i).to_uppercase().replace('-', "")),
            Some(d.clone()),
            "UUIDs are matched by value"
        );
        assert_eq!(d.connection().as_ref(), Some(&conn));
        let want = if i % 2 == 0 {
            DomainState::Running
        } else {
            DomainState::Shutoff
        };
        assert_eq!(d.state(), want, "dom-{i}");
    }
    assert_eq!(conn.networks_model().n_items(), 20);
    assert_eq!(conn.storage_pools_model().n_items(), 20);
    assert!(conn.networks().iter().all(|n| n.active()));
    let stats = run(
        10,
        conn.domain_stats_future(libvirt_gobject::stats::groups::STATE, 0),
    )
    .unwrap();
    assert_eq!(stats.len(), 200);
    assert_eq!(
        stats
            .iter()
            .filter(|s| s.get_i64("state.state") == Some(1))
            .count(),
        100
    );
}

#[test]
fn define_and_undefine_many_keep_the_model_in_sync() {
    let conn = open(false, "define");
    let model_len = Rc::new(Cell::new(conn.n_items()));
    let m = model_len.clone();
    conn.connect_items_changed(move |l, _, r, a| {
        m.set(m.get() + a - r);
        assert_eq!(m.get(), l.n_items());
    });
    run(30, async {
        let mut created = Vec::new();
        for i in 0..20 {
            let xml = format!("<domain type='test'><name>extra-{i}</name><memory>65536</memory><os><type>hvm</type></os></domain>");
            created.push(conn.create_domain_future(&xml).await.unwrap());
        }
        assert_eq!(conn.n_items(), 220);
        let futs: Vec<_> = created.iter().map(|d| d.delete_future(0)).collect();
        for r in futures_util::future::join_all(futs).await {
            r.unwrap();
        }
        until(5, || conn.n_items() == 200).await;
    });
    assert_eq!(model_len.get(), 200);
}

/// This thread's run-queue wait time (runnable but not running: the CPU was busy with
/// other threads or processes), from `/proc/thread-self/schedstat`.
fn runqueue_wait() -> Duration {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    let ns = s
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    Duration::from_nanos(ns)
}

/// 200 parallel starts on the test driver while a 1 ms heartbeat runs on the main
/// context: the longest gap between heartbeats must stay under 16 ms (one frame).
///
/// The machine is shared (2 cores), so time this thread spent runnable but waiting for a
/// CPU (preempted by other processes, from schedstat) is subtracted: what remains is time
/// the main context spent working or blocked, which is what must stay short. The raw
/// wall-clock gap is printed too.
#[test]
fn no_call_blocks_the_main_context() {
    let conn = open(true, "heartbeat");
    let domains = conn.domains();
    assert!(domains.iter().all(|d| d.state() == DomainState::Shutoff));
    let started = Rc::new(Cell::new(0));
    for d in &domains {
        let s = started.clone();
        d.connect_started(move |_| s.set(s.get() + 1));
    }
    let last = Rc::new(Cell::new((Instant::now(), runqueue_wait())));
    let worst = Rc::new(Cell::new((Duration::ZERO, Duration::ZERO)));
    let (l, w) = (last.clone(), worst.clone());
    let beat = glib::timeout_add_local(Duration::from_millis(1), move || {
        let (now, rq) = (Instant::now(), runqueue_wait());
        let (t0, rq0) = l.get();
        let raw = now - t0;
        let own = raw.saturating_sub(rq - rq0);
        let (wr, wo) = w.get();
        w.set((wr.max(raw), wo.max(own)));
        l.set((now, rq));
        glib::ControlFlow::Continue
    });
    run(60, async {
        // Let the heartbeat settle in before measuring.
        glib::timeout_future(Duration::from_millis(20)).await;
        worst.set((Duration::ZERO, Duration::ZERO));
        let futs: Vec<_> = domains.iter().map(|d| d.start_future(0)).collect();
        for r in futures_util::future::join_all(futs).await {
            r.unwrap();
        }
        until(20, || started.get() == 200).await;
        let infos: Vec<_> = domains.iter().map(|d| d.info_future()).collect();
        for r in futures_util::future::join_all(infos).await {
            assert_eq!(r.unwrap().state, DomainState::Running);
        }
    });
    beat.remove();
    assert!(domains.iter().all(|d| d.state() == DomainState::Running));
    let (raw, own) = worst.get();
    eprintln!("longest main-context gap during 200 parallel starts: {own:?} ({raw:?} wall clock incl. waiting for a CPU)");
    assert!(
        own < Duration::from_millis(16),
        "main context stalled for {own:?}"
    );
}
