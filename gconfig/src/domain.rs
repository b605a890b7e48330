//! The `<domain>` document: a guest definition.
//!
//! ```text
//! Domain                      <domain>
//! ├── DomainOs                  <os>  (DomainOsLoader, DomainOsNvram, DomainOsBoot)
//! ├── DomainFeatures            <features>
//! ├── DomainClock               <clock>  (DomainTimer)
//! └── DomainDevices             <devices>
//!     ├── DomainDevice            any device, by element name
//!     ├── DomainDisk              <disk>  (DomainDiskSource, DomainDiskSourceHost)
//!     └── DomainInterface         <interface>
//! ```

use crate::dom::{Document, SharedDocument};
use crate::error::{Error, Result};
use crate::value::{Size, Uuid};
use crate::view::XmlView;
use crate::{xml_element, xml_enum};

mod clock;
mod devices;
mod features;
mod os;

pub use clock::{ClockOffset, DomainClock, DomainTimer, TimerName};
pub use devices::*;
pub use features::{DomainFeatureApic, DomainFeatures};
pub use os::{BootDevice, DomainOs, DomainOsBoot, DomainOsLoader, DomainOsNvram, Firmware, OsType};

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
        "devices", "seclabel", "keywrap", "launchSecurity",
    ] {
        /// The hypervisor type.
        attr domain_type, set_domain_type: DomainType = "type";
        /// The runtime id of a running domain.
        attr id, set_id: i32 = "id";
        /// The unique name.
        child_text name, set_name: String = "name";
        /// The UUID.
        child_text uuid, set_uuid: Uuid = "uuid";
        /// A short title.
        child_text title, set_title: String = "title";
        /// A human-readable description.
        child_text description, set_description: String = "description";
        /// Maximum memory at boot (default unit KiB).
        child_unit memory, set_memory: Size = "memory" / "unit";
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
        /// Action when the guest powers off.
        child_text on_poweroff, set_on_poweroff: LifecycleAction = "on_poweroff";
        /// Action when the guest reboots.
        child_text on_reboot, set_on_reboot: LifecycleAction = "on_reboot";
        /// Action when the guest crashes.
        child_text on_crash, set_on_crash: LifecycleAction = "on_crash";
        /// Operating system booting.
        child os, os_or_create, remove_os: DomainOs = "os";
        /// Hypervisor features.
        child features, features_or_create, remove_features: DomainFeatures = "features";
        /// Guest clock.
        child clock, clock_or_create, remove_clock: DomainClock = "clock";
        /// Devices.
        child devices, devices_or_create, remove_devices: DomainDevices = "devices";
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
