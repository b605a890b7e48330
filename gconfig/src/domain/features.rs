//! `<features>`: hypervisor features.

use crate::value::{OnOff, YesNo};
use crate::xml_element;

xml_element! {
    /// `<features>`: hypervisor features toggled for the guest.
    pub struct DomainFeatures = "features", order = [
        "acpi", "apic", "pae", "hap", "viridian", "privnet", "hyperv", "kvm", "xen", "pvspinlock",
        "capabilities", "pmu", "vmport", "gic", "smm", "ioapic", "hpt", "htm", "nested-hv",
        "msrs", "ccf-assist", "cfpc", "sbbc", "ibs", "tcg", "async-teardown", "ras", "ps2",
    ] {
        /// ACPI.
        flag acpi, set_acpi: bool = "acpi";
        /// APIC.
        child apic, apic_or_create, remove_apic: DomainFeatureApic = "apic";
        /// Physical address extension.
        flag pae, set_pae: bool = "pae";
        /// Hardware assisted paging.
        flag hap, set_hap: bool = "hap";
        /// Viridian (Hyper-V) enlightenments for Xen.
        flag viridian, set_viridian: bool = "viridian";
        /// Private network namespace (containers).
        flag privnet, set_privnet: bool = "privnet";
        /// Paravirtual spinlocks.
        child_attr pvspinlock_state, set_pvspinlock_state: OnOff = "pvspinlock" / "state";
        /// Performance monitoring unit.
        child_attr pmu_state, set_pmu_state: OnOff = "pmu" / "state";
        /// VMware I/O port emulation.
        child_attr vmport_state, set_vmport_state: OnOff = "vmport" / "state";
        /// GIC version (ARM).
        child_attr gic_version, set_gic_version: String = "gic" / "version";
        /// System management mode.
        flag smm, set_smm: bool = "smm";
        /// System management mode on or off.
        child_attr smm_state, set_smm_state: OnOff = "smm" / "state";
        /// I/O APIC driver.
        child_attr ioapic_driver, set_ioapic_driver: String = "ioapic" / "driver";
        /// PS/2 controller.
        child_attr ps2_state, set_ps2_state: OnOff = "ps2" / "state";
        /// Asynchronous teardown.
        child_attr async_teardown_enabled, set_async_teardown_enabled: YesNo = "async-teardown" / "enabled";
    }
}

xml_element! {
    /// `<features><apic>`.
    pub struct DomainFeatureApic = "apic" {
        /// End-of-interrupt acceleration.
        attr eoi, set_eoi: OnOff = "eoi";
    }
}
