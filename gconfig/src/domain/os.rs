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
        "inituser", "initgroup", "kernel", "initrd", "cmdline", "shim", "dtb", "acpi", "boot",
        "bootmenu", "smbios", "bios",
    ] {
        /// Automatic firmware selection.
        attr firmware, set_firmware: Firmware = "firmware";
        /// The OS type.
        child_text os_type, set_os_type: OsType = "type";
        /// The guest architecture.
        child_attr arch, set_arch: String = "type" / "arch";
        /// The machine type.
        child_attr machine, set_machine: String = "type" / "machine";
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
        /// Whether the interactive boot menu is shown.
        child_attr bootmenu_enable, set_bootmenu_enable: YesNo = "bootmenu" / "enable";
        /// Boot menu timeout in milliseconds.
        child_attr bootmenu_timeout, set_bootmenu_timeout: u32 = "bootmenu" / "timeout";
        /// SMBIOS mode.
        child_attr smbios_mode, set_smbios_mode: String = "smbios" / "mode";
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
        /// Path of the variable store.
        text path, set_path: String;
    }
}

xml_element! {
    /// `<os><boot>`: one boot device.
    pub struct DomainOsBoot = "boot" {
        /// The device class.
        attr dev, set_dev: BootDevice = "dev";
    }
}
