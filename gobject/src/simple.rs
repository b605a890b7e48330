//! Small handle classes: [`NodeDevice`], [`Secret`], [`Interface`], [`NetworkFilter`].

use std::cell::RefCell;
use std::future::Future;

use glib::prelude::*;
use glib::subclass::prelude::*;

use crate::trace::func;
use crate::util::{self, async_trio, Handled as _};

macro_rules! handle_class {
    ($(#[$doc:meta])* $name:ident, $modname:ident, $gtype:literal, $virt:ty, $boxed:ident, $key:ident, $keydoc:literal, $xmlfn:literal, $xml:expr) => {
        mod $modname {
            use super::*;

            #[derive(Default, glib::Properties)]
            #[properties(wrapper_type = super::$name)]
            pub struct $name {
                /// The libvirt handle as the C library's boxed handle type (construct-only:
                /// adopts an existing libvirt object, as in the C library).
                #[property(name = "handle", get = Self::handle_boxed, set = Self::set_handle_boxed, construct_only, type = Option<crate::handles::$boxed>)]
                pub(super) handle_boxed: std::marker::PhantomData<Option<crate::handles::$boxed>>,
                pub(super) handle: RefCell<Option<$virt>>,
                #[doc = $keydoc]
                #[property(get)]
                pub(super) $key: RefCell<String>,
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
            pub struct $name(ObjectSubclass<$modname::$name>);
        }

        impl util::Handled for $name {
            type Handle = $virt;

            fn handle(&self) -> Option<Self::Handle> {
                self.imp().handle.borrow().clone()
            }
        }

        impl $name {
            /// The libvirt handle (a new reference), `None` once the connection is closed; for
            /// calls this type does not wrap (the C ABI uses it).
            pub fn virt_handle(&self) -> Option<$virt> {
                self.imp().handle.borrow().clone()
            }

            pub(crate) fn new(handle: $virt, key: String) -> Self {
                let obj: Self = glib::Object::new();
                obj.imp().handle.replace(Some(handle));
                obj.imp().$key.replace(key);
                obj
            }

            /// The object's XML description.
            pub fn xml_future(&self) -> impl Future<Output = Result<String, glib::Error>> + 'static {
                self.call($crate::trace::func!($xmlfn, "reading the XML description"), Some(0), $xml)
            }

            async_trio! {
                /// Reads the XML description.
                fn xml, xml_async => xml_future() -> String;
            }
        }
    };
}

handle_class!(
    /// A host device (`GVirNodeDevice`).
    NodeDevice, node_device_imp, "GVirNodeDevice", virt::nodedev::NodeDevice, NodeDeviceHandle, name, "The device's name.", "virNodeDeviceGetXMLDesc",
    |o: &virt::nodedev::NodeDevice| o.xml_desc(0)
);
handle_class!(
    /// A secret (`GVirSecret`).
    Secret, secret_imp, "GVirSecret", virt::secret::Secret, SecretHandle, uuid, "The secret's UUID.", "virSecretGetXMLDesc",
    |o: &virt::secret::Secret| o.xml_desc(0)
);
handle_class!(
    /// A host network interface (`GVirInterface`).
    Interface, interface_imp, "GVirInterface", virt::interface::Interface, InterfaceHandle, name, "The interface's name.", "virInterfaceGetXMLDesc",
    |o: &virt::interface::Interface| o.xml_desc(0)
);
handle_class!(
    /// A network filter (`GVirNetworkFilter`).
    NetworkFilter, nwfilter_imp, "GVirNetworkFilter", virt::nwfilter::NWFilter, NetworkFilterHandle, name, "The filter's name.", "virNWFilterGetXMLDesc",
    |o: &virt::nwfilter::NWFilter| o.xml_desc(0)
);

impl NodeDevice {
    /// Destroys a virtual device created with [`crate::Connection::create_node_device_future`]
    /// (`virNodeDeviceDestroy`); the connection emits `node-device-event`.
    pub fn destroy_future(&self) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        self.call(
            func!("virNodeDeviceDestroy", "destroying the node device"),
            None,
            |d| d.destroy(),
        )
    }

    async_trio! {
        /// Destroys the device.
        fn destroy, destroy_async => destroy_future() -> ();
    }
}
