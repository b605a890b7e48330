//! Integrates libvirt with the GLib main loop — the Rust counterpart of the C
//! `libvirt-glib` library (GObject-introspection namespace `LibvirtGLib`).
//!
//! - [`init`] prepares libvirt for use from several threads, as `gvir_init()` does.
//! - [`event_register`] / [`event_register_on`] run libvirt's event loop (its RPC I/O,
//!   keepalives and every `virConnect*EventRegisterAny` callback) on a
//!   [`glib::MainContext`]: each libvirt file handle and timeout is a `GSource`.
//! - [`Error`] and [`ErrorCode`] carry libvirt errors into Rust (`std::error::Error`)
//!   and into GLib ([`glib::Error`] in the `gvir-error-quark` domain, code =
//!   `virErrorNumber`).
//!
//! Tracing: each dispatch of a libvirt file handle or timeout is a `TRACE` event with
//! target `libvirt_glib::dispatch` (fields `watch`, `fd`, `events` or `timer`); with no
//! subscriber interested it costs one relaxed load.
//!
//! ```no_run
//! libvirt_glib::init()?;
//! libvirt_glib::event_register()?;
//! let conn = virt::connect::Connect::open(Some("test:///default"))
//!     .map_err(|e| libvirt_glib::Error::from_virt(&e, "opening test:///default"))?;
//! // ... register libvirt event callbacks, then run a glib::MainLoop.
//! # drop(conn);
//! # Ok::<(), libvirt_glib::Error>(())
//! ```

pub mod callbacks;
pub mod error;
pub mod event;

pub use callbacks::{CloseReason, CloseWatch, DomainLifecycleWatch, LifecycleEvent, LifecycleKind};
pub use error::{to_glib, Error, ErrorCode, ErrorOrigin};
pub use event::{event_context, event_register, event_register_on, event_stats, EventStats};

use std::sync::Once;

/// Initialises libvirt for use from this process, as the C library's `gvir_init()` does.
///
/// It initialises libvirt's threading and error machinery (`virInitialize`) and routes
/// libvirt's error reports to `tracing` at debug level instead of letting libvirt print
/// them on stderr (errors still reach callers as [`Error`]). Safe to call more than once
/// and from any thread.
///
/// # Errors
///
/// Fails when libvirt cannot initialise (`virInitialize` fails).
pub fn init() -> Result<(), Error> {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: `report_error` matches virErrorFunc and lives for the process.
        unsafe { virt_sys::virSetErrorFunc(std::ptr::null_mut(), Some(report_error)) };
    });
    // SAFETY: virInitialize is idempotent and thread-safe.
    if unsafe { virt_sys::virInitialize() } < 0 {
        return Err(Error::last("initialising libvirt"));
    }
    Ok(())
}

unsafe extern "C" fn report_error(_opaque: *mut std::ffi::c_void, err: virt_sys::virErrorPtr) {
    // SAFETY: libvirt passes NULL or a valid error whose message is NUL-terminated.
    unsafe {
        if err.is_null() || (*err).message.is_null() {
            return;
        }
        let message = std::ffi::CStr::from_ptr((*err).message).to_string_lossy();
        tracing::debug!(
            code = (*err).code,
            origin = (*err).domain,
            "libvirt: {message}"
        );
    }
}
