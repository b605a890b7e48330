//! libvirt's event loop on a GLib [`MainContext`].
//!
//! [`event_register`] installs an event implementation (`virEventRegisterImpl`) in which
//! every libvirt file handle and every libvirt timeout is a `GSource` attached to one
//! [`MainContext`]. Whoever runs that context (a `glib::MainLoop`, GTK, or a thread of its
//! own) then dispatches libvirt's I/O, keepalives and event callbacks.
//!
//! Semantics follow libvirt's own event loop (`tests/eventtest.c` in libvirt is the
//! reference scenario list):
//!
//! - A handle asks for a set of `VIR_EVENT_HANDLE_*` conditions. It is reported ERROR and
//!   HANGUP whenever poll(2) reports them, asked for or not, so a peer that hung up never
//!   leaves the loop spinning. A handle asking for no condition is not polled at all.
//! - A timeout of `-1` is disabled, `0` fires on every iteration of the loop, `N` fires
//!   every `N` ms; an update restarts the interval from now.
//! - add/update/remove may be called from any thread, also from inside a callback (a
//!   callback may remove itself or any other handle; a removed handle is never dispatched
//!   again, even later in the same iteration).
//! - The `ff` free callback of a removed handle or timeout never runs inside `remove`: it
//!   runs from an idle source on the same context once the `GSource` is finalized, that is
//!   after any dispatch of it still in progress has returned.

// This module is FFI glue between two C libraries: every `unsafe fn` below is one GLib or
// libvirt callback whose body is wholly unsafe; each states its contract in a SAFETY note.
#![allow(unsafe_op_in_unsafe_fn)]

use std::collections::HashMap;
use std::ffi::c_void;
use std::os::raw::c_int;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock};

use glib::ffi as gffi;
use glib::translate::ToGlibPtr;
use glib::MainContext;

use crate::error::{Error, ErrorCode};

/// Registers our event implementation on the global default [`MainContext`].
///
/// This is what the C library's `gvir_event_register()` does. Call it once, before
/// opening any libvirt connection; calling it again is harmless.
///
/// # Errors
///
/// Fails when an implementation was already registered on another context by
/// [`event_register_on`].
pub fn event_register() -> Result<(), Error> {
    event_register_on(&MainContext::default())
}

/// Registers our event implementation on `context`.
///
/// A headless program may run `context` on a thread of its own. libvirt has one event
/// implementation per process, so only the first registration takes effect; registering
/// again on the same context is a no-op.
///
/// # Errors
///
/// Fails, with [`ErrorCode::OperationInvalid`], when an implementation was already
/// registered on a different context.
pub fn event_register_on(context: &MainContext) -> Result<(), Error> {
    let mut fresh = false;
    let registry = REGISTRY.get_or_init(|| {
        fresh = true;
        Registry {
            context: context.clone(),
            tables: Mutex::new(Tables::default()),
        }
    });
    if fresh {
        // SAFETY: all six functions are `extern "C"` with the signatures libvirt expects
        // and stay valid for the life of the process.
        unsafe {
            virt_sys::virEventRegisterImpl(
                Some(add_handle),
                Some(update_handle),
                Some(remove_handle),
                Some(add_timeout),
                Some(update_timeout),
                Some(remove_timeout),
            );
        }
        tracing::debug!("libvirt event implementation registered on a GLib main context");
        Ok(())
    } else if registry.context == *context {
        Ok(())
    } else {
        Err(Error::new(
            ErrorCode::OperationInvalid,
            "the libvirt event implementation is already registered on another main context",
        ))
    }
}

/// The context our implementation runs on, if [`event_register`] was called.
pub fn event_context() -> Option<MainContext> {
    REGISTRY.get().map(|r| r.context.clone())
}

/// Counters of the event implementation, for diagnostics and leak checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EventStats {
    /// Handles libvirt added and has not removed.
    pub handles: usize,
    /// Timeouts libvirt added and has not removed.
    pub timeouts: usize,
    /// `GSource`s of ours not yet finalized (registered ones plus removed ones that a
    /// dispatch in progress still holds).
    pub live_sources: usize,
    /// `ff` free callbacks queued but not yet run.
    pub pending_frees: usize,
}

/// Returns the current [`EventStats`].
pub fn event_stats() -> EventStats {
    let (handles, timeouts) = REGISTRY.get().map_or((0, 0), |r| {
        let t = r.lock();
        (t.handles.len(), t.timeouts.len())
    });
    EventStats {
        handles,
        timeouts,
        live_sources: LIVE_SOURCES.load(Ordering::SeqCst),
        pending_frees: PENDING_FREES.load(Ordering::SeqCst),
    }
}

static REGISTRY: OnceLock<Registry> = OnceLock::new();
static LIVE_SOURCES: AtomicUsize = AtomicUsize::new(0);
static PENDING_FREES: AtomicUsize = AtomicUsize::new(0);

struct Registry {
    context: MainContext,
    tables: Mutex<Tables>,
}

impl Registry {
    fn lock(&self) -> MutexGuard<'_, Tables> {
        // The tables hold plain pointers and counters; a panic elsewhere cannot leave
        // them half-updated, so a poisoned lock is still usable.
        self.tables.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn context_ptr(&self) -> *mut gffi::GMainContext {
        self.context.to_glib_none().0
    }

    /// Wakes the context from poll(2) unless the caller is the thread iterating it
    /// (which re-evaluates its sources before polling again anyway).
    ///
    /// # Safety
    /// Plain GLib calls on our live context.
    unsafe fn wake_if_other_thread(&self) {
        let ctx = self.context_ptr();
        if gffi::g_main_context_is_owner(ctx) == gffi::GFALSE {
            gffi::g_main_context_wakeup(ctx);
        }
    }
}

/// A `GSource` we hold one reference to.
struct SourceRef(*mut gffi::GSource);

// SAFETY: GSource reference counting, g_source_destroy and g_source_set_ready_time are
// thread-safe; the fields of our source structs that other threads touch are atomics or
// behind a mutex.
unsafe impl Send for SourceRef {}

#[derive(Default)]
struct Tables {
    handles: HashMap<c_int, SourceRef>,
    timeouts: HashMap<c_int, SourceRef>,
    next_handle: c_int,
    next_timeout: c_int,
}

impl Tables {
    fn next_id(counter: &mut c_int) -> c_int {
        // Ids are never reused (libvirt may still hold an old one); wrap far away from 0.
        *counter = if *counter >= c_int::MAX - 1 {
            1
        } else {
            *counter + 1
        };
        *counter
    }
}

type FreeFn = unsafe extern "C" fn(*mut c_void);

/// What a removed handle or timeout still owes libvirt: its `ff(opaque)` call.
struct PendingFree {
    ff: virt_sys::virFreeCallback,
    opaque: *mut c_void,
}

// SAFETY: libvirt hands us `opaque` to give back to `ff`; we only carry it to the
// context's thread, which libvirt's contract allows.
unsafe impl Send for PendingFree {}

impl PendingFree {
    /// Queues the `ff` call on the registry's context, to run from an idle source.
    fn schedule(self) {
        let Some(ff) = self.ff else { return };
        let Some(registry) = REGISTRY.get() else {
            return;
        };
        PENDING_FREES.fetch_add(1, Ordering::SeqCst);
        let call = PendingCall {
            ff,
            opaque: self.opaque,
        };
        let source = glib::idle_source_new(
            Some("libvirt-glib ff"),
            glib::Priority::DEFAULT,
            move || {
                call.run();
                glib::ControlFlow::Break
            },
        );
        source.attach(Some(&registry.context));
    }
}

struct PendingCall {
    ff: FreeFn,
    opaque: *mut c_void,
}

// SAFETY: see `PendingFree`.
unsafe impl Send for PendingCall {}

impl PendingCall {
    fn run(&self) {
        PENDING_FREES.fetch_sub(1, Ordering::SeqCst);
        // SAFETY: libvirt gave us `ff` and `opaque` as a pair, to call once after removal.
        unsafe { (self.ff)(self.opaque) };
    }
}

// ---------------------------------------------------------------------------------------
// File handles

/// The `GSource` of one libvirt file handle.
#[repr(C)]
struct HandleSource {
    base: gffi::GSource,
    watch: c_int,
    fd: c_int,
    /// The `VIR_EVENT_HANDLE_*` mask libvirt asked for last (any thread writes it).
    wanted: AtomicI32,
    /// The mask being polled now, and its poll record (owner thread only).
    applied: c_int,
    tag: gffi::gpointer,
    cb: virt_sys::virEventHandleCallback,
    opaque: *mut c_void,
    ff: virt_sys::virFreeCallback,
    removed: AtomicBool,
}

static HANDLE_FUNCS: gffi::GSourceFuncs = gffi::GSourceFuncs {
    prepare: Some(handle_prepare),
    check: Some(handle_check),
    dispatch: Some(handle_dispatch),
    finalize: Some(handle_finalize),
    closure_callback: None,
    closure_marshal: None,
};

fn to_condition(events: c_int) -> gffi::GIOCondition {
    let events = events as u32;
    let mut cond = 0;
    if events & virt_sys::VIR_EVENT_HANDLE_READABLE != 0 {
        cond |= gffi::G_IO_IN;
    }
    if events & virt_sys::VIR_EVENT_HANDLE_WRITABLE != 0 {
        cond |= gffi::G_IO_OUT;
    }
    // poll(2) reports these whether asked or not: watch them always.
    if cond != 0 || events != 0 {
        cond |= gffi::G_IO_ERR | gffi::G_IO_HUP;
    }
    cond
}

fn from_condition(cond: gffi::GIOCondition) -> c_int {
    let mut events = 0;
    if cond & gffi::G_IO_IN != 0 {
        events |= virt_sys::VIR_EVENT_HANDLE_READABLE;
    }
    if cond & gffi::G_IO_OUT != 0 {
        events |= virt_sys::VIR_EVENT_HANDLE_WRITABLE;
    }
    if cond & (gffi::G_IO_ERR | gffi::G_IO_NVAL) != 0 {
        events |= virt_sys::VIR_EVENT_HANDLE_ERROR;
    }
    if cond & gffi::G_IO_HUP != 0 {
        events |= virt_sys::VIR_EVENT_HANDLE_HANGUP;
    }
    events as c_int
}

/// Brings the polled condition in line with what libvirt asked for (owner thread).
///
/// # Safety
/// `hs` is a live `HandleSource` and we run on the thread iterating its context.
unsafe fn apply_wanted(hs: *mut HandleSource) {
    let wanted = (*hs).wanted.load(Ordering::SeqCst);
    if wanted == (*hs).applied {
        return;
    }
    let source = hs.cast::<gffi::GSource>();
    let cond = to_condition(wanted);
    if cond == 0 {
        if !(*hs).tag.is_null() {
            gffi::g_source_remove_unix_fd(source, (*hs).tag);
            (*hs).tag = std::ptr::null_mut();
        }
    } else if (*hs).tag.is_null() {
        (*hs).tag = gffi::g_source_add_unix_fd(source, (*hs).fd, cond);
    } else {
        gffi::g_source_modify_unix_fd(source, (*hs).tag, cond);
    }
    (*hs).applied = wanted;
}

unsafe extern "C" fn handle_prepare(
    source: *mut gffi::GSource,
    timeout: *mut c_int,
) -> gffi::gboolean {
    let hs = source.cast::<HandleSource>();
    let _ = catch_unwind(AssertUnwindSafe(|| apply_wanted(hs)));
    *timeout = -1;
    gffi::GFALSE
}

unsafe extern "C" fn handle_check(source: *mut gffi::GSource) -> gffi::gboolean {
    let hs = source.cast::<HandleSource>();
    if (*hs).tag.is_null() || (*hs).removed.load(Ordering::SeqCst) {
        return gffi::GFALSE;
    }
    let revents = gffi::g_source_query_unix_fd(source, (*hs).tag);
    (revents != 0).into_glib_bool()
}

unsafe extern "C" fn handle_dispatch(
    source: *mut gffi::GSource,
    _callback: gffi::GSourceFunc,
    _data: gffi::gpointer,
) -> gffi::gboolean {
    let hs = source.cast::<HandleSource>();
    if (*hs).removed.load(Ordering::SeqCst) || (*hs).tag.is_null() {
        return gffi::G_SOURCE_CONTINUE;
    }
    // What poll(2) saw, limited to what libvirt asks for *now*: an update made by
    // another thread after this poll started takes effect at once.
    let wanted = (*hs).wanted.load(Ordering::SeqCst);
    if wanted == 0 {
        return gffi::G_SOURCE_CONTINUE;
    }
    let always = (virt_sys::VIR_EVENT_HANDLE_ERROR | virt_sys::VIR_EVENT_HANDLE_HANGUP) as c_int;
    let events =
        from_condition(gffi::g_source_query_unix_fd(source, (*hs).tag)) & (wanted | always);
    if events == 0 {
        return gffi::G_SOURCE_CONTINUE;
    }
    if let Some(cb) = (*hs).cb {
        let (watch, fd, opaque) = ((*hs).watch, (*hs).fd, (*hs).opaque);
        tracing::trace!(target: "libvirt_glib::dispatch", watch, fd, events, "libvirt handle dispatched");
        // A panic must not unwind into GLib's C frames.
        let _ = catch_unwind(AssertUnwindSafe(|| cb(watch, fd, events, opaque)));
    }
    gffi::G_SOURCE_CONTINUE
}

unsafe extern "C" fn handle_finalize(source: *mut gffi::GSource) {
    let hs = source.cast::<HandleSource>();
    LIVE_SOURCES.fetch_sub(1, Ordering::SeqCst);
    PendingFree {
        ff: (*hs).ff,
        opaque: (*hs).opaque,
    }
    .schedule();
}

unsafe extern "C" fn add_handle(
    fd: c_int,
    events: c_int,
    cb: virt_sys::virEventHandleCallback,
    opaque: *mut c_void,
    ff: virt_sys::virFreeCallback,
) -> c_int {
    catch_unwind(AssertUnwindSafe(|| {
        let Some(registry) = REGISTRY.get() else {
            return -1;
        };
        // SAFETY: HandleSource is #[repr(C)] with the GSource first.
        let source = new_source(&HANDLE_FUNCS, std::mem::size_of::<HandleSource>());
        let hs = source.cast::<HandleSource>();
        let mut tables = registry.lock();
        let watch = Tables::next_id(&mut tables.next_handle);
        std::ptr::addr_of_mut!((*hs).watch).write(watch);
        std::ptr::addr_of_mut!((*hs).fd).write(fd);
        std::ptr::addr_of_mut!((*hs).wanted).write(AtomicI32::new(events));
        std::ptr::addr_of_mut!((*hs).applied).write(0);
        std::ptr::addr_of_mut!((*hs).tag).write(std::ptr::null_mut());
        std::ptr::addr_of_mut!((*hs).cb).write(cb);
        std::ptr::addr_of_mut!((*hs).opaque).write(opaque);
        std::ptr::addr_of_mut!((*hs).ff).write(ff);
        std::ptr::addr_of_mut!((*hs).removed).write(AtomicBool::new(false));
        // Not attached yet: setting up the poll record here is allowed from any thread.
        apply_wanted(hs);
        attach_source(registry, source);
        tables.handles.insert(watch, SourceRef(source));
        tracing::trace!(watch, fd, events, "libvirt handle added");
        watch
    }))
    .unwrap_or(-1)
}

unsafe extern "C" fn update_handle(watch: c_int, events: c_int) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        let Some(registry) = REGISTRY.get() else {
            return;
        };
        let tables = registry.lock();
        let Some(source) = tables.handles.get(&watch) else {
            tracing::debug!(watch, "update of an unknown libvirt handle");
            return;
        };
        let hs = source.0.cast::<HandleSource>();
        if (*hs).wanted.swap(events, Ordering::SeqCst) != events {
            // The owner thread applies it in its next prepare: wake it from poll().
            registry.wake_if_other_thread();
        }
    }));
}

unsafe extern "C" fn remove_handle(watch: c_int) -> c_int {
    remove_source(Kind::Handle, watch)
}

// ---------------------------------------------------------------------------------------
// Timeouts

/// The `GSource` of one libvirt timeout.
#[repr(C)]
struct TimeoutSource {
    base: gffi::GSource,
    timer: c_int,
    /// The interval in ms (-1 disabled, 0 every iteration). The mutex also orders the
    /// re-arming in dispatch against updates from other threads.
    interval: Mutex<c_int>,
    cb: virt_sys::virEventTimeoutCallback,
    opaque: *mut c_void,
    ff: virt_sys::virFreeCallback,
    removed: AtomicBool,
}

static TIMEOUT_FUNCS: gffi::GSourceFuncs = gffi::GSourceFuncs {
    prepare: None,
    check: None,
    dispatch: Some(timeout_dispatch),
    finalize: Some(timeout_finalize),
    closure_callback: None,
    closure_marshal: None,
};

/// Arms `source` for `interval` ms from now.
///
/// # Safety
/// `source` is a live GSource.
unsafe fn arm(source: *mut gffi::GSource, interval: c_int) {
    let ready = match interval {
        i if i < 0 => -1,
        0 => 0,
        i => gffi::g_get_monotonic_time() + i64::from(i) * 1000,
    };
    gffi::g_source_set_ready_time(source, ready);
}

unsafe extern "C" fn timeout_dispatch(
    source: *mut gffi::GSource,
    _callback: gffi::GSourceFunc,
    _data: gffi::gpointer,
) -> gffi::gboolean {
    let ts = source.cast::<TimeoutSource>();
    if (*ts).removed.load(Ordering::SeqCst) {
        gffi::g_source_set_ready_time(source, -1);
        return gffi::G_SOURCE_CONTINUE;
    }
    {
        // Re-arm before the callback, as libvirt's own loop does, so that an update made
        // by the callback (or by another thread meanwhile) wins.
        let interval = (*ts).interval.lock().unwrap_or_else(|e| e.into_inner());
        if *interval < 0 {
            gffi::g_source_set_ready_time(source, -1);
            return gffi::G_SOURCE_CONTINUE;
        }
        arm(source, *interval);
    }
    if let Some(cb) = (*ts).cb {
        let (timer, opaque) = ((*ts).timer, (*ts).opaque);
        tracing::trace!(target: "libvirt_glib::dispatch", timer, "libvirt timeout dispatched");
        let _ = catch_unwind(AssertUnwindSafe(|| cb(timer, opaque)));
    }
    gffi::G_SOURCE_CONTINUE
}

unsafe extern "C" fn timeout_finalize(source: *mut gffi::GSource) {
    let ts = source.cast::<TimeoutSource>();
    LIVE_SOURCES.fetch_sub(1, Ordering::SeqCst);
    let pending = PendingFree {
        ff: (*ts).ff,
        opaque: (*ts).opaque,
    };
    // The mutex lives inside GLib's allocation: drop it in place before GLib frees it.
    std::ptr::drop_in_place(std::ptr::addr_of_mut!((*ts).interval));
    pending.schedule();
}

unsafe extern "C" fn add_timeout(
    interval: c_int,
    cb: virt_sys::virEventTimeoutCallback,
    opaque: *mut c_void,
    ff: virt_sys::virFreeCallback,
) -> c_int {
    catch_unwind(AssertUnwindSafe(|| {
        let Some(registry) = REGISTRY.get() else {
            return -1;
        };
        // SAFETY: TimeoutSource is #[repr(C)] with the GSource first.
        let source = new_source(&TIMEOUT_FUNCS, std::mem::size_of::<TimeoutSource>());
        let ts = source.cast::<TimeoutSource>();
        let mut tables = registry.lock();
        let timer = Tables::next_id(&mut tables.next_timeout);
        std::ptr::addr_of_mut!((*ts).timer).write(timer);
        std::ptr::addr_of_mut!((*ts).interval).write(Mutex::new(interval));
        std::ptr::addr_of_mut!((*ts).cb).write(cb);
        std::ptr::addr_of_mut!((*ts).opaque).write(opaque);
        std::ptr::addr_of_mut!((*ts).ff).write(ff);
        std::ptr::addr_of_mut!((*ts).removed).write(AtomicBool::new(false));
        arm(source, interval);
        attach_source(registry, source);
        tables.timeouts.insert(timer, SourceRef(source));
        tracing::trace!(timer, interval, "libvirt timeout added");
        timer
    }))
    .unwrap_or(-1)
}

unsafe extern "C" fn update_timeout(timer: c_int, interval: c_int) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        let Some(registry) = REGISTRY.get() else {
            return;
        };
        let tables = registry.lock();
        let Some(source) = tables.timeouts.get(&timer) else {
            tracing::debug!(timer, "update of an unknown libvirt timeout");
            return;
        };
        let ts = source.0.cast::<TimeoutSource>();
        let mut current = (*ts).interval.lock().unwrap_or_else(|e| e.into_inner());
        *current = interval;
        // Thread-safe: takes the context's lock and wakes it up.
        arm(source.0, interval);
    }));
}

unsafe extern "C" fn remove_timeout(timer: c_int) -> c_int {
    remove_source(Kind::Timeout, timer)
}

// ---------------------------------------------------------------------------------------
// Shared by handles and timeouts

/// Which table a libvirt id belongs to.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Handle,
    Timeout,
}

/// A new, unattached source of ours of `size` bytes, counted as live until finalized.
///
/// # Safety
/// `funcs` is one of our static `GSourceFuncs` and `size` the size of the matching
/// `#[repr(C)]` struct, whose first field is the `GSource`.
unsafe fn new_source(funcs: &'static gffi::GSourceFuncs, size: usize) -> *mut gffi::GSource {
    let source = gffi::g_source_new(std::ptr::from_ref(funcs).cast_mut(), size as u32);
    LIVE_SOURCES.fetch_add(1, Ordering::SeqCst);
    source
}

/// Attaches a fully initialised source of ours to the registry's context.
///
/// # Safety
/// `source` comes from [`new_source`] and its fields are written.
unsafe fn attach_source(registry: &Registry, source: *mut gffi::GSource) {
    gffi::g_source_set_priority(source, gffi::G_PRIORITY_DEFAULT);
    gffi::g_source_set_can_recurse(source, gffi::GFALSE);
    gffi::g_source_attach(source, registry.context_ptr());
}

/// Removes handle or timeout `id`: it is never dispatched again, its `GSource` is
/// destroyed, and `ff` follows from an idle source once the last reference is gone.
unsafe fn remove_source(kind: Kind, id: c_int) -> c_int {
    catch_unwind(AssertUnwindSafe(|| {
        let Some(registry) = REGISTRY.get() else {
            return -1;
        };
        let found = {
            let mut tables = registry.lock();
            match kind {
                Kind::Handle => tables.handles.remove(&id),
                Kind::Timeout => tables.timeouts.remove(&id),
            }
        };
        let Some(source) = found else {
            tracing::debug!(id, ?kind, "removal of an unknown libvirt handle or timeout");
            return -1;
        };
        let removed = match kind {
            Kind::Handle => &(*source.0.cast::<HandleSource>()).removed,
            Kind::Timeout => &(*source.0.cast::<TimeoutSource>()).removed,
        };
        removed.store(true, Ordering::SeqCst);
        // Thread-safe; a dispatch in progress keeps its own reference, so `ff` (queued
        // from finalize) cannot run before that dispatch returns.
        gffi::g_source_destroy(source.0);
        gffi::g_source_unref(source.0);
        // As libvirt's loop does: interrupt a poll() that may be waiting on it.
        registry.wake_if_other_thread();
        tracing::trace!(id, ?kind, "libvirt handle or timeout removed");
        0
    }))
    .unwrap_or(-1)
}

trait IntoGlibBool {
    fn into_glib_bool(self) -> gffi::gboolean;
}

impl IntoGlibBool for bool {
    fn into_glib_bool(self) -> gffi::gboolean {
        if self {
            gffi::GTRUE
        } else {
            gffi::GFALSE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_map_both_ways() {
        let r = virt_sys::VIR_EVENT_HANDLE_READABLE as c_int;
        let w = virt_sys::VIR_EVENT_HANDLE_WRITABLE as c_int;
        let e = virt_sys::VIR_EVENT_HANDLE_ERROR as c_int;
        let h = virt_sys::VIR_EVENT_HANDLE_HANGUP as c_int;
        assert_eq!(to_condition(0), 0);
        assert_eq!(
            to_condition(r),
            gffi::G_IO_IN | gffi::G_IO_ERR | gffi::G_IO_HUP
        );
        assert_eq!(
            to_condition(w),
            gffi::G_IO_OUT | gffi::G_IO_ERR | gffi::G_IO_HUP
        );
        // Asking only for error/hangup still polls the descriptor for them.
        assert_eq!(to_condition(e), gffi::G_IO_ERR | gffi::G_IO_HUP);
        assert_eq!(to_condition(h), gffi::G_IO_ERR | gffi::G_IO_HUP);
        assert_eq!(from_condition(gffi::G_IO_IN), r);
        assert_eq!(from_condition(gffi::G_IO_OUT), w);
        assert_eq!(from_condition(gffi::G_IO_ERR), e);
        assert_eq!(from_condition(gffi::G_IO_NVAL), e);
        assert_eq!(from_condition(gffi::G_IO_HUP), h);
        assert_eq!(
            from_condition(gffi::G_IO_IN | gffi::G_IO_HUP | gffi::G_IO_ERR),
            r | h | e
        );
    }
}
