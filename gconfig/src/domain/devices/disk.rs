//! `<disk>`: a disk, CD-ROM, floppy or LUN, with its source, backing chain,
//! block-job mirror, driver options and I/O limits.

use super::{DeviceAcpi, DeviceAddress, DeviceAlias, DeviceBoot};
use crate::common::{DeviceSeclabel, Encryption, IscsiInitiator, SecretRef};
use crate::value::{OnOff, Size, YesNo};
use crate::{xml_element, xml_enum};

xml_enum! {
    /// Where a disk's data comes from (`<disk type='...'>`).
    pub enum DiskType {
        /// A host file.
        File = "file",
        /// A host block device.
        Block = "block",
        /// A host directory (as a virtual FAT disk).
        Dir = "dir",
        /// A network protocol.
        Network = "network",
        /// A storage pool volume.
        Volume = "volume",
        /// NVMe device owned by QEMU.
        Nvme = "nvme",
        /// A vhost-user backend.
        Vhostuser = "vhostuser",
        /// vhost-vdpa.
        Vhostvdpa = "vhostvdpa",
    }
}

xml_enum! {
    /// How the disk appears to the guest (`<disk device='...'>`).
    pub enum DiskDevice {
        /// A hard disk.
        Disk = "disk",
        /// A CD-ROM.
        Cdrom = "cdrom",
        /// A floppy.
        Floppy = "floppy",
        /// A SCSI LUN pass-through.
        Lun = "lun",
    }
}

xml_enum! {
    /// The guest bus of a disk (`<target bus='...'>`).
    pub enum DiskBus {
        /// IDE.
        Ide = "ide",
        /// SCSI.
        Scsi = "scsi",
        /// virtio-blk.
        Virtio = "virtio",
        /// Xen PV.
        Xen = "xen",
        /// USB.
        Usb = "usb",
        /// SATA.
        Sata = "sata",
        /// SD card.
        Sd = "sd",
        /// Floppy controller.
        Fdc = "fdc",
        /// NVMe.
        Nvme = "nvme",
    }
}

xml_enum! {
    /// Host page-cache mode (`<driver cache='...'>`).
    pub enum DiskCache {
        /// The hypervisor's default.
        Default = "default",
        /// No host cache (O_DIRECT).
        None = "none",
        /// Write-back.
        Writeback = "writeback",
        /// Write-through.
        Writethrough = "writethrough",
        /// O_DIRECT and O_DSYNC.
        Directsync = "directsync",
        /// No flushes at all.
        Unsafe = "unsafe",
    }
}

xml_enum! {
    /// Asynchronous I/O mode (`<driver io='...'>`).
    pub enum DiskIo {
        /// Thread pool.
        Threads = "threads",
        /// Linux native AIO.
        Native = "native",
        /// io_uring.
        IoUring = "io_uring",
    }
}

xml_enum! {
    /// What to do on an I/O error (`<driver error_policy='...' rerror_policy='...'>`).
    pub enum DiskErrorPolicy {
        /// Pause the guest.
        Stop = "stop",
        /// Report the error to the guest.
        Report = "report",
        /// Ignore the error.
        Ignore = "ignore",
        /// Pause on ENOSPC only, report other errors.
        Enospace = "enospace",
    }
}

xml_enum! {
    /// Whether a disk is part of snapshots (`<disk snapshot='...'>`).
    pub enum DiskSnapshotMode {
        /// Not part of snapshots.
        No = "no",
        /// Internal snapshot.
        Internal = "internal",
        /// External snapshot.
        External = "external",
        /// Manual snapshot.
        Manual = "manual",
    }
}

xml_enum! {
    /// What to do when the source is missing (`<source startupPolicy='...'>`).
    pub enum DiskStartupPolicy {
        /// Fail.
        Mandatory = "mandatory",
        /// Drop the source when missing at boot.
        Requisite = "requisite",
        /// Drop the source when missing at any start.
        Optional = "optional",
    }
}

xml_enum! {
    /// A network disk's protocol (`<source protocol='...'>`).
    pub enum DiskProtocol {
        /// Network Block Device.
        Nbd = "nbd",
        /// Ceph RBD.
        Rbd = "rbd",
        /// Sheepdog.
        Sheepdog = "sheepdog",
        /// GlusterFS.
        Gluster = "gluster",
        /// iSCSI.
        Iscsi = "iscsi",
        /// HTTP.
        Http = "http",
        /// HTTPS.
        Https = "https",
        /// FTP.
        Ftp = "ftp",
        /// FTPS.
        Ftps = "ftps",
        /// TFTP.
        Tftp = "tftp",
        /// SSH.
        Ssh = "ssh",
        /// Veritas HyperScale.
        Vxhs = "vxhs",
        /// NFS.
        Nfs = "nfs",
    }
}

xml_element! {
    /// `<devices><disk>`.
    pub struct DomainDisk = "disk", order = [
        "driver", "auth", "source", "backingStore", "mirror", "backenddomain", "geometry",
        "blockio", "target", "iotune", "throttlefilters", "boot", "readonly", "shareable",
        "transient", "serial", "wwn", "vendor", "product", "encryption", "alias", "acpi",
        "address",
    ] {
        /// Where the data comes from.
        attr disk_type, set_disk_type: DiskType = "type";
        /// How the guest sees the disk.
        attr device, set_device: DiskDevice = "device";
        /// virtio device model (`virtio`, `virtio-transitional`, ...).
        attr model, set_model: String = "model";
        /// Snapshot participation.
        attr snapshot, set_snapshot: DiskSnapshotMode = "snapshot";
        /// Whether a LUN may issue raw SCSI commands.
        attr rawio, set_rawio: YesNo = "rawio";
        /// SG_IO filtering for a LUN (`filtered`, `unfiltered`).
        attr sgio, set_sgio: String = "sgio";
        /// Driver (backend) options.
        child driver, driver_or_create, remove_driver: DiskDriver = "driver";
        /// A running block job's destination.
        child mirror, mirror_or_create, remove_mirror: DiskMirror = "mirror";
        /// Credentials (older place; see also the source's `<auth>`).
        child auth, auth_or_create, remove_auth: DiskAuth = "auth";
        /// Where the data comes from.
        child source, source_or_create, remove_source: DomainDiskSource = "source";
        /// The backing chain.
        child backing_store, backing_store_or_create, remove_backing_store: DiskBackingStore = "backingStore";
        /// Xen backend domain.
        child_attr backend_domain, set_backend_domain: String = "backenddomain" / "name";
        /// BIOS geometry: cylinders.
        child_attr geometry_cyls, set_geometry_cyls: u32 = "geometry" / "cyls";
        /// BIOS geometry: heads.
        child_attr geometry_heads, set_geometry_heads: u32 = "geometry" / "heads";
        /// BIOS geometry: sectors per track.
        child_attr geometry_secs, set_geometry_secs: u32 = "geometry" / "secs";
        /// BIOS geometry translation (`none`, `lba`, `auto`).
        child_attr geometry_trans, set_geometry_trans: String = "geometry" / "trans";
        /// Logical block size in bytes.
        child_attr logical_block_size, set_logical_block_size: u32 = "blockio" / "logical_block_size";
        /// Physical block size in bytes.
        child_attr physical_block_size, set_physical_block_size: u32 = "blockio" / "physical_block_size";
        /// Discard granularity in bytes.
        child_attr discard_granularity, set_discard_granularity: u32 = "blockio" / "discard_granularity";
        /// Guest device name (`vda`, `hdc`).
        child_attr target_dev, set_target_dev: String = "target" / "dev";
        /// Guest bus.
        child_attr target_bus, set_target_bus: DiskBus = "target" / "bus";
        /// Tray state of a removable disk (`open`, `closed`).
        child_attr target_tray, set_target_tray: String = "target" / "tray";
        /// Whether a USB or SCSI disk is removable.
        child_attr target_removable, set_target_removable: OnOff = "target" / "removable";
        /// Rotation rate reported to the guest (1 = SSD).
        child_attr target_rotation_rate, set_target_rotation_rate: u32 = "target" / "rotation_rate";
        /// I/O limits.
        child iotune, iotune_or_create, remove_iotune: DiskIotune = "iotune";
        /// Per-device boot order.
        child boot, boot_or_create, remove_boot: DeviceBoot = "boot";
        /// Read-only to the guest.
        flag readonly, set_readonly: bool = "readonly";
        /// Shared between domains.
        flag shareable, set_shareable: bool = "shareable";
        /// Changes are discarded when the guest stops.
        flag transient, set_transient: bool = "transient";
        /// Whether a transient disk's overlay shares the backing image.
        child_attr transient_share_backing, set_transient_share_backing: YesNo = "transient" / "shareBacking";
        /// Serial number shown to the guest.
        child_text serial, set_serial: String = "serial";
        /// World Wide Name.
        child_text wwn, set_wwn: String = "wwn";
        /// SCSI vendor.
        child_text vendor, set_vendor: String = "vendor";
        /// SCSI product.
        child_text product, set_product: String = "product";
        /// Encryption (older place; see also the source's `<encryption>`).
        child encryption, encryption_or_create, remove_encryption: Encryption = "encryption";
        /// Device alias.
        child alias, alias_or_create, remove_alias: DeviceAlias = "alias";
        /// ACPI index.
        child acpi, acpi_or_create, remove_acpi: DeviceAcpi = "acpi";
        /// Guest bus address.
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}

xml_element! {
    /// `<disk><driver>`: backend options.
    pub struct DiskDriver = "driver", order = ["metadata_cache", "iothreads"] {
        /// Driver name (`qemu`, `file`, `phy`, ...).
        attr name, set_name: String = "name";
        /// Image format (`raw`, `qcow2`, ...).
        attr format, set_format: String = "type";
        /// Host cache mode.
        attr cache, set_cache: DiskCache = "cache";
        /// Write error policy.
        attr error_policy, set_error_policy: DiskErrorPolicy = "error_policy";
        /// Read error policy.
        attr rerror_policy, set_rerror_policy: DiskErrorPolicy = "rerror_policy";
        /// Asynchronous I/O mode.
        attr io, set_io: DiskIo = "io";
        /// virtio ioeventfd.
        attr ioeventfd, set_ioeventfd: OnOff = "ioeventfd";
        /// virtio event index.
        attr event_idx, set_event_idx: OnOff = "event_idx";
        /// Copy-on-read.
        attr copy_on_read, set_copy_on_read: OnOff = "copy_on_read";
        /// Discard requests (`unmap`, `ignore`).
        attr discard, set_discard: String = "discard";
        /// qcow2 discard without unreferencing clusters.
        attr discard_no_unref, set_discard_no_unref: OnOff = "discard_no_unref";
        /// IOThread that serves the disk.
        attr iothread, set_iothread: u32 = "iothread";
        /// Zero-write detection (`off`, `on`, `unmap`).
        attr detect_zeroes, set_detect_zeroes: String = "detect_zeroes";
        /// Number of virtqueues.
        attr queues, set_queues: u32 = "queues";
        /// Virtqueue size.
        attr queue_size, set_queue_size: u32 = "queue_size";
        /// virtio IOMMU platform.
        attr iommu, set_iommu: OnOff = "iommu";
        /// virtio Address Translation Services.
        attr ats, set_ats: OnOff = "ats";
        /// virtio packed virtqueues.
        attr packed, set_packed: OnOff = "packed";
        /// virtio page-per-vq notification.
        attr page_per_vq, set_page_per_vq: OnOff = "page_per_vq";
        /// qcow2 metadata cache.
        child metadata_cache, metadata_cache_or_create, remove_metadata_cache: DiskMetadataCache = "metadata_cache";
        /// IOThreads serving the virtqueues.
        child iothreads, iothreads_or_create, remove_iothreads: DiskDriverIothreads = "iothreads";
    }
}

xml_element! {
    /// `<metadata_cache>`: qcow2 metadata cache limits.
    pub struct DiskMetadataCache = "metadata_cache", order = ["max_size"] {
        /// Maximum cache size (default unit bytes).
        child_unit max_size, set_max_size: Size = "max_size" / "unit";
    }
}

xml_element! {
    /// `<driver><iothreads>`: the IOThreads of a disk.
    pub struct DiskDriverIothreads = "iothreads", order = ["iothread"] {
        /// IOThreads.
        children iothreads, add_iothread, remove_iothread: DiskDriverIothread = "iothread";
    }
}

xml_element! {
    /// `<iothreads><iothread>`: one IOThread and the queues it serves.
    pub struct DiskDriverIothread = "iothread", order = ["queue"] {
        /// IOThread id.
        attr id, set_id: u32 = "id";
        /// Queues served by it.
        children queues, add_queue, remove_queue: DiskIothreadQueue = "queue";
    }
}

xml_element! {
    /// `<iothread><queue>`: one virtqueue.
    pub struct DiskIothreadQueue = "queue" {
        /// Queue id.
        attr id, set_id: u32 = "id";
    }
}

xml_element! {
    /// `<auth>`: credentials for a network disk.
    pub struct DiskAuth = "auth", order = ["secret"] {
        /// User name.
        attr username, set_username: String = "username";
        /// The secret holding the password or key.
        child secret, secret_or_create, remove_secret: SecretRef = "secret";
    }
}

xml_element! {
    /// `<source>` of a disk, backing store or mirror: where the data comes
    /// from; which attributes apply depends on the disk type.
    pub struct DomainDiskSource = "source", order = [
        "host", "snapshot", "config", "auth", "encryption", "reservations", "initiator",
        "address", "slices", "ssl", "cookies", "readahead", "timeout", "identity",
        "knownHosts", "reconnect", "seclabel",
    ] {
        /// Host file (`type='file'`).
        attr file, set_file: String = "file";
        /// Host block device (`type='block'`).
        attr dev, set_dev: String = "dev";
        /// Host directory (`type='dir'`).
        attr dir, set_dir: String = "dir";
        /// Storage pool (`type='volume'`).
        attr pool, set_pool: String = "pool";
        /// Volume in the pool (`type='volume'`).
        attr volume, set_volume: String = "volume";
        /// How an iSCSI volume is accessed (`host`, `direct`).
        attr mode, set_mode: String = "mode";
        /// Network protocol (`type='network'`).
        attr protocol, set_protocol: DiskProtocol = "protocol";
        /// Image or export name (`type='network'`).
        attr name, set_name: String = "name";
        /// URI query string (HTTP).
        attr query, set_query: String = "query";
        /// Whether TLS is used (`type='network'`).
        attr tls, set_tls: YesNo = "tls";
        /// Host name to check in the TLS certificate.
        attr tls_hostname, set_tls_hostname: String = "tlsHostname";
        /// Whether a missing source is tolerated.
        attr startup_policy, set_startup_policy: DiskStartupPolicy = "startupPolicy";
        /// Index in the backing chain.
        attr index, set_index: u32 = "index";
        /// Source type (`pci` for NVMe, `unix` for vhost-user).
        attr source_type, set_source_type: String = "type";
        /// Whether libvirt manages (detaches) the NVMe device.
        attr managed, set_managed: YesNo = "managed";
        /// NVMe namespace.
        attr namespace, set_namespace: u32 = "namespace";
        /// Socket path (vhost-user) or vDPA device.
        attr path, set_path: String = "path";
        /// A file descriptor group passed with the API.
        attr fdgroup, set_fdgroup: String = "fdgroup";
        /// Network hosts.
        children hosts, add_host, remove_host: DomainDiskSourceHost = "host";
        /// Internal snapshot name (RBD).
        child_attr snapshot_name, set_snapshot_name: String = "snapshot" / "name";
        /// Configuration file (RBD).
        child_attr config_file, set_config_file: String = "config" / "file";
        /// Credentials.
        child auth, auth_or_create, remove_auth: DiskAuth = "auth";
        /// Encryption.
        child encryption, encryption_or_create, remove_encryption: Encryption = "encryption";
        /// Persistent reservations (SCSI LUN).
        child reservations, reservations_or_create, remove_reservations: DiskReservations = "reservations";
        /// iSCSI initiator IQN.
        child initiator, initiator_or_create, remove_initiator: IscsiInitiator = "initiator";
        /// Host PCI address of an NVMe disk.
        child address, address_or_create, remove_address: DeviceAddress = "address";
        /// Slices of the image.
        child slices, slices_or_create, remove_slices: DiskSlices = "slices";
        /// Whether the server's certificate is verified (HTTPS, FTPS).
        child_attr ssl_verify, set_ssl_verify: YesNo = "ssl" / "verify";
        /// HTTP cookies.
        child cookies, cookies_or_create, remove_cookies: DiskCookies = "cookies";
        /// Readahead size in bytes.
        child_attr readahead_size, set_readahead_size: u64 = "readahead" / "size";
        /// Connection timeout in seconds.
        child_attr timeout_seconds, set_timeout_seconds: u32 = "timeout" / "seconds";
        /// Owner uid (NFS, `+N` for a number).
        child_attr identity_user, set_identity_user: String = "identity" / "user";
        /// Owner gid (NFS, `+N` for a number).
        child_attr identity_group, set_identity_group: String = "identity" / "group";
        /// SSH user name.
        child_attr identity_username, set_identity_username: String = "identity" / "username";
        /// SSH key file.
        child_attr identity_keyfile, set_identity_keyfile: String = "identity" / "keyfile";
        /// SSH agent socket.
        child_attr identity_agentsock, set_identity_agentsock: String = "identity" / "agentsock";
        /// SSH known-hosts file.
        child_attr known_hosts_path, set_known_hosts_path: String = "knownHosts" / "path";
        /// Whether to reconnect (NBD).
        child_attr reconnect_enabled, set_reconnect_enabled: YesNo = "reconnect" / "enabled";
        /// Reconnect timeout in seconds.
        child_attr reconnect_timeout, set_reconnect_timeout: u32 = "reconnect" / "timeout";
        /// Reconnect delay in seconds (NBD).
        child_attr reconnect_delay, set_reconnect_delay: u32 = "reconnect" / "delay";
        /// Security labels of the source.
        children seclabels, add_seclabel, remove_seclabel: DeviceSeclabel = "seclabel";
    }
}

xml_element! {
    /// `<source><host>`: one network host.
    pub struct DomainDiskSourceHost = "host" {
        /// Host name or address.
        attr name, set_name: String = "name";
        /// Port.
        attr port, set_port: u16 = "port";
        /// Transport (`tcp`, `unix`, `rdma`).
        attr transport, set_transport: String = "transport";
        /// UNIX socket path.
        attr socket, set_socket: String = "socket";
    }
}

xml_element! {
    /// `<source><reservations>`: SCSI persistent reservations.
    pub struct DiskReservations = "reservations", order = ["source"] {
        /// Whether libvirt runs the pr-helper.
        attr managed, set_managed: YesNo = "managed";
        /// Socket type of an unmanaged helper (`unix`).
        child_attr source_type, set_source_type: String = "source" / "type";
        /// Socket path of an unmanaged helper.
        child_attr source_path, set_source_path: String = "source" / "path";
        /// Socket mode (`client`, `server`).
        child_attr source_mode, set_source_mode: String = "source" / "mode";
    }
}

xml_element! {
    /// `<source><slices>`: parts of the image.
    pub struct DiskSlices = "slices", order = ["slice"] {
        /// Slices.
        children slices, add_slice, remove_slice: DiskSlice = "slice";
    }
}

xml_element! {
    /// `<slices><slice>`: one part of the image.
    pub struct DiskSlice = "slice" {
        /// What the slice is (`storage`).
        attr slice_type, set_slice_type: String = "type";
        /// Offset in bytes.
        attr offset, set_offset: u64 = "offset";
        /// Size in bytes.
        attr size, set_size: u64 = "size";
    }
}

xml_element! {
    /// `<source><cookies>`: HTTP cookies.
    pub struct DiskCookies = "cookies", order = ["cookie"] {
        /// Cookies.
        children cookies, add_cookie, remove_cookie: DiskCookie = "cookie";
    }
}

xml_element! {
    /// `<cookies><cookie>`: one HTTP cookie.
    pub struct DiskCookie = "cookie" {
        /// Cookie name.
        attr name, set_name: String = "name";
        /// Cookie value.
        text value, set_value: String;
    }
}

xml_element! {
    /// `<format>` of a backing store or mirror.
    pub struct DiskFormat = "format", order = ["metadata_cache"] {
        /// Image format (`raw`, `qcow2`, ...).
        attr format_type, set_format_type: String = "type";
        /// qcow2 metadata cache.
        child metadata_cache, metadata_cache_or_create, remove_metadata_cache: DiskMetadataCache = "metadata_cache";
    }
}

xml_element! {
    /// `<backingStore>`: one image of the backing chain (recursive; an empty
    /// `<backingStore/>` ends the chain).
    pub struct DiskBackingStore = "backingStore", order = ["format", "source", "backingStore"] {
        /// Source type (`file`, `block`, `network`, ...).
        attr store_type, set_store_type: DiskType = "type";
        /// Index in the chain.
        attr index, set_index: u32 = "index";
        /// Image format.
        child format, format_or_create, remove_format: DiskFormat = "format";
        /// Where the image is.
        child source, source_or_create, remove_source: DomainDiskSource = "source";
        /// The next image of the chain.
        child backing_store, backing_store_or_create, remove_backing_store: DiskBackingStore = "backingStore";
    }
}

xml_element! {
    /// `<mirror>`: the destination of a running block copy or commit job.
    pub struct DiskMirror = "mirror", order = ["format", "source", "backingStore"] {
        /// Destination type (`file`, `block`, ...).
        attr mirror_type, set_mirror_type: DiskType = "type";
        /// Job (`copy`, `active-commit`).
        attr job, set_job: String = "job";
        /// Job state (`yes`, `abort`, `pivot`).
        attr ready, set_ready: String = "ready";
        /// Destination file (older format).
        attr file, set_file: String = "file";
        /// Destination format (older format).
        attr format_name, set_format_name: String = "format";
        /// Destination format.
        child format, format_or_create, remove_format: DiskFormat = "format";
        /// Destination.
        child source, source_or_create, remove_source: DomainDiskSource = "source";
        /// Destination backing chain.
        child backing_store, backing_store_or_create, remove_backing_store: DiskBackingStore = "backingStore";
    }
}

xml_element! {
    /// `<disk><iotune>`: I/O limits (bytes and operations per second).
    pub struct DiskIotune = "iotune", order = [
        "total_bytes_sec", "read_bytes_sec", "write_bytes_sec", "total_iops_sec",
        "read_iops_sec", "write_iops_sec", "total_bytes_sec_max", "read_bytes_sec_max",
        "write_bytes_sec_max", "total_iops_sec_max", "read_iops_sec_max", "write_iops_sec_max",
        "size_iops_sec", "group_name", "total_bytes_sec_max_length",
        "read_bytes_sec_max_length", "write_bytes_sec_max_length",
        "total_iops_sec_max_length", "read_iops_sec_max_length",
        "write_iops_sec_max_length",
    ] {
        /// Total bytes per second.
        child_text total_bytes_sec, set_total_bytes_sec: u64 = "total_bytes_sec";
        /// Read bytes per second.
        child_text read_bytes_sec, set_read_bytes_sec: u64 = "read_bytes_sec";
        /// Write bytes per second.
        child_text write_bytes_sec, set_write_bytes_sec: u64 = "write_bytes_sec";
        /// Total operations per second.
        child_text total_iops_sec, set_total_iops_sec: u64 = "total_iops_sec";
        /// Read operations per second.
        child_text read_iops_sec, set_read_iops_sec: u64 = "read_iops_sec";
        /// Write operations per second.
        child_text write_iops_sec, set_write_iops_sec: u64 = "write_iops_sec";
        /// Burst total bytes per second.
        child_text total_bytes_sec_max, set_total_bytes_sec_max: u64 = "total_bytes_sec_max";
        /// Burst read bytes per second.
        child_text read_bytes_sec_max, set_read_bytes_sec_max: u64 = "read_bytes_sec_max";
        /// Burst write bytes per second.
        child_text write_bytes_sec_max, set_write_bytes_sec_max: u64 = "write_bytes_sec_max";
        /// Burst total operations per second.
        child_text total_iops_sec_max, set_total_iops_sec_max: u64 = "total_iops_sec_max";
        /// Burst read operations per second.
        child_text read_iops_sec_max, set_read_iops_sec_max: u64 = "read_iops_sec_max";
        /// Burst write operations per second.
        child_text write_iops_sec_max, set_write_iops_sec_max: u64 = "write_iops_sec_max";
        /// Size of an I/O operation for the iops limits.
        child_text size_iops_sec, set_size_iops_sec: u64 = "size_iops_sec";
        /// Throttling group shared by several disks.
        child_text group_name, set_group_name: String = "group_name";
        /// Burst duration in seconds (total bytes).
        child_text total_bytes_sec_max_length, set_total_bytes_sec_max_length: u64 = "total_bytes_sec_max_length";
        /// Burst duration in seconds (read bytes).
        child_text read_bytes_sec_max_length, set_read_bytes_sec_max_length: u64 = "read_bytes_sec_max_length";
        /// Burst duration in seconds (write bytes).
        child_text write_bytes_sec_max_length, set_write_bytes_sec_max_length: u64 = "write_bytes_sec_max_length";
        /// Burst duration in seconds (total operations).
        child_text total_iops_sec_max_length, set_total_iops_sec_max_length: u64 = "total_iops_sec_max_length";
        /// Burst duration in seconds (read operations).
        child_text read_iops_sec_max_length, set_read_iops_sec_max_length: u64 = "read_iops_sec_max_length";
        /// Burst duration in seconds (write operations).
        child_text write_iops_sec_max_length, set_write_iops_sec_max_length: u64 = "write_iops_sec_max_length";
    }
}
