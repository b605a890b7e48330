//! `GVirDomainDevice`, `GVirDomainDisk`, `GVirDomainInterface`.

use glib::prelude::*;
use libvirt_gobject::{DomainDevice, DomainDisk, DomainInterface};

use crate::config::generated as cfg;
use crate::object::{cfn, get_types};

get_types! {
    gvir_domain_disk_stats_get_type => libvirt_gobject::DomainDiskStats;
    gvir_domain_interface_stats_get_type => libvirt_gobject::DomainInterfaceStats;
}

/// Makes the `config` property of `GVirDomainDevice` a `GVirConfigDomainDevice`, as in
/// the C library. Every path to the device classes through the C ABI (their `get_type`,
/// `gvir_init_object`, `gvir_domain_get_devices`) runs this before the class is built.
pub(crate) fn config_class() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        DomainDevice::set_config_type(cfg::DomainDevice::static_type());
    });
}

/// The GType getters of the device classes (their `config` property set up first).
macro_rules! device_types {
    ($($fname:ident => $T:ty;)*) => {$(
        #[doc = concat!("`", stringify!($fname), "`.")]
        #[no_mangle]
        pub extern "C" fn $fname() -> glib::ffi::GType {
            use glib::translate::IntoGlib;
            $crate::ffi::guard(stringify!($fname), 0, || {
                config_class();
                <$T>::static_type().into_glib()
            })
        }
    )*};
}

device_types! {
    gvir_domain_device_get_type => DomainDevice;
    gvir_domain_disk_get_type => DomainDisk;
    gvir_domain_interface_get_type => DomainInterface;
}

cfn! {
    fn gvir_domain_device_get_config(d: DomainDevice) -> opt_obj_full { d.config() }
    fn gvir_domain_device_get_domain(d: DomainDevice) -> opt_obj_full { d.domain() }
    fn gvir_domain_disk_get_stats(d: DomainDisk; err) -> boxed { d.stats() }
    fn gvir_domain_disk_resize(d: DomainDisk, size: u64, flags: u32; err) -> bool {
        d.resize(size, flags).map(|()| true)
    }
    fn gvir_domain_interface_get_stats(d: DomainInterface; err) -> boxed { d.stats() }
}
