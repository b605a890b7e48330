//! The LibvirtGConfig classes and their C functions.
//!
//! One line per class ([`config_class!`](crate::config_class)); functions follow, grouped
//! per class. The declarations (with their GI annotations) are in
//! `capi/api/LibvirtGConfig.api`.

use std::ffi::c_char;

use glib::ffi::GError;
use glib::gobject_ffi::GObject;
use glib::prelude::*;
use glib::translate::*;

use super::object::{new_from_xml, ConfigObject};
use crate::config_class;
use crate::ffi::{cached_str, guard, obj, opt_str};

config_class!(
    /// `GVirConfigCapabilities`: `<capabilities>`.
    Capabilities, CapabilitiesImp = "GVirConfigCapabilities", ConfigObject; [ConfigObject]);
config_class!(
    /// `GVirConfigDomainCapabilities`: `<domainCapabilities>`.
    DomainCapabilities, DomainCapabilitiesImp = "GVirConfigDomainCapabilities", ConfigObject; [ConfigObject]);
config_class!(
    /// `GVirConfigDomain`: `<domain>`.
    Domain, DomainImp = "GVirConfigDomain", ConfigObject; [ConfigObject]);
config_class!(
    /// `GVirConfigDomainDevice`: any element under `<devices>`.
    DomainDevice, DomainDeviceImp = "GVirConfigDomainDevice", ConfigObject; [ConfigObject]);
config_class!(
    /// `GVirConfigDomainDisk`: `<disk>`.
    DomainDisk, DomainDiskImp = "GVirConfigDomainDisk", DomainDevice; [DomainDevice, ConfigObject]);
config_class!(
    /// `GVirConfigDomainInterface`: `<interface>`. Abstract in the C library (its objects
    /// are GVirConfigDomainInterfaceNetwork/Bridge/User/...); concrete here until those
    /// subclasses exist, since `gvir_domain_get_devices` wraps interfaces in it.
    DomainInterface, DomainInterfaceImp = "GVirConfigDomainInterface", DomainDevice; [DomainDevice, ConfigObject]);
config_class!(
    /// `GVirConfigDomainSnapshot`: `<domainsnapshot>`.
    DomainSnapshot, DomainSnapshotImp = "GVirConfigDomainSnapshot", ConfigObject; [ConfigObject]);
config_class!(
    /// `GVirConfigInterface`: a host `<interface>`.
    Interface, InterfaceImp = "GVirConfigInterface", ConfigObject; [ConfigObject]);
config_class!(
    /// `GVirConfigNetwork`: `<network>`.
    Network, NetworkImp = "GVirConfigNetwork", ConfigObject; [ConfigObject]);
config_class!(
    /// `GVirConfigNetworkFilter`: `<filter>`.
    NetworkFilter, NetworkFilterImp = "GVirConfigNetworkFilter", ConfigObject; [ConfigObject]);
config_class!(
    /// `GVirConfigNodeDevice`: `<device>`.
    NodeDevice, NodeDeviceImp = "GVirConfigNodeDevice", ConfigObject; [ConfigObject]);
config_class!(
    /// `GVirConfigSecret`: `<secret>`.
    Secret, SecretImp = "GVirConfigSecret", ConfigObject; [ConfigObject]);
config_class!(
    /// `GVirConfigStoragePool`: `<pool>`.
    StoragePool, StoragePoolImp = "GVirConfigStoragePool", ConfigObject; [ConfigObject]);
config_class!(
    /// `GVirConfigStorageVol`: `<volume>`.
    StorageVol, StorageVolImp = "GVirConfigStorageVol", ConfigObject; [ConfigObject]);

/// Registers every GType of LibvirtGConfig (types register lazily otherwise).
pub fn register_types() {
    let _ = (
        ConfigObject::static_type(),
        Capabilities::static_type(),
        DomainCapabilities::static_type(),
        Domain::static_type(),
        DomainDevice::static_type(),
        DomainDisk::static_type(),
        DomainInterface::static_type(),
        DomainSnapshot::static_type(),
        Interface::static_type(),
        Network::static_type(),
        NetworkFilter::static_type(),
        NodeDevice::static_type(),
        Secret::static_type(),
        StoragePool::static_type(),
        StorageVol::static_type(),
    );
}

/// `get_type`, `new` and `new_from_xml` of a document class.
macro_rules! document_fns {
    ($($Class:ident, $root:literal, $get_type:ident, $new:ident, $new_from_xml:ident;)*) => {$(
        #[doc = concat!("`", stringify!($get_type), "`.")]
        #[no_mangle]
        pub extern "C" fn $get_type() -> glib::ffi::GType {
            guard(stringify!($get_type), 0, || $Class::static_type().into_glib())
        }

        #[doc = concat!("`", stringify!($new), "`: a new, empty `<", $root, ">` (transfer full).")]
        #[no_mangle]
        pub extern "C" fn $new() -> *mut GObject {
            guard(stringify!($new), std::ptr::null_mut(), || {
                ConfigObject::new_empty($Class::static_type(), $root)
                    .upcast::<glib::Object>()
                    .into_glib_ptr()
            })
        }

        #[doc = concat!("`", stringify!($new_from_xml), "`: parses a `<", $root, ">` document (transfer full).")]
        #[no_mangle]
        pub unsafe extern "C" fn $new_from_xml(
            xml: *const c_char,
            err: *mut *mut GError,
        ) -> *mut GObject {
            // SAFETY: forwarded under the same contract.
            unsafe {
                new_from_xml(stringify!($new_from_xml), $Class::static_type(), $root, xml, err)
            }
        }
    )*};
}

document_fns! {
    Capabilities, "capabilities", gvir_config_capabilities_get_type, gvir_config_capabilities_new, gvir_config_capabilities_new_from_xml;
    DomainCapabilities, "domainCapabilities", gvir_config_domain_capabilities_get_type, gvir_config_domain_capabilities_new, gvir_config_domain_capabilities_new_from_xml;
    Domain, "domain", gvir_config_domain_get_type, gvir_config_domain_new, gvir_config_domain_new_from_xml;
    DomainSnapshot, "domainsnapshot", gvir_config_domain_snapshot_get_type, gvir_config_domain_snapshot_new, gvir_config_domain_snapshot_new_from_xml;
    Interface, "interface", gvir_config_interface_get_type, gvir_config_interface_new, gvir_config_interface_new_from_xml;
    Network, "network", gvir_config_network_get_type, gvir_config_network_new, gvir_config_network_new_from_xml;
    NetworkFilter, "filter", gvir_config_network_filter_get_type, gvir_config_network_filter_new, gvir_config_network_filter_new_from_xml;
    NodeDevice, "device", gvir_config_node_device_get_type, gvir_config_node_device_new, gvir_config_node_device_new_from_xml;
    Secret, "secret", gvir_config_secret_get_type, gvir_config_secret_new, gvir_config_secret_new_from_xml;
    StoragePool, "pool", gvir_config_storage_pool_get_type, gvir_config_storage_pool_new, gvir_config_storage_pool_new_from_xml;
    StorageVol, "volume", gvir_config_storage_vol_get_type, gvir_config_storage_vol_new, gvir_config_storage_vol_new_from_xml;
}

/// `gvir_config_object_get_type`.
#[no_mangle]
pub extern "C" fn gvir_config_object_get_type() -> glib::ffi::GType {
    guard("gvir_config_object_get_type", 0, || {
        ConfigObject::static_type().into_glib()
    })
}

/// `gvir_config_domain_device_get_type`.
#[no_mangle]
pub extern "C" fn gvir_config_domain_device_get_type() -> glib::ffi::GType {
    guard("gvir_config_domain_device_get_type", 0, || {
        DomainDevice::static_type().into_glib()
    })
}

/// `gvir_config_domain_disk_get_type`.
#[no_mangle]
pub extern "C" fn gvir_config_domain_disk_get_type() -> glib::ffi::GType {
    guard("gvir_config_domain_disk_get_type", 0, || {
        DomainDisk::static_type().into_glib()
    })
}

/// `gvir_config_domain_interface_get_type`.
#[no_mangle]
pub extern "C" fn gvir_config_domain_interface_get_type() -> glib::ffi::GType {
    guard("gvir_config_domain_interface_get_type", 0, || {
        DomainInterface::static_type().into_glib()
    })
}

/// `gvir_config_domain_get_name`: the domain's `<name>` (transfer none).
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_get_name(domain: *mut GObject) -> *const c_char {
    guard("gvir_config_domain_get_name", std::ptr::null(), || {
        // SAFETY: checked to be a GVirConfigDomain.
        let Some(o) = (unsafe { obj::<Domain>("gvir_config_domain_get_name", domain) }) else {
            return std::ptr::null();
        };
        let name = o
            .upcast_ref::<ConfigObject>()
            .view::<libvirt_gconfig::Domain>()
            .and_then(|d| d.name().ok().flatten());
        cached_str(&*o, "name", name.as_deref())
    })
}

/// `gvir_config_domain_set_name`: sets (or with NULL removes) the domain's `<name>`.
#[no_mangle]
pub unsafe extern "C" fn gvir_config_domain_set_name(domain: *mut GObject, name: *const c_char) {
    guard("gvir_config_domain_set_name", (), || {
        // SAFETY: checked to be a GVirConfigDomain.
        let Some(o) = (unsafe { obj::<Domain>("gvir_config_domain_set_name", domain) }) else {
            return;
        };
        // SAFETY: name is NULL or a C string.
        let name = unsafe { opt_str(name) }.map(|s| s.into_owned());
        if let Some(d) = o
            .upcast_ref::<ConfigObject>()
            .view::<libvirt_gconfig::Domain>()
        {
            d.set_name(name);
        }
    })
}
