//! `<os>`: how the guest boots.

use crate::value::YesNo;
use crate::{xml_element, xml_enum};

xml_enum! {
    /// The guest OS type (`<os><type>`).
    pub enum OsType {
        /// Full virtualization.
        Hvm = "hvm",
        /// Xen paravirtualization.
        Xen = "xen",
        /// Xen PVH.
        Xenpvh = "xenpvh",
        /// A container running an init program.
        Exe = "exe",
        /// Linux paravirtualization (older Xen).
        Linux = "linux",
    }
}

xml_enum! {
    /// Automatic firmware selection (`<os firmware='...'>`).
    pub enum Firmware {
        /// BIOS.
        Bios = "bios",
        /// UEFI.
        Efi = "efi",
    }
}

xml_enum! {
    /// A boot device (`<boot dev='...'>`).
    pub enum BootDevice {
        /// Hard disk.
        Hd = "hd",
        /// CD-ROM.
        Cdrom = "cdrom",
        /// Network (PXE).
        Network = "network",
        /// Floppy.
        Fd = "fd",
    }
}

xml_element! {
    /// `<os>`: operating system booting.
    pub struct DomainOs = "os", order = [
        "type", "firmware", "loader", "nvram", "varstore", "init", "initarg", "initenv", "initdir",
        "inituser", "initgroup", "kernel", "initrd", "root", "cmdline", "shim", "dtb", "acpi",
        "boot", "bootmenu", "smbios", "bios",
    ] {
        /// Automatic firmware selection.
        attr firmware, set_firmware: Firmware = "firmware";
        /// The OS type.
        child_text os_type, set_os_type: OsType = "type";
        /// The guest architecture.
        child_attr arch, set_arch: String = "type" / "arch";
        /// The machine type.
        child_attr machine, set_machine: String = "type" / "machine";
        /// Firmware features requested for automatic selection.
        child firmware_config, firmware_config_or_create, remove_firmware_config: DomainOsFirmware = "firmware";
        /// Firmware loader.
        child loader, loader_or_create, remove_loader: DomainOsLoader = "loader";
        /// UEFI variable store.
        child nvram, nvram_or_create, remove_nvram: DomainOsNvram = "nvram";
        /// Boot devices, in order.
        children boots, add_boot, remove_boot: DomainOsBoot = "boot";
        /// Kernel image for direct boot.
        child_text kernel, set_kernel: String = "kernel";
        /// Initrd for direct boot.
        child_text initrd, set_initrd: String = "initrd";
        /// Kernel command line.
        child_text cmdline, set_cmdline: String = "cmdline";
        /// Device tree binary.
        child_text dtb, set_dtb: String = "dtb";
        /// Container init program.
        child_text init, set_init: String = "init";
        /// Arguments of the container init program.
        children initargs, add_initarg, remove_initarg: DomainOsInitArg = "initarg";
        /// Environment of the container init program.
        children initenvs, add_initenv, remove_initenv: DomainOsInitEnv = "initenv";
        /// Working directory of the container init program.
        child_text initdir, set_initdir: String = "initdir";
        /// User (name or uid) of the container init program.
        child_text inituser, set_inituser: String = "inituser";
        /// Group (name or gid) of the container init program.
        child_text initgroup, set_initgroup: String = "initgroup";
        /// Root device for direct kernel boot (Xen).
        child_text root, set_root: String = "root";
        /// ACPI tables passed to the guest.
        child acpi, acpi_or_create, remove_acpi: DomainOsAcpi = "acpi";
        /// Whether the interactive boot menu is shown.
        child_attr bootmenu_enable, set_bootmenu_enable: YesNo = "bootmenu" / "enable";
        /// Boot menu timeout in milliseconds.
        child_attr bootmenu_timeout, set_bootmenu_timeout: u32 = "bootmenu" / "timeout";
        /// SMBIOS mode: `emulate`, `host` or `sysinfo`.
        child_attr smbios_mode, set_smbios_mode: String = "smbios" / "mode";
        /// Whether the BIOS prints to the serial console.
        child_attr bios_useserial, set_bios_useserial: YesNo = "bios" / "useserial";
        /// Milliseconds before rebooting after a failed boot (-1: never).
        child_attr bios_reboot_timeout, set_bios_reboot_timeout: i32 = "bios" / "rebootTimeout";
    }
}

xml_element! {
    /// `<os><loader>`: firmware loader.
    pub struct DomainOsLoader = "loader" {
        /// Whether the image is read-only.
        attr readonly, set_readonly: YesNo = "readonly";
        /// Whether secure boot is required.
        attr secure, set_secure: YesNo = "secure";
        /// `rom` or `pflash`.
        attr loader_type, set_loader_type: String = "type";
        /// Image format.
        attr format, set_format: String = "format";
        /// Whether the firmware keeps no state (no NVRAM).
        attr stateless, set_stateless: YesNo = "stateless";
        /// Path of the firmware image.
        text path, set_path: String;
    }
}

xml_element! {
    /// `<os><nvram>`: UEFI variable store.
    pub struct DomainOsNvram = "nvram", order = ["source"] {
        /// Template the store is created from.
        attr template, set_template: String = "template";
        /// Image format.
        attr format, set_format: String = "format";
        /// `file`, `block` or `network` store (with a `<source>`).
        attr nvram_type, set_nvram_type: String = "type";
        /// Path of the variable store.
        text path, set_path: String;
        /// Where the store is, for a typed store.
        child source, source_or_create, remove_source: DomainOsNvramSource = "source";
    }
}

xml_element! {
    /// `<os><boot>`: one boot device.
    pub struct DomainOsBoot = "boot" {
        /// The device class.
        attr dev, set_dev: BootDevice = "dev";
    }
}

xml_element! {
    /// `<os><firmware>`: firmware features for automatic selection.
    pub struct DomainOsFirmware = "firmware", order = ["feature"] {
        /// The features.
        children features, add_feature, remove_feature: DomainOsFirmwareFeature = "feature";
    }
}

xml_element! {
    /// `<os><firmware><feature>`: a required or excluded firmware feature.
    pub struct DomainOsFirmwareFeature = "feature" {
        /// Whether the firmware must (yes) or must not (no) have it.
        attr enabled, set_enabled: YesNo = "enabled";
        /// `enrolled-keys` or `secure-boot`.
        attr name, set_name: String = "name";
    }
}

xml_element! {
    /// `<nvram><source>`: location of a typed variable store.
    pub struct DomainOsNvramSource = "source", order = ["host", "auth"] {
        /// File path (`type='file'`).
        attr file, set_file: String = "file";
        /// Block device path (`type='block'`).
        attr dev, set_dev: String = "dev";
        /// Network protocol (`type='network'`).
        attr protocol, set_protocol: String = "protocol";
        /// Network image name.
        attr name, set_name: String = "name";
        /// Network hosts.
        children hosts, add_host, remove_host: DomainOsNvramHost = "host";
        /// Network authentication.
        child auth, auth_or_create, remove_auth: DomainOsNvramAuth = "auth";
    }
}

xml_element! {
    /// `<nvram><source><host>`.
    pub struct DomainOsNvramHost = "host" {
        /// Host name or address.
        attr name, set_name: String = "name";
        /// Port.
        attr port, set_port: u16 = "port";
    }
}

xml_element! {
    /// `<nvram><source><auth>`.
    pub struct DomainOsNvramAuth = "auth", order = ["secret"] {
        /// User name.
        attr username, set_username: String = "username";
        /// Secret type (`iscsi`, `ceph`).
        child_attr secret_type, set_secret_type: String = "secret" / "type";
        /// Secret usage name.
        child_attr secret_usage, set_secret_usage: String = "secret" / "usage";
        /// Secret UUID.
        child_attr secret_uuid, set_secret_uuid: String = "secret" / "uuid";
    }
}

xml_element! {
    /// `<os><initarg>`: one argument of the container init program.
    pub struct DomainOsInitArg = "initarg" {
        /// The argument.
        text value, set_value: String;
    }
}

xml_element! {
    /// `<os><initenv>`: one environment variable of the container init program.
    pub struct DomainOsInitEnv = "initenv" {
        /// Variable name.
        attr name, set_name: String = "name";
        /// Variable value.
        text value, set_value: String;
    }
}

xml_element! {
    /// `<os><acpi>`: ACPI tables.
    pub struct DomainOsAcpi = "acpi", order = ["table"] {
        /// The tables.
        children tables, add_table, remove_table: DomainOsAcpiTable = "table";
    }
}

xml_element! {
    /// `<os><acpi><table>`: one ACPI table.
    pub struct DomainOsAcpiTable = "table" {
        /// Table type (`slic`).
        attr table_type, set_table_type: String = "type";
        /// Path of the table file.
        text path, set_path: String;
    }
}
