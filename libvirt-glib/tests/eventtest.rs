//! The scenarios of libvirt's own event-loop test (`tests/eventtest.c`), run against
//! our GLib implementation through libvirt's public `virEvent*` API.
//!
//! As in libvirt's test: 31 pipes and 31 timers are registered, a loop thread runs
//! exactly one iteration of the main context per job, and each job checks which handle
//! and which timer fired (exactly the expected one, with the right watch, fd and events).
//! Before a job the loop thread consumes wake-ups left by changes made while it was not
//! polling (GLib keeps them; libvirt's loop only interrupts a running poll), so that a job
//! is the one iteration libvirt's test means.
#![allow(clippy::unwrap_used, clippy::needless_range_loop)]

use std::os::raw::{c_int, c_void};
use std::sync::atomic::{AtomicI32, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use glib::MainContext;

const NUM_FDS: usize = 31;
const NUM_TIME: usize = 31;

const OK: i32 = 0;
const ERR_WATCH: i32 = 1;
const ERR_FD: i32 = 2;
const ERR_EVENT: i32 = 3;
const ERR_DATA: i32 = 4;

struct HandleInfo {
    read_fd: AtomicI32,
    write_fd: AtomicI32,
    fired: AtomicI32,
    watch: AtomicI32,
    error: AtomicI32,
    delete: AtomicI32,
}

struct TimerInfo {
    timer: AtomicI32,
    fired: AtomicI32,
    error: AtomicI32,
    delete: AtomicI32,
}

#[allow(clippy::declare_interior_mutable_const)]
const NEW_HANDLE: HandleInfo = HandleInfo {
    read_fd: AtomicI32::new(-1),
    write_fd: AtomicI32::new(-1),
    fired: AtomicI32::new(0),
    watch: AtomicI32::new(-1),
    error: AtomicI32::new(OK),
    delete: AtomicI32::new(-1),
};
#[allow(clippy::declare_interior_mutable_const)]
const NEW_TIMER: TimerInfo = TimerInfo {
    timer: AtomicI32::new(-1),
    fired: AtomicI32::new(0),
    error: AtomicI32::new(OK),
    delete: AtomicI32::new(-1),
};

static HANDLES: [HandleInfo; NUM_FDS] = [NEW_HANDLE; NUM_FDS];
static TIMERS: [TimerInfo; NUM_TIME] = [NEW_TIMER; NUM_TIME];

unsafe extern "C" fn pipe_reader(watch: c_int, fd: c_int, events: c_int, data: *mut c_void) {
    // SAFETY: `data` points at an element of HANDLES (a static).
    let info = unsafe { &*data.cast::<HandleInfo>() };
    info.fired.store(1, Ordering::SeqCst);
    if watch != info.watch.load(Ordering::SeqCst) {
        info.error.store(ERR_WATCH, Ordering::SeqCst);
        return;
    }
    if fd != info.read_fd.load(Ordering::SeqCst) {
        info.error.store(ERR_FD, Ordering::SeqCst);
        return;
    }
    if events & virt_sys::VIR_EVENT_HANDLE_READABLE as c_int == 0 {
        info.error.store(ERR_EVENT, Ordering::SeqCst);
        return;
    }
    let mut one = 0u8;
    // SAFETY: reading one byte into a local.
    if unsafe { libc::read(fd, (&mut one as *mut u8).cast(), 1) } != 1 {
        info.error.store(ERR_DATA, Ordering::SeqCst);
        return;
    }
    info.error.store(OK, Ordering::SeqCst);
    let delete = info.delete.load(Ordering::SeqCst);
    if delete != -1 {
        // SAFETY: plain libvirt API call.
        unsafe { virt_sys::virEventRemoveHandle(delete) };
    }
}

unsafe extern "C" fn timer_cb(timer: c_int, data: *mut c_void) {
    // SAFETY: `data` points at an element of TIMERS (a static).
    let info = unsafe { &*data.cast::<TimerInfo>() };
    info.fired.store(1, Ordering::SeqCst);
    if timer != info.timer.load(Ordering::SeqCst) {
        info.error.store(ERR_WATCH, Ordering::SeqCst);
        return;
    }
    info.error.store(OK, Ordering::SeqCst);
    let delete = info.delete.load(Ordering::SeqCst);
    if delete != -1 {
        // SAFETY: plain libvirt API call.
        unsafe { virt_sys::virEventRemoveTimeout(delete) };
    }
}

fn add_handle(i: usize, events: u32) -> c_int {
    // SAFETY: the callback and its static data live for the whole process.
    unsafe {
        virt_sys::virEventAddHandle(
            HANDLES[i].read_fd.load(Ordering::SeqCst),
            events as c_int,
            Some(pipe_reader),
            std::ptr::addr_of!(HANDLES[i]).cast_mut().cast(),
            None,
        )
    }
}

fn remove_handle(watch: c_int) {
    // SAFETY: plain libvirt API call.
    unsafe { virt_sys::virEventRemoveHandle(watch) };
}

fn update_timeout(i: usize, ms: c_int) {
    // SAFETY: plain libvirt API call.
    unsafe { virt_sys::virEventUpdateTimeout(TIMERS[i].timer.load(Ordering::SeqCst), ms) };
}

fn remove_timeout(i: usize) {
    // SAFETY: plain libvirt API call.
    unsafe { virt_sys::virEventRemoveTimeout(TIMERS[i].timer.load(Ordering::SeqCst)) };
}

fn write_one(i: usize) {
    let one = b'1';
    // SAFETY: writing one byte from a local to our pipe.
    let n = unsafe {
        libc::write(
            HANDLES[i].write_fd.load(Ordering::SeqCst),
            (&one as *const u8).cast(),
            1,
        )
    };
    assert_eq!(n, 1, "write to pipe {i}");
}

fn reset_all() {
    for h in &HANDLES {
        h.fired.store(0, Ordering::SeqCst);
        h.error.store(OK, Ordering::SeqCst);
    }
    for t in &TIMERS {
        t.fired.store(0, Ordering::SeqCst);
        t.error.store(OK, Ordering::SeqCst);
    }
}

/// Checks that exactly `handle` (or none, for `None`) and exactly `timer` fired, without error.
fn verify_fired(name: &str, handle: Option<usize>, timer: Option<usize>) {
    for (i, h) in HANDLES.iter().enumerate() {
        let fired = h.fired.load(Ordering::SeqCst) != 0;
        assert_eq!(
            fired,
            Some(i) == handle,
            "{name}: handle {i} fired={fired}, expected {handle:?}"
        );
        if fired {
            assert_eq!(
                h.error.load(Ordering::SeqCst),
                OK,
                "{name}: handle {i} had an error"
            );
        }
    }
    for (i, t) in TIMERS.iter().enumerate() {
        let fired = t.fired.load(Ordering::SeqCst) != 0;
        assert_eq!(
            fired,
            Some(i) == timer,
            "{name}: timer {i} fired={fired}, expected {timer:?}"
        );
        if fired {
            assert_eq!(
                t.error.load(Ordering::SeqCst),
                OK,
                "{name}: timer {i} had an error"
            );
        }
    }
}

/// The loop thread: one main-context iteration per job.
#[derive(Default)]
struct JobState {
    run_once: bool,
    done: bool,
    ready: bool,
}

struct Loop {
    state: Mutex<JobState>,
    cond: Condvar,
}

impl Loop {
    fn spawn(ctx: MainContext) -> Arc<Self> {
        let lp = Arc::new(Loop {
            state: Mutex::new(JobState::default()),
            cond: Condvar::new(),
        });
        let me = lp.clone();
        std::thread::spawn(move || loop {
            {
                let mut st = me.state.lock().unwrap();
                while !st.run_once {
                    st = me.cond.wait(st).unwrap();
                }
                st.run_once = false;
            }
            // Consume wake-ups left over from changes made while nobody polled.
            while ctx.iteration(false) {}
            me.state.lock().unwrap().ready = true;
            me.cond.notify_all();
            ctx.iteration(true);
            me.state.lock().unwrap().done = true;
            me.cond.notify_all();
        });
        lp
    }

    /// Starts one iteration and returns once the loop thread is about to poll.
    fn start_job(&self) {
        let mut st = self.state.lock().unwrap();
        st.run_once = true;
        st.done = false;
        st.ready = false;
        self.cond.notify_all();
        while !st.ready {
            st = self.cond.wait(st).unwrap();
        }
    }

    fn finish_job(&self, name: &str, handle: Option<usize>, timer: Option<usize>) {
        let st = self.state.lock().unwrap();
        let (st, timeout) = self
            .cond
            .wait_timeout_while(st, Duration::from_secs(5), |s| !s.done)
            .unwrap();
        assert!(
            !timeout.timed_out(),
            "{name}: timed out waiting for the loop"
        );
        drop(st);
        verify_fired(name, handle, timer);
    }
}

#[test]
fn libvirt_eventtest_scenarios() {
    let (ctx, _serial) = context();

    for h in &HANDLES {
        let mut fds = [0; 2];
        // SAFETY: pipe(2) into a local array.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        h.read_fd.store(fds[0], Ordering::SeqCst);
        h.write_fd.store(fds[1], Ordering::SeqCst);
    }
    for i in 0..NUM_FDS {
        HANDLES[i].delete.store(-1, Ordering::SeqCst);
        let w = add_handle(i, virt_sys::VIR_EVENT_HANDLE_READABLE);
        assert!(w > 0);
        HANDLES[i].watch.store(w, Ordering::SeqCst);
    }
    for (i, t) in TIMERS.iter().enumerate() {
        t.delete.store(-1, Ordering::SeqCst);
        // SAFETY: the callback and its static data live for the whole process.
        let id = unsafe {
            virt_sys::virEventAddTimeout(
                -1,
                Some(timer_cb),
                std::ptr::addr_of!(TIMERS[i]).cast_mut().cast(),
                None,
            )
        };
        assert!(id > 0);
        t.timer.store(id, Ordering::SeqCst);
    }
    let lp = Loop::spawn(ctx.clone());

    // Simple write.
    lp.start_job();
    write_one(1);
    lp.finish_job("simple write", Some(1), None);
    reset_all();

    // Delete one handle before poll, then trigger another.
    remove_handle(HANDLES[0].watch.load(Ordering::SeqCst));
    lp.start_job();
    write_one(1);
    lp.finish_job("deleted before poll", Some(1), None);
    reset_all();

    // Delete during poll: interrupts the loop with no event.
    lp.start_job();
    std::thread::sleep(Duration::from_millis(100));
    remove_handle(HANDLES[1].watch.load(Ordering::SeqCst));
    lp.finish_job("interrupted during poll", None, None);
    reset_all();

    // Delete a later handle during dispatch.
    lp.start_job();
    HANDLES[2]
        .delete
        .store(HANDLES[3].watch.load(Ordering::SeqCst), Ordering::SeqCst);
    write_one(2);
    write_one(3);
    lp.finish_job("deleted during dispatch", Some(2), None);
    reset_all();

    // Delete ourselves during dispatch.
    lp.start_job();
    HANDLES[2]
        .delete
        .store(HANDLES[2].watch.load(Ordering::SeqCst), Ordering::SeqCst);
    write_one(2);
    lp.finish_job("deleted self during dispatch", Some(2), None);
    reset_all();

    // A timer on its own.
    update_timeout(1, 100);
    lp.start_job();
    lp.finish_job("firing a timer", None, Some(1));
    update_timeout(1, -1);
    reset_all();

    // Delete one timer before poll, then fire another.
    update_timeout(1, 100);
    remove_timeout(0);
    lp.start_job();
    lp.finish_job("timer deleted before poll", None, Some(1));
    update_timeout(1, -1);
    reset_all();

    // Delete a timer during poll: interrupts the loop with nothing fired.
    lp.start_job();
    std::thread::sleep(Duration::from_millis(100));
    remove_timeout(1);
    lp.finish_job("timer interrupted during poll", None, None);
    reset_all();

    // Delete a later timer during dispatch.
    update_timeout(2, 100);
    update_timeout(3, 100);
    lp.start_job();
    TIMERS[2]
        .delete
        .store(TIMERS[3].timer.load(Ordering::SeqCst), Ordering::SeqCst);
    lp.finish_job("timer deleted during dispatch", None, Some(2));
    update_timeout(2, -1);
    reset_all();

    // Delete ourselves during dispatch.
    update_timeout(2, 100);
    lp.start_job();
    TIMERS[2]
        .delete
        .store(TIMERS[2].timer.load(Ordering::SeqCst), Ordering::SeqCst);
    lp.finish_job("timer deleted self during dispatch", None, Some(2));

    for i in 0..NUM_FDS - 1 {
        remove_handle(HANDLES[i].watch.load(Ordering::SeqCst));
    }
    for i in 0..NUM_TIME - 1 {
        remove_timeout(i);
    }
    reset_all();

    // The last handle still works several times in a row.
    for _ in 0..4 {
        lp.start_job();
        write_one(NUM_FDS - 1);
        lp.finish_job("last handle", Some(NUM_FDS - 1), None);
        reset_all();
    }

    // The same fd registered twice, once with no events: only the right callback runs.
    HANDLES[0]
        .read_fd
        .store(HANDLES[1].read_fd.load(Ordering::SeqCst), Ordering::SeqCst);
    HANDLES[0]
        .write_fd
        .store(HANDLES[1].write_fd.load(Ordering::SeqCst), Ordering::SeqCst);
    HANDLES[0].delete.store(-1, Ordering::SeqCst);
    HANDLES[1].delete.store(-1, Ordering::SeqCst);
    let w0 = add_handle(0, 0);
    HANDLES[0].watch.store(w0, Ordering::SeqCst);
    let w1 = add_handle(1, virt_sys::VIR_EVENT_HANDLE_READABLE);
    HANDLES[1].watch.store(w1, Ordering::SeqCst);
    lp.start_job();
    write_one(1);
    lp.finish_job("write duplicate", Some(1), None);
}

// ---------------------------------------------------------------------------------------
// Semantics beyond eventtest.c, each on a context of its own run by the test thread.

static CALLS: AtomicUsize = AtomicUsize::new(0);
static LAST_EVENTS: AtomicI32 = AtomicI32::new(0);

unsafe extern "C" fn record_events(_w: c_int, _fd: c_int, events: c_int, _d: *mut c_void) {
    CALLS.fetch_add(1, Ordering::SeqCst);
    LAST_EVENTS.store(events, Ordering::SeqCst);
}

unsafe extern "C" fn count_timer(_t: c_int, _d: *mut c_void) {
    CALLS.fetch_add(1, Ordering::SeqCst);
}

/// The one context of this process (libvirt has one event implementation per process),
/// and a lock that runs the tests of this file one at a time when they share a process.
fn context() -> (MainContext, std::sync::MutexGuard<'static, ()>) {
    static SERIAL: Mutex<()> = Mutex::new(());
    static CONTEXT: std::sync::OnceLock<MainContext> = std::sync::OnceLock::new();
    let guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    libvirt_glib::init().unwrap();
    let ctx = CONTEXT
        .get_or_init(|| {
            let ctx = MainContext::new();
            libvirt_glib::event_register_on(&ctx).unwrap();
            ctx
        })
        .clone();
    CALLS.store(0, Ordering::SeqCst);
    (ctx, guard)
}

/// Iterates `ctx` without blocking until `done` or the deadline.
fn iterate_until(ctx: &MainContext, limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let end = std::time::Instant::now() + limit;
    while std::time::Instant::now() < end {
        if done() {
            return true;
        }
        ctx.iteration(false);
        std::thread::sleep(Duration::from_millis(1));
    }
    done()
}

#[test]
fn hangup_is_reported_even_when_only_read_was_asked() {
    let (ctx, _serial) = context();
    let mut fds = [0; 2];
    // SAFETY: pipe(2) into a local array.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    // SAFETY: callback is a static fn; no data.
    let w = unsafe {
        virt_sys::virEventAddHandle(
            fds[0],
            virt_sys::VIR_EVENT_HANDLE_READABLE as c_int,
            Some(record_events),
            std::ptr::null_mut(),
            None,
        )
    };
    assert!(w > 0);
    // SAFETY: closing our own write end.
    unsafe { libc::close(fds[1]) };
    assert!(iterate_until(&ctx, Duration::from_secs(5), || CALLS
        .load(Ordering::SeqCst)
        > 0));
    let ev = LAST_EVENTS.load(Ordering::SeqCst);
    assert_ne!(
        ev & virt_sys::VIR_EVENT_HANDLE_HANGUP as c_int,
        0,
        "events {ev:#x}"
    );
    remove_handle(w);
    // Removed: no more dispatch although the fd still reports HUP.
    let before = CALLS.load(Ordering::SeqCst);
    for _ in 0..10 {
        ctx.iteration(false);
    }
    assert_eq!(CALLS.load(Ordering::SeqCst), before);
}

#[test]
fn timeout_zero_fires_every_iteration_and_minus_one_never() {
    let (ctx, _serial) = context();
    // SAFETY: callback is a static fn; no data.
    let t =
        unsafe { virt_sys::virEventAddTimeout(-1, Some(count_timer), std::ptr::null_mut(), None) };
    assert!(t > 0);
    for _ in 0..20 {
        ctx.iteration(false);
    }
    std::thread::sleep(Duration::from_millis(50));
    ctx.iteration(false);
    assert_eq!(CALLS.load(Ordering::SeqCst), 0, "a -1 timeout fired");

    // SAFETY: plain libvirt API calls.
    unsafe { virt_sys::virEventUpdateTimeout(t, 0) };
    ctx.iteration(false);
    let start = CALLS.load(Ordering::SeqCst);
    for _ in 0..5 {
        assert!(
            ctx.iteration(false),
            "a 0 timeout must make every iteration dispatch"
        );
    }
    assert_eq!(CALLS.load(Ordering::SeqCst), start + 5);

    // Back to disabled: silence.
    unsafe { virt_sys::virEventUpdateTimeout(t, -1) };
    let n = CALLS.load(Ordering::SeqCst);
    for _ in 0..5 {
        ctx.iteration(false);
    }
    assert_eq!(CALLS.load(Ordering::SeqCst), n);
    unsafe { virt_sys::virEventRemoveTimeout(t) };
}

#[test]
fn update_changes_the_interval() {
    let (ctx, _serial) = context();
    // SAFETY: callback is a static fn; no data.
    let t = unsafe {
        virt_sys::virEventAddTimeout(60_000, Some(count_timer), std::ptr::null_mut(), None)
    };
    let started = std::time::Instant::now();
    unsafe { virt_sys::virEventUpdateTimeout(t, 30) };
    assert!(iterate_until(&ctx, Duration::from_secs(5), || CALLS
        .load(Ordering::SeqCst)
        >= 3));
    let took = started.elapsed();
    // Three periods of 30 ms, not 60 s; and not faster than the interval allows.
    assert!(took >= Duration::from_millis(85), "{took:?}");
    assert!(took < Duration::from_secs(5), "{took:?}");
    unsafe { virt_sys::virEventRemoveTimeout(t) };
}

static FREED_ON: Mutex<Option<std::thread::ThreadId>> = Mutex::new(None);
thread_local! {
    /// Set by a thread while it is inside `virEventRemoveHandle`.
    static IN_REMOVE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}
static FREED_IN_REMOVE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

unsafe extern "C" fn note_free(_d: *mut c_void) {
    if IN_REMOVE.with(std::cell::Cell::get) {
        FREED_IN_REMOVE.store(true, Ordering::SeqCst);
    }
    *FREED_ON.lock().unwrap() = Some(std::thread::current().id());
}

#[test]
fn free_callbacks_run_later_on_the_loop_thread_and_sources_are_not_leaked() {
    let (ctx, _serial) = context();
    let loop_ctx = ctx.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stop2 = stop.clone();
    let looper = std::thread::spawn(move || {
        tx.send(std::thread::current().id()).unwrap();
        while !stop2.load(Ordering::SeqCst) {
            loop_ctx.iteration(true);
        }
    });
    let loop_thread = rx.recv().unwrap();
    let base = libvirt_glib::event_stats();

    let mut fds = [0; 2];
    // SAFETY: pipe(2) into a local array.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    // SAFETY: static callbacks, no data.
    let w = unsafe {
        virt_sys::virEventAddHandle(
            fds[0],
            virt_sys::VIR_EVENT_HANDLE_READABLE as c_int,
            Some(record_events),
            std::ptr::null_mut(),
            Some(note_free),
        )
    };
    assert_eq!(libvirt_glib::event_stats().handles, base.handles + 1);
    IN_REMOVE.with(|f| f.set(true));
    remove_handle(w);
    IN_REMOVE.with(|f| f.set(false));
    assert!(
        !FREED_IN_REMOVE.load(Ordering::SeqCst),
        "ff ran inside remove"
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while FREED_ON.lock().unwrap().is_none() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(
        *FREED_ON.lock().unwrap(),
        Some(loop_thread),
        "ff must run on the loop thread"
    );
    let after = libvirt_glib::event_stats();
    assert_eq!(after.handles, base.handles);
    assert_eq!(
        after.live_sources, base.live_sources,
        "a removed handle's GSource leaked"
    );
    assert_eq!(after.pending_frees, 0);
    // Removing an unknown watch fails cleanly.
    // SAFETY: plain libvirt API call.
    assert_eq!(unsafe { virt_sys::virEventRemoveHandle(w) }, -1);

    stop.store(true, Ordering::SeqCst);
    ctx.wakeup();
    looper.join().unwrap();
}
