//! The `<domainCapabilities>` document: what one emulator, machine type
//! and architecture support (`virConnectGetDomainCapabilities`).
//!
//! ```text
//! DomainCaps                    <domainCapabilities>
//! ├── DomainCapsOs                <os>  (DomainCapsEnum, DomainCapsLoader)
//! ├── DomainCapsCpu               <cpu>
//! │   └── DomainCapsCpuMode         <mode>  (DomainCapsEnum, DomainCapsCpuModel, DomainCapsCpuFeature)
//! ├── DomainCapsItem              <memoryBacking>
//! ├── DomainCapsDevices           <devices>: DomainCapsItem per device kind
//! └── DomainCapsFeatures          <features>: DomainCapsItem per feature,
//!                                   DomainCapsSev, DomainCapsSgx
//! ```
//!
//! Most of the document is made of a `supported='yes|no'` element with
//! [`DomainCapsEnum`] lists of the values a domain setting may take; see
//! [`DomainCapsItem::enum_values`].

use crate::documents::document_type;
use crate::value::{Size, YesNo};
use crate::xml_element;

xml_element! {
    /// The capabilities of one emulator for one domain type, machine type and
    /// architecture: the `<domainCapabilities>` document.
    pub struct DomainCaps = "domainCapabilities", order = [
        "path", "domain", "machine", "arch", "vcpu", "iothreads", "os", "cpu", "memoryBacking",
        "devices", "features",
    ] {
        /// The emulator binary.
        child_text path, set_path: String = "path";
        /// Domain type (`kvm`, `qemu`, ...).
        child_text domain, set_domain: String = "domain";
        /// Machine type.
        child_text machine, set_machine: String = "machine";
        /// Architecture.
        child_text arch, set_arch: String = "arch";
        /// Maximum number of vCPUs.
        child_attr vcpu_max, set_vcpu_max: u32 = "vcpu" / "max";
        /// Whether I/O threads are supported.
        child_attr iothreads_supported, set_iothreads_supported: YesNo = "iothreads" / "supported";
        /// Boot and firmware.
        child os, os_or_create, remove_os: DomainCapsOs = "os";
        /// CPU modes and models.
        child cpu, cpu_or_create, remove_cpu: DomainCapsCpu = "cpu";
        /// Memory backing (`sourceType` enum).
        child memory_backing, memory_backing_or_create, remove_memory_backing: DomainCapsItem = "memoryBacking";
        /// Devices.
        child devices, devices_or_create, remove_devices: DomainCapsDevices = "devices";
        /// Features.
        child features, features_or_create, remove_features: DomainCapsFeatures = "features";
    }
}

document_type!(DomainCaps, "a domain capabilities");

xml_element! {
    /// `<enum name='...'>`: the values a setting may take.
    pub struct DomainCapsEnum = "enum", order = ["value"] {
        /// Name of the setting (`diskDevice`, `bus`, `model`, ...).
        attr name, set_name: String = "name";
        /// The values.
        children values, add_value, remove_value: DomainCapsValue = "value";
    }
}

xml_element! {
    /// `<value>`: one value of an enum (or a firmware path of a loader).
    pub struct DomainCapsValue = "value" {
        /// The value.
        text value, set_value: String;
    }
}

impl DomainCapsEnum {
    /// The texts of the values (unreadable ones skipped).
    pub fn value_list(&self) -> Vec<String> {
        self.values()
            .iter()
            .filter_map(|v| v.value().ok().flatten())
            .collect()
    }

    /// Adds a `<value>` with `value` as its text.
    pub fn push_value(&self, value: &str) {
        self.add_value().set_value(Some(value.to_owned()));
    }
}

xml_element! {
    /// An element with a `supported` attribute and enums of possible values:
    /// a device kind (`<disk>`, `<graphics>`, ...), a feature (`<gic>`,
    /// `<hyperv>`, ...) or `<memoryBacking>`.
    pub struct DomainCapsItem = "disk", order = ["enum"] {
        /// Whether it is supported.
        attr supported, set_supported: YesNo = "supported";
        /// The settings and their possible values.
        children enums, add_enum, remove_enum: DomainCapsEnum = "enum";
    }
}

/// Finds the enum `name` among `enums`.
fn find_enum(enums: Vec<DomainCapsEnum>, name: &str) -> Option<DomainCapsEnum> {
    enums
        .into_iter()
        .find(|e| e.name().ok().flatten().as_deref() == Some(name))
}

impl DomainCapsItem {
    /// The values of the enum `name` (empty when there is no such enum).
    pub fn enum_values(&self, name: &str) -> Vec<String> {
        find_enum(self.enums(), name)
            .map(|e| e.value_list())
            .unwrap_or_default()
    }

    /// The enum `name`, added (empty) if missing.
    pub fn enum_or_create(&self, name: &str) -> DomainCapsEnum {
        match find_enum(self.enums(), name) {
            Some(e) => e,
            None => {
                let e = self.add_enum();
                e.set_name(Some(name.to_owned()));
                e
            }
        }
    }
}

xml_element! {
    /// `<os>`: firmware and boot loader.
    pub struct DomainCapsOs = "os", order = ["enum", "loader"] {
        /// Whether setting the OS is supported.
        attr supported, set_supported: YesNo = "supported";
        /// Enums (`firmware`).
        children enums, add_enum, remove_enum: DomainCapsEnum = "enum";
        /// The boot loader.
        child loader, loader_or_create, remove_loader: DomainCapsLoader = "loader";
    }
}

xml_element! {
    /// `<os><loader>`: firmware images and loader settings.
    pub struct DomainCapsLoader = "loader", order = ["value", "enum"] {
        /// Whether a loader can be set.
        attr supported, set_supported: YesNo = "supported";
        /// Known firmware image paths.
        children values, add_value, remove_value: DomainCapsValue = "value";
        /// Enums (`type`, `readonly`, `secure`).
        children enums, add_enum, remove_enum: DomainCapsEnum = "enum";
    }
}

impl DomainCapsOs {
    /// The firmware types that can be selected automatically (`bios`, `efi`).
    pub fn firmwares(&self) -> Vec<String> {
        self.enum_values("firmware")
    }

    /// The values of the enum `name` (`firmware`).
    pub fn enum_values(&self, name: &str) -> Vec<String> {
        find_enum(self.enums(), name)
            .map(|e| e.value_list())
            .unwrap_or_default()
    }
}

impl DomainCapsLoader {
    /// The values of the enum `name` (`type`, `readonly`, `secure`).
    pub fn enum_values(&self, name: &str) -> Vec<String> {
        find_enum(self.enums(), name)
            .map(|e| e.value_list())
            .unwrap_or_default()
    }
}

xml_element! {
    /// `<cpu>`: the CPU modes.
    pub struct DomainCapsCpu = "cpu", order = ["mode"] {
        /// `host-passthrough`, `maximum`, `host-model`, `custom`.
        children modes, add_mode, remove_mode: DomainCapsCpuMode = "mode";
    }
}

impl DomainCapsCpu {
    /// The mode named `name` (`host-model`, ...).
    pub fn mode(&self, name: &str) -> Option<DomainCapsCpuMode> {
        self.modes()
            .into_iter()
            .find(|m| m.name().ok().flatten().as_deref() == Some(name))
    }
}

xml_element! {
    /// `<cpu><mode>`: a CPU mode.
    pub struct DomainCapsCpuMode = "mode", order = ["enum", "model", "vendor", "maxphysaddr", "feature"] {
        /// Mode name.
        attr name, set_name: String = "name";
        /// Whether the mode is supported.
        attr supported, set_supported: YesNo = "supported";
        /// Enums (`hostPassthroughMigratable`, `maximumMigratable`).
        children enums, add_enum, remove_enum: DomainCapsEnum = "enum";
        /// The host model (host-model) or the usable models (custom).
        children models, add_model, remove_model: DomainCapsCpuModel = "model";
        /// Vendor of the host model (host-model).
        child_text vendor, set_vendor: String = "vendor";
        /// How the physical address size is given (host-model).
        child_attr maxphysaddr_mode, set_maxphysaddr_mode: String = "maxphysaddr" / "mode";
        /// Limit of the physical address bits (host-model).
        child_attr maxphysaddr_limit, set_maxphysaddr_limit: u32 = "maxphysaddr" / "limit";
        /// Features of the host model (host-model).
        children features, add_feature, remove_feature: DomainCapsCpuFeature = "feature";
    }
}

xml_element! {
    /// `<mode><model>`: a CPU model.
    pub struct DomainCapsCpuModel = "model" {
        /// `yes`, `no` or `unknown` (custom).
        attr usable, set_usable: String = "usable";
        /// Whether the model is deprecated (custom).
        attr deprecated, set_deprecated: YesNo = "deprecated";
        /// Vendor (custom).
        attr vendor, set_vendor: String = "vendor";
        /// `allow` or `forbid` falling back to other models (host-model).
        attr fallback, set_fallback: String = "fallback";
        /// Model name.
        text name, set_name: String;
    }
}

xml_element! {
    /// `<mode><feature>`: a feature of the host model.
    pub struct DomainCapsCpuFeature = "feature" {
        /// `require`, `disable`, ...
        attr policy, set_policy: String = "policy";
        /// Feature name.
        attr name, set_name: String = "name";
    }
}

xml_element! {
    /// `<devices>`: the device kinds and their settings.
    pub struct DomainCapsDevices = "devices", order = [
        "disk", "graphics", "video", "hostdev", "rng", "filesystem", "tpm", "redirdev", "channel",
        "crypto", "interface",
    ] {
        /// Disks.
        child disk, disk_or_create, remove_disk: DomainCapsItem = "disk";
        /// Graphics.
        child graphics, graphics_or_create, remove_graphics: DomainCapsItem = "graphics";
        /// Video.
        child video, video_or_create, remove_video: DomainCapsItem = "video";
        /// Host device assignment.
        child hostdev, hostdev_or_create, remove_hostdev: DomainCapsItem = "hostdev";
        /// Random number generators.
        child rng, rng_or_create, remove_rng: DomainCapsItem = "rng";
        /// Shared filesystems.
        child filesystem, filesystem_or_create, remove_filesystem: DomainCapsItem = "filesystem";
        /// TPMs.
        child tpm, tpm_or_create, remove_tpm: DomainCapsItem = "tpm";
        /// USB redirection.
        child redirdev, redirdev_or_create, remove_redirdev: DomainCapsItem = "redirdev";
        /// Channels.
        child channel, channel_or_create, remove_channel: DomainCapsItem = "channel";
        /// Crypto devices.
        child crypto, crypto_or_create, remove_crypto: DomainCapsItem = "crypto";
        /// Network interfaces.
        child interface, interface_or_create, remove_interface: DomainCapsItem = "interface";
    }
}

xml_element! {
    /// `<features>`: the domain features.
    pub struct DomainCapsFeatures = "features", order = [
        "gic", "vmcoreinfo", "genid", "backingStoreInput", "backup", "async-teardown", "s390-pv",
        "ps2", "sev", "sgx", "hyperv", "launchSecurity",
    ] {
        /// ARM GIC (`version` enum).
        child gic, gic_or_create, remove_gic: DomainCapsItem = "gic";
        /// vmcoreinfo.
        child vmcoreinfo, vmcoreinfo_or_create, remove_vmcoreinfo: DomainCapsItem = "vmcoreinfo";
        /// VM generation id.
        child genid, genid_or_create, remove_genid: DomainCapsItem = "genid";
        /// Backing stores given as input.
        child backing_store_input, backing_store_input_or_create, remove_backing_store_input: DomainCapsItem = "backingStoreInput";
        /// Incremental backup.
        child backup, backup_or_create, remove_backup: DomainCapsItem = "backup";
        /// Asynchronous teardown.
        child async_teardown, async_teardown_or_create, remove_async_teardown: DomainCapsItem = "async-teardown";
        /// s390 protected virtualization.
        child s390_pv, s390_pv_or_create, remove_s390_pv: DomainCapsItem = "s390-pv";
        /// PS/2 controller.
        child ps2, ps2_or_create, remove_ps2: DomainCapsItem = "ps2";
        /// AMD SEV.
        child sev, sev_or_create, remove_sev: DomainCapsSev = "sev";
        /// Intel SGX.
        child sgx, sgx_or_create, remove_sgx: DomainCapsSgx = "sgx";
        /// Hyper-V enlightenments (`features` enum).
        child hyperv, hyperv_or_create, remove_hyperv: DomainCapsItem = "hyperv";
        /// Launch security (`sectype` enum).
        child launch_security, launch_security_or_create, remove_launch_security: DomainCapsItem = "launchSecurity";
    }
}

xml_element! {
    /// `<features><sev>`: AMD SEV.
    pub struct DomainCapsSev = "sev", order = ["cbitpos", "reducedPhysBits", "maxGuests", "maxESGuests"] {
        /// Whether SEV is supported.
        attr supported, set_supported: YesNo = "supported";
        /// C-bit position in page table entries.
        child_text cbitpos, set_cbitpos: u32 = "cbitpos";
        /// Physical address bits lost.
        child_text reduced_phys_bits, set_reduced_phys_bits: u32 = "reducedPhysBits";
        /// Maximum number of SEV guests.
        child_text max_guests, set_max_guests: u32 = "maxGuests";
        /// Maximum number of SEV-ES guests.
        child_text max_es_guests, set_max_es_guests: u32 = "maxESGuests";
    }
}

xml_element! {
    /// `<features><sgx>`: Intel SGX.
    pub struct DomainCapsSgx = "sgx", order = ["flc", "sgx1", "sgx2", "section_size", "sections"] {
        /// Whether SGX is supported.
        attr supported, set_supported: YesNo = "supported";
        /// Flexible launch control.
        child_text flc, set_flc: YesNo = "flc";
        /// SGX1 instructions.
        child_text sgx1, set_sgx1: YesNo = "sgx1";
        /// SGX2 instructions.
        child_text sgx2, set_sgx2: YesNo = "sgx2";
        /// Total EPC size.
        child_unit section_size, set_section_size: Size = "section_size" / "unit";
        /// EPC sections.
        child sections, sections_or_create, remove_sections: DomainCapsSgxSections = "sections";
    }
}

xml_element! {
    /// `<sgx><sections>`.
    pub struct DomainCapsSgxSections = "sections", order = ["section"] {
        /// The EPC sections.
        children sections, add_section, remove_section: DomainCapsSgxSection = "section";
    }
}

xml_element! {
    /// `<sections><section>`: an EPC section of a NUMA node.
    pub struct DomainCapsSgxSection = "section" {
        /// NUMA node.
        attr node, set_node: u32 = "node";
        /// Size, in `unit`.
        attr size, set_size: u64 = "size";
        /// Unit of `size`.
        attr unit, set_unit: String = "unit";
    }
}
