//! Tracing of every libvirt call and event: `tracing` spans and events, and static probe
//! points (SystemTap SDT notes) that `stap`, `bpftrace` or `gdb` can attach to in a
//! running program, as libvirt's own probes let an admin watch its RPC layer.
//!
//! The library installs no subscriber: install one (e.g. `tracing-subscriber`) to see
//! this, or attach to the probes. With neither, a call costs two relaxed loads and a
//! branch more than before; no string is built and no clock read.
//!
//! # Spans: one per libvirt call
//!
//! Every libvirt call that reaches a driver (the in-process test driver, or libvirtd over
//! RPC) runs inside a `DEBUG` span whose **name is the libvirt C function**
//! (`virConnectOpen`, `virConnectListAllDomains`, `virConnectGetAllDomainStats`,
//! `virDomainCreateWithFlags`, `virDomainLookupByName`, `virDomainQemuMonitorCommand`,
//! `virStreamRecv`, ...), target [`CALL_TARGET`], with the fields:
//!
//! | field | value |
//! | --- | --- |
//! | `uri` | the connection URI (empty for node devices and network filters, whose handles do not name their connection) |
//! | `object` | the object's name (domain, network, pool, volume, snapshot, ...), if the call has one |
//! | `uuid` | the object's UUID, if it has one |
//! | `flags` | the call's `flags` argument, if it has one |
//! | `duration_us` | the call's wall-clock time in microseconds, recorded when it returns |
//! | `error_code` | the libvirt error number (`virErrorNumber`) when it fails |
//! | `error` | that number's C name (`VIR_ERR_NO_DOMAIN`, ...) when it fails |
//!
//! Accessors that only read the handle (`virDomainGetName`, `virDomainGetUUID`,
//! `virDomainGetID`, reference counting) are not traced: they never leave the process.
//!
//! # Events: one per libvirt event delivered
//!
//! Each event libvirt delivers to a connection's callbacks is a `DEBUG` event, target
//! [`EVENT_TARGET`], message `libvirt event`, with the fields `uri`, `kind`, and as they
//! apply `object` (name), `uuid`, `device` (alias or disk) and `detail` (in words):
//!
//! | `kind` | `detail` |
//! | --- | --- |
//! | `domain-lifecycle` | `event/detail`: `started/booted`, `stopped/destroyed`, `suspended/paused`, ... |
//! | `domain-reboot` | — |
//! | `device-added`, `device-removed` | — (the alias is in `device`) |
//! | `job-completed` | the job's operation (`backup`, `save`, ... or `unknown`) |
//! | `block-job` | `type/status`: `copy/ready`, `backup/completed`, ... |
//! | `tray-change` | `open` or `close` |
//! | `metadata-change` | `description`, `title` or `element` (with its namespace) |
//! | `qmp` | the QEMU event name (`SHUTDOWN`, `STOP`, ...) |
//! | `network-lifecycle` | `defined`, `undefined`, `started`, `stopped` |
//! | `pool-lifecycle` | `defined`, `undefined`, `started`, `stopped`, `created`, `deleted` |
//! | `node-device` | `created`, `deleted`, `defined`, `undefined` |
//! | `closed` | the reason: `error`, `eof`, `keepalive`, `client` |
//!
//! libvirt-glib's event loop reports each dispatch of a libvirt handle or timeout as a
//! `TRACE` event (target `libvirt_glib::dispatch`).
//!
//! # Static probes
//!
//! Provider [`PROBE_PROVIDER`] (`libvirt_gobject`), in the ELF `.note.stapsdt` section of
//! every binary that links this library, with a semaphore each (the arguments are only
//! computed while a tool is attached):
//!
//! | probe | arguments |
//! | --- | --- |
//! | `call_begin` | function name, URI, object name, UUID (C strings, `""` if none), flags (`-1` if none) |
//! | `call_end` | function name, libvirt error number (`0` on success), duration in ns |
//! | `event` | kind, URI, object name, UUID, device, detail (C strings) |
//!
//! ```text
//! bpftrace -e 'usdt:./my-program:libvirt_gobject:call_end
//!     { printf("%s %d %d ns\n", str(arg0), arg1, arg2); }' -p PID
//! stap -e 'probe process("./my-program").provider("libvirt_gobject").mark("event")
//!     { printf("%s %s\n", user_string($arg1), user_string($arg6)) }'
//! ```

use std::ffi::{c_char, CString};
use std::time::Instant;

/// The `tracing` target of the libvirt call spans.
pub const CALL_TARGET: &str = "libvirt_gobject::call";
/// The `tracing` target of the libvirt event events.
pub const EVENT_TARGET: &str = "libvirt_gobject::event";
/// The provider name of the static probes (`.note.stapsdt`).
pub const PROBE_PROVIDER: &str = "libvirt_gobject";
/// The names of the static probes, in [`PROBE_PROVIDER`].
pub const PROBE_NAMES: [&str; 3] = ["call_begin", "call_end", "event"];

/// A libvirt C function as traced: the span's name, the context of its error messages.
///
/// Built by [`func!`], which creates the function's own span callsite (a `tracing` span
/// name must be a literal).
#[derive(Clone, Copy)]
pub(crate) struct Func {
    /// The C function's name, NUL-terminated (for the probes).
    pub(crate) cname: &'static str,
    /// What the caller was doing, the context of the error message
    /// (`"starting the domain"` → `starting the domain: <libvirt's message>`).
    pub(crate) what: &'static str,
    /// Makes the (possibly disabled) span of one call.
    pub(crate) span: fn() -> tracing::Span,
}

/// `func!("virDomainCreateWithFlags", "starting the domain")`: a [`Func`].
macro_rules! func {
    ($name:literal, $what:expr) => {
        $crate::trace::Func {
            cname: concat!($name, "\0"),
            what: $what,
            span: || {
                tracing::debug_span!(
                    target: $crate::trace::CALL_TARGET,
                    $name,
                    uri = tracing::field::Empty,
                    object = tracing::field::Empty,
                    uuid = tracing::field::Empty,
                    flags = tracing::field::Empty,
                    duration_us = tracing::field::Empty,
                    error_code = tracing::field::Empty,
                    error = tracing::field::Empty,
                )
            },
        }
    };
}
pub(crate) use func;

/// The object a libvirt call acts on, read lazily (only while traced) with libvirt's
/// local accessors, before the call (they reset the thread's last error).
pub(crate) trait Target {
    /// The connection URI, if the handle knows its connection.
    fn uri(&self) -> Option<String>;
    /// The object's name.
    fn name(&self) -> Option<String> {
        None
    }
    /// The object's UUID.
    fn uuid(&self) -> Option<String> {
        None
    }
}

/// A call with no object yet: opening a connection to a URI.
pub(crate) struct Uri<'a>(pub(crate) &'a str);

impl Target for Uri<'_> {
    fn uri(&self) -> Option<String> {
        Some(self.0.to_owned())
    }
}

/// A connection about to be released by the traced call itself (`virConnectClose`):
/// its URI is read before the call, while the pointer is valid.
pub(crate) struct Closing(pub(crate) virt_sys::virConnectPtr);

impl Target for Closing {
    fn uri(&self) -> Option<String> {
        conn_uri(self.0)
    }
}

/// The URI of a raw connection pointer (`virConnectGetURI`: formatted locally).
fn conn_uri(c: virt_sys::virConnectPtr) -> Option<String> {
    if c.is_null() {
        return None;
    }
    // SAFETY: valid connection pointer; the returned string is ours to free.
    unsafe {
        let p = virt_sys::virConnectGetURI(c);
        if p.is_null() {
            return None;
        }
        let s = crate::util::cstr(p);
        libc::free(p.cast());
        Some(s)
    }
}

/// A UUID string written by `f` into libvirt's buffer.
fn uuid_with(f: impl FnOnce(*mut c_char) -> i32) -> Option<String> {
    let mut buf = [0 as c_char; virt_sys::VIR_UUID_STRING_BUFLEN as usize];
    // SAFETY: libvirt wrote a NUL-terminated string when it returned 0.
    (f(buf.as_mut_ptr()) >= 0).then(|| unsafe { crate::util::cstr(buf.as_ptr()) })
}

/// A name string owned by the handle (NULL → none).
fn name_of(p: *const c_char) -> Option<String> {
    // SAFETY: libvirt returns NULL or a string owned by the live handle.
    (!p.is_null()).then(|| unsafe { crate::util::cstr(p) })
}

impl Target for virt::connect::Connect {
    fn uri(&self) -> Option<String> {
        // SAFETY: valid handle.
        conn_uri(unsafe { self.as_ptr() })
    }
}

/// Implements [`Target`] for a `virt` handle type from its C accessors.
macro_rules! target {
    ($ty:ty, $conn:expr, $name:expr, $uuid:expr) => {
        impl Target for $ty {
            fn uri(&self) -> Option<String> {
                #[allow(clippy::redundant_closure_call)]
                // SAFETY: valid handle; the accessor only reads it.
                ($conn)(unsafe { self.as_ptr() })
            }
            fn name(&self) -> Option<String> {
                // SAFETY: as above.
                name_of(unsafe { $name(self.as_ptr()) })
            }
            fn uuid(&self) -> Option<String> {
                #[allow(clippy::redundant_closure_call)]
                // SAFETY: as above.
                ($uuid)(unsafe { self.as_ptr() })
            }
        }
    };
}

target!(
    virt::domain::Domain,
    // SAFETY (all accessors below): valid handles, local reads.
    |p| conn_uri(unsafe { virt_sys::virDomainGetConnect(p) }),
    virt_sys::virDomainGetName,
    |p| uuid_with(|b| unsafe { virt_sys::virDomainGetUUIDString(p, b) })
);
target!(
    virt::network::Network,
    |p| conn_uri(unsafe { virt_sys::virNetworkGetConnect(p) }),
    virt_sys::virNetworkGetName,
    |p| uuid_with(|b| unsafe { virt_sys::virNetworkGetUUIDString(p, b) })
);
target!(
    virt::storage_pool::StoragePool,
    |p| conn_uri(unsafe { virt_sys::virStoragePoolGetConnect(p) }),
    virt_sys::virStoragePoolGetName,
    |p| uuid_with(|b| unsafe { virt_sys::virStoragePoolGetUUIDString(p, b) })
);
target!(
    virt::storage_vol::StorageVol,
    |p| conn_uri(unsafe { virt_sys::virStorageVolGetConnect(p) }),
    virt_sys::virStorageVolGetName,
    |_| None
);
target!(
    virt::domain_snapshot::DomainSnapshot,
    |p| conn_uri(unsafe { virt_sys::virDomainSnapshotGetConnect(p) }),
    virt_sys::virDomainSnapshotGetName,
    |_| None
);
target!(
    virt::interface::Interface,
    |p| conn_uri(unsafe { virt_sys::virInterfaceGetConnect(p) }),
    virt_sys::virInterfaceGetName,
    |_| None
);
target!(
    virt::secret::Secret,
    |p| conn_uri(unsafe { virt_sys::virSecretGetConnect(p) }),
    virt_sys::virSecretGetUsageID,
    |p| uuid_with(|b| unsafe { virt_sys::virSecretGetUUIDString(p, b) })
);
target!(
    virt::nodedev::NodeDevice,
    |_| None,
    virt_sys::virNodeDeviceGetName,
    |_| None
);
target!(
    virt::nwfilter::NWFilter,
    |_| None,
    virt_sys::virNWFilterGetName,
    |p| uuid_with(|b| unsafe { virt_sys::virNWFilterGetUUIDString(p, b) })
);

/// An error a traced call can fail with: its libvirt error number, and its conversion
/// to the [`glib::Error`] the public API returns.
pub(crate) trait CallError {
    /// The libvirt error number, when it is a libvirt error.
    fn code(&self) -> Option<i32>;
    /// The error as a [`glib::Error`], with `what` as context where it has none yet.
    fn into_glib(self, what: &'static str) -> glib::Error;
}

impl CallError for virt::error::Error {
    fn code(&self) -> Option<i32> {
        Some(self.code().to_raw() as i32)
    }
    fn into_glib(self, what: &'static str) -> glib::Error {
        libvirt_glib::Error::from_virt(&self, what).to_glib()
    }
}

impl CallError for glib::Error {
    fn code(&self) -> Option<i32> {
        use glib::error::ErrorDomain;
        use glib::translate::ToGlibPtr;
        if self.domain() != libvirt_glib::ErrorCode::domain() {
            return None;
        }
        let p: *const glib::ffi::GError = self.to_glib_none().0;
        // SAFETY: a valid GError; `code` is a plain field.
        Some(unsafe { (*p).code })
    }
    fn into_glib(self, _what: &'static str) -> glib::Error {
        self
    }
}

/// Runs `f`, the libvirt call `func` on `obj`, inside the call's span, between the
/// `call_begin` and `call_end` probes, and records its duration and error number.
///
/// This is the one place where calls are traced; `f` must make the call and read its
/// error (libvirt's last error is thread-local and reset by the next call).
pub(crate) fn call<O, T, E, F>(func: Func, obj: &O, flags: Option<u32>, f: F) -> Result<T, E>
where
    O: Target,
    E: CallError,
    F: FnOnce() -> Result<T, E>,
{
    let span = (func.span)();
    let probed = probe_begin(func, obj, flags);
    if span.is_disabled() && !probed {
        let res = f();
        probe_end(func, end_code(&res), None);
        return res;
    }
    if !span.is_disabled() {
        span.record("uri", obj.uri().unwrap_or_default());
        if let Some(n) = obj.name() {
            span.record("object", n);
        }
        if let Some(u) = obj.uuid() {
            span.record("uuid", u);
        }
        if let Some(fl) = flags {
            span.record("flags", fl);
        }
    }
    let start = Instant::now();
    let res = span.in_scope(f);
    let elapsed = start.elapsed();
    span.record("duration_us", elapsed.as_micros() as u64);
    if let Err(e) = &res {
        if let Some(code) = e.code() {
            span.record("error_code", code);
            if let Some(c) = libvirt_glib::ErrorCode::from_raw(code) {
                span.record("error", c.name());
            }
        }
    }
    probe_end(func, end_code(&res), Some(start));
    res
}

/// A C string for a probe argument (interior NULs cut).
fn c(s: Option<String>) -> CString {
    let mut s = s.unwrap_or_default();
    if let Some(i) = s.find('\0') {
        s.truncate(i);
    }
    CString::new(s).unwrap_or_default()
}

/// The `i`th kept probe string as a C pointer (NULL if none was built).
fn arg<const N: usize>(keep: &Option<[CString; N]>, i: usize) -> *const c_char {
    keep.as_ref().map_or(std::ptr::null(), |k| k[i].as_ptr())
}

/// Fires `call_begin` (arguments built only when a tool listens); whether it did.
///
/// Not generic and never inlined: one probe site in the binary (a site in a generic
/// function would leave a note per instance, also for instances the linker dropped).
#[inline(never)]
fn probe_begin(func: Func, obj: &dyn Target, flags: Option<u32>) -> bool {
    // The strings live in `keep` (built by the first argument, only when a tool
    // listens) until the probe has fired.
    let mut keep: Option<[CString; 3]> = None;
    probe::probe_lazy!(
        libvirt_gobject,
        call_begin,
        func.cname.as_ptr(),
        keep.insert([c(obj.uri()), c(obj.name()), c(obj.uuid())])[0].as_ptr(),
        arg(&keep, 1),
        arg(&keep, 2),
        flags.map_or(-1, i64::from)
    )
}

/// Fires `call_end` (the duration is 0 when the call was not timed); one site, as
/// [`probe_begin`].
#[inline(never)]
fn probe_end(func: Func, code: i32, start: Option<Instant>) {
    probe::probe_lazy!(
        libvirt_gobject,
        call_end,
        func.cname.as_ptr(),
        code,
        start.map_or(0, |s| s.elapsed().as_nanos() as u64)
    );
}

/// The error number `call_end` reports: 0 on success, -1 for a non-libvirt error.
fn end_code<T, E: CallError>(res: &Result<T, E>) -> i32 {
    match res {
        Ok(_) => 0,
        Err(e) => e.code().unwrap_or(-1),
    }
}

/// One libvirt event as it is traced (see the module docs for the kinds and details).
pub(crate) struct EventRecord<'a> {
    pub(crate) kind: &'static str,
    pub(crate) object: Option<&'a str>,
    pub(crate) uuid: Option<&'a str>,
    pub(crate) device: Option<&'a str>,
    pub(crate) detail: Option<std::borrow::Cow<'a, str>>,
}

/// Builds an [`EventRecord`] at most once, on first use.
struct LazyRecord<'a, F: FnOnce() -> EventRecord<'a>> {
    build: Option<F>,
    rec: Option<EventRecord<'a>>,
}

impl<'a, F: FnOnce() -> EventRecord<'a>> LazyRecord<'a, F> {
    fn get(&mut self) -> &EventRecord<'a> {
        let build = &mut self.build;
        self.rec
            .get_or_insert_with(|| (build.take().expect("the record is built once"))())
    }
}

/// Reports one delivered libvirt event: a `tracing` event and the `event` probe. The
/// record is built (at most once) only when a subscriber or a tool listens.
#[inline(never)]
pub(crate) fn event<'a>(uri: &str, build: impl FnOnce() -> EventRecord<'a>) {
    let mut lazy = LazyRecord {
        build: Some(build),
        rec: None,
    };
    if tracing::enabled!(target: EVENT_TARGET, tracing::Level::DEBUG) {
        let r = lazy.get();
        tracing::debug!(
            target: EVENT_TARGET,
            uri,
            kind = r.kind,
            object = r.object,
            uuid = r.uuid,
            device = r.device,
            detail = r.detail.as_deref(),
            "libvirt event"
        );
    }
    let mut keep: Option<[CString; 6]> = None;
    probe::probe_lazy!(
        libvirt_gobject,
        event,
        keep.insert({
            let r = lazy.get();
            let own = |s: Option<&str>| c(s.map(str::to_owned));
            [
                own(Some(r.kind)),
                own(Some(uri)),
                own(r.object),
                own(r.uuid),
                own(r.device),
                own(r.detail.as_deref()),
            ]
        })[0]
            .as_ptr(),
        arg(&keep, 1),
        arg(&keep, 2),
        arg(&keep, 3),
        arg(&keep, 4),
        arg(&keep, 5)
    );
}
