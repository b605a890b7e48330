//! `<controller>`: a bus controller (PCI, USB, SCSI, IDE, SATA, virtio-serial, ...).

use super::{DeviceAddress, DeviceAlias};
use crate::value::{OnOff, Size};
use crate::{xml_element, xml_enum};

xml_enum! {
    /// The bus a controller provides (`<controller type='...'>`).
    pub enum ControllerType {
        /// IDE.
        Ide = "ide",
        /// Floppy.
        Fdc = "fdc",
        /// SCSI.
        Scsi = "scsi",
        /// SATA.
        Sata = "sata",
        /// virtio-serial.
        VirtioSerial = "virtio-serial",
        /// CCID smartcard.
        Ccid = "ccid",
        /// USB.
        Usb = "usb",
        /// PCI / PCIe.
        Pci = "pci",
        /// Xen bus.
        Xenbus = "xenbus",
        /// ISA.
        Isa = "isa",
        /// NVMe.
        Nvme = "nvme",
    }
}

xml_element! {
    /// `<devices><controller>`.
    pub struct DomainController = "controller", order = [
        "model", "driver", "master", "target", "pcihole64", "alias", "address",
    ] {
        /// The bus it provides.
        attr controller_type, set_controller_type: ControllerType = "type";
        /// Index among controllers of its type (the bus number devices refer to;
        /// libvirt reads it as a signed number).
        attr index, set_index: i32 = "index";
        /// Model (`pcie-root-port`, `qemu-xhci`, `virtio-scsi`, `none`, ...).
        attr model, set_model: String = "model";
        /// Number of ports (USB, virtio-serial, SATA).
        attr ports, set_ports: u32 = "ports";
        /// Number of MSI-X vectors (virtio-serial).
        attr vectors, set_vectors: u32 = "vectors";
        /// Xen grant frames (`xenbus`).
        attr max_grant_frames, set_max_grant_frames: u32 = "maxGrantFrames";
        /// Xen event channels (`xenbus`).
        attr max_event_channels, set_max_event_channels: u32 = "maxEventChannels";
        /// Name of the emulated device of a PCI controller (`pcie-root-port`, `pxb`, ...).
        child_attr model_name, set_model_name: String = "model" / "name";
        /// Driver options.
        child driver, driver_or_create, remove_driver: ControllerDriver = "driver";
        /// First port of a USB companion controller.
        child_attr master_startport, set_master_startport: u32 = "master" / "startport";
        /// PCI controller target options.
        child target, target_or_create, remove_target: ControllerTarget = "target";
        /// 64-bit PCI hole size (default unit KiB).
        child_unit pcihole64, set_pcihole64: Size = "pcihole64" / "unit";
        /// Device alias.
        child alias, alias_or_create, remove_alias: DeviceAlias = "alias";
        /// Guest bus address.
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}

xml_element! {
    /// `<controller><driver>`: backend options.
    pub struct ControllerDriver = "driver" {
        /// Number of queues (virtio-scsi).
        attr queues, set_queues: u32 = "queues";
        /// Commands per LUN (virtio-scsi).
        attr cmd_per_lun, set_cmd_per_lun: u32 = "cmd_per_lun";
        /// Maximum sectors per request (virtio-scsi).
        attr max_sectors, set_max_sectors: u32 = "max_sectors";
        /// virtio ioeventfd.
        attr ioeventfd, set_ioeventfd: OnOff = "ioeventfd";
        /// IOThread that serves the controller.
        attr iothread, set_iothread: u32 = "iothread";
        /// virtio IOMMU platform.
        attr iommu, set_iommu: OnOff = "iommu";
        /// virtio Address Translation Services.
        attr ats, set_ats: OnOff = "ats";
        /// virtio packed virtqueues.
        attr packed, set_packed: OnOff = "packed";
        /// virtio page-per-vq notification.
        attr page_per_vq, set_page_per_vq: OnOff = "page_per_vq";
    }
}

xml_element! {
    /// `<controller><target>`: PCI controller options.
    pub struct ControllerTarget = "target", order = ["node"] {
        /// Chassis number (`pci-bridge`).
        attr chassis_nr, set_chassis_nr: u32 = "chassisNr";
        /// Chassis (`pcie-root-port`, `pcie-switch-downstream-port`).
        attr chassis, set_chassis: u32 = "chassis";
        /// Port (`pcie-root-port`, `pcie-switch-downstream-port`).
        attr port, set_port: u32 = "port";
        /// First bus number (`pci-expander-bus`, `pcie-expander-bus`).
        attr bus_nr, set_bus_nr: u32 = "busNr";
        /// Whether hotplug is enabled.
        attr hotplug, set_hotplug: OnOff = "hotplug";
        /// Host bridge index (`spapr-pci-host-bridge`).
        attr index, set_index: u32 = "index";
        /// Memory to reserve for hotplug, in KiB (`pcie-root-port`).
        attr mem_reserve, set_mem_reserve: u64 = "memReserve";
        /// Guest NUMA node (`pci-expander-bus`).
        child_text node, set_node: u32 = "node";
    }
}
