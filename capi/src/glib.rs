//! LibvirtGLib: `gvir_init`, `gvir_event_register` and the error helpers.
//!
//! The variadic helpers (`gvir_error_new`, `gvir_set_error`, `gvir_critical`, ...) are
//! in `c/varargs.c`; they format the message and call the `*_literal` functions here.

use std::ffi::{c_char, c_int, CStr};

use glib::ffi::{gboolean, GError, GQuark};
use glib::translate::*;

use crate::ffi::{guard, opt_str, set_error};

/// libvirt's last error message on this thread, if any.
fn last_libvirt_message() -> Option<String> {
    // SAFETY: virGetLastError returns NULL or this thread's error, valid until the next call.
    unsafe {
        let e = virt_sys::virGetLastError();
        if e.is_null() || (*e).message.is_null() {
            None
        } else {
            Some(CStr::from_ptr((*e).message).to_string_lossy().into_owned())
        }
    }
}

/// The C library's message rule: `message: libvirt's last error`, either part alone
/// when the other is missing.
fn with_libvirt_message(message: Option<&str>) -> String {
    match (message, last_libvirt_message()) {
        (Some(m), Some(v)) => format!("{m}: {v}"),
        (Some(m), None) => m.to_owned(),
        (None, Some(v)) => v,
        (None, None) => String::new(),
    }
}

/// `gvir_init_check`: initialises libvirt; FALSE and `err` when it cannot.
#[no_mangle]
pub unsafe extern "C" fn gvir_init_check(
    _argc: *mut c_int,
    _argv: *mut *mut *mut c_char,
    err: *mut *mut GError,
) -> gboolean {
    guard("gvir_init_check", glib::ffi::GFALSE, || {
        match libvirt_glib::init() {
            Ok(()) => glib::ffi::GTRUE,
            // SAFETY: err is NULL or a NULL GError* per the C contract.
            Err(e) => unsafe { set_error(err, e.to_glib(), glib::ffi::GFALSE) },
        }
    })
}

/// `gvir_init`: as `gvir_init_check`, aborting (g_error) when libvirt cannot initialise.
#[no_mangle]
pub unsafe extern "C" fn gvir_init(argc: *mut c_int, argv: *mut *mut *mut c_char) {
    guard("gvir_init", (), || {
        if let Err(e) = libvirt_glib::init() {
            glib::g_error!("libvirt-glib", "Could not initialize libvirt-glib: {}", e);
        }
        let _ = (argc, argv);
    })
}

/// `gvir_event_register`: runs libvirt's event loop on the default main context.
#[no_mangle]
pub unsafe extern "C" fn gvir_event_register() {
    guard("gvir_event_register", (), || {
        if let Err(e) = libvirt_glib::event_register() {
            glib::g_warning!("libvirt-glib", "gvir_event_register: {}", e);
        }
    })
}

/// `gvir_error_new_literal`: a new GError whose message is `message` followed by
/// libvirt's last error on this thread (transfer full).
#[no_mangle]
pub unsafe extern "C" fn gvir_error_new_literal(
    domain: GQuark,
    code: c_int,
    message: *const c_char,
) -> *mut GError {
    guard("gvir_error_new_literal", std::ptr::null_mut(), || {
        // SAFETY: message is NULL or a C string.
        let m = unsafe { opt_str(message) };
        let text = with_libvirt_message(m.as_deref());
        // SAFETY: g_error_new_literal copies the message.
        unsafe { glib::ffi::g_error_new_literal(domain, code, text.to_glib_none().0) }
    })
}

/// `gvir_set_error_literal`: stores `gvir_error_new_literal(...)` in `error` unless it
/// is NULL.
#[no_mangle]
pub unsafe extern "C" fn gvir_set_error_literal(
    error: *mut *mut GError,
    domain: GQuark,
    code: c_int,
    message: *const c_char,
) {
    guard("gvir_set_error_literal", (), || {
        if error.is_null() {
            return;
        }
        // SAFETY: error is a valid GError** per the C contract.
        unsafe {
            crate::check!("gvir_set_error_literal", (*error).is_null());
            *error = gvir_error_new_literal(domain, code, message);
        }
    })
}

/// Logs `message` (plus libvirt's last error) at `level`; used by `gvir_critical` and
/// `gvir_warning` in `c/varargs.c`. Not exported from the shared object.
#[no_mangle]
pub unsafe extern "C" fn gvir_capi_log_literal(
    level: glib::ffi::GLogLevelFlags,
    message: *const c_char,
) {
    guard("gvir_capi_log_literal", (), || {
        // SAFETY: message is NULL or a C string.
        let m = unsafe { opt_str(message) };
        let text = with_libvirt_message(m.as_deref());
        // SAFETY: both strings are NUL-terminated for the call.
        unsafe {
            glib::ffi::g_log(
                c"Libvirt.GLib".as_ptr(),
                level,
                c"%s".as_ptr(),
                ToGlibPtr::<*const c_char>::to_glib_none(&text).0,
            )
        };
    })
}
