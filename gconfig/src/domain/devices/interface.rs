//! `<interface>`: a network interface.

use super::{DeviceAcpi, DeviceAddress, DeviceAlias, DeviceBoot};
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
        "teaming", "link", "mtu", "bandwidth", "coalesce", "portForward", "boot", "rom", "alias",
        "acpi", "address",
    ] {
        /// How the interface connects to the host.
        attr iface_type, set_iface_type: InterfaceType = "type";
        /// MAC address.
        child_attr mac_address, set_mac_address: String = "mac" / "address";
        /// Virtual network name (`type='network'`).
        child_attr source_network, set_source_network: String = "source" / "network";
        /// Host bridge (`type='bridge'`).
        child_attr source_bridge, set_source_bridge: String = "source" / "bridge";
        /// Host device (`type='direct'`).
        child_attr source_dev, set_source_dev: String = "source" / "dev";
        /// macvtap mode (`type='direct'`).
        child_attr source_mode, set_source_mode: String = "source" / "mode";
        /// Host-side device name.
        child_attr target_dev, set_target_dev: String = "target" / "dev";
        /// Guest device model (`virtio`, `e1000`, ...).
        child_attr model_type, set_model_type: String = "model" / "type";
        /// Per-device boot order.
        child boot, boot_or_create, remove_boot: DeviceBoot = "boot";
        /// ACPI index.
        child acpi, acpi_or_create, remove_acpi: DeviceAcpi = "acpi";
        /// Device alias.
        child alias, alias_or_create, remove_alias: DeviceAlias = "alias";
        /// Guest bus address.
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}
