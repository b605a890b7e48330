//! The `<domainbackup>` document: a backup job of a domain's disks.

use crate::common::Encryption;
use crate::documents::document_type;
use crate::value::YesNo;
use crate::{xml_element, xml_enum};

xml_enum! {
    /// Push (libvirt writes) or pull (an NBD client reads) (`mode='...'`).
    pub enum BackupMode {
        /// libvirt writes the backup to a target.
        Push = "push",
        /// A client pulls the data over NBD.
        Pull = "pull",
    }
}

xml_element! {
    /// A backup job, the `<domainbackup>` document.
    pub struct DomainBackup = "domainbackup", order = ["incremental", "server", "disks"] {
        /// Push or pull.
        attr mode, set_mode: BackupMode = "mode";
        /// Checkpoint the backup is incremental to.
        child_text incremental, set_incremental: String = "incremental";
        /// The NBD server (pull mode).
        child server, server_or_create, remove_server: DomainBackupServer = "server";
        /// Per-disk settings.
        child disks, disks_or_create, remove_disks: DomainBackupDisks = "disks";
    }
}

document_type!(DomainBackup, "a domain backup");

xml_element! {
    /// `<domainbackup><server>`: the NBD server of a pull backup.
    pub struct DomainBackupServer = "server" {
        /// `tcp` or `unix`.
        attr transport, set_transport: String = "transport";
        /// Use TLS.
        attr tls, set_tls: YesNo = "tls";
        /// Host name or address (`tcp`).
        attr name, set_name: String = "name";
        /// Port (`tcp`).
        attr port, set_port: u32 = "port";
        /// Socket path (`unix`).
        attr socket, set_socket: String = "socket";
    }
}

xml_element! {
    /// `<domainbackup><disks>`.
    pub struct DomainBackupDisks = "disks", order = ["disk"] {
        /// Disks.
        children disks, add_disk, remove_disk: DomainBackupDisk = "disk";
    }
}

xml_element! {
    /// `<disks><disk>` of a backup.
    pub struct DomainBackupDisk = "disk", order = ["driver", "target", "scratch"] {
        /// Target device of the domain disk (`vda`).
        attr name, set_name: String = "name";
        /// Whether the disk is backed up.
        attr backup, set_backup: YesNo = "backup";
        /// `full` or `incremental`.
        attr backup_mode, set_backup_mode: String = "backupmode";
        /// Checkpoint of an incremental disk backup.
        attr incremental, set_incremental: String = "incremental";
        /// Kind of target or scratch (`file`, `block`).
        attr disk_type, set_disk_type: String = "type";
        /// NBD export name (pull).
        attr export_name, set_export_name: String = "exportname";
        /// NBD dirty bitmap export (pull).
        attr export_bitmap, set_export_bitmap: String = "exportbitmap";
        /// Format of the target or scratch image.
        child_attr driver_type, set_driver_type: String = "driver" / "type";
        /// Where a push backup is written.
        child target, target_or_create, remove_target: DomainBackupStorage = "target";
        /// Scratch image of a pull backup.
        child scratch, scratch_or_create, remove_scratch: DomainBackupStorage = "scratch";
    }
}

xml_element! {
    /// `<target>` or `<scratch>` of a backup disk.
    pub struct DomainBackupStorage = "target", order = ["seclabel", "encryption"] {
        /// File path (`type='file'`).
        attr file, set_file: String = "file";
        /// Block device (`type='block'`).
        attr dev, set_dev: String = "dev";
        /// Encryption of the image.
        child encryption, encryption_or_create, remove_encryption: Encryption = "encryption";
    }
}
