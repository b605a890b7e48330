//! `<devices>`: every device of a domain, generic and typed.

use std::fmt;

use crate::dom::{NodeId, SharedDocument};
use crate::view::XmlView;
use crate::xml_element;

mod address;
mod audio;
mod chardev;
mod controller;
mod disk;
mod filesystem;
mod graphics;
mod hostdev;
mod input;
mod interface;
mod memballoon;
mod memory;
mod misc;
mod redirdev;
mod rng;
mod smartcard;
mod sound;
mod tpm;
mod video;
mod virtio;

pub use address::{AddressType, DeviceAcpi, DeviceAddress, DeviceAlias, DeviceBoot};
pub use audio::{
    AudioFormat, AudioType, DomainAudio, DomainAudioInput, DomainAudioOutput, SdlAudioDriver,
};
pub use chardev::{
    ChannelState, ChannelTargetType, ChardevProtocol, ChardevSourceMode, ChardevSourceType,
    ConsoleTargetType, DomainChannel, DomainChardevSource, DomainConsole, DomainParallel,
    DomainSerial, DomainSerialTarget, SerialTargetModel, SerialTargetType,
};
pub use controller::{ControllerDriver, ControllerTarget, ControllerType, DomainController};
pub use disk::{
    DiskAuth, DiskBackingStore, DiskBus, DiskCache, DiskCookie, DiskCookies, DiskDevice,
    DiskDriver, DiskDriverIothread, DiskDriverIothreads, DiskErrorPolicy, DiskFormat, DiskIo,
    DiskIothreadQueue, DiskIotune, DiskMetadataCache, DiskMirror, DiskProtocol, DiskReservations,
    DiskSlice, DiskSlices, DiskSnapshotMode, DiskStartupPolicy, DiskType, DomainDisk,
    DomainDiskSource, DomainDiskSourceHost,
};
pub use filesystem::{
    DomainFilesystem, FilesystemBinary, FilesystemDriver, FilesystemIdmap, FilesystemSource,
    IdmapRange,
};
pub use graphics::{
    DomainGraphics, DomainGraphicsChannel, DomainGraphicsListen, GraphicsConnected,
    GraphicsListenType, GraphicsType, MouseMode, SpiceChannelMode, SpiceChannelName,
    SpiceImageCompression, SpiceStreamingMode, SpiceWanCompression, VncSharePolicy,
};
pub use hostdev::{DomainHostdev, HostdevSource, HostdevSourceHost, HostdevType};
pub use input::{DomainInput, InputBus, InputGrabToggle, InputType};
pub use interface::{
    DomainInterface, InterfaceCoalesce, InterfaceCoalesceRx, InterfaceDriver, InterfaceDriverGuest,
    InterfaceDriverHost, InterfaceIp, InterfacePortForward, InterfaceSource, InterfaceTune,
    InterfaceType, PortForwardRange,
};
pub use memballoon::{DomainMemballoon, MemballoonModel};
pub use memory::{DomainMemoryDevice, MemoryModel, MemorySource, MemoryTarget, MemoryTargetLabel};
pub use misc::{
    DomainCrypto, DomainHub, DomainIommu, DomainLease, DomainPanic, DomainShmem, DomainVsock,
    DomainWatchdog, IommuDriver,
};
pub use redirdev::{DomainRedirFilter, DomainRedirdev, RedirFilterUsbdev, RedirSource};
pub use rng::{DomainRng, DomainRngBackend, RngBackendModel};
pub use smartcard::{DomainSmartcard, SmartcardCertificate};
pub use sound::{DomainSound, DomainSoundCodec, SoundCodecType, SoundModel};
pub use tpm::{
    DomainTpm, DomainTpmBackend, DomainTpmPcrBanks, TpmBackendType, TpmModel, TpmVersion,
};
pub use video::{DomainVideo, DomainVideoModel, VideoDriverName, VideoModelType, VideoVgaconf};
pub use virtio::{DomainVirtioDriver, VirtioModel};

xml_element! {
    /// `<devices>`: the devices of a domain.
    ///
    /// Typed lists exist per device kind; [`DomainDevices::all`] lists every
    /// device whatever its kind.
    pub struct DomainDevices = "devices", order = [
        "emulator", "disk", "controller", "lease", "filesystem", "interface", "smartcard",
        "serial", "parallel", "console", "channel", "input", "tpm", "graphics", "sound", "audio",
        "video", "hostdev", "redirdev", "redirfilter", "hub", "watchdog", "memballoon", "rng",
        "panic", "shmem", "memory", "iommu", "vsock", "crypto", "pstore",
    ] {
        /// Path of the device model emulator binary.
        child_text emulator, set_emulator: String = "emulator";
        /// Disks.
        children disks, add_disk, remove_disk: DomainDisk = "disk";
        /// Network interfaces.
        children interfaces, add_interface, remove_interface: DomainInterface = "interface";
        /// Bus controllers.
        children controllers, add_controller, remove_controller: DomainController = "controller";
        /// Lock manager leases.
        children leases, add_lease, remove_lease: DomainLease = "lease";
        /// Shared filesystems.
        children filesystems, add_filesystem, remove_filesystem: DomainFilesystem = "filesystem";
        /// Smartcard readers.
        children smartcards, add_smartcard, remove_smartcard: DomainSmartcard = "smartcard";
        /// Assigned host devices.
        children hostdevs, add_hostdev, remove_hostdev: DomainHostdev = "hostdev";
        /// Redirected USB devices.
        children redirdevs, add_redirdev, remove_redirdev: DomainRedirdev = "redirdev";
        /// USB redirection filter.
        child redirfilter, redirfilter_or_create, remove_redirfilter: DomainRedirFilter = "redirfilter";
        /// USB hubs.
        children hubs, add_hub, remove_hub: DomainHub = "hub";
        /// Watchdogs.
        children watchdogs, add_watchdog, remove_watchdog: DomainWatchdog = "watchdog";
        /// Panic notifiers.
        children panics, add_panic, remove_panic: DomainPanic = "panic";
        /// Shared memory devices.
        children shmems, add_shmem, remove_shmem: DomainShmem = "shmem";
        /// Memory devices.
        children memory_devices, add_memory_device, remove_memory_device: DomainMemoryDevice = "memory";
        /// The virtual IOMMU.
        child iommu, iommu_or_create, remove_iommu: DomainIommu = "iommu";
        /// The vsock device.
        child vsock, vsock_or_create, remove_vsock: DomainVsock = "vsock";
        /// Crypto devices.
        children cryptos, add_crypto, remove_crypto: DomainCrypto = "crypto";
        /// Serial ports.
        children serials, add_serial, remove_serial: DomainSerial = "serial";
        /// Parallel ports.
        children parallels, add_parallel, remove_parallel: DomainParallel = "parallel";
        /// Consoles.
        children consoles, add_console, remove_console: DomainConsole = "console";
        /// Host-guest channels.
        children channels, add_channel, remove_channel: DomainChannel = "channel";
        /// Input devices.
        children inputs, add_input, remove_input: DomainInput = "input";
        /// TPMs.
        children tpms, add_tpm, remove_tpm: DomainTpm = "tpm";
        /// Graphical displays.
        children graphics, add_graphics, remove_graphics: DomainGraphics = "graphics";
        /// Sound cards.
        children sounds, add_sound, remove_sound: DomainSound = "sound";
        /// Host audio backends.
        children audios, add_audio, remove_audio: DomainAudio = "audio";
        /// Video adapters.
        children videos, add_video, remove_video: DomainVideo = "video";
        /// The memory balloon.
        child memballoon, memballoon_or_create, remove_memballoon: DomainMemballoon = "memballoon";
        /// Random number generators.
        children rngs, add_rng, remove_rng: DomainRng = "rng";
    }
}

impl DomainDevices {
    /// Every device (every child element except `<emulator>`), in document order.
    pub fn all(&self) -> Vec<DomainDevice> {
        let kids: Vec<NodeId> = {
            let d = self.doc.borrow();
            d.child_elements(self.node)
                .filter(|c| d.name(*c) != "emulator")
                .collect()
        };
        kids.into_iter()
            .map(|node| DomainDevice {
                doc: self.doc.clone(),
                node,
            })
            .collect()
    }

    /// Removes a device; returns whether it was one of these devices.
    pub fn remove_device(&self, device: &DomainDevice) -> bool {
        crate::view::remove_child_view(&self.doc, self.node, device)
    }
}

/// Any device of a domain; its kind is its element name.
#[derive(Clone)]
pub struct DomainDevice {
    doc: SharedDocument,
    node: NodeId,
}

impl fmt::Debug for DomainDevice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DomainDevice")
            .field("kind", &self.kind())
            .field("node", &self.node)
            .finish()
    }
}

impl DomainDevice {
    /// The device kind: the element name (`"disk"`, `"interface"`, `"graphics"`...).
    pub fn kind(&self) -> String {
        self.doc.borrow().name(self.node).to_owned()
    }

    /// The device as a typed view `V` if its element is `V::ELEMENT`.
    pub fn downcast<V: XmlView>(&self) -> Option<V> {
        let is = self.doc.borrow().name(self.node) == V::ELEMENT;
        is.then(|| V::from_node(self.doc.clone(), self.node))
    }

    /// The device's guest bus address, whatever its kind.
    pub fn address(&self) -> Option<DeviceAddress> {
        crate::view::child_view(&self.doc, self.node, DeviceAddress::ELEMENT)
    }

    /// The device's alias, whatever its kind.
    pub fn alias(&self) -> Option<DeviceAlias> {
        crate::view::child_view(&self.doc, self.node, DeviceAlias::ELEMENT)
    }

    /// The device as a disk.
    pub fn as_disk(&self) -> Option<DomainDisk> {
        self.downcast()
    }

    /// The device as a network interface.
    pub fn as_interface(&self) -> Option<DomainInterface> {
        self.downcast()
    }
}

impl XmlView for DomainDevice {
    const ELEMENT: &'static str = "";
    const ORDER: &'static [&'static str] = &[];

    fn from_node(doc: SharedDocument, node: NodeId) -> Self {
        DomainDevice { doc, node }
    }
    fn document(&self) -> &SharedDocument {
        &self.doc
    }
    fn node(&self) -> NodeId {
        self.node
    }
    fn info() -> &'static crate::view::ViewInfo {
        static INFO: crate::view::ViewInfo = crate::view::ViewInfo {
            type_name: "DomainDevice",
            element: "",
            order: &[],
            properties: &[],
        };
        &INFO
    }
    fn touch(&self, _errors: &mut Vec<crate::Error>) {}
}
