//! `<smartcard>`: a CCID smartcard reader.

use super::{DeviceAddress, DeviceAlias, RedirSource};
use crate::xml_element;

xml_element! {
    /// `<devices><smartcard>`.
    pub struct DomainSmartcard = "smartcard", order = [
        "certificate", "database", "source", "protocol", "alias", "address",
    ] {
        /// `host`, `host-certificates` or `passthrough`.
        attr mode, set_mode: String = "mode";
        /// Character device type of `passthrough` (`spicevmc`, `tcp`, `unix`).
        attr card_type, set_card_type: String = "type";
        /// Certificates (`host-certificates`, three of them).
        children certificates, add_certificate, remove_certificate: SmartcardCertificate = "certificate";
        /// NSS database directory (`host-certificates`).
        child_text database, set_database: String = "database";
        /// Character device source (`passthrough`).
        child source, source_or_create, remove_source: RedirSource = "source";
        /// Wire protocol of a TCP source.
        child_attr protocol_type, set_protocol_type: String = "protocol" / "type";
        /// Device alias.
        child alias, alias_or_create, remove_alias: DeviceAlias = "alias";
        /// Guest CCID address.
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}

xml_element! {
    /// `<smartcard><certificate>`: a certificate name in the NSS database.
    pub struct SmartcardCertificate = "certificate" {
        /// Certificate name.
        text name, set_name: String;
    }
}
