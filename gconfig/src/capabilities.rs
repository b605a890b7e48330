//! The `<capabilities>` document: what the host and its hypervisor offer
//! (`virConnectGetCapabilities`).
//!
//! ```text
//! Capabilities                  <capabilities>
//! ├── CapsHost                    <host>
//! │   ├── CapsHostCpu               <cpu>  (CapsCpuFeature, CapsPages)
//! │   ├── CapsPowerManagement       <power_management>
//! │   ├── CapsMigrationFeatures     <migration_features>  (CapsUriTransport)
//! │   ├── CapsTopology              <topology>
//! │   │   ├── CapsCell                <cells><cell>  (CapsPages, DomainNumaSibling, DomainNumaCache, CapsCpu)
//! │   │   └── DomainNumaInterconnect  <interconnects><latency|bandwidth>
//! │   ├── CapsCache                 <cache>  (CapsCacheBank: CapsCacheControl; CapsMonitor)
//! │   ├── CapsMemoryBandwidth       <memory_bandwidth>  (CapsMemBwNode; CapsMonitor)
//! │   └── CapsSecModel              <secmodel>  (CapsBaseLabel)
//! └── CapsGuest                   <guest>
//!     ├── CapsGuestArch             <arch>  (CapsMachine, CapsGuestDomain)
//!     └── CapsGuestFeatures         <features>  (CapsFeatureToggle)
//! ```

use crate::documents::document_type;
use crate::domain::{DomainNumaCache, DomainNumaDistances, DomainNumaInterconnects};
use crate::value::{OnOff, Size, Uuid, YesNo};
use crate::view::XmlView;
use crate::xml_element;

xml_element! {
    /// The host and guest capabilities, the `<capabilities>` document.
    pub struct Capabilities = "capabilities", order = ["host", "guest"] {
        /// The host.
        child host, host_or_create, remove_host: CapsHost = "host";
        /// The kinds of guest that can be run, one per OS type and architecture.
        children guests, add_guest, remove_guest: CapsGuest = "guest";
    }
}

document_type!(Capabilities, "a capabilities");

xml_element! {
    /// `<capabilities><host>`.
    pub struct CapsHost = "host", order = [
        "uuid", "cpu", "power_management", "iommu", "migration_features", "topology", "cache",
        "memory_bandwidth", "secmodel",
    ] {
        /// Host UUID.
        child_text uuid, set_uuid: Uuid = "uuid";
        /// Host CPU.
        child cpu, cpu_or_create, remove_cpu: CapsHostCpu = "cpu";
        /// Supported suspend modes.
        child power_management, power_management_or_create, remove_power_management: CapsPowerManagement = "power_management";
        /// Whether the host has an IOMMU for device assignment.
        child_attr iommu_support, set_iommu_support: YesNo = "iommu" / "support";
        /// Migration support.
        child migration_features, migration_features_or_create, remove_migration_features: CapsMigrationFeatures = "migration_features";
        /// NUMA topology.
        child topology, topology_or_create, remove_topology: CapsTopology = "topology";
        /// CPU caches (and resctrl allocation).
        child cache, cache_or_create, remove_cache: CapsCache = "cache";
        /// Memory bandwidth allocation.
        child memory_bandwidth, memory_bandwidth_or_create, remove_memory_bandwidth: CapsMemoryBandwidth = "memory_bandwidth";
        /// Security models.
        children secmodels, add_secmodel, remove_secmodel: CapsSecModel = "secmodel";
    }
}

xml_element! {
    /// `<host><cpu>`: the host CPU.
    pub struct CapsHostCpu = "cpu", order = [
        "arch", "features", "model", "vendor", "microcode", "signature", "counter", "topology",
        "maxphysaddr", "feature", "pages",
    ] {
        /// Architecture.
        child_text arch, set_arch: String = "arch";
        /// Old-style flags: `<features><pae/>`...
        child feature_flags, feature_flags_or_create, remove_feature_flags: CapsCpuFeatureFlags = "features";
        /// CPU model name.
        child_text model, set_model: String = "model";
        /// Vendor.
        child_text vendor, set_vendor: String = "vendor";
        /// Microcode version.
        child_attr microcode_version, set_microcode_version: u64 = "microcode" / "version";
        /// CPU family.
        child_attr signature_family, set_signature_family: u32 = "signature" / "family";
        /// CPU model number.
        child_attr signature_model, set_signature_model: u32 = "signature" / "model";
        /// CPU stepping.
        child_attr signature_stepping, set_signature_stepping: u32 = "signature" / "stepping";
        /// Timestamp counter.
        child counter, counter_or_create, remove_counter: CapsCpuCounter = "counter";
        /// Topology.
        child topology, topology_or_create, remove_topology: CapsCpuTopology = "topology";
        /// How the physical address size is given to guests.
        child_attr maxphysaddr_mode, set_maxphysaddr_mode: String = "maxphysaddr" / "mode";
        /// Physical address bits.
        child_attr maxphysaddr_bits, set_maxphysaddr_bits: u32 = "maxphysaddr" / "bits";
        /// CPU features beyond the model.
        children features, add_feature, remove_feature: CapsCpuFeature = "feature";
        /// Supported memory page sizes.
        children pages, add_pages, remove_pages: CapsPages = "pages";
    }
}

xml_element! {
    /// `<cpu><features>`: old-style CPU flags.
    pub struct CapsCpuFeatureFlags = "features", order = ["pae", "nonpae", "vmx", "svm"] {
        /// PAE.
        flag pae, set_pae: bool = "pae";
        /// Non-PAE.
        flag nonpae, set_nonpae: bool = "nonpae";
        /// Intel VT-x.
        flag vmx, set_vmx: bool = "vmx";
        /// AMD-V.
        flag svm, set_svm: bool = "svm";
    }
}

xml_element! {
    /// `<cpu><counter>`: the timestamp counter.
    pub struct CapsCpuCounter = "counter" {
        /// Counter name (`tsc`).
        attr name, set_name: String = "name";
        /// Frequency in Hz.
        attr frequency, set_frequency: u64 = "frequency";
        /// Whether TSC scaling is supported.
        attr scaling, set_scaling: YesNo = "scaling";
    }
}

xml_element! {
    /// `<cpu><topology>`.
    pub struct CapsCpuTopology = "topology" {
        /// Sockets.
        attr sockets, set_sockets: u32 = "sockets";
        /// Dies per socket.
        attr dies, set_dies: u32 = "dies";
        /// Clusters per die.
        attr clusters, set_clusters: u32 = "clusters";
        /// Cores per cluster.
        attr cores, set_cores: u32 = "cores";
        /// Threads per core.
        attr threads, set_threads: u32 = "threads";
    }
}

xml_element! {
    /// `<cpu><feature>`: a CPU feature.
    pub struct CapsCpuFeature = "feature" {
        /// Feature name.
        attr name, set_name: String = "name";
    }
}

xml_element! {
    /// `<pages>`: a memory page size (with the number of free pages, in a NUMA cell).
    pub struct CapsPages = "pages" {
        /// Unit of `size`.
        attr unit, set_unit: String = "unit";
        /// Page size.
        attr size, set_size: u64 = "size";
        /// Number of pages (NUMA cells only).
        text count, set_count: u64;
    }
}

xml_element! {
    /// `<host><power_management>`: supported suspend modes.
    pub struct CapsPowerManagement = "power_management", order = ["suspend_mem", "suspend_disk", "suspend_hybrid"] {
        /// Suspend to RAM.
        flag suspend_mem, set_suspend_mem: bool = "suspend_mem";
        /// Suspend to disk.
        flag suspend_disk, set_suspend_disk: bool = "suspend_disk";
        /// Hybrid suspend.
        flag suspend_hybrid, set_suspend_hybrid: bool = "suspend_hybrid";
    }
}

xml_element! {
    /// `<host><migration_features>`.
    pub struct CapsMigrationFeatures = "migration_features", order = ["live", "uri_transports"] {
        /// Live migration is supported.
        flag live, set_live: bool = "live";
        /// URI schemes of migration transports.
        child uri_transports, uri_transports_or_create, remove_uri_transports: CapsUriTransports = "uri_transports";
    }
}

xml_element! {
    /// `<migration_features><uri_transports>`.
    pub struct CapsUriTransports = "uri_transports", order = ["uri_transport"] {
        /// The transports.
        children transports, add_transport, remove_transport: CapsUriTransport = "uri_transport";
    }
}

xml_element! {
    /// `<uri_transport>`: a migration URI scheme (`tcp`, `rdma`).
    pub struct CapsUriTransport = "uri_transport" {
        /// The scheme.
        text name, set_name: String;
    }
}

xml_element! {
    /// `<host><topology>`: NUMA topology.
    pub struct CapsTopology = "topology", order = ["cells", "interconnects"] {
        /// Number of NUMA cells.
        child_attr cells_num, set_cells_num: u32 = "cells" / "num";
        /// The NUMA cells.
        child cells, cells_or_create, remove_cells: CapsCells = "cells";
        /// Latencies and bandwidths between cells (HMAT).
        child interconnects, interconnects_or_create, remove_interconnects: DomainNumaInterconnects = "interconnects";
    }
}

xml_element! {
    /// `<topology><cells>`.
    pub struct CapsCells = "cells", order = ["cell"] {
        /// The cells.
        children cells, add_cell, remove_cell: CapsCell = "cell";
    }
}

xml_element! {
    /// `<cells><cell>`: a NUMA cell.
    pub struct CapsCell = "cell", order = ["memory", "pages", "distances", "cache", "cpus"] {
        /// Cell id.
        attr id, set_id: u32 = "id";
        /// Memory of the cell.
        child_unit memory, set_memory: Size = "memory" / "unit";
        /// Free pages per page size.
        children pages, add_pages, remove_pages: CapsPages = "pages";
        /// Distances to the cells.
        child distances, distances_or_create, remove_distances: DomainNumaDistances = "distances";
        /// Memory-side caches (HMAT).
        children caches, add_cache, remove_cache: DomainNumaCache = "cache";
        /// Number of CPUs.
        child_attr cpus_num, set_cpus_num: u32 = "cpus" / "num";
        /// The CPUs.
        child cpus, cpus_or_create, remove_cpus: CapsCpus = "cpus";
    }
}

xml_element! {
    /// `<cell><cpus>`.
    pub struct CapsCpus = "cpus", order = ["cpu"] {
        /// The CPUs.
        children cpus, add_cpu, remove_cpu: CapsCpu = "cpu";
    }
}

xml_element! {
    /// `<cpus><cpu>`: a host CPU and its place in the topology.
    pub struct CapsCpu = "cpu" {
        /// CPU id.
        attr id, set_id: u32 = "id";
        /// Socket.
        attr socket_id, set_socket_id: u32 = "socket_id";
        /// Die.
        attr die_id, set_die_id: u32 = "die_id";
        /// Cluster.
        attr cluster_id, set_cluster_id: u32 = "cluster_id";
        /// Core.
        attr core_id, set_core_id: u32 = "core_id";
        /// Thread siblings (a CPU list, `0,4`).
        attr siblings, set_siblings: String = "siblings";
    }
}

xml_element! {
    /// `<host><cache>`: CPU caches.
    pub struct CapsCache = "cache", order = ["bank", "monitor"] {
        /// Cache banks.
        children banks, add_bank, remove_bank: CapsCacheBank = "bank";
        /// Cache monitoring.
        children monitors, add_monitor, remove_monitor: CapsMonitor = "monitor";
    }
}

xml_element! {
    /// `<cache><bank>`.
    pub struct CapsCacheBank = "bank", order = ["control"] {
        /// Bank id.
        attr id, set_id: u32 = "id";
        /// Cache level.
        attr level, set_level: u32 = "level";
        /// `both`, `code` or `data`.
        attr cache_type, set_cache_type: String = "type";
        /// Size, in `unit`.
        attr size, set_size: u64 = "size";
        /// Unit of `size`.
        attr unit, set_unit: String = "unit";
        /// CPUs sharing the bank (a CPU list).
        attr cpus, set_cpus: String = "cpus";
        /// Allocation controls.
        children controls, add_control, remove_control: CapsCacheControl = "control";
    }
}

xml_element! {
    /// `<bank><control>`: cache allocation.
    pub struct CapsCacheControl = "control" {
        /// Allocation granularity.
        attr granularity, set_granularity: u64 = "granularity";
        /// Minimum allocation.
        attr min, set_min: u64 = "min";
        /// Unit of the sizes.
        attr unit, set_unit: String = "unit";
        /// `both`, `code` or `data`.
        attr cache_type, set_cache_type: String = "type";
        /// Maximum number of allocations.
        attr max_allocs, set_max_allocs: u32 = "maxAllocs";
    }
}

xml_element! {
    /// `<monitor>`: cache or memory bandwidth monitoring.
    pub struct CapsMonitor = "monitor", order = ["feature"] {
        /// Cache level.
        attr level, set_level: u32 = "level";
        /// Reuse threshold in bytes.
        attr reuse_threshold, set_reuse_threshold: u64 = "reuseThreshold";
        /// Maximum number of monitors.
        attr max_monitors, set_max_monitors: u32 = "maxMonitors";
        /// Monitored events.
        children features, add_feature, remove_feature: CapsCpuFeature = "feature";
    }
}

xml_element! {
    /// `<host><memory_bandwidth>`.
    pub struct CapsMemoryBandwidth = "memory_bandwidth", order = ["node", "monitor"] {
        /// Per-node controls.
        children nodes, add_node, remove_node: CapsMemBwNode = "node";
        /// Monitoring.
        children monitors, add_monitor, remove_monitor: CapsMonitor = "monitor";
    }
}

xml_element! {
    /// `<memory_bandwidth><node>`.
    pub struct CapsMemBwNode = "node", order = ["control"] {
        /// Node id.
        attr id, set_id: u32 = "id";
        /// CPUs of the node (a CPU list).
        attr cpus, set_cpus: String = "cpus";
        /// Allocation granularity, percent.
        child_attr granularity, set_granularity: u32 = "control" / "granularity";
        /// Minimum allocation, percent.
        child_attr min, set_min: u32 = "control" / "min";
        /// Maximum number of allocations.
        child_attr max_allocs, set_max_allocs: u32 = "control" / "maxAllocs";
    }
}

xml_element! {
    /// `<host><secmodel>`: a security driver.
    pub struct CapsSecModel = "secmodel", order = ["model", "doi", "baselabel"] {
        /// Model (`selinux`, `apparmor`, `dac`).
        child_text model, set_model: String = "model";
        /// Domain of interpretation.
        child_text doi, set_doi: String = "doi";
        /// Default labels per domain type.
        children baselabels, add_baselabel, remove_baselabel: CapsBaseLabel = "baselabel";
    }
}

xml_element! {
    /// `<secmodel><baselabel>`.
    pub struct CapsBaseLabel = "baselabel" {
        /// Domain type (`kvm`, `qemu`).
        attr domain_type, set_domain_type: String = "type";
        /// The label.
        text label, set_label: String;
    }
}

xml_element! {
    /// `<capabilities><guest>`: a kind of guest.
    pub struct CapsGuest = "guest", order = ["os_type", "arch", "features"] {
        /// OS type (`hvm`, `xen`, `exe`, ...).
        child_text os_type, set_os_type: String = "os_type";
        /// Architecture and emulators.
        child arch, arch_or_create, remove_arch: CapsGuestArch = "arch";
        /// Guest features.
        child features, features_or_create, remove_features: CapsGuestFeatures = "features";
    }
}

xml_element! {
    /// `<guest><arch>`.
    pub struct CapsGuestArch = "arch", order = ["wordsize", "emulator", "loader", "machine", "domain"] {
        /// Architecture name.
        attr name, set_name: String = "name";
        /// Word size in bits.
        child_text wordsize, set_wordsize: u32 = "wordsize";
        /// Default emulator.
        child_text emulator, set_emulator: String = "emulator";
        /// Default loader.
        child_text loader, set_loader: String = "loader";
        /// Machine types.
        children machines, add_machine, remove_machine: CapsMachine = "machine";
        /// Domain types (with their own emulator and machines).
        children domains, add_domain, remove_domain: CapsGuestDomain = "domain";
    }
}

xml_element! {
    /// `<machine>`: a machine type.
    pub struct CapsMachine = "machine" {
        /// The machine this name is an alias of.
        attr canonical, set_canonical: String = "canonical";
        /// Maximum number of vCPUs.
        attr max_cpus, set_max_cpus: u32 = "maxCpus";
        /// Whether the machine type is deprecated.
        attr deprecated, set_deprecated: YesNo = "deprecated";
        /// Machine name.
        text name, set_name: String;
    }
}

xml_element! {
    /// `<arch><domain>`: a domain type.
    pub struct CapsGuestDomain = "domain", order = ["emulator", "machine"] {
        /// Domain type (`qemu`, `kvm`, ...).
        attr domain_type, set_domain_type: String = "type";
        /// Emulator of this domain type.
        child_text emulator, set_emulator: String = "emulator";
        /// Machine types of this domain type.
        children machines, add_machine, remove_machine: CapsMachine = "machine";
    }
}

xml_element! {
    /// `<guest><features>`.
    pub struct CapsGuestFeatures = "features", order = [
        "pae", "nonpae", "ia64_be", "acpi", "apic", "cpuselection", "deviceboot", "disksnapshot",
        "hap", "externalSnapshot",
    ] {
        /// PAE.
        flag pae, set_pae: bool = "pae";
        /// Non-PAE.
        flag nonpae, set_nonpae: bool = "nonpae";
        /// Big-endian IA64.
        flag ia64_be, set_ia64_be: bool = "ia64_be";
        /// ACPI.
        child acpi, acpi_or_create, remove_acpi: CapsFeatureToggle = "acpi";
        /// APIC.
        child apic, apic_or_create, remove_apic: CapsFeatureToggle = "apic";
        /// CPU selection.
        flag cpuselection, set_cpuselection: bool = "cpuselection";
        /// Per-device boot order.
        flag deviceboot, set_deviceboot: bool = "deviceboot";
        /// Disk snapshots.
        child disksnapshot, disksnapshot_or_create, remove_disksnapshot: CapsFeatureToggle = "disksnapshot";
        /// Hardware assisted paging.
        child hap, hap_or_create, remove_hap: CapsFeatureToggle = "hap";
        /// External snapshots.
        flag external_snapshot, set_external_snapshot: bool = "externalSnapshot";
    }
}

impl CapsGuestFeatures {
    /// The names of all features listed, in document order (including ones
    /// this version has no typed accessor for).
    pub fn names(&self) -> Vec<String> {
        let d = self.doc();
        let names = d
            .child_elements(self.node())
            .map(|c| d.name(c).to_owned())
            .collect();
        names
    }
}

xml_element! {
    /// A guest feature that may be toggled (`<acpi default='on' toggle='yes'/>`).
    pub struct CapsFeatureToggle = "acpi" {
        /// Default state.
        attr default, set_default: OnOff = "default";
        /// Whether it can be turned off and on.
        attr toggle, set_toggle: YesNo = "toggle";
    }
}
