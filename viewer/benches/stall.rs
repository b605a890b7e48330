//! Stall probe: the real app on a 1,000-domain `<node>` file (libvirt's test driver),
//! a bulk start of all 1,000 then a bulk force-off, driven through the window's actions.
//! A 1 ms timeout on the main context records every gap between two of its dispatches;
//! the longest gap (minus the 1 ms period) is the longest time the main loop was busy.
//!
//! ```text
//! xvfb-run -a -s "-screen 0 1280x800x24" cargo bench -p viewer --bench stall
//! ```

use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use adw::prelude::*;
use libvirt_gobject::DomainState;
use relm4::prelude::*;
use viewer::backend::VmItem;
use viewer::components::vm_list::selected_items;
use viewer::{App, AppInit, StartMode};

const N: usize = 1000;

fn node_file() -> std::path::PathBuf {
    let p = std::env::temp_dir().join(format!("vireo-stall-{}.xml", std::process::id()));
    std::fs::write(&p, viewer::demo::synthetic_node_xml(N)).expect("node file written");
    p
}

struct Probe {
    last: Instant,
    gaps: Vec<Duration>,
}

fn pump_until(what: &str, secs: u64, mut cond: impl FnMut() -> bool) -> Duration {
    let ctx = glib::MainContext::default();
    let t0 = Instant::now();
    while !cond() {
        assert!(
            t0.elapsed() < Duration::from_secs(secs),
            "timed out: {what}"
        );
        ctx.iteration(true);
    }
    t0.elapsed()
}

fn report(phase: &str, probe: &Rc<RefCell<Probe>>, took: Duration) {
    let mut p = probe.borrow_mut();
    let mut gaps: Vec<Duration> = p.gaps.drain(..).collect();
    gaps.sort();
    let max = gaps.last().copied().unwrap_or_default();
    let p99 = gaps
        .get(gaps.len().saturating_sub(1).min(gaps.len() * 99 / 100))
        .copied()
        .unwrap_or_default();
    let over16 = gaps
        .iter()
        .filter(|g| **g > Duration::from_millis(16))
        .count();
    println!(
        "{phase:<28} took {:>7.1} ms   longest main-loop gap {:>6.2} ms   p99 {:>5.2} ms   gaps > 16 ms: {over16} of {}",
        took.as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        gaps.len()
    );
    p.last = Instant::now();
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    gtk::init().expect("a display (run under xvfb-run)");
    adw::init().expect("libadwaita");
    viewer::init_libvirt().expect("libvirt");
    let node = node_file();
    let uri = format!("test://{}", node.display());

    let probe = Rc::new(RefCell::new(Probe {
        last: Instant::now(),
        gaps: Vec::new(),
    }));
    let pr = probe.clone();
    glib::timeout_add_local(Duration::from_millis(1), move || {
        let mut p = pr.borrow_mut();
        let now = Instant::now();
        let gap = now - p.last;
        p.gaps.push(gap.saturating_sub(Duration::from_millis(1)));
        p.last = now;
        glib::ControlFlow::Continue
    });

    let t0 = Instant::now();
    let app = App::builder()
        .launch(AppInit {
            start: StartMode::Uris(vec![uri]),
            ready_line: false,
            quit_after_ready: false,
            use_settings: false,
            use_keyring: false,
        })
        .detach();
    app.widget().present();
    let sel = app.model().list().model().selection.clone();
    let took = pump_until("list filled", 60, || sel.n_items() as usize == N);
    let _ = t0;
    report("open + list 1,000", &probe, took);
    // Let the details (XML) reads settle.
    let settle = Instant::now();
    pump_until("settle", 30, || settle.elapsed() > Duration::from_secs(2));
    probe.borrow_mut().gaps.clear();

    let items: Vec<VmItem> = (0..sel.n_items())
        .filter_map(|i| sel.item(i).and_downcast::<VmItem>())
        .collect();
    let win = app.widget().clone();
    let t = Instant::now();
    sel.select_all();
    pump_until("selection", 5, || selected_items(&sel).len() == N);
    let start = win.lookup_action("start").expect("start action");
    pump_until("start enabled", 10, || start.is_enabled());
    let took = t.elapsed();
    // The details pane of the first selected VM is built and loads its configuration.
    let settle = Instant::now();
    pump_until("settle", 30, || settle.elapsed() > Duration::from_secs(1));
    report("select all (+ details pane)", &probe, took);
    let t = Instant::now();
    WidgetExt::activate_action(&win, "win.start", None).expect("start action");
    let took = pump_until("all running", 120, || {
        let n = items
            .iter()
            .filter(|i| i.state() == DomainState::Running)
            .count();
        if t.elapsed() > Duration::from_secs(20) && n < N {
            eprintln!("{n} of {N} running after 20 s");
        }
        n == N
    });
    report("bulk start of 1,000", &probe, took);
    let _ = t;
    let settle = Instant::now();
    pump_until("settle", 30, || {
        settle.elapsed() > Duration::from_millis(500)
    });
    let off = win.lookup_action("force-off").expect("force-off action");
    pump_until("force-off enabled", 10, || off.is_enabled());
    probe.borrow_mut().gaps.clear();
    WidgetExt::activate_action(&win, "win.force-off", None).expect("force-off action");
    let took = pump_until("all shut off", 120, || {
        items.iter().all(|i| i.state() == DomainState::Shutoff)
    });
    report("bulk force-off of 1,000", &probe, took);
    let _ = std::fs::remove_file(node);
}
