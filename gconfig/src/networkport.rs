//! The `<networkport>` document: a port of a virtual network.

use crate::common::{Bandwidth, VirtualPort, Vlan};
use crate::documents::document_type;
use crate::domain::DeviceAddress;
use crate::network::MacTableManager;
use crate::value::{Uuid, YesNo};
use crate::{xml_element, xml_enum};

xml_enum! {
    /// How a port is plugged into the host (`<plug type='...'>`).
    pub enum NetworkPortPlugType {
        /// A libvirt-managed bridge.
        Network = "network",
        /// A host bridge.
        Bridge = "bridge",
        /// macvtap on a host device.
        Direct = "direct",
        /// An assigned PCI VF.
        HostdevPci = "hostdev-pci",
    }
}

xml_element! {
    /// A network port, the `<networkport>` document.
    pub struct NetworkPort = "networkport", order = [
        "uuid", "owner", "group", "mac", "virtualport", "bandwidth", "vlan", "port", "rxfilters",
        "plug",
    ] {
        /// The port's UUID.
        child_text uuid, set_uuid: Uuid = "uuid";
        /// The owning domain.
        child owner, owner_or_create, remove_owner: NetworkPortOwner = "owner";
        /// Port group.
        child_text group, set_group: String = "group";
        /// MAC address of the guest interface.
        child_attr mac_address, set_mac_address: String = "mac" / "address";
        /// Virtual port profile.
        child virtualport, virtualport_or_create, remove_virtualport: VirtualPort = "virtualport";
        /// Quality of service.
        child bandwidth, bandwidth_or_create, remove_bandwidth: Bandwidth = "bandwidth";
        /// VLAN tags.
        child vlan, vlan_or_create, remove_vlan: Vlan = "vlan";
        /// Whether the port is isolated from other isolated ports.
        child_attr port_isolated, set_port_isolated: YesNo = "port" / "isolated";
        /// Trust receive filters reported by the guest.
        child_attr rxfilters_trust_guest, set_rxfilters_trust_guest: YesNo = "rxfilters" / "trustGuest";
        /// How the port is plugged in.
        child plug, plug_or_create, remove_plug: NetworkPortPlug = "plug";
    }
}

document_type!(NetworkPort, "a network port");

xml_element! {
    /// `<owner>`: the domain a port or filter binding belongs to.
    pub struct NetworkPortOwner = "owner", order = ["name", "uuid"] {
        /// Domain name.
        child_text name, set_name: String = "name";
        /// Domain UUID.
        child_text uuid, set_uuid: Uuid = "uuid";
    }
}

xml_element! {
    /// `<networkport><plug>`.
    pub struct NetworkPortPlug = "plug", order = ["driver", "address"] {
        /// Plug kind.
        attr plug_type, set_plug_type: NetworkPortPlugType = "type";
        /// Bridge (`network`, `bridge`).
        attr bridge, set_bridge: String = "bridge";
        /// Who manages the bridge's MAC table (`network`, `bridge`).
        attr mac_table_manager, set_mac_table_manager: MacTableManager = "macTableManager";
        /// Host device (`direct`).
        attr dev, set_dev: String = "dev";
        /// macvtap mode (`direct`).
        attr mode, set_mode: String = "mode";
        /// Whether libvirt detaches the device (`hostdev-pci`).
        attr managed, set_managed: YesNo = "managed";
        /// Assignment backend (`hostdev-pci`).
        child_attr driver_name, set_driver_name: String = "driver" / "name";
        /// PCI address of the device (`hostdev-pci`).
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}
