//! `<filesystem>`: a host directory, file or memory shared with the guest
//! (virtiofs, 9p, container mounts).

use super::{DeviceAddress, DeviceAlias, DeviceBoot};
use crate::value::{OnOff, Size};
use crate::xml_element;

xml_element! {
    /// `<devices><filesystem>`.
    pub struct DomainFilesystem = "filesystem", order = [
        "driver", "binary", "idmap", "source", "target", "readonly", "space_hard_limit",
        "space_soft_limit", "boot", "alias", "address",
    ] {
        /// Source type (`mount`, `block`, `file`, `template`, `ram`, `bind`).
        attr fs_type, set_fs_type: String = "type";
        /// 9p security model (`passthrough`, `mapped`, `squash`).
        attr accessmode, set_accessmode: String = "accessmode";
        /// virtio model (`virtio`, `virtio-transitional`, ...).
        attr model, set_model: String = "model";
        /// 9p handling of files from several host devices (`remap`, `forbid`, `warn`).
        attr multidevs, set_multidevs: String = "multidevs";
        /// Mode of new files (octal, `0644`).
        attr fmode, set_fmode: String = "fmode";
        /// Mode of new directories (octal, `0755`).
        attr dmode, set_dmode: String = "dmode";
        /// Driver options.
        child driver, driver_or_create, remove_driver: FilesystemDriver = "driver";
        /// virtiofsd options.
        child binary, binary_or_create, remove_binary: FilesystemBinary = "binary";
        /// User and group id mapping (virtiofs).
        child idmap, idmap_or_create, remove_idmap: FilesystemIdmap = "idmap";
        /// What is shared.
        child source, source_or_create, remove_source: FilesystemSource = "source";
        /// Mount tag (9p, virtiofs) or mount point (containers).
        child_attr target_dir, set_target_dir: String = "target" / "dir";
        /// Read-only to the guest.
        flag readonly, set_readonly: bool = "readonly";
        /// Hard space limit (default unit bytes).
        child_unit space_hard_limit, set_space_hard_limit: Size = "space_hard_limit" / "unit";
        /// Soft space limit (default unit bytes).
        child_unit space_soft_limit, set_space_soft_limit: Size = "space_soft_limit" / "unit";
        /// Per-device boot order.
        child boot, boot_or_create, remove_boot: DeviceBoot = "boot";
        /// Device alias.
        child alias, alias_or_create, remove_alias: DeviceAlias = "alias";
        /// Guest bus address.
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}

xml_element! {
    /// `<filesystem><driver>`.
    pub struct FilesystemDriver = "driver" {
        /// Driver (`path`, `handle`, `loop`, `nbd`, `ploop`, `virtiofs`, `mtp`).
        attr driver_type, set_driver_type: String = "type";
        /// Image format (`raw`, `qcow2`, `ploop`).
        attr format, set_format: String = "format";
        /// Write policy (`immediate`).
        attr wrpolicy, set_wrpolicy: String = "wrpolicy";
        /// virtiofs queue size.
        attr queue, set_queue: u32 = "queue";
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
    /// `<filesystem><binary>`: the virtiofsd daemon.
    pub struct FilesystemBinary = "binary", order = [
        "cache", "sandbox", "lock", "thread_pool", "openfiles",
    ] {
        /// virtiofsd path.
        attr path, set_path: String = "path";
        /// Extended attributes support.
        attr xattr, set_xattr: OnOff = "xattr";
        /// Cache mode (`none`, `always`).
        child_attr cache_mode, set_cache_mode: String = "cache" / "mode";
        /// Sandbox mode (`namespace`, `chroot`).
        child_attr sandbox_mode, set_sandbox_mode: String = "sandbox" / "mode";
        /// POSIX locks.
        child_attr lock_posix, set_lock_posix: OnOff = "lock" / "posix";
        /// flock locks.
        child_attr lock_flock, set_lock_flock: OnOff = "lock" / "flock";
        /// Thread pool size.
        child_attr thread_pool_size, set_thread_pool_size: u32 = "thread_pool" / "size";
        /// Maximum open files.
        child_attr openfiles_max, set_openfiles_max: u64 = "openfiles" / "max";
    }
}

xml_element! {
    /// `<filesystem><idmap>`: id mappings.
    pub struct FilesystemIdmap = "idmap", order = ["uid", "gid"] {
        /// User id ranges.
        children uids, add_uid, remove_uid: IdmapRange = "uid";
        /// Group id ranges.
        children gids, add_gid, remove_gid: IdmapRange = "gid";
    }
}

xml_element! {
    /// `<uid>` / `<gid>`: an id range mapping.
    pub struct IdmapRange = "uid" {
        /// First id in the guest.
        attr start, set_start: u32 = "start";
        /// First id on the host.
        attr target, set_target: u32 = "target";
        /// Number of ids.
        attr count, set_count: u32 = "count";
    }
}

xml_element! {
    /// `<filesystem><source>`: what is shared; which attribute applies depends on the type.
    pub struct FilesystemSource = "source" {
        /// Host directory (`mount`, `bind`).
        attr dir, set_dir: String = "dir";
        /// Image file (`file`).
        attr file, set_file: String = "file";
        /// Block device (`block`).
        attr dev, set_dev: String = "dev";
        /// Template name (`template`).
        attr name, set_name: String = "name";
        /// virtiofsd socket of an externally started daemon.
        attr socket, set_socket: String = "socket";
        /// RAM size (`ram`).
        attr usage, set_usage: u64 = "usage";
        /// Unit of `usage`.
        attr units, set_units: String = "units";
    }
}
