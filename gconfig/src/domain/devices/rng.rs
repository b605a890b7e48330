//! `<rng>`: a random number generator.

use super::address::{DeviceAcpi, DeviceAddress, DeviceAlias};
use crate::{xml_element, xml_enum};

use super::chardev::{ChardevProtocol, ChardevSourceType, DomainChardevSource};
use super::virtio::{DomainVirtioDriver, VirtioModel};

xml_enum! {
    /// Where the random numbers come from (`<backend model='...'>`).
    pub enum RngBackendModel {
        /// A host device such as `/dev/urandom` (the element's text).
        Random = "random",
        /// An EGD daemon over a character device.
        Egd = "egd",
        /// The hypervisor's own generator.
        Builtin = "builtin",
    }
}

xml_element! {
    /// `<devices><rng>`: a random number generator.
    pub struct DomainRng = "rng", order = [
        "rate", "backend", "driver", "alias", "acpi", "address",
    ] {
        /// The model.
        attr model, set_model: VirtioModel = "model";
        /// Bytes the guest may read per period.
        child_attr rate_bytes, set_rate_bytes: u64 = "rate" / "bytes";
        /// The period in milliseconds.
        child_attr rate_period, set_rate_period: u64 = "rate" / "period";
        /// Where the random numbers come from.
        child backend, backend_or_create, remove_backend: DomainRngBackend = "backend";
        /// virtio transport options.
        child driver, driver_or_create, remove_driver: DomainVirtioDriver = "driver";
        /// ACPI settings.
        child acpi, acpi_or_create, remove_acpi: DeviceAcpi = "acpi";
        /// Device alias.
        child alias, alias_or_create, remove_alias: DeviceAlias = "alias";
        /// Guest bus address.
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}

xml_element! {
    /// `<rng><backend>`.
    pub struct DomainRngBackend = "backend", order = ["source", "protocol"] {
        /// Kind of backend.
        attr model, set_model: RngBackendModel = "model";
        /// Host device (`random`), e.g. `/dev/urandom`. Only for `random`: the
        /// other models have child elements, which setting this replaces.
        text device, set_device: String;
        /// Character device type (`egd`).
        attr source_type, set_source_type: ChardevSourceType = "type";
        /// Character device host side (`egd`).
        children sources, add_source, remove_source: DomainChardevSource = "source";
        /// Wire protocol (`egd` over `tcp`).
        child_attr protocol, set_protocol: ChardevProtocol = "protocol" / "type";
    }
}
