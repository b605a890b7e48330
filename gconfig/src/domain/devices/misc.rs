//! Small devices: `<lease>`, `<hub>`, `<shmem>`, `<iommu>`, `<vsock>`,
//! `<panic>`, `<watchdog>` and `<crypto>`.

use super::{DeviceAddress, DeviceAlias};
use crate::value::{OnOff, Size, YesNo};
use crate::xml_element;

xml_element! {
    /// `<devices><lease>`: a lock manager lease.
    pub struct DomainLease = "lease", order = ["lockspace", "key", "target"] {
        /// Lockspace name.
        child_text lockspace, set_lockspace: String = "lockspace";
        /// Lease key.
        child_text key, set_key: String = "key";
        /// Lease file.
        child_attr target_path, set_target_path: String = "target" / "path";
        /// Offset in the lease file.
        child_attr target_offset, set_target_offset: u64 = "target" / "offset";
    }
}

xml_element! {
    /// `<devices><hub>`: a USB hub.
    pub struct DomainHub = "hub", order = ["alias", "address"] {
        /// Hub type (`usb`).
        attr hub_type, set_hub_type: String = "type";
        /// Device alias.
        child alias, alias_or_create, remove_alias: DeviceAlias = "alias";
        /// Guest USB address.
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}

xml_element! {
    /// `<devices><shmem>`: shared memory between guests (ivshmem).
    pub struct DomainShmem = "shmem", order = ["model", "size", "server", "msi", "alias", "address"] {
        /// Shared memory name.
        attr name, set_name: String = "name";
        /// Migration role (`master`, `peer`).
        attr role, set_role: String = "role";
        /// Model (`ivshmem`, `ivshmem-plain`, `ivshmem-doorbell`).
        child_attr model_type, set_model_type: String = "model" / "type";
        /// Size (default unit bytes).
        child_unit size, set_size: Size = "size" / "unit";
        /// ivshmem server socket (`ivshmem-doorbell`).
        child_attr server_path, set_server_path: String = "server" / "path";
        /// MSI vectors.
        child_attr msi_vectors, set_msi_vectors: u32 = "msi" / "vectors";
        /// MSI ioeventfd.
        child_attr msi_ioeventfd, set_msi_ioeventfd: OnOff = "msi" / "ioeventfd";
        /// Device alias.
        child alias, alias_or_create, remove_alias: DeviceAlias = "alias";
        /// Guest PCI address.
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}

xml_element! {
    /// `<devices><iommu>`: a virtual IOMMU.
    pub struct DomainIommu = "iommu", order = ["driver", "alias", "address"] {
        /// Model (`intel`, `smmuv3`, `virtio`).
        attr model, set_model: String = "model";
        /// Driver options.
        child driver, driver_or_create, remove_driver: IommuDriver = "driver";
        /// Device alias.
        child alias, alias_or_create, remove_alias: DeviceAlias = "alias";
        /// Guest address (`virtio`).
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}

xml_element! {
    /// `<iommu><driver>`.
    pub struct IommuDriver = "driver" {
        /// Interrupt remapping.
        attr intremap, set_intremap: OnOff = "intremap";
        /// Caching mode.
        attr caching_mode, set_caching_mode: OnOff = "caching_mode";
        /// Extended interrupt mode.
        attr eim, set_eim: OnOff = "eim";
        /// Device IOTLB.
        attr iotlb, set_iotlb: OnOff = "iotlb";
        /// Address width in bits.
        attr aw_bits, set_aw_bits: u32 = "aw_bits";
        /// DMA translation.
        attr dma_translation, set_dma_translation: OnOff = "dma_translation";
    }
}

xml_element! {
    /// `<devices><vsock>`: a virtio vsock device.
    pub struct DomainVsock = "vsock", order = ["cid", "driver", "alias", "address"] {
        /// virtio model.
        attr model, set_model: String = "model";
        /// Whether the guest CID is chosen automatically.
        child_attr cid_auto, set_cid_auto: YesNo = "cid" / "auto";
        /// Guest context id.
        child_attr cid_address, set_cid_address: u32 = "cid" / "address";
        /// virtio IOMMU platform.
        child_attr driver_iommu, set_driver_iommu: OnOff = "driver" / "iommu";
        /// Device alias.
        child alias, alias_or_create, remove_alias: DeviceAlias = "alias";
        /// Guest bus address.
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}

xml_element! {
    /// `<devices><panic>`: a guest panic notifier.
    pub struct DomainPanic = "panic", order = ["alias", "address"] {
        /// Model (`isa`, `pseries`, `hyperv`, `s390`, `pvpanic`).
        attr model, set_model: String = "model";
        /// Device alias.
        child alias, alias_or_create, remove_alias: DeviceAlias = "alias";
        /// Guest address (ISA port, PCI).
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}

xml_element! {
    /// `<devices><watchdog>`: a hardware watchdog.
    pub struct DomainWatchdog = "watchdog", order = ["alias", "address"] {
        /// Model (`i6300esb`, `ib700`, `diag288`, `itco`).
        attr model, set_model: String = "model";
        /// Action on expiry (`reset`, `shutdown`, `poweroff`, `pause`, `none`, `dump`, `inject-nmi`).
        attr action, set_action: String = "action";
        /// Device alias.
        child alias, alias_or_create, remove_alias: DeviceAlias = "alias";
        /// Guest bus address.
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}

xml_element! {
    /// `<devices><crypto>`: a virtio crypto device.
    pub struct DomainCrypto = "crypto", order = ["backend", "alias", "address"] {
        /// Model (`virtio`).
        attr model, set_model: String = "model";
        /// Type (`qemu`).
        attr crypto_type, set_crypto_type: String = "type";
        /// Backend model (`builtin`, `lkcf`).
        child_attr backend_model, set_backend_model: String = "backend" / "model";
        /// Backend queues.
        child_attr backend_queues, set_backend_queues: u32 = "backend" / "queues";
        /// Device alias.
        child alias, alias_or_create, remove_alias: DeviceAlias = "alias";
        /// Guest bus address.
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}
