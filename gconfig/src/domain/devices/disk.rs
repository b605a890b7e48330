//! `<disk>`: a disk, CD-ROM, floppy or LUN.

use super::{DeviceAcpi, DeviceAddress, DeviceAlias, DeviceBoot};
use crate::value::YesNo;
use crate::{xml_element, xml_enum};

xml_enum! {
    /// Where a disk's data comes from (`<disk type='...'>`).
    pub enum DiskType {
        /// A host file.
        File = "file",
        /// A host block device.
        Block = "block",
        /// A host directory (as a virtual FAT disk).
        Dir = "dir",
        /// A network protocol.
        Network = "network",
        /// A storage pool volume.
        Volume = "volume",
        /// NVMe device owned by QEMU.
        Nvme = "nvme",
        /// A vhost-user backend.
        Vhostuser = "vhostuser",
        /// vhost-vdpa.
        Vhostvdpa = "vhostvdpa",
    }
}

xml_enum! {
    /// How the disk appears to the guest (`<disk device='...'>`).
    pub enum DiskDevice {
        /// A hard disk.
        Disk = "disk",
        /// A CD-ROM.
        Cdrom = "cdrom",
        /// A floppy.
        Floppy = "floppy",
        /// A SCSI LUN pass-through.
        Lun = "lun",
    }
}

xml_enum! {
    /// The guest bus of a disk (`<target bus='...'>`).
    pub enum DiskBus {
        /// IDE.
        Ide = "ide",
        /// SCSI.
        Scsi = "scsi",
        /// virtio-blk.
        Virtio = "virtio",
        /// Xen PV.
        Xen = "xen",
        /// USB.
        Usb = "usb",
        /// SATA.
        Sata = "sata",
        /// SD card.
        Sd = "sd",
        /// Floppy controller.
        Fdc = "fdc",
        /// NVMe.
        Nvme = "nvme",
    }
}

xml_element! {
    /// `<devices><disk>`.
    pub struct DomainDisk = "disk", order = [
        "driver", "auth", "source", "backingStore", "backenddomain", "geometry", "blockio",
        "target", "iotune", "throttlefilters", "boot", "readonly", "shareable", "transient",
        "serial", "wwn", "vendor", "product", "encryption", "alias", "acpi", "address",
    ] {
        /// Where the data comes from.
        attr disk_type, set_disk_type: DiskType = "type";
        /// How the guest sees the disk.
        attr device, set_device: DiskDevice = "device";
        /// Driver name (`qemu`, `tap`, ...).
        child_attr driver_name, set_driver_name: String = "driver" / "name";
        /// Image format (`raw`, `qcow2`, ...).
        child_attr driver_type, set_driver_type: String = "driver" / "type";
        /// Host cache mode.
        child_attr driver_cache, set_driver_cache: String = "driver" / "cache";
        /// Where the data comes from.
        child source, source_or_create, remove_source: DomainDiskSource = "source";
        /// Guest device name (`vda`, `hdc`).
        child_attr target_dev, set_target_dev: String = "target" / "dev";
        /// Guest bus.
        child_attr target_bus, set_target_bus: DiskBus = "target" / "bus";
        /// Read-only to the guest.
        flag readonly, set_readonly: bool = "readonly";
        /// Shared between domains.
        flag shareable, set_shareable: bool = "shareable";
        /// Changes are discarded when the guest stops.
        flag transient, set_transient: bool = "transient";
        /// Serial number shown to the guest.
        child_text serial, set_serial: String = "serial";
        /// Per-device boot order.
        child boot, boot_or_create, remove_boot: DeviceBoot = "boot";
        /// ACPI index.
        child acpi, acpi_or_create, remove_acpi: DeviceAcpi = "acpi";
        /// Device alias.
        child alias, alias_or_create, remove_alias: DeviceAlias = "alias";
        /// Guest bus address.
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}

xml_element! {
    /// `<disk><source>`: where a disk's data comes from; which attributes
    /// apply depends on the disk type.
    pub struct DomainDiskSource = "source", order = [
        "host", "snapshot", "config", "auth", "encryption", "reservations", "initiator",
        "address", "slices", "ssl", "cookies", "readahead", "timeout", "reconnect",
    ] {
        /// Host file (`type='file'`).
        attr file, set_file: String = "file";
        /// Host block device (`type='block'`).
        attr dev, set_dev: String = "dev";
        /// Host directory (`type='dir'`).
        attr dir, set_dir: String = "dir";
        /// Storage pool (`type='volume'`).
        attr pool, set_pool: String = "pool";
        /// Volume in the pool (`type='volume'`).
        attr volume, set_volume: String = "volume";
        /// Network protocol (`type='network'`).
        attr protocol, set_protocol: String = "protocol";
        /// Image or export name (`type='network'`).
        attr name, set_name: String = "name";
        /// Whether a missing source is tolerated.
        attr startup_policy, set_startup_policy: String = "startupPolicy";
        /// Index in the backing chain.
        attr index, set_index: u32 = "index";
        /// Network hosts.
        children hosts, add_host, remove_host: DomainDiskSourceHost = "host";
        /// Readahead size.
        child_attr readahead_size, set_readahead_size: u64 = "readahead" / "size";
        /// Whether the source is exposed over SSL.
        child_attr ssl_verify, set_ssl_verify: YesNo = "ssl" / "verify";
    }
}

xml_element! {
    /// `<disk><source><host>`: one network host.
    pub struct DomainDiskSourceHost = "host" {
        /// Host name or address.
        attr name, set_name: String = "name";
        /// Port.
        attr port, set_port: u16 = "port";
        /// Transport (`tcp`, `unix`, `rdma`).
        attr transport, set_transport: String = "transport";
        /// UNIX socket path.
        attr socket, set_socket: String = "socket";
    }
}
