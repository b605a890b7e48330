//! The `<networkport>`, `<filterbinding>` and `<domainbackup>` documents.

use libvirt_gconfig::value::{PciBus, PciDomain, PciFunction, PciSlot, YesNo};
use libvirt_gconfig::{
    BackupMode, DomainBackup, MacTableManager, NetworkPort, NetworkPortPlugType, NwFilterBinding,
    VirtualPortType,
};

use super::doc_util::{check_built, get, uuid};
use super::{check_with, Case};

/// The cases of this file.
pub const CASES: &[Case] = &[
    Case::new("netport_network_edit", netport_network_edit),
    Case::new("netport_hostdev_edit", netport_hostdev_edit),
    Case::new("netport_build_from_scratch", netport_build_from_scratch),
    Case::new("binding_edit", binding_edit),
    Case::new("binding_build_from_scratch", binding_build_from_scratch),
    Case::new("backup_pull_edit", backup_pull_edit),
    Case::new("backup_push_edit", backup_push_edit),
    Case::new("backup_build_from_scratch", backup_build_from_scratch),
];

fn check_port(case: &str, edit: impl FnOnce(&NetworkPort)) {
    check_with(case, NetworkPort::from_xml, NetworkPort::to_xml, edit);
}

fn check_backup(case: &str, edit: impl FnOnce(&DomainBackup)) {
    check_with(case, DomainBackup::from_xml, DomainBackup::to_xml, edit);
}

fn netport_network_edit() {
    check_port("netport-network", |p| {
        assert_eq!(
            get(p.uuid()).as_str(),
            "5d744f21-ba4a-4d6e-bdb2-30a35ff3207d"
        );
        let owner = p.owner().unwrap();
        assert_eq!(get(owner.name()), "memtest");
        assert_eq!(
            get(owner.uuid()).simple(),
            "d54df46f1ab54a2286184560ef5fac2c"
        );
        owner.set_name(Some("web".into()));
        assert_eq!(get(p.group()), "web1");
        p.set_group(Some("web2".into()));
        assert_eq!(get(p.mac_address()), "52:54:00:7b:35:93");
        let bw = p.bandwidth().unwrap();
        assert_eq!(get(bw.class_id()), 1729);
        assert_eq!(get(bw.outbound().unwrap().burst()), 32768);
        bw.inbound().unwrap().set_floor(Some(3000));
        let vlan = p.vlan().unwrap();
        assert_eq!(vlan.tags().len(), 2);
        assert!(p.remove_vlan());
        assert_eq!(get(p.port_isolated()), YesNo(true));
        p.set_port_isolated(Some(YesNo(false)));
        assert_eq!(get(p.rxfilters_trust_guest()), YesNo(true));
        p.set_rxfilters_trust_guest(None);
        let plug = p.plug().unwrap();
        assert_eq!(get(plug.plug_type()), NetworkPortPlugType::Network);
        assert_eq!(get(plug.bridge()), "virbr0");
        assert_eq!(plug.mac_table_manager().unwrap(), None);
        plug.set_bridge(Some("virbr1".into()));
        plug.set_mac_table_manager(Some(MacTableManager::Libvirt));
        assert!(p.virtualport().is_none());
    });
}

fn netport_hostdev_edit() {
    check_port("netport-hostdev", |p| {
        let plug = p.plug().unwrap();
        assert_eq!(get(plug.plug_type()), NetworkPortPlugType::HostdevPci);
        assert_eq!(get(plug.managed()), YesNo(true));
        assert_eq!(plug.driver_name().unwrap(), None);
        plug.set_driver_name(Some("vfio".into()));
        let addr = plug.address().unwrap();
        assert_eq!(get(addr.domain()), PciDomain::from(1));
        assert_eq!(get(addr.pci_bus()), PciBus::from(2));
        assert_eq!(get(addr.pci_slot()), PciSlot::from(3));
        assert_eq!(get(addr.function()), PciFunction::from(4));
        assert!(plug.address_or_create() == addr);
        assert!(plug.remove_address() && plug.address().is_none());
        // `<plug><address>` has no `type` attribute: set the parts one by one.
        let addr = plug.address_or_create();
        addr.set_domain(Some(PciDomain::from(0)));
        addr.set_pci_bus(Some(PciBus::from(0x0a)));
        addr.set_pci_slot(Some(PciSlot::from(0x10)));
        addr.set_function(Some(PciFunction::from(5)));
        plug.set_managed(Some(YesNo(false)));
        assert!(!p.remove_bandwidth());
    });
}

fn netport_build_from_scratch() {
    let p = NetworkPort::new();
    p.set_uuid(Some(uuid("5d744f21-ba4a-4d6e-bdb2-30a35ff3207d")));
    let plug = p.plug_or_create();
    plug.set_plug_type(Some(NetworkPortPlugType::Direct));
    plug.set_dev(Some("ens3".into()));
    plug.set_mode(Some("vepa".into()));
    assert_eq!(get(plug.dev()), "ens3");
    assert_eq!(get(plug.mode()), "vepa");
    let owner = p.owner_or_create();
    owner.set_name(Some("guest".into()));
    owner.set_uuid(Some(uuid("d54df46f-1ab5-4a22-8618-4560ef5fac2c")));
    p.set_mac_address(Some("52:54:00:7b:35:93".into()));
    let vp = p.virtualport_or_create();
    vp.set_port_type(Some(VirtualPortType::Qbg));
    vp.parameters_or_create().set_manager_id(Some(11));
    p.bandwidth_or_create()
        .inbound_or_create()
        .set_average(Some(1000));
    p.vlan_or_create().add_tag().set_id(Some(42));
    p.set_port_isolated(Some(YesNo(true)));
    p.set_rxfilters_trust_guest(Some(YesNo(false)));
    check_built("netport-build", &p.to_xml(), "networkport");
    assert!(p.remove_virtualport() && p.remove_plug() && p.remove_owner());
}

fn binding_edit() {
    check_with(
        "binding-edit",
        NwFilterBinding::from_xml,
        NwFilterBinding::to_xml,
        |b| {
            assert_eq!(get(b.owner().unwrap().name()), "memtest");
            assert_eq!(get(b.portdev()), "vnet0");
            b.set_portdev(Some("vnet1".into()));
            assert_eq!(b.linkdev().unwrap(), None);
            b.set_linkdev(Some("eth0".into()));
            assert_eq!(get(b.mac_address()), "52:54:00:7b:35:93");
            let f = b.filterref().unwrap();
            assert_eq!(get(f.filter()), "clean-traffic");
            let params = f.parameters();
            assert_eq!(get(params[0].name()), "MAC");
            assert_eq!(get(params[0].value()), "52:54:00:7b:35:93");
            let ip = f.add_parameter();
            ip.set_name(Some("IP".into()));
            ip.set_value(Some("10.0.0.1".into()));
            assert!(f.remove_parameter(&params[0]));
        },
    );
}

fn binding_build_from_scratch() {
    let b = NwFilterBinding::new();
    let o = b.owner_or_create();
    o.set_name(Some("guest".into()));
    o.set_uuid(Some(uuid("d54df46f-1ab5-4a22-8618-4560ef5fac2c")));
    b.set_portdev(Some("vnet0".into()));
    b.set_mac_address(Some("52:54:00:00:00:01".into()));
    let f = b.filterref_or_create();
    f.set_filter(Some("clean-traffic".into()));
    let p = f.add_parameter();
    p.set_name(Some("MAC".into()));
    p.set_value(Some("52:54:00:00:00:01".into()));
    check_built("binding-build", &b.to_xml(), "nwfilterbinding");
    assert!(b.remove_filterref() && b.remove_owner());
}

fn backup_pull_edit() {
    check_backup("backup-pull", |b| {
        assert_eq!(get(b.mode()), BackupMode::Pull);
        assert_eq!(get(b.incremental()), "1525889631");
        let s = b.server().unwrap();
        assert_eq!(get(s.transport()), "tcp");
        assert_eq!(get(s.tls()), YesNo(true));
        assert_eq!(get(s.name()), "localhost");
        assert_eq!(get(s.port()), 10809);
        s.set_transport(Some("unix".into()));
        s.set_tls(None);
        s.set_name(None);
        s.set_port(None);
        s.set_socket(Some("/run/backup.sock".into()));
        assert_eq!(get(s.socket()), "/run/backup.sock");
        let disks = b.disks().unwrap();
        let d = disks.disks();
        assert_eq!(get(d[0].name()), "vda");
        assert_eq!(get(d[0].export_name()), "test-vda");
        assert_eq!(get(d[0].export_bitmap()), "blah");
        d[0].set_export_bitmap(None);
        d[0].set_export_name(Some("vda".into()));
        assert_eq!(get(d[0].driver_type()), "qcow2");
        let sc = d[0].scratch().unwrap();
        assert_eq!(get(sc.file()), "/path/to/file");
        assert!(sc.remove_encryption());
        sc.set_file(Some("/var/tmp/vda.scratch".into()));
        let enc = d[1].scratch().unwrap().encryption().unwrap();
        assert_eq!(get(enc.secrets()[0].usage()), "/storage/backup/vdb");
        assert_eq!(get(d[2].scratch().unwrap().dev()), "/dev/block");
        assert!(disks.remove_disk(&d[1]));
    });
}

fn backup_push_edit() {
    check_backup("backup-push", |b| {
        assert_eq!(get(b.mode()), BackupMode::Push);
        b.set_incremental(None);
        assert!(b.server().is_none());
        let d = b.disks().unwrap().disks();
        assert_eq!(get(d[0].backup()), YesNo(true));
        assert_eq!(get(d[0].backup_mode()), "incremental");
        assert_eq!(get(d[0].incremental()), "1525889631");
        assert_eq!(get(d[0].disk_type()), "file");
        d[0].set_backup_mode(Some("full".into()));
        d[0].set_incremental(None);
        d[0].set_driver_type(Some("qcow2".into()));
        let t = d[0].target().unwrap();
        t.set_file(Some("/backup/vda.qcow2".into()));
        let enc = t.encryption_or_create();
        enc.set_format(Some("luks".into()));
        let secret = enc.add_secret();
        secret.set_secret_type(Some("passphrase".into()));
        secret.set_usage(Some("/backup/vda".into()));
        assert!(d[1].remove_target());
        let t2 = d[1].target_or_create();
        t2.set_dev(Some("/dev/backup/vdb".into()));
        assert_eq!(get(d[2].backup()), YesNo(false));
    });
}

fn backup_build_from_scratch() {
    let b = DomainBackup::new();
    b.set_mode(Some(BackupMode::Pull));
    let disks = b.disks_or_create();
    b.set_incremental(Some("c1".into()));
    let s = b.server_or_create();
    s.set_transport(Some("tcp".into()));
    s.set_name(Some("localhost".into()));
    s.set_port(Some(10809));
    s.set_tls(Some(YesNo(false)));
    let d = disks.add_disk();
    d.set_name(Some("vda".into()));
    d.set_backup(Some(YesNo(true)));
    d.set_disk_type(Some("file".into()));
    d.set_export_name(Some("vda".into()));
    d.set_export_bitmap(Some("backup-vda".into()));
    d.set_driver_type(Some("qcow2".into()));
    d.scratch_or_create()
        .set_file(Some("/var/tmp/vda.scratch".into()));
    assert!(d.remove_scratch() || d.scratch().is_none());
    d.scratch_or_create()
        .set_file(Some("/var/tmp/vda.scratch".into()));
    disks.add_disk().set_name(Some("vdb".into()));
    let off = disks.add_disk();
    off.set_name(Some("hda".into()));
    off.set_backup(Some(YesNo(false)));
    check_built("backup-build", &b.to_xml(), "domainbackup");
    assert!(b.remove_server() && b.remove_disks());
}
