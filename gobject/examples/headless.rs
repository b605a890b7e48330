//! A headless tour of the library on a plain GLib main loop (no GTK): connect, list
//! domains with their state, start one and await its `started` signal, print bulk
//! statistics, query QEMU over QMP and print the domain's taint messages.
//!
//! ```text
//! cargo run -p libvirt-gobject --example headless -- [URI] [DOMAIN]
//! ```
//! Without a URI it uses `qemu:///system` when libvirtd answers, else `test:///default`.
//! With a DOMAIN that is shut off, it starts it (and leaves it running).

use std::cell::RefCell;
use std::rc::Rc;

use glib::prelude::*;
use libvirt_gobject::{stats, Connection, DomainState, MonitorReply};

async fn tour(uri: Option<String>, name: Option<String>) -> Result<(), glib::Error> {
    let conn = match uri {
        Some(u) => {
            let c = Connection::new(&u);
            c.open_future().await?;
            c
        }
        None => {
            let c = Connection::new("qemu:///system");
            match c.open_future().await {
                Ok(()) => c,
                Err(e) => {
                    println!("qemu:///system: {e}; using test:///default");
                    let c = Connection::new("test:///default");
                    c.open_future().await?;
                    c
                }
            }
        }
    };
    conn.connect_domain_added(|_, d| println!("event: domain-added {}", d.name()));
    conn.connect_domain_removed(|_, d| println!("event: domain-removed {}", d.name()));
    println!(
        "connected to {} ({})",
        conn.uri(),
        conn.hypervisor_name_future().await?
    );
    for d in conn.domains() {
        println!("  {:<24} {:?}", d.name(), d.state());
    }

    let target = match &name {
        Some(n) => conn.find_domain_by_name(n),
        None => conn.domains().into_iter().next(),
    };
    let Some(dom) = target else {
        println!("no domain to look at");
        return Ok(());
    };
    dom.connect_notify_local(Some("state"), |d, _| {
        println!("event: {} is now {:?}", d.name(), d.state())
    });
    if dom.state() == DomainState::Shutoff {
        let (tx, rx) = futures_channel::oneshot::channel::<()>();
        let tx = Rc::new(RefCell::new(Some(tx)));
        let id = dom.connect_started(move |_| {
            if let Some(tx) = tx.borrow_mut().take() {
                let _ = tx.send(());
            }
        });
        println!("starting {} ...", dom.name());
        dom.start_future(0).await?;
        let _ = rx.await;
        dom.disconnect(id);
        println!("{} started (signal received)", dom.name());
    }

    for s in conn.domain_stats_future(stats::groups::ALL, 0).await? {
        println!(
            "stats {:<24} state={:?} cpu.time={:?} balloon.current={:?} vcpus={:?}",
            s.name,
            s.get_i64("state.state"),
            s.get_u64("cpu.time"),
            s.get_u64("balloon.current"),
            s.get_u64("vcpu.current")
        );
    }

    if dom.state().is_active() {
        match dom
            .qemu_monitor_command_future(r#"{"execute":"query-status"}"#, false)
            .await
        {
            Ok(MonitorReply::Json(v)) => println!("QMP query-status: {v}"),
            Ok(other) => println!("QMP: {other:?}"),
            Err(e) => println!("QMP not available: {e}"),
        }
        match dom.refresh_messages_future().await {
            Ok(m) if m.is_empty() => println!("{} is not tainted", dom.name()),
            Ok(m) => {
                for line in m {
                    println!("WARNING {}: {line}", dom.name());
                }
            }
            Err(e) => println!("messages not available: {e}"),
        }
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    libvirt_gobject::init()?;
    let mut args = std::env::args().skip(1);
    let (uri, name) = (args.next(), args.next());
    let main_loop = glib::MainLoop::new(None, false);
    let ml = main_loop.clone();
    let result = Rc::new(RefCell::new(None));
    let r = result.clone();
    glib::MainContext::default().spawn_local(async move {
        *r.borrow_mut() = Some(tour(uri, name).await);
        ml.quit();
    });
    main_loop.run();
    let res = result.borrow_mut().take();
    match res {
        Some(Err(e)) => Err(e.into()),
        _ => Ok(()),
    }
}
