//! `<hostdev>`: a host device assigned to the guest (PCI, USB, SCSI, SCSI host,
//! mediated device; or in `capabilities` mode a block, char, misc or net device).

use super::{DeviceAddress, DeviceAlias, DeviceBoot, DiskAuth, InterfaceIp};
use crate::common::{IscsiInitiator, Route};
use crate::value::{OnOff, YesNo};
use crate::{xml_element, xml_enum};

xml_enum! {
    /// What kind of host device (`<hostdev type='...'>`).
    pub enum HostdevType {
        /// A PCI device.
        Pci = "pci",
        /// A USB device.
        Usb = "usb",
        /// A SCSI LUN.
        Scsi = "scsi",
        /// A vhost-scsi target.
        ScsiHost = "scsi_host",
        /// A mediated device.
        Mdev = "mdev",
        /// A block device (`capabilities` mode).
        Storage = "storage",
        /// A character device (`capabilities` mode).
        Misc = "misc",
        /// A network interface (`capabilities` mode).
        Net = "net",
    }
}

xml_element! {
    /// `<devices><hostdev>`.
    pub struct DomainHostdev = "hostdev", order = [
        "source", "ip", "route", "driver", "boot", "rom", "readonly", "shareable",
        "teaming", "alias", "address",
    ] {
        /// `subsystem` (PCI, USB, SCSI, mdev) or `capabilities` (containers).
        attr mode, set_mode: String = "mode";
        /// What kind of host device.
        attr hostdev_type, set_hostdev_type: HostdevType = "type";
        /// Whether libvirt detaches the device from the host driver.
        attr managed, set_managed: YesNo = "managed";
        /// Device model (`vfio-pci`, `vfio-ccw`, `vfio-ap`; `virtio` for `scsi_host`).
        attr model, set_model: String = "model";
        /// Whether a mediated device is used as a display.
        attr display, set_display: OnOff = "display";
        /// Whether a mediated display uses ramfb.
        attr ramfb, set_ramfb: OnOff = "ramfb";
        /// Whether a SCSI LUN may issue raw SCSI commands.
        attr rawio, set_rawio: YesNo = "rawio";
        /// SG_IO filtering for a SCSI LUN.
        attr sgio, set_sgio: String = "sgio";
        /// The host device.
        child source, source_or_create, remove_source: HostdevSource = "source";
        /// IP addresses (`net` in `capabilities` mode).
        children ips, add_ip, remove_ip: InterfaceIp = "ip";
        /// Routes (`net` in `capabilities` mode).
        children routes, add_route, remove_route: Route = "route";
        /// Host driver name (`vfio`, `kvm`, `xen`).
        child_attr driver_name, set_driver_name: String = "driver" / "name";
        /// Host driver model (`vfio-pci-igb`).
        child_attr driver_model, set_driver_model: String = "driver" / "model";
        /// Per-device boot order.
        child boot, boot_or_create, remove_boot: DeviceBoot = "boot";
        /// Whether the option ROM BAR is visible.
        child_attr rom_bar, set_rom_bar: OnOff = "rom" / "bar";
        /// Whether the option ROM is loaded.
        child_attr rom_enabled, set_rom_enabled: YesNo = "rom" / "enabled";
        /// Option ROM file.
        child_attr rom_file, set_rom_file: String = "rom" / "file";
        /// Read-only (SCSI).
        flag readonly, set_readonly: bool = "readonly";
        /// Shared between domains (SCSI).
        flag shareable, set_shareable: bool = "shareable";
        /// Failover teaming type (`transient`).
        child_attr teaming_type, set_teaming_type: String = "teaming" / "type";
        /// Alias of the persistent team member.
        child_attr teaming_persistent, set_teaming_persistent: String = "teaming" / "persistent";
        /// Device alias.
        child alias, alias_or_create, remove_alias: DeviceAlias = "alias";
        /// Guest bus address.
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}

xml_element! {
    /// `<hostdev><source>`: which host device.
    pub struct HostdevSource = "source", order = [
        "vendor", "product", "address", "adapter", "host", "auth", "initiator", "block",
        "char", "interface",
    ] {
        /// SCSI protocol (`iscsi`) or `scsi_host` protocol (`vhost`).
        attr protocol, set_protocol: String = "protocol";
        /// iSCSI target name.
        attr name, set_name: String = "name";
        /// vhost-scsi WWPN (`scsi_host`).
        attr wwpn, set_wwpn: String = "wwpn";
        /// USB: when to reset the device (`off`, `uninitialized`, `on`).
        attr guest_reset, set_guest_reset: String = "guestReset";
        /// PCI/SCSI: whether writes to config space are filtered.
        attr write_filtering, set_write_filtering: YesNo = "writeFiltering";
        /// Whether a USB device must be present at start.
        attr startup_policy, set_startup_policy: String = "startupPolicy";
        /// USB vendor id (`0x1234`).
        child_attr vendor_id, set_vendor_id: String = "vendor" / "id";
        /// USB product id (`0xbeef`).
        child_attr product_id, set_product_id: String = "product" / "id";
        /// Host address of the device.
        child address, address_or_create, remove_address: DeviceAddress = "address";
        /// SCSI host adapter (`scsi_host2`).
        child_attr adapter_name, set_adapter_name: String = "adapter" / "name";
        /// iSCSI hosts.
        children hosts, add_host, remove_host: HostdevSourceHost = "host";
        /// iSCSI credentials.
        child auth, auth_or_create, remove_auth: DiskAuth = "auth";
        /// iSCSI initiator.
        child initiator, initiator_or_create, remove_initiator: IscsiInitiator = "initiator";
        /// Block device path (`storage`).
        child_text block, set_block: String = "block";
        /// Character device path (`misc`).
        child_text char_dev, set_char_dev: String = "char";
        /// Network interface name (`net`).
        child_text interface, set_interface: String = "interface";
    }
}

xml_element! {
    /// `<hostdev><source><host>`: an iSCSI portal.
    pub struct HostdevSourceHost = "host" {
        /// Host name or address.
        attr name, set_name: String = "name";
        /// Port.
        attr port, set_port: u16 = "port";
    }
}
