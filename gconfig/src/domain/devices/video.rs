//! `<video>`: a video adapter.

use super::address::{DeviceAcpi, DeviceAddress, DeviceAlias};
use crate::value::{OnOff, YesNo};
use crate::{xml_element, xml_enum};

xml_enum! {
    /// A video adapter model (`<model type='...'>`).
    pub enum VideoModelType {
        /// Standard VGA.
        Vga = "vga",
        /// Cirrus Logic.
        Cirrus = "cirrus",
        /// VMware SVGA.
        Vmvga = "vmvga",
        /// Xen framebuffer.
        Xen = "xen",
        /// VirtualBox.
        Vbox = "vbox",
        /// QXL (SPICE).
        Qxl = "qxl",
        /// virtio-gpu.
        Virtio = "virtio",
        /// UEFI GOP (bhyve).
        Gop = "gop",
        /// No adapter.
        None = "none",
        /// Bochs display.
        Bochs = "bochs",
        /// RAM framebuffer.
        Ramfb = "ramfb",
    }
}

xml_enum! {
    /// Which backend implements a video adapter (`<driver name='...'>`).
    pub enum VideoDriverName {
        /// QEMU itself.
        Qemu = "qemu",
        /// A vhost-user GPU process.
        Vhostuser = "vhostuser",
    }
}

xml_enum! {
    /// VGA configuration of a bhyve adapter (`<driver vgaconf='...'>`).
    pub enum VideoVgaconf {
        /// Legacy I/O ports only.
        Io = "io",
        /// VGA on.
        On = "on",
        /// VGA off.
        Off = "off",
    }
}

xml_element! {
    /// `<devices><video>`: a video adapter.
    pub struct DomainVideo = "video", order = ["driver", "model", "alias", "acpi", "address"] {
        /// Backend.
        child_attr driver_name, set_driver_name: VideoDriverName = "driver" / "name";
        /// VGA configuration (bhyve).
        child_attr driver_vgaconf, set_driver_vgaconf: VideoVgaconf = "driver" / "vgaconf";
        /// Use the emulated IOMMU (virtio).
        child_attr driver_iommu, set_driver_iommu: OnOff = "driver" / "iommu";
        /// PCI Address Translation Services (virtio).
        child_attr driver_ats, set_driver_ats: OnOff = "driver" / "ats";
        /// Packed virtqueues (virtio).
        child_attr driver_packed, set_driver_packed: OnOff = "driver" / "packed";
        /// One page per virtqueue (virtio).
        child_attr driver_page_per_vq, set_driver_page_per_vq: OnOff = "driver" / "page_per_vq";
        /// The adapter model.
        child model, model_or_create, remove_model: DomainVideoModel = "model";
        /// ACPI settings.
        child acpi, acpi_or_create, remove_acpi: DeviceAcpi = "acpi";
        /// Device alias.
        child alias, alias_or_create, remove_alias: DeviceAlias = "alias";
        /// Guest bus address.
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}

xml_element! {
    /// `<video><model>`: the adapter model and its memory.
    pub struct DomainVideoModel = "model", order = ["acceleration", "resolution"] {
        /// The model.
        attr model_type, set_model_type: VideoModelType = "type";
        /// RAM in KiB (`qxl`).
        attr ram, set_ram: u32 = "ram";
        /// Video RAM in KiB.
        attr vram, set_vram: u32 = "vram";
        /// 64-bit video RAM in KiB (`qxl`).
        attr vram64, set_vram64: u32 = "vram64";
        /// VGA memory in KiB (`qxl`).
        attr vgamem, set_vgamem: u32 = "vgamem";
        /// Number of screens.
        attr heads, set_heads: u32 = "heads";
        /// Whether this is the primary adapter.
        attr primary, set_primary: YesNo = "primary";
        /// Shared memory blobs (`virtio`).
        attr blob, set_blob: OnOff = "blob";
        /// 3D acceleration.
        child_attr accel3d, set_accel3d: YesNo = "acceleration" / "accel3d";
        /// 2D acceleration.
        child_attr accel2d, set_accel2d: YesNo = "acceleration" / "accel2d";
        /// DRM render node for 3D acceleration.
        child_attr rendernode, set_rendernode: String = "acceleration" / "rendernode";
        /// Initial horizontal resolution.
        child_attr resolution_x, set_resolution_x: u32 = "resolution" / "x";
        /// Initial vertical resolution.
        child_attr resolution_y, set_resolution_y: u32 = "resolution" / "y";
    }
}
