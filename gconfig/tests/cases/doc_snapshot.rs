//! The `<domainsnapshot>`, `<domaincheckpoint>` and `<secret>` documents.

use libvirt_gconfig::value::{Size, SizeUnit, YesNo};
use libvirt_gconfig::{
    CheckpointMode, DomainCheckpoint, DomainSnapshot, Secret, SecretUsageType, SnapshotMode,
    SnapshotState,
};

use super::doc_util::{check_built, get, uuid};
use super::{check_with, Case};

/// The cases of this file.
pub const CASES: &[Case] = &[
    Case::new(
        "snapshot_edit_disks_and_domain",
        snapshot_edit_disks_and_domain,
    ),
    Case::new("snapshot_build_from_scratch", snapshot_build_from_scratch),
    Case::new("checkpoint_edit", checkpoint_edit),
    Case::new(
        "checkpoint_build_from_scratch",
        checkpoint_build_from_scratch,
    ),
    Case::new("secret_edit_usage", secret_edit_usage),
    Case::new("secret_build_from_scratch", secret_build_from_scratch),
];

fn snapshot_edit_disks_and_domain() {
    check_with(
        "snapshot-edit",
        DomainSnapshot::from_xml,
        DomainSnapshot::to_xml,
        |snap| {
            assert_eq!(get(snap.name()), "my snap name");
            assert_eq!(get(snap.description()), "!@#$%^");
            snap.set_description(Some("before upgrade".into()));
            assert_eq!(get(snap.state()), SnapshotState::Running);
            snap.set_state(Some(SnapshotState::Paused));
            let parent = snap.parent().unwrap();
            assert_eq!(get(parent.name()), "earlier_snap");
            parent.set_name(Some("base".into()));
            assert_eq!(get(snap.creation_time()), 1272917631);
            assert_eq!(get(snap.memory_snapshot()), SnapshotMode::External);
            assert_eq!(get(snap.memory_file()), "/dev/HostVG/GuestMemory");
            snap.set_memory_file(None);
            snap.set_memory_snapshot(Some(SnapshotMode::Internal));
            let disks = snap.disks().unwrap();
            let d = disks.disks();
            assert_eq!(get(d[0].name()), "hdb");
            assert_eq!(get(d[0].snapshot()), SnapshotMode::No);
            assert_eq!(get(d[1].disk_type()), "file");
            assert_eq!(get(d[1].source().unwrap().file()), "/path/to/new");
            let drv = d[1].driver().unwrap();
            assert_eq!(get(drv.driver_type()), "qcow2");
            let mc = drv.metadata_cache().unwrap();
            assert_eq!(get(mc.max_size()), Size::new(1234, SizeUnit::Bytes));
            mc.set_max_size(Some(Size::new(2, SizeUnit::MiB)));
            d[1].source()
                .unwrap()
                .set_file(Some("/path/to/overlay.qcow2".into()));
            assert_eq!(get(d[2].source().unwrap().protocol()).as_str(), "gluster");
            assert!(disks.remove_disk(&d[2]));
            assert!(d[0].remove_driver() || d[0].driver().is_none());
            let dom = snap.domain().unwrap();
            assert_eq!(get(dom.name()), "QEMUGuest1");
            assert_eq!(dom.memory().unwrap().unwrap().bytes(), Some(219100 * 1024));
            dom.set_title(Some("snapshotted".into()));
            assert!(snap.inactive_domain().is_none());
            assert_eq!(get(snap.active()), 1);
            snap.set_active(Some(0));
        },
    );
}

fn snapshot_build_from_scratch() {
    let snap = DomainSnapshot::new();
    snap.set_description(Some("nightly".into()));
    snap.set_name(Some("s1".into()));
    snap.set_memory_snapshot(Some(SnapshotMode::External));
    snap.set_memory_file(Some("/var/lib/libvirt/qemu/snapshot/s1.mem".into()));
    snap.set_creation_time(Some(1700000000));
    snap.set_state(Some(SnapshotState::Running));
    snap.parent_or_create().set_name(Some("s0".into()));
    let disks = snap.disks_or_create();
    let d = disks.add_disk();
    d.set_name(Some("vda".into()));
    d.set_snapshot(Some(SnapshotMode::External));
    d.set_disk_type(Some("file".into()));
    d.source_or_create()
        .set_file(Some("/var/lib/libvirt/images/vda.s1".into()));
    let drv = d.driver_or_create();
    drv.set_driver_type(Some("qcow2".into()));
    drv.metadata_cache_or_create()
        .set_max_size(Some(Size::new(1, SizeUnit::MiB)));
    assert!(drv.remove_metadata_cache());
    let m = disks.add_disk();
    m.set_name(Some("vdb".into()));
    m.set_snapshot(Some(SnapshotMode::Manual));
    let dom = snap.domain_or_create();
    dom.set_uuid(Some(uuid("c7a5fdbd-edaf-9455-926a-d65c16db1809")));
    let inactive = snap.inactive_domain_or_create();
    inactive.set_name(Some("x".into()));
    assert!(snap.remove_inactive_domain());
    snap.set_active(Some(1));
    check_built("snapshot-build", &snap.to_xml(), "domainsnapshot");
    assert!(snap.remove_domain() && snap.remove_disks() && snap.remove_parent());
}

fn checkpoint_edit() {
    check_with(
        "checkpoint-edit",
        DomainCheckpoint::from_xml,
        DomainCheckpoint::to_xml,
        |cp| {
            assert_eq!(get(cp.name()), "1525889631");
            assert_eq!(
                get(cp.description()),
                "Completion of updates after OS install"
            );
            cp.set_description(None);
            assert_eq!(get(cp.parent().unwrap().name()), "1525111885");
            assert_eq!(get(cp.creation_time()), 1525889631);
            cp.set_creation_time(Some(1525889700));
            let disks = cp.disks().unwrap();
            let d = disks.disks();
            assert_eq!(get(d[0].name()), "vda");
            assert_eq!(get(d[0].checkpoint()), CheckpointMode::Bitmap);
            assert_eq!(get(d[0].bitmap()), "1525889631");
            assert_eq!(get(d[0].size()), 1048576);
            d[0].set_size(None);
            assert_eq!(get(d[1].checkpoint()), CheckpointMode::No);
            d[1].set_checkpoint(Some(CheckpointMode::Bitmap));
            d[1].set_bitmap(Some("1525889700".into()));
            assert!(disks.remove_disk(&d[0]));
            assert_eq!(get(cp.domain().unwrap().name()), "QEMUGuest1");
            assert!(cp.remove_domain());
        },
    );
}

fn checkpoint_build_from_scratch() {
    let cp = DomainCheckpoint::new();
    cp.set_creation_time(Some(1700000000));
    cp.set_name(Some("c1".into()));
    cp.set_description(Some("before backup".into()));
    cp.parent_or_create().set_name(Some("c0".into()));
    let d = cp.disks_or_create().add_disk();
    d.set_name(Some("vda".into()));
    d.set_checkpoint(Some(CheckpointMode::Bitmap));
    d.set_bitmap(Some("c1".into()));
    d.set_size(Some(0));
    // The schema wants a complete <domain>, which this case does not build.
    cp.domain_or_create()
        .set_uuid(Some(uuid("c7a5fdbd-edaf-9455-926a-d65c16db1809")));
    assert!(cp.remove_domain());
    check_built("checkpoint-build", &cp.to_xml(), "domaincheckpoint");
    assert!(cp.remove_disks() && cp.remove_parent());
}

fn secret_edit_usage() {
    check_with("secret-edit", Secret::from_xml, Secret::to_xml, |s| {
        assert_eq!(get(s.ephemeral()), YesNo(false));
        assert_eq!(get(s.private()), YesNo(true));
        assert_eq!(
            get(s.uuid()).as_str(),
            "27f25d34-aea6-4e2a-be85-fa2c18380be8"
        );
        assert_eq!(get(s.description()), "iSCSI secret");
        let u = s.usage().unwrap();
        assert_eq!(get(u.usage_type()), SecretUsageType::Iscsi);
        assert_eq!(get(u.target()), "iscsitarget");
        assert_eq!(u.name().unwrap(), None);
        assert_eq!(u.volume().unwrap(), None);
        u.set_target(None);
        u.set_usage_type(Some(SecretUsageType::Ceph));
        u.set_name(Some("client.libvirt secret".into()));
        s.set_description(Some("Ceph secret".into()));
        s.set_private(Some(YesNo(false)));
    });
}

fn secret_build_from_scratch() {
    let s = Secret::new();
    s.set_ephemeral(Some(YesNo(false)));
    s.set_private(Some(YesNo(true)));
    s.set_description(Some("LUKS passphrase".into()));
    s.set_uuid(Some(uuid("22e1353d-c27e-4d6d-bf15-465053e6ba0b")));
    let u = s.usage_or_create();
    u.set_usage_type(Some(SecretUsageType::Volume));
    u.set_volume(Some("/var/lib/libvirt/images/luks.img".into()));
    check_built("secret-build", &s.to_xml(), "secret");
    assert!(s.remove_usage());
}
