//! Domain resource tuning: `<cputune>`, `<numatune>`, `<memtune>`, `<blkiotune>`,
//! `<memoryBacking>`.

use libvirt_gconfig::value::{Size, SizeUnit};
use libvirt_gconfig::{NumaMode, Scheduler};

use super::doc_util::{rw, s};
use super::{check_domain, Case};

/// The cases of this file.
pub const CASES: &[Case] = &[Case::new("edit_resource_tuning", edit_resource_tuning)];

fn edit_resource_tuning() {
    check_domain("domain-tuning", |dom| {
        rw!(dom, iothreads, set_iothreads, Some(4), Some(2));

        let blk = dom.blkiotune().unwrap();
        rw!(blk, weight, set_weight, Some(800), Some(500));
        let dev = &blk.devices()[0];
        rw!(dev, path, set_path, s("/dev/sda"), s("/dev/vdb"));
        rw!(dev, weight, set_weight, Some(400), None);
        rw!(dev, read_iops_sec, set_read_iops_sec, Some(10000), Some(1));
        rw!(
            dev,
            write_iops_sec,
            set_write_iops_sec,
            Some(10000),
            Some(2)
        );
        rw!(
            dev,
            read_bytes_sec,
            set_read_bytes_sec,
            Some(10000),
            Some(3)
        );
        rw!(
            dev,
            write_bytes_sec,
            set_write_bytes_sec,
            Some(10000),
            Some(4)
        );
        let dev2 = blk.add_device();
        dev2.set_path(s("/dev/sdc"));
        dev2.set_weight(Some(100));
        assert_eq!(blk.devices().len(), 2);
        assert!(blk.remove_device(&blk.devices()[1]));
        blk.add_device().set_path(s("/dev/sdd"));

        let mt = dom.memtune().unwrap();
        rw!(
            mt,
            hard_limit,
            set_hard_limit,
            Some(Size::kib(512000)),
            Some(Size::new(1, SizeUnit::GiB))
        );
        rw!(
            mt,
            soft_limit,
            set_soft_limit,
            Some(Size::from_bytes(0)),
            None
        );
        rw!(
            mt,
            min_guarantee,
            set_min_guarantee,
            None,
            Some(Size::kib(65536))
        );
        rw!(
            mt,
            swap_hard_limit,
            set_swap_hard_limit,
            Some(Size::new(1048576, SizeUnit::KB)),
            Some(Size::new(2, SizeUnit::GiB))
        );

        let mb = dom.memory_backing().unwrap();
        let hp = mb.hugepages().unwrap();
        let page = &hp.pages()[0];
        rw!(page, size, set_size, Some(2048), Some(1048576));
        rw!(page, unit, set_unit, s("KiB"), s("KiB"));
        rw!(page, nodeset, set_nodeset, s("1"), s("0-1"));
        let page2 = hp.add_page();
        page2.set_size(Some(2));
        page2.set_unit(s("MiB"));
        assert!(hp.remove_page(&hp.pages()[1]));
        assert!(!mb.nosharepages() && !mb.locked() && !mb.discard());
        mb.set_nosharepages(true);
        mb.set_locked(true);
        mb.set_discard(true);
        rw!(mb, source_type, set_source_type, s("memfd"), s("file"));
        rw!(mb, access_mode, set_access_mode, s("shared"), s("private"));
        rw!(
            mb,
            allocation_mode,
            set_allocation_mode,
            s("immediate"),
            s("ondemand")
        );
        rw!(
            mb,
            allocation_threads,
            set_allocation_threads,
            Some(8),
            Some(4)
        );
        assert!(mb.remove_hugepages());
        mb.hugepages_or_create().add_page().set_size(Some(2048));

        let ct = dom.cputune().unwrap();
        rw!(ct, shares, set_shares, Some(2048), Some(1024));
        rw!(ct, period, set_period, Some(1000000), Some(100000));
        rw!(ct, quota, set_quota, Some(-1), Some(50000));
        rw!(ct, global_period, set_global_period, Some(1000000), None);
        rw!(ct, global_quota, set_global_quota, Some(-1), None);
        rw!(ct, emulator_period, set_emulator_period, None, Some(20000));
        rw!(ct, emulator_quota, set_emulator_quota, None, Some(-1));
        rw!(
            ct,
            iothread_period,
            set_iothread_period,
            Some(1000000),
            Some(30000)
        );
        rw!(
            ct,
            iothread_quota,
            set_iothread_quota,
            Some(-1),
            Some(40000)
        );
        let pins = ct.vcpupins();
        rw!(pins[1], vcpu, set_vcpu, Some(1), Some(3));
        rw!(pins[1], cpuset, set_cpuset, s("1"), s("1-4,^3"));
        assert!(ct.remove_vcpupin(&pins[0]));
        let pin = ct.add_vcpupin();
        pin.set_vcpu(Some(0));
        pin.set_cpuset(s("0"));
        rw!(ct, emulatorpin, set_emulatorpin, s("1"), s("0-1"));
        let iop = &ct.iothreadpins()[0];
        rw!(iop, iothread, set_iothread, Some(1), Some(2));
        rw!(iop, cpuset, set_cpuset, s("2"), s("3"));
        ct.add_iothreadpin().set_iothread(Some(4));
        assert!(ct.remove_iothreadpin(&ct.iothreadpins()[1]));
        let vs = &ct.vcpuscheds()[0];
        rw!(vs, vcpus, set_vcpus, s("0-1"), s("0-3"));
        rw!(
            vs,
            scheduler,
            set_scheduler,
            Some(Scheduler::Fifo),
            Some(Scheduler::Rr)
        );
        rw!(vs, priority, set_priority, Some(1), Some(5));
        let vs2 = ct.add_vcpusched();
        vs2.set_vcpus(s("4"));
        vs2.set_scheduler(Some(Scheduler::Batch));
        assert!(ct.remove_vcpusched(&vs2));
        let its = &ct.iothreadscheds()[0];
        rw!(its, iothreads, set_iothreads, s("1,3"), s("1"));
        rw!(
            its,
            scheduler,
            set_scheduler,
            Some(Scheduler::Batch),
            Some(Scheduler::Idle)
        );
        ct.add_iothreadsched().set_iothreads(s("2"));
        assert!(ct.remove_iothreadsched(&ct.iothreadscheds()[1]));
        rw!(
            ct,
            emulatorsched_scheduler,
            set_emulatorsched_scheduler,
            Some(Scheduler::Fifo),
            Some(Scheduler::Other("deadline".into()))
        );
        rw!(
            ct,
            emulatorsched_priority,
            set_emulatorsched_priority,
            Some(2),
            None
        );

        let cts = ct.cachetunes();
        let tune = &cts[0];
        rw!(tune, vcpus, set_vcpus, s("0-1"), s("0-2"));
        rw!(tune, id, set_id, None, s("vcpus_0-2"));
        let cache = &tune.caches()[0];
        rw!(cache, id, set_id, Some(0), Some(1));
        rw!(cache, level, set_level, Some(3), Some(2));
        rw!(cache, cache_type, set_cache_type, s("code"), s("both"));
        rw!(cache, size, set_size, Some(7680), Some(6));
        rw!(cache, unit, set_unit, s("KiB"), s("MiB"));
        tune.add_cache().set_id(Some(2));
        assert!(tune.remove_cache(&tune.caches()[1]));
        let mon = &tune.monitors()[0];
        rw!(mon, level, set_level, Some(3), Some(2));
        rw!(mon, vcpus, set_vcpus, s("0"), s("1"));
        tune.add_monitor().set_vcpus(s("2"));
        assert!(tune.remove_monitor(&tune.monitors()[1]));
        let extra = ct.add_cachetune();
        extra.set_vcpus(s("3"));
        assert!(ct.remove_cachetune(&extra));

        let mts = ct.memorytunes();
        let mtune = &mts[0];
        rw!(mtune, vcpus, set_vcpus, s("2"), s("2-3"));
        let node = &mtune.nodes()[0];
        rw!(node, id, set_id, Some(0), Some(1));
        rw!(node, bandwidth, set_bandwidth, Some(20), Some(60));
        mtune.add_node().set_id(Some(2));
        assert!(mtune.remove_node(&mtune.nodes()[1]));
        assert_eq!(mtune.monitors()[0].vcpus().unwrap(), s("2"));
        mtune.add_monitor().set_vcpus(s("3"));
        assert!(mtune.remove_monitor(&mtune.monitors()[1]));
        let m2 = ct.add_memorytune();
        m2.set_vcpus(s("5"));
        assert!(ct.remove_memorytune(&m2));

        let nt = dom.numatune().unwrap();
        rw!(
            nt,
            memory_mode,
            set_memory_mode,
            Some(NumaMode::Strict),
            Some(NumaMode::Interleave)
        );
        rw!(nt, memory_nodeset, set_memory_nodeset, s("0-1"), None);
        rw!(nt, memory_placement, set_memory_placement, None, s("auto"));
        let mn = &nt.memnodes()[0];
        rw!(mn, cellid, set_cellid, Some(0), Some(1));
        rw!(
            mn,
            mode,
            set_mode,
            Some(NumaMode::Preferred),
            Some(NumaMode::Restrictive)
        );
        rw!(mn, nodeset, set_nodeset, s("3"), s("2"));
        let mn2 = nt.add_memnode();
        mn2.set_cellid(Some(0));
        mn2.set_mode(Some(NumaMode::Strict));
        mn2.set_nodeset(s("1"));
        assert!(nt.remove_memnode(&nt.memnodes()[0]));

        // The sections exist: `*_or_create` returns them unchanged.
        assert_eq!(dom.memtune_or_create(), mt);
        assert_eq!(dom.blkiotune_or_create(), blk);
        assert_eq!(dom.numatune_or_create(), nt);
        assert_eq!(dom.memory_backing_or_create(), mb);
        assert_eq!(dom.cputune_or_create(), ct);
    });
}
