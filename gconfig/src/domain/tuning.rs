//! Resource tuning of a domain: `<cputune>`, `<numatune>`, `<memtune>`,
//! `<blkiotune>`, `<memoryBacking>`, `<vcpus>`, `<iothreadids>`.

use crate::value::{Size, YesNo};
use crate::{xml_element, xml_enum};

xml_enum! {
    /// A host scheduler (`scheduler='...'` of `<vcpusched>` and friends).
    pub enum Scheduler {
        /// Batch.
        Batch = "batch",
        /// Idle.
        Idle = "idle",
        /// First in, first out (real time).
        Fifo = "fifo",
        /// Round robin (real time).
        Rr = "rr",
        /// The default scheduler.
        Normal = "other",
    }
}

xml_enum! {
    /// NUMA memory policy (`mode='...'` of `<numatune><memory>` and `<memnode>`).
    pub enum NumaMode {
        /// Allocate only from the nodeset.
        Strict = "strict",
        /// Prefer the nodeset.
        Preferred = "preferred",
        /// Interleave over the nodeset.
        Interleave = "interleave",
        /// Restrict to the nodeset, movable at runtime.
        Restrictive = "restrictive",
    }
}

xml_element! {
    /// `<cputune>`: CPU tuning.
    pub struct DomainCputune = "cputune", order = [
        "shares", "global_period", "global_quota", "period", "quota", "emulator_period",
        "emulator_quota", "iothread_period", "iothread_quota", "vcpupin", "emulatorpin",
        "iothreadpin", "vcpusched", "iothreadsched", "emulatorsched", "cachetune", "memorytune",
    ] {
        /// Relative CPU weight.
        child_text shares, set_shares: u64 = "shares";
        /// Enforcement period for the whole domain, in microseconds.
        child_text global_period, set_global_period: u64 = "global_period";
        /// Quota for the whole domain per period, in microseconds (-1: none).
        child_text global_quota, set_global_quota: i64 = "global_quota";
        /// Enforcement period of each vCPU, in microseconds.
        child_text period, set_period: u64 = "period";
        /// Quota of each vCPU per period, in microseconds (-1: none).
        child_text quota, set_quota: i64 = "quota";
        /// Enforcement period of the emulator threads.
        child_text emulator_period, set_emulator_period: u64 = "emulator_period";
        /// Quota of the emulator threads.
        child_text emulator_quota, set_emulator_quota: i64 = "emulator_quota";
        /// Enforcement period of each I/O thread.
        child_text iothread_period, set_iothread_period: u64 = "iothread_period";
        /// Quota of each I/O thread.
        child_text iothread_quota, set_iothread_quota: i64 = "iothread_quota";
        /// Pinning of single vCPUs.
        children vcpupins, add_vcpupin, remove_vcpupin: DomainVcpuPin = "vcpupin";
        /// Host CPUs of the emulator threads.
        child_attr emulatorpin, set_emulatorpin: String = "emulatorpin" / "cpuset";
        /// Pinning of I/O threads.
        children iothreadpins, add_iothreadpin, remove_iothreadpin: DomainIothreadPin = "iothreadpin";
        /// Scheduler of groups of vCPUs.
        children vcpuscheds, add_vcpusched, remove_vcpusched: DomainSched = "vcpusched";
        /// Scheduler of groups of I/O threads.
        children iothreadscheds, add_iothreadsched, remove_iothreadsched: DomainSched = "iothreadsched";
        /// Scheduler of the emulator threads.
        child_attr emulatorsched_scheduler, set_emulatorsched_scheduler: Scheduler = "emulatorsched" / "scheduler";
        /// Priority of the emulator threads.
        child_attr emulatorsched_priority, set_emulatorsched_priority: i32 = "emulatorsched" / "priority";
        /// Cache allocation.
        children cachetunes, add_cachetune, remove_cachetune: DomainCachetune = "cachetune";
        /// Memory bandwidth allocation.
        children memorytunes, add_memorytune, remove_memorytune: DomainMemorytune = "memorytune";
    }
}

xml_element! {
    /// `<cputune><vcpupin>`: host CPUs of one vCPU.
    pub struct DomainVcpuPin = "vcpupin" {
        /// The vCPU id.
        attr vcpu, set_vcpu: u32 = "vcpu";
        /// Host CPUs, e.g. `1-4,^3`.
        attr cpuset, set_cpuset: String = "cpuset";
    }
}

xml_element! {
    /// `<cputune><iothreadpin>`: host CPUs of one I/O thread.
    pub struct DomainIothreadPin = "iothreadpin" {
        /// The I/O thread id.
        attr iothread, set_iothread: u32 = "iothread";
        /// Host CPUs.
        attr cpuset, set_cpuset: String = "cpuset";
    }
}

xml_element! {
    /// `<vcpusched>` / `<iothreadsched>`: scheduler of some threads.
    pub struct DomainSched = "vcpusched" {
        /// The vCPUs (`<vcpusched>`), e.g. `0-3`.
        attr vcpus, set_vcpus: String = "vcpus";
        /// The I/O threads (`<iothreadsched>`).
        attr iothreads, set_iothreads: String = "iothreads";
        /// The scheduler.
        attr scheduler, set_scheduler: Scheduler = "scheduler";
        /// Real-time priority.
        attr priority, set_priority: i32 = "priority";
    }
}

xml_element! {
    /// `<cputune><cachetune>`: cache allocation for some vCPUs.
    pub struct DomainCachetune = "cachetune", order = ["cache", "monitor"] {
        /// The vCPUs.
        attr vcpus, set_vcpus: String = "vcpus";
        /// Resource group id.
        attr id, set_id: String = "id";
        /// Cache allocations.
        children caches, add_cache, remove_cache: DomainCachetuneCache = "cache";
        /// Cache monitors.
        children monitors, add_monitor, remove_monitor: DomainTuneMonitor = "monitor";
    }
}

xml_element! {
    /// `<cachetune><cache>`: one cache allocation.
    pub struct DomainCachetuneCache = "cache" {
        /// Host cache id.
        attr id, set_id: u32 = "id";
        /// Cache level.
        attr level, set_level: u32 = "level";
        /// `both`, `code` or `data`.
        attr cache_type, set_cache_type: String = "type";
        /// Size to allocate (in `unit`).
        attr size, set_size: u64 = "size";
        /// Unit of `size`.
        attr unit, set_unit: String = "unit";
    }
}

xml_element! {
    /// `<cachetune><monitor>` / `<memorytune><monitor>`: a resource monitor.
    pub struct DomainTuneMonitor = "monitor" {
        /// Cache level (cache monitors).
        attr level, set_level: u32 = "level";
        /// The vCPUs monitored.
        attr vcpus, set_vcpus: String = "vcpus";
    }
}

xml_element! {
    /// `<cputune><memorytune>`: memory bandwidth allocation for some vCPUs.
    pub struct DomainMemorytune = "memorytune", order = ["node", "monitor"] {
        /// The vCPUs.
        attr vcpus, set_vcpus: String = "vcpus";
        /// Bandwidth per host node.
        children nodes, add_node, remove_node: DomainMemorytuneNode = "node";
        /// Memory bandwidth monitors.
        children monitors, add_monitor, remove_monitor: DomainTuneMonitor = "monitor";
    }
}

xml_element! {
    /// `<memorytune><node>`: bandwidth on one host node.
    pub struct DomainMemorytuneNode = "node" {
        /// Host node id.
        attr id, set_id: u32 = "id";
        /// Bandwidth in percent.
        attr bandwidth, set_bandwidth: u32 = "bandwidth";
    }
}

xml_element! {
    /// `<numatune>`: NUMA memory policy.
    pub struct DomainNumatune = "numatune", order = ["memory", "memnode"] {
        /// Memory policy.
        child_attr memory_mode, set_memory_mode: NumaMode = "memory" / "mode";
        /// Host nodes to allocate from.
        child_attr memory_nodeset, set_memory_nodeset: String = "memory" / "nodeset";
        /// `static` or `auto` (numad) placement.
        child_attr memory_placement, set_memory_placement: String = "memory" / "placement";
        /// Policy per guest NUMA cell.
        children memnodes, add_memnode, remove_memnode: DomainMemnode = "memnode";
    }
}

xml_element! {
    /// `<numatune><memnode>`: memory policy of one guest NUMA cell.
    pub struct DomainMemnode = "memnode" {
        /// Guest cell id.
        attr cellid, set_cellid: u32 = "cellid";
        /// Memory policy.
        attr mode, set_mode: NumaMode = "mode";
        /// Host nodes.
        attr nodeset, set_nodeset: String = "nodeset";
    }
}

xml_element! {
    /// `<memtune>`: memory limits.
    pub struct DomainMemtune = "memtune", order = [
        "hard_limit", "soft_limit", "min_guarantee", "swap_hard_limit",
    ] {
        /// Hard limit.
        child_unit hard_limit, set_hard_limit: Size = "hard_limit" / "unit";
        /// Limit under memory contention.
        child_unit soft_limit, set_soft_limit: Size = "soft_limit" / "unit";
        /// Guaranteed minimum.
        child_unit min_guarantee, set_min_guarantee: Size = "min_guarantee" / "unit";
        /// Hard limit of memory plus swap.
        child_unit swap_hard_limit, set_swap_hard_limit: Size = "swap_hard_limit" / "unit";
    }
}

xml_element! {
    /// `<blkiotune>`: block I/O tuning.
    pub struct DomainBlkiotune = "blkiotune", order = ["weight", "device"] {
        /// Overall I/O weight (100-1000).
        child_text weight, set_weight: u32 = "weight";
        /// Per host device tuning.
        children devices, add_device, remove_device: DomainBlkiotuneDevice = "device";
    }
}

xml_element! {
    /// `<blkiotune><device>`: tuning of one host block device.
    pub struct DomainBlkiotuneDevice = "device", order = [
        "path", "weight", "read_iops_sec", "write_iops_sec", "read_bytes_sec", "write_bytes_sec",
    ] {
        /// Host device path.
        child_text path, set_path: String = "path";
        /// I/O weight.
        child_text weight, set_weight: u32 = "weight";
        /// Read operations per second.
        child_text read_iops_sec, set_read_iops_sec: u64 = "read_iops_sec";
        /// Write operations per second.
        child_text write_iops_sec, set_write_iops_sec: u64 = "write_iops_sec";
        /// Read bytes per second.
        child_text read_bytes_sec, set_read_bytes_sec: u64 = "read_bytes_sec";
        /// Write bytes per second.
        child_text write_bytes_sec, set_write_bytes_sec: u64 = "write_bytes_sec";
    }
}

xml_element! {
    /// `<memoryBacking>`: how guest memory is backed on the host.
    pub struct DomainMemoryBacking = "memoryBacking", order = [
        "hugepages", "nosharepages", "locked", "source", "access", "allocation", "discard",
    ] {
        /// Huge pages.
        child hugepages, hugepages_or_create, remove_hugepages: DomainHugepages = "hugepages";
        /// Disable KSM page sharing.
        flag nosharepages, set_nosharepages: bool = "nosharepages";
        /// Lock memory in host RAM.
        flag locked, set_locked: bool = "locked";
        /// `file`, `anonymous` or `memfd`.
        child_attr source_type, set_source_type: String = "source" / "type";
        /// `shared` or `private`.
        child_attr access_mode, set_access_mode: String = "access" / "mode";
        /// `immediate` or `ondemand`.
        child_attr allocation_mode, set_allocation_mode: String = "allocation" / "mode";
        /// Threads used to preallocate memory.
        child_attr allocation_threads, set_allocation_threads: u32 = "allocation" / "threads";
        /// Discard memory content on shutdown.
        flag discard, set_discard: bool = "discard";
    }
}

xml_element! {
    /// `<memoryBacking><hugepages>`.
    pub struct DomainHugepages = "hugepages", order = ["page"] {
        /// Page sizes, per guest NUMA nodeset.
        children pages, add_page, remove_page: DomainHugepage = "page";
    }
}

xml_element! {
    /// `<hugepages><page>`: one huge page size.
    pub struct DomainHugepage = "page" {
        /// Page size (in `unit`).
        attr size, set_size: u64 = "size";
        /// Unit of `size` (KiB when absent).
        attr unit, set_unit: String = "unit";
        /// Guest NUMA nodes this applies to.
        attr nodeset, set_nodeset: String = "nodeset";
    }
}

xml_element! {
    /// `<vcpus>`: state of every vCPU.
    pub struct DomainVcpus = "vcpus", order = ["vcpu"] {
        /// The vCPUs.
        children vcpus, add_vcpu, remove_vcpu: DomainVcpu = "vcpu";
    }
}

xml_element! {
    /// `<vcpus><vcpu>`: one vCPU.
    pub struct DomainVcpu = "vcpu" {
        /// The vCPU id.
        attr id, set_id: u32 = "id";
        /// Whether it is online.
        attr enabled, set_enabled: YesNo = "enabled";
        /// Whether it can be unplugged.
        attr hotpluggable, set_hotpluggable: YesNo = "hotpluggable";
        /// Order of onlining.
        attr order, set_order: u32 = "order";
    }
}

xml_element! {
    /// `<iothreadids>`: the I/O threads by id.
    pub struct DomainIothreadids = "iothreadids", order = ["iothread"] {
        /// The I/O threads.
        children iothreads, add_iothread, remove_iothread: DomainIothread = "iothread";
    }
}

xml_element! {
    /// `<iothreadids><iothread>`: one I/O thread.
    pub struct DomainIothread = "iothread", order = ["poll"] {
        /// The thread id.
        attr id, set_id: u32 = "id";
        /// Minimum worker threads.
        attr thread_pool_min, set_thread_pool_min: u32 = "thread_pool_min";
        /// Maximum worker threads.
        attr thread_pool_max, set_thread_pool_max: u32 = "thread_pool_max";
        /// Maximum polling time in nanoseconds.
        child_attr poll_max, set_poll_max: u64 = "poll" / "max";
        /// Polling time growth factor.
        child_attr poll_grow, set_poll_grow: u64 = "poll" / "grow";
        /// Polling time shrink factor.
        child_attr poll_shrink, set_poll_shrink: u64 = "poll" / "shrink";
    }
}
