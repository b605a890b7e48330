//! `<tpm>`: a TPM device.

use super::address::{DeviceAddress, DeviceAlias};
use crate::value::{Uuid, YesNo};
use crate::{xml_element, xml_enum};

xml_enum! {
    /// A TPM device model (`<tpm model='...'>`).
    pub enum TpmModel {
        /// TIS interface.
        TpmTis = "tpm-tis",
        /// CRB interface.
        TpmCrb = "tpm-crb",
        /// pSeries vTPM.
        TpmSpapr = "tpm-spapr",
        /// pSeries TPM proxy.
        SpaprTpmProxy = "spapr-tpm-proxy",
    }
}

xml_enum! {
    /// What implements a TPM (`<backend type='...'>`).
    pub enum TpmBackendType {
        /// A host TPM.
        Passthrough = "passthrough",
        /// An swtpm emulator started by libvirt.
        Emulator = "emulator",
        /// An emulator started by someone else, reached over a socket.
        External = "external",
    }
}

xml_enum! {
    /// TPM version (`<backend version='...'>`).
    pub enum TpmVersion {
        /// TPM 1.2.
        V1_2 = "1.2",
        /// TPM 2.0.
        V2_0 = "2.0",
    }
}

xml_element! {
    /// `<devices><tpm>`: a TPM.
    pub struct DomainTpm = "tpm", order = ["backend", "alias", "acpi", "address"] {
        /// The model.
        attr model, set_model: TpmModel = "model";
        /// What implements it.
        child backend, backend_or_create, remove_backend: DomainTpmBackend = "backend";
        /// Device alias.
        child alias, alias_or_create, remove_alias: DeviceAlias = "alias";
        /// Guest bus address.
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}

xml_element! {
    /// `<tpm><backend>`.
    pub struct DomainTpmBackend = "backend", order = [
        "device", "source", "encryption", "active_pcr_banks", "profile",
    ] {
        /// What implements the TPM.
        attr backend_type, set_backend_type: TpmBackendType = "type";
        /// TPM version (`emulator`).
        attr version, set_version: TpmVersion = "version";
        /// Keep the state when the domain is undefined (`emulator`).
        attr persistent_state, set_persistent_state: YesNo = "persistent_state";
        /// swtpm debug level (`emulator`).
        attr debug, set_debug: u32 = "debug";
        /// Host TPM device (`passthrough`), e.g. `/dev/tpm0`.
        child_attr device_path, set_device_path: String = "device" / "path";
        /// Socket type (`external`): `unix`.
        child_attr source_type, set_source_type: String = "source" / "type";
        /// Socket path (`external`).
        child_attr source_path, set_source_path: String = "source" / "path";
        /// Socket mode (`external`): `connect`.
        child_attr source_mode, set_source_mode: String = "source" / "mode";
        /// UUID of the secret that encrypts the state (`emulator`).
        child_attr encryption_secret, set_encryption_secret: Uuid = "encryption" / "secret";
        /// PCR banks to activate (`emulator`, TPM 2.0).
        child active_pcr_banks, active_pcr_banks_or_create, remove_active_pcr_banks: DomainTpmPcrBanks = "active_pcr_banks";
    }
}

xml_element! {
    /// `<backend><active_pcr_banks>`: the PCR banks to activate.
    pub struct DomainTpmPcrBanks = "active_pcr_banks", order = [
        "sha1", "sha256", "sha384", "sha512",
    ] {
        /// SHA-1.
        flag sha1, set_sha1: bool = "sha1";
        /// SHA-256.
        flag sha256, set_sha256: bool = "sha256";
        /// SHA-384.
        flag sha384, set_sha384: bool = "sha384";
        /// SHA-512.
        flag sha512, set_sha512: bool = "sha512";
    }
}
