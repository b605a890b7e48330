//! Character devices: `<serial>`, `<parallel>`, `<console>` and `<channel>`,
//! and the host side they share (`<source>`, `<protocol>`, `<log>`).
//!
//! All four have the same host side: the element's `type` says what kind of
//! host resource backs the device, and `<source>` elements give its details.
//! They differ in their guest side (`<target>`).
//!
//! ```
//! use libvirt_gconfig::{ChannelTargetType, ChardevSourceMode, ChardevSourceType, Domain};
//! let dom = Domain::new();
//! let agent = dom.devices_or_create().add_channel();
//! agent.set_source_type(Some(ChardevSourceType::Unix));
//! agent.add_source().set_mode(Some(ChardevSourceMode::Bind));
//! agent.set_target_type(Some(ChannelTargetType::Virtio));
//! agent.set_target_name(Some("org.qemu.guest_agent.0".into()));
//! assert_eq!(
//!     dom.to_xml(),
//!     "<domain>
//!   <devices>
//!     <channel type='unix'>
//!       <source mode='bind'/>
//!       <target type='virtio' name='org.qemu.guest_agent.0'/>
//!     </channel>
//!   </devices>
//! </domain>"
//! );
//! ```

use super::address::{DeviceAcpi, DeviceAddress, DeviceAlias};
use crate::common::DeviceSeclabel;
use crate::value::{OnOff, YesNo};
use crate::{xml_element, xml_enum};

use super::graphics::MouseMode;

xml_enum! {
    /// What backs a character device on the host (`<serial type='...'>`,
    /// also `<channel>`, `<console>`, `<parallel>`, `<rng><backend>`).
    pub enum ChardevSourceType {
        /// A host device node (`<source path>`).
        Dev = "dev",
        /// A file, output only (`<source path append>`).
        File = "file",
        /// A named pipe (`<source path>`).
        Pipe = "pipe",
        /// A UNIX socket (`<source mode path>`).
        Unix = "unix",
        /// A TCP socket (`<source mode host service tls>`).
        Tcp = "tcp",
        /// UDP (`<source mode='bind'>` and `<source mode='connect'>`).
        Udp = "udp",
        /// Discards output, never gives input.
        Null = "null",
        /// The hypervisor's standard input and output.
        Stdio = "stdio",
        /// A virtual console of the hypervisor.
        Vc = "vc",
        /// A pseudo-terminal allocated by the hypervisor.
        Pty = "pty",
        /// A SPICE virtual machine channel.
        Spicevmc = "spicevmc",
        /// A SPICE port (`<source channel>`).
        Spiceport = "spiceport",
        /// A FreeBSD nmdm pair (`<source master slave>`).
        Nmdm = "nmdm",
        /// QEMU's built-in vdagent (`<source><clipboard/><mouse/></source>`).
        QemuVdagent = "qemu-vdagent",
        /// A D-Bus display channel.
        Dbus = "dbus",
    }
}

xml_enum! {
    /// Whether a socket listens or connects (`<source mode='...'>`).
    pub enum ChardevSourceMode {
        /// Listen (server).
        Bind = "bind",
        /// Connect (client).
        Connect = "connect",
    }
}

xml_enum! {
    /// The wire protocol of a TCP character device (`<protocol type='...'>`).
    pub enum ChardevProtocol {
        /// Raw bytes.
        Raw = "raw",
        /// Telnet.
        Telnet = "telnet",
        /// Telnet over TLS.
        Telnets = "telnets",
        /// TLS.
        Tls = "tls",
    }
}

xml_enum! {
    /// The guest side of a `<serial>` (`<target type='...'>`).
    pub enum SerialTargetType {
        /// An ISA serial port.
        IsaSerial = "isa-serial",
        /// A USB serial adapter.
        UsbSerial = "usb-serial",
        /// A PCI serial card.
        PciSerial = "pci-serial",
        /// A pSeries VIO serial device.
        SpaprVioSerial = "spapr-vio-serial",
        /// The machine's built-in serial port.
        SystemSerial = "system-serial",
        /// An s390 SCLP console.
        SclpSerial = "sclp-serial",
        /// The ISA debug console.
        IsaDebug = "isa-debug",
    }
}

xml_enum! {
    /// The device model of a `<serial>` (`<target><model name='...'>`).
    pub enum SerialTargetModel {
        /// `isa-serial`.
        IsaSerial = "isa-serial",
        /// `usb-serial`.
        UsbSerial = "usb-serial",
        /// `pci-serial`.
        PciSerial = "pci-serial",
        /// `spapr-vty`.
        SpaprVty = "spapr-vty",
        /// ARM PL011.
        Pl011 = "pl011",
        /// 16550A UART.
        Uart16550a = "16550a",
        /// s390 SCLP console.
        Sclpconsole = "sclpconsole",
        /// s390 SCLP line-mode console.
        Sclplmconsole = "sclplmconsole",
        /// ISA debug console.
        IsaDebugcon = "isa-debugcon",
    }
}

xml_enum! {
    /// The guest side of a `<console>` (`<target type='...'>`).
    pub enum ConsoleTargetType {
        /// A Xen PV console.
        Xen = "xen",
        /// The guest's serial port (the console aliases a `<serial>`).
        Serial = "serial",
        /// User-mode Linux (no longer used).
        Uml = "uml",
        /// A virtio console.
        Virtio = "virtio",
        /// An LXC console.
        Lxc = "lxc",
        /// An OpenVZ console.
        Openvz = "openvz",
        /// An s390 SCLP console.
        Sclp = "sclp",
        /// An s390 SCLP line-mode console.
        Sclplm = "sclplm",
    }
}

xml_enum! {
    /// The guest side of a `<channel>` (`<target type='...'>`).
    pub enum ChannelTargetType {
        /// A virtio-serial port, named by `name`.
        Virtio = "virtio",
        /// A guest TCP address and port forwarded to the host side.
        Guestfwd = "guestfwd",
        /// A Xen PV channel.
        Xen = "xen",
    }
}

xml_enum! {
    /// Whether the guest side of a virtio channel is open (`<target state='...'>`).
    pub enum ChannelState {
        /// A guest program has the port open.
        Connected = "connected",
        /// Nobody has the port open.
        Disconnected = "disconnected",
    }
}

xml_element! {
    /// `<source>` of a character device: the host side. Which attributes
    /// apply depends on the device's [`ChardevSourceType`]; a `udp` device has
    /// two sources, one with `mode='bind'` and one with `mode='connect'`.
    pub struct DomainChardevSource = "source", order = [
        "reconnect", "seclabel", "clipboard", "mouse",
    ] {
        /// Listen or connect (`unix`, `tcp`, `udp`).
        attr mode, set_mode: ChardevSourceMode = "mode";
        /// Path of the device, file, pipe or socket (`dev`, `file`, `pipe`,
        /// `unix`, `pty`).
        attr path, set_path: String = "path";
        /// Host name or address (`tcp`, `udp`).
        attr host, set_host: String = "host";
        /// Port number or service name (`tcp`, `udp`).
        attr service, set_service: String = "service";
        /// SPICE port name (`spiceport`).
        attr channel, set_channel: String = "channel";
        /// Master device (`nmdm`).
        attr master, set_master: String = "master";
        /// Slave device (`nmdm`).
        attr slave, set_slave: String = "slave";
        /// Append to the file instead of truncating it (`file`).
        attr append, set_append: OnOff = "append";
        /// Use TLS (`tcp`).
        attr tls, set_tls: YesNo = "tls";
        /// Reconnect after the peer goes away (`unix` and `tcp` in connect mode).
        child_attr reconnect_enabled, set_reconnect_enabled: YesNo = "reconnect" / "enabled";
        /// Seconds between reconnection attempts.
        child_attr reconnect_timeout, set_reconnect_timeout: u32 = "reconnect" / "timeout";
        /// Security label overrides of the source path.
        children seclabels, add_seclabel, remove_seclabel: DeviceSeclabel = "seclabel";
        /// Clipboard sharing (`qemu-vdagent`).
        child_attr clipboard_copypaste, set_clipboard_copypaste: YesNo = "clipboard" / "copypaste";
        /// Mouse mode (`qemu-vdagent`).
        child_attr mouse_mode, set_mouse_mode: MouseMode = "mouse" / "mode";
    }
}

/// Declares one character-device view: the host-side lines all four kinds
/// share, plus the kind's own target lines.
macro_rules! chardev_device {
    (
        $(#[$meta:meta])*
        $Name:ident = $elem:literal { $($target:tt)* }
    ) => {
        xml_element! {
            $(#[$meta])*
            pub struct $Name = $elem, order = [
                "source", "protocol", "log", "target", "alias", "acpi", "address",
            ] {
                /// What backs the device on the host.
                attr source_type, set_source_type: ChardevSourceType = "type";
                /// The host side; which attributes apply depends on `type`.
                children sources, add_source, remove_source: DomainChardevSource = "source";
                /// Wire protocol (`tcp`).
                child_attr protocol, set_protocol: ChardevProtocol = "protocol" / "type";
                /// File that gets a copy of everything the guest writes.
                child_attr log_file, set_log_file: String = "log" / "file";
                /// Whether the log file is appended to.
                child_attr log_append, set_log_append: OnOff = "log" / "append";
                /// Device alias.
                child alias, alias_or_create, remove_alias: DeviceAlias = "alias";
                /// Guest bus address.
                child address, address_or_create, remove_address: DeviceAddress = "address";
                $($target)*
            }
        }
    };
}

chardev_device! {
    /// `<devices><serial>`: a serial port.
    DomainSerial = "serial" {
        /// The pseudo-terminal of a running domain (`pty`; libvirt writes it only on consoles).
        attr tty, set_tty: String = "tty";
        /// ACPI settings (`pci-serial`).
        child acpi, acpi_or_create, remove_acpi: DeviceAcpi = "acpi";
        /// The guest side.
        child target, target_or_create, remove_target: DomainSerialTarget = "target";
    }
}

xml_element! {
    /// `<serial><target>`: the guest side of a serial port.
    pub struct DomainSerialTarget = "target", order = ["model"] {
        /// Kind of serial device.
        attr target_type, set_target_type: SerialTargetType = "type";
        /// Port number.
        attr port, set_port: u32 = "port";
        /// Device model.
        child_attr model, set_model: SerialTargetModel = "model" / "name";
    }
}

chardev_device! {
    /// `<devices><parallel>`: a parallel port.
    DomainParallel = "parallel" {
        /// The pseudo-terminal of a running domain (`pty`; libvirt writes it only on consoles).
        attr tty, set_tty: String = "tty";
        /// Port number.
        child_attr target_port, set_target_port: u32 = "target" / "port";
    }
}

chardev_device! {
    /// `<devices><console>`: a console (a serial port, a virtio console, a
    /// hypervisor console, ...).
    DomainConsole = "console" {
        /// The pseudo-terminal of a running domain (`pty`), kept for compatibility
        /// with the old `<console tty>` form.
        attr tty, set_tty: String = "tty";
        /// Kind of console.
        child_attr target_type, set_target_type: ConsoleTargetType = "target" / "type";
        /// Port number.
        child_attr target_port, set_target_port: u32 = "target" / "port";
    }
}

chardev_device! {
    /// `<devices><channel>`: a communication channel between host and guest
    /// (a virtio-serial port such as the guest agent's, or a guest-forwarded
    /// TCP connection).
    DomainChannel = "channel" {
        /// Kind of channel.
        child_attr target_type, set_target_type: ChannelTargetType = "target" / "type";
        /// Port name seen by the guest (`virtio`, `xen`), e.g. `org.qemu.guest_agent.0`.
        child_attr target_name, set_target_name: String = "target" / "name";
        /// Whether a guest program has the port open (`virtio`, output).
        child_attr target_state, set_target_state: ChannelState = "target" / "state";
        /// Guest IP address that is forwarded (`guestfwd`).
        child_attr target_address, set_target_address: String = "target" / "address";
        /// Guest port that is forwarded (`guestfwd`).
        child_attr target_port, set_target_port: u16 = "target" / "port";
    }
}
