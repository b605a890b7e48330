//! `<memory>` devices: hot-pluggable DIMMs, NVDIMMs, virtio-pmem, virtio-mem
//! and SGX EPC sections.

use super::{DeviceAddress, DeviceAlias};
use crate::value::{Size, Uuid, YesNo};
use crate::{xml_element, xml_enum};

xml_enum! {
    /// The kind of memory device (`<memory model='...'>`).
    pub enum MemoryModel {
        /// A DIMM.
        Dimm = "dimm",
        /// An NVDIMM.
        Nvdimm = "nvdimm",
        /// virtio-pmem.
        VirtioPmem = "virtio-pmem",
        /// virtio-mem.
        VirtioMem = "virtio-mem",
        /// An SGX EPC section.
        SgxEpc = "sgx-epc",
    }
}

xml_element! {
    /// `<devices><memory>`: a memory device.
    pub struct DomainMemoryDevice = "memory", order = ["uuid", "source", "target", "alias", "address"] {
        /// The kind of memory device.
        attr model, set_model: MemoryModel = "model";
        /// Memory access mode (`shared`, `private`).
        attr access, set_access: String = "access";
        /// Whether memory is discarded when the device is removed.
        attr discard, set_discard: YesNo = "discard";
        /// UUID (NVDIMM on pSeries).
        child_text uuid, set_uuid: Uuid = "uuid";
        /// Host backing.
        child source, source_or_create, remove_source: MemorySource = "source";
        /// What the guest sees.
        child target, target_or_create, remove_target: MemoryTarget = "target";
        /// Device alias.
        child alias, alias_or_create, remove_alias: DeviceAlias = "alias";
        /// Guest address (`dimm` or PCI).
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}

xml_element! {
    /// `<memory><source>`: host backing of a memory device.
    pub struct MemorySource = "source", order = ["pagesize", "nodemask", "path", "alignsize", "pmem"] {
        /// Host page size (default unit KiB).
        child_unit pagesize, set_pagesize: Size = "pagesize" / "unit";
        /// Host NUMA nodes to allocate from (`1-3`).
        child_text nodemask, set_nodemask: String = "nodemask";
        /// Backing file (`nvdimm`, `virtio-pmem`).
        child_text path, set_path: String = "path";
        /// Alignment of the backing file (default unit KiB).
        child_unit alignsize, set_alignsize: Size = "alignsize" / "unit";
        /// Whether the backing file is real persistent memory.
        flag pmem, set_pmem: bool = "pmem";
    }
}

xml_element! {
    /// `<memory><target>`: the memory device as the guest sees it.
    pub struct MemoryTarget = "target", order = [
        "size", "node", "label", "block", "requested", "current", "readonly", "address",
    ] {
        /// Whether virtio-mem uses multiple memslots.
        attr dynamic_memslots, set_dynamic_memslots: YesNo = "dynamicMemslots";
        /// Size (default unit KiB).
        child_unit size, set_size: Size = "size" / "unit";
        /// Guest NUMA node.
        child_text node, set_node: u32 = "node";
        /// NVDIMM label size.
        child label, label_or_create, remove_label: MemoryTargetLabel = "label";
        /// virtio-mem block size (default unit KiB).
        child_unit block, set_block: Size = "block" / "unit";
        /// virtio-mem requested size (default unit KiB).
        child_unit requested, set_requested: Size = "requested" / "unit";
        /// virtio-mem current size, reported by the guest (default unit KiB).
        child_unit current, set_current: Size = "current" / "unit";
        /// NVDIMM read-only to the guest.
        flag readonly, set_readonly: bool = "readonly";
        /// virtio-mem guest base address.
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}

xml_element! {
    /// `<target><label>`: NVDIMM namespace label area.
    pub struct MemoryTargetLabel = "label", order = ["size"] {
        /// Label size (default unit KiB).
        child_unit size, set_size: Size = "size" / "unit";
    }
}
