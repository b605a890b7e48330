//! What the assistant will create, as plain data: the choices of its pages, the host's
//! limits (from domain capabilities and node info), the defaults libosinfo gives for an
//! OS clamped to those limits, validation, and the domain and volume XML built with
//! gconfig's typed views.

use libvirt_gconfig::value::{Size, SizeUnit, YesNo};
use libvirt_gconfig::{
    BootDevice, ChardevSourceType, ClockOffset, ConsoleTargetType, DiskBus, DiskDevice,
    DiskProtocol, DiskType, Domain, DomainCaps, DomainType, Firmware, GraphicsType, InterfaceType,
    LifecycleAction, OsType, StorageVolume, VideoModelType,
};

use super::osdb::OsDefaults;
use crate::i18n::tr;

const MIB: u64 = 1024 * 1024;
const GIB: u64 = 1024 * MIB;

/// Where the guest's OS comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstallSource {
    /// An installation ISO on this machine (uploaded into a pool for remote hosts).
    Iso(String),
    /// A network install: the URL of an ISO on an HTTP(S)/FTP server, attached as a
    /// network CD-ROM that QEMU reads directly.
    Url(String),
    /// An existing disk image on the host, booted as the first disk (import).
    Import(String),
    /// Direct kernel boot.
    Kernel {
        /// Kernel path on the host.
        kernel: String,
        /// Initrd path on the host (may be empty).
        initrd: String,
        /// Kernel command line.
        cmdline: String,
    },
}

/// The guest's main disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiskChoice {
    /// No disk.
    None,
    /// A new qcow2 volume of `size` bytes in pool `pool`.
    New {
        /// Pool name.
        pool: String,
        /// Capacity in bytes.
        size: u64,
    },
    /// An existing volume (by pool and name).
    Existing {
        /// Pool name.
        pool: String,
        /// Volume name.
        volume: String,
    },
}

/// The guest's network connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetChoice {
    /// No network card.
    None,
    /// A libvirt virtual network (NAT `default` usually).
    Network(String),
    /// A host bridge.
    Bridge(String),
}

/// Boot firmware.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FirmwareChoice {
    /// SeaBIOS.
    #[default]
    Bios,
    /// UEFI (libvirt's firmware auto-selection).
    Uefi,
}

/// What the host allows, read from domain capabilities and node info.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostLimits {
    /// Largest vCPU count (domain caps' `<vcpu max>`, at most the host's CPUs).
    pub max_vcpus: u32,
    /// Host memory in bytes (a guest gets at most this).
    pub max_memory: u64,
    /// The domain type to use (`kvm` when the host has it, else `qemu`).
    pub domain_type: DomainType,
    /// Whether KVM is available (else only TCG emulation).
    pub kvm: bool,
    /// Guest architecture.
    pub arch: String,
    /// Emulator binary, when known.
    pub emulator: Option<String>,
    /// Whether UEFI firmware is available.
    pub uefi: bool,
}

impl Default for HostLimits {
    fn default() -> Self {
        HostLimits {
            max_vcpus: 1,
            max_memory: 512 * MIB,
            domain_type: DomainType::Qemu,
            kvm: false,
            arch: "x86_64".into(),
            emulator: None,
            uefi: false,
        }
    }
}

impl HostLimits {
    /// Limits from the domain capabilities XML (`None` when the driver has none, like
    /// the test driver) and the host's CPUs and memory (`virNodeGetInfo`: KiB).
    pub fn from_caps(domcaps: Option<&str>, host_cpus: u32, host_mem_kib: u64) -> HostLimits {
        let mut l = HostLimits {
            max_vcpus: host_cpus.max(1),
            max_memory: host_mem_kib.saturating_mul(1024).max(64 * MIB),
            ..HostLimits::default()
        };
        let Some(caps) = domcaps.and_then(|x| DomainCaps::from_xml(x).ok()) else {
            return l;
        };
        if let Some(max) = caps.vcpu_max().ok().flatten() {
            l.max_vcpus = l.max_vcpus.min(max.max(1));
        }
        l.kvm = caps.domain().ok().flatten().as_deref() == Some("kvm");
        l.domain_type = if l.kvm {
            DomainType::Kvm
        } else {
            DomainType::Qemu
        };
        if let Some(a) = caps.arch().ok().flatten() {
            l.arch = a;
        }
        l.emulator = caps.path().ok().flatten();
        if let Some(os) = caps.os() {
            let fw = os.enum_values("firmware");
            let loaders = os.loader().map(|ld| ld.values()).unwrap_or_default();
            l.uefi = fw.iter().any(|f| f == "efi") || !loaders.is_empty();
        }
        l
    }
}

/// Memory, vCPUs and disk size for an OS: libosinfo's recommendation (the minimum
/// where there is none, else 1 GiB / 1 / 20 GiB), within the host's limits.
pub fn clamped_defaults(d: Option<&OsDefaults>, limits: &HostLimits) -> (u64, u32, u64) {
    let r = d.map(|d| d.recommended).unwrap_or_default();
    let mem = r.ram.unwrap_or(GIB).min(limits.max_memory);
    let cpus = r.n_cpus.unwrap_or(1).clamp(1, limits.max_vcpus.max(1));
    let disk = r.storage.unwrap_or(20 * GIB);
    (mem, cpus, disk)
}

/// Everything the assistant gathered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Domain name.
    pub name: String,
    /// Install source.
    pub source: InstallSource,
    /// libosinfo OS id (written to the metadata).
    pub os_id: Option<String>,
    /// Memory in bytes.
    pub memory: u64,
    /// vCPUs.
    pub vcpus: u32,
    /// Main disk.
    pub disk: DiskChoice,
    /// Network.
    pub net: NetChoice,
    /// Firmware.
    pub firmware: FirmwareChoice,
    /// Use KVM (else TCG, `type='qemu'`).
    pub kvm: bool,
    /// virtio disk bus (else SATA).
    pub virtio_disk: bool,
    /// virtio network model (else e1000).
    pub virtio_net: bool,
    /// virtio video (else VGA).
    pub virtio_gpu: bool,
    /// Start the guest once defined.
    pub start: bool,
}

/// Whether `name` can name a domain (libvirt refuses `/`; we also want no leading dot
/// or space, and printable characters only).
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 200
        && !name.starts_with('.')
        && name.trim() == name
        && !name.contains('/')
        && name.chars().all(|c| !c.is_control())
}

impl Plan {
    /// The problems that prevent creating this VM (empty: fine).
    pub fn problems(&self, limits: &HostLimits) -> Vec<String> {
        let mut p = Vec::new();
        if !valid_name(&self.name) {
            p.push(tr(
                "The name must not be empty, start with a dot or contain “/”.",
            ));
        }
        match &self.source {
            InstallSource::Iso(f) | InstallSource::Import(f) if f.trim().is_empty() => {
                p.push(tr("Choose an image file."))
            }
            InstallSource::Url(u) if url_parts(u).is_none() => p.push(tr(
                "The URL must be http://, https:// or ftp:// with a host and a path.",
            )),
            InstallSource::Kernel { kernel, .. } if kernel.trim().is_empty() => {
                p.push(tr("Choose a kernel."))
            }
            _ => {}
        }
        if self.memory < 16 * MIB || self.memory > limits.max_memory {
            p.push(format!(
                "{} ({} MiB)",
                tr("Memory must be between 16 MiB and the host's memory"),
                limits.max_memory / MIB
            ));
        }
        if self.vcpus == 0 || self.vcpus > limits.max_vcpus {
            p.push(format!(
                "{} {}",
                tr("vCPUs must be between 1 and"),
                limits.max_vcpus
            ));
        }
        if self.kvm && !limits.kvm {
            p.push(tr("This host has no KVM."));
        }
        if self.firmware == FirmwareChoice::Uefi && !limits.uefi {
            p.push(tr("This host has no UEFI firmware."));
        }
        match &self.disk {
            DiskChoice::New { pool, size } => {
                if pool.is_empty() {
                    p.push(tr("Choose a storage pool for the new disk."));
                }
                if *size < MIB {
                    p.push(tr("The new disk must be at least 1 MiB."));
                }
            }
            DiskChoice::Existing { pool, volume } if pool.is_empty() || volume.is_empty() => {
                p.push(tr("Choose an existing volume."))
            }
            _ => {}
        }
        if matches!(&self.disk, DiskChoice::None)
            && matches!(self.source, InstallSource::Iso(_) | InstallSource::Url(_))
        {
            p.push(tr("An installation needs a disk to install to."));
        }
        match &self.net {
            NetChoice::Network(n) | NetChoice::Bridge(n) if n.trim().is_empty() => {
                p.push(tr("Name the network or bridge."))
            }
            _ => {}
        }
        p
    }

    /// The XML of the new qcow2 volume (`DiskChoice::New`).
    pub fn volume_xml(&self) -> Option<String> {
        let DiskChoice::New { size, .. } = &self.disk else {
            return None;
        };
        Some(qcow2_volume_xml(&format!("{}.qcow2", self.name), *size))
    }

    /// The domain, with the main disk at `disk_path` and an ISO (local path or uploaded
    /// volume path) at `iso_path`.
    pub fn domain(
        &self,
        limits: &HostLimits,
        disk_path: Option<&str>,
        iso_path: Option<&str>,
    ) -> Domain {
        let dom = Domain::new();
        dom.set_domain_type(Some(if self.kvm {
            DomainType::Kvm
        } else {
            DomainType::Qemu
        }));
        dom.set_name(Some(self.name.clone()));
        if let Some(id) = &self.os_id {
            dom.metadata_or_create()
                .libosinfo_or_create()
                .set_os_id(Some(id.clone()));
        }
        let mib = self.memory / MIB;
        dom.set_memory(Some(Size::new(mib, SizeUnit::MiB)));
        dom.set_current_memory(Some(Size::new(mib, SizeUnit::MiB)));
        dom.set_vcpu(Some(self.vcpus));
        let os = dom.os_or_create();
        os.set_os_type(Some(OsType::Hvm));
        os.set_arch(Some(limits.arch.clone()));
        if self.firmware == FirmwareChoice::Uefi {
            os.set_firmware(Some(Firmware::Efi));
        }
        match &self.source {
            InstallSource::Kernel {
                kernel,
                initrd,
                cmdline,
            } => {
                os.set_kernel(Some(kernel.trim().to_owned()));
                if !initrd.trim().is_empty() {
                    os.set_initrd(Some(initrd.trim().to_owned()));
                }
                if !cmdline.trim().is_empty() {
                    os.set_cmdline(Some(cmdline.trim().to_owned()));
                }
            }
            InstallSource::Iso(_) | InstallSource::Url(_) => {
                os.add_boot().set_dev(Some(BootDevice::Hd));
                os.add_boot().set_dev(Some(BootDevice::Cdrom));
            }
            InstallSource::Import(_) => os.add_boot().set_dev(Some(BootDevice::Hd)),
        }
        let features = dom.features_or_create();
        features.set_acpi(true);
        features.apic_or_create();
        dom.clock_or_create().set_offset(Some(ClockOffset::Utc));
        dom.set_on_poweroff(Some(LifecycleAction::Destroy));
        dom.set_on_reboot(Some(LifecycleAction::Restart));
        dom.set_on_crash(Some(LifecycleAction::Destroy));

        let devices = dom.devices_or_create();
        if let Some(e) = &limits.emulator {
            devices.set_emulator(Some(e.clone()));
        }
        let (bus, prefix) = if self.virtio_disk {
            (DiskBus::Virtio, "vd")
        } else {
            (DiskBus::Sata, "sd")
        };
        let mut next = 0u8;
        let mut target = |p: &str| {
            let t = format!("{p}{}", char::from(b'a' + next));
            next += 1;
            t
        };
        let main_disk = match &self.source {
            InstallSource::Import(path) => Some((path.trim().to_owned(), image_format(path))),
            _ => disk_path.map(|p| (p.to_owned(), image_format(p))),
        };
        // A disk of `kind` for `device` in `format`, on `bus` (target name from `prefix`).
        let mut add_disk =
            |kind: DiskType, device: DiskDevice, format: &str, prefix: &str, bus: DiskBus| {
                let d = devices.add_disk();
                let cdrom = device == DiskDevice::Cdrom;
                d.set_disk_type(Some(kind));
                d.set_device(Some(device));
                let driver = d.driver_or_create();
                driver.set_name(Some("qemu".into()));
                driver.set_format(Some(format.into()));
                d.set_target_dev(Some(target(prefix)));
                d.set_target_bus(Some(bus));
                if cdrom {
                    d.set_readonly(true);
                }
                d
            };
        if let Some((path, format)) = main_disk {
            add_disk(DiskType::File, DiskDevice::Disk, format, prefix, bus)
                .source_or_create()
                .set_file(Some(path));
        }
        match (&self.source, iso_path) {
            (InstallSource::Iso(_), Some(iso)) => {
                add_disk(
                    DiskType::File,
                    DiskDevice::Cdrom,
                    "raw",
                    "sd",
                    DiskBus::Sata,
                )
                .source_or_create()
                .set_file(Some(iso.to_owned()));
            }
            (InstallSource::Url(u), _) => {
                if let Some((proto, host, port, path)) = url_parts(u) {
                    let cd = add_disk(
                        DiskType::Network,
                        DiskDevice::Cdrom,
                        "raw",
                        "sd",
                        DiskBus::Sata,
                    );
                    let src = cd.source_or_create();
                    src.set_protocol(Some(proto));
                    src.set_name(Some(path));
                    let h = src.add_host();
                    h.set_name(Some(host));
                    h.set_port(port);
                }
            }
            _ => {}
        }
        match &self.net {
            NetChoice::None => {}
            NetChoice::Network(n) | NetChoice::Bridge(n) => {
                let nic = devices.add_interface();
                let bridge = matches!(self.net, NetChoice::Bridge(_));
                nic.set_iface_type(Some(if bridge {
                    InterfaceType::Bridge
                } else {
                    InterfaceType::Network
                }));
                let src = nic.source_or_create();
                if bridge {
                    src.set_bridge(Some(n.trim().to_owned()));
                } else {
                    src.set_network(Some(n.trim().to_owned()));
                }
                nic.set_model_type(Some(
                    if self.virtio_net { "virtio" } else { "e1000" }.into(),
                ));
            }
        }
        let serial = devices.add_serial();
        serial.set_source_type(Some(ChardevSourceType::Pty));
        serial.target_or_create().set_port(Some(0));
        let console = devices.add_console();
        console.set_source_type(Some(ChardevSourceType::Pty));
        console.set_target_type(Some(ConsoleTargetType::Serial));
        console.set_target_port(Some(0));
        let g = devices.add_graphics();
        g.set_graphics_type(Some(GraphicsType::Vnc));
        g.set_autoport(Some(YesNo(true)));
        g.set_listen(Some("127.0.0.1".into()));
        devices
            .add_video()
            .model_or_create()
            .set_model_type(Some(if self.virtio_gpu {
                VideoModelType::Virtio
            } else {
                VideoModelType::Vga
            }));
        dom
    }
}

/// `size` bytes as `N GiB` when whole gibibytes, else `N MiB`.
pub fn size_text(size: u64) -> String {
    if size >= GIB && size.is_multiple_of(GIB) {
        format!("{} GiB", size / GIB)
    } else {
        format!("{} MiB", size / MIB)
    }
}

/// A qcow2 volume of `size` bytes named `name`.
pub fn qcow2_volume_xml(name: &str, size: u64) -> String {
    volume_xml(name, size, "qcow2")
}

/// A volume of `size` bytes in `format`.
pub fn volume_xml(name: &str, size: u64, format: &str) -> String {
    let v = StorageVolume::new();
    v.set_name(Some(name.to_owned()));
    v.set_capacity(Some(Size::new(size, SizeUnit::Bytes)));
    v.target_or_create().set_format(Some(format.to_owned()));
    v.to_xml()
}

/// The disk format of an image, from its name (`.qcow2` → qcow2, else raw).
pub fn image_format(path: &str) -> &'static str {
    if path.trim().to_ascii_lowercase().ends_with(".qcow2") {
        "qcow2"
    } else {
        "raw"
    }
}

/// `proto://host[:port]/path` → (protocol, host, port, path).
pub fn url_parts(url: &str) -> Option<(DiskProtocol, String, Option<u16>, String)> {
    let (scheme, rest) = url.trim().split_once("://")?;
    let proto = match scheme.to_ascii_lowercase().as_str() {
        "http" => DiskProtocol::Http,
        "https" => DiskProtocol::Https,
        "ftp" => DiskProtocol::Ftp,
        _ => return None,
    };
    let (hostport, path) = rest.split_at(rest.find('/')?);
    if path.len() < 2 {
        return None;
    }
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) => (h, Some(p.parse::<u16>().ok()?)),
        None => (hostport, None),
    };
    if host.is_empty() {
        return None;
    }
    Some((proto, host.to_owned(), port, path.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::modals::new_vm::osdb::Resources;

    const CAPS: &str = "<domainCapabilities><path>/usr/bin/qemu-system-x86_64</path><domain>kvm</domain><machine>pc-i440fx-7.2</machine><arch>x86_64</arch><vcpu max='255'/><os supported='yes'><enum name='firmware'><value>bios</value><value>efi</value></enum><loader supported='yes'><value>/usr/share/OVMF/OVMF_CODE_4M.fd</value></loader></os></domainCapabilities>";

    fn plan() -> Plan {
        Plan {
            name: "t1".into(),
            source: InstallSource::Kernel {
                kernel: "/k".into(),
                initrd: "/i".into(),
                cmdline: "console=ttyS0".into(),
            },
            os_id: Some("http://libosinfo.org/linux/2022".into()),
            memory: 128 * MIB,
            vcpus: 1,
            disk: DiskChoice::New {
                pool: "p".into(),
                size: 64 * MIB,
            },
            net: NetChoice::None,
            firmware: FirmwareChoice::Bios,
            kvm: false,
            virtio_disk: true,
            virtio_net: true,
            virtio_gpu: false,
            start: true,
        }
    }

    #[test]
    fn limits_come_from_domain_caps_and_node_info() {
        let l = HostLimits::from_caps(Some(CAPS), 2, 4 * 1024 * 1024);
        assert_eq!(l.max_vcpus, 2, "at most the host's CPUs");
        assert_eq!(l.max_memory, 4 * GIB);
        assert!(l.kvm && l.uefi);
        assert_eq!(l.domain_type, DomainType::Kvm);
        assert_eq!(l.emulator.as_deref(), Some("/usr/bin/qemu-system-x86_64"));
        let none = HostLimits::from_caps(None, 16, 3145728);
        assert_eq!((none.max_vcpus, none.kvm, none.uefi), (16, false, false));
    }

    #[test]
    fn defaults_are_clamped_to_the_host() {
        let l = HostLimits::from_caps(None, 2, 1024 * 1024);
        let d = OsDefaults {
            recommended: Resources {
                ram: Some(4 * GIB),
                n_cpus: Some(8),
                storage: Some(40 * GIB),
            },
            ..OsDefaults::default()
        };
        assert_eq!(clamped_defaults(Some(&d), &l), (GIB, 2, 40 * GIB));
        assert_eq!(clamped_defaults(None, &l), (GIB, 1, 20 * GIB));
    }

    #[test]
    fn direct_boot_domain_xml() {
        let l = HostLimits::from_caps(Some(CAPS), 2, 4 * 1024 * 1024);
        let p = plan();
        assert!(p.problems(&l).is_empty(), "{:?}", p.problems(&l));
        let dom = p.domain(&l, Some("/pool/t1.qcow2"), None);
        let xml = dom.to_xml();
        for want in [
            "<domain type='qemu'>",
            "<libosinfo:os id='http://libosinfo.org/linux/2022'/>",
            "<memory unit='MiB'>128</memory>",
            "<kernel>/k</kernel>",
            "<initrd>/i</initrd>",
            "<cmdline>console=ttyS0</cmdline>",
            "<acpi/>",
            "<source file='/pool/t1.qcow2'/>",
            "<target dev='vda' bus='virtio'/>",
            "<console type='pty'>",
            "<graphics type='vnc'",
        ] {
            assert!(xml.contains(want), "{want} missing in\n{xml}");
        }
        // Read back through the typed views.
        let back = Domain::from_xml(&xml).expect("parses");
        assert_eq!(
            back.metadata()
                .and_then(|m| m.libosinfo())
                .and_then(|l| l.os_id().ok().flatten())
                .as_deref(),
            Some("http://libosinfo.org/linux/2022")
        );
        assert_eq!(
            p.volume_xml()
                .as_deref()
                .map(|v| v.contains("<format type='qcow2'/>")),
            Some(true)
        );
    }

    #[test]
    fn problems_are_reported() {
        let l = HostLimits::from_caps(None, 2, 1024 * 1024);
        let mut p = plan();
        p.name = "a/b".into();
        p.memory = 8 * GIB;
        p.vcpus = 3;
        p.kvm = true;
        p.firmware = FirmwareChoice::Uefi;
        p.source = InstallSource::Url("gopher://x".into());
        assert_eq!(p.problems(&l).len(), 6, "{:?}", p.problems(&l));
    }

    #[test]
    fn urls_and_formats() {
        let (proto, host, port, path) =
            url_parts("https://deb.example.org:8443/debian/netinst.iso").expect("valid");
        assert_eq!(proto, DiskProtocol::Https);
        assert_eq!(
            (host.as_str(), port, path.as_str()),
            ("deb.example.org", Some(8443), "/debian/netinst.iso")
        );
        assert!(url_parts("http://host/").is_none());
        assert!(url_parts("file:///x.iso").is_none());
        assert_eq!(image_format("/a/B.QCOW2"), "qcow2");
        assert_eq!(image_format("/a/b.img"), "raw");
        assert_eq!(
            (size_text(20 * GIB), size_text(64 * MIB)),
            ("20 GiB".into(), "64 MiB".into())
        );
        let p = Plan {
            source: InstallSource::Url("http://h/x.iso".into()),
            ..plan()
        };
        let xml = p
            .domain(&HostLimits::default(), Some("/d.qcow2"), None)
            .to_xml();
        assert!(
            xml.contains("protocol='http'") && xml.contains("<host name='h'/>"),
            "{xml}"
        );
        assert!(xml.contains("<boot dev='cdrom'/>"));
    }
}
