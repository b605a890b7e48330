//! Stall probe: the real app on a 1,000-domain `<node>` file (libvirt's test driver),
//! a bulk start of all 1,000 then a bulk force-off, driven through the window's actions,
//! then one click on another VM.
//! A 1 ms timeout on the main context records every gap between two of its dispatches;
//! the longest gap (minus the 1 ms period) is the longest time the main loop was busy.
//!
//! ```text
//! xvfb-run -a -s "-screen 0 1280x800x24" cargo bench -p viewer --bench stall
//! ```
//!
//! With `VIREO_STALL_TRACE=1` every gap over 12 ms is printed with its monotonic
//! start and end (to match `perf record -k mono` samples), and so is every frame whose
//! layout takes over 3 ms or whose layout and paint take over 6 ms.

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
    last_cpu: Duration,
    /// Per gap: wall time, and CPU time the main thread used in it (on a loaded machine
    /// the wall gap also holds time the thread waited for a core).
    gaps: Vec<(Duration, Duration)>,
}

/// CPU time used by the calling thread so far.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Iterates the main context until `cond` holds. `cond` (which may walk all 1,000 rows)
/// runs at most every 5 ms, so that the probe measures the app, not this loop.
fn pump_until(what: &str, secs: u64, mut cond: impl FnMut() -> bool) -> Duration {
    let ctx = glib::MainContext::default();
    let t0 = Instant::now();
    let mut checked = t0;
    let mut first = true;
    loop {
        let now = Instant::now();
        if first || now - checked >= Duration::from_millis(5) {
            first = false;
            checked = now;
            if cond() {
                break;
            }
        }
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
    let gaps: Vec<(Duration, Duration)> = p.gaps.drain(..).collect();
    let mut wall: Vec<Duration> = gaps.iter().map(|g| g.0).collect();
    wall.sort();
    let max = wall.last().copied().unwrap_or_default();
    let max_cpu = gaps.iter().map(|g| g.1).max().unwrap_or_default();
    let p99 = wall
        .get(wall.len().saturating_sub(1).min(wall.len() * 99 / 100))
        .copied()
        .unwrap_or_default();
    let over16 = wall
        .iter()
        .filter(|g| **g > Duration::from_millis(16))
        .count();
    println!(
        "{phase:<28} took {:>7.1} ms   longest main-loop gap {:>6.2} ms (main thread CPU in the longest-CPU gap {:>6.2} ms)   p99 {:>5.2} ms   gaps > 16 ms: {over16} of {}",
        took.as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3,
        max_cpu.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        wall.len()
    );
    p.last = Instant::now();
    p.last_cpu = thread_cpu();
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    // As the `vireo` binary does (before GTK starts).
    viewer::render::choose_renderer();
    gtk::init().expect("a display (run under xvfb-run)");
    adw::init().expect("libadwaita");
    viewer::init_libvirt().expect("libvirt");
    let node = node_file();
    let uri = format!("test://{}", node.display());

    let probe = Rc::new(RefCell::new(Probe {
        last: Instant::now(),
        last_cpu: thread_cpu(),
        gaps: Vec::new(),
    }));
    let pr = probe.clone();
    let trace = std::env::var_os("VIREO_STALL_TRACE").is_some();
    glib::timeout_add_local(Duration::from_millis(1), move || {
        let mut p = pr.borrow_mut();
        let now = Instant::now();
        let gap = now - p.last;
        if trace && gap > Duration::from_millis(12) {
            // Monotonic clock, as `perf record -k mono` stamps its samples.
            let mut ts = libc::timespec {
                tv_sec: 0,
                tv_nsec: 0,
            };
            // SAFETY: clock_gettime writes into the timespec we own.
            unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
            let end = ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9;
            eprintln!(
                "gap {:.6} {:.6} {:.2} ms",
                end - gap.as_secs_f64(),
                end,
                gap.as_secs_f64() * 1e3
            );
        }
        let cpu = thread_cpu();
        let busy = cpu.saturating_sub(p.last_cpu);
        p.gaps
            .push((gap.saturating_sub(Duration::from_millis(1)), busy));
        p.last = now;
        p.last_cpu = cpu;
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
    if trace {
        // Each frame's layout and layout + paint time, when long (the handlers run
        // after GTK's own: `update` ends the tick callbacks, `layout` follows the
        // window's layout).
        let win = app.widget().clone();
        glib::idle_add_local_once(move || {
            if let Some(clock) = win.frame_clock() {
                let begin = Rc::new(std::cell::Cell::new(Instant::now()));
                let b = begin.clone();
                clock.connect_update(move |_| b.set(Instant::now()));
                let b = begin.clone();
                clock.connect_layout(move |_| {
                    let ms = b.get().elapsed().as_secs_f64() * 1e3;
                    if ms > 3.0 {
                        eprintln!("frame update phase {ms:.2} ms");
                    }
                });
                clock.connect_after_paint(move |_| {
                    let ms = begin.get().elapsed().as_secs_f64() * 1e3;
                    if ms > 6.0 {
                        eprintln!("frame {ms:.2} ms");
                    }
                });
            }
        });
    }
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

    // One click on another VM: the details pane shows it (the Overview is rebound).
    let settle = Instant::now();
    pump_until("settle", 30, || {
        settle.elapsed() > Duration::from_millis(500)
    });
    probe.borrow_mut().gaps.clear();
    sel.select_item(5, true);
    let took = pump_until("one selected", 5, || selected_items(&sel).len() == 1);
    let settle = Instant::now();
    pump_until("settle", 30, || settle.elapsed() > Duration::from_secs(1));
    report("select one other VM", &probe, took);
    let _ = std::fs::remove_file(node);
}
