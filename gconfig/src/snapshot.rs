//! The `<domainsnapshot>` and `<domaincheckpoint>` documents.
//!
//! ```text
//! DomainSnapshot              <domainsnapshot>
//! ├── DomainSnapshotDisks       <disks>  (DomainSnapshotDisk: DomainDiskSource, DomainSnapshotDiskDriver)
//! └── Domain                    <domain> / <inactiveDomain>
//! DomainCheckpoint            <domaincheckpoint>
//! ├── DomainCheckpointDisks     <disks>  (DomainCheckpointDisk)
//! └── Domain                    <domain>
//! ```

use crate::documents::document_type;
use crate::{xml_element, xml_enum, DiskMetadataCache, Domain, DomainDiskSource};

xml_enum! {
    /// The domain state a snapshot captured (`<state>`).
    pub enum SnapshotState {
        /// Running.
        Running = "running",
        /// Blocked on a resource.
        Blocked = "blocked",
        /// Paused.
        Paused = "paused",
        /// Being shut down.
        Shutdown = "shutdown",
        /// Shut off.
        Shutoff = "shutoff",
        /// Crashed.
        Crashed = "crashed",
        /// Disk-only snapshot of a running domain.
        DiskSnapshot = "disk-snapshot",
    }
}

xml_enum! {
    /// How a disk or the memory is captured (`snapshot='...'`).
    pub enum SnapshotMode {
        /// Not captured.
        No = "no",
        /// Inside the image (qcow2).
        Internal = "internal",
        /// In a new overlay file.
        External = "external",
        /// Left to the user (`manual`, disks only).
        Manual = "manual",
    }
}

xml_enum! {
    /// How a disk takes part in a checkpoint (`checkpoint='...'`).
    pub enum CheckpointMode {
        /// Not tracked.
        No = "no",
        /// Tracked with a dirty bitmap.
        Bitmap = "bitmap",
    }
}

xml_element! {
    /// A domain snapshot, the `<domainsnapshot>` document.
    pub struct DomainSnapshot = "domainsnapshot", order = [
        "name", "description", "state", "parent", "creationTime", "memory", "disks", "domain",
        "inactiveDomain", "cookie", "active",
    ] {
        /// Snapshot name.
        child_text name, set_name: String = "name";
        /// Description.
        child_text description, set_description: String = "description";
        /// The domain state when the snapshot was taken.
        child_text state, set_state: SnapshotState = "state";
        /// The parent snapshot.
        child parent, parent_or_create, remove_parent: DomainSnapshotParent = "parent";
        /// Creation time, seconds since the epoch.
        child_text creation_time, set_creation_time: i64 = "creationTime";
        /// How memory is captured.
        child_attr memory_snapshot, set_memory_snapshot: SnapshotMode = "memory" / "snapshot";
        /// File holding the memory state (external).
        child_attr memory_file, set_memory_file: String = "memory" / "file";
        /// Per-disk settings.
        child disks, disks_or_create, remove_disks: DomainSnapshotDisks = "disks";
        /// The domain definition at snapshot time.
        child domain, domain_or_create, remove_domain: Domain = "domain";
        /// The inactive domain definition at snapshot time.
        child inactive_domain, inactive_domain_or_create, remove_inactive_domain: Domain = "inactiveDomain";
        /// Whether the domain was running (`1`) or not (`0`).
        child_text active, set_active: u8 = "active";
    }
}

document_type!(DomainSnapshot, "a domain snapshot");

xml_element! {
    /// `<parent>` of a snapshot or checkpoint.
    pub struct DomainSnapshotParent = "parent", order = ["name"] {
        /// Parent name.
        child_text name, set_name: String = "name";
    }
}

xml_element! {
    /// `<domainsnapshot><disks>`.
    pub struct DomainSnapshotDisks = "disks", order = ["disk"] {
        /// Disks.
        children disks, add_disk, remove_disk: DomainSnapshotDisk = "disk";
    }
}

xml_element! {
    /// `<disks><disk>` of a snapshot.
    pub struct DomainSnapshotDisk = "disk", order = ["source", "driver"] {
        /// Target device (`vda`) or source path of the domain disk.
        attr name, set_name: String = "name";
        /// How the disk is captured.
        attr snapshot, set_snapshot: SnapshotMode = "snapshot";
        /// Kind of the new overlay (`file`, `block`, `network`).
        attr disk_type, set_disk_type: String = "type";
        /// The new overlay.
        child source, source_or_create, remove_source: DomainDiskSource = "source";
        /// Format of the new overlay.
        child driver, driver_or_create, remove_driver: DomainSnapshotDiskDriver = "driver";
    }
}

xml_element! {
    /// `<disk><driver>` of a snapshot disk.
    pub struct DomainSnapshotDiskDriver = "driver", order = ["metadata_cache"] {
        /// Overlay format (`qcow2`, `qed`, ...).
        attr driver_type, set_driver_type: String = "type";
        /// Maximum qcow2 metadata cache size.
        child metadata_cache, metadata_cache_or_create, remove_metadata_cache: DiskMetadataCache = "metadata_cache";
    }
}

xml_element! {
    /// A domain checkpoint, the `<domaincheckpoint>` document.
    pub struct DomainCheckpoint = "domaincheckpoint", order = [
        "name", "description", "parent", "creationTime", "disks", "domain",
    ] {
        /// Checkpoint name.
        child_text name, set_name: String = "name";
        /// Description.
        child_text description, set_description: String = "description";
        /// The parent checkpoint.
        child parent, parent_or_create, remove_parent: DomainSnapshotParent = "parent";
        /// Creation time, seconds since the epoch.
        child_text creation_time, set_creation_time: i64 = "creationTime";
        /// Per-disk settings.
        child disks, disks_or_create, remove_disks: DomainCheckpointDisks = "disks";
        /// The domain definition at checkpoint time.
        child domain, domain_or_create, remove_domain: Domain = "domain";
    }
}

document_type!(DomainCheckpoint, "a domain checkpoint");

xml_element! {
    /// `<domaincheckpoint><disks>`.
    pub struct DomainCheckpointDisks = "disks", order = ["disk"] {
        /// Disks.
        children disks, add_disk, remove_disk: DomainCheckpointDisk = "disk";
    }
}

xml_element! {
    /// `<disks><disk>` of a checkpoint.
    pub struct DomainCheckpointDisk = "disk" {
        /// Target device (`vda`) or source path of the domain disk.
        attr name, set_name: String = "name";
        /// Whether the disk is tracked.
        attr checkpoint, set_checkpoint: CheckpointMode = "checkpoint";
        /// Bitmap name.
        attr bitmap, set_bitmap: String = "bitmap";
        /// Bytes changed since the checkpoint (live status).
        attr size, set_size: u64 = "size";
    }
}
