//! Domain devices: [`DomainDevice`] (`GVirDomainDevice`), [`DomainDisk`]
//! (`GVirDomainDisk`), [`DomainInterface`] (`GVirDomainInterface`).

use std::cell::RefCell;
use std::future::Future;

use glib::prelude::*;
use glib::subclass::prelude::*;

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
        /// The device's target name in the guest config (`vda`, `vnet0`, ...).
        #[property(get, set, construct_only)]
        pub(super) target: RefCell<String>,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for DomainDevice {
        const NAME: &'static str = "GVirDomainDevice";
        const ABSTRACT: bool = true;
        type Type = super::DomainDevice;
    }

    #[glib::derived_properties]
    impl ObjectImpl for DomainDevice {}
}

glib::wrapper! {
    /// A device of a [`Domain`] (`GVirDomainDevice`, abstract).
    pub struct DomainDevice(ObjectSubclass<imp::DomainDevice>);
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
        let (dom, target) = (dev.domain(), dev.target());
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
        let (dom, target) = (dev.domain(), dev.target());
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
        let (dom, target) = (dev.domain(), dev.target());
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
            let mut out = Vec::new();
            if let Some(devs) = cfg.devices() {
                for d in devs.disks() {
                    let target = d.target_dev().ok().flatten().unwrap_or_default();
                    out.push(
                        glib::Object::builder::<DomainDisk>()
                            .property("domain", &dom)
                            .property("target", target)
                            .build()
                            .upcast(),
                    );
                }
                for i in devs.interfaces() {
                    let target = i.target_dev().ok().flatten().unwrap_or_default();
                    out.push(
                        glib::Object::builder::<DomainInterface>()
                            .property("domain", &dom)
                            .property("target", target)
                            .build()
                            .upcast(),
                    );
                }
            }
            Ok(out)
        }
    }

    async_trio! {
        /// Lists disks and interfaces.
        fn devices, devices_async => devices_future() -> Vec<DomainDevice>;
    }
}
