//! `gvir_init_object*`, `GVirManager`, and the small handle classes (`GVirInterface`,
//! `GVirNodeDevice`, `GVirSecret`, `GVirNetworkFilter`).

use std::ffi::{c_char, c_int};

use glib::ffi::{gboolean, GError};
use glib::gobject_ffi::GObject;
use libvirt_gobject::{Connection, Interface, Manager, NetworkFilter, NodeDevice, Secret};

use crate::config::generated as cfg;
use crate::ffi::{guard, obj, set_error};
use crate::object::{arg_str, cfn, closed, get_types, new_config};

get_types! {
    gvir_manager_get_type => Manager;
    gvir_interface_get_type => Interface;
    gvir_interface_handle_get_type => libvirt_gobject::handles::InterfaceHandle;
    gvir_node_device_get_type => NodeDevice;
    gvir_node_device_handle_get_type => libvirt_gobject::handles::NodeDeviceHandle;
    gvir_secret_get_type => Secret;
    gvir_secret_handle_get_type => libvirt_gobject::handles::SecretHandle;
    gvir_network_filter_get_type => NetworkFilter;
    gvir_network_filter_handle_get_type => libvirt_gobject::handles::NetworkFilterHandle;
}

/// Registers every GType of the three namespaces (types register lazily otherwise, and
/// GI looks them up by name).
pub(crate) fn register_types() {
    crate::config::generated::register_types();
    super::devices::config_class();
    // libvirt_gobject::init() registers its own types; it also installs the event loop,
    // which gvir_init_object does too.
}

/// `gvir_init_object_check`: libvirt + its event loop on the default main context + every
/// GType of LibvirtGObject and LibvirtGConfig.
#[no_mangle]
pub unsafe extern "C" fn gvir_init_object_check(
    _argc: *mut c_int,
    _argv: *mut *mut *mut c_char,
    err: *mut *mut GError,
) -> gboolean {
    guard("gvir_init_object_check", glib::ffi::GFALSE, || {
        register_types();
        match libvirt_gobject::init() {
            Ok(()) => glib::ffi::GTRUE,
            // SAFETY: err per the C contract.
            Err(e) => unsafe { set_error(err, e, glib::ffi::GFALSE) },
        }
    })
}

/// `gvir_init_object`: as `gvir_init_object_check`, aborting (g_error) on failure.
#[no_mangle]
pub unsafe extern "C" fn gvir_init_object(argc: *mut c_int, argv: *mut *mut *mut c_char) {
    guard("gvir_init_object", (), || {
        let mut err: *mut GError = std::ptr::null_mut();
        // SAFETY: forwarded; err is a local.
        if unsafe { gvir_init_object_check(argc, argv, &mut err) } == 0 {
            // SAFETY: the check set err on failure.
            let e: glib::Error = unsafe { glib::translate::from_glib_full(err) };
            glib::g_error!(
                "libvirt-glib",
                "Could not initialize libvirt-gobject: {}",
                e
            );
        }
    })
}

/// `gvir_manager_new`: an empty connection manager (transfer full).
#[no_mangle]
pub extern "C" fn gvir_manager_new() -> glib::ffi::gpointer {
    guard("gvir_manager_new", std::ptr::null_mut(), || {
        crate::ffi::obj_full(Manager::new())
    })
}

/// A `GVirConnection` argument.
///
/// # Safety
/// `ptr` NULL or a live GTypeInstance.
unsafe fn conn_arg(func: &str, ptr: *mut GObject) -> Option<Connection> {
    // SAFETY: per the contract.
    unsafe { obj::<Connection>(func, ptr) }.map(|b| (*b).clone())
}

fn lv(what: &'static str) -> impl Fn(virt::error::Error) -> glib::Error {
    move |e| libvirt_glib::to_glib(&e, what)
}

cfn! {
    fn gvir_manager_add_connection(m: Manager, conn: *mut GObject) -> void {
        // SAFETY: checked to be a GVirConnection.
        if let Some(c) = unsafe { conn_arg("gvir_manager_add_connection", conn) } {
            m.add_connection(&c);
        }
    }
    fn gvir_manager_remove_connection(m: Manager, conn: *mut GObject) -> void {
        // SAFETY: checked to be a GVirConnection.
        if let Some(c) = unsafe { conn_arg("gvir_manager_remove_connection", conn) } {
            m.remove_connection(&c);
        }
    }
    fn gvir_manager_get_connections(m: Manager) -> obj_list { m.connections() }
    fn gvir_manager_find_connection_by_uri(m: Manager, uri: *const c_char) -> opt_obj_full {
        // SAFETY: a C string per the C contract.
        m.find_connection_by_uri(&unsafe { arg_str(uri) })
    }

    fn gvir_interface_get_name(i: Interface) -> str_none { Some(i.name()) }
    fn gvir_interface_get_mac(i: Interface) -> str_none {
        i.virt_handle().and_then(|h| h.mac_string().ok())
    }
    fn gvir_interface_get_config(i: Interface, _flags: u32; err) -> obj_full {
        new_config::<cfg::Interface>("interface", &i.xml()?)
    }

    fn gvir_node_device_get_name(d: NodeDevice) -> str_none { Some(d.name()) }
    fn gvir_node_device_get_config(d: NodeDevice, _flags: u32; err) -> obj_full {
        new_config::<cfg::NodeDevice>("device", &d.xml()?)
    }

    fn gvir_secret_get_uuid(s: Secret) -> str_none { Some(s.uuid()) }
    fn gvir_secret_get_name(s: Secret) -> str_none {
        s.virt_handle().and_then(|h| h.usage_id().ok())
    }
    fn gvir_secret_get_config(s: Secret, _flags: u32; err) -> obj_full {
        new_config::<cfg::Secret>("secret", &s.xml()?)
    }

    fn gvir_network_filter_get_name(f: NetworkFilter) -> str_none { Some(f.name()) }
    fn gvir_network_filter_get_uuid(f: NetworkFilter) -> str_none {
        f.virt_handle().and_then(|h| h.uuid_string().ok())
    }
    fn gvir_network_filter_get_config(f: NetworkFilter, flags: u32; err) -> obj_full {
        let h = f.virt_handle().ok_or_else(closed)?;
        let xml = h.xml_desc(flags).map_err(lv("reading the filter XML"))?;
        new_config::<cfg::NetworkFilter>("filter", &xml)
    }
}
