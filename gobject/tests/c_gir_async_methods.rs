//! Every async method of the C library (`LibvirtGObject-1.0.gir`: each `<method>` whose
//! name ends in `_async`) has a counterpart of the same base name here, with its blocking
//! `x()`, `x_future()` and `x_async()` variants. Rust has no reflection: the table below
//! names each one through a call (so it stops compiling when a method is missing), the
//! test checks the table against the GIR's list, then runs every entry's `_async` variant
//! in order against `test:///default` and checks that it completes (and succeeds where the
//! test driver implements the call).
#![allow(clippy::unwrap_used)]

mod common;

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use common::{run, until};
use libvirt_gobject::{Connection, Domain, DomainSnapshot, StoragePool};

const GIR: &str = "/usr/share/gir-1.0/LibvirtGObject-1.0.gir";

/// The objects the calls act on.
struct Objs {
    conn: Connection,
    fresh: Connection,
    fresh_ro: Connection,
    dom: Domain,
    snap: DomainSnapshot,
    pool: StoragePool,
    save_path: String,
}

/// A completed call: `(class.method, Ok or the error message)`.
type Outcome = (String, Result<(), String>);

/// Completed calls, in order.
#[derive(Default)]
struct Done {
    current: RefCell<String>,
    results: Rc<RefCell<Vec<Outcome>>>,
}

impl Done {
    fn cb<T>(&self) -> impl FnOnce(Result<T, glib::Error>) + 'static {
        let name = self.current.borrow().clone();
        let results = self.results.clone();
        move |r| {
            results
                .borrow_mut()
                .push((name, r.map(drop).map_err(|e| e.to_string())))
        }
    }
}

type Call = fn(&Objs, &Done);

/// `(C class, C method base name, "our future and async method names", call)`: the call names our
/// blocking and future variants of the same base name and starts the `_async` one.
macro_rules! entry {
    ($o:ident => $class:ident, $field:ident, $name:ident, $fut:ident, $asy:ident ($($arg:expr),*)) => {
        (stringify!($class), stringify!($name), concat!(stringify!($fut), " ", stringify!($asy)), {
            fn call($o: &Objs, d: &Done) {
                let _blocking = $class::$name;
                let _future = $class::$fut;
                $o.$field.$asy($($arg,)* None, d.cb());
            }
            call as Call
        })
    };
}

/// In an order in which each call can succeed on the test driver.
fn table() -> Vec<(&'static str, &'static str, &'static str, Call)> {
    vec![
        entry!(o => Connection, fresh, open, open_future, open_async()),
        entry!(o =>
            Connection,
            fresh_ro,
            open_read_only,
            open_read_only_future,
            open_read_only_async()
        ),
        entry!(o =>
            Connection,
            conn,
            fetch_domains,
            fetch_domains_future,
            fetch_domains_async()
        ),
        entry!(o =>
            Connection,
            conn,
            fetch_networks,
            fetch_networks_future,
            fetch_networks_async()
        ),
        entry!(o =>
            Connection,
            conn,
            fetch_storage_pools,
            fetch_storage_pools_future,
            fetch_storage_pools_async()
        ),
        entry!(o =>
            Connection,
            conn,
            fetch_interfaces,
            fetch_interfaces_future,
            fetch_interfaces_async()
        ),
        entry!(o =>
            Connection,
            conn,
            get_capabilities,
            get_capabilities_future,
            get_capabilities_async()
        ),
        entry!(o =>
            Connection,
            conn,
            get_domain_capabilities,
            get_domain_capabilities_future,
            get_domain_capabilities_async(None, None, None, None, 0)
        ),
        entry!(o => Domain, dom, get_info, get_info_future, get_info_async()),
        entry!(o =>
            Domain,
            dom,
            create_snapshot,
            create_snapshot_future,
            create_snapshot_async(None, 0)
        ),
        entry!(o =>
            Domain,
            dom,
            fetch_snapshots,
            fetch_snapshots_future,
            fetch_snapshots_async(0)
        ),
        entry!(o =>
            Domain,
            dom,
            set_time,
            set_time_future,
            set_time_async(0, 0, 0)
        ),
        entry!(o =>
            Domain,
            dom,
            save_to_file,
            save_to_file_future,
            save_to_file_async(&o.save_path, 0)
        ),
        entry!(o =>
            Connection,
            conn,
            restore_domain_from_file,
            restore_domain_from_file_future,
            restore_domain_from_file_async(&o.save_path)
        ),
        entry!(o => Domain, dom, save, save_future, save_async(0)),
        entry!(o => Domain, dom, start, start_future, start_async(0)),
        entry!(o => Domain, dom, resume, resume_future, resume_async()),
        entry!(o => Domain, dom, wakeup, wakeup_future, wakeup_async(0)),
        entry!(o =>
            DomainSnapshot,
            snap,
            revert_to,
            revert_to_future,
            revert_to_async(0)
        ),
        entry!(o => DomainSnapshot, snap, delete, delete_future, delete_async(0)),
        entry!(o => StoragePool, pool, build, build_future, build_async(0)),
        entry!(o => StoragePool, pool, start, start_future, start_async(0)),
        entry!(o => StoragePool, pool, refresh, refresh_future, refresh_async()),
        entry!(o => StoragePool, pool, stop, stop_future, stop_async()),
        entry!(o => StoragePool, pool, delete, delete_future, delete_async(0)),
        entry!(o =>
            StoragePool,
            pool,
            undefine,
            undefine_future,
            undefine_async()
        ),
    ]
}

/// `(class, method base name)` of every `<method name="*_async">` of every `<class>`.
fn gir_async_methods(gir: &str) -> BTreeSet<(String, String)> {
    let attr = |tag: &str| {
        let from = tag.find("name=\"")? + 6;
        let len = tag[from..].find('"')?;
        Some(tag[from..from + len].to_owned())
    };
    let mut out = BTreeSet::new();
    let mut rest = gir;
    while let Some(at) = rest.find("<class ") {
        rest = &rest[at..];
        let end = rest.find("</class>").unwrap();
        let class = &rest[..end];
        let name = attr(class).unwrap();
        let mut m = class;
        while let Some(at) = m.find("<method ") {
            m = &m[at + 8..];
            let method = attr(m).unwrap();
            if let Some(base) = method.strip_suffix("_async") {
                out.insert((name.clone(), base.to_owned()));
            }
        }
        rest = &rest[end..];
    }
    out
}

#[test]
fn every_c_async_method_has_a_counterpart_of_the_same_name() {
    let gir = match std::fs::read_to_string(GIR) {
        Ok(g) => g,
        Err(e) if !common::strict() => {
            eprintln!("\n*** SKIPPING: cannot read {GIR}: {e} ***\n");
            return;
        }
        Err(e) => panic!("cannot read {GIR}: {e}"),
    };
    let c = gir_async_methods(&gir);
    // The floor: 26 async methods.
    assert_eq!(c.len(), 26, "{c:?}");
    let table = table();
    let ours: BTreeSet<(String, String)> = table
        .iter()
        .map(|(class, name, _, _)| ((*class).to_owned(), (*name).to_owned()))
        .collect();
    assert_eq!(ours.len(), table.len(), "duplicate table entries");
    for (_, name, asy, _) in &table {
        assert_eq!(*asy, format!("{name}_future {name}_async"));
    }
    let missing: Vec<_> = c.difference(&ours).collect();
    let extra: Vec<_> = ours.difference(&c).collect();
    assert!(
        missing.is_empty(),
        "C async methods not in the table: {missing:?}"
    );
    assert!(
        extra.is_empty(),
        "table entries not in the C GIR: {extra:?}"
    );

    // Run them all, in the table's order.
    common::init();
    let conn = Connection::new("test:///default");
    run(10, conn.open_future()).unwrap();
    let dom = conn.find_domain_by_name("test").unwrap();
    let snap = run(
        10,
        dom.create_snapshot_future(Some("<domainsnapshot><name>s0</name></domainsnapshot>"), 0),
    )
    .unwrap();
    let dir = std::env::temp_dir().join(format!("lvg-gobject-gir-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pool = run(
        10,
        conn.create_storage_pool_future(&format!(
            "<pool type='dir'><name>lvg-gir-pool</name><target><path>{}</path></target></pool>",
            dir.join("pool").display()
        )),
    )
    .unwrap();
    let objs = Objs {
        conn,
        fresh: Connection::new("test:///default"),
        fresh_ro: Connection::new("test:///default"),
        dom,
        snap,
        pool,
        save_path: dir.join("saved.img").display().to_string(),
    };
    let done = Done::default();
    for (i, (class, name, _, call)) in table.iter().enumerate() {
        done.current.replace(format!("{class}.{name}"));
        if *name == "resume" {
            // resume needs a paused domain.
            run(10, objs.dom.suspend_future()).unwrap();
        }
        call(&objs, &done);
        run(10, until(5, || done.results.borrow().len() == i + 1));
    }
    let _ = std::fs::remove_dir_all(&dir);

    // The test driver implements neither domain capabilities nor PM wakeup: those must
    // fail with libvirt's "not supported" error naming the C call (the call reached the
    // driver); every other call must succeed.
    let unsupported = [
        (
            "Connection.get_domain_capabilities",
            "virConnectGetDomainCapabilities",
        ),
        ("Domain.wakeup", "virDomainPMWakeup"),
    ];
    let results = done.results.borrow();
    let failed: Vec<_> = results
        .iter()
        .filter(|(n, r)| {
            let unsupported = unsupported.iter().find(|(u, _)| u == n);
            match (r, unsupported) {
                (Err(e), Some((_, api))) => !(e.contains("not supported") && e.contains(api)),
                (Ok(()), Some(_)) => false,
                (Err(_), None) => true,
                (Ok(()), None) => false,
            }
        })
        .collect();
    assert!(failed.is_empty(), "{failed:?}");
    assert!(objs.fresh.is_open() && objs.fresh_ro.is_open() && objs.fresh_ro.read_only());
    assert_eq!(results.len(), c.len());
}
