//! The C ABI of libvirt-glib, libvirt-gconfig and libvirt-gobject, over our Rust crates.
//!
//! One shared object exports all three GObject-introspection namespaces, so every GType
//! exists once per process:
//!
//! ```text
//! glib.rs          LibvirtGLib     gvir_init, gvir_event_register, gvir_error_*
//! config.rs        LibvirtGConfig  GVirConfigObject + subclasses over libvirt-gconfig views
//! object.rs        LibvirtGObject  gvir_connection_*, gvir_domain_*, ... over libvirt-gobject
//! ffi.rs           helpers: catch_unwind guard, g_return_val_if_fail checks, GTask glue
//! ```
//!
//! The declarations live in one table, `capi/api/*.api`: `capi/tools/gen.py` turns it
//! into the installed headers, the list of exported symbols and the linker version
//! scripts (the C library's version nodes); g-ir-scanner reads the headers against the
//! built library. `scripts/build-capi.sh` runs the whole pipeline, and the test
//! `symbols` checks that the headers' declarations and the library's exports agree.
//!
//! Every `extern "C"` body runs inside [`ffi::guard`] (nothing unwinds into C), checks its
//! arguments like `g_return_val_if_fail`, and returns memory from GLib's allocator with
//! the ownership the C library documents (`transfer` annotations).

#![allow(clippy::missing_safety_doc)]

pub mod config;
pub mod ffi;
pub mod glib;
pub mod object;
