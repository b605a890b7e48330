//! The `<filter>` document (a network filter), and the `<filterbinding>`
//! document with the filter references both share.
//!
//! ```text
//! NwFilter                    <filter>
//! ├── NwFilterRef               <filterref>  (NwFilterParameter)
//! └── NwFilterRule              <rule>
//!     ├── NwFilterL2              <mac>, <vlan>, <stp>, <arp>, <rarp>
//!     ├── NwFilterIpHeader        <ip>, <ipv6>
//!     └── NwFilterL4              <tcp>, <udp>, <sctp>, <icmp>, <igmp>, <all>, <esp>,
//!                                 <ah>, <udplite> and their `-ipv6` forms, <icmpv6>
//! NwFilterBinding             <filterbinding>
//! ```
//!
//! Most rule attributes may be a variable (`$IP`, `$MAC[@1]`) instead of a
//! literal value, so they are typed as `String`.

use crate::documents::document_type;
use crate::networkport::NetworkPortOwner;
use crate::value::{Uuid, YesNo};
use crate::view::XmlView;
use crate::{xml_element, xml_enum};

xml_enum! {
    /// What a rule does with matching traffic (`<rule action='...'>`).
    pub enum NwFilterAction {
        /// Drop the packet.
        Drop = "drop",
        /// Accept the packet.
        Accept = "accept",
        /// Reject the packet with an error.
        Reject = "reject",
        /// Stop evaluating this filter, go on with the calling one.
        Return = "return",
        /// Go on with the next rule.
        Continue = "continue",
    }
}

xml_enum! {
    /// Which traffic a rule applies to (`<rule direction='...'>`).
    pub enum NwFilterDirection {
        /// Incoming traffic (to the guest).
        In = "in",
        /// Outgoing traffic (from the guest).
        Out = "out",
        /// Both directions.
        Inout = "inout",
    }
}

xml_element! {
    /// A network filter, the `<filter>` document: rules and references to other filters.
    pub struct NwFilter = "filter", order = ["uuid", "filterref", "rule"] {
        /// The unique name.
        attr name, set_name: String = "name";
        /// The chain the filter goes in (`root`, `ipv4`, `arp-xyz`, ...).
        attr chain, set_chain: String = "chain";
        /// Priority of the filter in its chain (-1000 to 1000; lower first).
        attr priority, set_priority: i32 = "priority";
        /// The UUID.
        child_text uuid, set_uuid: Uuid = "uuid";
        /// Other filters included, with parameters.
        children filterrefs, add_filterref, remove_filterref: NwFilterRef = "filterref";
        /// The rules.
        children rules, add_rule, remove_rule: NwFilterRule = "rule";
    }
}

document_type!(NwFilter, "a network filter");

xml_element! {
    /// `<filter><rule>`: one rule; its single child names the protocol it matches.
    pub struct NwFilterRule = "rule" {
        /// What to do with matching traffic.
        attr action, set_action: NwFilterAction = "action";
        /// Which direction of traffic.
        attr direction, set_direction: NwFilterDirection = "direction";
        /// Priority of the rule (-1000 to 1000; lower first).
        attr priority, set_priority: i32 = "priority";
        /// `false` or `0` disables connection state matching.
        attr statematch, set_statematch: String = "statematch";
        /// `<mac>`: Ethernet header.
        child mac, mac_or_create, remove_mac: NwFilterL2 = "mac";
        /// `<vlan>`: 802.1Q VLAN.
        child vlan, vlan_or_create, remove_vlan: NwFilterL2 = "vlan";
        /// `<stp>`: spanning tree BPDUs.
        child stp, stp_or_create, remove_stp: NwFilterL2 = "stp";
        /// `<arp>`: ARP.
        child arp, arp_or_create, remove_arp: NwFilterL2 = "arp";
        /// `<rarp>`: RARP.
        child rarp, rarp_or_create, remove_rarp: NwFilterL2 = "rarp";
        /// `<ip>`: IPv4 header.
        child ip, ip_or_create, remove_ip: NwFilterIpHeader = "ip";
        /// `<ipv6>`: IPv6 header.
        child ipv6, ipv6_or_create, remove_ipv6: NwFilterIpHeader = "ipv6";
        /// `<tcp>` over IPv4.
        child tcp, tcp_or_create, remove_tcp: NwFilterL4 = "tcp";
        /// `<udp>` over IPv4.
        child udp, udp_or_create, remove_udp: NwFilterL4 = "udp";
        /// `<sctp>` over IPv4.
        child sctp, sctp_or_create, remove_sctp: NwFilterL4 = "sctp";
        /// `<icmp>` over IPv4.
        child icmp, icmp_or_create, remove_icmp: NwFilterL4 = "icmp";
        /// `<igmp>` over IPv4.
        child igmp, igmp_or_create, remove_igmp: NwFilterL4 = "igmp";
        /// `<all>` over IPv4.
        child all, all_or_create, remove_all: NwFilterL4 = "all";
        /// `<esp>` over IPv4.
        child esp, esp_or_create, remove_esp: NwFilterL4 = "esp";
        /// `<ah>` over IPv4.
        child ah, ah_or_create, remove_ah: NwFilterL4 = "ah";
        /// `<udplite>` over IPv4.
        child udplite, udplite_or_create, remove_udplite: NwFilterL4 = "udplite";
        /// `<tcp-ipv6>` over IPv6.
        child tcp_ipv6, tcp_ipv6_or_create, remove_tcp_ipv6: NwFilterL4 = "tcp-ipv6";
        /// `<udp-ipv6>` over IPv6.
        child udp_ipv6, udp_ipv6_or_create, remove_udp_ipv6: NwFilterL4 = "udp-ipv6";
        /// `<sctp-ipv6>` over IPv6.
        child sctp_ipv6, sctp_ipv6_or_create, remove_sctp_ipv6: NwFilterL4 = "sctp-ipv6";
        /// `<icmpv6>` over IPv6.
        child icmpv6, icmpv6_or_create, remove_icmpv6: NwFilterL4 = "icmpv6";
        /// `<all-ipv6>` over IPv6.
        child all_ipv6, all_ipv6_or_create, remove_all_ipv6: NwFilterL4 = "all-ipv6";
        /// `<esp-ipv6>` over IPv6.
        child esp_ipv6, esp_ipv6_or_create, remove_esp_ipv6: NwFilterL4 = "esp-ipv6";
        /// `<ah-ipv6>` over IPv6.
        child ah_ipv6, ah_ipv6_or_create, remove_ah_ipv6: NwFilterL4 = "ah-ipv6";
        /// `<udplite-ipv6>` over IPv6.
        child udplite_ipv6, udplite_ipv6_or_create, remove_udplite_ipv6: NwFilterL4 = "udplite-ipv6";
    }
}

impl NwFilterRule {
    /// The name of the protocol element of the rule (`tcp`, `mac`,
    /// `udp-ipv6`, ...), `None` for a rule without one.
    pub fn protocol(&self) -> Option<String> {
        let d = self.doc();
        let name = d
            .child_elements(self.node())
            .next()
            .map(|c| d.name(c).to_owned());
        name
    }
}

xml_element! {
    /// The layer 2 protocols of a rule: `<mac>`, `<vlan>`, `<stp>`, `<arp>`, `<rarp>`.
    ///
    /// Each element accepts the common match and MAC attributes plus its own:
    /// `protocolid` (mac), `vlanid`/`encap-protocol` (vlan), the `stp_*`
    /// attributes (stp, which has no destination MAC) and the `arp*`, `hwtype`,
    /// `opcode`, `protocoltype`, `gratuitous` attributes (arp, rarp).
    pub struct NwFilterL2 = "mac" {
        /// `no` inverts the match.
        attr matches, set_matches: YesNo = "match";
        /// Source MAC address.
        attr srcmacaddr, set_srcmacaddr: String = "srcmacaddr";
        /// Mask of the source MAC address.
        attr srcmacmask, set_srcmacmask: String = "srcmacmask";
        /// Destination MAC address.
        attr dstmacaddr, set_dstmacaddr: String = "dstmacaddr";
        /// Mask of the destination MAC address.
        attr dstmacmask, set_dstmacmask: String = "dstmacmask";
        /// Layer 3 protocol (`ipv4`, `arp`, `0x0800`, ...) of `<mac>`.
        attr protocolid, set_protocolid: String = "protocolid";
        /// VLAN id of `<vlan>`.
        attr vlanid, set_vlanid: String = "vlanid";
        /// Encapsulated protocol of `<vlan>`.
        attr encap_protocol, set_encap_protocol: String = "encap-protocol";
        /// BPDU type (`<stp>`).
        attr stp_bpdu_type, set_stp_bpdu_type: String = "type";
        /// BPDU flags (`<stp>`).
        attr stp_bpdu_flags, set_stp_bpdu_flags: String = "flags";
        /// STP root priority (`<stp>`).
        attr stp_root_priority, set_stp_root_priority: String = "root-priority";
        /// Upper end of the range of the STP root priority (`<stp>`).
        attr stp_root_priority_hi, set_stp_root_priority_hi: String = "root-priority-hi";
        /// STP root address (`<stp>`).
        attr stp_root_address, set_stp_root_address: String = "root-address";
        /// STP root address mask (`<stp>`).
        attr stp_root_address_mask, set_stp_root_address_mask: String = "root-address-mask";
        /// STP root cost (`<stp>`).
        attr stp_root_cost, set_stp_root_cost: String = "root-cost";
        /// Upper end of the range of the STP root cost (`<stp>`).
        attr stp_root_cost_hi, set_stp_root_cost_hi: String = "root-cost-hi";
        /// STP sender priority (`<stp>`).
        attr stp_sender_priority, set_stp_sender_priority: String = "sender-priority";
        /// Upper end of the range of the STP sender priority (`<stp>`).
        attr stp_sender_priority_hi, set_stp_sender_priority_hi: String = "sender-priority-hi";
        /// STP sender address (`<stp>`).
        attr stp_sender_address, set_stp_sender_address: String = "sender-address";
        /// STP sender address mask (`<stp>`).
        attr stp_sender_address_mask, set_stp_sender_address_mask: String = "sender-address-mask";
        /// STP port (`<stp>`).
        attr stp_port, set_stp_port: String = "port";
        /// Upper end of the range of the STP port (`<stp>`).
        attr stp_port_hi, set_stp_port_hi: String = "port-hi";
        /// STP age (`<stp>`).
        attr stp_age, set_stp_age: String = "age";
        /// Upper end of the range of the STP age (`<stp>`).
        attr stp_age_hi, set_stp_age_hi: String = "age-hi";
        /// STP max age (`<stp>`).
        attr stp_max_age, set_stp_max_age: String = "max-age";
        /// Upper end of the range of the STP max age (`<stp>`).
        attr stp_max_age_hi, set_stp_max_age_hi: String = "max-age-hi";
        /// STP hello time (`<stp>`).
        attr stp_hello_time, set_stp_hello_time: String = "hello-time";
        /// Upper end of the range of the STP hello time (`<stp>`).
        attr stp_hello_time_hi, set_stp_hello_time_hi: String = "hello-time-hi";
        /// STP forward delay (`<stp>`).
        attr stp_forward_delay, set_stp_forward_delay: String = "forward-delay";
        /// Upper end of the range of the STP forward delay (`<stp>`).
        attr stp_forward_delay_hi, set_stp_forward_delay_hi: String = "forward-delay-hi";
        /// Source MAC address in the ARP packet.
        attr arpsrcmacaddr, set_arpsrcmacaddr: String = "arpsrcmacaddr";
        /// Source IP address in the ARP packet.
        attr arpsrcipaddr, set_arpsrcipaddr: String = "arpsrcipaddr";
        /// Destination MAC address in the ARP packet.
        attr arpdstmacaddr, set_arpdstmacaddr: String = "arpdstmacaddr";
        /// Destination IP address in the ARP packet.
        attr arpdstipaddr, set_arpdstipaddr: String = "arpdstipaddr";
        /// Hardware type.
        attr hwtype, set_hwtype: String = "hwtype";
        /// Opcode (`Request`, `Reply`, ... or a number).
        attr opcode, set_opcode: String = "opcode";
        /// Protocol type.
        attr protocoltype, set_protocoltype: String = "protocoltype";
        /// Gratuitous ARP packets only.
        attr gratuitous, set_gratuitous: String = "gratuitous";
        /// A comment (kept in the firewall rule).
        attr comment, set_comment: String = "comment";
    }
}

xml_element! {
    /// The IP header protocols of a rule: `<ip>` and `<ipv6>` (ICMP type and
    /// code ranges: `<ipv6>` only).
    pub struct NwFilterIpHeader = "ip" {
        /// `no` inverts the match.
        attr matches, set_matches: YesNo = "match";
        /// Source MAC address.
        attr srcmacaddr, set_srcmacaddr: String = "srcmacaddr";
        /// Mask of the source MAC address.
        attr srcmacmask, set_srcmacmask: String = "srcmacmask";
        /// Destination MAC address.
        attr dstmacaddr, set_dstmacaddr: String = "dstmacaddr";
        /// Mask of the destination MAC address.
        attr dstmacmask, set_dstmacmask: String = "dstmacmask";
        /// Source IP address.
        attr srcipaddr, set_srcipaddr: String = "srcipaddr";
        /// Source netmask or prefix length.
        attr srcipmask, set_srcipmask: String = "srcipmask";
        /// Destination IP address.
        attr dstipaddr, set_dstipaddr: String = "dstipaddr";
        /// Destination netmask or prefix length.
        attr dstipmask, set_dstipmask: String = "dstipmask";
        /// First source port.
        attr srcportstart, set_srcportstart: String = "srcportstart";
        /// Last source port.
        attr srcportend, set_srcportend: String = "srcportend";
        /// First destination port.
        attr dstportstart, set_dstportstart: String = "dstportstart";
        /// Last destination port.
        attr dstportend, set_dstportend: String = "dstportend";
        /// Layer 4 protocol (`tcp`, `udp`, a number, ...).
        attr protocol, set_protocol: String = "protocol";
        /// Differentiated services code point (0-63).
        attr dscp, set_dscp: String = "dscp";
        /// ICMPv6 type (`<ipv6>`).
        attr icmp_type, set_icmp_type: String = "type";
        /// Last ICMPv6 type of a range.
        attr icmp_typeend, set_icmp_typeend: String = "typeend";
        /// ICMPv6 code.
        attr icmp_code, set_icmp_code: String = "code";
        /// Last ICMPv6 code of a range.
        attr icmp_codeend, set_icmp_codeend: String = "codeend";
        /// A comment (kept in the firewall rule).
        attr comment, set_comment: String = "comment";
    }
}

xml_element! {
    /// The layer 4 (and other IP payload) protocols of a rule: `<tcp>`, `<udp>`,
    /// `<sctp>`, `<icmp>`, `<igmp>`, `<all>`, `<esp>`, `<ah>`, `<udplite>`, their
    /// `-ipv6` forms and `<icmpv6>`.
    ///
    /// Ports: tcp, udp, sctp (and their IPv6 forms). `flags`: tcp. `type`, `code`:
    /// icmp, icmpv6. `connlimit-above`, `state`, `ipset`: IPv4 forms only.
    pub struct NwFilterL4 = "tcp" {
        /// `no` inverts the match.
        attr matches, set_matches: YesNo = "match";
        /// Source MAC address.
        attr srcmacaddr, set_srcmacaddr: String = "srcmacaddr";
        /// Source IP address.
        attr srcipaddr, set_srcipaddr: String = "srcipaddr";
        /// Source netmask or prefix length.
        attr srcipmask, set_srcipmask: String = "srcipmask";
        /// Destination IP address.
        attr dstipaddr, set_dstipaddr: String = "dstipaddr";
        /// Destination netmask or prefix length.
        attr dstipmask, set_dstipmask: String = "dstipmask";
        /// Start of the source address range.
        attr srcipfrom, set_srcipfrom: String = "srcipfrom";
        /// End of the source address range.
        attr srcipto, set_srcipto: String = "srcipto";
        /// Start of the destination address range.
        attr dstipfrom, set_dstipfrom: String = "dstipfrom";
        /// End of the destination address range.
        attr dstipto, set_dstipto: String = "dstipto";
        /// Differentiated services code point (0-63).
        attr dscp, set_dscp: String = "dscp";
        /// Match when the number of connections is above this (IPv4 only).
        attr connlimit_above, set_connlimit_above: String = "connlimit-above";
        /// Connection states (`NEW,ESTABLISHED,...`, IPv4 only).
        attr state, set_state: String = "state";
        /// Name of an IP set to match (IPv4 only).
        attr ipset, set_ipset: String = "ipset";
        /// Which addresses the IP set matches (`src,dst,...`).
        attr ipsetflags, set_ipsetflags: String = "ipsetflags";
        /// First source port.
        attr srcportstart, set_srcportstart: String = "srcportstart";
        /// Last source port.
        attr srcportend, set_srcportend: String = "srcportend";
        /// First destination port.
        attr dstportstart, set_dstportstart: String = "dstportstart";
        /// Last destination port.
        attr dstportend, set_dstportend: String = "dstportend";
        /// TCP flags, `mask/set` (`SYN,ACK/SYN`; `<tcp>`).
        attr tcp_flags, set_tcp_flags: String = "flags";
        /// ICMP type (`<icmp>`, `<icmpv6>`).
        attr icmp_type, set_icmp_type: String = "type";
        /// ICMP code.
        attr icmp_code, set_icmp_code: String = "code";
        /// A comment (kept in the firewall rule).
        attr comment, set_comment: String = "comment";
    }
}

xml_element! {
    /// A network filter binding, the `<filterbinding>` document: which filter
    /// applies to which port.
    pub struct NwFilterBinding = "filterbinding", order = ["owner", "portdev", "linkdev", "mac", "filterref"] {
        /// The owning domain.
        child owner, owner_or_create, remove_owner: NetworkPortOwner = "owner";
        /// The host-side port device.
        child_attr portdev, set_portdev: String = "portdev" / "name";
        /// The link device (macvtap parent).
        child_attr linkdev, set_linkdev: String = "linkdev" / "name";
        /// MAC address of the guest interface.
        child_attr mac_address, set_mac_address: String = "mac" / "address";
        /// The filter applied.
        child filterref, filterref_or_create, remove_filterref: NwFilterRef = "filterref";
    }
}

document_type!(NwFilterBinding, "a network filter binding");

xml_element! {
    /// `<filterref>`: a reference to a filter, with parameters.
    pub struct NwFilterRef = "filterref", order = ["parameter"] {
        /// Name of the referenced filter.
        attr filter, set_filter: String = "filter";
        /// Parameters passed to the filter.
        children parameters, add_parameter, remove_parameter: NwFilterParameter = "parameter";
    }
}

xml_element! {
    /// `<filterref><parameter>`.
    pub struct NwFilterParameter = "parameter" {
        /// Parameter name (`MAC`, `IP`, ...).
        attr name, set_name: String = "name";
        /// Value.
        attr value, set_value: String = "value";
    }
}
