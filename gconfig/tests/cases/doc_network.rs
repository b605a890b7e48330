//! The `<network>` document.

use libvirt_gconfig::value::{OnOff, PciBus, PciDomain, PciFunction, PciSlot, YesNo};
use libvirt_gconfig::{
    AddressFamily, AddressType, LeaseUnit, MacTableManager, Network, NetworkForwardMode,
    VirtualPortType, VlanNativeMode,
};

use super::doc_util::{check_built, get, uuid};
use super::{check_with, Case};

/// The cases of this file.
pub const CASES: &[Case] = &[
    Case::new("network_edit_everything", network_edit_everything),
    Case::new("network_hostdev_pool", network_hostdev_pool),
    Case::new("network_dnsmasq_options", network_dnsmasq_options),
    Case::new("network_build_from_scratch", network_build_from_scratch),
];

fn check_network(case: &str, edit: impl FnOnce(&Network)) {
    check_with(case, Network::from_xml, Network::to_xml, edit);
}

fn network_edit_everything() {
    check_network("network-edit", |net| {
        assert_eq!(get(net.connections()), 3);
        net.set_connections(None);
        assert_eq!(get(net.ipv6()), YesNo(true));
        assert_eq!(get(net.trust_guest_rx_filters()), YesNo(false));
        assert_eq!(get(net.name()), "default");
        assert_eq!(get(net.uuid()).simple(), "81ff0d90c91e674264da4a736edb9a9b");

        let fwd = net.forward().unwrap();
        assert_eq!(get(fwd.mode()), NetworkForwardMode::Nat);
        assert_eq!(get(fwd.dev()), "eth1");
        fwd.set_mode(Some(NetworkForwardMode::Route));
        let nat = fwd.nat().unwrap();
        assert_eq!(get(nat.ipv6()), YesNo(true));
        assert_eq!(get(nat.address_start()), "10.20.30.40");
        assert_eq!(get(nat.address_end()), "10.20.30.44");
        assert_eq!(get(nat.port_start()), 60000);
        assert_eq!(get(nat.port_end()), 65432);
        assert!(fwd.remove_nat());
        let ifaces = fwd.interfaces();
        assert_eq!(get(ifaces[0].dev()), "eth1");
        assert_eq!(get(ifaces[0].connections()), 2);
        ifaces[0].set_connections(None);
        fwd.add_interface().set_dev(Some("eth2".into()));
        assert!(fwd.remove_interface(&ifaces[0]));

        assert_eq!(get(net.bridge_name()), "virbr0");
        assert_eq!(get(net.bridge_zone()), "trusted");
        assert_eq!(get(net.bridge_stp()), OnOff(true));
        assert_eq!(get(net.bridge_delay()), 0);
        assert_eq!(
            get(net.bridge_mac_table_manager()),
            MacTableManager::Libvirt
        );
        net.set_bridge_zone(None);
        net.set_bridge_delay(Some(2));
        assert_eq!(get(net.mtu()), 7000);
        net.set_mtu(Some(9000));
        assert_eq!(get(net.mac_address()), "12:34:56:78:9A:BC");
        assert_eq!(get(net.domain_name()), "example.com");
        assert_eq!(get(net.domain_local_only()), YesNo(false));
        net.set_domain_local_only(Some(YesNo(true)));

        let dns = net.dns().unwrap();
        assert_eq!(get(dns.enable()), YesNo(true));
        assert_eq!(get(dns.forward_plain_names()), YesNo(false));
        let fw = dns.forwarders();
        assert_eq!(get(fw[0].addr()), "8.8.8.8");
        assert_eq!(fw[0].domain().unwrap(), None);
        assert_eq!(get(fw[1].domain()), "example.com");
        assert!(dns.remove_forwarder(&fw[0]));
        let txt = &dns.txts()[0];
        assert_eq!(get(txt.name()), "example");
        assert_eq!(get(txt.value()), "example value");
        txt.set_value(Some("it's <new>".into()));
        let host = &dns.hosts()[0];
        assert_eq!(get(host.ip()), "192.168.122.1");
        let names: Vec<String> = host.hostnames().iter().map(|h| get(h.name())).collect();
        assert_eq!(names, ["host", "gateway"]);
        assert!(host.remove_hostname(&host.hostnames()[1]));
        host.add_hostname().set_name(Some("router".into()));
        let srv = &dns.srvs()[0];
        assert_eq!(get(srv.service()), "name");
        assert_eq!(get(srv.protocol()), "tcp");
        assert_eq!(get(srv.domain()), "test-domain-name.com");
        assert_eq!(get(srv.target()), "test.example.com");
        assert_eq!(get(srv.port()), 1111);
        assert_eq!(get(srv.priority()), 11);
        assert_eq!(get(srv.weight()), 111);
        srv.set_weight(None);
        dns.remove_srv(srv);

        let bw = net.bandwidth().unwrap();
        let inb = bw.inbound().unwrap();
        assert_eq!(get(inb.average()), 1000);
        assert_eq!(get(inb.peak()), 2000);
        assert_eq!(get(inb.burst()), 1024);
        assert_eq!(inb.floor().unwrap(), None);
        assert_eq!(get(bw.outbound().unwrap().average()), 2000);
        assert!(bw.remove_outbound());

        let ips = net.ips();
        assert_eq!(ips.len(), 2);
        assert_eq!(get(ips[0].address()), "192.168.122.1");
        assert_eq!(get(ips[0].netmask()), "255.255.255.0");
        assert_eq!(get(ips[0].local_ptr()), YesNo(true));
        assert_eq!(get(ips[0].tftp_root()), "/var/lib/tftproot");
        ips[0].set_tftp_root(None);
        let dhcp = ips[0].dhcp().unwrap();
        let range = &dhcp.ranges()[0];
        assert_eq!(get(range.start()), "192.168.122.2");
        assert_eq!(get(range.end()), "192.168.122.254");
        let lease = range.lease().unwrap();
        assert_eq!(get(lease.expiry()), 1);
        assert_eq!(get(lease.unit()), LeaseUnit::Hours);
        lease.set_unit(Some(LeaseUnit::Minutes));
        lease.set_expiry(Some(30));
        let h = &dhcp.hosts()[0];
        assert_eq!(get(h.mac()), "00:16:3e:77:e2:ed");
        assert_eq!(get(h.name()), "a.example.com");
        assert_eq!(get(h.ip()), "192.168.122.10");
        assert_eq!(get(h.lease().unwrap().expiry()), 2);
        assert!(h.remove_lease());
        assert_eq!(get(dhcp.bootp_file()), "pxeboot.img");
        assert_eq!(get(dhcp.bootp_server()), "10.20.30.40");
        dhcp.set_bootp_server(None);
        assert_eq!(get(ips[1].family()), AddressFamily::Ipv6);
        assert_eq!(get(ips[1].prefix()), 64);
        let h6 = &ips[1].dhcp().unwrap().hosts()[0];
        assert_eq!(get(h6.id()), "0:3:0:1:0:16:3e:11:22:33");
        h6.set_id(Some("0:3:0:1:0:16:3e:11:22:44".into()));

        let routes = net.routes();
        assert_eq!(get(routes[0].address()), "192.168.222.0");
        assert_eq!(get(routes[0].netmask()), "255.255.255.0");
        assert_eq!(get(routes[0].gateway()), "192.168.122.10");
        assert_eq!(get(routes[1].family()), AddressFamily::Ipv6);
        assert_eq!(get(routes[1].prefix()), 64);
        assert_eq!(get(routes[1].metric()), 2);
        assert!(net.remove_route(&routes[0]));

        let pgs = net.portgroups();
        assert_eq!(get(pgs[0].name()), "bob");
        assert_eq!(get(pgs[0].default()), YesNo(true));
        let vlan = pgs[0].vlan().unwrap();
        assert_eq!(get(vlan.trunk()), YesNo(true));
        let tags = vlan.tags();
        assert_eq!(get(tags[0].id()), 123);
        assert_eq!(get(tags[0].native_mode()), VlanNativeMode::Tagged);
        assert!(vlan.remove_tag(&tags[1]));
        let vp = pgs[0].virtualport().unwrap();
        assert_eq!(get(vp.port_type()), VirtualPortType::Qbg);
        let params = vp.parameters().unwrap();
        assert_eq!(get(params.manager_id()), 11);
        assert_eq!(get(params.type_id()), 1193047);
        assert_eq!(get(params.type_id_version()), 2);
        assert_eq!(
            get(params.instance_id()).as_str(),
            "09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f"
        );
        assert_eq!(get(pgs[1].trust_guest_rx_filters()), YesNo(true));
        assert_eq!(
            get(pgs[1]
                .virtualport()
                .unwrap()
                .parameters()
                .unwrap()
                .profile_id()),
            "alice-profile"
        );
        let pbw = pgs[1].bandwidth().unwrap();
        assert_eq!(get(pbw.class_id()), 2);
        assert_eq!(get(pbw.inbound().unwrap().floor()), 500);
        pbw.set_class_id(None);
        assert!(pgs[1].remove_virtualport());
        assert!(pgs[0].remove_bandwidth() || pgs[0].bandwidth().is_none());
        assert!(net.remove_portgroup(&pgs[1]));
    });
}

fn network_hostdev_pool() {
    check_network("network-hostdev", |net| {
        let fwd = net.forward().unwrap();
        assert_eq!(get(fwd.mode()), NetworkForwardMode::Hostdev);
        assert_eq!(get(fwd.managed()), YesNo(true));
        assert_eq!(get(fwd.driver_name()), "vfio");
        fwd.set_driver_name(None);
        fwd.set_driver_model(Some("vfio-pci-igb".into()));
        assert_eq!(fwd.driver_model().unwrap().as_deref(), Some("vfio-pci-igb"));
        let addrs = fwd.addresses();
        assert_eq!(get(addrs[0].address_type()), AddressType::Pci);
        assert_eq!(get(addrs[0].domain()), PciDomain::from(0));
        assert_eq!(get(addrs[0].pci_bus()), PciBus::from(3));
        assert_eq!(get(addrs[0].pci_slot()), PciSlot::from(0));
        assert_eq!(get(addrs[0].function()), PciFunction::from(1));
        assert_eq!(get(addrs[0].connections()), 1);
        assert!(fwd.remove_address(&addrs[1]));
        let a = fwd.add_address();
        a.set_pci(0, 4, 0, 3);
        a.set_connections(Some(0));
        fwd.set_managed(Some(YesNo(false)));
        fwd.set_pf_dev(Some("eth2".into()));
        assert_eq!(get(fwd.pf_dev()), "eth2");
        assert!(net.vlan().is_none() && net.virtualport().is_none());
        assert_eq!(net.port_isolated().unwrap(), None);
    });
}

fn network_dnsmasq_options() {
    check_network("network-dnsmasq", |net| {
        assert_eq!(net.dnsmasq_options(), ["foo=bar"]);
        net.add_dnsmasq_option("cname=*.cloudapps.example.com,master.example.com");
        assert_eq!(net.dnsmasq_options().len(), 2);
        let other = Network::new();
        assert!(other.dnsmasq_options().is_empty());
        assert!(!other.clear_dnsmasq_options());
        other.set_name(Some("n".into()));
        other.add_dnsmasq_option("a=b");
        assert_eq!(
            other.to_xml(),
            "<network xmlns:dnsmasq='http://libvirt.org/schemas/network/dnsmasq/1.0'>\n  \
             <name>n</name>\n  <dnsmasq:options>\n    <dnsmasq:option value='a=b'/>\n  \
             </dnsmasq:options>\n</network>"
        );
        assert!(other.clear_dnsmasq_options());
    });
}

fn network_build_from_scratch() {
    let net = Network::new();
    net.set_ipv6(Some(YesNo(true)));
    net.set_trust_guest_rx_filters(Some(YesNo(false)));
    net.set_name(Some("built".into()));
    net.set_uuid(Some(uuid("81ff0d90-c91e-6742-64da-4a736edb9a9b")));
    net.add_portgroup().set_name(Some("first".into()));
    net.add_ip().set_address(Some("192.168.150.1".into()));
    let fwd = net.forward_or_create();
    fwd.set_mode(Some(NetworkForwardMode::Nat));
    fwd.set_dev(Some("eth0".into()));
    let nat = fwd.nat_or_create();
    nat.set_ipv6(Some(YesNo(true)));
    nat.set_address_start(Some("10.0.0.1".into()));
    nat.set_address_end(Some("10.0.0.9".into()));
    nat.set_port_start(Some(1024));
    nat.set_port_end(Some(65535));
    net.set_bridge_name(Some("virbr9".into()));
    net.set_bridge_zone(Some("libvirt".into()));
    net.set_bridge_stp(Some(OnOff(true)));
    net.set_bridge_delay(Some(0));
    net.set_bridge_mac_table_manager(Some(MacTableManager::Kernel));
    net.set_mtu(Some(1500));
    net.set_mac_address(Some("52:54:00:0a:0b:0c".into()));
    net.set_domain_name(Some("built.test".into()));
    net.set_domain_local_only(Some(YesNo(true)));
    let dns = net.dns_or_create();
    dns.set_enable(Some(YesNo(true)));
    dns.set_forward_plain_names(Some(YesNo(false)));
    let h = dns.add_host();
    h.set_ip(Some("192.168.150.1".into()));
    h.add_hostname().set_name(Some("gw".into()));
    let f = dns.add_forwarder();
    f.set_addr(Some("9.9.9.9".into()));
    f.set_domain(Some("quad9.test".into()));
    let t = dns.add_txt();
    t.set_name(Some("info".into()));
    t.set_value(Some("built".into()));
    let srv = dns.add_srv();
    srv.set_service(Some("ldap".into()));
    srv.set_protocol(Some("tcp".into()));
    srv.set_domain(Some("built.test".into()));
    srv.set_target(Some("gw.built.test".into()));
    srv.set_port(Some(389));
    srv.set_priority(Some(1));
    srv.set_weight(Some(10));
    let vlan = net.vlan_or_create();
    vlan.set_trunk(Some(YesNo(true)));
    let tag = vlan.add_tag();
    tag.set_id(Some(42));
    tag.set_native_mode(Some(VlanNativeMode::Untagged));
    vlan.add_tag().set_id(Some(43));
    let bw = net.bandwidth_or_create();
    bw.set_class_id(Some(3));
    let inb = bw.inbound_or_create();
    inb.set_average(Some(1000));
    inb.set_peak(Some(5000));
    inb.set_burst(Some(1024));
    bw.outbound_or_create().set_floor(Some(200));
    net.set_port_isolated(Some(YesNo(true)));

    let ip = &net.ips()[0];
    ip.set_netmask(Some("255.255.255.0".into()));
    ip.set_local_ptr(Some(YesNo(true)));
    let dhcp = ip.dhcp_or_create();
    dhcp.set_bootp_file(Some("pxelinux.0".into()));
    dhcp.set_bootp_server(Some("192.168.150.2".into()));
    let r = dhcp.add_range();
    r.set_start(Some("192.168.150.10".into()));
    r.set_end(Some("192.168.150.99".into()));
    let l = r.lease_or_create();
    l.set_expiry(Some(2));
    l.set_unit(Some(LeaseUnit::Hours));
    let dh = dhcp.add_host();
    dh.set_mac(Some("52:54:00:00:00:01".into()));
    dh.set_name(Some("one".into()));
    dh.set_ip(Some("192.168.150.100".into()));
    dh.lease_or_create().set_expiry(Some(0));
    ip.set_tftp_root(Some("/srv/tftp".into()));
    let ip6 = net.add_ip();
    ip6.set_family(Some(AddressFamily::Ipv6));
    ip6.set_address(Some("2001:db8::1".into()));
    ip6.set_prefix(Some(64));
    let h6 = ip6.dhcp_or_create().add_host();
    h6.set_id(Some("0:3:0:1:0:16:3e:11:22:33".into()));
    h6.set_ip(Some("2001:db8::10".into()));

    let route = net.add_route();
    route.set_family(Some(AddressFamily::Ipv6));
    route.set_address(Some("2001:db8:1::".into()));
    route.set_prefix(Some(48));
    route.set_gateway(Some("2001:db8::2".into()));
    route.set_metric(Some(1));
    let r4 = net.add_route();
    r4.set_address(Some("10.1.0.0".into()));
    r4.set_netmask(Some("255.255.0.0".into()));
    r4.set_gateway(Some("192.168.150.3".into()));

    let vp = net.virtualport_or_create();
    vp.set_port_type(Some(VirtualPortType::Openvswitch));
    let params = vp.parameters_or_create();
    params.set_profile_id(Some("ovs-profile".into()));
    params.set_interface_id(Some(uuid("09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f")));
    assert_eq!(
        get(params.interface_id()).as_str(),
        "09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f"
    );

    let pg = &net.portgroups()[0];
    pg.set_default(Some(YesNo(true)));
    pg.set_trust_guest_rx_filters(Some(YesNo(true)));
    pg.bandwidth_or_create()
        .inbound_or_create()
        .set_average(Some(10));
    pg.vlan_or_create().add_tag().set_id(Some(7));
    let pvp = pg.virtualport_or_create();
    pvp.set_port_type(Some(VirtualPortType::Qbg));
    let pparams = pvp.parameters_or_create();
    pparams.set_manager_id(Some(1));
    pparams.set_type_id(Some(2));
    pparams.set_type_id_version(Some(3));
    pparams.set_instance_id(Some(uuid("c7a5fdbd-edaf-9455-926a-d65c16db1809")));
    assert_eq!(get(net.port_isolated()), YesNo(true));

    check_built("network-build", &net.to_xml(), "network");
}
