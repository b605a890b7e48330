//! The `<pool>` document: a storage pool.
//!
//! ```text
//! StoragePool                 <pool>
//! ├── StoragePoolSource         <source>
//! │   ├── StoragePoolSourceHost   <host>
//! │   ├── StoragePoolSourceDevice <device>  (StoragePoolFreeExtent)
//! │   ├── StoragePoolAdapter      <adapter>  (parentaddr + <address>)
//! │   └── StoragePoolAuth         <auth>
//! └── StoragePoolTarget         <target>  (StoragePermissions)
//! ```
//!
//! Sizes without a `unit` attribute are in bytes: use
//! [`Size::bytes_or`]`(SizeUnit::Bytes)`.
//!
//! [`Size::bytes_or`]: crate::value::Size::bytes_or

use crate::common::IscsiInitiator;
use crate::documents::document_type;
use crate::domain::DeviceAddress;
use crate::value::{Size, Uuid, YesNo};
use crate::{xml_element, xml_enum};

xml_enum! {
    /// The kind of a storage pool (`<pool type='...'>`).
    pub enum StoragePoolType {
        /// A host directory.
        Dir = "dir",
        /// A mounted block device.
        Fs = "fs",
        /// A network file system.
        Netfs = "netfs",
        /// An LVM volume group.
        Logical = "logical",
        /// A partitioned disk.
        Disk = "disk",
        /// An iSCSI target (host initiator).
        Iscsi = "iscsi",
        /// An iSCSI target (QEMU initiator).
        IscsiDirect = "iscsi-direct",
        /// A SCSI host adapter.
        Scsi = "scsi",
        /// Multipath devices.
        Mpath = "mpath",
        /// A Ceph RBD pool.
        Rbd = "rbd",
        /// Sheepdog.
        Sheepdog = "sheepdog",
        /// A Gluster volume.
        Gluster = "gluster",
        /// A ZFS pool.
        Zfs = "zfs",
        /// Virtuozzo storage.
        Vstorage = "vstorage",
    }
}

xml_enum! {
    /// The kind of a SCSI adapter (`<adapter type='...'>`).
    pub enum StorageAdapterType {
        /// A SCSI host (`name` or `parentaddr`).
        ScsiHost = "scsi_host",
        /// A Fibre Channel vHBA (`wwnn`/`wwpn`).
        FcHost = "fc_host",
    }
}

xml_enum! {
    /// Authentication kind (`<auth type='...'>`).
    pub enum StorageAuthType {
        /// iSCSI CHAP.
        Chap = "chap",
        /// Ceph cephx.
        Ceph = "ceph",
    }
}

xml_enum! {
    /// How RBD volume allocation is refreshed (`<refresh><volume allocation='...'>`).
    pub enum RefreshAllocation {
        /// Compute the allocation (slow).
        Default = "default",
        /// Report the capacity as allocation.
        Capacity = "capacity",
    }
}

xml_element! {
    /// A storage pool, the `<pool>` document.
    pub struct StoragePool = "pool", order = [
        "name", "uuid", "capacity", "allocation", "available", "features", "source", "target",
        "refresh",
    ] {
        /// The kind of pool.
        attr pool_type, set_pool_type: StoragePoolType = "type";
        /// The unique name.
        child_text name, set_name: String = "name";
        /// The UUID.
        child_text uuid, set_uuid: Uuid = "uuid";
        /// Total size (default unit bytes).
        child_unit capacity, set_capacity: Size = "capacity" / "unit";
        /// Allocated size (default unit bytes).
        child_unit allocation, set_allocation: Size = "allocation" / "unit";
        /// Free space (default unit bytes).
        child_unit available, set_available: Size = "available" / "unit";
        /// Copy-on-write of the file system (`<features><cow state=...>`).
        child features, features_or_create, remove_features: StoragePoolFeatures = "features";
        /// Where the pool's storage comes from.
        child source, source_or_create, remove_source: StoragePoolSource = "source";
        /// Where the pool appears on the host.
        child target, target_or_create, remove_target: StoragePoolTarget = "target";
        /// How RBD volume allocation is refreshed.
        child refresh, refresh_or_create, remove_refresh: StoragePoolRefresh = "refresh";
    }
}

document_type!(StoragePool, "a storage pool");

xml_element! {
    /// `<pool><features>`.
    pub struct StoragePoolFeatures = "features", order = ["cow"] {
        /// Copy-on-write for new files (btrfs).
        child_attr cow, set_cow: YesNo = "cow" / "state";
    }
}

xml_element! {
    /// `<pool><refresh>`.
    pub struct StoragePoolRefresh = "refresh", order = ["volume"] {
        /// How volume allocation is computed.
        child_attr volume_allocation, set_volume_allocation: RefreshAllocation = "volume" / "allocation";
    }
}

xml_element! {
    /// `<pool><source>`: where the storage comes from. Which children apply
    /// depends on the pool type.
    pub struct StoragePoolSource = "source", order = [
        "host", "device", "dir", "adapter", "name", "initiator", "auth", "format", "protocol",
        "vendor", "product",
    ] {
        /// Hosts (netfs, iscsi, rbd, gluster, sheepdog).
        children hosts, add_host, remove_host: StoragePoolSourceHost = "host";
        /// Devices (fs, logical, disk, iscsi, zfs).
        children devices, add_device, remove_device: StoragePoolSourceDevice = "device";
        /// Directory (netfs, gluster).
        child_attr dir, set_dir: String = "dir" / "path";
        /// SCSI adapter (scsi).
        child adapter, adapter_or_create, remove_adapter: StoragePoolAdapter = "adapter";
        /// Source name: volume group, RBD pool, Gluster volume, ZFS pool.
        child_text name, set_name: String = "name";
        /// iSCSI initiator IQN.
        child initiator, initiator_or_create, remove_initiator: IscsiInitiator = "initiator";
        /// Authentication.
        child auth, auth_or_create, remove_auth: StoragePoolAuth = "auth";
        /// Format of the source (`nfs`, `ext4`, `lvm2`, `gpt`, ...).
        child_attr format, set_format: String = "format" / "type";
        /// NFS protocol version.
        child_attr protocol_ver, set_protocol_ver: String = "protocol" / "ver";
        /// Vendor of the device.
        child_attr vendor, set_vendor: String = "vendor" / "name";
        /// Product of the device.
        child_attr product, set_product: String = "product" / "name";
    }
}

xml_element! {
    /// `<source><host>`: a storage server.
    pub struct StoragePoolSourceHost = "host" {
        /// Host name or address.
        attr name, set_name: String = "name";
        /// Port.
        attr port, set_port: u16 = "port";
    }
}

xml_element! {
    /// `<source><device>`: a source device.
    pub struct StoragePoolSourceDevice = "device", order = ["freeExtent"] {
        /// Device path (or iSCSI target IQN).
        attr path, set_path: String = "path";
        /// Whether partition names use a `p` separator.
        attr part_separator, set_part_separator: YesNo = "part_separator";
        /// Free extents (disk pools, live status).
        children free_extents, add_free_extent, remove_free_extent: StoragePoolFreeExtent = "freeExtent";
    }
}

xml_element! {
    /// `<device><freeExtent>`: a free region of a disk.
    pub struct StoragePoolFreeExtent = "freeExtent" {
        /// First byte.
        attr start, set_start: u64 = "start";
        /// End byte.
        attr end, set_end: u64 = "end";
    }
}

xml_element! {
    /// `<source><adapter>`: a SCSI host adapter.
    pub struct StoragePoolAdapter = "adapter", order = ["parentaddr"] {
        /// Adapter kind.
        attr adapter_type, set_adapter_type: StorageAdapterType = "type";
        /// SCSI host name (`scsi_host`).
        attr name, set_name: String = "name";
        /// Parent SCSI host (`fc_host`).
        attr parent, set_parent: String = "parent";
        /// Whether libvirt created the vHBA (`fc_host`).
        attr managed, set_managed: YesNo = "managed";
        /// Parent world wide node name (`fc_host`).
        attr parent_wwnn, set_parent_wwnn: String = "parent_wwnn";
        /// Parent world wide port name (`fc_host`).
        attr parent_wwpn, set_parent_wwpn: String = "parent_wwpn";
        /// Parent fabric name (`fc_host`).
        attr parent_fabric_wwn, set_parent_fabric_wwn: String = "parent_fabric_wwn";
        /// World wide node name (`fc_host`).
        attr wwnn, set_wwnn: String = "wwnn";
        /// World wide port name (`fc_host`).
        attr wwpn, set_wwpn: String = "wwpn";
        /// The parent PCI device of a `scsi_host`.
        child parentaddr, parentaddr_or_create, remove_parentaddr: StoragePoolParentAddr = "parentaddr";
    }
}

xml_element! {
    /// `<adapter><parentaddr>`: a SCSI host found by its PCI address.
    pub struct StoragePoolParentAddr = "parentaddr", order = ["address"] {
        /// The SCSI host's unique id.
        attr unique_id, set_unique_id: u32 = "unique_id";
        /// PCI address of the SCSI host's parent.
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}

xml_element! {
    /// `<source><auth>`: credentials.
    pub struct StoragePoolAuth = "auth", order = ["secret"] {
        /// `chap` or `ceph`.
        attr auth_type, set_auth_type: StorageAuthType = "type";
        /// User name.
        attr username, set_username: String = "username";
        /// Secret holding the password, by UUID.
        child_attr secret_uuid, set_secret_uuid: Uuid = "secret" / "uuid";
        /// Secret holding the password, by usage.
        child_attr secret_usage, set_secret_usage: String = "secret" / "usage";
    }
}

xml_element! {
    /// `<pool><target>`: where the pool appears on the host.
    pub struct StoragePoolTarget = "target", order = ["path", "permissions"] {
        /// Directory or device path.
        child_text path, set_path: String = "path";
        /// Ownership and mode of the path.
        child permissions, permissions_or_create, remove_permissions: StoragePermissions = "permissions";
    }
}

xml_element! {
    /// `<permissions>`: ownership, mode and security label.
    pub struct StoragePermissions = "permissions", order = ["mode", "owner", "group", "label"] {
        /// Octal mode, as written (`0700`).
        child_text mode, set_mode: String = "mode";
        /// Owner uid (`-1`: unchanged).
        child_text owner, set_owner: i64 = "owner";
        /// Group gid (`-1`: unchanged).
        child_text group, set_group: i64 = "group";
        /// Security label.
        child_text label, set_label: String = "label";
    }
}
