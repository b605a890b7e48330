//! `<interface>`: a network interface.

use super::{DeviceAcpi, DeviceAddress, DeviceAlias, DeviceBoot};
use crate::common::{Bandwidth, Route, VirtualPort, Vlan};
use crate::nwfilter::NwFilterRef;
use crate::value::{OnOff, YesNo};
use crate::{xml_element, xml_enum};

xml_enum! {
    /// How an interface connects to the host (`<interface type='...'>`).
    pub enum InterfaceType {
        /// A libvirt virtual network.
        Network = "network",
        /// A host bridge.
        Bridge = "bridge",
        /// Userspace (SLIRP/passt) networking.
        User = "user",
        /// A generic ethernet (tap) device.
        Ethernet = "ethernet",
        /// macvtap on a host interface.
        Direct = "direct",
        /// PCI pass-through of an SR-IOV VF.
        Hostdev = "hostdev",
        /// vhost-user.
        Vhostuser = "vhostuser",
        /// A multicast group.
        Mcast = "mcast",
        /// A TCP server.
        Server = "server",
        /// A TCP client.
        Client = "client",
        /// A UDP tunnel.
        Udp = "udp",
        /// vDPA.
        Vdpa = "vdpa",
        /// No host connection.
        Null = "null",
        /// VDS (vmware).
        Vds = "vds",
    }
}

xml_element! {
    /// `<devices><interface>`.
    pub struct DomainInterface = "interface", order = [
        "mac", "source", "vlan", "virtualport", "ip", "route", "script", "downscript",
        "backenddomain", "target", "guest", "model", "driver", "backend", "filterref", "tune",
        "teaming", "link", "mtu", "bandwidth", "coalesce", "portForward", "port", "boot", "rom",
        "alias", "acpi", "address",
    ] {
        /// How the interface connects to the host.
        attr iface_type, set_iface_type: InterfaceType = "type";
        /// Whether libvirt detaches the host device (`type='hostdev'`).
        attr managed, set_managed: YesNo = "managed";
        /// Whether the host trusts the guest's RX filter reports.
        attr trust_guest_rx_filters, set_trust_guest_rx_filters: YesNo = "trustGuestRxFilters";
        /// MAC address.
        child_attr mac_address, set_mac_address: String = "mac" / "address";
        /// Whether the MAC address was `generated` or given (`static`).
        child_attr mac_type, set_mac_type: String = "mac" / "type";
        /// Whether the MAC address is checked.
        child_attr mac_check, set_mac_check: YesNo = "mac" / "check";
        /// What the interface connects to on the host.
        child source, source_or_create, remove_source: InterfaceSource = "source";
        /// VLAN tags.
        child vlan, vlan_or_create, remove_vlan: Vlan = "vlan";
        /// Virtual port profile (Open vSwitch, 802.1Qbg/bh, midonet).
        child virtualport, virtualport_or_create, remove_virtualport: VirtualPort = "virtualport";
        /// Guest-side IP addresses (containers, passt).
        children ips, add_ip, remove_ip: InterfaceIp = "ip";
        /// Guest-side routes.
        children routes, add_route, remove_route: Route = "route";
        /// Script run when the interface is set up.
        child_attr script_path, set_script_path: String = "script" / "path";
        /// Script run when the interface is torn down.
        child_attr downscript_path, set_downscript_path: String = "downscript" / "path";
        /// Xen backend domain.
        child_attr backend_domain, set_backend_domain: String = "backenddomain" / "name";
        /// Host-side device name.
        child_attr target_dev, set_target_dev: String = "target" / "dev";
        /// Whether libvirt creates the host-side tap device.
        child_attr target_managed, set_target_managed: YesNo = "target" / "managed";
        /// Device name inside a container.
        child_attr guest_dev, set_guest_dev: String = "guest" / "dev";
        /// Actual device name inside a container.
        child_attr guest_actual, set_guest_actual: String = "guest" / "actual";
        /// Guest device model (`virtio`, `e1000`, ...).
        child_attr model_type, set_model_type: String = "model" / "type";
        /// Backend driver options.
        child driver, driver_or_create, remove_driver: InterfaceDriver = "driver";
        /// Backend type (`default`, `passt`).
        child_attr backend_type, set_backend_type: String = "backend" / "type";
        /// tun device path.
        child_attr backend_tap, set_backend_tap: String = "backend" / "tap";
        /// vhost-net device path.
        child_attr backend_vhost, set_backend_vhost: String = "backend" / "vhost";
        /// passt log file.
        child_attr backend_log_file, set_backend_log_file: String = "backend" / "logFile";
        /// Network filter.
        child filterref, filterref_or_create, remove_filterref: NwFilterRef = "filterref";
        /// Tap tuning.
        child tune, tune_or_create, remove_tune: InterfaceTune = "tune";
        /// Failover teaming type (`persistent`, `transient`).
        child_attr teaming_type, set_teaming_type: String = "teaming" / "type";
        /// Alias of the persistent team member.
        child_attr teaming_persistent, set_teaming_persistent: String = "teaming" / "persistent";
        /// Link state (`up`, `down`).
        child_attr link_state, set_link_state: String = "link" / "state";
        /// MTU.
        child_attr mtu_size, set_mtu_size: u32 = "mtu" / "size";
        /// Quality of service.
        child bandwidth, bandwidth_or_create, remove_bandwidth: Bandwidth = "bandwidth";
        /// Interrupt coalescing.
        child coalesce, coalesce_or_create, remove_coalesce: InterfaceCoalesce = "coalesce";
        /// Forwarded ports (passt).
        children port_forwards, add_port_forward, remove_port_forward: InterfacePortForward = "portForward";
        /// Whether the port is isolated from other isolated ports.
        child_attr port_isolated, set_port_isolated: YesNo = "port" / "isolated";
        /// Per-device boot order.
        child boot, boot_or_create, remove_boot: DeviceBoot = "boot";
        /// Whether the option ROM BAR is visible.
        child_attr rom_bar, set_rom_bar: OnOff = "rom" / "bar";
        /// Whether the option ROM is loaded.
        child_attr rom_enabled, set_rom_enabled: YesNo = "rom" / "enabled";
        /// Option ROM file.
        child_attr rom_file, set_rom_file: String = "rom" / "file";
        /// Device alias.
        child alias, alias_or_create, remove_alias: DeviceAlias = "alias";
        /// ACPI index.
        child acpi, acpi_or_create, remove_acpi: DeviceAcpi = "acpi";
        /// Guest bus address.
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}

xml_element! {
    /// `<interface><source>`: what the interface connects to; which
    /// attributes apply depends on the interface type.
    pub struct InterfaceSource = "source", order = ["address", "local", "ip", "route", "reconnect"] {
        /// Virtual network (`network`).
        attr network, set_network: String = "network";
        /// Port group of the network (`network`).
        attr portgroup, set_portgroup: String = "portgroup";
        /// Port UUID in the network (`network`).
        attr portid, set_portid: String = "portid";
        /// Host bridge (`bridge`).
        attr bridge, set_bridge: String = "bridge";
        /// Host device (`direct`) or vDPA device (`vdpa`).
        attr dev, set_dev: String = "dev";
        /// macvtap mode (`vepa`, `bridge`, `private`, `passthrough`), or socket
        /// role (`server`, `client`) for `vhostuser`.
        attr mode, set_mode: String = "mode";
        /// Socket type (`unix`) for `vhostuser`.
        attr source_type, set_source_type: String = "type";
        /// Socket path (`vhostuser`).
        attr path, set_path: String = "path";
        /// IP address (`mcast`, `server`, `client`, `udp`).
        attr address_ip, set_address_ip: String = "address";
        /// Port (`mcast`, `server`, `client`, `udp`).
        attr port, set_port: u16 = "port";
        /// vSphere switch id (`vds`).
        attr switchid, set_switchid: String = "switchid";
        /// vSphere port group id (`vds`).
        attr portgroupid, set_portgroupid: String = "portgroupid";
        /// vSphere connection id (`vds`).
        attr connectionid, set_connectionid: String = "connectionid";
        /// Host PCI address (`hostdev`).
        child address, address_or_create, remove_address: DeviceAddress = "address";
        /// Local address (`udp`).
        child_attr local_address, set_local_address: String = "local" / "address";
        /// Local port (`udp`).
        child_attr local_port, set_local_port: u16 = "local" / "port";
        /// Host-side IP addresses (`ethernet`).
        children ips, add_ip, remove_ip: InterfaceIp = "ip";
        /// Host-side routes (`ethernet`).
        children routes, add_route, remove_route: Route = "route";
        /// Whether to reconnect (`vhostuser` client).
        child_attr reconnect_enabled, set_reconnect_enabled: YesNo = "reconnect" / "enabled";
        /// Reconnect timeout in seconds.
        child_attr reconnect_timeout, set_reconnect_timeout: u32 = "reconnect" / "timeout";
    }
}

xml_element! {
    /// `<interface><tune>`: tap device tuning.
    pub struct InterfaceTune = "tune", order = ["sndbuf"] {
        /// Send-buffer size in bytes (0: unlimited).
        child_text sndbuf, set_sndbuf: u64 = "sndbuf";
    }
}

xml_element! {
    /// `<ip>`: an IP address of an interface.
    pub struct InterfaceIp = "ip" {
        /// Address.
        attr address, set_address: String = "address";
        /// Family (`ipv4`, `ipv6`).
        attr family, set_family: String = "family";
        /// Prefix length.
        attr prefix, set_prefix: u32 = "prefix";
        /// Peer address.
        attr peer, set_peer: String = "peer";
    }
}

xml_element! {
    /// `<interface><driver>`: backend options.
    pub struct InterfaceDriver = "driver", order = ["host", "guest"] {
        /// Backend (`qemu`, `vhost`, `vfio`, `kvm`).
        attr name, set_name: String = "name";
        /// TX mode (`iothread`, `timer`).
        attr txmode, set_txmode: String = "txmode";
        /// virtio ioeventfd.
        attr ioeventfd, set_ioeventfd: OnOff = "ioeventfd";
        /// virtio event index.
        attr event_idx, set_event_idx: OnOff = "event_idx";
        /// Number of queue pairs.
        attr queues, set_queues: i32 = "queues";
        /// RX queue size.
        attr rx_queue_size, set_rx_queue_size: u32 = "rx_queue_size";
        /// TX queue size.
        attr tx_queue_size, set_tx_queue_size: u32 = "tx_queue_size";
        /// Receive-side scaling.
        attr rss, set_rss: OnOff = "rss";
        /// RSS hash report.
        attr rss_hash_report, set_rss_hash_report: OnOff = "rss_hash_report";
        /// virtio IOMMU platform.
        attr iommu, set_iommu: OnOff = "iommu";
        /// virtio Address Translation Services.
        attr ats, set_ats: OnOff = "ats";
        /// virtio packed virtqueues.
        attr packed, set_packed: OnOff = "packed";
        /// virtio page-per-vq notification.
        attr page_per_vq, set_page_per_vq: OnOff = "page_per_vq";
        /// Host offloads.
        child host, host_or_create, remove_host: InterfaceDriverHost = "host";
        /// Guest offloads.
        child guest, guest_or_create, remove_guest: InterfaceDriverGuest = "guest";
    }
}

xml_element! {
    /// `<driver><host>`: host-side offloads.
    pub struct InterfaceDriverHost = "host" {
        /// Checksum offload.
        attr csum, set_csum: OnOff = "csum";
        /// Generic segmentation offload.
        attr gso, set_gso: OnOff = "gso";
        /// TCP segmentation offload (IPv4).
        attr tso4, set_tso4: OnOff = "tso4";
        /// TCP segmentation offload (IPv6).
        attr tso6, set_tso6: OnOff = "tso6";
        /// TSO with ECN.
        attr ecn, set_ecn: OnOff = "ecn";
        /// UDP fragmentation offload.
        attr ufo, set_ufo: OnOff = "ufo";
        /// Mergeable RX buffers.
        attr mrg_rxbuf, set_mrg_rxbuf: OnOff = "mrg_rxbuf";
    }
}

xml_element! {
    /// `<driver><guest>`: guest-side offloads.
    pub struct InterfaceDriverGuest = "guest" {
        /// Checksum offload.
        attr csum, set_csum: OnOff = "csum";
        /// TCP segmentation offload (IPv4).
        attr tso4, set_tso4: OnOff = "tso4";
        /// TCP segmentation offload (IPv6).
        attr tso6, set_tso6: OnOff = "tso6";
        /// TSO with ECN.
        attr ecn, set_ecn: OnOff = "ecn";
        /// UDP fragmentation offload.
        attr ufo, set_ufo: OnOff = "ufo";
    }
}

xml_element! {
    /// `<coalesce>`: interrupt coalescing.
    pub struct InterfaceCoalesce = "coalesce", order = ["rx"] {
        /// Receive side.
        child rx, rx_or_create, remove_rx: InterfaceCoalesceRx = "rx";
    }
}

xml_element! {
    /// `<coalesce><rx>`: receive-side coalescing.
    pub struct InterfaceCoalesceRx = "rx", order = ["frames"] {
        /// Maximum frames per interrupt.
        child_attr frames_max, set_frames_max: u32 = "frames" / "max";
    }
}

xml_element! {
    /// `<portForward>`: ports forwarded to the guest (passt).
    pub struct InterfacePortForward = "portForward", order = ["range"] {
        /// Protocol (`tcp`, `udp`).
        attr proto, set_proto: String = "proto";
        /// Host address to listen on.
        attr address, set_address: String = "address";
        /// Host interface to listen on.
        attr dev, set_dev: String = "dev";
        /// Port ranges.
        children ranges, add_range, remove_range: PortForwardRange = "range";
    }
}

xml_element! {
    /// `<portForward><range>`: a forwarded port range.
    pub struct PortForwardRange = "range" {
        /// First port.
        attr start, set_start: u16 = "start";
        /// Last port.
        attr end, set_end: u16 = "end";
        /// Guest port the first port maps to.
        attr to, set_to: u16 = "to";
        /// Whether the range is excluded.
        attr exclude, set_exclude: YesNo = "exclude";
    }
}
