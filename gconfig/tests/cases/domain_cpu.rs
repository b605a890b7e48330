//! Domain `<cpu>`: model, topology, features, NUMA cells and interconnects.

use libvirt_gconfig::value::{OnOff, YesNo};
use libvirt_gconfig::{CpuFeaturePolicy, CpuMatch, CpuMode};

use super::doc_util::{rw, s};
use super::{check_domain, Case};

/// The cases of this file.
pub const CASES: &[Case] = &[Case::new(
    "edit_cpu_model_topology_numa",
    edit_cpu_model_topology_numa,
)];

fn edit_cpu_model_topology_numa() {
    check_domain("domain-cpu", |dom| {
        let cpu = dom.cpu().unwrap();
        rw!(
            cpu,
            mode,
            set_mode,
            Some(CpuMode::Custom),
            Some(CpuMode::HostModel)
        );
        rw!(
            cpu,
            cpu_match,
            set_cpu_match,
            Some(CpuMatch::Exact),
            Some(CpuMatch::Minimum)
        );
        rw!(cpu, check, set_check, s("none"), s("partial"));
        rw!(cpu, migratable, set_migratable, None, Some(OnOff(true)));
        let model = cpu.model().unwrap();
        rw!(model, name, set_name, s("qemu64"), s("Skylake-Client"));
        rw!(model, fallback, set_fallback, s("forbid"), s("allow"));
        rw!(model, vendor_id, set_vendor_id, s("GenuineIntel"), None);
        rw!(cpu, vendor, set_vendor, s("Intel"), s("AMD"));
        rw!(cpu, sockets, set_sockets, Some(2), Some(1));
        rw!(cpu, dies, set_dies, Some(1), Some(2));
        rw!(cpu, clusters, set_clusters, Some(1), None);
        rw!(cpu, cores, set_cores, Some(3), Some(6));
        rw!(cpu, threads, set_threads, Some(2), Some(1));
        rw!(cpu, cache_level, set_cache_level, Some(3), None);
        rw!(
            cpu,
            cache_mode,
            set_cache_mode,
            s("emulate"),
            s("passthrough")
        );
        rw!(
            cpu,
            maxphysaddr_mode,
            set_maxphysaddr_mode,
            s("passthrough"),
            s("emulate")
        );
        rw!(cpu, maxphysaddr_bits, set_maxphysaddr_bits, None, Some(42));
        rw!(
            cpu,
            maxphysaddr_limit,
            set_maxphysaddr_limit,
            Some(39),
            None
        );
        let features = cpu.features();
        assert_eq!(features.len(), 2);
        rw!(
            features[0],
            policy,
            set_policy,
            Some(CpuFeaturePolicy::Require),
            Some(CpuFeaturePolicy::Optional)
        );
        rw!(features[0], name, set_name, s("vmx"), s("pdpe1gb"));
        assert!(cpu.remove_feature(&features[1]));
        let f = cpu.add_feature();
        f.set_policy(Some(CpuFeaturePolicy::Forbid));
        f.set_name(s("hle"));

        let numa = cpu.numa().unwrap();
        let cells = numa.cells();
        let c0 = &cells[0];
        rw!(c0, id, set_id, Some(0), Some(0));
        rw!(c0, cpus, set_cpus, s("0-5"), s("0-3"));
        rw!(c0, memory, set_memory, Some(6291456), Some(4));
        rw!(c0, unit, set_unit, s("KiB"), s("GiB"));
        rw!(c0, mem_access, set_mem_access, s("shared"), s("private"));
        rw!(
            c0,
            discard,
            set_discard,
            Some(YesNo(true)),
            Some(YesNo(false))
        );
        let dist = c0.distances().unwrap();
        let sib = dist.siblings();
        rw!(sib[1], id, set_id, Some(1), Some(2));
        rw!(sib[1], value, set_value, Some(21), Some(31));
        let s3 = dist.add_sibling();
        s3.set_id(Some(1));
        s3.set_value(Some(21));
        assert!(dist.remove_sibling(&sib[0]));
        let cache = &c0.caches()[0];
        rw!(cache, level, set_level, Some(1), Some(2));
        rw!(
            cache,
            associativity,
            set_associativity,
            s("direct"),
            s("full")
        );
        rw!(cache, policy, set_policy, s("writeback"), s("writethrough"));
        rw!(cache, size_value, set_size_value, Some(10), Some(20));
        rw!(cache, size_unit, set_size_unit, s("KiB"), s("MiB"));
        rw!(cache, line_value, set_line_value, Some(8), Some(64));
        rw!(cache, line_unit, set_line_unit, s("B"), s("B"));
        let c2 = c0.add_cache();
        c2.set_level(Some(3));
        assert!(c0.remove_cache(&c2));
        assert!(!cells[1].remove_distances());
        cells[1].distances_or_create().add_sibling().set_id(Some(0));
        let cell2 = numa.add_cell();
        cell2.set_id(Some(2));
        cell2.set_memory(Some(1048576));
        assert!(numa.remove_cell(&cell2));

        let ic = numa.interconnects().unwrap();
        let lat = &ic.latencies()[0];
        rw!(lat, initiator, set_initiator, Some(0), Some(1));
        rw!(lat, target, set_target, Some(0), Some(1));
        rw!(lat, cache, set_cache, None, Some(1));
        rw!(lat, access_type, set_access_type, s("access"), s("read"));
        rw!(lat, value, set_value, Some(5), Some(7));
        let bw = &ic.bandwidths()[0];
        rw!(bw, unit, set_unit, s("KiB"), s("MiB"));
        ic.add_latency().set_value(Some(9));
        assert!(ic.remove_latency(&ic.latencies()[1]));
        let b2 = ic.add_bandwidth();
        b2.set_value(Some(1));
        assert!(ic.remove_bandwidth(&b2));
        assert_eq!(numa.interconnects_or_create(), ic);

        // `*_or_create` returns what exists.
        assert_eq!(dom.cpu_or_create(), cpu);
        assert_eq!(cpu.model_or_create(), model);
        assert_eq!(cpu.numa_or_create(), numa);
    });
}
