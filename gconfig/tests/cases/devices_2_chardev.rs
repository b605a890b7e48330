//! Devices, part 2: character devices (serial, parallel, console, channel).

use libvirt_gconfig::value::{Hex, OnOff, YesNo};
use libvirt_gconfig::{
    AddressType, ChannelState, ChannelTargetType, ChardevProtocol, ChardevSourceMode,
    ChardevSourceType, ConsoleTargetType, MouseMode, SerialTargetModel, SerialTargetType,
};

use super::{check_domain, Case};

/// The cases of this file.
pub const CASES: &[Case] = &[
    Case::new(
        "serial_ports_and_their_sources",
        serial_ports_and_their_sources,
    ),
    Case::new(
        "parallel_console_and_channels",
        parallel_console_and_channels,
    ),
    Case::new("bhyve_nmdm_serial_ports", bhyve_nmdm_serial_ports),
];

fn serial_ports_and_their_sources() {
    check_domain("dev2-serial", |dom| {
        let devices = dom.devices().unwrap();
        let serials = devices.serials();
        assert_eq!(serials.len(), 2);

        // A file: append to it, log, and drop the relabel override.
        let file = &serials[0];
        assert_eq!(file.source_type().unwrap(), Some(ChardevSourceType::File));
        assert_eq!(file.tty().unwrap(), None);
        assert_eq!(file.protocol().unwrap(), None);
        assert_eq!(file.log_file().unwrap(), None);
        let src = &file.sources()[0];
        assert_eq!(src.path().unwrap().as_deref(), Some("/tmp/serial.file"));
        assert_eq!(src.append().unwrap(), None);
        src.set_append(Some(OnOff(true)));
        let label = &src.seclabels()[0];
        assert_eq!(label.model().unwrap().as_deref(), Some("dac"));
        assert_eq!(label.relabel().unwrap(), Some(YesNo(false)));
        assert_eq!(label.labelskip().unwrap(), None);
        label.set_relabel(None);
        label.set_labelskip(Some(YesNo(true)));
        file.set_log_file(Some("/var/log/libvirt/qemu/machine-serial0.log".into()));
        file.set_log_append(Some(OnOff(false)));
        assert_eq!(file.log_append().unwrap(), Some(OnOff(false)));
        let target = file.target().unwrap();
        assert_eq!(
            target.target_type().unwrap(),
            Some(SerialTargetType::IsaSerial)
        );
        assert_eq!(target.port().unwrap(), Some(0));
        assert_eq!(target.model().unwrap(), Some(SerialTargetModel::IsaSerial));

        // A UNIX socket client becomes a TLS telnet server on a PCI serial card.
        let sock = &serials[1];
        assert_eq!(sock.source_type().unwrap(), Some(ChardevSourceType::Unix));
        sock.set_source_type(Some(ChardevSourceType::Tcp));
        let src = &sock.sources()[0];
        assert_eq!(src.mode().unwrap(), Some(ChardevSourceMode::Connect));
        assert_eq!(src.tls().unwrap(), None);
        let selinux = &src.seclabels()[0];
        assert_eq!(
            selinux.label().unwrap().as_deref(),
            Some("system_u:object_r:svirt_image_custom_t:s0:c41,c264")
        );
        selinux.set_label(Some("system_u:object_r:svirt_image_t:s0".into()));
        selinux.set_model(Some("selinux".into()));
        assert!(src.remove_seclabel(selinux));
        assert!(src.seclabels().is_empty());
        src.set_mode(Some(ChardevSourceMode::Bind));
        src.set_path(None);
        src.set_host(Some("0.0.0.0".into()));
        src.set_service(Some("2445".into()));
        src.set_tls(Some(YesNo(true)));
        assert_eq!(src.host().unwrap().as_deref(), Some("0.0.0.0"));
        assert_eq!(src.service().unwrap().as_deref(), Some("2445"));
        sock.set_protocol(Some(ChardevProtocol::Telnets));
        let target = sock.target().unwrap();
        assert_eq!(target.port().unwrap(), Some(1));
        target.set_target_type(Some(SerialTargetType::PciSerial));
        target.set_model(Some(SerialTargetModel::PciSerial));
        assert_eq!(
            sock.alias().unwrap().name().unwrap().as_deref(),
            Some("serial1")
        );
        sock.alias_or_create()
            .set_name(Some("ua-serial-net".into()));
        assert!(sock.acpi().is_none() && sock.address().is_none());
        sock.acpi_or_create().set_index(Some(7));
        sock.address_or_create().set_pci(0, 2, 1, 0);

        // A new UDP port: one source to listen on, one to send to.
        let udp = devices.add_serial();
        udp.set_source_type(Some(ChardevSourceType::Udp));
        let bind = udp.add_source();
        bind.set_mode(Some(ChardevSourceMode::Bind));
        bind.set_host(Some("127.0.0.1".into()));
        bind.set_service(Some("9999".into()));
        let connect = udp.add_source();
        connect.set_mode(Some(ChardevSourceMode::Connect));
        connect.set_host(Some("127.0.0.1".into()));
        connect.set_service(Some("9998".into()));
        let target = udp.target_or_create();
        target.set_target_type(Some(SerialTargetType::IsaSerial));
        target.set_port(Some(2));
        target.set_model(Some(SerialTargetModel::IsaSerial));

        // A pseudo-terminal port, as a running domain shows it.
        let pty = devices.add_serial();
        pty.set_source_type(Some(ChardevSourceType::Pty));
        pty.set_tty(Some("/dev/pts/2".into()));
        pty.add_source().set_path(Some("/dev/pts/2".into()));
        pty.target_or_create().set_port(Some(3));
        assert!(pty.target().unwrap().model().unwrap().is_none());

        // The console follows the first serial port to a SPICE port.
        let console = &devices.consoles()[0];
        assert_eq!(console.tty().unwrap().as_deref(), Some("/dev/pts/5"));
        console.set_tty(None);
        assert_eq!(
            console.target_type().unwrap(),
            Some(ConsoleTargetType::Serial)
        );
        assert_eq!(console.target_port().unwrap(), Some(0));
        console.set_source_type(Some(ChardevSourceType::Spiceport));
        let old = &console.sources()[0];
        assert!(console.remove_source(old));
        let spice = console.add_source();
        spice.set_channel(Some("org.qemu.console.serial.0".into()));
        assert_eq!(
            spice.channel().unwrap().as_deref(),
            Some("org.qemu.console.serial.0")
        );
        console.set_target_type(Some(ConsoleTargetType::Virtio));
        console.set_target_port(Some(1));

        assert_eq!(devices.serials().len(), 4);
        assert_eq!(devices.serials()[2].sources().len(), 2);
        assert_eq!(
            devices.serials()[2].sources()[0].mode().unwrap(),
            Some(ChardevSourceMode::Bind)
        );
    });
}

fn parallel_console_and_channels() {
    check_domain("dev2-chardevs", |dom| {
        let devices = dom.devices().unwrap();

        // A raw TCP parallel port switches to telnet and gets a log.
        let par = &devices.parallels()[0];
        assert_eq!(par.source_type().unwrap(), Some(ChardevSourceType::Tcp));
        assert_eq!(par.protocol().unwrap(), Some(ChardevProtocol::Raw));
        assert_eq!(par.target_port().unwrap(), Some(0));
        assert_eq!(par.tty().unwrap(), None);
        assert_eq!(
            (par.log_file().unwrap(), par.log_append().unwrap()),
            (None, None)
        );
        assert!(par.alias().is_none() && par.address().is_none());
        par.set_protocol(Some(ChardevProtocol::Telnet));
        par.sources()[0].set_service(Some("9998".into()));
        par.set_log_file(Some("/var/log/libvirt/qemu/par0.log".into()));
        par.set_log_append(Some(OnOff(true)));
        par.alias_or_create().set_name(Some("ua-parallel0".into()));
        let isa = par.address_or_create();
        isa.set_address_type(Some(AddressType::Isa));
        isa.set_iobase(Some(Hex(0x378)));
        isa.set_irq(Some(Hex(0x7)));

        // A second one on a pseudo-terminal, as a running domain shows it.
        let pty = devices.add_parallel();
        pty.set_source_type(Some(ChardevSourceType::Pty));
        pty.set_tty(Some("/dev/pts/4".into()));
        pty.add_source().set_path(Some("/dev/pts/4".into()));
        pty.set_target_port(Some(1));
        assert!(pty.remove_source(&pty.sources()[0]));
        pty.add_source().set_path(Some("/dev/pts/6".into()));

        // The virtio console becomes a telnet server with a log.
        let console = &devices.consoles()[0];
        assert_eq!(console.source_type().unwrap(), Some(ChardevSourceType::Pty));
        assert!(console.sources().is_empty());
        assert_eq!(console.protocol().unwrap(), None);
        assert_eq!(console.log_file().unwrap(), None);
        assert_eq!(console.log_append().unwrap(), None);
        assert!(console.alias().is_none() && console.address().is_none());
        console.set_source_type(Some(ChardevSourceType::Tcp));
        let src = console.add_source();
        src.set_mode(Some(ChardevSourceMode::Bind));
        src.set_host(Some("127.0.0.1".into()));
        src.set_service(Some("4555".into()));
        console.set_protocol(Some(ChardevProtocol::Telnet));
        console.set_log_file(Some("/var/log/libvirt/qemu/console1.log".into()));
        console.set_log_append(Some(OnOff(false)));
        console.alias_or_create().set_name(Some("console1".into()));
        let vs = console.address_or_create();
        vs.set_address_type(Some(AddressType::VirtioSerial));
        vs.set_controller(Some(0));
        vs.set_bus(Some(0));
        vs.set_port(Some("2".into()));

        let channels = devices.channels();
        assert_eq!(channels.len(), 3);

        // A TCP client channel becomes the guest agent's.
        let agent = &channels[0];
        assert_eq!(agent.source_type().unwrap(), Some(ChardevSourceType::Tcp));
        assert_eq!(agent.protocol().unwrap(), Some(ChardevProtocol::Raw));
        let src = &agent.sources()[0];
        assert_eq!(src.reconnect_enabled().unwrap(), Some(YesNo(true)));
        assert_eq!(src.reconnect_timeout().unwrap(), Some(10));
        src.set_reconnect_timeout(Some(5));
        assert_eq!(
            agent.target_type().unwrap(),
            Some(ChannelTargetType::Virtio)
        );
        assert_eq!(agent.target_name().unwrap().as_deref(), Some("asdf"));
        assert_eq!(agent.target_state().unwrap(), None);
        agent.set_target_name(Some("org.qemu.guest_agent.0".into()));
        agent.set_target_state(Some(ChannelState::Disconnected));
        assert_eq!(
            agent.address().unwrap().port().unwrap().as_deref(),
            Some("1")
        );
        assert!(agent.alias().is_none());
        agent.alias_or_create().set_name(Some("channel0".into()));
        agent.set_protocol(None);

        // qemu-vdagent: clipboard off, server-side mouse, no reconnect element.
        let vdagent = &channels[1];
        let src = &vdagent.sources()[0];
        assert_eq!(src.clipboard_copypaste().unwrap(), Some(YesNo(true)));
        assert_eq!(src.mouse_mode().unwrap(), Some(MouseMode::Client));
        assert_eq!(src.reconnect_enabled().unwrap(), None);
        src.set_clipboard_copypaste(Some(YesNo(false)));
        src.set_mouse_mode(Some(MouseMode::Server));
        src.set_reconnect_enabled(Some(YesNo(false)));
        src.set_reconnect_enabled(None);

        // guestfwd: a new guest address and port, and a log of the traffic.
        let fwd = &channels[2];
        assert_eq!(
            fwd.target_type().unwrap(),
            Some(ChannelTargetType::Guestfwd)
        );
        assert_eq!(fwd.target_address().unwrap().as_deref(), Some("10.0.2.1"));
        assert_eq!(fwd.target_port().unwrap(), Some(4600));
        fwd.set_target_address(Some("10.0.2.2".into()));
        fwd.set_target_port(Some(4601));
        assert_eq!(fwd.log_file().unwrap(), None);
        assert_eq!(fwd.log_append().unwrap(), None);
        fwd.set_log_file(Some("/var/log/libvirt/qemu/guestfwd.log".into()));
        fwd.set_log_append(Some(OnOff(true)));
        fwd.remove_address();

        // A new pty channel with its runtime path and state.
        let ch = devices.add_channel();
        ch.set_source_type(Some(ChardevSourceType::Pty));
        ch.add_source().set_path(Some("/dev/pts/8".into()));
        ch.set_target_type(Some(ChannelTargetType::Virtio));
        ch.set_target_name(Some("org.qemu.guest_agent.1".into()));
        ch.set_target_state(Some(ChannelState::Connected));
        let addr = ch.address_or_create();
        addr.set_address_type(Some(AddressType::VirtioSerial));
        addr.set_controller(Some(0));
        addr.set_bus(Some(0));
        addr.set_port(Some("4".into()));
        assert!(devices.remove_channel(&channels[1]));
        assert_eq!(devices.channels().len(), 3);
        assert_eq!(devices.parallels().len(), 2);
    });
}

fn bhyve_nmdm_serial_ports() {
    check_domain("dev2-nmdm", |dom| {
        let devices = dom.devices().unwrap();
        let serials = devices.serials();
        let src = &serials[1].sources()[0];
        assert_eq!(src.master().unwrap().as_deref(), Some("/dev/nmdm1B"));
        assert_eq!(src.slave().unwrap().as_deref(), Some("/dev/nmdm1A"));
        src.set_master(Some("/dev/nmdm1A".into()));
        src.set_slave(Some("/dev/nmdm1B".into()));
        assert!(devices.remove_serial(&serials[0]));
        assert!(!devices.remove_serial(&serials[0]));
        let con = devices.add_console();
        con.set_source_type(Some(ChardevSourceType::Nmdm));
        let src = con.add_source();
        src.set_master(Some("/dev/nmdm0A".into()));
        src.set_slave(Some("/dev/nmdm0B".into()));
        con.set_target_type(Some(ConsoleTargetType::Serial));
        con.set_target_port(Some(0));
        assert!(devices.remove_console(&con));
        let con = devices.add_console();
        con.set_source_type(Some(ChardevSourceType::Stdio));
        con.set_target_port(Some(0));
    });
}
