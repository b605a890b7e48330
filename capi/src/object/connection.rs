//! `GVirConnection`.

use std::ffi::c_char;

use glib::ffi::{gboolean, GError};
use glib::gobject_ffi::GObject;
use glib::prelude::*;
use glib::translate::*;
use libvirt_gobject::Connection;

use crate::ffi::{bool_result, cached_str, guard, obj, opt_str};
use crate::object::{async_pair, get_types};

get_types! {
    gvir_connection_get_type => Connection;
    gvir_connection_handle_get_type => libvirt_gobject::handles::ConnectionHandle;
    gvir_node_info_get_type => libvirt_gobject::NodeInfo;
}

/// `gvir_connection_new`: a new, closed connection to `uri` (transfer full).
#[no_mangle]
pub unsafe extern "C" fn gvir_connection_new(uri: *const c_char) -> *mut GObject {
    guard("gvir_connection_new", std::ptr::null_mut(), || {
        // SAFETY: uri is NULL or a C string.
        let uri = unsafe { opt_str(uri) }.unwrap_or_default();
        Connection::new(&uri)
            .upcast::<glib::Object>()
            .into_glib_ptr()
    })
}

/// `gvir_connection_open`: opens the connection, blocking.
#[no_mangle]
pub unsafe extern "C" fn gvir_connection_open(
    conn: *mut GObject,
    _cancellable: *mut gio::ffi::GCancellable,
    err: *mut *mut GError,
) -> gboolean {
    guard("gvir_connection_open", glib::ffi::GFALSE, || {
        // SAFETY: checked to be a GVirConnection.
        let Some(c) = (unsafe { obj::<Connection>("gvir_connection_open", conn) }) else {
            return glib::ffi::GFALSE;
        };
        // SAFETY: err per the C contract.
        unsafe { bool_result(c.open(), err) }
    })
}

/// `gvir_connection_get_uri`: the URI (transfer none).
#[no_mangle]
pub unsafe extern "C" fn gvir_connection_get_uri(conn: *mut GObject) -> *const c_char {
    guard("gvir_connection_get_uri", std::ptr::null(), || {
        // SAFETY: checked to be a GVirConnection.
        let Some(c) = (unsafe { obj::<Connection>("gvir_connection_get_uri", conn) }) else {
            return std::ptr::null();
        };
        cached_str(&*c, "uri", Some(&c.uri()))
    })
}

async_pair! {
    gvir_connection_open_async, gvir_connection_open_finish: Connection,
        |c| c.open_future() => unit;
    gvir_connection_fetch_domains_async, gvir_connection_fetch_domains_finish: Connection,
        |c| c.fetch_domains_future() => unit;
}
