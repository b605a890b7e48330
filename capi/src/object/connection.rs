//! `GVirConnection`.

use std::ffi::c_char;

use glib::gobject_ffi::GObject;
use glib::prelude::*;
use glib::translate::*;
use libvirt_gobject::{Connection, Interface};

use crate::config::generated as cfg;
use crate::ffi::{guard, opt_str};
use crate::object::{
    arg_opt, arg_str, async_pair, cached_list, cfn, config_xml, get_types, new_config,
    opt_config_xml, store_list,
};

get_types! {
    gvir_connection_get_type => Connection;
    gvir_connection_handle_get_type => libvirt_gobject::handles::ConnectionHandle;
    gvir_node_info_get_type => libvirt_gobject::NodeInfo;
}

const INTERFACES: &str = "gvir-capi-interfaces";

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

cfn! {
    fn gvir_connection_open(c: Connection, _cancellable: *mut gio::ffi::GCancellable; err) -> bool {
        c.open().map(|()| true)
    }
    fn gvir_connection_open_read_only(c: Connection, _cancellable: *mut gio::ffi::GCancellable; err) -> bool {
        c.open_read_only().map(|()| true)
    }
    fn gvir_connection_close(c: Connection) -> void {
        if let Err(e) = c.close() {
            glib::g_warning!("libvirt-glib", "closing {}: {e}", c.uri());
        }
    }
    fn gvir_connection_is_open(c: Connection) -> bool { c.is_open() }
    fn gvir_connection_is_read_only(c: Connection) -> bool { c.read_only() }
    fn gvir_connection_get_uri(c: Connection) -> str_none { Some(c.uri()) }
    fn gvir_connection_fetch_domains(c: Connection, _cancellable: *mut gio::ffi::GCancellable; err) -> bool {
        c.fetch_domains().map(|()| true)
    }
    fn gvir_connection_fetch_networks(c: Connection, _cancellable: *mut gio::ffi::GCancellable; err) -> bool {
        c.fetch_networks().map(|()| true)
    }
    fn gvir_connection_fetch_storage_pools(c: Connection, _cancellable: *mut gio::ffi::GCancellable; err) -> bool {
        c.fetch_storage_pools().map(|()| true)
    }
    fn gvir_connection_fetch_interfaces(c: Connection, _cancellable: *mut gio::ffi::GCancellable; err) -> bool {
        let v = c.fetch_interfaces()?;
        store_list(c, INTERFACES, v);
        Ok(true)
    }
    fn gvir_connection_get_domains(c: Connection) -> obj_list { c.domains() }
    fn gvir_connection_get_networks(c: Connection) -> obj_list { c.networks() }
    fn gvir_connection_get_storage_pools(c: Connection) -> obj_list { c.storage_pools() }
    fn gvir_connection_get_interfaces(c: Connection) -> obj_list { cached_list::<Interface>(c, INTERFACES) }
    fn gvir_connection_get_domain(c: Connection, uuid: *const c_char) -> opt_obj_full {
        // SAFETY: a C string per the C contract.
        c.find_domain_by_uuid(&unsafe { arg_str(uuid) })
    }
    fn gvir_connection_find_domain_by_id(c: Connection, id: i32) -> opt_obj_full {
        u32::try_from(id).ok().and_then(|id| c.find_domain_by_id(id))
    }
    fn gvir_connection_find_domain_by_name(c: Connection, name: *const c_char) -> opt_obj_full {
        // SAFETY: a C string per the C contract.
        c.find_domain_by_name(&unsafe { arg_str(name) })
    }
    fn gvir_connection_get_network(c: Connection, uuid: *const c_char) -> opt_obj_full {
        // SAFETY: a C string per the C contract.
        let uuid = unsafe { arg_str(uuid) };
        c.networks().into_iter().find(|n| n.uuid() == uuid)
    }
    fn gvir_connection_find_network_by_name(c: Connection, name: *const c_char) -> opt_obj_full {
        // SAFETY: a C string per the C contract.
        c.find_network_by_name(&unsafe { arg_str(name) })
    }
    fn gvir_connection_get_storage_pool(c: Connection, uuid: *const c_char) -> opt_obj_full {
        // SAFETY: a C string per the C contract.
        let uuid = unsafe { arg_str(uuid) };
        c.storage_pools().into_iter().find(|p| p.uuid() == uuid)
    }
    fn gvir_connection_find_storage_pool_by_name(c: Connection, name: *const c_char) -> opt_obj_full {
        // SAFETY: a C string per the C contract.
        c.find_storage_pool_by_name(&unsafe { arg_str(name) })
    }
    fn gvir_connection_get_interface(c: Connection, name: *const c_char) -> opt_obj_full {
        // SAFETY: a C string per the C contract.
        let name = unsafe { arg_str(name) };
        cached_list::<Interface>(c, INTERFACES).into_iter().find(|i| i.name() == name)
    }
    fn gvir_connection_find_interface_by_mac(c: Connection, mac: *const c_char) -> opt_obj_full {
        // SAFETY: a C string per the C contract.
        let mac = unsafe { arg_str(mac) };
        cached_list::<Interface>(c, INTERFACES).into_iter().find(|i| {
            i.virt_handle()
                .and_then(|h| h.mac_string().ok())
                .is_some_and(|m| m.eq_ignore_ascii_case(&mac))
        })
    }
    fn gvir_connection_create_domain(c: Connection, conf: *mut GObject; err) -> obj_full {
        // SAFETY: conf is checked to be a GVirConfigObject.
        let xml = unsafe { config_xml("gvir_connection_create_domain", conf) }?;
        c.create_domain(&xml)
    }
    fn gvir_connection_start_domain(c: Connection, conf: *mut GObject, flags: u32; err) -> obj_full {
        // SAFETY: conf is checked to be a GVirConfigObject.
        let xml = unsafe { config_xml("gvir_connection_start_domain", conf) }?;
        c.start_domain(&xml, flags)
    }
    fn gvir_connection_create_storage_pool(c: Connection, conf: *mut GObject, _flags: u32; err) -> obj_full {
        // SAFETY: conf is checked to be a GVirConfigObject.
        let xml = unsafe { config_xml("gvir_connection_create_storage_pool", conf) }?;
        c.create_storage_pool(&xml)
    }
    fn gvir_connection_get_hypervisor_name(c: Connection; err) -> str_full { c.hypervisor_name() }
    fn gvir_connection_get_version(c: Connection; err) -> num(libc::c_ulong) { c.version() }
    fn gvir_connection_get_node_info(c: Connection; err) -> boxed { c.node_info() }
    fn gvir_connection_get_capabilities(c: Connection; err) -> obj_full {
        new_config::<cfg::Capabilities>("capabilities", &c.capabilities()?)
    }
    fn gvir_connection_get_domain_capabilities(
        c: Connection,
        emulatorbin: *const c_char,
        arch: *const c_char,
        machine: *const c_char,
        virttype: *const c_char,
        flags: u32;
        err
    ) -> obj_full {
        // SAFETY: C strings or NULL per the C contract.
        let (e, a, m, v) = unsafe { (arg_opt(emulatorbin), arg_opt(arch), arg_opt(machine), arg_opt(virttype)) };
        let xml = c.domain_capabilities(e.as_deref(), a.as_deref(), m.as_deref(), v.as_deref(), flags)?;
        new_config::<cfg::DomainCapabilities>("domainCapabilities", &xml)
    }
    fn gvir_connection_get_stream(c: Connection, flags: u32) -> opt_obj_full {
        c.new_stream(flags).ok()
    }
    fn gvir_connection_restore_domain_from_file(
        c: Connection,
        filename: *const c_char,
        custom_conf: *mut GObject,
        flags: u32;
        err
    ) -> bool {
        // SAFETY: C string and NULL-or-GVirConfigObject per the C contract.
        let (path, xml) = unsafe { (arg_str(filename), opt_config_xml("gvir_connection_restore_domain_from_file", custom_conf)?) };
        libvirt_gobject::block_on(c.restore_domain_from_file_with_xml_future(&path, xml.as_deref(), flags)).map(|()| true)
    }
}

async_pair! {
    gvir_connection_open_async, gvir_connection_open_finish: Connection,
        |c| c.open_future() => unit;
    gvir_connection_open_read_only_async, gvir_connection_open_read_only_finish: Connection,
        |c| c.open_read_only_future() => unit;
    gvir_connection_fetch_domains_async, gvir_connection_fetch_domains_finish: Connection,
        |c| c.fetch_domains_future() => unit;
    gvir_connection_fetch_networks_async, gvir_connection_fetch_networks_finish: Connection,
        |c| c.fetch_networks_future() => unit;
    gvir_connection_fetch_storage_pools_async, gvir_connection_fetch_storage_pools_finish: Connection,
        |c| c.fetch_storage_pools_future() => unit;
    gvir_connection_fetch_interfaces_async, gvir_connection_fetch_interfaces_finish: Connection,
        |c| {
            let fut = c.fetch_interfaces_future();
            async move {
                store_list(&c, INTERFACES, fut.await?);
                Ok(())
            }
        } => unit;
    gvir_connection_get_capabilities_async, gvir_connection_get_capabilities_finish: Connection,
        |c| {
            let fut = c.capabilities_future();
            async move { new_config::<cfg::Capabilities>("capabilities", &fut.await?) }
        } => object;
    gvir_connection_get_domain_capabilities_async, gvir_connection_get_domain_capabilities_finish: Connection,
        |c, emulatorbin: *const c_char, arch: *const c_char, machine: *const c_char, virttype: *const c_char, flags: u32| {
            // SAFETY: C strings or NULL per the C contract.
            let (e, a, m, v) = unsafe { (arg_opt(emulatorbin), arg_opt(arch), arg_opt(machine), arg_opt(virttype)) };
            let fut = c.domain_capabilities_future(e.as_deref(), a.as_deref(), m.as_deref(), v.as_deref(), flags);
            async move { new_config::<cfg::DomainCapabilities>("domainCapabilities", &fut.await?) }
        } => object;
    gvir_connection_restore_domain_from_file_async, gvir_connection_restore_domain_from_file_finish: Connection,
        |c, filename: *const c_char, custom_conf: *mut GObject, flags: u32| {
            // SAFETY: C string and NULL-or-GVirConfigObject per the C contract.
            let (path, xml) = unsafe { (arg_str(filename), opt_config_xml("gvir_connection_restore_domain_from_file_async", custom_conf)) };
            let fut = xml.map(|xml| c.restore_domain_from_file_with_xml_future(&path, xml.as_deref(), flags));
            async move { fut?.await }
        } => unit;
}
