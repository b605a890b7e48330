//! The C library's flag and enum types, with its GType names, for callers that pass
//! them through GObject (bindings, properties). The Rust methods take the raw libvirt
//! `u32` flags; `as u32` / `.bits()` convert.

/// `GVirDomainDeleteFlags` (registered as an enum, as the C library does).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, glib::Enum)]
#[enum_type(name = "GVirDomainDeleteFlags")]
#[repr(u32)]
pub enum DomainDeleteFlags {
    /// `GVIR_DOMAIN_DELETE_NONE`.
    #[default]
    #[enum_value(name = "GVIR_DOMAIN_DELETE_NONE", nick = "none")]
    None = 0,
    /// `GVIR_DOMAIN_DELETE_SAVED_STATE`.
    #[enum_value(name = "GVIR_DOMAIN_DELETE_SAVED_STATE", nick = "saved-state")]
    SavedState = 1,
    /// `GVIR_DOMAIN_DELETE_SNAPSHOTS_METADATA`.
    #[enum_value(
        name = "GVIR_DOMAIN_DELETE_SNAPSHOTS_METADATA",
        nick = "snapshots-metadata"
    )]
    SnapshotsMetadata = 2,
    /// `GVIR_DOMAIN_DELETE_REMOVE_NVRAM`.
    #[enum_value(name = "GVIR_DOMAIN_DELETE_REMOVE_NVRAM", nick = "remove-nvram")]
    RemoveNvram = 4,
    /// `GVIR_DOMAIN_DELETE_KEEP_NVRAM`.
    #[enum_value(name = "GVIR_DOMAIN_DELETE_KEEP_NVRAM", nick = "keep-nvram")]
    KeepNvram = 8,
}

/// `GVirDomainRebootFlags` (registered as an enum, as the C library does).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, glib::Enum)]
#[enum_type(name = "GVirDomainRebootFlags")]
#[repr(u32)]
pub enum DomainRebootFlags {
    /// `GVIR_DOMAIN_REBOOT_NONE`.
    #[default]
    #[enum_value(name = "GVIR_DOMAIN_REBOOT_NONE", nick = "none")]
    None = 0,
    /// `GVIR_DOMAIN_REBOOT_ACPI_POWER_BTN`.
    #[enum_value(name = "GVIR_DOMAIN_REBOOT_ACPI_POWER_BTN", nick = "acpi-power-btn")]
    AcpiPowerBtn = 1,
    /// `GVIR_DOMAIN_REBOOT_GUEST_AGENT`.
    #[enum_value(name = "GVIR_DOMAIN_REBOOT_GUEST_AGENT", nick = "guest-agent")]
    GuestAgent = 2,
}

/// `GVirDomainShutdownFlags` (registered as an enum, as the C library does).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, glib::Enum)]
#[enum_type(name = "GVirDomainShutdownFlags")]
#[repr(u32)]
pub enum DomainShutdownFlags {
    /// `GVIR_DOMAIN_SHUTDOWN_NONE`.
    #[default]
    #[enum_value(name = "GVIR_DOMAIN_SHUTDOWN_NONE", nick = "none")]
    None = 0,
    /// `GVIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN`.
    #[enum_value(name = "GVIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN", nick = "acpi-power-btn")]
    AcpiPowerBtn = 1,
    /// `GVIR_DOMAIN_SHUTDOWN_GUEST_AGENT`.
    #[enum_value(name = "GVIR_DOMAIN_SHUTDOWN_GUEST_AGENT", nick = "guest-agent")]
    GuestAgent = 2,
}

/// `GVirDomainSnapshotCreateFlags` (registered as an enum, as the C library does).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, glib::Enum)]
#[enum_type(name = "GVirDomainSnapshotCreateFlags")]
#[repr(u32)]
pub enum DomainSnapshotCreateFlags {
    /// `GVIR_DOMAIN_SNAPSHOT_NONE`.
    #[default]
    #[enum_value(name = "GVIR_DOMAIN_SNAPSHOT_NONE", nick = "none")]
    None = 0,
    /// `GVIR_DOMAIN_SNAPSHOT_REDEFINE`.
    #[enum_value(name = "GVIR_DOMAIN_SNAPSHOT_REDEFINE", nick = "redefine")]
    Redefine = 1,
    /// `GVIR_DOMAIN_SNAPSHOT_CURRENT`.
    #[enum_value(name = "GVIR_DOMAIN_SNAPSHOT_CURRENT", nick = "current")]
    Current = 2,
    /// `GVIR_DOMAIN_SNAPSHOT_NO_METADATA`.
    #[enum_value(name = "GVIR_DOMAIN_SNAPSHOT_NO_METADATA", nick = "no-metadata")]
    NoMetadata = 4,
    /// `GVIR_DOMAIN_SNAPSHOT_HALT`.
    #[enum_value(name = "GVIR_DOMAIN_SNAPSHOT_HALT", nick = "halt")]
    Halt = 8,
    /// `GVIR_DOMAIN_SNAPSHOT_DISK_ONLY`.
    #[enum_value(name = "GVIR_DOMAIN_SNAPSHOT_DISK_ONLY", nick = "disk-only")]
    DiskOnly = 16,
    /// `GVIR_DOMAIN_SNAPSHOT_REUSE_EXT`.
    #[enum_value(name = "GVIR_DOMAIN_SNAPSHOT_REUSE_EXT", nick = "reuse-ext")]
    ReuseExt = 32,
    /// `GVIR_DOMAIN_SNAPSHOT_QUIESCE`.
    #[enum_value(name = "GVIR_DOMAIN_SNAPSHOT_QUIESCE", nick = "quiesce")]
    Quiesce = 64,
    /// `GVIR_DOMAIN_SNAPSHOT_ATOMIC`.
    #[enum_value(name = "GVIR_DOMAIN_SNAPSHOT_ATOMIC", nick = "atomic")]
    Atomic = 128,
}

/// `GVirDomainSnapshotDeleteFlags` (registered as an enum, as the C library does).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, glib::Enum)]
#[enum_type(name = "GVirDomainSnapshotDeleteFlags")]
#[repr(u32)]
pub enum DomainSnapshotDeleteFlags {
    /// `GVIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN`.
    #[default]
    #[enum_value(name = "GVIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN", nick = "children")]
    Children = 1,
    /// `GVIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY`.
    #[enum_value(
        name = "GVIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY",
        nick = "metadata-only"
    )]
    MetadataOnly = 2,
    /// `GVIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY`.
    #[enum_value(
        name = "GVIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY",
        nick = "children-only"
    )]
    ChildrenOnly = 4,
}

/// `GVirDomainSnapshotListFlags` (registered as an enum, as the C library does).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, glib::Enum)]
#[enum_type(name = "GVirDomainSnapshotListFlags")]
#[repr(u32)]
pub enum DomainSnapshotListFlags {
    /// `GVIR_DOMAIN_SNAPSHOT_LIST_ALL`.
    #[default]
    #[enum_value(name = "GVIR_DOMAIN_SNAPSHOT_LIST_ALL", nick = "all")]
    All = 0,
    /// `GVIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS`.
    #[enum_value(name = "GVIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS", nick = "descendants")]
    Descendants = 1,
    /// `GVIR_DOMAIN_SNAPSHOT_LIST_METADATA`.
    #[enum_value(name = "GVIR_DOMAIN_SNAPSHOT_LIST_METADATA", nick = "metadata")]
    Metadata = 2,
    /// `GVIR_DOMAIN_SNAPSHOT_LIST_LEAVES`.
    #[enum_value(name = "GVIR_DOMAIN_SNAPSHOT_LIST_LEAVES", nick = "leaves")]
    Leaves = 4,
    /// `GVIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES`.
    #[enum_value(name = "GVIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES", nick = "no-leaves")]
    NoLeaves = 8,
    /// `GVIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA`.
    #[enum_value(name = "GVIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA", nick = "no-metadata")]
    NoMetadata = 16,
    /// `GVIR_DOMAIN_SNAPSHOT_LIST_INACTIVE`.
    #[enum_value(name = "GVIR_DOMAIN_SNAPSHOT_LIST_INACTIVE", nick = "inactive")]
    Inactive = 32,
    /// `GVIR_DOMAIN_SNAPSHOT_LIST_ACTIVE`.
    #[enum_value(name = "GVIR_DOMAIN_SNAPSHOT_LIST_ACTIVE", nick = "active")]
    Active = 64,
    /// `GVIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY`.
    #[enum_value(name = "GVIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY", nick = "disk-only")]
    DiskOnly = 128,
    /// `GVIR_DOMAIN_SNAPSHOT_LIST_INTERNAL`.
    #[enum_value(name = "GVIR_DOMAIN_SNAPSHOT_LIST_INTERNAL", nick = "internal")]
    Internal = 256,
    /// `GVIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL`.
    #[enum_value(name = "GVIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL", nick = "external")]
    External = 512,
}

/// `GVirDomainSnapshotRevertFlags` (registered as an enum, as the C library does).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, glib::Enum)]
#[enum_type(name = "GVirDomainSnapshotRevertFlags")]
#[repr(u32)]
pub enum DomainSnapshotRevertFlags {
    /// `GVIR_DOMAIN_SNAPSHOT_REVERT_RUNNING`.
    #[default]
    #[enum_value(name = "GVIR_DOMAIN_SNAPSHOT_REVERT_RUNNING", nick = "running")]
    Running = 1,
    /// `GVIR_DOMAIN_SNAPSHOT_REVERT_PAUSED`.
    #[enum_value(name = "GVIR_DOMAIN_SNAPSHOT_REVERT_PAUSED", nick = "paused")]
    Paused = 2,
    /// `GVIR_DOMAIN_SNAPSHOT_REVERT_FORCE`.
    #[enum_value(name = "GVIR_DOMAIN_SNAPSHOT_REVERT_FORCE", nick = "force")]
    Force = 4,
}

/// `GVirDomainUpdateDeviceFlags` (registered as an enum, as the C library does).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, glib::Enum)]
#[enum_type(name = "GVirDomainUpdateDeviceFlags")]
#[repr(u32)]
pub enum DomainUpdateDeviceFlags {
    /// `GVIR_DOMAIN_UPDATE_DEVICE_CURRENT`.
    #[default]
    #[enum_value(name = "GVIR_DOMAIN_UPDATE_DEVICE_CURRENT", nick = "current")]
    Current = 0,
    /// `GVIR_DOMAIN_UPDATE_DEVICE_LIVE`.
    #[enum_value(name = "GVIR_DOMAIN_UPDATE_DEVICE_LIVE", nick = "live")]
    Live = 1,
    /// `GVIR_DOMAIN_UPDATE_DEVICE_CONFIG`.
    #[enum_value(name = "GVIR_DOMAIN_UPDATE_DEVICE_CONFIG", nick = "config")]
    Config = 2,
}

/// `GVirDomainXMLFlags` (registered as an enum, as the C library does).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, glib::Enum)]
#[enum_type(name = "GVirDomainXMLFlags")]
#[repr(u32)]
pub enum DomainXMLFlags {
    /// `GVIR_DOMAIN_XML_NONE`.
    #[default]
    #[enum_value(name = "GVIR_DOMAIN_XML_NONE", nick = "none")]
    None = 0,
    /// `GVIR_DOMAIN_XML_SECURE`.
    #[enum_value(name = "GVIR_DOMAIN_XML_SECURE", nick = "secure")]
    Secure = 1,
    /// `GVIR_DOMAIN_XML_INACTIVE`.
    #[enum_value(name = "GVIR_DOMAIN_XML_INACTIVE", nick = "inactive")]
    Inactive = 2,
    /// `GVIR_DOMAIN_XML_UPDATE_CPU`.
    #[enum_value(name = "GVIR_DOMAIN_XML_UPDATE_CPU", nick = "update-cpu")]
    UpdateCpu = 4,
}

/// `GVirIPAddrType` (registered as an enum, as the C library does).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, glib::Enum)]
#[enum_type(name = "GVirIPAddrType")]
#[repr(u32)]
pub enum IPAddrType {
    /// `GVIR_IP_ADDR_TYPE_IPV4`.
    #[default]
    #[enum_value(name = "GVIR_IP_ADDR_TYPE_IPV4", nick = "ipv4")]
    Ipv4 = 0,
    /// `GVIR_IP_ADDR_TYPE_IPV6`.
    #[enum_value(name = "GVIR_IP_ADDR_TYPE_IPV6", nick = "ipv6")]
    Ipv6 = 1,
}

/// `GVirStorageVolResizeFlags` (registered as an enum, as the C library does).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, glib::Enum)]
#[enum_type(name = "GVirStorageVolResizeFlags")]
#[repr(u32)]
pub enum StorageVolResizeFlags {
    /// `GVIR_STORAGE_VOL_RESIZE_NONE`.
    #[default]
    #[enum_value(name = "GVIR_STORAGE_VOL_RESIZE_NONE", nick = "none")]
    None = 0,
    /// `GVIR_STORAGE_VOL_RESIZE_ALLOCATE`.
    #[enum_value(name = "GVIR_STORAGE_VOL_RESIZE_ALLOCATE", nick = "allocate")]
    Allocate = 1,
    /// `GVIR_STORAGE_VOL_RESIZE_DELTA`.
    #[enum_value(name = "GVIR_STORAGE_VOL_RESIZE_DELTA", nick = "delta")]
    Delta = 2,
    /// `GVIR_STORAGE_VOL_RESIZE_SHRINK`.
    #[enum_value(name = "GVIR_STORAGE_VOL_RESIZE_SHRINK", nick = "shrink")]
    Shrink = 4,
}

/// `GVirStorageVolType` (registered as an enum, as the C library does).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, glib::Enum)]
#[enum_type(name = "GVirStorageVolType")]
#[repr(u32)]
pub enum StorageVolType {
    /// `GVIR_STORAGE_VOL_STATE_FILE`.
    #[default]
    #[enum_value(name = "GVIR_STORAGE_VOL_STATE_FILE", nick = "file")]
    File = 0,
    /// `GVIR_STORAGE_VOL_STATE_BLOCK`.
    #[enum_value(name = "GVIR_STORAGE_VOL_STATE_BLOCK", nick = "block")]
    Block = 1,
    /// `GVIR_STORAGE_VOL_STATE_DIR`.
    #[enum_value(name = "GVIR_STORAGE_VOL_STATE_DIR", nick = "dir")]
    Dir = 2,
}

/// The two real bit fields (`glib::flags` does not forward doc comments to the type it
/// generates, hence the allow).
#[allow(missing_docs)]
mod bitfields {
    /// `GVirDomainStartFlags`.
    #[glib::flags(name = "GVirDomainStartFlags")]
    pub enum DomainStartFlags {
        /// `GVIR_DOMAIN_START_NONE`.
        #[flags_value(name = "GVIR_DOMAIN_START_NONE", nick = "none")]
        None = 0,
        /// `GVIR_DOMAIN_START_PAUSED`.
        #[flags_value(name = "GVIR_DOMAIN_START_PAUSED", nick = "paused")]
        Paused = 1,
        /// `GVIR_DOMAIN_START_AUTODESTROY`.
        #[flags_value(name = "GVIR_DOMAIN_START_AUTODESTROY", nick = "autodestroy")]
        Autodestroy = 2,
        /// `GVIR_DOMAIN_START_BYPASS_CACHE`.
        #[flags_value(name = "GVIR_DOMAIN_START_BYPASS_CACHE", nick = "bypass-cache")]
        BypassCache = 4,
        /// `GVIR_DOMAIN_START_FORCE_BOOT`.
        #[flags_value(name = "GVIR_DOMAIN_START_FORCE_BOOT", nick = "force-boot")]
        ForceBoot = 8,
    }

    /// `GVirStreamIOCondition`.
    #[glib::flags(name = "GVirStreamIOCondition")]
    pub enum StreamIOCondition {
        /// `GVIR_STREAM_IO_CONDITION_READABLE`.
        #[flags_value(name = "GVIR_STREAM_IO_CONDITION_READABLE", nick = "readable")]
        Readable = 1,
        /// `GVIR_STREAM_IO_CONDITION_WRITABLE`.
        #[flags_value(name = "GVIR_STREAM_IO_CONDITION_WRITABLE", nick = "writable")]
        Writable = 2,
        /// `GVIR_STREAM_IO_CONDITION_HANGUP`.
        #[flags_value(name = "GVIR_STREAM_IO_CONDITION_HANGUP", nick = "hangup")]
        Hangup = 4,
        /// `GVIR_STREAM_IO_CONDITION_ERROR`.
        #[flags_value(name = "GVIR_STREAM_IO_CONDITION_ERROR", nick = "error")]
        Error = 8,
    }
}
pub use bitfields::{DomainStartFlags, StreamIOCondition};
