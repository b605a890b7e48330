//! Parts shared by every device: `<address>`, `<alias>`, `<boot>` and `<acpi>`.
//!
//! A device declares them with one line each, for example
//! `child address, address_or_create, remove_address: DeviceAddress = "address";`.

use crate::value::{Hex, OnOff, PciBus, PciDomain, PciFunction, PciSlot, Uuid};
use crate::{xml_element, xml_enum};

xml_enum! {
    /// The kind of a device address (`<address type='...'>`).
    pub enum AddressType {
        /// A PCI slot (`domain`, `bus`, `slot`, `function`, `multifunction`, `<zpci>`).
        Pci = "pci",
        /// A disk controller position (`controller`, `bus`, `target`, `unit`).
        Drive = "drive",
        /// A virtio-serial port (`controller`, `bus`, `port`).
        VirtioSerial = "virtio-serial",
        /// A CCID smartcard slot (`controller`, `slot`).
        Ccid = "ccid",
        /// A USB port (`bus`, `port`).
        Usb = "usb",
        /// A pSeries VIO register (`reg`).
        SpaprVio = "spapr-vio",
        /// An s390 channel I/O device (`cssid`, `ssid`, `devno`).
        Ccw = "ccw",
        /// An ISA device (`iobase`, `irq`).
        Isa = "isa",
        /// virtio-mmio (no attributes).
        VirtioMmio = "virtio-mmio",
        /// A DIMM slot (`slot`, `base`).
        Dimm = "dimm",
        /// No guest address (the device is not exposed).
        Unassigned = "unassigned",
        /// s390 virtio (legacy).
        VirtioS390 = "virtio-s390",
    }
}

xml_element! {
    /// `<address>`: where a device sits on its guest bus. Which attributes
    /// apply depends on [`AddressType`].
    ///
    /// The same view serves every `<address>` of a PCI, USB, SCSI or mediated
    /// host device: a host device's `<source>`, a network's `<forward>` pool, a
    /// network port's `<plug>` and a storage pool adapter's `<parentaddr>`.
    pub struct DeviceAddress = "address", order = ["zpci"] {
        /// The kind of address.
        attr address_type, set_address_type: AddressType = "type";
        /// Controller index (`drive`, `virtio-serial`, `ccid`).
        attr controller, set_controller: u32 = "controller";
        /// PCI domain (`pci`).
        attr domain, set_domain: PciDomain = "domain";
        /// Bus number (`pci`, `drive`, `virtio-serial`, `usb`, host SCSI).
        attr bus, set_bus: u32 = "bus";
        /// PCI bus (`pci`): the `bus` attribute, written as libvirt writes PCI buses.
        attr pci_bus, set_pci_bus: PciBus = "bus";
        /// Slot (`pci`, `ccid`, `dimm`).
        attr slot, set_slot: u32 = "slot";
        /// PCI slot (`pci`): the `slot` attribute, written as libvirt writes PCI slots.
        attr pci_slot, set_pci_slot: PciSlot = "slot";
        /// PCI function (`pci`).
        attr function, set_function: PciFunction = "function";
        /// Whether the PCI slot is multi-function (`pci`).
        attr multifunction, set_multifunction: OnOff = "multifunction";
        /// zPCI user-defined identifier (`pci` on s390).
        child_attr zpci_uid, set_zpci_uid: u16 = "zpci" / "uid";
        /// zPCI function identifier (`pci` on s390).
        child_attr zpci_fid, set_zpci_fid: u32 = "zpci" / "fid";
        /// Target (`drive`, host SCSI).
        attr target, set_target: u32 = "target";
        /// Unit (`drive`, host SCSI).
        attr unit, set_unit: u64 = "unit";
        /// Port: a number for `virtio-serial`, a dotted hub path such as
        /// `1.2` for `usb`.
        attr port, set_port: String = "port";
        /// Register (`spapr-vio`).
        attr reg, set_reg: Hex = "reg";
        /// Channel subsystem id (`ccw`).
        attr cssid, set_cssid: u32 = "cssid";
        /// Subchannel set id (`ccw`).
        attr ssid, set_ssid: u32 = "ssid";
        /// Device number (`ccw`).
        attr devno, set_devno: u32 = "devno";
        /// I/O port base (`isa`).
        attr iobase, set_iobase: Hex = "iobase";
        /// IRQ (`isa`).
        attr irq, set_irq: Hex = "irq";
        /// Guest physical base address (`dimm`).
        attr base, set_base: Hex = "base";
        /// USB device number (host USB device).
        attr device, set_device: u32 = "device";
        /// Mediated device UUID (host mediated device).
        attr uuid, set_uuid: Uuid = "uuid";
        /// Number of connections using the device (live status of a
        /// network's `<forward>` pool).
        attr connections, set_connections: u32 = "connections";
    }
}

impl DeviceAddress {
    /// Makes this a PCI address `domain:bus:slot.function`, written as
    /// libvirt writes it (`domain='0x0000' bus='0x00' slot='0x04' function='0x0'`).
    pub fn set_pci(&self, domain: u32, bus: u32, slot: u32, function: u32) {
        self.set_address_type(Some(AddressType::Pci));
        self.set_domain(Some(domain.into()));
        self.set_pci_bus(Some(bus.into()));
        self.set_pci_slot(Some(slot.into()));
        self.set_function(Some(function.into()));
    }

    /// Makes this a drive address `controller:bus:target:unit`.
    pub fn set_drive(&self, controller: u32, bus: u32, target: u32, unit: u32) {
        self.set_address_type(Some(AddressType::Drive));
        self.set_controller(Some(controller));
        self.set_bus(Some(bus));
        self.set_target(Some(target));
        self.set_unit(Some(unit.into()));
    }
}

xml_element! {
    /// `<alias>`: the device's name in the hypervisor (user aliases start with `ua-`).
    pub struct DeviceAlias = "alias" {
        /// The alias.
        attr name, set_name: String = "name";
    }
}

xml_element! {
    /// `<boot>` of a device: per-device boot order.
    pub struct DeviceBoot = "boot" {
        /// Position in the boot order (1 first).
        attr order, set_order: u32 = "order";
        /// s390 boot parameter (up to 8 characters).
        attr loadparm, set_loadparm: String = "loadparm";
    }
}

xml_element! {
    /// `<acpi>` of a device.
    pub struct DeviceAcpi = "acpi" {
        /// ACPI index (the guest's on-board NIC number).
        attr index, set_index: u32 = "index";
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::XmlValue;

    #[test]
    fn hex() {
        assert_eq!(Hex::from_xml("0x3f8"), Ok(Hex(0x3f8)));
        assert_eq!(Hex::from_xml("10"), Ok(Hex(0x10)));
        assert_eq!(Hex::from_xml("0x0000000100000000"), Ok(Hex(1 << 32)));
        assert!(Hex::from_xml("0x").is_err());
        assert!(Hex::from_xml("12g").is_err());
        assert!(Hex::from_xml("-1").is_err());
        assert_eq!(Hex(0x505).to_xml(), "0x505");
    }
}
