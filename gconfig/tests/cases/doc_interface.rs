//! The host `<interface>` document.

use libvirt_gconfig::value::{OnOff, YesNo};
use libvirt_gconfig::{AddressFamily, HostInterface, HostInterfaceStartMode, HostInterfaceType};

use super::doc_util::{check_built, get};
use super::{check_with, Case};

/// The cases of this file.
pub const CASES: &[Case] = &[
    Case::new("iface_bond_edit", iface_bond_edit),
    Case::new("iface_bridge_edit", iface_bridge_edit),
    Case::new("iface_vlan_edit", iface_vlan_edit),
    Case::new("iface_build_from_scratch", iface_build_from_scratch),
];

fn check_iface(case: &str, edit: impl FnOnce(&HostInterface)) {
    check_with(case, HostInterface::from_xml, HostInterface::to_xml, edit);
}

fn iface_bond_edit() {
    check_iface("iface-bond", |i| {
        assert_eq!(get(i.iface_type()), HostInterfaceType::Bond);
        assert_eq!(get(i.name()), "bond0");
        assert_eq!(get(i.start_mode()), HostInterfaceStartMode::None);
        i.set_start_mode(Some(HostInterfaceStartMode::Hotplug));
        let p = &i.protocols()[0];
        assert_eq!(get(p.family()), AddressFamily::Ipv4);
        let ip = &p.ips()[0];
        assert_eq!(get(ip.address()), "192.168.50.7");
        assert_eq!(get(ip.prefix()), 24);
        ip.set_prefix(Some(16));
        assert_eq!(get(p.route_gateway()), "192.168.50.1");
        p.set_route_gateway(Some("192.168.0.1".into()));
        assert_eq!(get(i.link_speed()), 1000);
        assert_eq!(get(i.link_state()), "up");
        i.set_link_speed(None);
        i.set_link_state(None);
        let bond = i.bond().unwrap();
        assert_eq!(get(bond.mode()), "active-backup");
        bond.set_mode(Some("802.3ad".into()));
        assert_eq!(get(bond.miimon_freq()), 100);
        assert_eq!(get(bond.miimon_updelay()), 10);
        assert_eq!(bond.miimon_downdelay().unwrap(), None);
        assert_eq!(get(bond.miimon_carrier()), "ioctl");
        bond.set_miimon_downdelay(Some(20));
        bond.set_miimon_carrier(Some("netif".into()));
        bond.set_miimon_updelay(None);
        bond.set_miimon_freq(None);
        bond.set_arpmon_interval(Some(100));
        bond.set_arpmon_target(Some("192.168.0.1".into()));
        bond.set_arpmon_validate(Some("active".into()));
        assert_eq!(get(bond.arpmon_interval()), 100);
        assert_eq!(get(bond.arpmon_target()), "192.168.0.1");
        assert_eq!(get(bond.arpmon_validate()), "active");
        let members = bond.interfaces();
        assert_eq!(get(members[1].name()), "eth0");
        assert!(bond.remove_interface(&members[1]));
        let m = bond.add_interface();
        m.set_iface_type(Some(HostInterfaceType::Ethernet));
        m.set_name(Some("eth2".into()));
    });
}

fn iface_bridge_edit() {
    check_iface("iface-bridge", |i| {
        assert_eq!(get(i.mtu()), 1500);
        i.set_mtu(Some(9000));
        let p = &i.protocols()[0];
        assert!(p.dhcp() && !p.autoconf());
        assert_eq!(p.dhcp_peerdns().unwrap(), None);
        p.set_dhcp_peerdns(Some(YesNo(false)));
        let br = i.bridge().unwrap();
        assert_eq!(get(br.stp()), OnOff(false));
        assert_eq!(get(br.delay()), "0.01");
        br.set_stp(Some(OnOff(true)));
        br.set_delay(Some("2".into()));
        let ports = br.interfaces();
        assert_eq!(get(ports[0].link_speed()), 10);
        assert_eq!(get(ports[0].mac_address()), "ab:bb:cc:dd:ee:ff");
        ports[0].set_mac_address(Some("52:54:00:12:34:56".into()));
        assert!(br.remove_interface(&ports[1]));
        let port = br.add_interface();
        port.set_iface_type(Some(HostInterfaceType::Ethernet));
        port.set_name(Some("eth3".into()));
        assert!(i.bond().is_none() && i.vlan().is_none());
    });
}

fn iface_vlan_edit() {
    check_iface("iface-vlan", |i| {
        let br = i.bridge().unwrap();
        let vif = &br.interfaces()[0];
        assert_eq!(get(vif.iface_type()), HostInterfaceType::Vlan);
        let vlan = vif.vlan().unwrap();
        assert_eq!(get(vlan.tag()), 42);
        vlan.set_tag(Some(43));
        vif.set_name(Some("eth0.43".into()));
        let parent = vlan.interface().unwrap();
        assert_eq!(get(parent.name()), "eth0");
        assert!(vlan.remove_interface());
        vlan.interface_or_create().set_name(Some("eth1".into()));
        vif.set_name(Some("eth1.43".into()));
        let p = &i.protocols()[0];
        assert!(i.remove_protocol(p));
        let v6 = i.add_protocol();
        v6.set_family(Some(AddressFamily::Ipv6));
        v6.set_autoconf(true);
    });
}

fn iface_build_from_scratch() {
    let i = HostInterface::new();
    i.set_iface_type(Some(HostInterfaceType::Ethernet));
    i.set_name(Some("eth0".into()));
    i.set_mac_address(Some("aa:bb:cc:dd:ee:ff".into()));
    i.set_start_mode(Some(HostInterfaceStartMode::Onboot));
    i.set_mtu(Some(1492));
    let v4 = i.add_protocol();
    v4.set_family(Some(AddressFamily::Ipv4));
    v4.set_dhcp(true);
    v4.set_dhcp_peerdns(Some(YesNo(true)));
    let v6 = i.add_protocol();
    v6.set_family(Some(AddressFamily::Ipv6));
    v6.set_route_gateway(Some("3ffe:ffff:0:5::1".into()));
    let ip = v6.add_ip();
    ip.set_address(Some("3ffe:ffff:0:5::3".into()));
    ip.set_prefix(Some(64));
    v6.set_autoconf(true);
    v6.set_dhcp(false);
    assert!(v6.remove_ip(&v6.add_ip()));
    i.set_link_state(Some("up".into()));
    check_built("iface-build", &i.to_xml(), "interface");
    // A bridge with a bond member, built the same way.
    let br = HostInterface::new();
    br.set_iface_type(Some(HostInterfaceType::Bridge));
    br.set_name(Some("br0".into()));
    let b = br.bridge_or_create();
    b.set_stp(Some(OnOff(false)));
    let bond = b.add_interface();
    bond.set_iface_type(Some(HostInterfaceType::Bond));
    bond.set_name(Some("bond0".into()));
    let bd = bond.bond_or_create();
    bd.set_mode(Some("active-backup".into()));
    let m = bd.add_interface();
    m.set_iface_type(Some(HostInterfaceType::Ethernet));
    m.set_name(Some("eth1".into()));
    let vlan = br.vlan_or_create();
    assert!(br.remove_vlan() && !br.remove_bond());
    drop(vlan);
    check_built("iface-build-bridge", &br.to_xml(), "interface");
    assert!(br.remove_bridge() && bond.remove_bond());
}
