//! Domain devices: [`DomainDevice`] (`GVirDomainDevice`), [`DomainDisk`]
//! (`GVirDomainDisk`), [`DomainInterface`] (`GVirDomainInterface`).

use std::cell::RefCell;
use std::future::Future;

use glib::prelude::*;
use glib::subclass::prelude::*;
use glib::translate::{from_glib_none, IntoGlib};

use crate::info::{DomainDiskStats, DomainInterfaceStats};
use crate::util::{self, async_trio};
use crate::Domain;

mod imp {
    use super::*;

    #[derive(Default, glib::Properties)]
    #[properties(wrapper_type = super::DomainDevice)]
    pub struct DomainDevice {
        /// The domain the device belongs to.
        #[property(get, set, construct_only)]
        pub(super) domain: glib::WeakRef<Domain>,
        /// The device's target name in the guest config (`vda`, `vnet0`, ...), if it has one.
        #[property(get, set, construct_only, nullable)]
        pub(super) target: RefCell<Option<String>>,
        /// The property `config`: the device's configuration object (construct-only), of
        /// the type given to [`DomainDevice::set_config_type`](super::DomainDevice::set_config_type).
        pub(super) config: RefCell<Option<glib::Object>>,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for DomainDevice {
        const NAME: &'static str = "GVirDomainDevice";
        const ABSTRACT: bool = true;
        type Type = super::DomainDevice;
    }

    impl ObjectImpl for DomainDevice {
        fn properties() -> &'static [glib::ParamSpec] {
            static P: std::sync::OnceLock<Vec<glib::ParamSpec>> = std::sync::OnceLock::new();
            P.get_or_init(|| {
                let ty = *super::CONFIG_TYPE.get_or_init(glib::Object::static_type);
                let flags = glib::ParamFlags::READWRITE | glib::ParamFlags::CONSTRUCT_ONLY;
                // SAFETY: a static name, a GObject type and valid flags; the floating
                // reference is sunk by from_glib_none.
                let config: glib::ParamSpec = unsafe {
                    from_glib_none(glib::gobject_ffi::g_param_spec_object(
                        c"config".as_ptr(),
                        std::ptr::null(),
                        std::ptr::null(),
                        ty.into_glib(),
                        flags.into_glib(),
                    ))
                };
                let mut v = Self::derived_properties().to_vec();
                v.push(config);
                v
            })
        }

        fn set_property(&self, id: usize, value: &glib::Value, pspec: &glib::ParamSpec) {
            if pspec.name() == "config" {
                self.config
                    .replace(value.get().expect("an object, checked by GObject"));
            } else {
                self.derived_set_property(id, value, pspec)
            }
        }

        fn property(&self, id: usize, pspec: &glib::ParamSpec) -> glib::Value {
            if pspec.name() == "config" {
                self.config.borrow().to_value()
            } else {
                self.derived_property(id, pspec)
            }
        }
    }
}

/// The class of the `config` property of [`DomainDevice`], fixed when the class is built.
static CONFIG_TYPE: std::sync::OnceLock<glib::Type> = std::sync::OnceLock::new();

glib::wrapper! {
    /// A device of a [`Domain`] (`GVirDomainDevice`, abstract).
    pub struct DomainDevice(ObjectSubclass<imp::DomainDevice>);
}

impl DomainDevice {
    /// Sets the class of the `config` property: a GObject type such as the C API's
    /// `GVirConfigDomainDevice` (any `GObject` when never set). It must be called before
    /// the first device class is used; returns `false` (and changes nothing) after that.
    pub fn set_config_type(ty: glib::Type) -> bool {
        ty.is_a(glib::Object::static_type()) && CONFIG_TYPE.set(ty).is_ok()
    }

    /// The device's configuration object (`config`), if it was given one.
    pub fn config(&self) -> Option<glib::Object> {
        self.imp().config.borrow().clone()
    }
}

/// Subclassing trait of [`DomainDevice`].
pub trait DomainDeviceImpl: ObjectImpl + ObjectSubclass<Type: IsA<DomainDevice>> {}

// SAFETY: DomainDevice has no class virtual methods to set up.
unsafe impl<T: DomainDeviceImpl> IsSubclassable<T> for DomainDevice {}

mod disk_imp {
    use super::*;

    #[derive(Default)]
    pub struct DomainDisk;

    #[glib::object_subclass]
    impl ObjectSubclass for DomainDisk {
        const NAME: &'static str = "GVirDomainDisk";
        type Type = super::DomainDisk;
        type ParentType = DomainDevice;
    }

    impl ObjectImpl for DomainDisk {}
    impl DomainDeviceImpl for DomainDisk {}
}

glib::wrapper! {
    /// A disk of a [`Domain`] (`GVirDomainDisk`).
    pub struct DomainDisk(ObjectSubclass<disk_imp::DomainDisk>) @extends DomainDevice;
}

impl DomainDisk {
    /// The disk's I/O counters.
    pub fn stats_future(
        &self,
    ) -> impl Future<Output = Result<DomainDiskStats, glib::Error>> + 'static {
        let dev = self.upcast_ref::<DomainDevice>();
        let (dom, target) = (dev.domain(), dev.target().unwrap_or_default());
        async move {
            dom.ok_or_else(util::not_connected)?
                .disk_stats_future(&target)
                .await
        }
    }

    /// Resizes the disk to `size` KiB (`virDomainBlockResize`).
    pub fn resize_future(
        &self,
        size: u64,
        flags: u32,
    ) -> impl Future<Output = Result<(), glib::Error>> + 'static {
        let dev = self.upcast_ref::<DomainDevice>();
        let (dom, target) = (dev.domain(), dev.target().unwrap_or_default());
        async move {
            dom.ok_or_else(util::not_connected)?
                .block_resize_future(&target, size, flags)
                .await
        }
    }

    async_trio! {
        /// Reads the disk's counters.
        fn stats, stats_async => stats_future() -> DomainDiskStats;
        /// Resizes the disk.
        fn resize, resize_async => resize_future(size: u64, flags: u32) -> ();
    }
}

mod iface_imp {
    use super::*;

    #[derive(Default)]
    pub struct DomainInterface;

    #[glib::object_subclass]
    impl ObjectSubclass for DomainInterface {
        const NAME: &'static str = "GVirDomainInterface";
        type Type = super::DomainInterface;
        type ParentType = DomainDevice;
    }

    impl ObjectImpl for DomainInterface {}
    impl DomainDeviceImpl for DomainInterface {}
}

glib::wrapper! {
    /// A network interface of a [`Domain`] (`GVirDomainInterface`).
    pub struct DomainInterface(ObjectSubclass<iface_imp::DomainInterface>) @extends DomainDevice;
}

impl DomainInterface {
    /// The interface's traffic counters.
    pub fn stats_future(
        &self,
    ) -> impl Future<Output = Result<DomainInterfaceStats, glib::Error>> + 'static {
        let dev = self.upcast_ref::<DomainDevice>();
        let (dom, target) = (dev.domain(), dev.target().unwrap_or_default());
        async move {
            dom.ok_or_else(util::not_connected)?
                .interface_stats_future(&target)
                .await
        }
    }

    async_trio! {
        /// Reads the interface's counters.
        fn stats, stats_async => stats_future() -> DomainInterfaceStats;
    }
}

impl Domain {
    /// The domain's disks and network interfaces (from its live XML), as
    /// [`DomainDisk`] and [`DomainInterface`] objects.
    pub fn devices_future(
        &self,
    ) -> impl Future<Output = Result<Vec<DomainDevice>, glib::Error>> + 'static {
        let cfg = self.config_future(0);
        let weak = self.downgrade();
        async move {
            let cfg = cfg.await?;
            let dom = weak.upgrade().ok_or_else(util::not_connected)?;
            Ok(dom.devices_of(&cfg, |_, _| None))
        }
    }

    /// The disks and network interfaces of `cfg` (this domain's configuration) as
    /// [`DomainDisk`] and [`DomainInterface`] objects, in document order per kind.
    /// `config(device_type, element)` gives each device its `config` object.
    pub fn devices_of(
        &self,
        cfg: &libvirt_gconfig::Domain,
        mut config: impl FnMut(glib::Type, libvirt_gconfig::NodeId) -> Option<glib::Object>,
    ) -> Vec<DomainDevice> {
        use libvirt_gconfig::view::XmlView;
        let config_type = *CONFIG_TYPE.get_or_init(glib::Object::static_type);
        let Some(devs) = cfg.devices() else {
            return Vec::new();
        };
        let disks = devs.disks().into_iter().map(|d| {
            let target = d.target_dev().ok().flatten();
            (DomainDisk::static_type(), target, d.node())
        });
        let ifaces = devs.interfaces().into_iter().map(|i| {
            let target = i.target_dev().ok().flatten();
            (DomainInterface::static_type(), target, i.node())
        });
        disks
            .chain(ifaces)
            .map(|(ty, target, node)| {
                glib::Object::builder_with_type(ty)
                    .property("domain", self)
                    .property("target", target)
                    .property(
                        "config",
                        config(ty, node).filter(|c| c.type_().is_a(config_type)),
                    )
                    .build()
                    .downcast()
                    .expect("a DomainDevice subclass")
            })
            .collect()
    }

    async_trio! {
        /// Lists disks and interfaces.
        fn devices, devices_async => devices_future() -> Vec<DomainDevice>;
    }
}
