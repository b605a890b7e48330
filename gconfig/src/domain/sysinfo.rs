//! `<sysinfo>`: SMBIOS and firmware configuration data shown to the guest.

use crate::xml_element;

xml_element! {
    /// `<sysinfo>`: system information.
    pub struct DomainSysinfo = "sysinfo", order = [
        "bios", "system", "baseBoard", "chassis", "oemStrings", "entry",
    ] {
        /// `smbios` or `fwcfg`.
        attr sysinfo_type, set_sysinfo_type: String = "type";
        /// SMBIOS type 0 (BIOS) entries.
        child bios, bios_or_create, remove_bios: DomainSysinfoGroup = "bios";
        /// SMBIOS type 1 (system) entries.
        child system, system_or_create, remove_system: DomainSysinfoGroup = "system";
        /// SMBIOS type 2 (base board) blocks.
        children base_boards, add_base_board, remove_base_board: DomainSysinfoGroup = "baseBoard";
        /// SMBIOS type 3 (chassis) entries.
        child chassis, chassis_or_create, remove_chassis: DomainSysinfoGroup = "chassis";
        /// SMBIOS type 11 (OEM strings) entries.
        child oem_strings, oem_strings_or_create, remove_oem_strings: DomainSysinfoGroup = "oemStrings";
        /// Firmware configuration entries (`type='fwcfg'`).
        children entries, add_entry, remove_entry: DomainSysinfoEntry = "entry";
    }
}

xml_element! {
    /// `<bios>`, `<system>`, `<baseBoard>`, `<chassis>` or `<oemStrings>` of `<sysinfo>`.
    pub struct DomainSysinfoGroup = "system", order = ["entry"] {
        /// The entries.
        children entries, add_entry, remove_entry: DomainSysinfoEntry = "entry";
    }
}

xml_element! {
    /// `<entry>`: one named value of `<sysinfo>`.
    pub struct DomainSysinfoEntry = "entry" {
        /// Entry name (`vendor`, `serial`, `opt/com.example/name`...).
        attr name, set_name: String = "name";
        /// File with the value (`fwcfg`).
        attr file, set_file: String = "file";
        /// The value.
        text value, set_value: String;
    }
}
