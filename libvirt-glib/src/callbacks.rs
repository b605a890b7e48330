//! Safe registration of the libvirt connection callbacks that every event-driven
//! program needs: domain lifecycle events and the connection's close callback.
//!
//! The callbacks run wherever libvirt's event loop runs — with [`event_register`]
//! that is the registered [`glib::MainContext`]. A watch stays registered until it is
//! dropped; dropping it deregisters the callback (its closure is freed by libvirt's
//! free callback, after any call in progress returned).
//!
//! [`event_register`]: crate::event_register

// FFI glue: each `unsafe extern "C" fn` below is a libvirt callback whose body is
// wholly unsafe; each states its contract in a SAFETY note.
#![allow(unsafe_op_in_unsafe_fn)]

use std::ffi::{c_void, CStr};
use std::os::raw::{c_char, c_int};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use virt::connect::Connect;

use crate::error::Error;

/// What happened to a domain (`virDomainEventType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LifecycleKind {
    /// Defined or updated (`VIR_DOMAIN_EVENT_DEFINED`).
    Defined,
    /// Undefined (`VIR_DOMAIN_EVENT_UNDEFINED`).
    Undefined,
    /// Started (`VIR_DOMAIN_EVENT_STARTED`).
    Started,
    /// Paused (`VIR_DOMAIN_EVENT_SUSPENDED`).
    Suspended,
    /// Unpaused (`VIR_DOMAIN_EVENT_RESUMED`).
    Resumed,
    /// Stopped: shut down, destroyed, crashed, migrated away, ... (`VIR_DOMAIN_EVENT_STOPPED`).
    Stopped,
    /// The guest is shutting down, or has shut down (`VIR_DOMAIN_EVENT_SHUTDOWN`).
    Shutdown,
    /// Suspended by guest power management (`VIR_DOMAIN_EVENT_PMSUSPENDED`).
    PmSuspended,
    /// The guest crashed (`VIR_DOMAIN_EVENT_CRASHED`).
    Crashed,
    /// A value newer than this library.
    Other(i32),
}

impl LifecycleKind {
    /// Maps libvirt's `virDomainEventType` number.
    pub fn from_raw(event: i32) -> Self {
        match event as u32 {
            virt_sys::VIR_DOMAIN_EVENT_DEFINED => Self::Defined,
            virt_sys::VIR_DOMAIN_EVENT_UNDEFINED => Self::Undefined,
            virt_sys::VIR_DOMAIN_EVENT_STARTED => Self::Started,
            virt_sys::VIR_DOMAIN_EVENT_SUSPENDED => Self::Suspended,
            virt_sys::VIR_DOMAIN_EVENT_RESUMED => Self::Resumed,
            virt_sys::VIR_DOMAIN_EVENT_STOPPED => Self::Stopped,
            virt_sys::VIR_DOMAIN_EVENT_SHUTDOWN => Self::Shutdown,
            virt_sys::VIR_DOMAIN_EVENT_PMSUSPENDED => Self::PmSuspended,
            virt_sys::VIR_DOMAIN_EVENT_CRASHED => Self::Crashed,
            _ => Self::Other(event),
        }
    }
}

impl LifecycleKind {
    /// A short lower-case name, e.g. `"started"`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Defined => "defined",
            Self::Undefined => "undefined",
            Self::Started => "started",
            Self::Suspended => "suspended",
            Self::Resumed => "resumed",
            Self::Stopped => "stopped",
            Self::Shutdown => "shutdown",
            Self::PmSuspended => "pmsuspended",
            Self::Crashed => "crashed",
            Self::Other(_) => "unknown",
        }
    }

    /// The name of libvirt's `detail` code for this kind of event, e.g. `"destroyed"`
    /// for [`LifecycleKind::Stopped`] with `VIR_DOMAIN_EVENT_STOPPED_DESTROYED`.
    pub fn detail_name(self, detail: i32) -> &'static str {
        const DEFINED: &[&str] = &["added", "updated", "renamed", "from-snapshot"];
        const UNDEFINED: &[&str] = &["removed", "renamed"];
        const STARTED: &[&str] = &[
            "booted",
            "migrated",
            "restored",
            "from-snapshot",
            "wakeup",
            "recreated",
        ];
        const SUSPENDED: &[&str] = &[
            "paused",
            "migrated",
            "io-error",
            "watchdog",
            "restored",
            "from-snapshot",
            "api-error",
            "postcopy",
            "postcopy-failed",
            "guest-shutdown",
        ];
        const RESUMED: &[&str] = &[
            "unpaused",
            "migrated",
            "from-snapshot",
            "postcopy",
            "postcopy-failed",
        ];
        const STOPPED: &[&str] = &[
            "shutdown",
            "destroyed",
            "crashed",
            "migrated",
            "saved",
            "failed",
            "from-snapshot",
            "recreated",
        ];
        const SHUTDOWN: &[&str] = &["finished", "guest", "host"];
        const PMSUSPENDED: &[&str] = &["memory", "disk"];
        const CRASHED: &[&str] = &["panicked", "crashloaded"];
        let table = match self {
            Self::Defined => DEFINED,
            Self::Undefined => UNDEFINED,
            Self::Started => STARTED,
            Self::Suspended => SUSPENDED,
            Self::Resumed => RESUMED,
            Self::Stopped => STOPPED,
            Self::Shutdown => SHUTDOWN,
            Self::PmSuspended => PMSUSPENDED,
            Self::Crashed => CRASHED,
            Self::Other(_) => &[],
        };
        usize::try_from(detail)
            .ok()
            .and_then(|d| table.get(d).copied())
            .unwrap_or("unknown")
    }
}

impl std::fmt::Display for LifecycleEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} ({})",
            self.domain,
            self.kind.name(),
            self.kind.detail_name(self.detail)
        )
    }
}

/// One domain lifecycle event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LifecycleEvent {
    /// The domain's name.
    pub domain: String,
    /// The domain's UUID, in its usual text form.
    pub uuid: String,
    /// What happened.
    pub kind: LifecycleKind,
    /// libvirt's detail code, whose meaning depends on `kind` (e.g.
    /// `VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN` or `..._DESTROYED` for [`LifecycleKind::Stopped`]).
    pub detail: i32,
}

type LifecycleFn = dyn Fn(&LifecycleEvent) + Send + Sync + 'static;

/// libvirt accepts one registration of a given callback per connection and event, so
/// all the watches of one connection share one registration and are called in turn.
struct Subscribers {
    /// The connection pointer, as the key.
    key: usize,
    /// libvirt's callback id for this connection.
    id: c_int,
    /// The connection (a reference of ours), for deregistration.
    conn: Connect,
    watches: Vec<(u64, Arc<LifecycleFn>)>,
}

// SAFETY: a `Connect` is a libvirt connection pointer; libvirt connections are
// thread-safe objects.
unsafe impl Send for Subscribers {}

static LIFECYCLE: Mutex<Vec<Subscribers>> = Mutex::new(Vec::new());
static NEXT_WATCH: AtomicU64 = AtomicU64::new(1);

fn lifecycle_table() -> std::sync::MutexGuard<'static, Vec<Subscribers>> {
    LIFECYCLE.lock().unwrap_or_else(|e| e.into_inner())
}

/// A registered domain lifecycle callback; dropping it deregisters the callback.
pub struct DomainLifecycleWatch {
    conn: virt_sys::virConnectPtr,
    token: u64,
}

// SAFETY: the pointer is only compared, never dereferenced, by the watch.
unsafe impl Send for DomainLifecycleWatch {}
// SAFETY: as above.
unsafe impl Sync for DomainLifecycleWatch {}

impl std::fmt::Debug for DomainLifecycleWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DomainLifecycleWatch")
            .field("token", &self.token)
            .finish_non_exhaustive()
    }
}

impl DomainLifecycleWatch {
    /// Calls `callback` for every lifecycle event of every domain of `conn`
    /// (`virConnectDomainEventRegisterAny` with `VIR_DOMAIN_EVENT_ID_LIFECYCLE`).
    /// Any number of watches may exist on one connection.
    ///
    /// An event implementation must be registered first ([`event_register`]).
    ///
    /// # Errors
    ///
    /// The libvirt error when the registration fails (no event implementation, a
    /// driver without events, a closed connection).
    ///
    /// [`event_register`]: crate::event_register
    pub fn new(
        conn: &Connect,
        callback: impl Fn(&LifecycleEvent) + Send + Sync + 'static,
    ) -> Result<Self, Error> {
        // SAFETY: reading the pointer of a live connection.
        let ptr = unsafe { conn.as_ptr() };
        let token = NEXT_WATCH.fetch_add(1, Ordering::Relaxed);
        let callback: Arc<LifecycleFn> = Arc::new(callback);
        let mut table = lifecycle_table();
        if let Some(entry) = table.iter_mut().find(|e| e.key == ptr as usize) {
            entry.watches.push((token, callback));
            return Ok(Self { conn: ptr, token });
        }
        // SAFETY: libvirt calls the generic callback with the arguments of the
        // lifecycle callback type for this event id (the documented
        // VIR_DOMAIN_EVENT_CALLBACK cast); the opaque value is the connection pointer,
        // only used as a key.
        let id = unsafe {
            let cb: LifecycleCb = on_lifecycle;
            virt_sys::virConnectDomainEventRegisterAny(
                ptr,
                std::ptr::null_mut(),
                virt_sys::VIR_DOMAIN_EVENT_ID_LIFECYCLE as c_int,
                Some(std::mem::transmute::<LifecycleCb, GenericCb>(cb)),
                ptr.cast(),
                None,
            )
        };
        if id < 0 {
            return Err(Error::last("registering for domain lifecycle events"));
        }
        table.push(Subscribers {
            key: ptr as usize,
            id,
            conn: conn.clone(),
            watches: vec![(token, callback)],
        });
        Ok(Self { conn: ptr, token })
    }
}

type LifecycleCb = unsafe extern "C" fn(
    virt_sys::virConnectPtr,
    virt_sys::virDomainPtr,
    c_int,
    c_int,
    *mut c_void,
) -> c_int;
type GenericCb = unsafe extern "C" fn(virt_sys::virConnectPtr, virt_sys::virDomainPtr, *mut c_void);

impl Drop for DomainLifecycleWatch {
    fn drop(&mut self) {
        let mut table = lifecycle_table();
        let Some(pos) = table.iter().position(|e| e.key == self.conn as usize) else {
            return;
        };
        table[pos].watches.retain(|(t, _)| *t != self.token);
        if table[pos].watches.is_empty() {
            let entry = table.swap_remove(pos);
            drop(table);
            // SAFETY: `id` was returned by a successful registration on `conn`.
            if unsafe {
                virt_sys::virConnectDomainEventDeregisterAny(entry.conn.as_ptr(), entry.id)
            } < 0
            {
                tracing::debug!("{}", Error::last("deregistering a lifecycle callback"));
            }
        }
    }
}

/// Reads a C string libvirt owns into an owned `String`.
unsafe fn owned(s: *const c_char) -> String {
    if s.is_null() {
        String::new()
    } else {
        CStr::from_ptr(s).to_string_lossy().into_owned()
    }
}

unsafe extern "C" fn on_lifecycle(
    _conn: virt_sys::virConnectPtr,
    dom: virt_sys::virDomainPtr,
    event: c_int,
    detail: c_int,
    opaque: *mut c_void,
) -> c_int {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        let watches: Vec<Arc<LifecycleFn>> = lifecycle_table()
            .iter()
            .find(|e| e.key == opaque as usize)
            .map(|e| e.watches.iter().map(|(_, w)| w.clone()).collect())
            .unwrap_or_default();
        if watches.is_empty() {
            return;
        }
        let mut uuid = [0 as c_char; virt_sys::VIR_UUID_STRING_BUFLEN as usize];
        let uuid = if virt_sys::virDomainGetUUIDString(dom, uuid.as_mut_ptr()) == 0 {
            owned(uuid.as_ptr())
        } else {
            String::new()
        };
        let ev = LifecycleEvent {
            domain: owned(virt_sys::virDomainGetName(dom)),
            uuid,
            kind: LifecycleKind::from_raw(event),
            detail,
        };
        for w in watches {
            w(&ev);
        }
    }));
    0
}

/// Why a connection closed (`virConnectCloseReason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CloseReason {
    /// A socket error.
    Error,
    /// The peer closed the connection (e.g. libvirtd exited).
    Eof,
    /// The peer stopped answering keepalive probes.
    Keepalive,
    /// The client closed the connection.
    Client,
    /// A value newer than this library.
    Other(i32),
}

impl CloseReason {
    /// Maps libvirt's `virConnectCloseReason` number.
    pub fn from_raw(reason: i32) -> Self {
        match reason as u32 {
            virt_sys::VIR_CONNECT_CLOSE_REASON_ERROR => Self::Error,
            virt_sys::VIR_CONNECT_CLOSE_REASON_EOF => Self::Eof,
            virt_sys::VIR_CONNECT_CLOSE_REASON_KEEPALIVE => Self::Keepalive,
            virt_sys::VIR_CONNECT_CLOSE_REASON_CLIENT => Self::Client,
            _ => Self::Other(reason),
        }
    }
}

type CloseFn = dyn Fn(CloseReason) + Send + 'static;

/// A registered close callback; dropping it unregisters the callback.
pub struct CloseWatch {
    conn: Connect,
}

impl std::fmt::Debug for CloseWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CloseWatch").finish_non_exhaustive()
    }
}

impl CloseWatch {
    /// Calls `callback` when `conn` closes for any reason other than the program
    /// closing it (`virConnectRegisterCloseCallback`). libvirt allows one close
    /// callback per connection.
    ///
    /// # Errors
    ///
    /// The libvirt error when the registration fails (e.g. a second registration).
    pub fn new(
        conn: &Connect,
        callback: impl Fn(CloseReason) + Send + 'static,
    ) -> Result<Self, Error> {
        let boxed: Box<Box<CloseFn>> = Box::new(Box::new(callback));
        let opaque = Box::into_raw(boxed).cast::<c_void>();
        // SAFETY: `on_close` matches virConnectCloseFunc; `opaque` is ours until
        // libvirt calls `free_close`.
        let rc = unsafe {
            virt_sys::virConnectRegisterCloseCallback(
                conn.as_ptr(),
                Some(on_close),
                opaque,
                Some(free_close),
            )
        };
        if rc < 0 {
            let err = Error::last("registering a connection close callback");
            // SAFETY: libvirt did not take `opaque`.
            unsafe { free_close(opaque) };
            return Err(err);
        }
        Ok(Self { conn: conn.clone() })
    }
}

impl Drop for CloseWatch {
    fn drop(&mut self) {
        // SAFETY: `on_close` is the callback registered on `conn` in `new`.
        if unsafe {
            virt_sys::virConnectUnregisterCloseCallback(self.conn.as_ptr(), Some(on_close))
        } < 0
        {
            tracing::debug!("{}", Error::last("unregistering a close callback"));
        }
    }
}

unsafe extern "C" fn on_close(_conn: virt_sys::virConnectPtr, reason: c_int, opaque: *mut c_void) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: `opaque` is the Box<Box<CloseFn>> made in `CloseWatch::new`.
        let cb = &*opaque.cast::<Box<CloseFn>>();
        cb(CloseReason::from_raw(reason));
    }));
}

unsafe extern "C" fn free_close(opaque: *mut c_void) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        drop(Box::from_raw(opaque.cast::<Box<CloseFn>>()));
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_map_libvirt_numbers() {
        assert_eq!(
            LifecycleKind::from_raw(virt_sys::VIR_DOMAIN_EVENT_STOPPED as i32),
            LifecycleKind::Stopped
        );
        assert_eq!(LifecycleKind::from_raw(99), LifecycleKind::Other(99));
        let stopped = LifecycleKind::Stopped;
        assert_eq!(
            stopped.detail_name(virt_sys::VIR_DOMAIN_EVENT_STOPPED_DESTROYED as i32),
            "destroyed"
        );
        assert_eq!(
            LifecycleKind::Suspended
                .detail_name(virt_sys::VIR_DOMAIN_EVENT_SUSPENDED_GUEST_SHUTDOWN as i32),
            "guest-shutdown"
        );
        assert_eq!(
            LifecycleKind::Started.detail_name(virt_sys::VIR_DOMAIN_EVENT_STARTED_RECREATED as i32),
            "recreated"
        );
        assert_eq!(stopped.detail_name(-1), "unknown");
        assert_eq!(stopped.detail_name(100), "unknown");
        assert_eq!(
            CloseReason::from_raw(virt_sys::VIR_CONNECT_CLOSE_REASON_KEEPALIVE as i32),
            CloseReason::Keepalive
        );
        assert_eq!(CloseReason::from_raw(-5), CloseReason::Other(-5));
    }
}
