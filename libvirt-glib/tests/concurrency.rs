//! Several threads add, update and remove handles and timeouts while the GLib loop runs
//! on its own thread, for thousands of rounds: every expected dispatch happens exactly
//! once, nothing is dispatched while disabled or after removal, every `ff` runs once, and
//! no `GSource` is left behind.
#![allow(clippy::unwrap_used)]

mod common;

use std::os::raw::{c_int, c_void};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const THREADS: usize = 4;
const ROUNDS: usize = 400;

static ADDED: AtomicUsize = AtomicUsize::new(0);
static FREED: AtomicUsize = AtomicUsize::new(0);
static SPURIOUS: AtomicUsize = AtomicUsize::new(0);

#[derive(Default)]
struct Counter {
    hits: AtomicUsize,
    /// The timer id, for the timer callback to disable itself.
    timer: AtomicUsize,
}

fn opaque(c: &Arc<Counter>) -> *mut c_void {
    Arc::into_raw(c.clone()).cast_mut().cast()
}

unsafe extern "C" fn free_counter(data: *mut c_void) {
    // SAFETY: `data` came from `opaque` (Arc::into_raw); libvirt calls ff once.
    drop(unsafe { Arc::from_raw(data.cast_const().cast::<Counter>()) });
    FREED.fetch_add(1, Ordering::SeqCst);
}

unsafe extern "C" fn on_readable(_w: c_int, fd: c_int, _events: c_int, data: *mut c_void) {
    // SAFETY: `data` is a live Arc<Counter> until ff.
    let c = unsafe { &*data.cast_const().cast::<Counter>() };
    let mut byte = 0u8;
    // SAFETY: non-blocking read of one byte into a local.
    let n = unsafe { libc::read(fd, (&mut byte as *mut u8).cast(), 1) };
    if n == 1 {
        c.hits.fetch_add(1, Ordering::SeqCst);
    } else {
        // Dispatched with nothing to read: a duplicate dispatch.
        SPURIOUS.fetch_add(1, Ordering::SeqCst);
    }
}

unsafe extern "C" fn on_timer(timer: c_int, data: *mut c_void) {
    // SAFETY: `data` is a live Arc<Counter> until ff.
    let c = unsafe { &*data.cast_const().cast::<Counter>() };
    assert_eq!(c.timer.load(Ordering::SeqCst), timer as usize);
    // One shot: disable ourselves from inside the callback, before the worker can see
    // the hit (it re-arms the timer once it does).
    // SAFETY: plain libvirt API call.
    unsafe { virt_sys::virEventUpdateTimeout(timer, -1) };
    c.hits.fetch_add(1, Ordering::SeqCst);
}

fn wait_hits(c: &Counter, n: usize, what: &str) {
    let end = Instant::now() + Duration::from_secs(10);
    while c.hits.load(Ordering::SeqCst) < n {
        assert!(
            Instant::now() < end,
            "{what}: lost dispatch (have {}, want {n})",
            c.hits.load(Ordering::SeqCst)
        );
        std::thread::sleep(Duration::from_micros(50));
    }
}

fn settle_and_expect(c: &Counter, n: usize, what: &str) {
    std::thread::sleep(Duration::from_millis(1));
    assert_eq!(
        c.hits.load(Ordering::SeqCst),
        n,
        "{what}: duplicate or unwanted dispatch"
    );
}

fn write_byte(fd: c_int) {
    let b = b'x';
    // SAFETY: writing one byte from a local.
    assert_eq!(unsafe { libc::write(fd, (&b as *const u8).cast(), 1) }, 1);
}

fn handle_round() {
    let mut fds = [0; 2];
    // SAFETY: pipe2(2) into a local array.
    assert_eq!(
        unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_NONBLOCK | libc::O_CLOEXEC) },
        0
    );
    let c = Arc::new(Counter::default());
    let readable = virt_sys::VIR_EVENT_HANDLE_READABLE as c_int;
    // SAFETY: callbacks are static fns; `opaque` is released by `free_counter`.
    let w = unsafe {
        virt_sys::virEventAddHandle(
            fds[0],
            readable,
            Some(on_readable),
            opaque(&c),
            Some(free_counter),
        )
    };
    assert!(w > 0);
    ADDED.fetch_add(1, Ordering::SeqCst);

    write_byte(fds[1]);
    wait_hits(&c, 1, "handle");
    settle_and_expect(&c, 1, "handle");

    // Not polled while it asks for nothing ...
    // SAFETY: plain libvirt API calls.
    unsafe { virt_sys::virEventUpdateHandle(w, 0) };
    write_byte(fds[1]);
    settle_and_expect(&c, 1, "disabled handle");
    // ... and the pending byte is delivered once it asks again.
    unsafe { virt_sys::virEventUpdateHandle(w, readable) };
    wait_hits(&c, 2, "re-enabled handle");

    assert_eq!(unsafe { virt_sys::virEventRemoveHandle(w) }, 0);
    write_byte(fds[1]);
    settle_and_expect(&c, 2, "removed handle");
    // SAFETY: our own fds; the handle no longer uses them.
    unsafe {
        libc::close(fds[0]);
        libc::close(fds[1]);
    }
}

fn timer_round() {
    let c = Arc::new(Counter::default());
    // Register disabled, then arm: the callback must see its id.
    // SAFETY: callbacks are static fns; `opaque` is released by `free_counter`.
    let t =
        unsafe { virt_sys::virEventAddTimeout(-1, Some(on_timer), opaque(&c), Some(free_counter)) };
    assert!(t > 0);
    ADDED.fetch_add(1, Ordering::SeqCst);
    c.timer.store(t as usize, Ordering::SeqCst);
    // SAFETY: plain libvirt API calls.
    unsafe { virt_sys::virEventUpdateTimeout(t, 1) };
    wait_hits(&c, 1, "timer");
    settle_and_expect(&c, 1, "one-shot timer");
    unsafe { virt_sys::virEventUpdateTimeout(t, 0) };
    wait_hits(&c, 2, "re-armed timer");
    settle_and_expect(&c, 2, "one-shot timer again");
    assert_eq!(unsafe { virt_sys::virEventRemoveTimeout(t) }, 0);
    settle_and_expect(&c, 2, "removed timer");
}

#[test]
fn threads_hammer_the_loop_without_lost_duplicate_or_leaked_events() {
    common::event_loop();
    let base = libvirt_glib::event_stats();
    let started = Instant::now();
    let workers: Vec<_> = (0..THREADS)
        .map(|_| {
            std::thread::spawn(|| {
                for _ in 0..ROUNDS {
                    handle_round();
                    timer_round();
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let added = ADDED.load(Ordering::SeqCst);
    assert_eq!(added, THREADS * ROUNDS * 2);
    assert_eq!(
        SPURIOUS.load(Ordering::SeqCst),
        0,
        "dispatches with nothing to read"
    );
    assert!(
        common::wait_for(Duration::from_secs(10), || FREED.load(Ordering::SeqCst)
            == added),
        "ff ran {} times for {added} removals",
        FREED.load(Ordering::SeqCst)
    );
    let stats = libvirt_glib::event_stats();
    assert_eq!(stats.handles, base.handles);
    assert_eq!(stats.timeouts, base.timeouts);
    assert_eq!(stats.live_sources, base.live_sources, "GSources leaked");
    assert_eq!(stats.pending_frees, 0);
    eprintln!(
        "{added} handles/timeouts added, updated and removed by {THREADS} threads in {:?}",
        started.elapsed()
    );
}
