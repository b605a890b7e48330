//! `<redirdev>` (USB redirection) and `<redirfilter>` (which USB devices may be redirected).

use super::{DeviceAddress, DeviceAlias, DeviceBoot};
use crate::value::YesNo;
use crate::xml_element;

xml_element! {
    /// `<devices><redirdev>`: a redirected USB device.
    pub struct DomainRedirdev = "redirdev", order = ["source", "protocol", "boot", "alias", "address"] {
        /// Bus (`usb`).
        attr bus, set_bus: String = "bus";
        /// Character device type (`spicevmc`, `tcp`, `unix`, `dbus`).
        attr redir_type, set_redir_type: String = "type";
        /// Where the redirected data flows.
        child source, source_or_create, remove_source: RedirSource = "source";
        /// Wire protocol of a TCP source (`raw`, `telnet`).
        child_attr protocol_type, set_protocol_type: String = "protocol" / "type";
        /// Per-device boot order.
        child boot, boot_or_create, remove_boot: DeviceBoot = "boot";
        /// Device alias.
        child alias, alias_or_create, remove_alias: DeviceAlias = "alias";
        /// Guest USB address.
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}

xml_element! {
    /// `<source>` of a character-device backed redirected device or smartcard.
    pub struct RedirSource = "source", order = ["reconnect"] {
        /// `connect` or `bind`.
        attr mode, set_mode: String = "mode";
        /// TCP host.
        attr host, set_host: String = "host";
        /// TCP port.
        attr service, set_service: String = "service";
        /// UNIX socket path.
        attr path, set_path: String = "path";
        /// D-Bus channel name (`dbus`).
        attr channel, set_channel: String = "channel";
        /// Whether to reconnect.
        child_attr reconnect_enabled, set_reconnect_enabled: YesNo = "reconnect" / "enabled";
        /// Reconnect timeout in seconds.
        child_attr reconnect_timeout, set_reconnect_timeout: u32 = "reconnect" / "timeout";
    }
}

xml_element! {
    /// `<devices><redirfilter>`: rules for USB redirection.
    pub struct DomainRedirFilter = "redirfilter", order = ["usbdev"] {
        /// Rules, first match wins.
        children usbdevs, add_usbdev, remove_usbdev: RedirFilterUsbdev = "usbdev";
    }
}

xml_element! {
    /// `<redirfilter><usbdev>`: one rule; `-1` (or absence) matches anything.
    pub struct RedirFilterUsbdev = "usbdev" {
        /// USB class (`0x08`).
        attr class, set_class: String = "class";
        /// Vendor id (`0x15E1`).
        attr vendor, set_vendor: String = "vendor";
        /// Product id (`0x2007`).
        attr product, set_product: String = "product";
        /// Device version (`1.09`).
        attr version, set_version: String = "version";
        /// Whether matching devices may be redirected.
        attr allow, set_allow: YesNo = "allow";
    }
}
