//! The `<domain>` document: a guest definition.
//!
//! ```text
//! Domain                      <domain>
//! ├── DomainMetadata            <metadata>  (elements by namespace URI; LibosinfoMetadata)
//! ├── DomainBlkiotune           <blkiotune>  (DomainBlkiotuneDevice)
//! ├── DomainMemtune             <memtune>
//! ├── DomainMemoryBacking       <memoryBacking>  (DomainHugepages, DomainHugepage)
//! ├── DomainVcpus               <vcpus>  (DomainVcpu)
//! ├── DomainIothreadids         <iothreadids>  (DomainIothread)
//! ├── DomainCputune             <cputune>  (DomainVcpuPin, DomainSched, DomainCachetune, ...)
//! ├── DomainNumatune            <numatune>  (DomainMemnode)
//! ├── DomainResource            <resource>
//! ├── DomainSysinfo             <sysinfo>  (DomainSysinfoGroup, DomainSysinfoEntry)
//! ├── DomainOs                  <os>  (DomainOsLoader, DomainOsNvram, DomainOsBoot, ...)
//! ├── DomainIdmap               <idmap>  (DomainIdmapRange)
//! ├── DomainFeatures            <features>  (DomainHyperv, DomainKvmFeatures, ...)
//! ├── DomainCpu                 <cpu>  (DomainCpuModel, DomainCpuFeature, DomainCpuNuma, ...)
//! ├── DomainClock               <clock>  (DomainTimer)
//! ├── DomainPm                  <pm>
//! ├── DomainPerf                <perf>  (DomainPerfEvent)
//! ├── DomainSeclabel            <seclabel>
//! ├── DomainKeywrap             <keywrap>  (DomainKeywrapCipher)
//! ├── DomainLaunchSecurity      <launchSecurity>
//! ├── QemuCommandline           <qemu:commandline>  (QemuArg, QemuEnv)
//! ├── QemuCapabilities          <qemu:capabilities>  (QemuCapability)
//! ├── QemuOverride              <qemu:override>  (QemuOverrideDevice, ...)
//! └── DomainDevices             <devices>
//!     ├── DomainDevice            any device, by element name
//!     ├── DomainDisk              <disk>  (DomainDiskSource, DomainDiskSourceHost)
//!     └── DomainInterface         <interface>
//! ```

use crate::dom::{Document, SharedDocument};
use crate::error::{Error, Result};
use crate::value::{OnOff, Size, Uuid};
use crate::view::XmlView;
use crate::{xml_element, xml_enum};

mod clock;
mod cpu;
mod devices;
mod features;
mod metadata;
mod os;
pub mod qemu;
mod resources;
mod security;
mod sysinfo;
mod tuning;

pub use clock::{ClockOffset, DomainClock, DomainTimer, TimerName};
pub use cpu::{
    CpuFeaturePolicy, CpuMatch, CpuMode, DomainCpu, DomainCpuFeature, DomainCpuModel,
    DomainCpuNuma, DomainNumaCache, DomainNumaCell, DomainNumaDistances, DomainNumaInterconnect,
    DomainNumaInterconnects, DomainNumaSibling,
};
pub use devices::*;
pub use features::{
    DomainCapabilitiesFeature, DomainFeatureApic, DomainFeatureHpt, DomainFeatureSmm,
    DomainFeatureTcg, DomainFeatures, DomainHyperv, DomainHypervStimer, DomainHypervTlbflush,
    DomainKvmFeatures, DomainXenFeatures,
};
pub use metadata::{DomainMetadata, LibosinfoMetadata};
pub use os::{
    BootDevice, DomainOs, DomainOsAcpi, DomainOsAcpiTable, DomainOsBoot, DomainOsFirmware,
    DomainOsFirmwareFeature, DomainOsInitArg, DomainOsInitEnv, DomainOsLoader, DomainOsNvram,
    DomainOsNvramAuth, DomainOsNvramHost, DomainOsNvramSource, Firmware, OsType,
};
pub use qemu::{
    HypervisorCommandline, LxcNamespace, QemuArg, QemuCapabilities, QemuCapability,
    QemuCommandline, QemuEnv, QemuOverride, QemuOverrideDevice, QemuOverrideFrontend,
    QemuOverrideProperty,
};
pub use resources::{
    DomainIdmap, DomainIdmapRange, DomainPerf, DomainPerfEvent, DomainPm, DomainResource,
};
pub use security::{
    DomainKeywrap, DomainKeywrapCipher, DomainLaunchSecurity, DomainSeclabel, SeclabelType,
};
pub use sysinfo::{DomainSysinfo, DomainSysinfoEntry, DomainSysinfoGroup};
pub use tuning::{
    DomainBlkiotune, DomainBlkiotuneDevice, DomainCachetune, DomainCachetuneCache, DomainCputune,
    DomainHugepage, DomainHugepages, DomainIothread, DomainIothreadPin, DomainIothreadids,
    DomainMemnode, DomainMemoryBacking, DomainMemorytune, DomainMemorytuneNode, DomainMemtune,
    DomainNumatune, DomainSched, DomainTuneMonitor, DomainVcpu, DomainVcpuPin, DomainVcpus,
    NumaMode, Scheduler,
};

xml_enum! {
    /// The hypervisor type of a domain (`<domain type='...'>`).
    pub enum DomainType {
        /// QEMU with KVM acceleration.
        Kvm = "kvm",
        /// QEMU with TCG emulation.
        Qemu = "qemu",
        /// Xen.
        Xen = "xen",
        /// LXC containers.
        Lxc = "lxc",
        /// VMware.
        Vmware = "vmware",
        /// bhyve.
        Bhyve = "bhyve",
        /// Hyper-V.
        Hyperv = "hyperv",
        /// VirtualBox.
        Vbox = "vbox",
        /// libvirt's test driver.
        Test = "test",
        /// Cloud Hypervisor.
        Ch = "ch",
        /// Apple Hypervisor.framework.
        Hvf = "hvf",
    }
}

xml_enum! {
    /// What to do on a lifecycle event (`<on_poweroff>`, `<on_reboot>`, `<on_crash>`).
    pub enum LifecycleAction {
        /// Stop the domain.
        Destroy = "destroy",
        /// Restart the domain.
        Restart = "restart",
        /// Restart with a fresh configuration.
        Rename = "rename-restart",
        /// Keep the domain paused.
        Preserve = "preserve",
        /// Dump core, then destroy.
        CoredumpDestroy = "coredump-destroy",
        /// Dump core, then restart.
        CoredumpRestart = "coredump-restart",
    }
}

xml_enum! {
    /// What to do when a lock manager loses a lock (`<on_lockfailure>`).
    pub enum LockFailureAction {
        /// Power the domain off.
        Poweroff = "poweroff",
        /// Restart the domain.
        Restart = "restart",
        /// Pause the domain.
        Pause = "pause",
        /// Keep running.
        Ignore = "ignore",
    }
}

xml_enum! {
    /// How vCPUs are placed on host CPUs (`<vcpu placement='...'>`).
    pub enum VcpuPlacement {
        /// Pinned by `cpuset`.
        Static = "static",
        /// Chosen by numad.
        Auto = "auto",
    }
}

xml_element! {
    /// A guest definition, the `<domain>` document.
    ///
    /// Create one with [`Domain::from_xml`] or [`Domain::new`]; write it with
    /// [`Domain::to_xml`]. Every accessor reads and writes the one shared DOM.
    pub struct Domain = "domain", order = [
        "name", "uuid", "hwuuid", "genid", "title", "description", "metadata", "maxMemory", "memory",
        "currentMemory", "blkiotune", "memtune", "memoryBacking", "vcpu", "vcpus", "iothreads",
        "iothreadids", "defaultiothread", "cputune", "numatune", "resource", "sysinfo",
        "bootloader", "bootloader_args", "os", "idmap", "throttlegroups", "features", "cpu",
        "clock", "on_poweroff", "on_reboot", "on_crash", "on_lockfailure", "pm", "perf",
        "devices", "seclabel", "keywrap", "launchSecurity", "qemu:commandline",
        "qemu:capabilities", "qemu:override", "qemu:deprecation", "bhyve:commandline",
        "xen:commandline", "lxc:namespace", "vmware:datacenterpath",
    ] {
        /// The hypervisor type.
        attr domain_type, set_domain_type: DomainType = "type";
        /// The runtime id of a running domain.
        attr id, set_id: i32 = "id";
        /// The unique name.
        child_text name, set_name: String = "name";
        /// The UUID.
        child_text uuid, set_uuid: Uuid = "uuid";
        /// VM generation id (empty: generated by libvirt).
        child_text genid, set_genid: String = "genid";
        /// A short title.
        child_text title, set_title: String = "title";
        /// A human-readable description.
        child_text description, set_description: String = "description";
        /// Application metadata.
        child metadata, metadata_or_create, remove_metadata: DomainMetadata = "metadata";
        /// Maximum memory at boot (default unit KiB).
        child_unit memory, set_memory: Size = "memory" / "unit";
        /// Whether guest memory is included in core dumps.
        child_attr memory_dump_core, set_memory_dump_core: OnOff = "memory" / "dumpCore";
        /// Memory currently allocated (default unit KiB).
        child_unit current_memory, set_current_memory: Size = "currentMemory" / "unit";
        /// Maximum memory for hotplug (default unit KiB).
        child_unit max_memory, set_max_memory: Size = "maxMemory" / "unit";
        /// Number of memory slots for hotplug.
        child_attr max_memory_slots, set_max_memory_slots: u32 = "maxMemory" / "slots";
        /// Maximum number of vCPUs.
        child_text vcpu, set_vcpu: u32 = "vcpu";
        /// vCPU placement.
        child_attr vcpu_placement, set_vcpu_placement: VcpuPlacement = "vcpu" / "placement";
        /// Number of vCPUs online at boot.
        child_attr vcpu_current, set_vcpu_current: u32 = "vcpu" / "current";
        /// Host CPUs the vCPUs may run on.
        child_attr vcpu_cpuset, set_vcpu_cpuset: String = "vcpu" / "cpuset";
        /// Block I/O tuning.
        child blkiotune, blkiotune_or_create, remove_blkiotune: DomainBlkiotune = "blkiotune";
        /// Memory limits.
        child memtune, memtune_or_create, remove_memtune: DomainMemtune = "memtune";
        /// Memory backing.
        child memory_backing, memory_backing_or_create, remove_memory_backing: DomainMemoryBacking = "memoryBacking";
        /// State of each vCPU.
        child vcpus, vcpus_or_create, remove_vcpus: DomainVcpus = "vcpus";
        /// Number of I/O threads.
        child_text iothreads, set_iothreads: u32 = "iothreads";
        /// I/O threads by id.
        child iothreadids, iothreadids_or_create, remove_iothreadids: DomainIothreadids = "iothreadids";
        /// Minimum worker threads of the default I/O thread.
        child_attr defaultiothread_pool_min, set_defaultiothread_pool_min: u32 = "defaultiothread" / "thread_pool_min";
        /// Maximum worker threads of the default I/O thread.
        child_attr defaultiothread_pool_max, set_defaultiothread_pool_max: u32 = "defaultiothread" / "thread_pool_max";
        /// CPU tuning.
        child cputune, cputune_or_create, remove_cputune: DomainCputune = "cputune";
        /// NUMA memory policy.
        child numatune, numatune_or_create, remove_numatune: DomainNumatune = "numatune";
        /// Resource partitioning.
        child resource, resource_or_create, remove_resource: DomainResource = "resource";
        /// SMBIOS and firmware configuration data.
        child sysinfo, sysinfo_or_create, remove_sysinfo: DomainSysinfo = "sysinfo";
        /// Host boot loader (Xen, bhyve).
        child_text bootloader, set_bootloader: String = "bootloader";
        /// Arguments of the host boot loader.
        child_text bootloader_args, set_bootloader_args: String = "bootloader_args";
        /// Action when the guest powers off.
        child_text on_poweroff, set_on_poweroff: LifecycleAction = "on_poweroff";
        /// Action when the guest reboots.
        child_text on_reboot, set_on_reboot: LifecycleAction = "on_reboot";
        /// Action when the guest crashes.
        child_text on_crash, set_on_crash: LifecycleAction = "on_crash";
        /// Operating system booting.
        child os, os_or_create, remove_os: DomainOs = "os";
        /// User namespace id maps (containers).
        child idmap, idmap_or_create, remove_idmap: DomainIdmap = "idmap";
        /// Hypervisor features.
        child features, features_or_create, remove_features: DomainFeatures = "features";
        /// Guest CPU.
        child cpu, cpu_or_create, remove_cpu: DomainCpu = "cpu";
        /// Guest clock.
        child clock, clock_or_create, remove_clock: DomainClock = "clock";
        /// Action when a lock manager loses a lock.
        child_text on_lockfailure, set_on_lockfailure: LockFailureAction = "on_lockfailure";
        /// Guest power management.
        child pm, pm_or_create, remove_pm: DomainPm = "pm";
        /// Host perf events.
        child perf, perf_or_create, remove_perf: DomainPerf = "perf";
        /// Devices.
        child devices, devices_or_create, remove_devices: DomainDevices = "devices";
        /// Security labels, one per security model.
        children seclabels, add_seclabel, remove_seclabel: DomainSeclabel = "seclabel";
        /// S390 key wrapping.
        child keywrap, keywrap_or_create, remove_keywrap: DomainKeywrap = "keywrap";
        /// Memory encryption.
        child launch_security, launch_security_or_create, remove_launch_security: DomainLaunchSecurity = "launchSecurity";
        /// Extra QEMU command line arguments and environment.
        child qemu_commandline, qemu_commandline_or_create, remove_qemu_commandline: QemuCommandline = "qemu:commandline";
        /// QEMU capabilities forced on or off.
        child qemu_capabilities, qemu_capabilities_or_create, remove_qemu_capabilities: QemuCapabilities = "qemu:capabilities";
        /// QEMU device property overrides.
        child qemu_override, qemu_override_or_create, remove_qemu_override: QemuOverride = "qemu:override";
        /// What QEMU does on use of a deprecated feature: `none`, `omit`, `reject`, `crash`.
        child_attr qemu_deprecation_behavior, set_qemu_deprecation_behavior: String = "qemu:deprecation" / "behavior";
        /// Extra bhyve arguments.
        child bhyve_commandline, bhyve_commandline_or_create, remove_bhyve_commandline: HypervisorCommandline = "bhyve:commandline";
        /// Extra Xen device model arguments.
        child xen_commandline, xen_commandline_or_create, remove_xen_commandline: HypervisorCommandline = "xen:commandline";
        /// Namespaces shared by an LXC container.
        child lxc_namespace, lxc_namespace_or_create, remove_lxc_namespace: LxcNamespace = "lxc:namespace";
        /// VMware datacenter path of an ESX domain.
        child_text vmware_datacenterpath, set_vmware_datacenterpath: String = "vmware:datacenterpath";
    }
}

impl Domain {
    /// Parses a domain document.
    ///
    /// # Errors
    /// Any parse error (see [`Document::parse`]), or [`Error::WrongRoot`] when
    /// the root element is not `<domain>`.
    pub fn from_xml(xml: &str) -> Result<Domain> {
        Domain::from_document(Document::parse(xml)?)
    }

    /// Wraps a parsed document whose root is `<domain>`.
    ///
    /// # Errors
    /// [`Error::WrongRoot`] when the root element is not `<domain>`.
    pub fn from_document(doc: Document) -> Result<Domain> {
        let root = doc.root();
        match root {
            Some(r) if doc.name(r) == Self::ELEMENT => Ok(Domain::from_node(doc.into_shared(), r)),
            _ => Err(Error::WrongRoot {
                expected: Self::ELEMENT,
                found: root.map(|r| doc.name(r).to_owned()).unwrap_or_default(),
            }),
        }
    }

    /// Whether `xml` looks like a domain document (its first element is `<domain`),
    /// without parsing it.
    pub fn is_domain_xml(xml: &str) -> bool {
        let mut rest = xml;
        while let Some(i) = rest.find('<') {
            let tail = rest.get(i + 1..).unwrap_or("");
            if tail.starts_with('?') || tail.starts_with('!') {
                rest = tail;
                continue;
            }
            return tail.starts_with("domain")
                && tail
                    .get(6..7)
                    .is_some_and(|c| matches!(c, " " | ">" | "/" | "\t" | "\n" | "\r"));
        }
        false
    }

    /// A new, empty `<domain/>` to fill in with the setters.
    ///
    /// ```
    /// use libvirt_gconfig::{Domain, DomainType, value::Size};
    /// let dom = Domain::new();
    /// dom.set_domain_type(Some(DomainType::Kvm));
    /// dom.set_name(Some("demo".into()));
    /// dom.set_memory(Some(Size::new(1, libvirt_gconfig::value::SizeUnit::GiB)));
    /// assert_eq!(
    ///     dom.to_xml(),
    ///     "<domain type='kvm'>\n  <name>demo</name>\n  <memory unit='GiB'>1</memory>\n</domain>"
    /// );
    /// ```
    pub fn new() -> Domain {
        let doc = Document::with_root(Self::ELEMENT);
        let root = doc.root().unwrap_or_else(|| doc.document_node());
        Domain::from_node(doc.into_shared(), root)
    }

    /// The shared document behind this domain.
    pub fn shared(&self) -> &SharedDocument {
        &self.doc
    }

    /// Reads every typed property and writes it back; see [`XmlView::touch`].
    ///
    /// # Errors
    /// The first property that could not be read.
    pub fn touch(&self) -> Result<()> {
        let mut errors = Vec::new();
        XmlView::touch(self, &mut errors);
        match errors.into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// The XML of the `<metadata>` element in namespace `ns_uri`, with its
    /// namespace declaration; see [`DomainMetadata::element`].
    pub fn metadata_element(&self, ns_uri: &str) -> Option<String> {
        self.metadata()?.element(ns_uri)
    }

    /// Replaces (or with `None` removes) the `<metadata>` element in namespace
    /// `ns_uri`; see [`DomainMetadata::set_element`]. `<metadata>` is created
    /// when needed, and removed when it becomes empty.
    ///
    /// # Errors
    /// A parse error of `xml`, or mixed content in it; the document is unchanged then.
    pub fn set_metadata_element(
        &self,
        ns_uri: &str,
        prefix: &str,
        xml: Option<&str>,
    ) -> Result<()> {
        match (self.metadata(), xml) {
            (None, None) => Ok(()),
            (Some(m), None) => {
                m.set_element(ns_uri, prefix, None)?;
                if self.doc.borrow().child_elements(m.node()).next().is_none() {
                    self.remove_metadata();
                }
                Ok(())
            }
            (_, Some(x)) => {
                // Parse first so that an error leaves the document unchanged.
                metadata::parse_fragment(x)?;
                self.metadata_or_create()
                    .set_element(ns_uri, prefix, Some(x))
            }
        }
    }

    /// Serializes the whole document (prolog and comments included).
    pub fn to_xml(&self) -> String {
        self.doc.borrow().to_xml()
    }
}

impl Default for Domain {
    fn default() -> Self {
        Domain::new()
    }
}
