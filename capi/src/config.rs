//! LibvirtGConfig: GObject classes over libvirt-gconfig's DOM.
//!
//! Every `GVirConfigXxx` is a thin GObject holding a `(SharedDocument, NodeId)` pair —
//! the DOM stays the only state, so any number of objects over the same element agree.
//!
//! ```text
//! object.rs     GVirConfigObject, config_class!, to_xml (libxml2's text), new_from_xml
//! rules.rs      the C library's edit primitives and the accessor rules
//! fns.rs        one macro per function shape; the functions with logic of their own
//! edit.rs       edits with logic of their own: custom metadata, chardev sources, USB master
//! props.rs      GObject properties (GVirConfigDomain:name, ...) over the C functions
//! validate.rs   gvir_config_object_validate (RELAX NG through libxml2, as the C library)
//! read.rs       getters of classes without a _new() to probe; gvir_config_object_new
//! lists.rs      functions taking or returning lists and string arrays
//! generated.rs  classes, enums and one line per function (capi/tools/gconfig-gen.py)
//! v5.rs         the 5.0.0 additions with logic of their own (audio backend, D-Bus
//!               graphics parsing, firmware features, USB disks removable)
//! ```

pub mod edit;
// glib::object_subclass adds undocumented methods to each generated class.
#[allow(missing_docs)]
pub mod fns;
#[allow(missing_docs)]
pub mod generated;
#[allow(missing_docs)]
pub mod lists;
pub mod object;
pub mod props;
#[allow(missing_docs)]
pub mod read;
pub mod rules;
pub mod v5;
pub mod validate;

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
        generated::register_types();
        glib::ffi::GTRUE
    })
}

/// `gvir_config_init`: as `gvir_config_init_check`.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_init(argc: *mut std::ffi::c_int, argv: *mut *mut *mut c_char) {
    // SAFETY: forwarded as received.
    unsafe { gvir_config_init_check(argc, argv, std::ptr::null_mut()) };
}
