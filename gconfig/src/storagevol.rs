//! The `<volume>` document: a storage volume.
//!
//! ```text
//! StorageVolume               <volume>
//! ├── StorageVolumeSource       <source>  (StorageVolumeSourceDevice, StorageVolumeExtent)
//! ├── StorageVolumeTarget       <target>
//! │   ├── StoragePermissions      <permissions>
//! │   ├── StorageTimestamps       <timestamps>
//! │   └── Encryption              <encryption>
//! └── StorageBackingStore       <backingStore>
//! ```
//!
//! Sizes without a `unit` attribute are in bytes: use
//! [`Size::bytes_or`]`(SizeUnit::Bytes)`.
//!
//! [`Size::bytes_or`]: crate::value::Size::bytes_or

use crate::common::Encryption;
use crate::documents::document_type;
use crate::storagepool::StoragePermissions;
use crate::value::Size;
use crate::{xml_element, xml_enum};

xml_enum! {
    /// The kind of a volume (`<volume type='...'>`).
    pub enum StorageVolumeType {
        /// A file.
        File = "file",
        /// A block device.
        Block = "block",
        /// A directory.
        Dir = "dir",
        /// A network volume.
        Network = "network",
        /// A network directory.
        Netdir = "netdir",
    }
}

xml_element! {
    /// A storage volume, the `<volume>` document.
    pub struct StorageVolume = "volume", order = [
        "name", "key", "source", "capacity", "allocation", "physical", "target", "backingStore",
    ] {
        /// The kind of volume.
        attr volume_type, set_volume_type: StorageVolumeType = "type";
        /// Name, unique within the pool.
        child_text name, set_name: String = "name";
        /// Key, unique on the host (often the path).
        child_text key, set_key: String = "key";
        /// Extents the volume occupies on a source device.
        child source, source_or_create, remove_source: StorageVolumeSource = "source";
        /// Logical size (default unit bytes).
        child_unit capacity, set_capacity: Size = "capacity" / "unit";
        /// Allocated size (default unit bytes).
        child_unit allocation, set_allocation: Size = "allocation" / "unit";
        /// Physical size of the host file (default unit bytes).
        child_unit physical, set_physical: Size = "physical" / "unit";
        /// Path and format on the host.
        child target, target_or_create, remove_target: StorageVolumeTarget = "target";
        /// The backing image.
        child backing_store, backing_store_or_create, remove_backing_store: StorageBackingStore = "backingStore";
    }
}

document_type!(StorageVolume, "a storage volume");

xml_element! {
    /// `<volume><source>`.
    pub struct StorageVolumeSource = "source", order = ["device"] {
        /// Devices holding the volume.
        children devices, add_device, remove_device: StorageVolumeSourceDevice = "device";
    }
}

xml_element! {
    /// `<source><device>`.
    pub struct StorageVolumeSourceDevice = "device", order = ["extent"] {
        /// Device path.
        attr path, set_path: String = "path";
        /// Extents of the device used by the volume.
        children extents, add_extent, remove_extent: StorageVolumeExtent = "extent";
    }
}

xml_element! {
    /// `<device><extent>`.
    pub struct StorageVolumeExtent = "extent" {
        /// First byte.
        attr start, set_start: u64 = "start";
        /// End byte.
        attr end, set_end: u64 = "end";
    }
}

xml_element! {
    /// `<volume><target>`: path and format on the host.
    pub struct StorageVolumeTarget = "target", order = [
        "path", "format", "permissions", "timestamps", "encryption", "compat", "nocow",
        "clusterSize", "features",
    ] {
        /// Path on the host.
        child_text path, set_path: String = "path";
        /// Format (`raw`, `qcow2`, `none`, `linux`, ...).
        child_attr format, set_format: String = "format" / "type";
        /// Ownership and mode.
        child permissions, permissions_or_create, remove_permissions: StoragePermissions = "permissions";
        /// Access, birth, change and modification times (live status).
        child timestamps, timestamps_or_create, remove_timestamps: StorageTimestamps = "timestamps";
        /// Encryption.
        child encryption, encryption_or_create, remove_encryption: Encryption = "encryption";
        /// qcow2 compatibility level (`0.10`, `1.1`).
        child_text compat, set_compat: String = "compat";
        /// Disable copy-on-write (btrfs).
        flag nocow, set_nocow: bool = "nocow";
        /// qcow2 cluster size.
        child_unit cluster_size, set_cluster_size: Size = "clusterSize" / "unit";
        /// qcow2 `lazy_refcounts`.
        child features, features_or_create, remove_features: StorageVolumeFeatures = "features";
    }
}

xml_element! {
    /// `<target><features>`: qcow2 features.
    pub struct StorageVolumeFeatures = "features", order = ["lazy_refcounts", "extended_l2"] {
        /// Lazy reference counts.
        flag lazy_refcounts, set_lazy_refcounts: bool = "lazy_refcounts";
        /// Extended L2 entries (subclusters).
        flag extended_l2, set_extended_l2: bool = "extended_l2";
    }
}

xml_element! {
    /// `<timestamps>`: times as `seconds.nanoseconds` since the epoch.
    pub struct StorageTimestamps = "timestamps", order = ["atime", "btime", "ctime", "mtime"] {
        /// Last access.
        child_text atime, set_atime: String = "atime";
        /// Creation.
        child_text btime, set_btime: String = "btime";
        /// Last status change.
        child_text ctime, set_ctime: String = "ctime";
        /// Last modification.
        child_text mtime, set_mtime: String = "mtime";
    }
}

xml_element! {
    /// `<backingStore>`: the backing image of a volume.
    pub struct StorageBackingStore = "backingStore", order = ["path", "format", "permissions", "timestamps"] {
        /// Path of the backing image.
        child_text path, set_path: String = "path";
        /// Format of the backing image.
        child_attr format, set_format: String = "format" / "type";
        /// Ownership and mode.
        child permissions, permissions_or_create, remove_permissions: StoragePermissions = "permissions";
        /// Times (live status).
        child timestamps, timestamps_or_create, remove_timestamps: StorageTimestamps = "timestamps";
    }
}
