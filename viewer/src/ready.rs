//! "The list is drawn": once every connection has left the connecting state and the
//! VM list has its rows, the next frame the window paints is the first with the list
//! on screen. Then Vireo prints one line (`--ready-line`) and may quit
//! (`--quit-after-ready`); benchmarks and the launch test read that line.

use std::cell::Cell;
use std::rc::Rc;

use gtk::prelude::*;

use crate::backend::{ConnState, Inventory};

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// Whether every connection has settled (connected or failed) and, if any is
/// connected, the list has rows.
pub fn settled(inv: &Inventory) -> bool {
    let entries = inv.entries();
    !entries.is_empty()
        && entries
            .iter()
            .all(|e| matches!(e.state(), ConnState::Connected | ConnState::Failed))
        && (inv.vms().n_items() > 0
            || entries.iter().all(|e| e.state() == ConnState::Failed)
            || entries.iter().all(|e| e.conn().n_items() == 0))
}

/// Watches `window` until the list is drawn, then prints and/or quits.
pub fn watch(
    window: &adw::ApplicationWindow,
    inv: &Inventory,
    print: bool,
    quit: bool,
    banner: impl Fn() -> String + 'static,
) {
    let done = Rc::new(Cell::new(false));
    let inv = inv.clone();
    window.add_tick_callback(move |w, clock| {
        if done.get() || !w.is_mapped() || !settled(&inv) {
            return glib::ControlFlow::Continue;
        }
        done.set(true);
        let (inv, w) = (inv.clone(), w.clone());
        let banner = banner();
        after_next_paint(clock, move || {
            let uris: Vec<String> = inv.entries().iter().map(|e| e.uri()).collect();
            if print {
                println!(
                    "vireo-ready rows={} rss_kib={} uris={} banner={:?}",
                    inv.vms().n_items(),
                    rss_kib(),
                    uris.join(","),
                    banner
                );
            }
            if quit {
                w.close();
                if let Some(app) = w.application() {
                    app.quit();
                }
            }
        });
        glib::ControlFlow::Break
    });
}

/// Runs `f` once, right after `clock` has painted its next frame (a frame is asked for).
pub fn after_next_paint(clock: &gtk::gdk::FrameClock, f: impl FnOnce() + 'static) {
    let f = Cell::new(Some(f));
    let handler: Rc<Cell<Option<glib::SignalHandlerId>>> = Rc::default();
    let h2 = handler.clone();
    let id = clock.connect_after_paint(move |clock| {
        if let Some(id) = h2.take() {
            clock.disconnect(id);
        }
        if let Some(f) = f.take() {
            f();
        }
    });
    handler.set(Some(id));
    clock.request_phase(gtk::gdk::FrameClockPhase::PAINT);
}
