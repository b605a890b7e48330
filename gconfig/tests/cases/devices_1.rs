//! Devices, part 1: shared device parts (address, alias, boot, ACPI index),
//! disks, interfaces, controllers, host devices and the other device kinds.

use libvirt_gconfig::value::OnOff;
use libvirt_gconfig::{AddressType, DomainDevice, Hex};

use super::{check_domain, Case};

/// The cases of this file.
pub const CASES: &[Case] = &[Case::new(
    "device_addresses_of_every_type",
    device_addresses_of_every_type,
)];

fn address_of(devices: &[DomainDevice], kind: &str) -> libvirt_gconfig::DeviceAddress {
    devices
        .iter()
        .find(|d| d.kind() == kind)
        .and_then(DomainDevice::address)
        .unwrap()
}

fn device_addresses_of_every_type() {
    check_domain("dev1-address", |dom| {
        let devices = dom.devices().unwrap();
        assert_eq!(
            devices.emulator().unwrap().as_deref(),
            Some("/usr/bin/qemu-system-s390x")
        );
        let disks = devices.disks();

        // pci + zpci, boot and alias on the first disk.
        let boot = disks[0].boot().unwrap();
        assert_eq!(boot.order().unwrap(), Some(1));
        assert_eq!(boot.loadparm().unwrap().as_deref(), Some("SYSTEM1"));
        boot.set_order(Some(2));
        boot.set_loadparm(Some("SYSTEM2".into()));
        let alias = disks[0].alias().unwrap();
        assert_eq!(alias.name().unwrap().as_deref(), Some("ua-disk0"));
        disks[0].alias_or_create().set_name(Some("ua-root".into()));
        assert!(disks[0].acpi().is_none());
        let pci = disks[0].address().unwrap();
        assert_eq!(pci.address_type().unwrap(), Some(AddressType::Pci));
        assert_eq!(pci.domain().unwrap(), Some(0));
        assert_eq!(pci.bus().unwrap(), Some(0));
        assert_eq!(pci.slot().unwrap(), Some(8));
        assert_eq!(pci.function().unwrap(), Some(0));
        assert_eq!(pci.multifunction().unwrap(), None);
        assert_eq!(pci.zpci_uid().unwrap(), Some(0x19));
        assert_eq!(pci.zpci_fid().unwrap(), Some(0x1f));
        // Same values written back leave the hex spelling alone.
        pci.set_pci(0, 0, 9, 0);
        pci.set_multifunction(Some(OnOff(true)));
        pci.set_zpci_uid(Some(26));
        pci.set_zpci_fid(Some(32));

        // drive
        let drive = disks[1].address().unwrap();
        assert_eq!(drive.address_type().unwrap(), Some(AddressType::Drive));
        assert_eq!(
            (
                drive.controller().unwrap(),
                drive.target().unwrap(),
                drive.unit().unwrap()
            ),
            (Some(0), Some(0), Some(0))
        );
        drive.set_drive(1, 0, 2, 3);
        disks[1].acpi_or_create().set_index(Some(5));

        // usb: a new address and boot element, in schema order.
        assert!(disks[2].address().is_none());
        let usb = disks[2].address_or_create();
        usb.set_address_type(Some(AddressType::Usb));
        usb.set_bus(Some(0));
        usb.set_port(Some("1.2".into()));
        disks[2].boot_or_create().set_order(Some(1));

        // ccw + acpi on the first interface, spapr-vio on the second.
        let ifaces = devices.interfaces();
        let acpi = ifaces[0].acpi().unwrap();
        assert_eq!(acpi.index().unwrap(), Some(100));
        ifaces[0].acpi_or_create().set_index(Some(7));
        let ccw = ifaces[0].address_or_create();
        assert_eq!(ccw.address_type().unwrap(), Some(AddressType::Ccw));
        assert_eq!(ccw.cssid().unwrap(), Some(0xfe));
        assert_eq!(ccw.ssid().unwrap(), Some(0));
        assert_eq!(ccw.devno().unwrap(), Some(1));
        ccw.set_cssid(Some(254));
        ccw.set_ssid(Some(1));
        ccw.set_devno(Some(10));
        let vio = ifaces[1].address().unwrap();
        assert_eq!(vio.reg().unwrap(), Some(Hex(0x1000)));
        vio.set_reg(Some(Hex(0x2000)));
        assert!(ifaces[1].alias().is_none() && ifaces[1].boot().is_none());
        ifaces[1].alias_or_create().set_name(Some("ua-net1".into()));
        ifaces[1].boot_or_create().set_order(Some(3));

        // Addresses of any device kind through the generic device.
        let all = devices.all();
        let ccid = address_of(&all, "smartcard");
        assert_eq!(ccid.address_type().unwrap(), Some(AddressType::Ccid));
        assert_eq!(ccid.slot().unwrap(), Some(0));
        ccid.set_slot(Some(1));
        let isa = address_of(&all, "serial");
        assert_eq!(isa.iobase().unwrap(), Some(Hex(0x3f8)));
        assert_eq!(isa.irq().unwrap(), Some(Hex(4)));
        isa.set_iobase(Some(Hex(0x2f8)));
        isa.set_irq(Some(Hex(3)));
        let vser = address_of(&all, "channel");
        assert_eq!(vser.port().unwrap().as_deref(), Some("1"));
        vser.set_port(Some("2".into()));
        let mmio = address_of(&all, "memballoon");
        assert_eq!(mmio.address_type().unwrap(), Some(AddressType::VirtioMmio));
        mmio.set_address_type(Some(AddressType::Unassigned));
        let dimm = address_of(&all, "memory");
        assert_eq!(dimm.address_type().unwrap(), Some(AddressType::Dimm));
        assert_eq!(dimm.base().unwrap(), Some(Hex(1 << 32)));
        dimm.set_slot(Some(1));
        dimm.set_base(Some(Hex(0x1_2000_0000)));
        assert_eq!(
            all.iter().filter_map(DomainDevice::alias).count(),
            2,
            "the first disk and the second interface have an alias"
        );
    });
}
