//! `<features>`: hypervisor features.

use crate::value::{OnOff, Size, YesNo};
use crate::xml_element;

xml_element! {
    /// `<features>`: hypervisor features toggled for the guest.
    pub struct DomainFeatures = "features", order = [
        "acpi", "apic", "pae", "hap", "viridian", "privnet", "hyperv", "kvm", "xen", "pvspinlock",
        "capabilities", "pmu", "vmport", "gic", "smm", "ioapic", "hpt", "vmcoreinfo", "htm",
        "nested-hv", "msrs", "ccf-assist", "cfpc", "sbbc", "ibs", "tcg", "async-teardown", "ras",
        "ps2",
    ] {
        /// ACPI.
        flag acpi, set_acpi: bool = "acpi";
        /// APIC.
        child apic, apic_or_create, remove_apic: DomainFeatureApic = "apic";
        /// Physical address extension.
        flag pae, set_pae: bool = "pae";
        /// Hardware assisted paging.
        flag hap, set_hap: bool = "hap";
        /// Hardware assisted paging on or off.
        child_attr hap_state, set_hap_state: OnOff = "hap" / "state";
        /// Viridian (Hyper-V) enlightenments for Xen.
        flag viridian, set_viridian: bool = "viridian";
        /// Private network namespace (containers).
        flag privnet, set_privnet: bool = "privnet";
        /// Hyper-V enlightenments.
        child hyperv, hyperv_or_create, remove_hyperv: DomainHyperv = "hyperv";
        /// KVM features.
        child kvm, kvm_or_create, remove_kvm: DomainKvmFeatures = "kvm";
        /// Xen features.
        child xen, xen_or_create, remove_xen: DomainXenFeatures = "xen";
        /// Paravirtual spinlocks.
        child_attr pvspinlock_state, set_pvspinlock_state: OnOff = "pvspinlock" / "state";
        /// Process capabilities (containers).
        child capabilities, capabilities_or_create, remove_capabilities: DomainCapabilitiesFeature = "capabilities";
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
        /// System management mode with its TSEG size.
        child smm_config, smm_config_or_create, remove_smm_config: DomainFeatureSmm = "smm";
        /// I/O APIC driver.
        child_attr ioapic_driver, set_ioapic_driver: String = "ioapic" / "driver";
        /// Hash page table (PowerPC).
        child hpt, hpt_or_create, remove_hpt: DomainFeatureHpt = "hpt";
        /// Guest core dump information device.
        child_attr vmcoreinfo_state, set_vmcoreinfo_state: OnOff = "vmcoreinfo" / "state";
        /// Hardware transactional memory (PowerPC).
        child_attr htm_state, set_htm_state: OnOff = "htm" / "state";
        /// Nested HV (PowerPC).
        child_attr nested_hv_state, set_nested_hv_state: OnOff = "nested-hv" / "state";
        /// What to do on an unknown MSR access: `ignore` or `fault`.
        child_attr msrs_unknown, set_msrs_unknown: String = "msrs" / "unknown";
        /// Count cache flush assist (PowerPC).
        child_attr ccf_assist_state, set_ccf_assist_state: OnOff = "ccf-assist" / "state";
        /// Cache flush on privilege change (PowerPC).
        child_attr cfpc_value, set_cfpc_value: String = "cfpc" / "value";
        /// Speculation barrier bounds checking (PowerPC).
        child_attr sbbc_value, set_sbbc_value: String = "sbbc" / "value";
        /// Indirect branch speculation (PowerPC).
        child_attr ibs_value, set_ibs_value: String = "ibs" / "value";
        /// TCG options.
        child tcg, tcg_or_create, remove_tcg: DomainFeatureTcg = "tcg";
        /// Asynchronous teardown.
        child_attr async_teardown_enabled, set_async_teardown_enabled: YesNo = "async-teardown" / "enabled";
        /// RAS (ARM).
        child_attr ras_state, set_ras_state: OnOff = "ras" / "state";
        /// PS/2 controller.
        child_attr ps2_state, set_ps2_state: OnOff = "ps2" / "state";
    }
}

xml_element! {
    /// `<features><apic>`.
    pub struct DomainFeatureApic = "apic" {
        /// End-of-interrupt acceleration.
        attr eoi, set_eoi: OnOff = "eoi";
    }
}

xml_element! {
    /// `<features><smm>`.
    pub struct DomainFeatureSmm = "smm", order = ["tseg"] {
        /// On or off.
        attr state, set_state: OnOff = "state";
        /// Size of the extended TSEG (default unit MiB).
        child_unit tseg, set_tseg: Size = "tseg" / "unit";
    }
}

xml_element! {
    /// `<features><hpt>`: hash page table (PowerPC).
    pub struct DomainFeatureHpt = "hpt", order = ["maxpagesize"] {
        /// `enabled`, `disabled` or `required` resizing.
        attr resizing, set_resizing: String = "resizing";
        /// Largest page size backing guest memory.
        child_unit maxpagesize, set_maxpagesize: Size = "maxpagesize" / "unit";
    }
}

xml_element! {
    /// `<features><tcg>`.
    pub struct DomainFeatureTcg = "tcg", order = ["tb-cache"] {
        /// Translation block cache size (default unit MiB).
        child_unit tb_cache, set_tb_cache: Size = "tb-cache" / "unit";
    }
}

xml_element! {
    /// `<features><hyperv>`: Hyper-V enlightenments (each `state='on|off'`).
    pub struct DomainHyperv = "hyperv", order = ["relaxed", "vapic", "spinlocks", "vpindex", "runtime", "synic", "stimer", "reset", "vendor_id", "frequencies", "reenlightenment", "tlbflush", "ipi", "evmcs", "avic", "emsr_bitmap", "xmm_input"] {
        /// `custom` or `passthrough`.
        attr mode, set_mode: String = "mode";
        /// Relaxed timing.
        child_attr relaxed, set_relaxed: OnOff = "relaxed" / "state";
        /// Virtual APIC.
        child_attr vapic, set_vapic: OnOff = "vapic" / "state";
        /// Spinlock retries.
        child_attr spinlocks, set_spinlocks: OnOff = "spinlocks" / "state";
        /// Number of spinlock retries.
        child_attr spinlocks_retries, set_spinlocks_retries: u32 = "spinlocks" / "retries";
        /// Virtual processor index.
        child_attr vpindex, set_vpindex: OnOff = "vpindex" / "state";
        /// Processor time.
        child_attr runtime, set_runtime: OnOff = "runtime" / "state";
        /// Synthetic interrupt controller.
        child_attr synic, set_synic: OnOff = "synic" / "state";
        /// Synthetic timers.
        child_attr stimer, set_stimer: OnOff = "stimer" / "state";
        /// Direct mode synthetic timers.
        child stimer_config, stimer_config_or_create, remove_stimer_config: DomainHypervStimer = "stimer";
        /// Guest reset.
        child_attr reset, set_reset: OnOff = "reset" / "state";
        /// Hypervisor vendor id.
        child_attr vendor_id, set_vendor_id: OnOff = "vendor_id" / "state";
        /// The vendor id string.
        child_attr vendor_id_value, set_vendor_id_value: String = "vendor_id" / "value";
        /// Frequency MSRs.
        child_attr frequencies, set_frequencies: OnOff = "frequencies" / "state";
        /// Re-enlightenment notifications.
        child_attr reenlightenment, set_reenlightenment: OnOff = "reenlightenment" / "state";
        /// Paravirtual TLB flush.
        child_attr tlbflush, set_tlbflush: OnOff = "tlbflush" / "state";
        /// TLB flush options.
        child tlbflush_config, tlbflush_config_or_create, remove_tlbflush_config: DomainHypervTlbflush = "tlbflush";
        /// Paravirtual IPIs.
        child_attr ipi, set_ipi: OnOff = "ipi" / "state";
        /// Enlightened VMCS.
        child_attr evmcs, set_evmcs: OnOff = "evmcs" / "state";
        /// AVIC.
        child_attr avic, set_avic: OnOff = "avic" / "state";
        /// Enlightened MSR bitmap.
        child_attr emsr_bitmap, set_emsr_bitmap: OnOff = "emsr_bitmap" / "state";
        /// XMM registers for hypercall input.
        child_attr xmm_input, set_xmm_input: OnOff = "xmm_input" / "state";
    }
}

xml_element! {
    /// `<hyperv><stimer>`.
    pub struct DomainHypervStimer = "stimer", order = ["direct"] {
        /// On or off.
        attr state, set_state: OnOff = "state";
        /// Direct mode.
        child_attr direct, set_direct: OnOff = "direct" / "state";
    }
}

xml_element! {
    /// `<hyperv><tlbflush>`.
    pub struct DomainHypervTlbflush = "tlbflush", order = ["direct", "extended"] {
        /// On or off.
        attr state, set_state: OnOff = "state";
        /// Direct TLB flush.
        child_attr direct, set_direct: OnOff = "direct" / "state";
        /// Extended TLB flush.
        child_attr extended, set_extended: OnOff = "extended" / "state";
    }
}

xml_element! {
    /// `<features><kvm>`: KVM features (each `state='on|off'`).
    pub struct DomainKvmFeatures = "kvm", order = ["hidden", "hint-dedicated", "poll-control", "pv-ipi", "dirty-ring"] {
        /// Hide the KVM hypervisor from standard discovery.
        child_attr hidden, set_hidden: OnOff = "hidden" / "state";
        /// Dedicated vCPUs hint.
        child_attr hint_dedicated, set_hint_dedicated: OnOff = "hint-dedicated" / "state";
        /// Halt polling control.
        child_attr poll_control, set_poll_control: OnOff = "poll-control" / "state";
        /// Paravirtual IPIs.
        child_attr pv_ipi, set_pv_ipi: OnOff = "pv-ipi" / "state";
        /// Dirty ring.
        child_attr dirty_ring, set_dirty_ring: OnOff = "dirty-ring" / "state";
        /// Dirty ring size.
        child_attr dirty_ring_size, set_dirty_ring_size: u32 = "dirty-ring" / "size";
    }
}

xml_element! {
    /// `<features><xen>`: Xen features.
    pub struct DomainXenFeatures = "xen", order = ["e820_host", "passthrough"] {
        /// Expose the host e820 map.
        child_attr e820_host, set_e820_host: OnOff = "e820_host" / "state";
        /// Device passthrough.
        child_attr passthrough, set_passthrough: OnOff = "passthrough" / "state";
        /// `sync_pt` or `share_pt`.
        child_attr passthrough_mode, set_passthrough_mode: String = "passthrough" / "mode";
    }
}

xml_element! {
    /// `<features><capabilities>`: Linux capabilities of a container (each `state='on|off'`).
    pub struct DomainCapabilitiesFeature = "capabilities", order = [
        "audit_control", "audit_write", "block_suspend", "chown", "dac_override", "dac_read_search", "fowner", "fsetid",
        "ipc_lock", "ipc_owner", "kill", "lease", "linux_immutable", "mac_admin", "mac_override", "mknod",
        "net_admin", "net_bind_service", "net_broadcast", "net_raw", "setgid", "setfcap", "setpcap", "setuid",
        "sys_admin", "sys_boot", "sys_chroot", "sys_module", "sys_nice", "sys_pacct", "sys_ptrace", "sys_rawio",
        "sys_resource", "sys_time", "sys_tty_config", "syslog", "wake_alarm",
    ] {
        /// `default`, `allow` or `deny`: the starting set.
        attr policy, set_policy: String = "policy";
        /// `CAP_AUDIT_CONTROL`.
        child_attr audit_control, set_audit_control: OnOff = "audit_control" / "state";
        /// `CAP_AUDIT_WRITE`.
        child_attr audit_write, set_audit_write: OnOff = "audit_write" / "state";
        /// `CAP_BLOCK_SUSPEND`.
        child_attr block_suspend, set_block_suspend: OnOff = "block_suspend" / "state";
        /// `CAP_CHOWN`.
        child_attr chown, set_chown: OnOff = "chown" / "state";
        /// `CAP_DAC_OVERRIDE`.
        child_attr dac_override, set_dac_override: OnOff = "dac_override" / "state";
        /// `CAP_DAC_READ_SEARCH`.
        child_attr dac_read_search, set_dac_read_search: OnOff = "dac_read_search" / "state";
        /// `CAP_FOWNER`.
        child_attr fowner, set_fowner: OnOff = "fowner" / "state";
        /// `CAP_FSETID`.
        child_attr fsetid, set_fsetid: OnOff = "fsetid" / "state";
        /// `CAP_IPC_LOCK`.
        child_attr ipc_lock, set_ipc_lock: OnOff = "ipc_lock" / "state";
        /// `CAP_IPC_OWNER`.
        child_attr ipc_owner, set_ipc_owner: OnOff = "ipc_owner" / "state";
        /// `CAP_KILL`.
        child_attr kill, set_kill: OnOff = "kill" / "state";
        /// `CAP_LEASE`.
        child_attr lease, set_lease: OnOff = "lease" / "state";
        /// `CAP_LINUX_IMMUTABLE`.
        child_attr linux_immutable, set_linux_immutable: OnOff = "linux_immutable" / "state";
        /// `CAP_MAC_ADMIN`.
        child_attr mac_admin, set_mac_admin: OnOff = "mac_admin" / "state";
        /// `CAP_MAC_OVERRIDE`.
        child_attr mac_override, set_mac_override: OnOff = "mac_override" / "state";
        /// `CAP_MKNOD`.
        child_attr mknod, set_mknod: OnOff = "mknod" / "state";
        /// `CAP_NET_ADMIN`.
        child_attr net_admin, set_net_admin: OnOff = "net_admin" / "state";
        /// `CAP_NET_BIND_SERVICE`.
        child_attr net_bind_service, set_net_bind_service: OnOff = "net_bind_service" / "state";
        /// `CAP_NET_BROADCAST`.
        child_attr net_broadcast, set_net_broadcast: OnOff = "net_broadcast" / "state";
        /// `CAP_NET_RAW`.
        child_attr net_raw, set_net_raw: OnOff = "net_raw" / "state";
        /// `CAP_SETGID`.
        child_attr setgid, set_setgid: OnOff = "setgid" / "state";
        /// `CAP_SETFCAP`.
        child_attr setfcap, set_setfcap: OnOff = "setfcap" / "state";
        /// `CAP_SETPCAP`.
        child_attr setpcap, set_setpcap: OnOff = "setpcap" / "state";
        /// `CAP_SETUID`.
        child_attr setuid, set_setuid: OnOff = "setuid" / "state";
        /// `CAP_SYS_ADMIN`.
        child_attr sys_admin, set_sys_admin: OnOff = "sys_admin" / "state";
        /// `CAP_SYS_BOOT`.
        child_attr sys_boot, set_sys_boot: OnOff = "sys_boot" / "state";
        /// `CAP_SYS_CHROOT`.
        child_attr sys_chroot, set_sys_chroot: OnOff = "sys_chroot" / "state";
        /// `CAP_SYS_MODULE`.
        child_attr sys_module, set_sys_module: OnOff = "sys_module" / "state";
        /// `CAP_SYS_NICE`.
        child_attr sys_nice, set_sys_nice: OnOff = "sys_nice" / "state";
        /// `CAP_SYS_PACCT`.
        child_attr sys_pacct, set_sys_pacct: OnOff = "sys_pacct" / "state";
        /// `CAP_SYS_PTRACE`.
        child_attr sys_ptrace, set_sys_ptrace: OnOff = "sys_ptrace" / "state";
        /// `CAP_SYS_RAWIO`.
        child_attr sys_rawio, set_sys_rawio: OnOff = "sys_rawio" / "state";
        /// `CAP_SYS_RESOURCE`.
        child_attr sys_resource, set_sys_resource: OnOff = "sys_resource" / "state";
        /// `CAP_SYS_TIME`.
        child_attr sys_time, set_sys_time: OnOff = "sys_time" / "state";
        /// `CAP_SYS_TTY_CONFIG`.
        child_attr sys_tty_config, set_sys_tty_config: OnOff = "sys_tty_config" / "state";
        /// `CAP_SYSLOG`.
        child_attr syslog, set_syslog: OnOff = "syslog" / "state";
        /// `CAP_WAKE_ALARM`.
        child_attr wake_alarm, set_wake_alarm: OnOff = "wake_alarm" / "state";
    }
}
