//! Devices, part 1: shared device parts (address, alias, boot, ACPI index),
//! disks, interfaces, controllers, host devices and the other device kinds.

use libvirt_gconfig::value::{
    Hex, OnOff, PciBus, PciDomain, PciFunction, PciSlot, Size, SizeUnit, Uuid, YesNo,
};
use libvirt_gconfig::{AddressFamily, AddressType, DomainDevice, VirtualPortType, VlanNativeMode};

use super::doc_util::{rw, s, uuid};

use super::{check_domain, Case};

/// The cases of this file.
pub const CASES: &[Case] = &[
    Case::new(
        "device_addresses_of_every_type",
        device_addresses_of_every_type,
    ),
    Case::new("disk_driver_chain_and_limits", disk_driver_chain_and_limits),
    Case::new("disk_network_sources", disk_network_sources),
    Case::new("interfaces_of_every_type", interfaces_of_every_type),
    Case::new("controllers", controllers),
    Case::new(
        "host_devices_and_memory_devices",
        host_devices_and_memory_devices,
    ),
    Case::new(
        "filesystems_smartcards_redirection_and_more",
        filesystems_smartcards_redirection_and_more,
    ),
];

fn address_of(devices: &[DomainDevice], kind: &str) -> libvirt_gconfig::DeviceAddress {
    devices
        .iter()
        .find(|d| d.kind() == kind)
        .and_then(DomainDevice::address)
        .unwrap()
}

fn device_addresses_of_every_type() {
    check_domain("dev1-address", |dom| {
        let devices = dom.devices().unwrap();
        assert_eq!(
            devices.emulator().unwrap().as_deref(),
            Some("/usr/bin/qemu-system-s390x")
        );
        let disks = devices.disks();

        // pci + zpci, boot and alias on the first disk.
        let boot = disks[0].boot().unwrap();
        assert_eq!(boot.order().unwrap(), Some(1));
        assert_eq!(boot.loadparm().unwrap().as_deref(), Some("SYSTEM1"));
        boot.set_order(Some(2));
        boot.set_loadparm(Some("SYSTEM2".into()));
        let alias = disks[0].alias().unwrap();
        assert_eq!(alias.name().unwrap().as_deref(), Some("ua-disk0"));
        disks[0].alias_or_create().set_name(Some("ua-root".into()));
        assert!(disks[0].acpi().is_none());
        let pci = disks[0].address().unwrap();
        assert_eq!(pci.address_type().unwrap(), Some(AddressType::Pci));
        assert_eq!(pci.domain().unwrap(), Some(PciDomain::from(0)));
        assert_eq!(pci.pci_bus().unwrap(), Some(PciBus::from(0)));
        assert_eq!(pci.bus().unwrap(), Some(0));
        assert_eq!(pci.pci_slot().unwrap(), Some(PciSlot::from(8)));
        assert_eq!(pci.slot().unwrap(), Some(8));
        assert_eq!(pci.function().unwrap(), Some(PciFunction::from(0)));
        assert_eq!(pci.multifunction().unwrap(), None);
        assert_eq!(pci.zpci_uid().unwrap(), Some(0x19));
        assert_eq!(pci.zpci_fid().unwrap(), Some(0x1f));
        // Same values written back leave the hex spelling alone.
        pci.set_pci(0, 0, 9, 0);
        pci.set_multifunction(Some(OnOff(true)));
        pci.set_zpci_uid(Some(26));
        pci.set_zpci_fid(Some(32));

        // drive
        let drive = disks[1].address().unwrap();
        assert_eq!(drive.address_type().unwrap(), Some(AddressType::Drive));
        assert_eq!(
            (
                drive.controller().unwrap(),
                drive.target().unwrap(),
                drive.unit().unwrap()
            ),
            (Some(0), Some(0), Some(0))
        );
        drive.set_drive(1, 0, 2, 3);
        disks[1].acpi_or_create().set_index(Some(5));

        // usb: a new address and boot element, in schema order.
        assert!(disks[2].address().is_none());
        let usb = disks[2].address_or_create();
        usb.set_address_type(Some(AddressType::Usb));
        usb.set_bus(Some(0));
        usb.set_port(Some("1.2".into()));
        disks[2].boot_or_create().set_order(Some(1));

        // ccw + acpi on the first interface, spapr-vio on the second.
        let ifaces = devices.interfaces();
        let acpi = ifaces[0].acpi().unwrap();
        assert_eq!(acpi.index().unwrap(), Some(100));
        ifaces[0].acpi_or_create().set_index(Some(7));
        let ccw = ifaces[0].address_or_create();
        assert_eq!(ccw.address_type().unwrap(), Some(AddressType::Ccw));
        assert_eq!(ccw.cssid().unwrap(), Some(0xfe));
        assert_eq!(ccw.ssid().unwrap(), Some(0));
        assert_eq!(ccw.devno().unwrap(), Some(1));
        ccw.set_cssid(Some(254));
        ccw.set_ssid(Some(1));
        ccw.set_devno(Some(10));
        let vio = ifaces[1].address().unwrap();
        assert_eq!(vio.reg().unwrap(), Some(Hex(0x1000)));
        vio.set_reg(Some(Hex(0x2000)));
        assert!(ifaces[1].alias().is_none() && ifaces[1].boot().is_none());
        ifaces[1].alias_or_create().set_name(Some("ua-net1".into()));
        ifaces[1].boot_or_create().set_order(Some(3));

        // Addresses of any device kind through the generic device.
        let all = devices.all();
        let ccid = address_of(&all, "smartcard");
        assert_eq!(ccid.address_type().unwrap(), Some(AddressType::Ccid));
        assert_eq!(ccid.slot().unwrap(), Some(0));
        ccid.set_slot(Some(1));
        let isa = address_of(&all, "serial");
        assert_eq!(isa.iobase().unwrap(), Some(Hex(0x3f8)));
        assert_eq!(isa.irq().unwrap(), Some(Hex(4)));
        isa.set_iobase(Some(Hex(0x2f8)));
        isa.set_irq(Some(Hex(3)));
        let vser = address_of(&all, "channel");
        assert_eq!(vser.port().unwrap().as_deref(), Some("1"));
        vser.set_port(Some("2".into()));
        let mmio = address_of(&all, "memballoon");
        assert_eq!(mmio.address_type().unwrap(), Some(AddressType::VirtioMmio));
        mmio.set_address_type(Some(AddressType::Unassigned));
        let dimm = address_of(&all, "memory");
        assert_eq!(dimm.address_type().unwrap(), Some(AddressType::Dimm));
        assert_eq!(dimm.base().unwrap(), Some(Hex(1 << 32)));
        dimm.set_slot(Some(1));
        dimm.set_base(Some(Hex(0x1_2000_0000)));
        assert_eq!(
            all.iter().filter_map(DomainDevice::alias).count(),
            2,
            "the first disk and the second interface have an alias"
        );
    });
}

fn disk_driver_chain_and_limits() {
    use libvirt_gconfig::{
        DiskBus, DiskCache, DiskDevice, DiskErrorPolicy, DiskIo, DiskSnapshotMode,
        DiskStartupPolicy, DiskType,
    };
    check_domain("dev1-disk", |dom| {
        let disk = &dom.devices().unwrap().disks()[0];
        rw!(disk, disk_type / set_disk_type: Some(DiskType::File) => Some(DiskType::Block));
        rw!(disk, device / set_device: Some(DiskDevice::Disk) => Some(DiskDevice::Disk));
        rw!(disk, model / set_model: s("virtio-non-transitional") => s("virtio"));
        rw!(disk, snapshot / set_snapshot: Some(DiskSnapshotMode::External) => Some(DiskSnapshotMode::Internal));

        let drv = disk.driver().unwrap();
        rw!(drv, name / set_name: s("qemu") => s("qemu"));
        rw!(drv, format / set_format: s("qcow2") => s("raw"));
        rw!(drv, cache / set_cache: Some(DiskCache::None) => Some(DiskCache::Writeback));
        rw!(drv, error_policy / set_error_policy: Some(DiskErrorPolicy::Stop) => Some(DiskErrorPolicy::Enospace));
        rw!(drv, rerror_policy / set_rerror_policy: Some(DiskErrorPolicy::Ignore) => Some(DiskErrorPolicy::Report));
        rw!(drv, io / set_io: Some(DiskIo::Native) => Some(DiskIo::IoUring));
        rw!(drv, ioeventfd / set_ioeventfd: Some(OnOff(true)) => Some(OnOff(false)));
        rw!(drv, event_idx / set_event_idx: Some(OnOff(true)) => None);
        rw!(drv, copy_on_read / set_copy_on_read: Some(OnOff(true)) => None);
        rw!(drv, discard / set_discard: s("unmap") => s("ignore"));
        rw!(drv, discard_no_unref / set_discard_no_unref: Some(OnOff(true)) => None);
        rw!(drv, iothread / set_iothread: Some(1) => Some(2));
        rw!(drv, detect_zeroes / set_detect_zeroes: s("unmap") => s("on"));
        rw!(drv, queues / set_queues: Some(4) => Some(2));
        rw!(drv, queue_size / set_queue_size: Some(256) => Some(128));
        rw!(drv, iommu / set_iommu: Some(OnOff(true)) => None);
        rw!(drv, ats / set_ats: Some(OnOff(true)) => None);
        rw!(drv, packed / set_packed: Some(OnOff(true)) => None);
        rw!(drv, page_per_vq / set_page_per_vq: Some(OnOff(true)) => Some(OnOff(false)));
        let cache = drv.metadata_cache().unwrap();
        rw!(cache, max_size / set_max_size: Some(Size::from_bytes(12345)) => Some(Size::new(2, SizeUnit::MiB)));
        let threads = drv.iothreads().unwrap();
        let t1 = &threads.iothreads()[0];
        rw!(t1, id / set_id: Some(1) => Some(2));
        rw!(t1.queues()[0], id / set_id: Some(0) => Some(0));
        t1.add_queue().set_id(Some(1));
        let t3 = threads.add_iothread();
        t3.set_id(Some(3));
        t3.add_queue().set_id(Some(2));
        assert!(drv.metadata_cache_or_create() == cache);
        assert!(drv.iothreads_or_create() == threads);

        let src = disk.source().unwrap();
        rw!(src, file / set_file: s("/var/lib/libvirt/images/top.qcow2") => None);
        rw!(src, dev / set_dev: None => s("/dev/HostVG/top"));
        rw!(src, fdgroup / set_fdgroup: s("testgroup2") => None);
        rw!(src, startup_policy / set_startup_policy: Some(DiskStartupPolicy::Optional) => Some(DiskStartupPolicy::Requisite));
        rw!(src, index / set_index: Some(3) => Some(6));
        let slice = &src.slices().unwrap().slices()[0];
        rw!(slice, slice_type / set_slice_type: s("storage") => s("storage"));
        rw!(slice, offset / set_offset: Some(1234) => Some(0));
        rw!(slice, size / set_size: Some(321) => Some(1 << 30));
        let slices = src.slices_or_create();
        assert!(slices.remove_slice(slice));
        slices.add_slice().set_size(Some(512));
        let label = &src.seclabels()[0];
        rw!(label, model / set_model: s("selinux") => s("selinux"));
        rw!(label, relabel / set_relabel: Some(YesNo(true)) => Some(YesNo(false)));
        rw!(label, labelskip / set_labelskip: Some(YesNo(true)) => None);
        rw!(label, label / set_label: s("system_u:object_r:svirt_image_t:s0") => None);
        src.add_seclabel().set_model(Some("dac".into()));

        // The backing chain, two images deep and terminated.
        let bs = disk.backing_store().unwrap();
        rw!(bs, store_type / set_store_type: Some(DiskType::File) => Some(DiskType::File));
        rw!(bs, index / set_index: Some(2) => Some(5));
        let fmt = bs.format().unwrap();
        rw!(fmt, format_type / set_format_type: s("qcow2") => s("qed"));
        assert!(fmt.remove_metadata_cache());
        assert!(fmt.metadata_cache().is_none());
        fmt.metadata_cache_or_create()
            .set_max_size(Some(Size::new(4, SizeUnit::KiB)));
        rw!(bs.source().unwrap(), file / set_file: s("/var/lib/libvirt/images/base.qcow2") => s("/images/base.qed"));
        let next = bs.backing_store().unwrap();
        assert_eq!(next.source().unwrap().dev().unwrap(), s("/dev/HostVG/base"));
        let end = next.backing_store().unwrap();
        assert_eq!(end.store_type().unwrap(), None);
        assert!(end.backing_store().is_none() && end.format().is_none() && end.source().is_none());
        // Insert an image at the end of the chain.
        assert!(next.remove_backing_store());
        let last = next.backing_store_or_create();
        last.set_store_type(Some(DiskType::Network));
        last.set_index(Some(1));
        last.format_or_create().set_format_type(Some("raw".into()));
        let nsrc = last.source_or_create();
        nsrc.set_protocol(Some(libvirt_gconfig::DiskProtocol::Nfs));
        nsrc.set_name(Some("/backing/store/nfs".into()));
        nsrc.add_host().set_name(Some("example.org".into()));
        last.backing_store_or_create();
        assert!(bs.backing_store_or_create() == next);

        let mirror = disk.mirror().unwrap();
        rw!(mirror, mirror_type / set_mirror_type: Some(DiskType::File) => Some(DiskType::Block));
        rw!(mirror, job / set_job: s("copy") => s("active-commit"));
        rw!(mirror, ready / set_ready: s("yes") => s("abort"));
        rw!(mirror, file / set_file: s("/tmp/copy.img") => None);
        rw!(mirror, format_name / set_format_name: s("qcow2") => None);
        rw!(mirror.format().unwrap(), format_type / set_format_type: s("qcow2") => s("raw"));
        let msrc = mirror.source().unwrap();
        rw!(msrc, file / set_file: s("/tmp/copy.img") => None);
        msrc.set_dev(Some("/dev/HostVG/copy".into()));
        let mbs = mirror.backing_store().unwrap();
        rw!(mbs, index / set_index: Some(5) => Some(7));
        assert!(mirror.remove_backing_store());
        assert!(mirror.format_or_create() == mirror.format().unwrap());
        assert!(mirror.source_or_create() == msrc);
        assert!(mirror
            .backing_store_or_create()
            .store_type()
            .unwrap()
            .is_none());
        assert!(mirror.remove_format());
        assert!(mirror.remove_source());

        rw!(disk, geometry_cyls / set_geometry_cyls: Some(16383) => Some(1024));
        rw!(disk, geometry_heads / set_geometry_heads: Some(16) => Some(255));
        rw!(disk, geometry_secs / set_geometry_secs: Some(63) => Some(63));
        rw!(disk, geometry_trans / set_geometry_trans: s("lba") => None);
        rw!(disk, logical_block_size / set_logical_block_size: Some(512) => Some(4096));
        rw!(disk, physical_block_size / set_physical_block_size: Some(4096) => Some(4096));
        rw!(disk, discard_granularity / set_discard_granularity: Some(4096) => None);
        rw!(disk, target_dev / set_target_dev: s("vda") => s("sdb"));
        rw!(disk, target_bus / set_target_bus: Some(DiskBus::Virtio) => Some(DiskBus::Scsi));
        rw!(disk, target_rotation_rate / set_target_rotation_rate: Some(7200) => Some(1));
        rw!(disk, target_removable / set_target_removable: None => Some(OnOff(false)));

        let io = disk.iotune().unwrap();
        rw!(io, total_bytes_sec / set_total_bytes_sec: Some(5000) => None);
        rw!(io, total_iops_sec / set_total_iops_sec: Some(6000) => None);
        rw!(io, total_bytes_sec_max / set_total_bytes_sec_max: Some(10000) => None);
        rw!(io, total_iops_sec_max / set_total_iops_sec_max: Some(11000) => None);
        rw!(io, total_bytes_sec_max_length / set_total_bytes_sec_max_length: Some(3) => None);
        rw!(io, total_iops_sec_max_length / set_total_iops_sec_max_length: Some(5) => None);
        rw!(io, read_bytes_sec / set_read_bytes_sec: None => Some(5000));
        rw!(io, write_bytes_sec / set_write_bytes_sec: None => Some(5500));
        rw!(io, read_iops_sec / set_read_iops_sec: None => Some(3500));
        rw!(io, write_iops_sec / set_write_iops_sec: None => Some(4000));
        rw!(io, read_bytes_sec_max / set_read_bytes_sec_max: None => Some(6000));
        rw!(io, write_bytes_sec_max / set_write_bytes_sec_max: None => Some(6500));
        rw!(io, read_iops_sec_max / set_read_iops_sec_max: None => Some(7000));
        rw!(io, write_iops_sec_max / set_write_iops_sec_max: None => Some(7500));
        rw!(io, read_bytes_sec_max_length / set_read_bytes_sec_max_length: None => Some(3));
        rw!(io, write_bytes_sec_max_length / set_write_bytes_sec_max_length: None => Some(5));
        rw!(io, read_iops_sec_max_length / set_read_iops_sec_max_length: None => Some(7));
        rw!(io, write_iops_sec_max_length / set_write_iops_sec_max_length: None => Some(9));
        rw!(io, size_iops_sec / set_size_iops_sec: Some(2000) => Some(4096));
        rw!(io, group_name / set_group_name: s("libvirt_iotune_group1") => s("group2"));
        assert!(disk.iotune_or_create() == io);

        assert!(disk.transient());
        rw!(disk, transient_share_backing / set_transient_share_backing: Some(YesNo(true)) => None);
        disk.set_transient(false);
        disk.set_shareable(true);
        assert!(!disk.readonly());
        rw!(disk, serial / set_serial: s("WD-WMAP9A966149") => s("SN-2"));
        rw!(disk, wwn / set_wwn: s("0x5000c50015ea71ad") => s("5000c50015ea71ac"));
        let enc = disk.encryption().unwrap();
        rw!(enc, format / set_format: s("luks") => s("luks2"));
        rw!(enc, engine / set_engine: s("qemu") => None);
        let secret = &enc.secrets()[0];
        rw!(secret, secret_type / set_secret_type: s("passphrase") => s("passphrase"));
        rw!(secret, uuid / set_uuid:
            Some(Uuid::new("0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f").unwrap()) => None);
        rw!(secret, usage / set_usage: None => s("/storage/guest_disks/encryptdisk"));
        rw!(enc, cipher_name / set_cipher_name: s("serpent") => s("aes"));
        rw!(enc, cipher_size / set_cipher_size: Some(256) => Some(128));
        rw!(enc, cipher_mode / set_cipher_mode: s("cbc") => s("xts"));
        rw!(enc, cipher_hash / set_cipher_hash: s("sha256") => None);
        assert!(disk.encryption_or_create() == enc);
        assert!(disk.driver_or_create() == drv);
        assert!(disk.acpi().is_some() && disk.remove_acpi());
        assert!(disk.remove_alias() && disk.remove_boot());
        assert!(disk.remove_address());

        // Smaller disks: a directory floppy, a Xen disk with a backend domain.
        let disks = dom.devices().unwrap().disks();
        rw!(disks[10].source().unwrap(), dir / set_dir: s("/var/somefiles") => s("/srv/floppy"));
        rw!(disks[11], backend_domain / set_backend_domain: s("bar") => s("dom0"));
        assert_eq!(disks[1].target_tray().unwrap(), s("open"));
        disks[1].set_target_tray(Some("closed".into()));
        assert!(disks[1].remove_driver() && disks[1].driver().is_none());
        assert!(!disks[3].remove_mirror());
        assert!(!disks[4].remove_backing_store());
        assert!(!disks[4].remove_iotune() && !disks[4].remove_encryption());
    });
}

fn disk_network_sources() {
    use libvirt_gconfig::DiskProtocol;
    check_domain("dev1-disk-net", |dom| {
        let devices = dom.devices().unwrap();
        let disks = devices.disks();

        // https with old-style <auth>, cookies, TLS, timeouts.
        let auth = disks[1].auth().unwrap();
        rw!(auth, username / set_username: s("myname") => s("admin"));
        let secret = auth.secret().unwrap();
        rw!(secret, usage / set_usage: s("mycluster_myname") => s("client.admin secret"));
        assert!(auth.secret_or_create() == secret);
        let src = disks[1].source().unwrap();
        rw!(src, protocol / set_protocol: Some(DiskProtocol::Https) => Some(DiskProtocol::Http));
        rw!(src, name / set_name: s("/url/path/file.iso") => s("/file.iso"));
        rw!(src, query / set_query: s("foo=bar") => s("par=val&other=ble"));
        rw!(src, tls / set_tls: Some(YesNo(true)) => None);
        rw!(src, tls_hostname / set_tls_hostname: s("test-hostname") => None);
        let host = &src.hosts()[0];
        rw!(host, name / set_name: s("example.org") => s("example.com"));
        rw!(host, port / set_port: Some(443) => Some(80));
        rw!(src, ssl_verify / set_ssl_verify: Some(YesNo(false)) => None);
        let cookies = src.cookies().unwrap();
        let c = &cookies.cookies()[0];
        rw!(c, name / set_name: s("test") => s("session"));
        rw!(c, value / set_value: s("testcookievalue") => s("\"blurb\""));
        let c2 = cookies.add_cookie();
        c2.set_name(Some("test2".into()));
        c2.set_value(Some("v2".into()));
        assert!(src.cookies_or_create() == cookies);
        rw!(src, readahead_size / set_readahead_size: Some(65536) => Some(1024));
        rw!(src, timeout_seconds / set_timeout_seconds: Some(10) => Some(1234));
        // Moving credentials under <source> as libvirt now writes them.
        assert!(disks[1].remove_auth());
        let auth = src.auth_or_create();
        auth.set_username(Some("admin".into()));
        let secret = auth.secret_or_create();
        rw!(secret, secret_type / set_secret_type: None => s("ceph"));
        secret.set_usage(Some("client.admin secret".into()));
        assert!(disks[1].auth_or_create() != auth);
        assert!(disks[1].remove_auth());

        // iSCSI LUN: source auth, reservations, initiator.
        rw!(disks[2], rawio / set_rawio: Some(YesNo(true)) => Some(YesNo(false)));
        rw!(disks[2], sgio / set_sgio: s("unfiltered") => s("filtered"));
        rw!(disks[2], vendor / set_vendor: s("SEAGATE") => s("SEA GATE"));
        rw!(disks[2], product / set_product: s("ST3146707LC") => s("ST67 807GD"));
        assert!(disks[2].shareable());
        let src = disks[2].source().unwrap();
        rw!(src.auth().unwrap(), username / set_username: s("myuser") => s("testuser"));
        let res = src.reservations().unwrap();
        rw!(res, managed / set_managed: Some(YesNo(false)) => Some(YesNo(false)));
        rw!(res, source_type / set_source_type: s("unix") => s("unix"));
        rw!(res, source_path / set_source_path: s("/path/to/qemu-pr-helper.sock") => s("/run/pr.sock"));
        rw!(res, source_mode / set_source_mode: s("client") => s("server"));
        assert!(src.reservations_or_create() == res);
        let ini = src.initiator().unwrap();
        rw!(ini, iqn_name / set_iqn_name: s("iqn.1992-01.com.example:client") => s("iqn.2024-01.org.example:vm"));
        assert!(src.initiator_or_create() == ini);
        assert!(src.remove_initiator() && src.initiator().is_none());

        // RBD: snapshot, config, encryption under <source>.
        let src = disks[3].source().unwrap();
        rw!(src, snapshot_name / set_snapshot_name: s("foo") => s("snap2"));
        rw!(src, config_file / set_config_file: s("/blah/test.conf") => None);
        let enc = src.encryption().unwrap();
        rw!(enc, engine / set_engine: s("librbd") => s("librbd"));
        assert_eq!(
            enc.secrets()[0].usage().unwrap(),
            s("/storage/guest_disks/encryptdisk2")
        );
        assert!(enc.remove_secret(&enc.secrets()[0]));
        let sec = enc.add_secret();
        sec.set_secret_type(Some("passphrase".into()));
        sec.set_uuid(Some(
            Uuid::new("f52a81b2-424e-490c-823d-6bd4235bc572").unwrap(),
        ));
        assert!(src.encryption_or_create() == enc);
        assert!(!disks[4].source().unwrap().remove_encryption());

        // NBD over a UNIX socket with reconnect.
        let src = disks[4].source().unwrap();
        let host = &src.hosts()[0];
        rw!(host, transport / set_transport: s("unix") => s("unix"));
        rw!(host, socket / set_socket: s("/var/run/nbdsock") => s("/run/nbd.sock"));
        rw!(src, reconnect_enabled / set_reconnect_enabled: Some(YesNo(true)) => Some(YesNo(true)));
        rw!(src, reconnect_timeout / set_reconnect_timeout: Some(10) => Some(20));
        rw!(src, reconnect_delay / set_reconnect_delay: Some(5) => None);
        assert!(src.remove_host(host));

        // SSH and NFS identities.
        let src = disks[5].source().unwrap();
        rw!(src, identity_username / set_identity_username: s("myuser") => s("myuser2"));
        rw!(src, identity_keyfile / set_identity_keyfile: s("/path/to/id_rsa") => None);
        rw!(src, identity_agentsock / set_identity_agentsock: s("/path/to/agent/socket") => s("/run/agent"));
        rw!(src, known_hosts_path / set_known_hosts_path: s("/path/to/ssh_known_hosts") => s("/etc/ssh/known"));
        let src = disks[6].source().unwrap();
        rw!(src, identity_user / set_identity_user: s("+1234") => s("qemu"));
        rw!(src, identity_group / set_identity_group: s("+5678") => None);

        // Volume, NVMe and vhost-user sources.
        let src = disks[7].source().unwrap();
        rw!(src, pool / set_pool: s("pool-iscsi") => s("pool-disk"));
        rw!(src, volume / set_volume: s("unit:0:0:3") => s("unit:0:0:1"));
        rw!(src, mode / set_mode: s("direct") => s("host"));
        let src = disks[8].source().unwrap();
        rw!(src, source_type / set_source_type: s("pci") => s("pci"));
        rw!(src, managed / set_managed: Some(YesNo(true)) => Some(YesNo(false)));
        rw!(src, namespace / set_namespace: Some(1) => Some(2));
        let addr = src.address().unwrap();
        assert_eq!(addr.domain().unwrap(), Some(PciDomain::from(1)));
        addr.set_pci_bus(Some(PciBus::from(3)));
        assert!(src.address_or_create() == addr);
        assert!(!src.remove_slices() && !src.remove_reservations());
        assert!(src.remove_address() && src.address().is_none());
        src.address_or_create().set_pci(1, 3, 0, 0);
        let src = disks[9].source().unwrap();
        rw!(src, path / set_path: s("/tmp/vhost1.sock") => s("/run/vhost.sock"));
        assert!(!src.remove_cookies() && !src.remove_auth());
    });
}

fn interfaces_of_every_type() {
    use libvirt_gconfig::InterfaceType;
    check_domain("dev1-interface", |dom| {
        let ifaces = dom.devices().unwrap().interfaces();
        let n = &ifaces[0];
        rw!(n, iface_type / set_iface_type: Some(InterfaceType::Network) => Some(InterfaceType::Network));
        rw!(n, trust_guest_rx_filters / set_trust_guest_rx_filters: Some(YesNo(true)) => Some(YesNo(false)));
        rw!(n, mac_address / set_mac_address: s("52:54:00:09:a4:37") => s("52:54:00:09:a4:99"));
        rw!(n, mac_type / set_mac_type: s("generated") => s("static"));
        rw!(n, mac_check / set_mac_check: Some(YesNo(false)) => None);
        let src = n.source().unwrap();
        rw!(src, network / set_network: s("default") => s("ovs-net"));
        rw!(src, portgroup / set_portgroup: s("sam") => s("bob"));
        rw!(src, portid / set_portid: s("873be5a0-6b8a-4a0b-a1df-ef3659cd64bc") => None);
        let vlan = n.vlan().unwrap();
        rw!(vlan, trunk / set_trunk: Some(YesNo(true)) => None);
        let tags = vlan.tags();
        rw!(tags[0], id / set_id: Some(42) => Some(43));
        rw!(tags[1], native_mode / set_native_mode: Some(VlanNativeMode::Untagged) => Some(VlanNativeMode::Tagged));
        assert!(vlan.remove_tag(&tags[1]));
        vlan.add_tag().set_id(Some(4095));
        assert!(n.vlan_or_create() == vlan);
        let vp = n.virtualport().unwrap();
        rw!(vp, port_type / set_port_type: Some(VirtualPortType::Qbg) => Some(VirtualPortType::Qbg));
        let p = vp.parameters().unwrap();
        rw!(p, manager_id / set_manager_id: Some(11) => Some(12));
        rw!(p, type_id / set_type_id: Some(1193047) => Some(1193046));
        rw!(p, type_id_version / set_type_id_version: Some(2) => Some(1));
        rw!(p, instance_id / set_instance_id: Some(uuid("09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f")) => Some(uuid("fa9b7fff-b0a0-4893-8e0e-beef4ff18f8f")));
        rw!(p, profile_id / set_profile_id: None => s("my_profile"));
        rw!(p, interface_id / set_interface_id: None => None);
        assert!(vp.parameters_or_create() == p);
        assert!(n.virtualport_or_create() == vp);
        rw!(n, target_dev / set_target_dev: s("vnet0") => s("vnet7"));
        rw!(n, target_managed / set_target_managed: Some(YesNo(false)) => None);
        rw!(n, model_type / set_model_type: s("virtio") => s("virtio"));
        let d = n.driver().unwrap();
        rw!(d, name / set_name: s("vhost") => s("qemu"));
        rw!(d, txmode / set_txmode: s("iothread") => s("timer"));
        rw!(d, ioeventfd / set_ioeventfd: Some(OnOff(true)) => None);
        rw!(d, event_idx / set_event_idx: Some(OnOff(false)) => None);
        rw!(d, queues / set_queues: Some(5) => Some(4));
        rw!(d, rx_queue_size / set_rx_queue_size: Some(512) => Some(256));
        rw!(d, tx_queue_size / set_tx_queue_size: Some(1024) => Some(256));
        rw!(d, rss / set_rss: Some(OnOff(true)) => None);
        rw!(d, rss_hash_report / set_rss_hash_report: Some(OnOff(true)) => None);
        rw!(d, iommu / set_iommu: Some(OnOff(true)) => None);
        rw!(d, ats / set_ats: Some(OnOff(true)) => None);
        rw!(d, packed / set_packed: Some(OnOff(true)) => None);
        rw!(d, page_per_vq / set_page_per_vq: Some(OnOff(true)) => None);
        let h = d.host().unwrap();
        rw!(h, csum / set_csum: Some(OnOff(false)) => Some(OnOff(true)));
        rw!(h, gso / set_gso: Some(OnOff(false)) => None);
        rw!(h, tso4 / set_tso4: Some(OnOff(false)) => None);
        rw!(h, tso6 / set_tso6: Some(OnOff(false)) => None);
        rw!(h, ecn / set_ecn: Some(OnOff(false)) => None);
        rw!(h, ufo / set_ufo: Some(OnOff(false)) => None);
        rw!(h, mrg_rxbuf / set_mrg_rxbuf: Some(OnOff(false)) => Some(OnOff(true)));
        let g = d.guest().unwrap();
        rw!(g, csum / set_csum: Some(OnOff(false)) => None);
        rw!(g, tso4 / set_tso4: Some(OnOff(false)) => None);
        rw!(g, tso6 / set_tso6: Some(OnOff(false)) => None);
        rw!(g, ecn / set_ecn: Some(OnOff(false)) => None);
        rw!(g, ufo / set_ufo: Some(OnOff(false)) => Some(OnOff(true)));
        assert!(d.host_or_create() == h && d.guest_or_create() == g);
        assert!(d.remove_host());
        assert!(n.driver_or_create() == d);
        rw!(n, backend_tap / set_backend_tap: s("/dev/mytap") => s("/dev/net/tun"));
        rw!(n, backend_vhost / set_backend_vhost: s("/dev/zero") => None);
        let f = n.filterref().unwrap();
        rw!(f, filter / set_filter: s("myfilter") => s("clean-traffic"));
        let fp = &f.parameters()[0];
        rw!(fp, name / set_name: s("IP") => s("IP"));
        rw!(fp, value / set_value: s("104.207.129.11") => s("10.0.0.1"));
        let fp2 = f.add_parameter();
        fp2.set_name(Some("DHCPSERVER".into()));
        fp2.set_value(Some("10.0.0.2".into()));
        assert!(n.filterref_or_create() == f);
        let tune = n.tune().unwrap();
        rw!(tune, sndbuf / set_sndbuf: Some(1600) => Some(0));
        assert!(n.tune_or_create() == tune && !ifaces[1].remove_tune());
        rw!(n, link_state / set_link_state: s("up") => s("down"));
        rw!(n, mtu_size / set_mtu_size: Some(1500) => Some(9000));
        let bw = n.bandwidth().unwrap();
        let inb = bw.inbound().unwrap();
        rw!(inb, average / set_average: Some(1000) => Some(1234));
        rw!(inb, peak / set_peak: Some(4000) => None);
        rw!(inb, burst / set_burst: Some(1024) => None);
        rw!(inb, floor / set_floor: Some(200) => Some(100));
        let out = bw.outbound().unwrap();
        rw!(out, average / set_average: Some(128) => Some(5678));
        assert!(bw.remove_outbound() && bw.outbound().is_none());
        bw.outbound_or_create().set_average(Some(10240));
        assert!(bw.inbound_or_create() == inb);
        assert!(n.bandwidth_or_create() == bw);
        let co = n.coalesce().unwrap();
        let rx = co.rx().unwrap();
        rw!(rx, frames_max / set_frames_max: Some(7) => Some(0));
        assert!(co.rx_or_create() == rx && n.coalesce_or_create() == co);
        rw!(n, port_isolated / set_port_isolated: Some(YesNo(true)) => None);
        rw!(n, rom_bar / set_rom_bar: Some(OnOff(true)) => Some(OnOff(false)));
        rw!(n, rom_enabled / set_rom_enabled: None => Some(YesNo(false)));
        rw!(n, rom_file / set_rom_file: s("/etc/fake/bootrom.bin") => None);
        assert!(n.remove_boot() && n.remove_alias() && n.remove_address());

        // ethernet: host and guest side IPs and routes, scripts.
        let e = &ifaces[1];
        let src = e.source().unwrap();
        let ip = &src.ips()[0];
        rw!(ip, address / set_address: s("192.168.122.12") => s("192.168.125.1"));
        rw!(ip, family / set_family: s("ipv4") => s("ipv4"));
        rw!(ip, prefix / set_prefix: Some(24) => Some(24));
        rw!(ip, peer / set_peer: s("192.168.122.1") => s("192.168.125.2"));
        let r = &src.routes()[0];
        rw!(r, family / set_family: Some(AddressFamily::Ipv4) => Some(AddressFamily::Ipv4));
        rw!(r, address / set_address: s("10.20.0.0") => s("10.30.0.0"));
        rw!(r, prefix / set_prefix: Some(16) => Some(16));
        rw!(r, gateway / set_gateway: s("192.168.125.2") => s("192.168.125.3"));
        rw!(r, metric / set_metric: None => Some(10));
        let ip6 = src.add_ip();
        ip6.set_address(Some("2001:db8::1".into()));
        ip6.set_family(Some("ipv6".into()));
        ip6.set_prefix(Some(64));
        assert!(src.remove_route(r));
        src.add_route().set_gateway(Some("192.168.125.1".into()));
        assert!(src.remove_ip(&ip6));
        let gip = &e.ips()[0];
        assert_eq!(gip.address().unwrap(), s("192.168.122.13"));
        assert!(e.remove_ip(gip));
        let gip = e.add_ip();
        gip.set_address(Some("2003:db8:1:0:214:1234:fe0b:3596".into()));
        gip.set_family(Some("ipv6".into()));
        let gr = &e.routes()[0];
        assert_eq!(gr.gateway().unwrap(), s("192.168.122.1"));
        assert!(e.remove_route(gr));
        e.add_route().set_address(Some("::".into()));
        rw!(e, script_path / set_script_path: s("/etc/qemu-ifup") => s("/etc/qemu-ifup2"));
        rw!(e, downscript_path / set_downscript_path: s("/home/ifdown.sh") => None);
        rw!(e, guest_dev / set_guest_dev: s("eth0") => s("eth2"));
        rw!(e, guest_actual / set_guest_actual: None => s("eth3"));

        // direct, vhostuser, udp.
        let src = ifaces[2].source().unwrap();
        rw!(src, dev / set_dev: s("eth0") => s("eth42"));
        rw!(src, mode / set_mode: s("vepa") => None);
        // Turned into a bridged interface.
        ifaces[2].set_iface_type(Some(InterfaceType::Bridge));
        src.set_dev(None);
        rw!(src, bridge / set_bridge: None => s("br0"));
        let src = ifaces[3].source().unwrap();
        rw!(src, source_type / set_source_type: s("unix") => s("unix"));
        rw!(src, path / set_path: s("/tmp/vhost0.sock") => s("/tmp/vhost1.sock"));
        rw!(src, reconnect_enabled / set_reconnect_enabled: Some(YesNo(true)) => Some(YesNo(false)));
        rw!(src, reconnect_timeout / set_reconnect_timeout: Some(10) => None);
        let src = ifaces[4].source().unwrap();
        rw!(src, address_ip / set_address_ip: s("192.168.10.1") => s("127.0.0.1"));
        rw!(src, port / set_port: Some(5555) => Some(5558));
        rw!(src, local_address / set_local_address: s("192.168.10.1") => s("127.0.0.1"));
        rw!(src, local_port / set_local_port: Some(5556) => Some(5559));

        // hostdev: a VF by PCI address, with failover teaming.
        let h = &ifaces[5];
        rw!(h, managed / set_managed: Some(YesNo(true)) => Some(YesNo(false)));
        let src = h.source().unwrap();
        let addr = src.address().unwrap();
        assert_eq!(addr.slot().unwrap(), Some(7));
        assert!(src.address_or_create() == addr);
        assert!(src.remove_address());
        src.address_or_create().set_pci(0, 3, 0x10, 1);
        rw!(h, teaming_type / set_teaming_type: s("transient") => s("persistent"));
        rw!(h, teaming_persistent / set_teaming_persistent: s("ua-backup0") => None);

        // passt with port forwarding.
        let u = &ifaces[6];
        rw!(u, backend_type / set_backend_type: s("passt") => s("passt"));
        rw!(u, backend_log_file / set_backend_log_file: s("/var/log/passt.log") => s("/var/log/p.log"));
        let pf = &u.port_forwards()[0];
        rw!(pf, proto / set_proto: s("tcp") => s("udp"));
        rw!(pf, address / set_address: s("1.2.3.4") => None);
        rw!(pf, dev / set_dev: s("eth0") => s("eth1"));
        let ranges = pf.ranges();
        rw!(ranges[0], start / set_start: Some(22) => Some(2222));
        rw!(ranges[0], to / set_to: Some(2022) => Some(22));
        rw!(ranges[1], end / set_end: Some(1050) => Some(1060));
        rw!(ranges[1], exclude / set_exclude: Some(YesNo(true)) => None);
        pf.add_range().set_start(Some(443));
        let pf2 = u.add_port_forward();
        pf2.set_proto(Some("tcp".into()));
        let r80 = pf2.add_range();
        r80.set_start(Some(80));
        assert!(!pf.remove_range(&r80));
        assert!(!ifaces[7].remove_port_forward(pf));

        // vds.
        let src = ifaces[7].source().unwrap();
        rw!(src, switchid / set_switchid: s("503426b2-94e9-3b16-1d68-87bfff4a5440") => s("503426b2-94e9-3b16-1d68-87bfff4a5441"));
        rw!(src, portgroupid / set_portgroupid: s("dvportgroup-1285") => s("dvportgroup-1286"));
        rw!(src, connectionid / set_connectionid: s("408217997") => None);
        rw!(ifaces[7], backend_domain / set_backend_domain: s("foo") => None);
        assert!(ifaces[7].source_or_create() == src);
        assert!(!ifaces[7].remove_vlan() && !ifaces[7].remove_virtualport());
        assert!(!ifaces[7].remove_driver() && !ifaces[7].remove_filterref());
        assert!(!ifaces[7].remove_bandwidth() && !ifaces[7].remove_coalesce());
        assert!(!dom.devices().unwrap().add_interface().remove_source());
    });
}

fn controllers() {
    use libvirt_gconfig::ControllerType;
    check_domain("dev1-controller", |dom| {
        let devices = dom.devices().unwrap();
        let c = devices.controllers();
        assert_eq!(c.len(), 9);
        rw!(c[0], controller_type / set_controller_type: Some(ControllerType::Pci) => Some(ControllerType::Pci));
        rw!(c[0], pcihole64 / set_pcihole64: Some(Size::kib(1048576)) => Some(Size::new(1, SizeUnit::GiB)));
        rw!(c[1], index / set_index: Some(1) => Some(4));
        rw!(c[1], model / set_model: s("pcie-root-port") => s("pcie-root-port"));
        rw!(c[1], model_name / set_model_name: s("pcie-root-port") => s("ioh3420"));
        let t = c[1].target().unwrap();
        rw!(t, chassis / set_chassis: Some(1) => Some(4));
        rw!(t, port / set_port: Some(0x10) => Some(0x13));
        rw!(t, hotplug / set_hotplug: Some(OnOff(false)) => Some(OnOff(true)));
        rw!(t, mem_reserve / set_mem_reserve: Some(8196) => None);
        assert!(c[1].target_or_create() == t);
        assert_eq!(c[1].alias().unwrap().name().unwrap(), s("pci.1"));
        assert!(c[1].remove_alias() && c[1].alias().is_none());
        c[1].alias_or_create().set_name(Some("ua-port4".into()));
        assert_eq!(
            c[1].address().unwrap().multifunction().unwrap(),
            Some(OnOff(true))
        );
        c[1].address_or_create().set_multifunction(None);
        rw!(c[2].target().unwrap(), chassis_nr / set_chassis_nr: Some(2) => Some(5));
        let t = c[3].target().unwrap();
        rw!(t, bus_nr / set_bus_nr: Some(254) => Some(252));
        rw!(t, index / set_index: Some(1) => Some(2));
        rw!(t, node / set_node: Some(1) => Some(0));
        let d = c[4].driver().unwrap();
        rw!(d, queues / set_queues: Some(8) => Some(4));
        rw!(d, cmd_per_lun / set_cmd_per_lun: Some(50) => None);
        rw!(d, max_sectors / set_max_sectors: Some(512) => Some(1024));
        rw!(d, ioeventfd / set_ioeventfd: Some(OnOff(true)) => None);
        rw!(d, iothread / set_iothread: Some(2) => Some(1));
        rw!(d, iommu / set_iommu: Some(OnOff(true)) => Some(OnOff(false)));
        rw!(d, ats / set_ats: Some(OnOff(true)) => None);
        rw!(d, packed / set_packed: Some(OnOff(true)) => None);
        rw!(d, page_per_vq / set_page_per_vq: Some(OnOff(true)) => None);
        assert!(c[4].driver_or_create() == d);
        assert!(!c[5].remove_driver() && !c[5].remove_target() && !c[5].remove_address());
        rw!(c[5], ports / set_ports: Some(8) => Some(6));
        rw!(c[6], master_startport / set_master_startport: Some(0) => Some(2));
        rw!(c[7], vectors / set_vectors: Some(4) => Some(8));
        rw!(c[8], max_grant_frames / set_max_grant_frames: Some(64) => Some(128));
        rw!(c[8], max_event_channels / set_max_event_channels: Some(2047) => None);
        let scratch = devices.add_controller();
        assert!(devices.remove_controller(&scratch));
        let sata = devices.add_controller();
        sata.set_controller_type(Some(ControllerType::Sata));
        sata.set_index(Some(0));
        sata.address_or_create().set_pci(0, 0, 0x1f, 2);
    });
}

fn host_devices_and_memory_devices() {
    use libvirt_gconfig::{HostdevType, MemoryModel};
    check_domain("dev1-hostdev", |dom| {
        let devices = dom.devices().unwrap();
        let h = devices.hostdevs();
        assert_eq!(h.len(), 9);
        // PCI
        rw!(h[0], mode / set_mode: s("subsystem") => s("subsystem"));
        rw!(h[0], hostdev_type / set_hostdev_type: Some(HostdevType::Pci) => Some(HostdevType::Pci));
        rw!(h[0], managed / set_managed: Some(YesNo(true)) => Some(YesNo(false)));
        rw!(h[0], model / set_model: s("vfio-pci") => None);
        let src = h[0].source().unwrap();
        rw!(src, write_filtering / set_write_filtering: Some(YesNo(false)) => Some(YesNo(true)));
        let a = src.address().unwrap();
        rw!(a, domain / set_domain: Some(PciDomain::from(0)) => Some(PciDomain::from(0)));
        rw!(a, pci_bus / set_pci_bus: Some(PciBus::from(6)) => Some(PciBus::from(7)));
        rw!(a, pci_slot / set_pci_slot: Some(PciSlot::from(0x12)) => Some(PciSlot::from(0x12)));
        rw!(a, function / set_function: Some(PciFunction::from(5)) => Some(PciFunction::from(1)));
        rw!(a, address_type / set_address_type: None => Some(AddressType::Pci));
        assert!(src.address_or_create() == a && h[0].source_or_create() == src);
        rw!(h[0], driver_name / set_driver_name: s("vfio") => s("vfio"));
        rw!(h[0], driver_model / set_driver_model: s("vfio-pci-igb") => None);
        rw!(h[0].boot().unwrap(), order / set_order: Some(1) => Some(2));
        rw!(h[0], rom_bar / set_rom_bar: Some(OnOff(false)) => Some(OnOff(true)));
        rw!(h[0], rom_enabled / set_rom_enabled: Some(YesNo(true)) => None);
        rw!(h[0], rom_file / set_rom_file: s("/etc/fake/rom.bin") => None);
        rw!(h[0], teaming_type / set_teaming_type: s("transient") => None);
        rw!(h[0], teaming_persistent / set_teaming_persistent: s("ua-backup0") => None);
        assert!(h[0].alias().is_some() && h[0].remove_alias());
        let zpci = h[0].address().unwrap();
        assert_eq!(zpci.zpci_uid().unwrap(), Some(1));
        assert!(h[0].remove_address() && h[0].remove_boot());
        h[0].boot_or_create().set_order(Some(3));
        h[0].address_or_create().set_pci(0, 1, 0, 0);
        // USB
        let src = h[1].source().unwrap();
        rw!(src, startup_policy / set_startup_policy: s("optional") => None);
        rw!(src, guest_reset / set_guest_reset: s("uninitialized") => s("off"));
        rw!(src, vendor_id / set_vendor_id: s("0x15e1") => s("0x046d"));
        rw!(src, product_id / set_product_id: s("0x2007") => s("0xc52b"));
        let a = src.address().unwrap();
        rw!(a, device / set_device: Some(6) => Some(3));
        // SCSI by adapter
        rw!(h[2], rawio / set_rawio: Some(YesNo(true)) => None);
        rw!(h[2], sgio / set_sgio: s("filtered") => s("unfiltered"));
        assert!(h[2].readonly() && h[2].shareable());
        h[2].set_readonly(false);
        h[2].set_shareable(false);
        let src = h[2].source().unwrap();
        rw!(src, adapter_name / set_adapter_name: s("scsi_host0") => s("scsi_host2"));
        let a = src.address().unwrap();
        rw!(a, target / set_target: Some(0) => Some(1));
        rw!(a, unit / set_unit: Some(1) => Some(5));
        // iSCSI
        let src = h[3].source().unwrap();
        rw!(src, protocol / set_protocol: s("iscsi") => s("iscsi"));
        rw!(src, name / set_name: s("iqn.1992-01.com.example:storage/1") => s("iqn.1992-01.com.example:storage/2"));
        let host = &src.hosts()[0];
        rw!(host, name / set_name: s("example.org") => s("example.foo.org"));
        rw!(host, port / set_port: Some(3260) => Some(3261));
        assert!(src.remove_host(host));
        src.add_host().set_name(Some("iscsi.example.org".into()));
        let auth = src.auth().unwrap();
        assert_eq!(auth.username().unwrap(), s("myname"));
        assert!(src.auth_or_create() == auth && src.remove_auth());
        let ini = src.initiator().unwrap();
        rw!(ini, iqn_name / set_iqn_name: s("iqn.2020-07.com.example:test") => s("iqn.2020-07.com.example:vm2"));
        assert!(src.initiator_or_create() == ini && !h[2].source().unwrap().remove_initiator());
        // vhost-scsi, mdev
        rw!(h[4].source().unwrap(), wwpn / set_wwpn: s("naa.5123456789abcde0") => s("naa.5123456789abcde1"));
        rw!(h[5], display / set_display: Some(OnOff(true)) => Some(OnOff(false)));
        rw!(h[5], ramfb / set_ramfb: Some(OnOff(true)) => None);
        let a = h[5].source().unwrap().address().unwrap();
        rw!(a, uuid / set_uuid:
            Some(Uuid::new("53764d0e-85a0-42b4-af5c-2046b460b1dc").unwrap())
            => Some(Uuid::new("90c6c135-ad44-41d0-b1b7-bae47de48627").unwrap()));
        // capabilities mode
        rw!(h[6].source().unwrap(), block / set_block: s("/dev/sdf1") => s("/dev/sdg1"));
        rw!(h[7].source().unwrap(), char_dev / set_char_dev: s("/dev/tty0") => s("/dev/tty1"));
        rw!(h[8].source().unwrap(), interface / set_interface: s("eth0") => s("eth0.2"));
        let ip = &h[8].ips()[0];
        assert_eq!(ip.prefix().unwrap(), Some(24));
        let ip6 = h[8].add_ip();
        ip6.set_address(Some("2003:db8:1:0:214:1234:fe0b:3596".into()));
        ip6.set_family(Some("ipv6".into()));
        ip6.set_prefix(Some(64));
        assert!(h[8].remove_ip(ip));
        let r = &h[8].routes()[0];
        assert_eq!(r.gateway().unwrap(), s("192.168.122.1"));
        assert!(h[8].remove_route(r));
        h[8].add_route().set_gateway(Some("192.168.122.254".into()));
        let scratch = devices.add_hostdev();
        assert!(devices.remove_hostdev(&scratch));
        let added = devices.add_hostdev();
        added.set_mode(Some("subsystem".into()));
        added.set_hostdev_type(Some(HostdevType::Usb));
        let asrc = added.source_or_create();
        asrc.set_vendor_id(Some("0x0781".into()));
        asrc.set_product_id(Some("0x5567".into()));

        // Memory devices.
        let m = devices.memory_devices();
        rw!(m[0], model / set_model: Some(MemoryModel::Nvdimm) => Some(MemoryModel::Nvdimm));
        rw!(m[0], access / set_access: s("shared") => s("private"));
        rw!(m[0], discard / set_discard: Some(YesNo(true)) => None);
        rw!(m[0], uuid / set_uuid: Some(Uuid::new("49545eb3-75e1-2d0a-acdd-f0294406c99e").unwrap()) => None);
        let src = m[0].source().unwrap();
        rw!(src, path / set_path: s("/tmp/nvdimm") => s("/dev/pmem0"));
        rw!(src, alignsize / set_alignsize: Some(Size::kib(2048)) => Some(Size::new(2, SizeUnit::MiB)));
        assert!(src.pmem());
        src.set_pmem(false);
        let t = m[0].target().unwrap();
        rw!(t, size / set_size: Some(Size::kib(523264)) => Some(Size::kib(524288)));
        rw!(t, node / set_node: Some(0) => Some(1));
        let label = t.label().unwrap();
        rw!(label, size / set_size: Some(Size::kib(128)) => Some(Size::kib(256)));
        assert!(t.label_or_create() == label);
        assert!(t.readonly());
        t.set_readonly(false);
        assert!(m[0].source_or_create() == src && m[0].target_or_create() == t);
        let dimm = m[0].address().unwrap();
        assert_eq!(dimm.slot().unwrap(), Some(0));
        assert!(m[0].address_or_create() == dimm);
        let src = m[1].source().unwrap();
        rw!(src, pagesize / set_pagesize: Some(Size::kib(2048)) => Some(Size::new(1, SizeUnit::GiB)));
        rw!(src, nodemask / set_nodemask: s("1-3") => s("0-1"));
        let t = m[1].target().unwrap();
        rw!(t, dynamic_memslots / set_dynamic_memslots: Some(YesNo(true)) => None);
        rw!(t, block / set_block: Some(Size::kib(2048)) => Some(Size::kib(4096)));
        rw!(t, requested / set_requested: Some(Size::kib(524288)) => Some(Size::kib(1048576)));
        rw!(t, current / set_current: Some(Size::kib(524288)) => None);
        let base = t.address().unwrap();
        rw!(base, base / set_base: Some(Hex(0x1_5000_0000)) => Some(Hex(0x1_7000_0000)));
        assert!(t.address_or_create() == base && !t.remove_label());
        assert!(m[1].alias().is_some() && m[1].remove_alias() && m[1].remove_address());
        m[1].alias_or_create().set_name(Some("ua-mem1".into()));
        let scratch = devices.add_memory_device();
        assert!(devices.remove_memory_device(&scratch));
        let dimm = devices.add_memory_device();
        dimm.set_model(Some(MemoryModel::Dimm));
        dimm.target_or_create()
            .set_size(Some(Size::new(512, SizeUnit::MiB)));
    });
}

fn filesystems_smartcards_redirection_and_more() {
    check_domain("dev1-other", |dom| {
        let devices = dom.devices().unwrap();
        // Lease.
        let lease = &devices.leases()[0];
        rw!(lease, lockspace / set_lockspace: s("somearea") => s("otherarea"));
        rw!(lease, key / set_key: s("thequickbrownfoxjumpedoverthelazydog") => s("key2"));
        rw!(lease, target_path / set_target_path: s("/some/lease/path") => s("/leases/vm"));
        rw!(lease, target_offset / set_target_offset: Some(1024) => None);
        let l2 = devices.add_lease();
        l2.set_lockspace(Some("area2".into()));
        let l3 = devices.add_lease();
        assert!(devices.remove_lease(&l3));

        // Filesystems.
        let fs = devices.filesystems();
        let f = &fs[0];
        rw!(f, fs_type / set_fs_type: s("mount") => s("mount"));
        rw!(f, accessmode / set_accessmode: s("passthrough") => s("mapped"));
        rw!(f, model / set_model: s("virtio-non-transitional") => s("virtio"));
        rw!(f, multidevs / set_multidevs: s("remap") => s("warn"));
        rw!(f, fmode / set_fmode: s("0644") => s("0640"));
        rw!(f, dmode / set_dmode: s("0755") => s("0750"));
        let d = f.driver().unwrap();
        rw!(d, driver_type / set_driver_type: s("virtiofs") => s("virtiofs"));
        rw!(d, queue / set_queue: Some(1024) => Some(1027));
        rw!(d, iommu / set_iommu: Some(OnOff(true)) => None);
        rw!(d, ats / set_ats: Some(OnOff(true)) => None);
        rw!(d, packed / set_packed: Some(OnOff(true)) => None);
        rw!(d, page_per_vq / set_page_per_vq: Some(OnOff(true)) => None);
        assert!(f.driver_or_create() == d);
        let b = f.binary().unwrap();
        rw!(b, path / set_path: s("/usr/libexec/virtiofsd") => s("/usr/lib/virtiofsd"));
        rw!(b, xattr / set_xattr: Some(OnOff(true)) => Some(OnOff(false)));
        rw!(b, cache_mode / set_cache_mode: s("always") => s("none"));
        rw!(b, sandbox_mode / set_sandbox_mode: s("chroot") => s("namespace"));
        rw!(b, lock_posix / set_lock_posix: Some(OnOff(false)) => Some(OnOff(true)));
        rw!(b, lock_flock / set_lock_flock: Some(OnOff(false)) => None);
        rw!(b, thread_pool_size / set_thread_pool_size: Some(16) => Some(8));
        rw!(b, openfiles_max / set_openfiles_max: Some(122333) => None);
        assert!(f.binary_or_create() == b);
        let idmap = f.idmap().unwrap();
        let uid = &idmap.uids()[0];
        rw!(uid, start / set_start: Some(0) => Some(0));
        rw!(uid, target / set_target: Some(100000) => Some(200000));
        rw!(uid, count / set_count: Some(65535) => Some(1000));
        let gid = &idmap.gids()[0];
        assert_eq!(gid.target().unwrap(), Some(100000));
        assert!(idmap.remove_gid(gid));
        let g = idmap.add_gid();
        g.set_start(Some(0));
        g.set_target(Some(200000));
        g.set_count(Some(1000));
        let u2 = idmap.add_uid();
        u2.set_start(Some(1000));
        assert!(idmap.remove_uid(&u2));
        assert!(f.idmap_or_create() == idmap);
        let src = f.source().unwrap();
        rw!(src, dir / set_dir: s("/path") => s("/srv/share"));
        assert!(f.source_or_create() == src);
        rw!(f, target_dir / set_target_dir: s("mount_tag") => s("share"));
        assert!(f.readonly());
        f.set_readonly(false);
        assert!(f.boot().is_some() && f.alias().is_some() && f.remove_boot() && f.remove_alias());
        assert!(f.address().is_some());
        f.address_or_create().set_slot(Some(4));
        rw!(fs[1].driver().unwrap(), format / set_format: s("raw") => s("qcow2"));
        rw!(fs[1].driver().unwrap(), wrpolicy / set_wrpolicy: s("immediate") => None);
        rw!(fs[1].source().unwrap(), file / set_file: s("/root/container.img") => s("/root/container.qcow2"));
        rw!(fs[1], space_hard_limit / set_space_hard_limit: Some(Size::kib(1153024)) => Some(Size::new(2, SizeUnit::GiB)));
        rw!(fs[1], space_soft_limit / set_space_soft_limit: Some(Size::kib(1048576)) => None);
        let src = fs[2].source().unwrap();
        rw!(src, usage / set_usage: Some(1024) => Some(8192));
        rw!(src, units / set_units: s("KiB") => s("bytes"));
        rw!(fs[3].source().unwrap(), name / set_name: s("debian") => s("centos-6-x86_64"));
        rw!(fs[4].source().unwrap(), dev / set_dev: s("/dev/sda1") => s("/dev/sdb1"));
        rw!(fs[5].source().unwrap(), socket / set_socket: s("/tmp/sock") => s("/run/virtiofsd.sock"));
        assert!(
            !fs[5].remove_binary()
                && !fs[5].remove_idmap()
                && fs[5].boot_or_create().order().unwrap().is_none()
        );
        fs[5].boot_or_create().set_order(Some(5));
        fs[5].alias_or_create().set_name(Some("ua-fs5".into()));
        let scratch = devices.add_filesystem();
        scratch.source_or_create();
        assert!(scratch.remove_source() && !scratch.remove_driver() && !scratch.remove_address());
        assert!(devices.remove_filesystem(&scratch));
        devices.add_filesystem().set_fs_type(Some("mount".into()));

        // Smartcards.
        let sc = devices.smartcards();
        rw!(sc[0], mode / set_mode: s("host-certificates") => s("host-certificates"));
        let certs = sc[0].certificates();
        rw!(certs[1], name / set_name: s("cert2") => s("cert5"));
        assert!(sc[0].remove_certificate(&certs[2]));
        sc[0].add_certificate().set_name(Some("cert6".into()));
        rw!(sc[0], database / set_database: s("/etc/pki/nssdb") => s("/tmp/foo"));
        assert!(sc[0].address().is_some() && sc[0].address_or_create().slot().unwrap() == Some(0));
        rw!(sc[1], card_type / set_card_type: s("tcp") => s("unix"));
        let src = sc[1].source().unwrap();
        rw!(src, mode / set_mode: s("connect") => s("bind"));
        rw!(src, host / set_host: s("127.0.0.1") => None);
        rw!(src, service / set_service: s("2001") => None);
        rw!(src, path / set_path: None => s("/tmp/smartcard.sock"));
        assert!(sc[1].source_or_create() == src);
        rw!(sc[1], protocol_type / set_protocol_type: s("raw") => None);
        assert!(sc[1].alias().is_some() && sc[1].alias_or_create().name().unwrap() == s("ua-sc"));
        assert!(sc[1].remove_alias() && !sc[1].remove_address() && !sc[0].remove_source());
        let sc3 = devices.add_smartcard();
        sc3.set_mode(Some("host".into()));
        assert!(devices.remove_smartcard(&sc3));
        devices.add_smartcard().set_mode(Some("host".into()));

        // USB redirection.
        let r = devices.redirdevs();
        rw!(r[0], bus / set_bus: s("usb") => s("usb"));
        rw!(r[0], redir_type / set_redir_type: s("unix") => s("unix"));
        let src = r[0].source().unwrap();
        rw!(src, reconnect_enabled / set_reconnect_enabled: Some(YesNo(true)) => Some(YesNo(false)));
        rw!(src, reconnect_timeout / set_reconnect_timeout: Some(15) => None);
        assert!(r[0].source_or_create() == src);
        rw!(r[0], protocol_type / set_protocol_type: s("raw") => None);
        assert!(r[0].boot().is_some() && r[0].remove_boot());
        r[0].boot_or_create().set_order(Some(1));
        assert!(r[0].alias().is_some() && r[0].alias_or_create().name().unwrap() == s("ua-redir0"));
        assert!(r[0].remove_alias());
        let a = r[0].address().unwrap();
        assert_eq!(a.port().unwrap(), s("3"));
        r[0].address_or_create().set_port(Some("4".into()));
        assert!(!r[1].remove_address());
        rw!(r[1].source().unwrap(), channel / set_channel: s("org.qemu.usbredir") => s("org.qemu.usbredir2"));
        let r3 = devices.add_redirdev();
        r3.set_bus(Some("usb".into()));
        r3.set_redir_type(Some("spicevmc".into()));
        let r4 = devices.add_redirdev();
        assert!(devices.remove_redirdev(&r4));
        let filter = devices.redirfilter().unwrap();
        let rules = filter.usbdevs();
        rw!(rules[0], class / set_class: s("0x08") => s("-1"));
        rw!(rules[0], vendor / set_vendor: s("0x15E1") => s("0x1234"));
        rw!(rules[0], product / set_product: s("0x2007") => s("0xbeef"));
        rw!(rules[0], version / set_version: s("1.10") => None);
        rw!(rules[1], allow / set_allow: Some(YesNo(false)) => Some(YesNo(false)));
        assert!(filter.remove_usbdev(&rules[1]));
        filter.add_usbdev().set_allow(Some(YesNo(true)));
        assert!(devices.redirfilter_or_create() == filter);

        // Hub, watchdog, panic.
        let hub = &devices.hubs()[0];
        rw!(hub, hub_type / set_hub_type: s("usb") => s("usb"));
        assert!(hub.alias().is_some() && hub.remove_alias());
        hub.address_or_create().set_port(Some("2".into()));
        assert!(hub.address().is_some());
        hub.alias_or_create().set_name(Some("ua-hub".into()));
        devices.add_hub().set_hub_type(Some("usb".into()));
        let h2 = devices.add_hub();
        assert!(devices.remove_hub(&h2));
        let w = &devices.watchdogs()[0];
        rw!(w, model / set_model: s("i6300esb") => s("itco"));
        rw!(w, action / set_action: s("reset") => s("inject-nmi"));
        assert!(
            w.alias().is_some() && w.remove_alias() && w.address().is_some() && w.remove_address()
        );
        w.alias_or_create().set_name(Some("ua-wd".into()));
        w.address_or_create()
            .set_address_type(Some(AddressType::Unassigned));
        let wd2 = devices.add_watchdog();
        wd2.set_model(Some("diag288".into()));
        assert!(devices.remove_watchdog(&wd2));
        let p = &devices.panics()[0];
        rw!(p, model / set_model: s("isa") => s("isa"));
        assert!(p.alias().is_some() && p.remove_alias());
        p.alias_or_create().set_name(Some("ua-panic".into()));
        let a = p.address().unwrap();
        assert_eq!(a.iobase().unwrap(), Some(Hex(0x505)));
        assert!(p.address_or_create() == a && p.remove_address());
        devices.add_panic().set_model(Some("hyperv".into()));
        let p3 = devices.add_panic();
        assert!(devices.remove_panic(&p3));

        // Shared memory, IOMMU, vsock, crypto.
        let sh = &devices.shmems()[0];
        rw!(sh, name / set_name: s("shmem0") => s("shmem1"));
        rw!(sh, role / set_role: s("peer") => s("master"));
        rw!(sh, model_type / set_model_type: s("ivshmem-doorbell") => s("ivshmem-plain"));
        rw!(sh, size / set_size: Some(Size::new(4, SizeUnit::MiB)) => Some(Size::new(4, SizeUnit::MiB)));
        rw!(sh, server_path / set_server_path: s("/tmp/shmem4-sock") => None);
        rw!(sh, msi_vectors / set_msi_vectors: Some(16) => None);
        rw!(sh, msi_ioeventfd / set_msi_ioeventfd: Some(OnOff(true)) => None);
        assert!(sh.alias().is_some() && sh.remove_alias() && sh.address().is_some());
        sh.alias_or_create().set_name(Some("ua-shmem1".into()));
        sh.address_or_create().set_slot(Some(9));
        let sh2 = devices.add_shmem();
        sh2.set_name(Some("shmem2".into()));
        assert!(devices.remove_shmem(&sh2));
        let io = devices.iommu().unwrap();
        rw!(io, model / set_model: s("intel") => s("intel"));
        let d = io.driver().unwrap();
        rw!(d, intremap / set_intremap: Some(OnOff(true)) => Some(OnOff(true)));
        rw!(d, caching_mode / set_caching_mode: Some(OnOff(true)) => None);
        rw!(d, eim / set_eim: Some(OnOff(true)) => Some(OnOff(false)));
        rw!(d, iotlb / set_iotlb: Some(OnOff(true)) => None);
        rw!(d, aw_bits / set_aw_bits: Some(48) => Some(39));
        rw!(d, dma_translation / set_dma_translation: Some(OnOff(false)) => None);
        assert!(io.driver_or_create() == d && io.alias().is_some() && io.remove_alias());
        assert!(io.address().is_none() && !io.remove_address());
        io.alias_or_create().set_name(Some("ua-iommu".into()));
        io.address_or_create()
            .set_address_type(Some(AddressType::Unassigned));
        assert!(devices.iommu_or_create() == io);
        let v = devices.vsock().unwrap();
        rw!(v, model / set_model: s("virtio") => s("virtio-non-transitional"));
        rw!(v, cid_auto / set_cid_auto: Some(YesNo(false)) => Some(YesNo(true)));
        rw!(v, cid_address / set_cid_address: Some(4) => None);
        rw!(v, driver_iommu / set_driver_iommu: Some(OnOff(true)) => None);
        assert!(
            v.alias().is_some() && v.remove_alias() && v.address().is_some() && v.remove_address()
        );
        v.alias_or_create().set_name(Some("ua-vsock".into()));
        v.address_or_create()
            .set_address_type(Some(AddressType::VirtioMmio));
        assert!(devices.vsock_or_create() == v);
        let c = &devices.cryptos()[0];
        rw!(c, model / set_model: s("virtio") => s("virtio"));
        rw!(c, crypto_type / set_crypto_type: s("qemu") => s("qemu"));
        rw!(c, backend_model / set_backend_model: s("builtin") => s("lkcf"));
        rw!(c, backend_queues / set_backend_queues: Some(1) => Some(2));
        assert!(c.alias().is_some() && c.remove_alias() && c.address().is_some());
        c.alias_or_create().set_name(Some("ua-crypto".into()));
        c.address_or_create().set_slot(Some(10));
        let c2 = devices.add_crypto();
        assert!(devices.remove_crypto(&c2));
    });
}
