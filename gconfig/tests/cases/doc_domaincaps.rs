//! The `<domainCapabilities>` document.

use libvirt_gconfig::value::{Size, SizeUnit, YesNo};
use libvirt_gconfig::DomainCaps;

use super::doc_util::{check_built, get};
use super::{check_with, Case};

/// The cases of this file.
pub const CASES: &[Case] = &[
    Case::new("domcaps_edit", domcaps_edit),
    Case::new("domcaps_build_from_scratch", domcaps_build_from_scratch),
];

fn domcaps_edit() {
    check_with(
        "domcaps-edit",
        DomainCaps::from_xml,
        DomainCaps::to_xml,
        |dc| {
            assert_eq!(get(dc.path()), "/usr/bin/qemu-system-x86_64");
            dc.set_path(Some("/usr/libexec/qemu-kvm".into()));
            assert_eq!(get(dc.domain()), "kvm");
            dc.set_domain(Some("qemu".into()));
            assert_eq!(get(dc.machine()), "pc-q35-9.1");
            dc.set_machine(Some("pc-q35-9.2".into()));
            assert_eq!(get(dc.arch()), "x86_64");
            dc.set_arch(Some("i686".into()));
            assert_eq!(get(dc.vcpu_max()), 4096);
            dc.set_vcpu_max(Some(288));
            assert_eq!(get(dc.iothreads_supported()), YesNo(true));
            dc.set_iothreads_supported(Some(YesNo(false)));

            let os = dc.os().unwrap();
            assert_eq!(get(os.supported()), YesNo(true));
            assert_eq!(os.enum_values("firmware"), ["bios", "efi"]);
            assert_eq!(os.firmwares(), ["bios", "efi"]);
            os.enums()[0].push_value("uefi");
            let loader = os.loader().unwrap();
            assert_eq!(get(loader.supported()), YesNo(true));
            assert_eq!(loader.enum_values("type"), ["rom", "pflash"]);
            let fw = loader.values();
            assert_eq!(get(fw[1].value()), "/obviously/fake/firmware2.fd");
            fw[1].set_value(Some("/usr/share/OVMF/OVMF_CODE.fd".into()));
            assert!(loader.remove_value(&fw[0]));
            loader
                .add_value()
                .set_value(Some("/usr/share/OVMF/OVMF_CODE.secboot.fd".into()));
            let secure = &loader.enums()[2];
            assert_eq!(get(secure.name()), "secure");
            assert!(secure.remove_value(&secure.values()[1]));
            assert!(loader.remove_enum(&loader.enums()[1]));
            loader.set_supported(Some(YesNo(true)));
            os.set_supported(Some(YesNo(true)));

            let cpu = dc.cpu().unwrap();
            let pt = cpu.mode("host-passthrough").unwrap();
            assert_eq!(get(pt.supported()), YesNo(true));
            assert_eq!(pt.enums()[0].value_list(), ["on", "off"]);
            pt.set_supported(Some(YesNo(false)));
            let hm = cpu.mode("host-model").unwrap();
            let m = &hm.models()[0];
            assert_eq!(get(m.fallback()), "forbid");
            assert_eq!(get(m.name()), "EPYC-Rome");
            m.set_fallback(Some("allow".into()));
            m.set_name(Some("EPYC-Milan".into()));
            assert_eq!(get(hm.vendor()), "AMD");
            hm.set_vendor(Some("Intel".into()));
            assert_eq!(get(hm.maxphysaddr_mode()), "passthrough");
            hm.set_maxphysaddr_mode(Some("emulate".into()));
            assert_eq!(get(hm.maxphysaddr_limit()), 64);
            hm.set_maxphysaddr_limit(Some(48));
            let feats = hm.features();
            assert_eq!(get(feats[0].policy()), "require");
            assert_eq!(get(feats[1].name()), "tsc-deadline");
            feats[0].set_policy(Some("disable".into()));
            feats[1].set_name(Some("pcid".into()));
            assert!(hm.remove_feature(&feats[0]));
            let f = hm.add_feature();
            f.set_policy(Some("require".into()));
            f.set_name(Some("x2apic".into()));
            let custom = cpu.mode("custom").unwrap();
            assert_eq!(get(custom.name()), "custom");
            let models = custom.models();
            assert_eq!(get(models[2].usable()), "no");
            assert_eq!(get(models[2].vendor()), "AMD");
            assert_eq!(models[2].deprecated().unwrap(), None);
            models[2].set_deprecated(Some(YesNo(true)));
            models[1].set_usable(Some("unknown".into()));
            models[1].set_vendor(Some("Intel".into()));
            let m = custom.add_model();
            m.set_usable(Some("yes".into()));
            m.set_name(Some("Skylake-Client".into()));
            assert!(cpu.remove_mode(&cpu.mode("maximum").unwrap()));
            let max = cpu.add_mode();
            max.set_name(Some("maximum".into()));
            max.set_supported(Some(YesNo(false)));

            let mb = dc.memory_backing().unwrap();
            assert_eq!(mb.enum_values("sourceType"), ["file", "anonymous", "memfd"]);
            mb.set_supported(Some(YesNo(false)));

            let devs = dc.devices().unwrap();
            let disk = devs.disk().unwrap();
            assert_eq!(get(disk.supported()), YesNo(true));
            assert_eq!(
                disk.enum_values("diskDevice"),
                ["disk", "cdrom", "floppy", "lun"]
            );
            disk.enum_or_create("diskDevice").push_value("zoned");
            disk.enum_or_create("cache").push_value("none");
            assert!(disk.enum_values("nonexistent").is_empty());
            let gr = devs.graphics().unwrap();
            assert_eq!(
                gr.enum_values("type"),
                ["sdl", "vnc", "spice", "egl-headless", "dbus"]
            );
            let e = &gr.enums()[0];
            assert!(e.remove_value(&e.values()[0]));
            assert!(devs
                .video()
                .unwrap()
                .enum_values("modelType")
                .contains(&"virtio".to_string()));
            assert!(devs
                .hostdev()
                .unwrap()
                .enum_values("mode")
                .contains(&"subsystem".to_string()));
            assert_eq!(
                devs.rng().unwrap().enum_values("backendModel"),
                ["random", "egd", "builtin"]
            );
            assert!(devs
                .filesystem()
                .unwrap()
                .enum_values("driverType")
                .contains(&"virtiofs".to_string()));
            assert!(devs
                .tpm()
                .unwrap()
                .enum_values("model")
                .contains(&"tpm-crb".to_string()));
            assert_eq!(devs.redirdev().unwrap().enum_values("bus"), ["usb"]);
            assert!(devs
                .channel()
                .unwrap()
                .enum_values("type")
                .contains(&"pty".to_string()));
            assert!(devs
                .crypto()
                .unwrap()
                .enum_values("model")
                .contains(&"virtio".to_string()));
            assert!(devs
                .interface()
                .unwrap()
                .enum_values("backendType")
                .contains(&"default".to_string()));
            assert!(devs.remove_crypto());
            devs.tpm_or_create().set_supported(Some(YesNo(false)));
            devs.disk_or_create().set_supported(Some(YesNo(true)));
            devs.graphics_or_create().set_supported(Some(YesNo(true)));
            devs.video_or_create().set_supported(Some(YesNo(true)));
            devs.hostdev_or_create().set_supported(Some(YesNo(false)));
            devs.rng_or_create().set_supported(Some(YesNo(true)));
            devs.filesystem_or_create().set_supported(Some(YesNo(true)));
            devs.redirdev_or_create().set_supported(Some(YesNo(false)));
            devs.channel_or_create().set_supported(Some(YesNo(true)));
            devs.interface_or_create().set_supported(Some(YesNo(true)));
            devs.crypto_or_create().set_supported(Some(YesNo(false)));

            let feats = dc.features().unwrap();
            assert_eq!(get(feats.gic().unwrap().supported()), YesNo(false));
            let gic = feats.gic_or_create();
            gic.set_supported(Some(YesNo(true)));
            gic.enum_or_create("version").push_value("3");
            assert_eq!(get(feats.vmcoreinfo().unwrap().supported()), YesNo(true));
            feats
                .vmcoreinfo_or_create()
                .set_supported(Some(YesNo(false)));
            assert_eq!(get(feats.genid().unwrap().supported()), YesNo(true));
            feats.genid_or_create().set_supported(Some(YesNo(false)));
            assert!(feats.backing_store_input().is_some());
            feats
                .backing_store_input_or_create()
                .set_supported(Some(YesNo(false)));
            assert!(feats.backup().is_some());
            feats.backup_or_create().set_supported(Some(YesNo(false)));
            assert!(feats.async_teardown().is_some());
            feats
                .async_teardown_or_create()
                .set_supported(Some(YesNo(false)));
            assert!(feats.s390_pv().is_none());
            feats.s390_pv_or_create().set_supported(Some(YesNo(false)));
            assert!(feats.ps2().is_some());
            assert!(feats.remove_ps2());

            let sev = feats.sev().unwrap();
            assert_eq!(get(sev.supported()), YesNo(true));
            assert_eq!(get(sev.cbitpos()), 47);
            sev.set_cbitpos(Some(51));
            assert_eq!(get(sev.reduced_phys_bits()), 1);
            sev.set_reduced_phys_bits(Some(5));
            assert_eq!(get(sev.max_guests()), 59);
            sev.set_max_guests(Some(509));
            assert_eq!(get(sev.max_es_guests()), 450);
            sev.set_max_es_guests(None);
            sev.set_supported(Some(YesNo(true)));
            assert_eq!(feats.sev_or_create(), sev);

            let sgx = feats.sgx().unwrap();
            assert_eq!(get(sgx.supported()), YesNo(true));
            assert_eq!(get(sgx.flc()), YesNo(false));
            sgx.set_flc(Some(YesNo(true)));
            assert_eq!(get(sgx.sgx1()), YesNo(true));
            assert_eq!(get(sgx.sgx2()), YesNo(false));
            sgx.set_sgx2(Some(YesNo(true)));
            sgx.set_sgx1(Some(YesNo(true)));
            assert_eq!(get(sgx.section_size()), Size::new(524288, SizeUnit::KiB));
            sgx.set_section_size(Some(Size::new(1, SizeUnit::GiB)));
            let secs = sgx.sections().unwrap();
            let s = secs.sections();
            assert_eq!(
                (get(s[1].node()), get(s[1].size()), get(s[1].unit())),
                (1, 262144, "KiB".to_string())
            );
            s[1].set_size(Some(786432));
            s[0].set_node(Some(0));
            s[0].set_unit(Some("KiB".into()));
            let n2 = secs.add_section();
            n2.set_node(Some(2));
            n2.set_size(Some(0));
            n2.set_unit(Some("KiB".into()));
            assert_eq!(sgx.sections_or_create(), secs);
            sgx.set_supported(Some(YesNo(true)));
            assert_eq!(feats.sgx_or_create(), sgx);

            let hv = feats.hyperv().unwrap();
            assert!(hv.enum_values("features").contains(&"tlbflush".to_string()));
            assert!(feats.remove_hyperv());
            feats.hyperv_or_create().set_supported(Some(YesNo(false)));
            assert_eq!(
                get(feats.launch_security().unwrap().supported()),
                YesNo(false)
            );
            let ls = feats.launch_security_or_create();
            ls.set_supported(Some(YesNo(true)));
            ls.enum_or_create("sectype").push_value("sev");
        },
    );
}

fn domcaps_build_from_scratch() {
    let dc = DomainCaps::new();
    dc.set_path(Some("/usr/bin/qemu-system-x86_64".into()));
    dc.set_domain(Some("kvm".into()));
    dc.set_machine(Some("pc-q35-8.2".into()));
    dc.set_arch(Some("x86_64".into()));
    dc.set_vcpu_max(Some(255));
    dc.set_iothreads_supported(Some(YesNo(true)));
    let os = dc.os_or_create();
    os.set_supported(Some(YesNo(true)));
    let fw = os.add_enum();
    fw.set_name(Some("firmware".into()));
    fw.push_value("efi");
    let loader = os.loader_or_create();
    loader.set_supported(Some(YesNo(true)));
    loader
        .add_value()
        .set_value(Some("/usr/share/OVMF/OVMF_CODE.fd".into()));
    let t = loader.add_enum();
    t.set_name(Some("type".into()));
    t.push_value("pflash");
    let cpu = dc.cpu_or_create();
    let pt = cpu.add_mode();
    pt.set_name(Some("host-passthrough".into()));
    pt.set_supported(Some(YesNo(true)));
    let mig = pt.add_enum();
    mig.set_name(Some("hostPassthroughMigratable".into()));
    mig.push_value("off");
    let max = cpu.add_mode();
    max.set_name(Some("maximum".into()));
    max.set_supported(Some(YesNo(false)));
    let hm = cpu.add_mode();
    hm.set_name(Some("host-model".into()));
    hm.set_supported(Some(YesNo(true)));
    let m = hm.add_model();
    m.set_fallback(Some("forbid".into()));
    m.set_name(Some("Skylake-Client-IBRS".into()));
    hm.set_vendor(Some("Intel".into()));
    let f = hm.add_feature();
    f.set_policy(Some("require".into()));
    f.set_name(Some("ss".into()));
    let custom = cpu.add_mode();
    custom.set_name(Some("custom".into()));
    custom.set_supported(Some(YesNo(true)));
    let m = custom.add_model();
    m.set_usable(Some("yes".into()));
    m.set_deprecated(Some(YesNo(false)));
    m.set_vendor(Some("Intel".into()));
    m.set_name(Some("Skylake-Client".into()));
    let mb = dc.memory_backing_or_create();
    mb.set_supported(Some(YesNo(true)));
    mb.enum_or_create("sourceType").push_value("memfd");
    let devs = dc.devices_or_create();
    let disk = devs.disk_or_create();
    disk.set_supported(Some(YesNo(true)));
    disk.enum_or_create("bus").push_value("virtio");
    let feats = dc.features_or_create();
    feats.gic_or_create().set_supported(Some(YesNo(false)));
    let sev = feats.sev_or_create();
    sev.set_supported(Some(YesNo(true)));
    sev.set_cbitpos(Some(47));
    sev.set_reduced_phys_bits(Some(1));
    sev.set_max_guests(Some(15));
    sev.set_max_es_guests(Some(0));
    let sgx = feats.sgx_or_create();
    sgx.set_supported(Some(YesNo(true)));
    sgx.set_flc(Some(YesNo(false)));
    sgx.set_sgx1(Some(YesNo(true)));
    sgx.set_sgx2(Some(YesNo(false)));
    sgx.set_section_size(Some(Size::new(524288, SizeUnit::KiB)));
    let s = sgx.sections_or_create().add_section();
    s.set_node(Some(0));
    s.set_size(Some(524288));
    s.set_unit(Some("KiB".into()));
    check_built("domcaps-build", &dc.to_xml(), "domaincaps");
    assert!(dc.remove_features() && dc.remove_devices() && dc.remove_memory_backing());
    assert!(dc.remove_cpu() && dc.remove_os());
}
