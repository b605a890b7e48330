//! Enumerations with the C library's GType names.

/// A domain's lifecycle state (`GVirDomainState`, mirrors `virDomainState`).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, glib::Enum)]
#[enum_type(name = "GVirDomainState")]
#[repr(i32)]
pub enum DomainState {
    /// No state (not yet known).
    #[default]
    #[enum_value(name = "GVIR_DOMAIN_STATE_NONE", nick = "none")]
    None = 0,
    /// Running.
    #[enum_value(name = "GVIR_DOMAIN_STATE_RUNNING", nick = "running")]
    Running = 1,
    /// Blocked on a resource.
    #[enum_value(name = "GVIR_DOMAIN_STATE_BLOCKED", nick = "blocked")]
    Blocked = 2,
    /// Paused by the user.
    #[enum_value(name = "GVIR_DOMAIN_STATE_PAUSED", nick = "paused")]
    Paused = 3,
    /// Being shut down.
    #[enum_value(name = "GVIR_DOMAIN_STATE_SHUTDOWN", nick = "shutdown")]
    Shutdown = 4,
    /// Shut off.
    #[enum_value(name = "GVIR_DOMAIN_STATE_SHUTOFF", nick = "shutoff")]
    Shutoff = 5,
    /// Crashed.
    #[enum_value(name = "GVIR_DOMAIN_STATE_CRASHED", nick = "crashed")]
    Crashed = 6,
    /// Suspended by guest power management.
    #[enum_value(name = "GVIR_DOMAIN_STATE_PMSUSPENDED", nick = "pmsuspended")]
    PmSuspended = 7,
}

impl DomainState {
    /// Converts a raw `virDomainState`.
    pub fn from_raw(v: i32) -> Self {
        match v {
            1 => Self::Running,
            2 => Self::Blocked,
            3 => Self::Paused,
            4 => Self::Shutdown,
            5 => Self::Shutoff,
            6 => Self::Crashed,
            7 => Self::PmSuspended,
            _ => Self::None,
        }
    }

    /// Whether the domain is active (has a running or paused process).
    pub fn is_active(self) -> bool {
        !matches!(self, Self::None | Self::Shutoff | Self::Crashed)
    }
}

/// A storage pool's state (`GVirStoragePoolState`, mirrors `virStoragePoolState`).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, glib::Enum)]
#[enum_type(name = "GVirStoragePoolState")]
#[repr(i32)]
pub enum StoragePoolState {
    /// Not running.
    #[default]
    #[enum_value(name = "GVIR_STORAGE_POOL_STATE_INACTIVE", nick = "inactive")]
    Inactive = 0,
    /// Initializing, not yet usable.
    #[enum_value(name = "GVIR_STORAGE_POOL_STATE_BUILDING", nick = "building")]
    Building = 1,
    /// Running normally.
    #[enum_value(name = "GVIR_STORAGE_POOL_STATE_RUNNING", nick = "running")]
    Running = 2,
    /// Running degraded.
    #[enum_value(name = "GVIR_STORAGE_POOL_STATE_DEGRADED", nick = "degraded")]
    Degraded = 3,
    /// Running, but not accessible.
    #[enum_value(name = "GVIR_STORAGE_POOL_STATE_INACCESSIBLE", nick = "inaccessible")]
    Inaccessible = 4,
}

impl StoragePoolState {
    /// Converts a raw `virStoragePoolState`.
    pub fn from_raw(v: i32) -> Self {
        match v {
            1 => Self::Building,
            2 => Self::Running,
            3 => Self::Degraded,
            4 => Self::Inaccessible,
            _ => Self::Inactive,
        }
    }
}

/// The detail of a lifecycle event, used as the detail of the domain signals
/// (`started::booted`, `stopped::shutdown`, ...), as the C library does.
pub(crate) fn lifecycle_detail(event: i32, detail: i32) -> &'static str {
    match (event, detail) {
        (0, 0) => "added",
        (0, 1) => "updated",
        (0, 2) => "renamed",
        (0, 3) => "from-snapshot",
        (1, 0) => "removed",
        (1, 1) => "renamed",
        (2, 0) => "booted",
        (2, 1) => "migrated",
        (2, 2) => "restored",
        (2, 3) => "from-snapshot",
        (2, 4) => "wakeup",
        (3, 0) => "paused",
        (3, 1) => "migrated",
        (3, 2) => "ioerror",
        (3, 3) => "watchdog",
        (3, 4) => "restored",
        (3, 5) => "from-snapshot",
        (3, 6) => "api-error",
        (3, 7) => "postcopy",
        (3, 8) => "postcopy-failed",
        (4, 0) => "unpaused",
        (4, 1) => "migrated",
        (4, 2) => "from-snapshot",
        (4, 3) => "postcopy",
        (4, 4) => "postcopy-failed",
        (5, 0) => "shutdown",
        (5, 1) => "destroyed",
        (5, 2) => "crashed",
        (5, 3) => "migrated",
        (5, 4) => "saved",
        (5, 5) => "failed",
        (5, 6) => "from-snapshot",
        (6, 0) => "finished",
        (6, 1) => "guest",
        (6, 2) => "host",
        (7, 0) => "memory",
        (7, 1) => "disk",
        (8, 0) => "panicked",
        (8, 1) => "crashloaded",
        _ => "unknown",
    }
}
