//! The `<pool>` and `<volume>` documents.

use libvirt_gconfig::value::{PciBus, PciDomain, PciFunction, PciSlot, Size, SizeUnit, YesNo};
use libvirt_gconfig::{
    RefreshAllocation, StorageAdapterType, StorageAuthType, StoragePool, StoragePoolType,
    StorageVolume, StorageVolumeType,
};

use super::doc_util::{check_built, get, uuid};
use super::{check_with, Case};

/// The cases of this file.
pub const CASES: &[Case] = &[
    Case::new("pool_iscsi_source_and_auth", pool_iscsi_source_and_auth),
    Case::new("pool_scsi_adapter", pool_scsi_adapter),
    Case::new("pool_logical_devices", pool_logical_devices),
    Case::new("pool_rbd_refresh", pool_rbd_refresh),
    Case::new("pool_build_from_scratch", pool_build_from_scratch),
    Case::new("vol_partition_extents", vol_partition_extents),
    Case::new("vol_luks_encryption", vol_luks_encryption),
    Case::new("vol_qcow2_target_and_backing", vol_qcow2_target_and_backing),
    Case::new("vol_build_from_scratch", vol_build_from_scratch),
];

fn check_pool(case: &str, edit: impl FnOnce(&StoragePool)) {
    check_with(case, StoragePool::from_xml, StoragePool::to_xml, edit);
}

fn check_vol(case: &str, edit: impl FnOnce(&StorageVolume)) {
    check_with(case, StorageVolume::from_xml, StorageVolume::to_xml, edit);
}

fn pool_iscsi_source_and_auth() {
    check_pool("pool-iscsi", |pool| {
        assert_eq!(get(pool.pool_type()), StoragePoolType::Iscsi);
        assert_eq!(get(pool.name()), "virtimages");
        assert_eq!(
            get(pool.uuid()).simple(),
            "e93923702917565e692bd057f46512d6"
        );
        assert_eq!(get(pool.capacity()), Size::new(0, SizeUnit::Bytes));
        assert_eq!(get(pool.allocation()).value, 0);
        assert_eq!(get(pool.available()).value, 0);
        pool.set_capacity(Some(Size::new(10, SizeUnit::GiB)));
        let src = pool.source().unwrap();
        let host = &src.hosts()[0];
        assert_eq!(get(host.name()), "iscsi.example.com");
        assert_eq!(get(host.port()), 3260);
        host.set_port(None);
        assert_eq!(get(src.devices()[0].path()), "demo-target");
        let ini = src.initiator().unwrap();
        assert_eq!(get(ini.iqn_name()), "initiator0");
        ini.set_iqn_name(Some("iqn.2013-06.com.example:iscsi-initiator".into()));
        let auth = src.auth().unwrap();
        assert_eq!(get(auth.auth_type()), StorageAuthType::Chap);
        assert_eq!(get(auth.username()), "admin");
        assert_eq!(
            get(auth.secret_uuid()).as_str(),
            "2ec115d7-3a88-3ceb-bc12-0ac909a6fd87"
        );
        assert_eq!(auth.secret_usage().unwrap(), None);
        auth.set_username(Some("operator".into()));
        auth.set_secret_uuid(None);
        auth.set_secret_usage(Some("libvirtiscsi".into()));
        assert_eq!(get(src.vendor()), "test-vendor");
        assert_eq!(get(src.product()), "test-product");
        src.set_vendor(Some("ACME".into()));
        src.set_product(None);
        let target = pool.target().unwrap();
        assert_eq!(get(target.path()), "/dev/disk/by-path");
        let perms = target.permissions().unwrap();
        assert_eq!(get(perms.mode()), "0700");
        assert_eq!(get(perms.owner()), 0);
        assert_eq!(get(perms.group()), 0);
        assert_eq!(get(perms.label()), "some_label_t");
        perms.set_mode(Some("0750".into()));
        perms.set_label(None);
    });
}

fn pool_scsi_adapter() {
    check_pool("pool-scsi", |pool| {
        let src = pool.source().unwrap();
        let ad = src.adapter().unwrap();
        assert_eq!(get(ad.adapter_type()), StorageAdapterType::ScsiHost);
        assert_eq!(ad.name().unwrap(), None);
        let pa = ad.parentaddr().unwrap();
        assert_eq!(get(pa.unique_id()), 5);
        let addr = pa.address().unwrap();
        assert_eq!(get(addr.domain()), PciDomain::from(0));
        assert_eq!(get(addr.pci_bus()), PciBus::from(0));
        assert_eq!(get(addr.pci_slot()), PciSlot::from(0x1f));
        assert_eq!(get(addr.function()), PciFunction::from(2));
        pa.set_unique_id(Some(6));
        addr.set_function(Some(PciFunction::from(3)));
        // A second pool uses an fc_host vHBA instead.
        let fc = src.add_host();
        assert!(src.remove_host(&fc));
        let ad2 = ad.clone();
        assert!(src.remove_adapter());
        assert!(src.adapter().is_none());
        let ad = src.adapter_or_create();
        assert_ne!(ad, ad2);
        ad.set_adapter_type(Some(StorageAdapterType::FcHost));
        ad.set_parent(Some("scsi_host5".into()));
        ad.set_managed(Some(YesNo(true)));
        ad.set_parent_wwnn(Some("20000000c9831b4b".into()));
        ad.set_parent_wwpn(Some("10000000c9831b4b".into()));
        ad.set_parent_fabric_wwn(Some("2000000533b15f0e".into()));
        ad.set_wwnn(Some("20000000c9831b4c".into()));
        ad.set_wwpn(Some("10000000c9831b4c".into()));
        assert_eq!(get(ad.parent()), "scsi_host5");
        assert_eq!(get(ad.managed()), YesNo(true));
        assert_eq!(get(ad.parent_wwnn()), "20000000c9831b4b");
        assert_eq!(get(ad.parent_wwpn()), "10000000c9831b4b");
        assert_eq!(get(ad.parent_fabric_wwn()), "2000000533b15f0e");
        assert_eq!(get(ad.wwnn()), "20000000c9831b4c");
        assert_eq!(get(ad.wwpn()), "10000000c9831b4c");
        let other = StoragePool::new();
        let a = other.source_or_create().adapter_or_create();
        a.set_adapter_type(Some(StorageAdapterType::ScsiHost));
        a.set_name(Some("host0".into()));
        let p = a.parentaddr_or_create();
        p.address_or_create().set_pci(0, 0, 31, 0);
        assert!(p.remove_address() && p.address().is_none());
        assert!(a.remove_parentaddr());
        assert_eq!(
            other.to_xml(),
            "<pool>\n  <source>\n    <adapter type='scsi_host' name='host0'/>\n  </source>\n</pool>"
        );
    });
}

fn pool_logical_devices() {
    check_pool("pool-logical", |pool| {
        let src = pool.source().unwrap();
        let devs = src.devices();
        assert_eq!(devs.len(), 2);
        assert_eq!(get(devs[0].part_separator()), YesNo(false));
        devs[0].set_part_separator(Some(YesNo(true)));
        let ext = devs[0].free_extents();
        assert_eq!(get(ext[0].start()), 370137600);
        assert_eq!(get(ext[0].end()), 567544320);
        assert!(devs[0].remove_free_extent(&ext[0]));
        let e = devs[1].add_free_extent();
        e.set_start(Some(987033600));
        e.set_end(Some(1044610560));
        assert!(src.remove_device(&devs[0]));
        src.add_device().set_path(Some("/dev/sdb3".into()));
        assert_eq!(get(src.name()), "HostVG");
        src.set_name(Some("DataVG".into()));
        assert_eq!(get(src.format()), "lvm2");
        let ini = src.initiator_or_create();
        ini.set_iqn_name(Some("iqn.2004-04.com.example:lvm".into()));
        assert!(src.remove_initiator());
        src.auth_or_create().set_username(Some("nobody".into()));
        assert!(src.remove_auth());
        pool.set_available(None);
    });
}

fn pool_rbd_refresh() {
    check_pool("pool-rbd", |pool| {
        let r = pool.refresh().unwrap();
        assert_eq!(get(r.volume_allocation()), RefreshAllocation::Capacity);
        r.set_volume_allocation(Some(RefreshAllocation::Default));
        assert!(pool.remove_refresh());
        pool.refresh_or_create()
            .set_volume_allocation(Some(RefreshAllocation::Capacity));
        let auth = pool.source().unwrap().auth().unwrap();
        assert_eq!(get(auth.auth_type()), StorageAuthType::Ceph);
        auth.set_username(None);
        auth.set_auth_type(Some(StorageAuthType::Ceph));
        auth.set_username(Some("libvirt".into()));
        let src = pool.source().unwrap();
        assert_eq!(get(src.name()), "rbd");
        let hosts = src.hosts();
        assert_eq!(get(hosts[1].port()), 6790);
        assert!(src.remove_host(&hosts[1]));
        assert!(pool.features().is_none() && pool.target().is_none());
        assert!(!pool.remove_features() && !pool.remove_target());
    });
}

fn pool_build_from_scratch() {
    let pool = StoragePool::new();
    pool.set_pool_type(Some(StoragePoolType::Netfs));
    pool.target_or_create().set_path(Some("/mnt/nfs".into()));
    pool.set_name(Some("nfs".into()));
    pool.set_uuid(Some(uuid("7641d5a8-af11-f730-a34e-0a7dfcede71f")));
    pool.set_capacity(Some(Size::new(0, SizeUnit::Bytes)));
    pool.set_allocation(Some(Size::new(0, SizeUnit::Bytes)));
    pool.set_available(Some(Size::new(0, SizeUnit::Bytes)));
    let f = pool.features_or_create();
    f.set_cow(Some(YesNo(false)));
    assert_eq!(get(f.cow()), YesNo(false));
    let src = pool.source_or_create();
    src.set_protocol_ver(Some("4.1".into()));
    src.set_format(Some("nfs".into()));
    src.set_dir(Some("/exports/images".into()));
    let h = src.add_host();
    h.set_name(Some("nfs.example.com".into()));
    h.set_port(Some(2049));
    assert_eq!(get(src.dir()), "/exports/images");
    assert_eq!(get(src.protocol_ver()), "4.1");
    let perms = pool.target().unwrap().permissions_or_create();
    perms.set_mode(Some("0755".into()));
    perms.set_owner(Some(107));
    perms.set_group(Some(-1));
    perms.set_label(Some("virt_image_t".into()));
    check_built("pool-build", &pool.to_xml(), "storagepool");
}

fn vol_partition_extents() {
    check_vol("vol-partition", |vol| {
        assert_eq!(get(vol.volume_type()), StorageVolumeType::Block);
        assert_eq!(get(vol.key()), "/dev/sda1");
        assert_eq!(get(vol.name()), "sda1");
        let perms = vol.target().unwrap().permissions().unwrap();
        assert_eq!(get(perms.group()), 6);
        perms.set_group(Some(0));
        vol.set_key(Some("/dev/sda2".into()));
        let src = vol.source().unwrap();
        let dev = &src.devices()[0];
        assert_eq!(get(dev.path()), "/dev/sda");
        let ext = &dev.extents()[0];
        assert_eq!(get(ext.start()), 32256);
        assert_eq!(get(ext.end()), 106928640);
        ext.set_start(Some(106928640));
        ext.set_end(Some(213825024));
        let e = dev.add_extent();
        e.set_start(Some(0));
        e.set_end(Some(32256));
        assert!(dev.remove_extent(&e));
        let d2 = src.add_device();
        d2.set_path(Some("/dev/sdb".into()));
        assert!(src.remove_device(&d2));
        // No unit: bytes.
        assert_eq!(
            get(vol.capacity()).bytes_or(SizeUnit::Bytes),
            Some(106896384)
        );
        assert_eq!(get(vol.target().unwrap().format()), "none");
    });
}

fn vol_luks_encryption() {
    check_vol("vol-luks", |vol| {
        let enc = vol.target().unwrap().encryption().unwrap();
        assert_eq!(get(enc.format()), "luks");
        assert_eq!(enc.engine().unwrap(), None);
        enc.set_engine(Some("qemu".into()));
        let secret = &enc.secrets()[0];
        assert_eq!(get(secret.secret_type()), "passphrase");
        assert_eq!(
            get(secret.uuid()).as_str(),
            "f52a81b2-424e-490c-823d-6bd4235bc572"
        );
        assert_eq!(secret.usage().unwrap(), None);
        secret.set_uuid(None);
        secret.set_usage(Some("/var/lib/libvirt/images/LuksDemo.img".into()));
        assert_eq!(get(enc.cipher_name()), "serpent");
        assert_eq!(get(enc.cipher_size()), 256);
        assert_eq!(get(enc.cipher_mode()), "cbc");
        assert_eq!(get(enc.cipher_hash()), "sha256");
        enc.set_cipher_name(Some("aes".into()));
        enc.set_cipher_mode(Some("xts".into()));
        enc.set_cipher_size(Some(512));
        assert_eq!(get(enc.ivgen_name()), "plain64");
        assert_eq!(get(enc.ivgen_hash()), "sha256");
        enc.set_ivgen_hash(None);
        enc.set_ivgen_name(Some("essiv".into()));
        enc.set_cipher_hash(Some("sha512".into()));
    });
}

fn vol_qcow2_target_and_backing() {
    check_vol("vol-qcow2", |vol| {
        assert_eq!(get(vol.capacity()).bytes(), Some(5 << 30));
        assert_eq!(get(vol.allocation()).unit, None);
        assert_eq!(get(vol.physical()).value, 327680);
        vol.set_physical(None);
        vol.set_allocation(Some(Size::new(1, SizeUnit::MiB)));
        let t = vol.target().unwrap();
        assert_eq!(get(t.path()), "/var/lib/libvirt/images/OtherDemo.img");
        assert_eq!(get(t.format()), "qcow2");
        let ts = t.timestamps().unwrap();
        assert_eq!(get(ts.atime()), "1341933637.273190990");
        assert_eq!(ts.btime().unwrap(), None);
        assert_eq!(get(ts.ctime()), "1341930622.047245868");
        assert_eq!(get(ts.mtime()), "1341930622.047245868");
        ts.set_mtime(Some("1341933637.273190990".into()));
        assert!(t.remove_timestamps());
        assert_eq!(get(t.compat()), "1.1");
        t.set_compat(Some("0.10".into()));
        assert!(!t.nocow());
        t.set_nocow(true);
        assert_eq!(
            get(t.cluster_size()).bytes_or(SizeUnit::Bytes),
            Some(131072)
        );
        t.set_cluster_size(Some(Size::new(64, SizeUnit::KiB)));
        let f = t.features().unwrap();
        assert!(f.lazy_refcounts() && !f.extended_l2());
        f.set_lazy_refcounts(false);
        f.set_extended_l2(true);
        assert!(t.encryption().is_none());
        let b = vol.backing_store().unwrap();
        assert_eq!(get(b.path()), "/dev/null");
        assert_eq!(get(b.format()), "raw");
        let bp = b.permissions().unwrap();
        assert_eq!(get(bp.owner()), -1);
        assert_eq!(get(bp.group()), -1);
        bp.set_owner(Some(107));
        let bts = b.timestamps().unwrap();
        assert_eq!(get(bts.btime()), "1341930622.047245868");
        bts.set_btime(None);
        bts.set_ctime(Some("1341930622.047245868".into()));
        b.set_path(Some("/var/lib/libvirt/images/base.qcow2".into()));
        b.set_format(Some("qcow2".into()));
        assert!(b.remove_permissions());
        assert!(!b.remove_timestamps() || b.timestamps().is_none());
        assert!(vol.remove_backing_store());
        assert!(vol.backing_store().is_none());
    });
}

fn vol_build_from_scratch() {
    let vol = StorageVolume::new();
    vol.set_volume_type(Some(StorageVolumeType::File));
    vol.set_name(Some("new.qcow2".into()));
    let t = vol.target_or_create();
    t.set_path(Some("/var/lib/libvirt/images/new.qcow2".into()));
    vol.set_key(Some("/var/lib/libvirt/images/new.qcow2".into()));
    vol.set_capacity(Some(Size::new(20, SizeUnit::GiB)));
    vol.set_allocation(Some(Size::new(0, SizeUnit::Bytes)));
    vol.set_physical(Some(Size::new(196616, SizeUnit::Bytes)));
    t.set_format(Some("qcow2".into()));
    t.set_compat(Some("1.1".into()));
    t.set_cluster_size(Some(Size::new(64, SizeUnit::KiB)));
    t.set_nocow(true);
    t.features_or_create().set_lazy_refcounts(true);
    let p = t.permissions_or_create();
    p.set_mode(Some("0600".into()));
    p.set_owner(Some(107));
    p.set_group(Some(107));
    let enc = t.encryption_or_create();
    enc.set_format(Some("luks".into()));
    let secret = enc.add_secret();
    secret.set_secret_type(Some("passphrase".into()));
    secret.set_uuid(Some(uuid("f52a81b2-424e-490c-823d-6bd4235bc572")));
    let ts = t.timestamps_or_create();
    ts.set_atime(Some("1700000000.5".into()));
    ts.set_btime(Some("1700000000".into()));
    let b = vol.backing_store_or_create();
    b.set_path(Some("/var/lib/libvirt/images/base.qcow2".into()));
    b.set_format(Some("qcow2".into()));
    b.permissions_or_create().set_mode(Some("0644".into()));
    b.timestamps_or_create()
        .set_mtime(Some("1700000000".into()));
    let dev = vol.source_or_create().add_device();
    dev.set_path(Some("/dev/sdc".into()));
    let e = dev.add_extent();
    e.set_start(Some(0));
    e.set_end(Some(21474836480));
    assert!(vol.remove_source());
    check_built("vol-build", &vol.to_xml(), "storagevol");
}
