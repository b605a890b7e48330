//! The `<device>` document: a host (node) device as libvirt's node device
//! API describes it.
//!
//! ```text
//! NodeDevice                    <device>
//! ├── NodeDevDevnode              <devnode>
//! ├── NodeDevDriver               <driver>
//! └── NodeDevCapability           <capability type='pci|usb_device|net|storage|...'>
//!     ├── NodeDevHardware           <hardware>
//!     ├── NodeDevFirmware           <firmware>
//!     ├── NodeDevIommuGroup         <iommuGroup>  (NodeDevPciAddress)
//!     ├── NodeDevPciExpress         <pci-express>  (NodeDevPciLink)
//!     ├── NodeDevNetFeature         <feature>
//!     ├── NodeDevMdevAttr           <attr>
//!     ├── NodeDevCcwAddress         <channel_dev_addr>
//!     └── NodeDevSubCapability      <capability type='virt_functions|mdev_types|vpd|fc_host|...'>
//!         ├── NodeDevPciAddress       <address>
//!         ├── NodeDevMdevType         <type>
//!         └── NodeDevVpdFields        <fields>  (NodeDevVpdField)
//! ```
//!
//! One [`NodeDevCapability`] view serves every capability type: the
//! properties of the other types are simply absent.

use std::borrow::Cow;

use crate::documents::document_type;
use crate::value::{Uuid, XmlValue};
use crate::{xml_element, xml_enum};

/// A number libvirt reads in hexadecimal (vendor and product ids, the PCI
/// class): parsed in base 16 with or without a `0x` prefix, written as
/// `0x` and at least four hexadecimal digits (`0x15b3`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct HexU32(pub u32);

impl XmlValue for HexU32 {
    fn from_xml(s: &str) -> crate::Result<Self> {
        let v = crate::value::parse_hex(s)?;
        u32::try_from(v)
            .map(HexU32)
            .map_err(|_| crate::value::invalid(s, "a hexadecimal number of 32 bits"))
    }
    fn to_xml(&self) -> Cow<'_, str> {
        Cow::Owned(format!("0x{:04x}", self.0))
    }
}

xml_enum! {
    /// The kind of a device (`<capability type='...'>` of `<device>`).
    pub enum NodeDevCapType {
        /// The host system itself.
        System = "system",
        /// A PCI device.
        Pci = "pci",
        /// A USB device.
        UsbDevice = "usb_device",
        /// A USB interface.
        Usb = "usb",
        /// A network interface.
        Net = "net",
        /// A SCSI generic device.
        ScsiGeneric = "scsi_generic",
        /// A SCSI host adapter.
        ScsiHost = "scsi_host",
        /// A SCSI target.
        ScsiTarget = "scsi_target",
        /// A SCSI device.
        Scsi = "scsi",
        /// A storage device.
        Storage = "storage",
        /// A DRM (graphics) device.
        Drm = "drm",
        /// A mediated device.
        Mdev = "mdev",
        /// An s390 CCW device.
        Ccw = "ccw",
        /// An s390 subchannel.
        Css = "css",
        /// A vDPA device.
        Vdpa = "vdpa",
        /// An s390 AP card.
        ApCard = "ap_card",
        /// An s390 AP queue.
        ApQueue = "ap_queue",
        /// The s390 AP matrix.
        ApMatrix = "ap_matrix",
    }
}

xml_enum! {
    /// The kind of a nested capability (`<capability type='...'>` inside a capability).
    pub enum NodeDevSubCapType {
        /// The physical function of an SR-IOV virtual function.
        PhysFunction = "phys_function",
        /// The virtual functions of an SR-IOV physical function.
        VirtFunctions = "virt_functions",
        /// A PCI bridge.
        PciBridge = "pci-bridge",
        /// A CardBus bridge.
        CardbusBridge = "cardbus-bridge",
        /// Mediated device types the device supports.
        MdevTypes = "mdev_types",
        /// PCI vital product data.
        Vpd = "vpd",
        /// Ethernet (of a net device).
        Ethernet = "80203",
        /// Wireless (of a net device).
        Wireless = "80211",
        /// A Fibre Channel host adapter.
        FcHost = "fc_host",
        /// An adapter that can create virtual ports.
        VportOps = "vport_ops",
        /// A Fibre Channel remote port.
        FcRemotePort = "fc_remote_port",
        /// A hot-pluggable storage device.
        Hotpluggable = "hotpluggable",
        /// A storage device with removable media.
        Removable = "removable",
    }
}

xml_enum! {
    /// The kind of a device node (`<devnode type='...'>`).
    pub enum NodeDevDevnodeType {
        /// The device node itself.
        Dev = "dev",
        /// A symbolic link to it.
        Link = "link",
    }
}

xml_enum! {
    /// Which PCI Express link state a `<link>` gives.
    pub enum NodeDevLinkValidity {
        /// The link's capability (maximum).
        Cap = "cap",
        /// The link's current status.
        Sta = "sta",
    }
}

xml_element! {
    /// A host device, the `<device>` document of the node device API.
    pub struct NodeDevice = "device", order = ["name", "path", "devnode", "parent", "driver", "capability"] {
        /// The device name (`pci_0000_00_02_0`, ...).
        child_text name, set_name: String = "name";
        /// The sysfs path.
        child_text path, set_path: String = "path";
        /// Device nodes in `/dev` and links to them.
        children devnodes, add_devnode, remove_devnode: NodeDevDevnode = "devnode";
        /// Name of the parent device.
        child_text parent, set_parent: String = "parent";
        /// Parent adapter by WWNN (creating an NPIV vHBA).
        child_attr parent_wwnn, set_parent_wwnn: String = "parent" / "wwnn";
        /// Parent adapter by WWPN (creating an NPIV vHBA).
        child_attr parent_wwpn, set_parent_wwpn: String = "parent" / "wwpn";
        /// Parent adapter by fabric WWN (creating an NPIV vHBA).
        child_attr parent_fabric_wwn, set_parent_fabric_wwn: String = "parent" / "fabric_wwn";
        /// The bound driver.
        child driver, driver_or_create, remove_driver: NodeDevDriver = "driver";
        /// What the device is; usually one capability.
        children capabilities, add_capability, remove_capability: NodeDevCapability = "capability";
    }
}

document_type!(NodeDevice, "a node device");

xml_element! {
    /// `<device><devnode>`: a device node path.
    pub struct NodeDevDevnode = "devnode" {
        /// Node or link.
        attr devnode_type, set_devnode_type: NodeDevDevnodeType = "type";
        /// The path.
        text path, set_path: String;
    }
}

xml_element! {
    /// `<device><driver>`: the bound driver.
    pub struct NodeDevDriver = "driver" {
        /// Driver name.
        child_text name, set_name: String = "name";
    }
}

xml_element! {
    /// `<device><capability>`: what the device is, by `type`.
    pub struct NodeDevCapability = "capability", order = [
        "block", "interface", "address", "link", "feature", "host", "unique_id", "number",
        "class", "subclass", "protocol", "description", "domain", "bus", "target", "lun", "type",
        "slot", "function", "device", "drive_type", "model", "product", "vendor", "serial", "size",
        "logical_block_size", "num_blocks", "hardware", "firmware", "cssid", "ssid", "devno",
        "channel_dev_addr", "char", "chardev", "ap-adapter", "ap-domain", "capability",
        "iommuGroup", "uuid", "numa", "pci-express", "parent_addr", "attr",
    ] {
        /// The capability type.
        attr cap_type, set_cap_type: NodeDevCapType = "type";
        /// Product name (system, pci, usb_device).
        child_text product, set_product: String = "product";
        /// Product id (pci, usb_device).
        child_attr product_id, set_product_id: HexU32 = "product" / "id";
        /// Vendor name (pci, usb_device, storage).
        child_text vendor, set_vendor: String = "vendor";
        /// Vendor id (pci, usb_device).
        child_attr vendor_id, set_vendor_id: HexU32 = "vendor" / "id";
        /// Hardware of the system (system).
        child hardware, hardware_or_create, remove_hardware: NodeDevHardware = "hardware";
        /// Firmware of the system (system).
        child firmware, firmware_or_create, remove_firmware: NodeDevFirmware = "firmware";
        /// PCI device class, hexadecimal (pci).
        child_text pci_class, set_pci_class: HexU32 = "class";
        /// PCI domain (pci).
        child_text domain, set_domain: u32 = "domain";
        /// Bus: a number (pci, usb_device, scsi) or a name (storage: `scsi`, `usb`, ...).
        child_text bus, set_bus: String = "bus";
        /// PCI slot (pci).
        child_text slot, set_slot: u32 = "slot";
        /// PCI function (pci).
        child_text function, set_function: u32 = "function";
        /// Nested capabilities (pci, net, scsi_host, scsi_target, storage, css, ap_matrix).
        children capabilities, add_capability, remove_capability: NodeDevSubCapability = "capability";
        /// IOMMU group (pci, mdev).
        child iommu_group, iommu_group_or_create, remove_iommu_group: NodeDevIommuGroup = "iommuGroup";
        /// NUMA node (pci).
        child_attr numa_node, set_numa_node: i32 = "numa" / "node";
        /// PCI Express link (pci).
        child pci_express, pci_express_or_create, remove_pci_express: NodeDevPciExpress = "pci-express";
        /// USB device number (usb_device).
        child_text device, set_device: u32 = "device";
        /// Interface class, decimal (usb).
        child_text usb_class, set_usb_class: u32 = "class";
        /// Interface number (usb).
        child_text number, set_number: u32 = "number";
        /// Interface subclass (usb).
        child_text subclass, set_subclass: u32 = "subclass";
        /// Interface protocol (usb).
        child_text protocol, set_protocol: u32 = "protocol";
        /// Description (usb).
        child_text description, set_description: String = "description";
        /// Interface name (net).
        child_text interface, set_interface: String = "interface";
        /// MAC address (net).
        child_text address, set_address: String = "address";
        /// Link speed, Mbit/s (net).
        child_attr link_speed, set_link_speed: u32 = "link" / "speed";
        /// Link state (`up`, `down`, ...; net).
        child_attr link_state, set_link_state: String = "link" / "state";
        /// Offload features (net).
        children features, add_feature, remove_feature: NodeDevNetFeature = "feature";
        /// Device node of the SCSI generic device (scsi_generic).
        child_text char_dev, set_char_dev: String = "char";
        /// SCSI host number (scsi_host, scsi).
        child_text host, set_host: u32 = "host";
        /// Unique id of the SCSI host (scsi_host).
        child_text unique_id, set_unique_id: i32 = "unique_id";
        /// SCSI target: a name (scsi_target) or a number (scsi).
        child_text target, set_target: String = "target";
        /// SCSI LUN (scsi).
        child_text lun, set_lun: u32 = "lun";
        /// Type text: SCSI device type (scsi) or DRM node type (`primary`, `render`; drm).
        child_text type_name, set_type_name: String = "type";
        /// Mediated device type id (mdev).
        child_attr type_id, set_type_id: String = "type" / "id";
        /// Block device path (storage).
        child_text block, set_block: String = "block";
        /// Drive type (`disk`, `cdrom`, ...; storage).
        child_text drive_type, set_drive_type: String = "drive_type";
        /// Model (storage).
        child_text model, set_model: String = "model";
        /// Serial number (storage).
        child_text serial, set_serial: String = "serial";
        /// Size in bytes (storage).
        child_text size, set_size: u64 = "size";
        /// Logical block size in bytes (storage).
        child_text logical_block_size, set_logical_block_size: u64 = "logical_block_size";
        /// Number of blocks (storage).
        child_text num_blocks, set_num_blocks: u64 = "num_blocks";
        /// UUID (mdev).
        child_text uuid, set_uuid: Uuid = "uuid";
        /// Address of the parent device (mdev).
        child_text parent_addr, set_parent_addr: String = "parent_addr";
        /// Vendor attributes (mdev).
        children attrs, add_attr, remove_attr: NodeDevMdevAttr = "attr";
        /// Channel subsystem id (ccw, css).
        child_text cssid, set_cssid: u32 = "cssid";
        /// Subchannel set id (ccw, css).
        child_text ssid, set_ssid: u32 = "ssid";
        /// Device number (ccw, css).
        child_text devno, set_devno: u32 = "devno";
        /// Address of the device on the subchannel (css).
        child channel_dev_addr, channel_dev_addr_or_create, remove_channel_dev_addr: NodeDevCcwAddress = "channel_dev_addr";
        /// Character device (vdpa).
        child_text chardev, set_chardev: String = "chardev";
        /// AP adapter number (ap_card, ap_queue).
        child_text ap_adapter, set_ap_adapter: u32 = "ap-adapter";
        /// AP domain number (ap_queue).
        child_text ap_domain, set_ap_domain: u32 = "ap-domain";
    }
}

xml_element! {
    /// `<capability type='system'><hardware>`.
    pub struct NodeDevHardware = "hardware", order = ["vendor", "version", "serial", "uuid"] {
        /// Vendor.
        child_text vendor, set_vendor: String = "vendor";
        /// Version.
        child_text version, set_version: String = "version";
        /// Serial number.
        child_text serial, set_serial: String = "serial";
        /// System UUID.
        child_text uuid, set_uuid: Uuid = "uuid";
    }
}

xml_element! {
    /// `<capability type='system'><firmware>`.
    pub struct NodeDevFirmware = "firmware", order = ["vendor", "version", "release_date"] {
        /// Vendor.
        child_text vendor, set_vendor: String = "vendor";
        /// Version.
        child_text version, set_version: String = "version";
        /// Release date, as the firmware gives it.
        child_text release_date, set_release_date: String = "release_date";
    }
}

xml_element! {
    /// `<iommuGroup>`: the IOMMU group and the devices in it.
    pub struct NodeDevIommuGroup = "iommuGroup", order = ["address"] {
        /// Group number.
        attr number, set_number: u32 = "number";
        /// PCI addresses of the devices in the group.
        children addresses, add_address, remove_address: NodeDevPciAddress = "address";
    }
}

xml_element! {
    /// `<address domain bus slot function>`: a PCI address.
    pub struct NodeDevPciAddress = "address" {
        /// Domain.
        attr domain, set_domain: u32 = "domain";
        /// Bus.
        attr bus, set_bus: u32 = "bus";
        /// Slot.
        attr slot, set_slot: u32 = "slot";
        /// Function.
        attr function, set_function: u32 = "function";
    }
}

xml_element! {
    /// `<pci-express>`: the PCI Express link.
    pub struct NodeDevPciExpress = "pci-express", order = ["link"] {
        /// Capability and status of the link.
        children links, add_link, remove_link: NodeDevPciLink = "link";
    }
}

xml_element! {
    /// `<pci-express><link>`.
    pub struct NodeDevPciLink = "link" {
        /// Capability or status.
        attr validity, set_validity: NodeDevLinkValidity = "validity";
        /// Port number.
        attr port, set_port: u32 = "port";
        /// Speed in GT/s (`2.5`, `8`, ...).
        attr speed, set_speed: String = "speed";
        /// Number of lanes.
        attr width, set_width: u32 = "width";
    }
}

xml_element! {
    /// `<capability type='net'><feature>`: an offload feature.
    pub struct NodeDevNetFeature = "feature" {
        /// Feature name (`rx`, `tso`, ...).
        attr name, set_name: String = "name";
    }
}

xml_element! {
    /// `<capability type='mdev'><attr>`: a vendor attribute of a mediated device.
    pub struct NodeDevMdevAttr = "attr" {
        /// Attribute name.
        attr name, set_name: String = "name";
        /// Value.
        attr value, set_value: String = "value";
    }
}

xml_element! {
    /// `<channel_dev_addr>`: a CCW device address.
    pub struct NodeDevCcwAddress = "channel_dev_addr", order = ["cssid", "ssid", "devno"] {
        /// Channel subsystem id.
        child_text cssid, set_cssid: u32 = "cssid";
        /// Subchannel set id.
        child_text ssid, set_ssid: u32 = "ssid";
        /// Device number.
        child_text devno, set_devno: u32 = "devno";
    }
}

xml_element! {
    /// A nested `<capability>` of a device capability, by `type`.
    pub struct NodeDevSubCapability = "capability", order = [
        "name", "fields", "address", "type", "rport", "wwnn", "wwpn", "fabric_wwn",
        "max_vports", "vports", "media_available", "media_size", "media_label",
        "logical_block_size", "num_blocks",
    ] {
        /// The capability type.
        attr cap_type, set_cap_type: NodeDevSubCapType = "type";
        /// Maximum number of virtual functions (virt_functions).
        attr max_count, set_max_count: u32 = "maxCount";
        /// PCI addresses of the physical function or the virtual functions.
        children addresses, add_address, remove_address: NodeDevPciAddress = "address";
        /// Supported mediated device types (mdev_types).
        children types, add_type, remove_type: NodeDevMdevType = "type";
        /// Product name (vpd).
        child_text name, set_name: String = "name";
        /// Read-only and read-write fields (vpd).
        children fields, add_fields, remove_fields: NodeDevVpdFields = "fields";
        /// World wide node name (fc_host).
        child_text wwnn, set_wwnn: String = "wwnn";
        /// World wide port name (fc_host, fc_remote_port).
        child_text wwpn, set_wwpn: String = "wwpn";
        /// Fabric world wide name (fc_host).
        child_text fabric_wwn, set_fabric_wwn: String = "fabric_wwn";
        /// Remote port name (fc_remote_port).
        child_text rport, set_rport: String = "rport";
        /// Maximum number of virtual ports (vport_ops).
        child_text max_vports, set_max_vports: u32 = "max_vports";
        /// Virtual ports in use (vport_ops).
        child_text vports, set_vports: u32 = "vports";
        /// Whether media is present, `1` or `0` (removable).
        child_text media_available, set_media_available: u32 = "media_available";
        /// Media size in bytes (removable).
        child_text media_size, set_media_size: u64 = "media_size";
        /// Media label (removable).
        child_text media_label, set_media_label: String = "media_label";
        /// Logical block size in bytes (removable).
        child_text logical_block_size, set_logical_block_size: u64 = "logical_block_size";
        /// Number of blocks (removable).
        child_text num_blocks, set_num_blocks: u64 = "num_blocks";
    }
}

xml_element! {
    /// `<capability type='mdev_types'><type>`: a mediated device type.
    pub struct NodeDevMdevType = "type", order = ["name", "deviceAPI", "availableInstances"] {
        /// Type id.
        attr id, set_id: String = "id";
        /// Human-readable name.
        child_text name, set_name: String = "name";
        /// Device API (`vfio-pci`, `vfio-ccw`, `vfio-ap`).
        child_text device_api, set_device_api: String = "deviceAPI";
        /// How many more devices of this type can be created.
        child_text available_instances, set_available_instances: u32 = "availableInstances";
    }
}

xml_element! {
    /// `<capability type='vpd'><fields>`: read-only or read-write VPD fields.
    pub struct NodeDevVpdFields = "fields", order = [
        "change_level", "manufacture_id", "part_number", "serial_number", "asset_tag",
        "vendor_field", "system_field",
    ] {
        /// `readonly` or `readwrite`.
        attr access, set_access: String = "access";
        /// Engineering change level.
        child_text change_level, set_change_level: String = "change_level";
        /// Manufacture id.
        child_text manufacture_id, set_manufacture_id: String = "manufacture_id";
        /// Part number.
        child_text part_number, set_part_number: String = "part_number";
        /// Serial number.
        child_text serial_number, set_serial_number: String = "serial_number";
        /// Asset tag.
        child_text asset_tag, set_asset_tag: String = "asset_tag";
        /// Vendor-specific fields.
        children vendor_fields, add_vendor_field, remove_vendor_field: NodeDevVpdField = "vendor_field";
        /// System-specific fields.
        children system_fields, add_system_field, remove_system_field: NodeDevVpdField = "system_field";
    }
}

xml_element! {
    /// `<vendor_field>` / `<system_field>`: an indexed VPD field.
    pub struct NodeDevVpdField = "vendor_field" {
        /// Index (`0`-`9`, `A`-`Z`).
        attr index, set_index: String = "index";
        /// Value.
        text value, set_value: String;
    }
}
