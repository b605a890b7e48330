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

/// A libvirt handle of an [`ActiveClass`] object: what a listing or an event reads from it.
pub(crate) trait ActiveHandle: Sized + Send + 'static {
    /// The object's UUID (`vir*GetUUIDString`).
    fn uuid_string(&self) -> Result<String, virt::error::Error>;
    /// The object's name (`vir*GetName`).
    fn name(&self) -> Result<String, virt::error::Error>;
}

/// What the connection's tracking of networks and storage pools needs of them.
pub(crate) trait ActiveClass:
    crate::util::Handled + glib::prelude::IsA<glib::Object> + Clone
{
    /// A new object over `handle`.
    fn create(handle: Self::Handle, uuid: String, name: String, active: bool) -> Self;
    /// Replaces (or, with `None`, drops) the libvirt handle.
    fn replace_handle(&self, handle: Option<Self::Handle>);
    /// Sets `active`, notifying when it changes.
    fn set_active(&self, active: bool);
}

/// A class over a libvirt object with a UUID, a name and an `active` state that follows
/// the object's lifecycle events (`GVirNetwork`, `GVirStoragePool`): the GObject with its
/// `handle`, `uuid`, `name` and `active` properties, and the constructor and setters the
/// connection's object tracking uses.
macro_rules! active_class {
    ($(#[$doc:meta])* $name:ident, $gtype:literal, $virt:ty, $boxed:ident) => {
        mod imp {
            use std::cell::{Cell, RefCell};

            use glib::prelude::*;
            use glib::subclass::prelude::*;

            #[derive(Default, glib::Properties)]
            #[properties(wrapper_type = super::$name)]
            pub struct $name {
                /// The libvirt handle as the C library's boxed handle type (construct-only:
                /// adopts an existing libvirt object, as in the C library).
                #[property(name = "handle", get = Self::handle_boxed, set = Self::set_handle_boxed, construct_only, type = Option<crate::handles::$boxed>)]
                pub(super) handle_boxed: std::marker::PhantomData<Option<crate::handles::$boxed>>,
                pub(super) handle: RefCell<Option<$virt>>,
                /// The UUID.
                #[property(get)]
                pub(super) uuid: RefCell<String>,
                /// The name.
                #[property(get)]
                pub(super) name: RefCell<String>,
                /// Whether it is active (kept in sync from lifecycle events).
                #[property(get)]
                pub(super) active: Cell<bool>,
            }

            crate::handles::handle_property!($name, $boxed);

            #[glib::object_subclass]
            impl ObjectSubclass for $name {
                const NAME: &'static str = $gtype;
                type Type = super::$name;
            }

            #[glib::derived_properties]
            impl ObjectImpl for $name {}
        }

        glib::wrapper! {
            $(#[$doc])*
            pub struct $name(ObjectSubclass<imp::$name>);
        }

        impl crate::util::Handled for $name {
            type Handle = $virt;

            fn handle(&self) -> Option<Self::Handle> {
                self.imp().handle.borrow().clone()
            }
        }

        impl crate::handles::ActiveClass for $name {
            fn create(handle: $virt, uuid: String, name: String, active: bool) -> Self {
                let obj: Self = glib::Object::new();
                obj.imp().handle.replace(Some(handle));
                obj.imp().uuid.replace(uuid);
                obj.imp().name.replace(name);
                obj.imp().active.set(active);
                obj
            }

            fn replace_handle(&self, h: Option<$virt>) {
                self.imp().handle.replace(h);
            }

            fn set_active(&self, a: bool) {
                if self.imp().active.replace(a) != a {
                    self.notify_active();
                }
            }
        }

        impl crate::handles::ActiveHandle for $virt {
            fn uuid_string(&self) -> Result<String, virt::error::Error> {
                <$virt>::uuid_string(self)
            }

            fn name(&self) -> Result<String, virt::error::Error> {
                <$virt>::name(self)
            }
        }

        impl $name {
            /// The libvirt handle (a new reference), `None` once the connection is closed;
            /// for calls this type does not wrap (the C ABI uses it).
            pub fn virt_handle(&self) -> Option<$virt> {
                self.imp().handle.borrow().clone()
            }
        }
    };
}
pub(crate) use active_class;
