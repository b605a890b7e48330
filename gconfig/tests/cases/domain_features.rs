//! Domain `<features>`: every hypervisor feature, Hyper-V, KVM, Xen and
//! container capabilities.

use libvirt_gconfig::value::{OnOff, Size, SizeUnit, YesNo};

use super::doc_util::{on, rw, s};
use super::{check_domain, Case};

/// The cases of this file.
pub const CASES: &[Case] = &[
    Case::new("edit_every_feature", edit_every_feature),
    Case::new("add_features_to_a_domain", add_features_to_a_domain),
];

fn edit_every_feature() {
    check_domain("domain-features", |dom| {
        let f = dom.features().unwrap();
        assert!(f.acpi() && f.hap() && f.privnet() && f.smm());
        assert!(!f.pae() && !f.viridian());
        f.set_acpi(false);
        f.set_pae(true);
        f.set_viridian(true);
        f.set_privnet(false);
        rw!(f.apic().unwrap(), eoi, set_eoi, on(), Some(OnOff(false)));
        rw!(f, hap_state, set_hap_state, on(), None);
        f.set_hap(true);

        let hv = f.hyperv().unwrap();
        rw!(hv, mode, set_mode, s("custom"), s("passthrough"));
        rw!(hv, relaxed, set_relaxed, on(), Some(OnOff(false)));
        rw!(hv, vapic, set_vapic, on(), None);
        rw!(hv, spinlocks, set_spinlocks, on(), on());
        rw!(hv, vpindex, set_vpindex, on(), Some(OnOff(false)));
        rw!(hv, runtime, set_runtime, on(), None);
        rw!(hv, synic, set_synic, on(), on());
        rw!(hv, stimer, set_stimer, on(), Some(OnOff(false)));
        rw!(hv, reset, set_reset, on(), None);
        rw!(hv, vendor_id, set_vendor_id, on(), on());
        rw!(hv, frequencies, set_frequencies, on(), Some(OnOff(false)));
        rw!(hv, reenlightenment, set_reenlightenment, on(), None);
        rw!(hv, tlbflush, set_tlbflush, on(), on());
        rw!(hv, ipi, set_ipi, on(), Some(OnOff(false)));
        rw!(hv, evmcs, set_evmcs, on(), None);
        rw!(hv, avic, set_avic, on(), on());
        rw!(hv, emsr_bitmap, set_emsr_bitmap, on(), Some(OnOff(false)));
        rw!(hv, xmm_input, set_xmm_input, on(), None);
        rw!(
            hv,
            spinlocks_retries,
            set_spinlocks_retries,
            Some(12287),
            Some(8191)
        );
        rw!(
            hv,
            vendor_id_value,
            set_vendor_id_value,
            s("KVM Hv"),
            s("Hyper-V")
        );
        let st = hv.stimer_config().unwrap();
        rw!(st, state, set_state, Some(OnOff(false)), on());
        rw!(st, direct, set_direct, on(), Some(OnOff(false)));
        assert!(hv.tlbflush_config().is_some());
        let tlb = hv.tlbflush_config_or_create();
        rw!(tlb, state, set_state, on(), on());
        rw!(tlb, direct, set_direct, None, on());
        rw!(tlb, extended, set_extended, None, on());
        assert!(hv.remove_stimer_config());
        assert_eq!(hv.stimer().unwrap(), None);
        hv.stimer_config_or_create().set_direct(on());
        assert!(hv.remove_tlbflush_config());
        hv.tlbflush_config_or_create().set_state(on());

        let kvm = f.kvm().unwrap();
        rw!(kvm, hidden, set_hidden, on(), Some(OnOff(false)));
        rw!(kvm, hint_dedicated, set_hint_dedicated, on(), None);
        rw!(
            kvm,
            poll_control,
            set_poll_control,
            on(),
            Some(OnOff(false))
        );
        rw!(kvm, pv_ipi, set_pv_ipi, on(), Some(OnOff(false)));
        rw!(kvm, dirty_ring, set_dirty_ring, on(), on());
        rw!(
            kvm,
            dirty_ring_size,
            set_dirty_ring_size,
            Some(4096),
            Some(8192)
        );

        let xen = f.xen().unwrap();
        rw!(xen, e820_host, set_e820_host, None, on());
        rw!(xen, passthrough, set_passthrough, on(), on());
        rw!(
            xen,
            passthrough_mode,
            set_passthrough_mode,
            s("share_pt"),
            s("sync_pt")
        );

        rw!(
            f,
            pvspinlock_state,
            set_pvspinlock_state,
            on(),
            Some(OnOff(false))
        );
        let caps = f.capabilities().unwrap();
        rw!(caps, policy, set_policy, s("default"), s("deny"));
        rw!(
            caps,
            audit_control,
            set_audit_control,
            None,
            Some(OnOff(true))
        );
        rw!(caps, audit_write, set_audit_write, None, None);
        rw!(
            caps,
            block_suspend,
            set_block_suspend,
            None,
            Some(OnOff(true))
        );
        rw!(caps, chown, set_chown, None, None);
        rw!(
            caps,
            dac_override,
            set_dac_override,
            None,
            Some(OnOff(true))
        );
        rw!(caps, dac_read_search, set_dac_read_search, None, None);
        rw!(caps, fowner, set_fowner, None, Some(OnOff(true)));
        rw!(caps, fsetid, set_fsetid, None, None);
        rw!(caps, ipc_lock, set_ipc_lock, None, Some(OnOff(true)));
        rw!(caps, ipc_owner, set_ipc_owner, None, None);
        rw!(caps, kill, set_kill, None, Some(OnOff(true)));
        rw!(caps, lease, set_lease, None, None);
        rw!(
            caps,
            linux_immutable,
            set_linux_immutable,
            None,
            Some(OnOff(true))
        );
        rw!(caps, mac_admin, set_mac_admin, None, None);
        rw!(
            caps,
            mac_override,
            set_mac_override,
            None,
            Some(OnOff(true))
        );
        rw!(caps, mknod, set_mknod, on(), Some(OnOff(false)));
        rw!(caps, net_admin, set_net_admin, None, Some(OnOff(true)));
        rw!(caps, net_bind_service, set_net_bind_service, None, None);
        rw!(
            caps,
            net_broadcast,
            set_net_broadcast,
            None,
            Some(OnOff(true))
        );
        rw!(caps, net_raw, set_net_raw, None, None);
        rw!(caps, setgid, set_setgid, None, Some(OnOff(true)));
        rw!(caps, setfcap, set_setfcap, None, None);
        rw!(caps, setpcap, set_setpcap, None, Some(OnOff(true)));
        rw!(caps, setuid, set_setuid, None, None);
        rw!(caps, sys_admin, set_sys_admin, None, Some(OnOff(true)));
        rw!(caps, sys_boot, set_sys_boot, None, None);
        rw!(caps, sys_chroot, set_sys_chroot, None, Some(OnOff(true)));
        rw!(caps, sys_module, set_sys_module, None, None);
        rw!(caps, sys_nice, set_sys_nice, None, Some(OnOff(true)));
        rw!(caps, sys_pacct, set_sys_pacct, None, None);
        rw!(caps, sys_ptrace, set_sys_ptrace, None, Some(OnOff(true)));
        rw!(caps, sys_rawio, set_sys_rawio, None, None);
        rw!(
            caps,
            sys_resource,
            set_sys_resource,
            None,
            Some(OnOff(true))
        );
        rw!(caps, sys_time, set_sys_time, None, None);
        rw!(
            caps,
            sys_tty_config,
            set_sys_tty_config,
            None,
            Some(OnOff(true))
        );
        rw!(caps, syslog, set_syslog, None, None);
        rw!(caps, wake_alarm, set_wake_alarm, None, Some(OnOff(true)));
        rw!(f, pmu_state, set_pmu_state, Some(OnOff(false)), on());
        rw!(f, vmport_state, set_vmport_state, Some(OnOff(false)), None);
        rw!(f, gic_version, set_gic_version, s("2"), s("host"));
        rw!(f, smm_state, set_smm_state, on(), on());
        f.set_smm(true);
        let smm = f.smm_config().unwrap();
        rw!(smm, state, set_state, on(), on());
        rw!(
            smm,
            tseg,
            set_tseg,
            Some(Size::new(48, SizeUnit::MiB)),
            Some(Size::new(64, SizeUnit::MiB))
        );
        rw!(f, ioapic_driver, set_ioapic_driver, s("qemu"), s("kvm"));
        let hpt = f.hpt().unwrap();
        rw!(hpt, resizing, set_resizing, s("required"), s("enabled"));
        rw!(
            hpt,
            maxpagesize,
            set_maxpagesize,
            Some(Size::new(1, SizeUnit::GiB)),
            Some(Size::new(64, SizeUnit::KiB))
        );
        rw!(
            f,
            vmcoreinfo_state,
            set_vmcoreinfo_state,
            on(),
            Some(OnOff(false))
        );
        rw!(f, htm_state, set_htm_state, on(), Some(OnOff(false)));
        rw!(
            f,
            nested_hv_state,
            set_nested_hv_state,
            Some(OnOff(false)),
            on()
        );
        rw!(f, msrs_unknown, set_msrs_unknown, s("ignore"), s("fault"));
        rw!(
            f,
            ccf_assist_state,
            set_ccf_assist_state,
            on(),
            Some(OnOff(false))
        );
        rw!(f, cfpc_value, set_cfpc_value, s("fixed"), s("workaround"));
        rw!(f, sbbc_value, set_sbbc_value, s("broken"), s("fixed"));
        rw!(f, ibs_value, set_ibs_value, s("fixed-ccd"), s("fixed-ibs"));
        let tcg = f.tcg().unwrap();
        rw!(
            tcg,
            tb_cache,
            set_tb_cache,
            Some(Size::new(102400, SizeUnit::KiB)),
            Some(Size::new(256, SizeUnit::MiB))
        );
        rw!(
            f,
            async_teardown_enabled,
            set_async_teardown_enabled,
            Some(YesNo(true)),
            Some(YesNo(false))
        );
        rw!(f, ras_state, set_ras_state, on(), None);
        rw!(f, ps2_state, set_ps2_state, Some(OnOff(false)), on());
    });
}

fn add_features_to_a_domain() {
    check_domain("domain-features-add", |dom| {
        let f = dom.features_or_create();
        assert!(f.hyperv().is_none() && f.kvm().is_none());
        f.set_acpi(true);
        f.apic_or_create();
        let hv = f.hyperv_or_create();
        hv.set_relaxed(on());
        hv.set_spinlocks(on());
        hv.set_spinlocks_retries(Some(8191));
        f.kvm_or_create().set_hidden(on());
        f.xen_or_create().set_e820_host(on());
        f.capabilities_or_create().set_policy(s("allow"));
        f.smm_config_or_create()
            .set_tseg(Some(Size::new(16, SizeUnit::MiB)));
        f.hpt_or_create().set_resizing(s("disabled"));
        f.tcg_or_create()
            .set_tb_cache(Some(Size::new(128, SizeUnit::MiB)));
        assert!(f.remove_xen() && f.remove_capabilities() && f.remove_hpt());
        assert!(f.remove_kvm() && f.kvm().is_none());
        f.kvm_or_create().set_pv_ipi(on());
        assert!(f.remove_apic() && f.remove_tcg());
        f.apic_or_create().set_eoi(on());
        assert!(f.remove_hyperv() && f.remove_smm_config());
        f.hyperv_or_create().set_vapic(on());
        f.smm_config_or_create().set_state(on());
    });
}
