//! Boxed libvirt handles with the C library's GType names (`GVirConnectionHandle`,
//! `GVirDomainHandle`, ...): a reference on the underlying `virXxxPtr`, for bindings.

macro_rules! handle {
    ($($(#[$doc:meta])* $name:ident = $gtype:literal, $inner:ty;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Debug, glib::Boxed)]
        #[boxed_type(name = $gtype, nullable)]
        pub struct $name(pub $inner);
    )*};
}

handle! {
    /// A `virConnectPtr` reference (`GVirConnectionHandle`).
    ConnectionHandle = "GVirConnectionHandle", virt::connect::Connect;
    /// A `virDomainPtr` reference (`GVirDomainHandle`).
    DomainHandle = "GVirDomainHandle", virt::domain::Domain;
    /// A `virDomainSnapshotPtr` reference (`GVirDomainSnapshotHandle`).
    DomainSnapshotHandle = "GVirDomainSnapshotHandle", virt::domain_snapshot::DomainSnapshot;
    /// A `virInterfacePtr` reference (`GVirInterfaceHandle`).
    InterfaceHandle = "GVirInterfaceHandle", virt::interface::Interface;
    /// A `virNetworkPtr` reference (`GVirNetworkHandle`).
    NetworkHandle = "GVirNetworkHandle", virt::network::Network;
    /// A `virNWFilterPtr` reference (`GVirNetworkFilterHandle`).
    NetworkFilterHandle = "GVirNetworkFilterHandle", virt::nwfilter::NWFilter;
    /// A `virNodeDevicePtr` reference (`GVirNodeDeviceHandle`).
    NodeDeviceHandle = "GVirNodeDeviceHandle", virt::nodedev::NodeDevice;
    /// A `virSecretPtr` reference (`GVirSecretHandle`).
    SecretHandle = "GVirSecretHandle", virt::secret::Secret;
    /// A `virStoragePoolPtr` reference (`GVirStoragePoolHandle`).
    StoragePoolHandle = "GVirStoragePoolHandle", virt::storage_pool::StoragePool;
    /// A `virStorageVolPtr` reference (`GVirStorageVolHandle`).
    StorageVolHandle = "GVirStorageVolHandle", virt::storage_vol::StorageVol;
}

/// A `virStreamPtr` reference (`GVirStreamHandle`).
#[derive(Clone, glib::Boxed)]
#[boxed_type(name = "GVirStreamHandle", nullable)]
pub struct StreamHandle(pub virt::stream::Stream);

impl std::fmt::Debug for StreamHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StreamHandle")
    }
}

/// The getter and construct-time setter behind a class's `handle` property (the C
/// library's boxed `GVir*Handle`): `handle_property!(Domain, DomainHandle);` in the
/// implementation module, next to a `handle: RefCell<Option<virt::...>>` field.
macro_rules! handle_property {
    ($imp:ident, $boxed:ident) => {
        impl $imp {
            fn handle_boxed(&self) -> Option<crate::handles::$boxed> {
                self.handle.borrow().clone().map(crate::handles::$boxed)
            }

            fn set_handle_boxed(&self, handle: Option<crate::handles::$boxed>) {
                if let Some(h) = handle {
                    self.handle.replace(Some(h.0));
                }
            }
        }
    };
}
pub(crate) use handle_property;
