//! `<devices>`: every device of a domain, generic and typed.

use std::fmt;

use crate::dom::{NodeId, SharedDocument};
use crate::view::XmlView;
use crate::xml_element;

mod address;
mod disk;
mod interface;

pub use address::{AddressType, DeviceAcpi, DeviceAddress, DeviceAlias, DeviceBoot, Hex};
pub use disk::{
    DiskAuth, DiskBackingStore, DiskBus, DiskCache, DiskCookie, DiskCookies, DiskDevice,
    DiskDriver, DiskDriverIothread, DiskDriverIothreads, DiskEncryption, DiskErrorPolicy,
    DiskFormat, DiskIo, DiskIothreadQueue, DiskIotune, DiskMetadataCache, DiskMirror, DiskProtocol,
    DiskReservations, DiskSecret, DiskSlice, DiskSlices, DiskSnapshotMode, DiskSourceInitiator,
    DiskSourceSeclabel, DiskStartupPolicy, DiskType, DomainDisk, DomainDiskSource,
    DomainDiskSourceHost,
};
pub use interface::{
    DomainInterface, FilterRefParameter, InterfaceBandwidth, InterfaceBandwidthRate,
    InterfaceCoalesce, InterfaceCoalesceRx, InterfaceDriver, InterfaceDriverGuest,
    InterfaceDriverHost, InterfaceFilterRef, InterfaceIp, InterfacePortForward, InterfaceRoute,
    InterfaceSource, InterfaceTune, InterfaceType, InterfaceVirtualPort, InterfaceVlan,
    InterfaceVlanTag, PortForwardRange, VirtualPortParameters,
};

xml_element! {
    /// `<devices>`: the devices of a domain.
    ///
    /// Typed lists exist per device kind; [`DomainDevices::all`] lists every
    /// device whatever its kind.
    pub struct DomainDevices = "devices", order = [
        "emulator", "disk", "controller", "lease", "filesystem", "interface", "smartcard",
        "serial", "parallel", "console", "channel", "input", "tpm", "graphics", "sound", "audio",
        "video", "hostdev", "redirdev", "redirfilter", "hub", "watchdog", "memballoon", "rng",
        "panic", "shmem", "memory", "iommu", "vsock", "crypto", "pstore",
    ] {
        /// Path of the device model emulator binary.
        child_text emulator, set_emulator: String = "emulator";
        /// Disks.
        children disks, add_disk, remove_disk: DomainDisk = "disk";
        /// Network interfaces.
        children interfaces, add_interface, remove_interface: DomainInterface = "interface";
    }
}

impl DomainDevices {
    /// Every device (every child element except `<emulator>`), in document order.
    pub fn all(&self) -> Vec<DomainDevice> {
        let kids: Vec<NodeId> = {
            let d = self.doc.borrow();
            d.child_elements(self.node)
                .filter(|c| d.name(*c) != "emulator")
                .collect()
        };
        kids.into_iter()
            .map(|node| DomainDevice {
                doc: self.doc.clone(),
                node,
            })
            .collect()
    }

    /// Removes a device; returns whether it was one of these devices.
    pub fn remove_device(&self, device: &DomainDevice) -> bool {
        crate::view::remove_child_view(&self.doc, self.node, device)
    }
}

/// Any device of a domain; its kind is its element name.
#[derive(Clone)]
pub struct DomainDevice {
    doc: SharedDocument,
    node: NodeId,
}

impl fmt::Debug for DomainDevice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DomainDevice")
            .field("kind", &self.kind())
            .field("node", &self.node)
            .finish()
    }
}

impl DomainDevice {
    /// The device kind: the element name (`"disk"`, `"interface"`, `"graphics"`...).
    pub fn kind(&self) -> String {
        self.doc.borrow().name(self.node).to_owned()
    }

    /// The device as a typed view `V` if its element is `V::ELEMENT`.
    pub fn downcast<V: XmlView>(&self) -> Option<V> {
        let is = self.doc.borrow().name(self.node) == V::ELEMENT;
        is.then(|| V::from_node(self.doc.clone(), self.node))
    }

    /// The device's guest bus address, whatever its kind.
    pub fn address(&self) -> Option<DeviceAddress> {
        crate::view::child_view(&self.doc, self.node, DeviceAddress::ELEMENT)
    }

    /// The device's alias, whatever its kind.
    pub fn alias(&self) -> Option<DeviceAlias> {
        crate::view::child_view(&self.doc, self.node, DeviceAlias::ELEMENT)
    }

    /// The device as a disk.
    pub fn as_disk(&self) -> Option<DomainDisk> {
        self.downcast()
    }

    /// The device as a network interface.
    pub fn as_interface(&self) -> Option<DomainInterface> {
        self.downcast()
    }
}

impl XmlView for DomainDevice {
    const ELEMENT: &'static str = "";
    const ORDER: &'static [&'static str] = &[];

    fn from_node(doc: SharedDocument, node: NodeId) -> Self {
        DomainDevice { doc, node }
    }
    fn document(&self) -> &SharedDocument {
        &self.doc
    }
    fn node(&self) -> NodeId {
        self.node
    }
    fn info() -> &'static crate::view::ViewInfo {
        static INFO: crate::view::ViewInfo = crate::view::ViewInfo {
            type_name: "DomainDevice",
            element: "",
            order: &[],
            properties: &[],
        };
        &INFO
    }
    fn touch(&self, _errors: &mut Vec<crate::Error>) {}
}
