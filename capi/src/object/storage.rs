//! `GVirStoragePool` and `GVirStorageVol`.

use std::ffi::c_char;

use glib::gobject_ffi::GObject;
use libvirt_gobject::{flags, StoragePool, StorageVol};

use crate::config::generated as cfg;
use crate::object::{
    arg_str, async_pair, cfn, closed, config_xml, get_types, new_config, stream_arg,
};

get_types! {
    gvir_storage_pool_get_type => StoragePool;
    gvir_storage_pool_handle_get_type => libvirt_gobject::handles::StoragePoolHandle;
    gvir_storage_pool_info_get_type => libvirt_gobject::StoragePoolInfo;
    gvir_storage_pool_state_get_type => libvirt_gobject::StoragePoolState;
    gvir_storage_vol_get_type => StorageVol;
    gvir_storage_vol_handle_get_type => libvirt_gobject::handles::StorageVolHandle;
    gvir_storage_vol_info_get_type => libvirt_gobject::StorageVolInfo;
    gvir_storage_vol_resize_flags_get_type => flags::StorageVolResizeFlags;
    gvir_storage_vol_type_get_type => flags::StorageVolType;
}

fn lv(what: &'static str) -> impl Fn(virt::error::Error) -> glib::Error {
    move |e| libvirt_glib::to_glib(&e, what)
}

cfn! {
    fn gvir_storage_pool_get_name(p: StoragePool) -> str_none { Some(p.name()) }
    fn gvir_storage_pool_get_uuid(p: StoragePool) -> str_none { Some(p.uuid()) }
    fn gvir_storage_pool_get_active(p: StoragePool) -> bool { p.active() }
    fn gvir_storage_pool_get_persistent(p: StoragePool) -> bool {
        p.virt_handle().and_then(|h| h.is_persistent().ok()).unwrap_or(false)
    }
    fn gvir_storage_pool_get_autostart(p: StoragePool; err) -> bool { p.autostart() }
    fn gvir_storage_pool_set_autostart(p: StoragePool, autostart: glib::ffi::gboolean; err) -> bool {
        p.set_autostart(autostart != 0).map(|()| true)
    }
    fn gvir_storage_pool_get_config(p: StoragePool, _flags: u32; err) -> obj_full {
        new_config::<cfg::StoragePool>("pool", &p.xml()?)
    }
    fn gvir_storage_pool_get_info(p: StoragePool; err) -> boxed { p.info() }
    fn gvir_storage_pool_get_volumes(p: StoragePool) -> obj_list { p.volumes().unwrap_or_default() }
    fn gvir_storage_pool_get_volume(p: StoragePool, name: *const c_char) -> opt_obj_full {
        // SAFETY: a C string per the C contract.
        p.volume(&unsafe { arg_str(name) }).ok()
    }
    fn gvir_storage_pool_create_volume(p: StoragePool, conf: *mut GObject; err) -> obj_full {
        // SAFETY: conf is checked to be a GVirConfigObject.
        let xml = unsafe { config_xml("gvir_storage_pool_create_volume", conf) }?;
        p.create_volume(&xml)
    }
    fn gvir_storage_pool_build(p: StoragePool, flags: u32; err) -> bool { p.build(flags).map(|()| true) }
    fn gvir_storage_pool_start(p: StoragePool, flags: u32; err) -> bool { p.start(flags).map(|()| true) }
    fn gvir_storage_pool_stop(p: StoragePool; err) -> bool { p.stop().map(|()| true) }
    fn gvir_storage_pool_undefine(p: StoragePool; err) -> bool { p.undefine().map(|()| true) }
    fn gvir_storage_pool_delete(p: StoragePool, flags: u32; err) -> bool { p.delete(flags).map(|()| true) }
    fn gvir_storage_pool_refresh(p: StoragePool, _cancellable: *mut gio::ffi::GCancellable; err) -> bool {
        p.refresh().map(|()| true)
    }
    fn gvir_storage_vol_get_name(v: StorageVol) -> str_none { Some(v.name()) }
    fn gvir_storage_vol_get_path(v: StorageVol; err) -> str_none { Ok::<_, glib::Error>(Some(v.path())) }
    fn gvir_storage_vol_get_config(v: StorageVol, _flags: u32; err) -> obj_full {
        new_config::<cfg::StorageVol>("volume", &v.xml()?)
    }
    fn gvir_storage_vol_get_info(v: StorageVol; err) -> boxed { v.info() }
    fn gvir_storage_vol_delete(v: StorageVol, flags: u32; err) -> bool { v.delete(flags).map(|()| true) }
    fn gvir_storage_vol_resize(v: StorageVol, capacity: u64, flags: u32; err) -> bool {
        v.resize(capacity, flags).map(|()| true)
    }
    fn gvir_storage_vol_download(v: StorageVol, stream: *mut GObject, offset: u64, length: u64, flags: u32; err) -> bool {
        // SAFETY: per the C contract.
        let st = unsafe { stream_arg("gvir_storage_vol_download", stream) }?;
        let h = v.virt_handle().ok_or_else(closed)?;
        h.download(&st, offset, length, flags).map_err(lv("downloading the volume")).map(|()| true)
    }
    fn gvir_storage_vol_upload(v: StorageVol, stream: *mut GObject, offset: u64, length: u64, flags: u32; err) -> bool {
        // SAFETY: per the C contract.
        let st = unsafe { stream_arg("gvir_storage_vol_upload", stream) }?;
        let h = v.virt_handle().ok_or_else(closed)?;
        h.upload(&st, offset, length, flags).map_err(lv("uploading the volume")).map(|()| true)
    }
}

async_pair! {
    gvir_storage_pool_build_async, gvir_storage_pool_build_finish: StoragePool,
        |p, flags: u32| p.build_future(flags) => unit;
    gvir_storage_pool_start_async, gvir_storage_pool_start_finish: StoragePool,
        |p, flags: u32| p.start_future(flags) => unit;
    gvir_storage_pool_stop_async, gvir_storage_pool_stop_finish: StoragePool,
        |p| p.stop_future() => unit;
    gvir_storage_pool_undefine_async, gvir_storage_pool_undefine_finish: StoragePool,
        |p| p.undefine_future() => unit;
    gvir_storage_pool_delete_async, gvir_storage_pool_delete_finish: StoragePool,
        |p, flags: u32| p.delete_future(flags) => unit;
    gvir_storage_pool_refresh_async, gvir_storage_pool_refresh_finish: StoragePool,
        |p| p.refresh_future() => unit;
}
