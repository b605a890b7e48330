//! The `<capabilities>` document.

use libvirt_gconfig::value::{OnOff, Size, SizeUnit, YesNo};
use libvirt_gconfig::Capabilities;

use super::doc_util::{check_built, get, uuid};
use super::{check_with, Case};

/// The cases of this file.
pub const CASES: &[Case] = &[
    Case::new("caps_edit_host", caps_edit_host),
    Case::new("caps_edit_guest", caps_edit_guest),
    Case::new("caps_build_from_scratch", caps_build_from_scratch),
];

fn caps_edit_host() {
    check_with(
        "caps-edit",
        Capabilities::from_xml,
        Capabilities::to_xml,
        |caps| {
            let host = caps.host().unwrap();
            assert_eq!(
                get(host.uuid()),
                uuid("a25c794c-34ad-11b2-a85c-b030533115b8")
            );
            host.set_uuid(Some(uuid("d54df46f-1ab5-4a22-8618-4560ef5fac2c")));

            let cpu = host.cpu().unwrap();
            assert_eq!(get(cpu.arch()), "x86_64");
            cpu.set_arch(Some("aarch64".into()));
            assert_eq!(get(cpu.model()), "Haswell-noTSX");
            cpu.set_model(Some("Skylake-Client".into()));
            assert_eq!(get(cpu.vendor()), "Intel");
            cpu.set_vendor(Some("AMD".into()));
            assert_eq!(get(cpu.microcode_version()), 45);
            cpu.set_microcode_version(Some(46));
            assert_eq!(cpu.signature_family().unwrap(), None);
            cpu.set_signature_family(Some(6));
            cpu.set_signature_model(Some(94));
            cpu.set_signature_stepping(Some(3));
            assert_eq!(get(cpu.signature_model()), 94);
            assert_eq!(get(cpu.signature_stepping()), 3);
            let counter = cpu.counter().unwrap();
            assert_eq!(get(counter.name()), "tsc");
            assert_eq!(get(counter.frequency()), 2596991000);
            counter.set_frequency(Some(2600000000));
            assert_eq!(get(counter.scaling()), YesNo(false));
            counter.set_scaling(Some(YesNo(true)));
            counter.set_name(Some("tsc".into()));
            let topo = cpu.topology().unwrap();
            assert_eq!(get(topo.sockets()), 1);
            topo.set_sockets(Some(2));
            assert_eq!(get(topo.dies()), 1);
            topo.set_dies(None);
            assert_eq!(topo.clusters().unwrap(), None);
            topo.set_clusters(Some(1));
            assert_eq!(get(topo.cores()), 8);
            topo.set_cores(Some(4));
            assert_eq!(get(topo.threads()), 1);
            topo.set_threads(Some(2));
            assert_eq!(get(cpu.maxphysaddr_mode()), "emulate");
            cpu.set_maxphysaddr_mode(Some("passthrough".into()));
            assert_eq!(get(cpu.maxphysaddr_bits()), 39);
            cpu.set_maxphysaddr_bits(Some(46));
            let feats = cpu.features();
            assert_eq!(get(feats[1].name()), "ds");
            feats[1].set_name(Some("ss".into()));
            assert!(cpu.remove_feature(&feats[0]));
            cpu.add_feature().set_name(Some("invtsc".into()));
            let pages = cpu.pages();
            assert_eq!(get(pages[1].unit()), "KiB");
            assert_eq!(get(pages[1].size()), 2048);
            let p = cpu.add_pages();
            p.set_unit(Some("KiB".into()));
            p.set_size(Some(1048576));
            assert!(cpu.feature_flags().is_none());
            let flags = cpu.feature_flags_or_create();
            flags.set_pae(true);
            flags.set_vmx(true);
            assert!(flags.pae() && !flags.nonpae() && flags.vmx() && !flags.svm());
            flags.set_nonpae(false);
            flags.set_svm(false);

            let pm = host.power_management().unwrap();
            assert!(pm.suspend_mem() && pm.suspend_disk() && pm.suspend_hybrid());
            pm.set_suspend_disk(false);
            pm.set_suspend_hybrid(false);
            pm.set_suspend_mem(true);
            assert_eq!(get(host.iommu_support()), YesNo(false));
            host.set_iommu_support(Some(YesNo(true)));
            let mig = host.migration_features().unwrap();
            assert!(mig.live());
            mig.set_live(true);
            let tr = mig.uri_transports().unwrap();
            let ts = tr.transports();
            assert_eq!(get(ts[1].name()), "rdma");
            ts[1].set_name(Some("unix".into()));
            assert!(tr.remove_transport(&ts[0]));
            tr.add_transport().set_name(Some("tcp".into()));

            let topo = host.topology().unwrap();
            assert_eq!(get(topo.cells_num()), 1);
            topo.set_cells_num(Some(2));
            let cells = topo.cells().unwrap();
            let cell = &cells.cells()[0];
            assert_eq!(get(cell.id()), 0);
            assert_eq!(get(cell.memory()), Size::new(16175540, SizeUnit::KiB));
            cell.set_memory(Some(Size::new(16, SizeUnit::GiB)));
            let cp = cell.pages();
            assert_eq!(get(cp[0].count()), 4043885);
            cp[0].set_count(Some(4000000));
            assert!(cell.remove_pages(&cp[1]));
            let sib = cell.distances().unwrap().siblings();
            assert_eq!((get(sib[1].id()), get(sib[1].value())), (1, 21));
            sib[1].set_value(Some(20));
            let cache = &cell.caches()[0];
            assert_eq!(get(cache.level()), 1);
            cache.set_level(Some(2));
            assert_eq!(get(cache.associativity()), "direct");
            cache.set_associativity(Some("full".into()));
            assert_eq!(get(cache.policy()), "writeback");
            cache.set_policy(Some("writethrough".into()));
            assert_eq!(get(cache.size_value()), 10);
            cache.set_size_value(Some(20));
            assert_eq!(get(cache.size_unit()), "KiB");
            cache.set_size_unit(Some("MiB".into()));
            assert_eq!(get(cache.line_value()), 8);
            cache.set_line_value(Some(64));
            assert_eq!(get(cache.line_unit()), "B");
            cache.set_line_unit(Some("B".into()));
            assert_eq!(get(cell.cpus_num()), 2);
            cell.set_cpus_num(Some(3));
            let cpus = cell.cpus().unwrap();
            let c = &cpus.cpus()[1];
            assert_eq!(get(c.id()), 2);
            assert_eq!(get(c.socket_id()), 0);
            assert_eq!(get(c.die_id()), 0);
            assert_eq!(get(c.cluster_id()), 0);
            assert_eq!(get(c.core_id()), 1);
            assert_eq!(get(c.siblings()), "2");
            c.set_siblings(Some("2,3".into()));
            let n = cpus.add_cpu();
            n.set_id(Some(3));
            n.set_socket_id(Some(0));
            n.set_die_id(Some(0));
            n.set_cluster_id(Some(0));
            n.set_core_id(Some(1));
            n.set_siblings(Some("2,3".into()));
            let c2 = cells.add_cell();
            c2.set_id(Some(1));
            c2.distances_or_create().add_sibling().set_id(Some(0));
            c2.add_cache().set_level(Some(3));
            c2.cpus_or_create().add_cpu().set_id(Some(1));
            c2.add_pages().set_size(Some(4));
            let ic = topo.interconnects().unwrap();
            let lat = &ic.latencies()[0];
            assert_eq!(get(lat.initiator()), 0);
            assert_eq!(get(lat.target()), 0);
            assert_eq!(get(lat.access_type()), "read");
            assert_eq!(get(lat.value()), 6);
            lat.set_value(Some(5));
            lat.set_target(Some(1));
            lat.set_initiator(Some(1));
            lat.set_access_type(Some("write".into()));
            let bw = &ic.bandwidths()[0];
            assert_eq!(get(bw.unit()), "KiB");
            bw.set_unit(Some("MiB".into()));
            assert_eq!(bw.cache().unwrap(), None);
            bw.set_cache(Some(1));
            ic.add_latency().set_value(Some(7));
            ic.add_bandwidth().set_value(Some(1));

            let cache = host.cache().unwrap();
            let bank = &cache.banks()[0];
            assert_eq!(get(bank.id()), 0);
            bank.set_id(Some(1));
            assert_eq!(get(bank.level()), 3);
            bank.set_level(Some(2));
            assert_eq!(get(bank.cache_type()), "both");
            bank.set_cache_type(Some("code".into()));
            assert_eq!(get(bank.size()), 15);
            bank.set_size(Some(30));
            assert_eq!(get(bank.unit()), "MiB");
            bank.set_unit(Some("KiB".into()));
            assert_eq!(get(bank.cpus()), "0-5");
            bank.set_cpus(Some("0-11".into()));
            let ctl = &bank.controls()[0];
            assert_eq!(get(ctl.granularity()), 768);
            ctl.set_granularity(Some(512));
            assert_eq!(get(ctl.min()), 1536);
            ctl.set_min(None);
            assert_eq!(get(ctl.unit()), "KiB");
            ctl.set_unit(Some("MiB".into()));
            assert_eq!(get(ctl.cache_type()), "both");
            ctl.set_cache_type(Some("data".into()));
            assert_eq!(get(ctl.max_allocs()), 4);
            ctl.set_max_allocs(Some(8));
            bank.add_control().set_cache_type(Some("code".into()));
            cache.add_bank().set_id(Some(2));
            let mon = &cache.monitors()[0];
            assert_eq!(get(mon.level()), 3);
            mon.set_level(Some(2));
            assert_eq!(get(mon.reuse_threshold()), 270336);
            mon.set_reuse_threshold(Some(0));
            assert_eq!(get(mon.max_monitors()), 176);
            mon.set_max_monitors(Some(128));
            assert_eq!(get(mon.features()[0].name()), "llc_occupancy");
            mon.add_feature().set_name(Some("mbm_local_bytes".into()));
            cache.add_monitor().set_max_monitors(Some(4));

            let mb = host.memory_bandwidth().unwrap();
            let node = &mb.nodes()[0];
            assert_eq!(get(node.id()), 0);
            node.set_id(Some(1));
            assert_eq!(get(node.cpus()), "0-5");
            node.set_cpus(Some("6-11".into()));
            assert_eq!(get(node.granularity()), 10);
            node.set_granularity(Some(5));
            assert_eq!(get(node.min()), 10);
            node.set_min(Some(5));
            assert_eq!(get(node.max_allocs()), 4);
            node.set_max_allocs(Some(8));
            mb.add_node().set_id(Some(2));
            let m = &mb.monitors()[0];
            assert_eq!(get(m.max_monitors()), 176);
            mb.add_monitor().set_max_monitors(Some(1));

            let sm = &host.secmodels()[0];
            assert_eq!(get(sm.model()), "selinux");
            sm.set_model(Some("apparmor".into()));
            assert_eq!(get(sm.doi()), "0");
            sm.set_doi(Some("1".into()));
            let bl = &sm.baselabels()[0];
            assert_eq!(get(bl.domain_type()), "kvm");
            assert_eq!(get(bl.label()), "system_u:system_r:svirt_t:s0");
            bl.set_label(Some("system_u:system_r:svirt_t:s1".into()));
            let qemu = sm.add_baselabel();
            qemu.set_domain_type(Some("qemu".into()));
            qemu.set_label(Some("system_u:system_r:svirt_tcg_t:s0".into()));
            let dac = host.add_secmodel();
            dac.set_model(Some("dac".into()));
            dac.set_doi(Some("0".into()));
        },
    );
}

fn caps_edit_guest() {
    check_with(
        "caps-guest",
        Capabilities::from_xml,
        Capabilities::to_xml,
        |caps| {
            let guests = caps.guests();
            let g = &guests[0];
            assert_eq!(get(g.os_type()), "hvm");
            g.set_os_type(Some("xen".into()));
            let arch = g.arch().unwrap();
            assert_eq!(get(arch.name()), "i686");
            arch.set_name(Some("x86_64".into()));
            assert_eq!(get(arch.wordsize()), 32);
            arch.set_wordsize(Some(64));
            assert_eq!(get(arch.emulator()), "/usr/bin/qemu-system-i386");
            arch.set_emulator(Some("/usr/bin/qemu-system-x86_64".into()));
            assert_eq!(arch.loader().unwrap(), None);
            arch.set_loader(Some("/usr/lib/xen/boot/hvmloader".into()));
            let machines = arch.machines();
            assert_eq!(get(machines[0].name()), "pc-0.11");
            assert_eq!(get(machines[0].max_cpus()), 255);
            machines[0].set_max_cpus(Some(288));
            assert_eq!(get(machines[1].canonical()), "pc-0.11");
            machines[1].set_canonical(Some("pc-i440fx-9.0".into()));
            assert_eq!(machines[1].deprecated().unwrap(), None);
            machines[0].set_deprecated(Some(YesNo(true)));
            assert_eq!(get(machines[0].deprecated()), YesNo(true));
            machines[0].set_name(Some("pc-0.12".into()));
            arch.add_machine().set_name(Some("q35".into()));
            let doms = arch.domains();
            assert_eq!(get(doms[0].domain_type()), "qemu");
            doms[0].set_domain_type(Some("tcg".into()));
            let kvm = &doms[1];
            assert_eq!(get(kvm.emulator()), "/usr/bin/qemu-system-i386");
            kvm.set_emulator(None);
            let km = kvm.machines();
            assert_eq!(get(km[0].name()), "isapc");
            assert!(kvm.remove_machine(&km[0]));
            kvm.add_machine().set_name(Some("pc".into()));
            arch.add_domain().set_domain_type(Some("xen".into()));

            let f = g.features().unwrap();
            assert_eq!(
                f.names(),
                [
                    "pae",
                    "nonpae",
                    "acpi",
                    "apic",
                    "cpuselection",
                    "deviceboot",
                    "disksnapshot",
                    "externalSnapshot"
                ]
            );
            assert!(f.pae() && f.nonpae() && !f.ia64_be());
            f.set_pae(false);
            f.set_nonpae(true);
            f.set_ia64_be(false);
            let acpi = f.acpi().unwrap();
            assert_eq!(get(acpi.default()), OnOff(true));
            assert_eq!(get(acpi.toggle()), YesNo(true));
            acpi.set_toggle(Some(YesNo(false)));
            let apic = f.apic().unwrap();
            apic.set_default(Some(OnOff(false)));
            assert!(f.cpuselection() && f.deviceboot() && f.external_snapshot());
            f.set_cpuselection(true);
            f.set_deviceboot(false);
            f.set_external_snapshot(false);
            assert_eq!(get(f.disksnapshot().unwrap().toggle()), YesNo(false));
            assert!(f.hap().is_none());
            f.hap_or_create().set_default(Some(OnOff(true)));
        },
    );
}

fn caps_build_from_scratch() {
    let caps = Capabilities::new();
    let host = caps.host_or_create();
    host.set_uuid(Some(uuid("d54df46f-1ab5-4a22-8618-4560ef5fac2c")));
    let cpu = host.cpu_or_create();
    cpu.set_arch(Some("x86_64".into()));
    cpu.set_model(Some("Skylake-Client-IBRS".into()));
    cpu.set_vendor(Some("Intel".into()));
    let counter = cpu.counter_or_create();
    counter.set_name(Some("tsc".into()));
    counter.set_frequency(Some(2400000000));
    counter.set_scaling(Some(YesNo(false)));
    let t = cpu.topology_or_create();
    t.set_sockets(Some(1));
    t.set_dies(Some(1));
    t.set_cores(Some(4));
    t.set_threads(Some(2));
    host.power_management_or_create().set_suspend_mem(true);
    host.set_iommu_support(Some(YesNo(true)));
    let mig = host.migration_features_or_create();
    mig.set_live(true);
    mig.uri_transports_or_create()
        .add_transport()
        .set_name(Some("tcp".into()));
    let topo = host.topology_or_create();
    topo.set_cells_num(Some(1));
    let cell = topo.cells_or_create().add_cell();
    cell.set_id(Some(0));
    cell.set_memory(Some(Size::new(8388608, SizeUnit::KiB)));
    cell.set_cpus_num(Some(1));
    let c = cell.cpus_or_create().add_cpu();
    c.set_id(Some(0));
    c.set_socket_id(Some(0));
    c.set_die_id(Some(0));
    c.set_core_id(Some(0));
    c.set_siblings(Some("0".into()));
    let lat = topo.interconnects_or_create().add_latency();
    lat.set_initiator(Some(0));
    lat.set_target(Some(0));
    lat.set_access_type(Some("access".into()));
    lat.set_value(Some(10));
    let bank = host.cache_or_create().add_bank();
    bank.set_id(Some(0));
    bank.set_level(Some(3));
    bank.set_cache_type(Some("both".into()));
    bank.set_size(Some(8));
    bank.set_unit(Some("MiB".into()));
    bank.set_cpus(Some("0".into()));
    let node = host.memory_bandwidth_or_create().add_node();
    node.set_id(Some(0));
    node.set_cpus(Some("0".into()));
    node.set_granularity(Some(10));
    node.set_max_allocs(Some(4));
    let g = caps.add_guest();
    g.set_os_type(Some("hvm".into()));
    let arch = g.arch_or_create();
    arch.set_name(Some("x86_64".into()));
    arch.set_wordsize(Some(64));
    arch.set_emulator(Some("/usr/bin/qemu-system-x86_64".into()));
    let m = arch.add_machine();
    m.set_max_cpus(Some(255));
    m.set_name(Some("pc-q35-8.0".into()));
    arch.add_domain().set_domain_type(Some("kvm".into()));
    let f = g.features_or_create();
    f.set_pae(true);
    let acpi = f.acpi_or_create();
    acpi.set_default(Some(OnOff(true)));
    acpi.set_toggle(Some(YesNo(true)));
    let apic = f.apic_or_create();
    apic.set_default(Some(OnOff(true)));
    apic.set_toggle(Some(YesNo(false)));
    let ds = f.disksnapshot_or_create();
    ds.set_default(Some(OnOff(true)));
    ds.set_toggle(Some(YesNo(false)));
    check_built("caps-build", &caps.to_xml(), "capability");
    assert!(f.remove_hap() || f.hap().is_none());
}
