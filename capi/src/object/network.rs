//! `GVirNetwork` and `GVirNetworkDHCPLease`.

use std::ffi::c_char;

use libvirt_gobject::{flags, Network, NetworkDHCPLease};

use crate::config::generated as cfg;
use crate::object::{arg_opt, cfn, get_types, new_config};

get_types! {
    gvir_network_get_type => Network;
    gvir_network_handle_get_type => libvirt_gobject::handles::NetworkHandle;
    gvir_network_dhcp_lease_get_type => NetworkDHCPLease;
    gvir_ip_addr_type_get_type => flags::IPAddrType;
}

/// An empty string read as "absent" (the C library returns NULL there).
fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

cfn! {
    fn gvir_network_get_name(n: Network) -> str_none { Some(n.name()) }
    fn gvir_network_get_uuid(n: Network) -> str_none { Some(n.uuid()) }
    fn gvir_network_get_config(n: Network, _flags: u32; err) -> obj_full {
        new_config::<cfg::Network>("network", &n.xml()?)
    }
    fn gvir_network_get_dhcp_leases(n: Network, mac: *const c_char, _flags: u32; err) -> obj_list {
        // SAFETY: NULL or a C string per the C contract.
        let mac = unsafe { arg_opt(mac) };
        let mut v = n.dhcp_leases()?;
        if let Some(mac) = mac {
            v.retain(|l| l.mac().eq_ignore_ascii_case(&mac));
        }
        Ok(v)
    }
    fn gvir_network_dhcp_lease_get_iface(l: NetworkDHCPLease) -> str_none { non_empty(l.iface()) }
    fn gvir_network_dhcp_lease_get_mac(l: NetworkDHCPLease) -> str_none { non_empty(l.mac()) }
    fn gvir_network_dhcp_lease_get_ip(l: NetworkDHCPLease) -> str_none { non_empty(l.ip()) }
    fn gvir_network_dhcp_lease_get_hostname(l: NetworkDHCPLease) -> str_none { non_empty(l.hostname()) }
    fn gvir_network_dhcp_lease_get_iaid(l: NetworkDHCPLease) -> str_none { non_empty(l.iaid()) }
    fn gvir_network_dhcp_lease_get_client_id(l: NetworkDHCPLease) -> str_none { non_empty(l.client_id()) }
    fn gvir_network_dhcp_lease_get_prefix(l: NetworkDHCPLease) -> num(u32) { l.prefix() }
    fn gvir_network_dhcp_lease_get_expiry_time(l: NetworkDHCPLease) -> num(i64) { l.expiry_time() }
    fn gvir_network_dhcp_lease_get_ip_type(l: NetworkDHCPLease) -> num(i32) { l.ip_type() }
}
