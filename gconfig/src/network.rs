//! The `<network>` document: a libvirt virtual network.
//!
//! ```text
//! Network                     <network>
//! ├── NetworkForward            <forward>  (NetworkForwardInterface, DeviceAddress, NetworkNat)
//! ├── NetworkDns                <dns>  (NetworkDnsForwarder, NetworkDnsTxt, NetworkDnsHost, NetworkDnsSrv)
//! ├── Bandwidth                 <bandwidth>  (BandwidthRate)
//! ├── Vlan                      <vlan>  (VlanTag)
//! ├── NetworkIp                 <ip>  (NetworkDhcp: NetworkDhcpRange, NetworkDhcpHost, NetworkLease)
//! ├── Route                     <route>
//! ├── VirtualPort               <virtualport>  (VirtualPortParameters)
//! └── NetworkPortGroup          <portgroup>
//! ```
//!
//! [`Bandwidth`], [`Vlan`], [`VirtualPort`] and [`Route`] are shared with the
//! network port document and the domain's interfaces (see [`crate::common`]).

use crate::common::{AddressFamily, Bandwidth, Route, VirtualPort, Vlan};
use crate::documents::document_type;
use crate::dom::NodeId;
use crate::domain::DeviceAddress;
use crate::value::{OnOff, Uuid, YesNo};
use crate::{xml_element, xml_enum};

/// The namespace of dnsmasq options in a network (`xmlns:dnsmasq`).
pub const DNSMASQ_NAMESPACE: &str = "http://libvirt.org/schemas/network/dnsmasq/1.0";

xml_enum! {
    /// How a network connects to the outside (`<forward mode='...'>`).
    pub enum NetworkForwardMode {
        /// NAT to the host's routes.
        Nat = "nat",
        /// Routed, no NAT.
        Route = "route",
        /// Routed, no firewall rules.
        Open = "open",
        /// An existing host bridge.
        Bridge = "bridge",
        /// macvtap passthrough.
        Passthrough = "passthrough",
        /// macvtap private.
        Private = "private",
        /// macvtap VEPA.
        Vepa = "vepa",
        /// SR-IOV VF assignment.
        Hostdev = "hostdev",
    }
}

xml_enum! {
    /// Who manages a bridge's MAC table (`<bridge macTableManager='...'>`).
    pub enum MacTableManager {
        /// The kernel (flooding, learning).
        Kernel = "kernel",
        /// libvirt (no flooding).
        Libvirt = "libvirt",
    }
}

xml_enum! {
    /// The unit of a DHCP lease time.
    pub enum LeaseUnit {
        /// Seconds.
        Seconds = "seconds",
        /// Minutes.
        Minutes = "minutes",
        /// Hours.
        Hours = "hours",
    }
}

xml_element! {
    /// A virtual network, the `<network>` document.
    pub struct Network = "network", order = [
        "name", "uuid", "metadata", "forward", "bridge", "mtu", "mac", "domain", "dns", "vlan",
        "bandwidth", "port", "ip", "route", "virtualport", "portgroup",
    ] {
        /// Number of connections (live status).
        attr connections, set_connections: u32 = "connections";
        /// Guest-to-guest IPv6 without a gateway address.
        attr ipv6, set_ipv6: YesNo = "ipv6";
        /// Trust receive filters reported by guests.
        attr trust_guest_rx_filters, set_trust_guest_rx_filters: YesNo = "trustGuestRxFilters";
        /// The unique name.
        child_text name, set_name: String = "name";
        /// The UUID.
        child_text uuid, set_uuid: Uuid = "uuid";
        /// How the network reaches the outside.
        child forward, forward_or_create, remove_forward: NetworkForward = "forward";
        /// Name of the host bridge.
        child_attr bridge_name, set_bridge_name: String = "bridge" / "name";
        /// firewalld zone of the bridge.
        child_attr bridge_zone, set_bridge_zone: String = "bridge" / "zone";
        /// Spanning tree protocol on the bridge.
        child_attr bridge_stp, set_bridge_stp: OnOff = "bridge" / "stp";
        /// Forward delay of the bridge, in seconds.
        child_attr bridge_delay, set_bridge_delay: u64 = "bridge" / "delay";
        /// Who manages the bridge's MAC table.
        child_attr bridge_mac_table_manager, set_bridge_mac_table_manager: MacTableManager = "bridge" / "macTableManager";
        /// MTU of the bridge.
        child_attr mtu, set_mtu: u32 = "mtu" / "size";
        /// MAC address of the bridge.
        child_attr mac_address, set_mac_address: String = "mac" / "address";
        /// DNS domain of the DHCP server.
        child_attr domain_name, set_domain_name: String = "domain" / "name";
        /// Whether the domain is resolved only locally.
        child_attr domain_local_only, set_domain_local_only: YesNo = "domain" / "localOnly";
        /// DNS server settings.
        child dns, dns_or_create, remove_dns: NetworkDns = "dns";
        /// VLAN tags.
        child vlan, vlan_or_create, remove_vlan: Vlan = "vlan";
        /// Quality of service.
        child bandwidth, bandwidth_or_create, remove_bandwidth: Bandwidth = "bandwidth";
        /// Whether ports are isolated from each other.
        child_attr port_isolated, set_port_isolated: YesNo = "port" / "isolated";
        /// IP addresses (and DHCP) of the host side.
        children ips, add_ip, remove_ip: NetworkIp = "ip";
        /// Static routes.
        children routes, add_route, remove_route: Route = "route";
        /// Virtual port profile of all ports.
        child virtualport, virtualport_or_create, remove_virtualport: VirtualPort = "virtualport";
        /// Port groups.
        children portgroups, add_portgroup, remove_portgroup: NetworkPortGroup = "portgroup";
    }
}

document_type!(Network, "a network");

impl Network {
    fn dnsmasq_options_node(&self) -> Option<NodeId> {
        let d = self.doc.borrow();
        let found = d
            .children_ns(self.node, DNSMASQ_NAMESPACE, "options")
            .next();
        found
    }

    /// The values of the `<dnsmasq:option>` elements (extra dnsmasq settings).
    pub fn dnsmasq_options(&self) -> Vec<String> {
        let Some(opts) = self.dnsmasq_options_node() else {
            return Vec::new();
        };
        let d = self.doc.borrow();
        let kids: Vec<NodeId> = d.children_ns(opts, DNSMASQ_NAMESPACE, "option").collect();
        kids.iter()
            .filter_map(|k| d.attribute(*k, "value").map(|v| v.into_owned()))
            .collect()
    }

    /// Adds a `<dnsmasq:option value='...'/>`, declaring the `dnsmasq`
    /// namespace on the root when it is not declared yet.
    pub fn add_dnsmasq_option(&self, value: &str) {
        let opts = match self.dnsmasq_options_node() {
            Some(o) => o,
            None => {
                let mut d = self.doc.borrow_mut();
                let prefix = d.declare_namespace(self.node, "dnsmasq", DNSMASQ_NAMESPACE);
                d.append_element(self.node, &format!("{prefix}:options"))
            }
        };
        let mut d = self.doc.borrow_mut();
        let prefix = d.prefix(opts).map(|p| format!("{p}:")).unwrap_or_default();
        let opt = d.append_element(opts, &format!("{prefix}option"));
        d.set_attribute(opt, "value", value);
    }

    /// Removes every `<dnsmasq:option>` (and the `<dnsmasq:options>` element).
    /// Returns whether there was one.
    pub fn clear_dnsmasq_options(&self) -> bool {
        match self.dnsmasq_options_node() {
            Some(o) => {
                self.doc.borrow_mut().remove(o);
                true
            }
            None => false,
        }
    }
}

xml_element! {
    /// `<network><forward>`: how the network reaches the outside.
    pub struct NetworkForward = "forward", order = ["nat", "driver", "pf", "interface", "address"] {
        /// The forwarding mode.
        attr mode, set_mode: NetworkForwardMode = "mode";
        /// The host device traffic goes out of.
        attr dev, set_dev: String = "dev";
        /// Whether libvirt detaches/reattaches the VFs (hostdev mode).
        attr managed, set_managed: YesNo = "managed";
        /// NAT address and port ranges.
        child nat, nat_or_create, remove_nat: NetworkNat = "nat";
        /// Device assignment backend (`vfio`, `kvm`).
        child_attr driver_name, set_driver_name: String = "driver" / "name";
        /// Device assignment model (`vfio-pci-igb`, ...).
        child_attr driver_model, set_driver_model: String = "driver" / "model";
        /// SR-IOV physical function whose VFs make the pool.
        child_attr pf_dev, set_pf_dev: String = "pf" / "dev";
        /// Host interfaces of the pool.
        children interfaces, add_interface, remove_interface: NetworkForwardInterface = "interface";
        /// PCI addresses of the pool (hostdev mode).
        children addresses, add_address, remove_address: DeviceAddress = "address";
    }
}

xml_element! {
    /// `<forward><interface>`: a host interface of the pool.
    pub struct NetworkForwardInterface = "interface" {
        /// The device name.
        attr dev, set_dev: String = "dev";
        /// Number of connections (live status).
        attr connections, set_connections: u32 = "connections";
    }
}

xml_element! {
    /// `<forward><nat>`: NAT ranges.
    pub struct NetworkNat = "nat", order = ["address", "port"] {
        /// Also NAT IPv6.
        attr ipv6, set_ipv6: YesNo = "ipv6";
        /// First public IPv4 address.
        child_attr address_start, set_address_start: String = "address" / "start";
        /// Last public IPv4 address.
        child_attr address_end, set_address_end: String = "address" / "end";
        /// First source port.
        child_attr port_start, set_port_start: u16 = "port" / "start";
        /// Last source port.
        child_attr port_end, set_port_end: u16 = "port" / "end";
    }
}

xml_element! {
    /// `<network><dns>`: the DNS server.
    pub struct NetworkDns = "dns", order = ["forwarder", "txt", "host", "srv"] {
        /// Whether the DNS server runs.
        attr enable, set_enable: YesNo = "enable";
        /// Forward unqualified names upstream.
        attr forward_plain_names, set_forward_plain_names: YesNo = "forwardPlainNames";
        /// Upstream servers.
        children forwarders, add_forwarder, remove_forwarder: NetworkDnsForwarder = "forwarder";
        /// TXT records.
        children txts, add_txt, remove_txt: NetworkDnsTxt = "txt";
        /// Host records.
        children hosts, add_host, remove_host: NetworkDnsHost = "host";
        /// SRV records.
        children srvs, add_srv, remove_srv: NetworkDnsSrv = "srv";
    }
}

xml_element! {
    /// `<dns><forwarder>`: an upstream DNS server.
    pub struct NetworkDnsForwarder = "forwarder" {
        /// Server address.
        attr addr, set_addr: String = "addr";
        /// Only for this domain.
        attr domain, set_domain: String = "domain";
    }
}

xml_element! {
    /// `<dns><txt>`: a TXT record.
    pub struct NetworkDnsTxt = "txt" {
        /// Record name.
        attr name, set_name: String = "name";
        /// Record value.
        attr value, set_value: String = "value";
    }
}

xml_element! {
    /// `<dns><host>`: an address with host names.
    pub struct NetworkDnsHost = "host", order = ["hostname"] {
        /// The address.
        attr ip, set_ip: String = "ip";
        /// Host names.
        children hostnames, add_hostname, remove_hostname: NetworkDnsHostname = "hostname";
    }
}

xml_element! {
    /// `<host><hostname>`: one host name.
    pub struct NetworkDnsHostname = "hostname" {
        /// The name.
        text name, set_name: String;
    }
}

xml_element! {
    /// `<dns><srv>`: an SRV record.
    pub struct NetworkDnsSrv = "srv" {
        /// Service name.
        attr service, set_service: String = "service";
        /// `tcp` or `udp`.
        attr protocol, set_protocol: String = "protocol";
        /// Domain.
        attr domain, set_domain: String = "domain";
        /// Target host.
        attr target, set_target: String = "target";
        /// Port.
        attr port, set_port: u16 = "port";
        /// Priority.
        attr priority, set_priority: u16 = "priority";
        /// Weight.
        attr weight, set_weight: u16 = "weight";
    }
}

xml_element! {
    /// `<network><ip>`: an address of the host side, with DHCP.
    pub struct NetworkIp = "ip", order = ["tftp", "dhcp"] {
        /// Address family.
        attr family, set_family: AddressFamily = "family";
        /// The address.
        attr address, set_address: String = "address";
        /// IPv4 netmask.
        attr netmask, set_netmask: String = "netmask";
        /// Prefix length.
        attr prefix, set_prefix: u32 = "prefix";
        /// Answer reverse lookups locally.
        attr local_ptr, set_local_ptr: YesNo = "localPtr";
        /// Root directory of the TFTP server.
        child_attr tftp_root, set_tftp_root: String = "tftp" / "root";
        /// The DHCP server.
        child dhcp, dhcp_or_create, remove_dhcp: NetworkDhcp = "dhcp";
    }
}

xml_element! {
    /// `<ip><dhcp>`: the DHCP server.
    pub struct NetworkDhcp = "dhcp", order = ["range", "host", "bootp"] {
        /// Address ranges.
        children ranges, add_range, remove_range: NetworkDhcpRange = "range";
        /// Static hosts.
        children hosts, add_host, remove_host: NetworkDhcpHost = "host";
        /// BOOTP file.
        child_attr bootp_file, set_bootp_file: String = "bootp" / "file";
        /// BOOTP server.
        child_attr bootp_server, set_bootp_server: String = "bootp" / "server";
    }
}

xml_element! {
    /// `<dhcp><range>`: an address range.
    pub struct NetworkDhcpRange = "range", order = ["lease"] {
        /// First address.
        attr start, set_start: String = "start";
        /// Last address.
        attr end, set_end: String = "end";
        /// Lease time.
        child lease, lease_or_create, remove_lease: NetworkLease = "lease";
    }
}

xml_element! {
    /// `<dhcp><host>`: a static DHCP host.
    pub struct NetworkDhcpHost = "host", order = ["lease"] {
        /// MAC address (IPv4).
        attr mac, set_mac: String = "mac";
        /// DHCP unique id (IPv6).
        attr id, set_id: String = "id";
        /// Host name.
        attr name, set_name: String = "name";
        /// The address given.
        attr ip, set_ip: String = "ip";
        /// Lease time.
        child lease, lease_or_create, remove_lease: NetworkLease = "lease";
    }
}

xml_element! {
    /// `<lease>`: a DHCP lease time.
    pub struct NetworkLease = "lease" {
        /// Lease time (0: infinite).
        attr expiry, set_expiry: u64 = "expiry";
        /// Unit of `expiry` (default minutes).
        attr unit, set_unit: LeaseUnit = "unit";
    }
}

xml_element! {
    /// `<portgroup>`: settings for a group of ports.
    pub struct NetworkPortGroup = "portgroup", order = ["vlan", "virtualport", "bandwidth"] {
        /// Group name.
        attr name, set_name: String = "name";
        /// Whether ports without a group use this one.
        attr default, set_default: YesNo = "default";
        /// Trust receive filters reported by guests.
        attr trust_guest_rx_filters, set_trust_guest_rx_filters: YesNo = "trustGuestRxFilters";
        /// VLAN tags.
        child vlan, vlan_or_create, remove_vlan: Vlan = "vlan";
        /// Virtual port profile.
        child virtualport, virtualport_or_create, remove_virtualport: VirtualPort = "virtualport";
        /// Quality of service.
        child bandwidth, bandwidth_or_create, remove_bandwidth: Bandwidth = "bandwidth";
    }
}
