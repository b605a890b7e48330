//! `GVirDomain` and the domain enums and boxed types.

use std::ffi::c_char;

use glib::gobject_ffi::GObject;
use glib::prelude::*;
use glib::translate::*;
use libvirt_gobject::{flags, Domain, DomainDevice, DomainSnapshot};

use crate::config::generated as cfg;
use crate::config::object::ConfigObject;
use crate::object::{
    arg_opt, arg_str, async_pair, cached_list, cfn, closed, config_xml, get_types, new_config,
    opt_config_xml, store_list, stream_arg,
};

get_types! {
    gvir_domain_get_type => Domain;
    gvir_domain_handle_get_type => libvirt_gobject::handles::DomainHandle;
    gvir_domain_info_get_type => libvirt_gobject::DomainInfo;
    gvir_domain_state_get_type => libvirt_gobject::DomainState;
    gvir_domain_start_flags_get_type => flags::DomainStartFlags;
    gvir_domain_delete_flags_get_type => flags::DomainDeleteFlags;
    gvir_domain_reboot_flags_get_type => flags::DomainRebootFlags;
    gvir_domain_shutdown_flags_get_type => flags::DomainShutdownFlags;
    gvir_domain_snapshot_create_flags_get_type => flags::DomainSnapshotCreateFlags;
    gvir_domain_snapshot_list_flags_get_type => flags::DomainSnapshotListFlags;
    gvir_domain_update_device_flags_get_type => flags::DomainUpdateDeviceFlags;
    gvir_domain_xml_flags_get_type => flags::DomainXMLFlags;
}

const SNAPSHOTS: &str = "gvir-capi-snapshots";

/// `(seconds, nanoseconds, flags)` of `gvir_domain_set_time`: NULL means "sync with the
/// host clock" (VIR_DOMAIN_TIME_SYNC), as in the C library.
///
/// # Safety
/// `dt` NULL or a valid GDateTime.
unsafe fn time_args(dt: *mut glib::ffi::GDateTime, flags: u32) -> (i64, i32, u32) {
    if dt.is_null() {
        return (0, 0, flags | virt_sys::VIR_DOMAIN_TIME_SYNC);
    }
    // SAFETY: per the contract.
    let dt: glib::DateTime = unsafe { from_glib_none(dt) };
    (dt.to_unix(), dt.microsecond() * 1000, flags)
}

/// The domain's devices, each with its `GVirConfigDomainDevice` (the element of the
/// live XML it was read from) as its `config`.
fn devices(d: &Domain) -> Result<Vec<DomainDevice>, glib::Error> {
    super::devices::config_class();
    let config = d.config(0)?;
    let shared = config.shared().clone();
    Ok(d.devices_of(&config, |ty, node| {
        let base = if ty.is_a(libvirt_gobject::DomainDisk::static_type()) {
            cfg::DomainDisk::static_type()
        } else {
            cfg::DomainInterface::static_type()
        };
        // The concrete class of the element (GVirConfigDomainInterface is abstract: an
        // interface is a ...InterfaceNetwork, ...InterfaceBridge, ...).
        let ty = cfg::class_of(&shared.borrow(), node, base)?;
        Some(ConfigObject::wrap(ty, shared.clone(), node).upcast())
    }))
}

cfn! {
    fn gvir_domain_get_name(d: Domain) -> str_none { Some(d.name()) }
    fn gvir_domain_get_uuid(d: Domain) -> str_none { Some(d.uuid()) }
    fn gvir_domain_get_persistent(d: Domain) -> bool { d.persistent() }
    fn gvir_domain_get_saved(d: Domain) -> bool { d.saved().unwrap_or(false) }
    fn gvir_domain_get_snapshots(d: Domain) -> obj_list { cached_list::<DomainSnapshot>(d, SNAPSHOTS) }
    fn gvir_domain_get_id(d: Domain; err) -> num_neg(i32) {
        d.id().ok_or_else(|| glib::Error::new(
            libvirt_glib::ErrorCode::OperationInvalid,
            "Unable to get ID for domain: domain is not running",
        ))
    }
    fn gvir_domain_get_info(d: Domain; err) -> boxed { d.info() }
    fn gvir_domain_get_config(d: Domain, flags: u32; err) -> obj_full {
        new_config::<cfg::Domain>("domain", &d.xml(flags)?)
    }
    fn gvir_domain_set_config(d: Domain, conf: *mut GObject; err) -> bool {
        // SAFETY: conf is checked to be a GVirConfigObject.
        let xml = unsafe { config_xml("gvir_domain_set_config", conf) }?;
        let view = libvirt_gconfig::Domain::from_xml(&xml)
            .map_err(|e| glib::Error::new(gio::IOErrorEnum::InvalidArgument, &e.to_string()))?;
        d.set_config(&view).map(|()| true)
    }
    fn gvir_domain_get_devices(d: Domain; err) -> obj_list { devices(d) }
    fn gvir_domain_get_has_current_snapshot(d: Domain, _flags: u32, has_current_snapshot: *mut glib::ffi::gboolean; err) -> bool {
        let v = d.has_current_snapshot()?;
        if !has_current_snapshot.is_null() {
            // SAFETY: an out parameter per the C contract.
            unsafe { *has_current_snapshot = v.into_glib() };
        }
        Ok(true)
    }
    fn gvir_domain_start(d: Domain, flags: u32; err) -> bool { d.start(flags).map(|()| true) }
    fn gvir_domain_stop(d: Domain, flags: u32; err) -> bool { d.destroy(flags).map(|()| true) }
    fn gvir_domain_delete(d: Domain, flags: u32; err) -> bool { d.delete(flags).map(|()| true) }
    fn gvir_domain_shutdown(d: Domain, flags: u32; err) -> bool { d.shutdown(flags).map(|()| true) }
    fn gvir_domain_reboot(d: Domain, flags: u32; err) -> bool { d.reboot(flags).map(|()| true) }
    fn gvir_domain_suspend(d: Domain; err) -> bool { d.suspend().map(|()| true) }
    fn gvir_domain_resume(d: Domain; err) -> bool { d.resume().map(|()| true) }
    fn gvir_domain_wakeup(d: Domain, flags: u32; err) -> bool { d.wakeup(flags).map(|()| true) }
    fn gvir_domain_save(d: Domain, flags: u32; err) -> bool { d.save(flags).map(|()| true) }
    fn gvir_domain_save_to_file(d: Domain, filename: *const c_char, custom_conf: *mut GObject, flags: u32; err) -> bool {
        // SAFETY: C string and NULL-or-GVirConfigObject per the C contract.
        let (path, xml) = unsafe { (arg_str(filename), opt_config_xml("gvir_domain_save_to_file", custom_conf)?) };
        libvirt_gobject::block_on(d.save_to_file_with_xml_future(&path, xml.as_deref(), flags)).map(|()| true)
    }
    fn gvir_domain_set_time(d: Domain, date_time: *mut glib::ffi::GDateTime, flags: u32; err) -> bool {
        // SAFETY: NULL or a GDateTime per the C contract.
        let (s, ns, f) = unsafe { time_args(date_time, flags) };
        d.set_time(s, ns, f).map(|()| true)
    }
    fn gvir_domain_update_device(d: Domain, device: *mut GObject, flags: u32; err) -> bool {
        // SAFETY: device is checked to be a GVirConfigObject.
        let xml = unsafe { config_xml("gvir_domain_update_device", device) }?;
        d.update_device(&xml, flags).map(|()| true)
    }
    fn gvir_domain_create_snapshot(d: Domain, custom_conf: *mut GObject, flags: u32; err) -> obj_full {
        // SAFETY: NULL or a GVirConfigObject per the C contract.
        let xml = unsafe { opt_config_xml("gvir_domain_create_snapshot", custom_conf) }?;
        d.create_snapshot(xml.as_deref(), flags)
    }
    fn gvir_domain_fetch_snapshots(d: Domain, list_flags: u32, _cancellable: *mut gio::ffi::GCancellable; err) -> bool {
        let v = d.fetch_snapshots(list_flags)?;
        store_list(d, SNAPSHOTS, v);
        Ok(true)
    }
    fn gvir_domain_open_console(d: Domain, stream: *mut GObject, devname: *const c_char, flags: u32; err) -> bool {
        // SAFETY: per the C contract.
        let (st, dev) = unsafe { (stream_arg("gvir_domain_open_console", stream)?, arg_opt(devname)) };
        let h = d.virt_handle().ok_or_else(closed)?;
        h.open_console(dev.as_deref(), &st, flags)
            .map_err(|e| libvirt_glib::to_glib(&e, "opening the console"))
            .map(|()| true)
    }
    fn gvir_domain_open_graphics(d: Domain, idx: u32, fd: i32, flags: u32; err) -> bool {
        let h = d.virt_handle().ok_or_else(closed)?;
        h.open_graphics(idx, fd, flags)
            .map_err(|e| libvirt_glib::to_glib(&e, "opening the graphics"))
            .map(|()| true)
    }
    fn gvir_domain_open_graphics_fd(d: Domain, idx: u32, flags: u32; err) -> num_neg(i32) {
        let h = d.virt_handle().ok_or_else(closed)?;
        h.open_graphics_fd(idx, flags)
            .map_err(|e| libvirt_glib::to_glib(&e, "opening the graphics"))
    }
    fn gvir_domain_screenshot(d: Domain, stream: *mut GObject, monitor_id: u32, flags: u32; err) -> str_full {
        // SAFETY: per the C contract.
        let st = unsafe { stream_arg("gvir_domain_screenshot", stream) }?;
        let h = d.virt_handle().ok_or_else(closed)?;
        h.screenshot(&st, monitor_id, flags)
            .map_err(|e| libvirt_glib::to_glib(&e, "taking a screenshot"))
    }
}

async_pair! {
    gvir_domain_start_async, gvir_domain_start_finish: Domain,
        |d, flags: u32| d.start_future(flags) => unit;
    gvir_domain_resume_async, gvir_domain_resume_finish: Domain,
        |d| d.resume_future() => unit;
    gvir_domain_wakeup_async, gvir_domain_wakeup_finish: Domain,
        |d, flags: u32| d.wakeup_future(flags) => unit;
    gvir_domain_save_async, gvir_domain_save_finish: Domain,
        |d, flags: u32| d.save_future(flags) => unit;
    gvir_domain_save_to_file_async, gvir_domain_save_to_file_finish: Domain,
        |d, filename: *const c_char, custom_conf: *mut GObject, flags: u32| {
            // SAFETY: C string and NULL-or-GVirConfigObject per the C contract.
            let (path, xml) = unsafe { (arg_str(filename), opt_config_xml("gvir_domain_save_to_file_async", custom_conf)) };
            let fut = xml.map(|xml| d.save_to_file_with_xml_future(&path, xml.as_deref(), flags));
            async move { fut?.await }
        } => unit;
    gvir_domain_set_time_async, gvir_domain_set_time_finish: Domain,
        |d, date_time: *mut glib::ffi::GDateTime, flags: u32| {
            // SAFETY: NULL or a GDateTime per the C contract.
            let (s, ns, f) = unsafe { time_args(date_time, flags) };
            d.set_time_future(s, ns, f)
        } => unit;
    gvir_domain_get_info_async, gvir_domain_get_info_finish: Domain,
        |d| d.info_future() => boxed;
    gvir_domain_create_snapshot_async, gvir_domain_create_snapshot_finish: Domain,
        |d, custom_conf: *mut GObject, flags: u32| {
            // SAFETY: NULL or a GVirConfigObject per the C contract.
            let xml = unsafe { opt_config_xml("gvir_domain_create_snapshot", custom_conf) };
            async move { d.create_snapshot_future(xml?.as_deref(), flags).await }
        } => object;
    gvir_domain_fetch_snapshots_async, gvir_domain_fetch_snapshots_finish: Domain,
        |d, list_flags: u32| {
            let fut = d.fetch_snapshots_future(list_flags);
            async move {
                store_list(&d, SNAPSHOTS, fut.await?);
                Ok(())
            }
        } => unit;
}
