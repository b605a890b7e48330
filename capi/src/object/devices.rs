//! `GVirDomainDevice`, `GVirDomainDisk`, `GVirDomainInterface`.

use glib::prelude::*;
use libvirt_gobject::{DomainDevice, DomainDisk, DomainInterface};

use crate::config::object::ConfigObject;
use crate::object::{cfn, get_types};

get_types! {
    gvir_domain_device_get_type => DomainDevice;
    gvir_domain_disk_get_type => DomainDisk;
    gvir_domain_disk_stats_get_type => libvirt_gobject::DomainDiskStats;
    gvir_domain_interface_get_type => DomainInterface;
    gvir_domain_interface_stats_get_type => libvirt_gobject::DomainInterfaceStats;
}

const CONFIG: &str = "gvir-capi-config";

/// Attaches the device's `GVirConfigDomainDevice` (its `config` in the C library).
pub(crate) fn attach_config(dev: &DomainDevice, config: ConfigObject) {
    // SAFETY: the data under CONFIG is only ever a ConfigObject.
    unsafe { dev.set_data(CONFIG, config) };
}

fn config(dev: &DomainDevice) -> Option<ConfigObject> {
    // SAFETY: see attach_config.
    unsafe { dev.data::<ConfigObject>(CONFIG).map(|p| p.as_ref().clone()) }
}

cfn! {
    fn gvir_domain_device_get_config(d: DomainDevice) -> opt_obj_full { config(d) }
    fn gvir_domain_device_get_domain(d: DomainDevice) -> opt_obj_full { d.domain() }
    fn gvir_domain_disk_get_stats(d: DomainDisk; err) -> boxed { d.stats() }
    fn gvir_domain_disk_resize(d: DomainDisk, size: u64, flags: u32; err) -> bool {
        d.resize(size, flags).map(|()| true)
    }
    fn gvir_domain_interface_get_stats(d: DomainInterface; err) -> boxed { d.stats() }
}
