//! LibvirtGConfig: GObject classes over libvirt-gconfig's views.
//!
//! Every `GVirConfigXxx` is a thin GObject holding a `(SharedDocument, NodeId)` pair —
//! the DOM stays the only state, so any number of objects over the same element agree.
//! [`object`] has the base class `GVirConfigObject` and the macro that declares a
//! subclass in one line; [`documents`] declares the classes and their C functions.

// glib::object_subclass adds undocumented methods to each generated class.
#[allow(missing_docs)]
pub mod documents;
pub mod object;

use std::ffi::c_char;

use glib::ffi::{gboolean, GError};

use crate::ffi::guard;

/// `gvir_config_init_check`: registers every GType of the namespace. It cannot fail.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_init_check(
    _argc: *mut std::ffi::c_int,
    _argv: *mut *mut *mut c_char,
    _err: *mut *mut GError,
) -> gboolean {
    guard("gvir_config_init_check", glib::ffi::GFALSE, || {
        documents::register_types();
        glib::ffi::GTRUE
    })
}

/// `gvir_config_init`: as `gvir_config_init_check`.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_init(argc: *mut std::ffi::c_int, argv: *mut *mut *mut c_char) {
    // SAFETY: forwarded as received.
    unsafe { gvir_config_init_check(argc, argv, std::ptr::null_mut()) };
}
