//! Headless libvirt event monitor on a plain `glib::MainLoop` (no GTK).
//!
//! ```text
//! cargo run -p libvirt-glib --example events -- [URI] [--demo] [--keepalive SECS,COUNT] [--for SECS]
//! ```
//!
//! Opens URI (default `test:///default`), runs libvirt's event loop on GLib through
//! `libvirt_glib::event_register()`, lists the domains with their state, then prints
//! every domain lifecycle event as it arrives. A keepalive (default 5 s × 3) detects a
//! libvirtd that stops answering; the program then says why the connection closed and
//! exits with status 2. `--demo` (for the in-process `test:///` driver, where nothing
//! happens on its own) defines a domain and takes it through its lifecycle every few
//! seconds. `--for SECS` exits after SECS seconds.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use libvirt_glib::{CloseWatch, DomainLifecycleWatch, Error};
use virt::connect::Connect;

struct Args {
    uri: String,
    demo: bool,
    keepalive: (i32, u32),
    run_for: Option<u64>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        uri: "test:///default".into(),
        demo: false,
        keepalive: (5, 3),
        run_for: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--demo" => args.demo = true,
            "--keepalive" => {
                let v = it.next().ok_or("--keepalive needs SECS,COUNT")?;
                let (s, c) = v.split_once(',').ok_or("--keepalive needs SECS,COUNT")?;
                args.keepalive = (
                    s.parse().map_err(|e| format!("--keepalive {v}: {e}"))?,
                    c.parse().map_err(|e| format!("--keepalive {v}: {e}"))?,
                );
            }
            "--for" => {
                let v = it.next().ok_or("--for needs SECS")?;
                args.run_for = Some(v.parse().map_err(|e| format!("--for {v}: {e}"))?);
            }
            "-h" | "--help" => {
                return Err(
                    "usage: events [URI] [--demo] [--keepalive SECS,COUNT] [--for SECS]".into(),
                )
            }
            uri if !uri.starts_with('-') => args.uri = uri.to_owned(),
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(args)
}

fn state_name(state: u32) -> &'static str {
    match state {
        virt_sys::VIR_DOMAIN_RUNNING => "running",
        virt_sys::VIR_DOMAIN_BLOCKED => "blocked",
        virt_sys::VIR_DOMAIN_PAUSED => "paused",
        virt_sys::VIR_DOMAIN_SHUTDOWN => "shutting down",
        virt_sys::VIR_DOMAIN_SHUTOFF => "shut off",
        virt_sys::VIR_DOMAIN_CRASHED => "crashed",
        virt_sys::VIR_DOMAIN_PMSUSPENDED => "pmsuspended",
        _ => "unknown",
    }
}

fn now() -> String {
    glib::DateTime::now_local()
        .and_then(|t| t.format("%H:%M:%S.%f"))
        .map(|s| s[..12.min(s.len())].to_owned())
        .unwrap_or_default()
}

const DEMO_XML: &str = "<domain type='test'>
  <name>events-demo</name>
  <memory unit='MiB'>64</memory>
  <os><type>hvm</type></os>
</domain>";

/// One step of the demo cycle on the test driver.
fn demo_step(conn: &Connect, step: u32) -> Result<(), virt::error::Error> {
    match step % 6 {
        0 => conn.define_domain_xml(DEMO_XML).map(drop),
        1 => conn
            .lookup_domain_by_name("events-demo")?
            .create()
            .map(drop),
        2 => conn
            .lookup_domain_by_name("events-demo")?
            .suspend()
            .map(drop),
        3 => conn
            .lookup_domain_by_name("events-demo")?
            .resume()
            .map(drop),
        4 => conn
            .lookup_domain_by_name("events-demo")?
            .destroy()
            .map(drop),
        _ => conn
            .lookup_domain_by_name("events-demo")?
            .undefine()
            .map(drop),
    }
}

fn run(args: Args) -> Result<i32, Error> {
    libvirt_glib::init()?;
    libvirt_glib::event_register()?;
    let conn = Connect::open(Some(&args.uri))
        .map_err(|e| Error::from_virt(&e, format!("opening {}", args.uri)))?;
    println!("connected to {}", args.uri);
    match conn.set_keep_alive(args.keepalive.0, args.keepalive.1) {
        Ok(()) => println!(
            "keepalive: every {} s, gives up after {} unanswered",
            args.keepalive.0, args.keepalive.1
        ),
        Err(e) => println!("keepalive: not used on this connection ({})", e.message()),
    }

    let domains = conn
        .list_all_domains(0)
        .map_err(|e| Error::from_virt(&e, "listing domains"))?;
    println!("{} domain(s):", domains.len());
    for d in &domains {
        let name = d.name().unwrap_or_default();
        let state = d
            .state()
            .map(|(s, _)| state_name(s.to_raw()))
            .unwrap_or("?");
        println!("  {name:<24} {state}");
    }

    let main_loop = glib::MainLoop::new(None, false);
    let _lifecycle = DomainLifecycleWatch::new(&conn, |ev| {
        println!("{} event: {ev}", now());
    })?;
    let exit = Rc::new(Cell::new(0));
    let (tx, rx) = std::sync::mpsc::channel();
    let tx = std::sync::Mutex::new(tx);
    let _close = CloseWatch::new(&conn, move |reason| {
        if let Ok(tx) = tx.lock() {
            let _ = tx.send(reason);
        }
    })?;
    {
        // The close callback runs on this same main context; hand the reason over.
        let ml = main_loop.clone();
        let exit = exit.clone();
        glib::timeout_add_local(Duration::from_millis(100), move || match rx.try_recv() {
            Ok(reason) => {
                println!("{} connection closed: {reason:?}", now());
                exit.set(2);
                ml.quit();
                glib::ControlFlow::Break
            }
            Err(_) => glib::ControlFlow::Continue,
        });
    }
    if args.demo {
        let conn = conn.clone();
        let step = Cell::new(0);
        glib::timeout_add_local(Duration::from_millis(1500), move || {
            if let Err(e) = demo_step(&conn, step.get()) {
                eprintln!("demo: {}", e.message());
            }
            step.set(step.get() + 1);
            glib::ControlFlow::Continue
        });
    }
    if let Some(secs) = args.run_for {
        let ml = main_loop.clone();
        glib::timeout_add_seconds_local(secs.try_into().unwrap_or(u32::MAX), move || {
            ml.quit();
            glib::ControlFlow::Break
        });
    }
    println!("waiting for events (Ctrl-C to quit)");
    main_loop.run();
    if args.demo {
        if let Ok(d) = conn.lookup_domain_by_name("events-demo") {
            let _ = d.destroy();
            let _ = d.undefine();
        }
    }
    Ok(exit.get())
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("{msg}");
            std::process::exit(64);
        }
    };
    match run(args) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
