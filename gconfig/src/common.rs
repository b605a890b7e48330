//! Views of elements that several documents share: `<vlan>`, `<virtualport>`,
//! `<bandwidth>`, `<route>` (network, network port and domain interface),
//! the per-device `<seclabel>`, `<encryption>` and `<secret>` references, and
//! the iSCSI `<initiator>` (domain disks and host devices, storage pools and
//! volumes, backups).
//!
//! Each element has one view, used by every parent that contains it.

use crate::value::{Uuid, YesNo};
use crate::{xml_element, xml_enum};

xml_enum! {
    /// An address family (`family='ipv4'`).
    pub enum AddressFamily {
        /// IPv4.
        Ipv4 = "ipv4",
        /// IPv6.
        Ipv6 = "ipv6",
    }
}

xml_enum! {
    /// The type of a `<virtualport>`.
    pub enum VirtualPortType {
        /// IEEE 802.1Qbg (VEPA).
        Qbg = "802.1Qbg",
        /// IEEE 802.1Qbh (VN-Link).
        Qbh = "802.1Qbh",
        /// Open vSwitch.
        Openvswitch = "openvswitch",
        /// MidoNet.
        Midonet = "midonet",
    }
}

xml_enum! {
    /// How a VLAN tag applies on a trunk port (`<tag nativeMode='...'>`).
    pub enum VlanNativeMode {
        /// Tagged.
        Tagged = "tagged",
        /// Untagged.
        Untagged = "untagged",
    }
}

xml_element! {
    /// `<vlan>`: VLAN tagging of a network, port group, network port or
    /// domain interface.
    pub struct Vlan = "vlan", order = ["tag"] {
        /// Trunk port.
        attr trunk, set_trunk: YesNo = "trunk";
        /// Tags.
        children tags, add_tag, remove_tag: VlanTag = "tag";
    }
}

xml_element! {
    /// `<vlan><tag>`: one VLAN tag.
    pub struct VlanTag = "tag" {
        /// VLAN id.
        attr id, set_id: u32 = "id";
        /// Native mode on a trunk.
        attr native_mode, set_native_mode: VlanNativeMode = "nativeMode";
    }
}

xml_element! {
    /// `<virtualport>`: a virtual port profile (Open vSwitch, 802.1Qbg/bh,
    /// MidoNet) of a network, port group, network port or domain interface.
    pub struct VirtualPort = "virtualport", order = ["parameters"] {
        /// Port type.
        attr port_type, set_port_type: VirtualPortType = "type";
        /// Parameters of the profile.
        child parameters, parameters_or_create, remove_parameters: VirtualPortParameters = "parameters";
    }
}

xml_element! {
    /// `<virtualport><parameters>`.
    pub struct VirtualPortParameters = "parameters" {
        /// VSI manager id (802.1Qbg).
        attr manager_id, set_manager_id: u8 = "managerid";
        /// VSI type id (802.1Qbg).
        attr type_id, set_type_id: u32 = "typeid";
        /// VSI type id version (802.1Qbg).
        attr type_id_version, set_type_id_version: u8 = "typeidversion";
        /// VSI instance UUID (802.1Qbg, 802.1Qbh).
        attr instance_id, set_instance_id: Uuid = "instanceid";
        /// Port profile (802.1Qbh, Open vSwitch).
        attr profile_id, set_profile_id: String = "profileid";
        /// Interface UUID (Open vSwitch, MidoNet).
        attr interface_id, set_interface_id: Uuid = "interfaceid";
    }
}

xml_element! {
    /// `<bandwidth>`: quality of service, inbound and outbound.
    pub struct Bandwidth = "bandwidth", order = ["inbound", "outbound"] {
        /// Class id (live status of a network).
        attr class_id, set_class_id: u32 = "classID";
        /// Incoming traffic (to the guest).
        child inbound, inbound_or_create, remove_inbound: BandwidthRate = "inbound";
        /// Outgoing traffic (from the guest).
        child outbound, outbound_or_create, remove_outbound: BandwidthRate = "outbound";
    }
}

xml_element! {
    /// `<inbound>` / `<outbound>`: traffic shaping of one direction.
    pub struct BandwidthRate = "inbound" {
        /// Average rate, KiB/s.
        attr average, set_average: u64 = "average";
        /// Peak rate, KiB/s.
        attr peak, set_peak: u64 = "peak";
        /// Guaranteed rate, KiB/s (inbound).
        attr floor, set_floor: u64 = "floor";
        /// Burst size, KiB.
        attr burst, set_burst: u64 = "burst";
    }
}

xml_element! {
    /// `<route>`: a static route of a network or domain interface.
    pub struct Route = "route" {
        /// Address family.
        attr family, set_family: AddressFamily = "family";
        /// Destination network.
        attr address, set_address: String = "address";
        /// IPv4 netmask.
        attr netmask, set_netmask: String = "netmask";
        /// Prefix length.
        attr prefix, set_prefix: u32 = "prefix";
        /// Gateway.
        attr gateway, set_gateway: String = "gateway";
        /// Metric.
        attr metric, set_metric: u32 = "metric";
    }
}

xml_element! {
    /// `<seclabel>` of a device source (disk, character device, snapshot or
    /// backup target): a per-device security label override.
    pub struct DeviceSeclabel = "seclabel", order = ["label"] {
        /// Security driver (`selinux`, `dac`, ...).
        attr model, set_model: String = "model";
        /// Whether libvirt relabels the resource.
        attr relabel, set_relabel: YesNo = "relabel";
        /// Whether labelling was skipped (live XML).
        attr labelskip, set_labelskip: YesNo = "labelskip";
        /// The label.
        child_text label, set_label: String = "label";
    }
}

xml_element! {
    /// `<secret>`: a reference to a libvirt secret, by UUID or usage.
    pub struct SecretRef = "secret" {
        /// Secret type (`ceph`, `iscsi`, `passphrase`, ...).
        attr secret_type, set_secret_type: String = "type";
        /// Secret UUID.
        attr uuid, set_uuid: Uuid = "uuid";
        /// Secret usage name.
        attr usage, set_usage: String = "usage";
    }
}

xml_element! {
    /// `<encryption>`: encryption of a disk, volume or backup image.
    pub struct Encryption = "encryption", order = ["secret", "cipher", "ivgen"] {
        /// Format (`default`, `qcow`, `luks`, `luks2`, `luks-any`).
        attr format, set_format: String = "format";
        /// Who decrypts (`qemu`, `librbd`).
        attr engine, set_engine: String = "engine";
        /// Secrets.
        children secrets, add_secret, remove_secret: SecretRef = "secret";
        /// Cipher name (`aes`, `serpent`, ...).
        child_attr cipher_name, set_cipher_name: String = "cipher" / "name";
        /// Cipher key size in bits.
        child_attr cipher_size, set_cipher_size: u32 = "cipher" / "size";
        /// Cipher mode (`cbc`, `xts`, ...).
        child_attr cipher_mode, set_cipher_mode: String = "cipher" / "mode";
        /// Cipher hash.
        child_attr cipher_hash, set_cipher_hash: String = "cipher" / "hash";
        /// IV generator name.
        child_attr ivgen_name, set_ivgen_name: String = "ivgen" / "name";
        /// IV generator hash.
        child_attr ivgen_hash, set_ivgen_hash: String = "ivgen" / "hash";
    }
}

xml_element! {
    /// `<initiator>`: the iSCSI initiator of a disk, host device or pool.
    pub struct IscsiInitiator = "initiator", order = ["iqn"] {
        /// Initiator IQN.
        child_attr iqn_name, set_iqn_name: String = "iqn" / "name";
    }
}
