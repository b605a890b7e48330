//! The `<secret>` document: a secret's metadata (the value is never in the XML).

use crate::documents::document_type;
use crate::value::{Uuid, YesNo};
use crate::{xml_element, xml_enum};

xml_enum! {
    /// What a secret is used for (`<usage type='...'>`).
    pub enum SecretUsageType {
        /// A volume encryption passphrase (`<volume>`).
        Volume = "volume",
        /// A Ceph cephx key (`<name>`).
        Ceph = "ceph",
        /// An iSCSI CHAP password (`<target>`).
        Iscsi = "iscsi",
        /// A TLS key passphrase (`<name>`).
        Tls = "tls",
        /// A vTPM state passphrase (`<name>`).
        Vtpm = "vtpm",
    }
}

xml_element! {
    /// A secret, the `<secret>` document.
    pub struct Secret = "secret", order = ["uuid", "description", "usage"] {
        /// Kept only in memory.
        attr ephemeral, set_ephemeral: YesNo = "ephemeral";
        /// The value cannot be read back.
        attr private, set_private: YesNo = "private";
        /// The UUID.
        child_text uuid, set_uuid: Uuid = "uuid";
        /// Description.
        child_text description, set_description: String = "description";
        /// What the secret is for.
        child usage, usage_or_create, remove_usage: SecretUsage = "usage";
    }
}

document_type!(Secret, "a secret");

xml_element! {
    /// `<secret><usage>`.
    pub struct SecretUsage = "usage", order = ["volume", "name", "target"] {
        /// Usage kind.
        attr usage_type, set_usage_type: SecretUsageType = "type";
        /// Volume path (`volume`).
        child_text volume, set_volume: String = "volume";
        /// Usage name (`ceph`, `tls`, `vtpm`).
        child_text name, set_name: String = "name";
        /// iSCSI target (`iscsi`).
        child_text target, set_target: String = "target";
    }
}
