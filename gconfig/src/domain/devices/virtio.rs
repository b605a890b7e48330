//! Pieces shared by virtio devices: the `<driver>` element with only the
//! virtio transport options, and the virtio model names.

use crate::value::OnOff;
use crate::{xml_element, xml_enum};

xml_enum! {
    /// A virtio device model (`model='...'` of `<input>`, `<rng>`, ...).
    pub enum VirtioModel {
        /// virtio, transitional or not as the bus decides.
        Virtio = "virtio",
        /// virtio 0.9 and 1.0 (transitional).
        VirtioTransitional = "virtio-transitional",
        /// virtio 1.0 only.
        VirtioNonTransitional = "virtio-non-transitional",
    }
}

xml_element! {
    /// `<driver>` of a virtio device that has only the virtio transport
    /// options (`<input>`, `<memballoon>`, `<rng>`, `<sound>`).
    pub struct DomainVirtioDriver = "driver" {
        /// Use the emulated IOMMU.
        attr iommu, set_iommu: OnOff = "iommu";
        /// PCI Address Translation Services.
        attr ats, set_ats: OnOff = "ats";
        /// Packed virtqueues.
        attr packed, set_packed: OnOff = "packed";
        /// One page per virtqueue (legacy layout).
        attr page_per_vq, set_page_per_vq: OnOff = "page_per_vq";
    }
}
