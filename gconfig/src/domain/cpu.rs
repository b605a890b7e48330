//! `<cpu>`: the guest CPU model, topology and NUMA cells.

use crate::value::{OnOff, YesNo};
use crate::{xml_element, xml_enum};

xml_enum! {
    /// How the guest CPU is chosen (`<cpu mode='...'>`).
    pub enum CpuMode {
        /// A named model with features.
        Custom = "custom",
        /// A model close to the host CPU.
        HostModel = "host-model",
        /// The host CPU as it is.
        HostPassthrough = "host-passthrough",
        /// The largest CPU the hypervisor supports.
        Maximum = "maximum",
    }
}

xml_enum! {
    /// How strictly the model must match (`<cpu match='...'>`).
    pub enum CpuMatch {
        /// At least the requested features.
        Minimum = "minimum",
        /// Exactly the requested CPU.
        Exact = "exact",
        /// Fail unless the host is exactly this CPU.
        Strict = "strict",
    }
}

xml_enum! {
    /// How a feature is treated (`<feature policy='...'>`).
    pub enum CpuFeaturePolicy {
        /// Required, but may be missing on the host.
        Force = "force",
        /// Required.
        Require = "require",
        /// Used if the host has it.
        Optional = "optional",
        /// Turned off.
        Disable = "disable",
        /// The host must not have it.
        Forbid = "forbid",
    }
}

xml_element! {
    /// `<cpu>`: the guest CPU.
    pub struct DomainCpu = "cpu", order = [
        "model", "vendor", "topology", "cache", "maxphysaddr", "feature", "numa",
    ] {
        /// How the CPU is chosen.
        attr mode, set_mode: CpuMode = "mode";
        /// How strictly the model must match.
        attr cpu_match, set_cpu_match: CpuMatch = "match";
        /// `none`, `partial` or `full` checking against the host.
        attr check, set_check: String = "check";
        /// Whether a host-passthrough CPU stays migratable.
        attr migratable, set_migratable: OnOff = "migratable";
        /// The model.
        child model, model_or_create, remove_model: DomainCpuModel = "model";
        /// The vendor.
        child_text vendor, set_vendor: String = "vendor";
        /// Number of sockets.
        child_attr sockets, set_sockets: u32 = "topology" / "sockets";
        /// Dies per socket.
        child_attr dies, set_dies: u32 = "topology" / "dies";
        /// Clusters per die.
        child_attr clusters, set_clusters: u32 = "topology" / "clusters";
        /// Cores per cluster.
        child_attr cores, set_cores: u32 = "topology" / "cores";
        /// Threads per core.
        child_attr threads, set_threads: u32 = "topology" / "threads";
        /// CPU cache level shown to the guest.
        child_attr cache_level, set_cache_level: u32 = "cache" / "level";
        /// `emulate`, `passthrough` or `disable`.
        child_attr cache_mode, set_cache_mode: String = "cache" / "mode";
        /// `passthrough` or `emulate` physical address bits.
        child_attr maxphysaddr_mode, set_maxphysaddr_mode: String = "maxphysaddr" / "mode";
        /// Number of physical address bits.
        child_attr maxphysaddr_bits, set_maxphysaddr_bits: u32 = "maxphysaddr" / "bits";
        /// Upper limit of physical address bits in passthrough mode.
        child_attr maxphysaddr_limit, set_maxphysaddr_limit: u32 = "maxphysaddr" / "limit";
        /// Features added to or removed from the model.
        children features, add_feature, remove_feature: DomainCpuFeature = "feature";
        /// Guest NUMA topology.
        child numa, numa_or_create, remove_numa: DomainCpuNuma = "numa";
    }
}

xml_element! {
    /// `<cpu><model>`: the CPU model name.
    pub struct DomainCpuModel = "model" {
        /// The model name.
        text name, set_name: String;
        /// `allow` or `forbid` falling back to another model.
        attr fallback, set_fallback: String = "fallback";
        /// Vendor id shown to the guest.
        attr vendor_id, set_vendor_id: String = "vendor_id";
    }
}

xml_element! {
    /// `<cpu><feature>`: one CPU feature.
    pub struct DomainCpuFeature = "feature" {
        /// How the feature is treated.
        attr policy, set_policy: CpuFeaturePolicy = "policy";
        /// The feature name.
        attr name, set_name: String = "name";
    }
}

xml_element! {
    /// `<cpu><numa>`: guest NUMA cells.
    pub struct DomainCpuNuma = "numa", order = ["cell", "interconnects"] {
        /// The cells.
        children cells, add_cell, remove_cell: DomainNumaCell = "cell";
        /// Latencies and bandwidths between cells.
        child interconnects, interconnects_or_create, remove_interconnects: DomainNumaInterconnects = "interconnects";
    }
}

xml_element! {
    /// `<numa><cell>`: one guest NUMA cell.
    pub struct DomainNumaCell = "cell", order = ["distances", "cache"] {
        /// Cell id.
        attr id, set_id: u32 = "id";
        /// vCPUs of the cell.
        attr cpus, set_cpus: String = "cpus";
        /// Memory of the cell (in `unit`).
        attr memory, set_memory: u64 = "memory";
        /// Unit of `memory` (KiB when absent).
        attr unit, set_unit: String = "unit";
        /// `shared` or `private` memory access.
        attr mem_access, set_mem_access: String = "memAccess";
        /// Discard memory content on shutdown.
        attr discard, set_discard: YesNo = "discard";
        /// Distances to other cells.
        child distances, distances_or_create, remove_distances: DomainNumaDistances = "distances";
        /// Memory side caches.
        children caches, add_cache, remove_cache: DomainNumaCache = "cache";
    }
}

xml_element! {
    /// `<cell><distances>`.
    pub struct DomainNumaDistances = "distances", order = ["sibling"] {
        /// Distance to each cell.
        children siblings, add_sibling, remove_sibling: DomainNumaSibling = "sibling";
    }
}

xml_element! {
    /// `<distances><sibling>`: distance to one cell.
    pub struct DomainNumaSibling = "sibling" {
        /// The other cell.
        attr id, set_id: u32 = "id";
        /// The distance.
        attr value, set_value: u32 = "value";
    }
}

xml_element! {
    /// `<cell><cache>`: a memory side cache.
    pub struct DomainNumaCache = "cache", order = ["size", "line"] {
        /// Cache level.
        attr level, set_level: u32 = "level";
        /// `none`, `direct` or `full` associativity.
        attr associativity, set_associativity: String = "associativity";
        /// `none`, `writeback` or `writethrough`.
        attr policy, set_policy: String = "policy";
        /// Cache size value.
        child_attr size_value, set_size_value: u64 = "size" / "value";
        /// Cache size unit.
        child_attr size_unit, set_size_unit: String = "size" / "unit";
        /// Cache line size value.
        child_attr line_value, set_line_value: u64 = "line" / "value";
        /// Cache line size unit.
        child_attr line_unit, set_line_unit: String = "line" / "unit";
    }
}

xml_element! {
    /// `<numa><interconnects>`.
    pub struct DomainNumaInterconnects = "interconnects", order = ["latency", "bandwidth"] {
        /// Latencies.
        children latencies, add_latency, remove_latency: DomainNumaInterconnect = "latency";
        /// Bandwidths.
        children bandwidths, add_bandwidth, remove_bandwidth: DomainNumaInterconnect = "bandwidth";
    }
}

xml_element! {
    /// `<interconnects><latency>` / `<bandwidth>`: between two cells.
    pub struct DomainNumaInterconnect = "latency" {
        /// Initiator cell.
        attr initiator, set_initiator: u32 = "initiator";
        /// Target cell.
        attr target, set_target: u32 = "target";
        /// Cache level of the target.
        attr cache, set_cache: u32 = "cache";
        /// `access`, `read` or `write`.
        attr access_type, set_access_type: String = "type";
        /// The value.
        attr value, set_value: u64 = "value";
        /// Unit of a bandwidth.
        attr unit, set_unit: String = "unit";
    }
}
