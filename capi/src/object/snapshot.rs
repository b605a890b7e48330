//! `GVirDomainSnapshot`.

use libvirt_gobject::{flags, DomainSnapshot};

use crate::config::generated as cfg;
use crate::object::{async_pair, cfn, config_xml, get_types, new_config};

get_types! {
    gvir_domain_snapshot_get_type => DomainSnapshot;
    gvir_domain_snapshot_handle_get_type => libvirt_gobject::handles::DomainSnapshotHandle;
    gvir_domain_snapshot_delete_flags_get_type => flags::DomainSnapshotDeleteFlags;
    gvir_domain_snapshot_revert_flags_get_type => flags::DomainSnapshotRevertFlags;
}

cfn! {
    fn gvir_domain_snapshot_get_name(s: DomainSnapshot) -> str_none { Some(s.name()) }
    fn gvir_domain_snapshot_get_config(s: DomainSnapshot, _flags: u32; err) -> obj_full {
        new_config::<cfg::DomainSnapshot>("domainsnapshot", &s.xml()?)
    }
    fn gvir_domain_snapshot_set_config(s: DomainSnapshot, conf: *mut glib::gobject_ffi::GObject; err) -> bool {
        // SAFETY: conf is checked to be a GVirConfigObject.
        let xml = unsafe { config_xml("gvir_domain_snapshot_set_config", conf) }?;
        let h = s.virt_handle().ok_or_else(crate::object::closed)?;
        h.domain()
            .and_then(|d| d.create_snapshot_xml(&xml, virt_sys::VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE))
            .map_err(|e| libvirt_glib::to_glib(&e, "redefining the snapshot"))
            .map(|_| true)
    }
    fn gvir_domain_snapshot_get_is_current(s: DomainSnapshot, _flags: u32, is_current: *mut glib::ffi::gboolean; err) -> bool {
        let v = s.is_current()?;
        if !is_current.is_null() {
            // SAFETY: an out parameter per the C contract.
            unsafe { *is_current = glib::translate::IntoGlib::into_glib(v) };
        }
        Ok(true)
    }
    fn gvir_domain_snapshot_delete(s: DomainSnapshot, flags: u32; err) -> bool {
        s.delete(flags).map(|()| true)
    }
    fn gvir_domain_snapshot_revert_to(s: DomainSnapshot, flags: u32; err) -> bool {
        s.revert_to(flags).map(|()| true)
    }
}

async_pair! {
    gvir_domain_snapshot_delete_async, gvir_domain_snapshot_delete_finish: DomainSnapshot,
        |s, flags: u32| s.delete_future(flags) => unit;
    gvir_domain_snapshot_revert_to_async, gvir_domain_snapshot_revert_to_finish: DomainSnapshot,
        |s, flags: u32| s.revert_to_future(flags) => unit;
}
