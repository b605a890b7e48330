//! `<memballoon>`: the memory balloon device.

use super::address::{DeviceAcpi, DeviceAddress, DeviceAlias};
use crate::value::OnOff;
use crate::{xml_element, xml_enum};

use super::virtio::DomainVirtioDriver;

xml_enum! {
    /// A balloon model (`<memballoon model='...'>`).
    pub enum MemballoonModel {
        /// virtio.
        Virtio = "virtio",
        /// virtio 0.9 and 1.0.
        VirtioTransitional = "virtio-transitional",
        /// virtio 1.0 only.
        VirtioNonTransitional = "virtio-non-transitional",
        /// Xen.
        Xen = "xen",
        /// No balloon.
        None = "none",
    }
}

xml_element! {
    /// `<devices><memballoon>`: the memory balloon.
    pub struct DomainMemballoon = "memballoon", order = [
        "stats", "alias", "acpi", "address", "driver",
    ] {
        /// The model.
        attr model, set_model: MemballoonModel = "model";
        /// Deflate the balloon when the guest runs out of memory.
        attr autodeflate, set_autodeflate: OnOff = "autodeflate";
        /// Free page reporting.
        attr free_page_reporting, set_free_page_reporting: OnOff = "freePageReporting";
        /// Statistics polling period in seconds.
        child_attr stats_period, set_stats_period: u32 = "stats" / "period";
        /// virtio transport options.
        child driver, driver_or_create, remove_driver: DomainVirtioDriver = "driver";
        /// ACPI settings.
        child acpi, acpi_or_create, remove_acpi: DeviceAcpi = "acpi";
        /// Device alias.
        child alias, alias_or_create, remove_alias: DeviceAlias = "alias";
        /// Guest bus address.
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}
