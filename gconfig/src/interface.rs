//! The `<interface>` document: a host network interface (netcf / NetworkManager
//! configuration), not a guest NIC (see [`DomainInterface`](crate::DomainInterface)).
//!
//! ```text
//! HostInterface               <interface>
//! ├── HostInterfaceProtocol     <protocol>  (HostInterfaceIp)
//! ├── HostInterfaceBridge       <bridge>  (HostInterface...)
//! ├── HostInterfaceBond         <bond>  (HostInterface...)
//! └── HostInterfaceVlan         <vlan>  (HostInterface)
//! ```

use crate::common::AddressFamily;
use crate::documents::document_type;
use crate::value::{OnOff, YesNo};
use crate::{xml_element, xml_enum};

xml_enum! {
    /// The kind of a host interface (`<interface type='...'>`).
    pub enum HostInterfaceType {
        /// A physical or plain interface.
        Ethernet = "ethernet",
        /// A bridge.
        Bridge = "bridge",
        /// A bond.
        Bond = "bond",
        /// A VLAN interface.
        Vlan = "vlan",
    }
}

xml_enum! {
    /// When an interface is brought up (`<start mode='...'>`).
    pub enum HostInterfaceStartMode {
        /// Manually.
        None = "none",
        /// At boot.
        Onboot = "onboot",
        /// On hotplug.
        Hotplug = "hotplug",
    }
}

xml_element! {
    /// A host network interface, the `<interface>` document (also used for the
    /// member interfaces of a bridge, bond or VLAN).
    pub struct HostInterface = "interface", order = [
        "start", "mtu", "protocol", "link", "mac", "bridge", "bond", "vlan",
    ] {
        /// Interface kind.
        attr iface_type, set_iface_type: HostInterfaceType = "type";
        /// Interface name.
        attr name, set_name: String = "name";
        /// When the interface is brought up.
        child_attr start_mode, set_start_mode: HostInterfaceStartMode = "start" / "mode";
        /// MTU.
        child_attr mtu, set_mtu: u32 = "mtu" / "size";
        /// IP configuration per address family.
        children protocols, add_protocol, remove_protocol: HostInterfaceProtocol = "protocol";
        /// Link speed in Mbit/s (live status).
        child_attr link_speed, set_link_speed: u64 = "link" / "speed";
        /// Link state (live status).
        child_attr link_state, set_link_state: String = "link" / "state";
        /// MAC address.
        child_attr mac_address, set_mac_address: String = "mac" / "address";
        /// Bridge settings and ports (`bridge`).
        child bridge, bridge_or_create, remove_bridge: HostInterfaceBridge = "bridge";
        /// Bond settings and members (`bond`).
        child bond, bond_or_create, remove_bond: HostInterfaceBond = "bond";
        /// VLAN tag and parent (`vlan`).
        child vlan, vlan_or_create, remove_vlan: HostInterfaceVlan = "vlan";
    }
}

document_type!(HostInterface, "a host interface");

xml_element! {
    /// `<protocol>`: addressing of one family.
    pub struct HostInterfaceProtocol = "protocol", order = ["autoconf", "dhcp", "ip", "route"] {
        /// `ipv4` or `ipv6`.
        attr family, set_family: AddressFamily = "family";
        /// IPv6 stateless autoconfiguration.
        flag autoconf, set_autoconf: bool = "autoconf";
        /// Whether DHCP is used.
        flag dhcp, set_dhcp: bool = "dhcp";
        /// Whether DHCP may set the DNS servers.
        child_attr dhcp_peerdns, set_dhcp_peerdns: YesNo = "dhcp" / "peerdns";
        /// Static addresses.
        children ips, add_ip, remove_ip: HostInterfaceIp = "ip";
        /// Default gateway.
        child_attr route_gateway, set_route_gateway: String = "route" / "gateway";
    }
}

xml_element! {
    /// `<protocol><ip>`: a static address.
    pub struct HostInterfaceIp = "ip" {
        /// Address.
        attr address, set_address: String = "address";
        /// Prefix length.
        attr prefix, set_prefix: u32 = "prefix";
    }
}

xml_element! {
    /// `<bridge>` of a bridge interface.
    pub struct HostInterfaceBridge = "bridge", order = ["interface"] {
        /// Spanning tree protocol.
        attr stp, set_stp: OnOff = "stp";
        /// Forward delay in seconds (may be fractional).
        attr delay, set_delay: String = "delay";
        /// Bridge ports.
        children interfaces, add_interface, remove_interface: HostInterface = "interface";
    }
}

xml_element! {
    /// `<bond>` of a bond interface.
    pub struct HostInterfaceBond = "bond", order = ["miimon", "arpmon", "interface"] {
        /// Bonding mode (`active-backup`, `802.3ad`, ...).
        attr mode, set_mode: String = "mode";
        /// MII link monitoring interval, ms.
        child_attr miimon_freq, set_miimon_freq: u32 = "miimon" / "freq";
        /// Delay before enabling a link, ms.
        child_attr miimon_updelay, set_miimon_updelay: u32 = "miimon" / "updelay";
        /// Delay before disabling a link, ms.
        child_attr miimon_downdelay, set_miimon_downdelay: u32 = "miimon" / "downdelay";
        /// Carrier detection (`ioctl`, `netif`).
        child_attr miimon_carrier, set_miimon_carrier: String = "miimon" / "carrier";
        /// ARP monitoring interval, ms.
        child_attr arpmon_interval, set_arpmon_interval: u32 = "arpmon" / "interval";
        /// ARP target address.
        child_attr arpmon_target, set_arpmon_target: String = "arpmon" / "target";
        /// ARP validation (`none`, `active`, `backup`, `all`).
        child_attr arpmon_validate, set_arpmon_validate: String = "arpmon" / "validate";
        /// Bond members.
        children interfaces, add_interface, remove_interface: HostInterface = "interface";
    }
}

xml_element! {
    /// `<vlan>` of a VLAN interface.
    pub struct HostInterfaceVlan = "vlan", order = ["interface"] {
        /// VLAN tag.
        attr tag, set_tag: u32 = "tag";
        /// The parent interface.
        child interface, interface_or_create, remove_interface: HostInterface = "interface";
    }
}
