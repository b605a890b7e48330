//! Devices, part 2: graphical displays.

use libvirt_gconfig::value::{OnOff, YesNo};
use libvirt_gconfig::{
    GraphicsConnected, GraphicsListenType, GraphicsType, MouseMode, SpiceChannelMode,
    SpiceChannelName, SpiceImageCompression, SpiceStreamingMode, SpiceWanCompression,
    VideoModelType, VncSharePolicy,
};

use super::{check_domain, Case};

/// The cases of this file.
pub const CASES: &[Case] = &[
    Case::new("vnc_spice_dbus_sdl_displays", vnc_spice_dbus_sdl_displays),
    Case::new("rdp_and_desktop_displays", rdp_and_desktop_displays),
    Case::new(
        "listen_state_of_a_running_domain",
        listen_state_of_a_running_domain,
    ),
];

fn vnc_spice_dbus_sdl_displays() {
    check_domain("dev2-graphics", |dom| {
        let devices = dom.devices().unwrap();
        let all = devices.graphics();
        assert_eq!(all.len(), 3);

        // VNC: automatic ports, a WebSocket, a password that expires.
        let vnc = &all[0];
        assert_eq!(vnc.graphics_type().unwrap(), Some(GraphicsType::Vnc));
        assert_eq!(vnc.port().unwrap(), Some(65530));
        assert_eq!(vnc.autoport().unwrap(), Some(YesNo(false)));
        assert_eq!(vnc.listen().unwrap().as_deref(), Some("::"));
        assert_eq!(
            vnc.share_policy().unwrap(),
            Some(VncSharePolicy::AllowExclusive)
        );
        assert_eq!(vnc.websocket().unwrap(), None);
        assert_eq!(vnc.passwd().unwrap(), None);
        assert_eq!(vnc.keymap().unwrap(), None);
        assert_eq!(vnc.passwd_valid_to().unwrap(), None);
        assert_eq!(vnc.connected().unwrap(), None);
        assert_eq!(vnc.power_control().unwrap(), None);
        assert_eq!(vnc.audio_id().unwrap(), None);
        vnc.set_port(Some(-1));
        vnc.set_autoport(Some(YesNo(true)));
        vnc.set_websocket(Some(-1));
        vnc.set_listen(Some("127.0.0.1".into()));
        vnc.set_share_policy(Some(VncSharePolicy::ForceShared));
        vnc.set_passwd(Some("123poi".into()));
        vnc.set_keymap(Some("de".into()));
        vnc.set_passwd_valid_to(Some("2011-05-31T16:11:22".into()));
        vnc.set_connected(Some(GraphicsConnected::Keep));
        vnc.set_power_control(Some(YesNo(true)));
        vnc.set_audio_id(Some(1));
        let listen = &vnc.listens()[0];
        assert_eq!(
            listen.listen_type().unwrap(),
            Some(GraphicsListenType::Address)
        );
        assert_eq!(listen.address().unwrap().as_deref(), Some("::"));
        listen.set_address(Some("127.0.0.1".into()));

        // SPICE: per-channel TLS, compression, the mouse, OpenGL; listen on a network.
        let spice = &all[1];
        assert_eq!(spice.tls_port().unwrap(), Some(5904));
        assert_eq!(
            spice.default_mode().unwrap(),
            Some(SpiceChannelMode::Secure)
        );
        spice.set_tls_port(Some(5905));
        spice.set_default_mode(Some(SpiceChannelMode::Any));
        spice.set_listen(None);
        let listen = &spice.listens()[0];
        listen.set_listen_type(Some(GraphicsListenType::Network));
        listen.set_address(None);
        listen.set_network(Some("default".into()));
        assert_eq!(listen.network().unwrap().as_deref(), Some("default"));
        let channels = spice.channels();
        assert_eq!(channels[0].name().unwrap(), Some(SpiceChannelName::Main));
        assert_eq!(
            channels[1].mode().unwrap(),
            Some(SpiceChannelMode::Insecure)
        );
        channels[1].set_mode(Some(SpiceChannelMode::Secure));
        assert!(spice.remove_channel(&channels[0]));
        let usbredir = spice.add_channel();
        usbredir.set_name(Some(SpiceChannelName::Usbredir));
        usbredir.set_mode(Some(SpiceChannelMode::Insecure));
        assert_eq!(
            spice.image_compression().unwrap(),
            Some(SpiceImageCompression::AutoGlz)
        );
        assert_eq!(
            spice.jpeg_compression().unwrap(),
            Some(SpiceWanCompression::Auto)
        );
        assert_eq!(
            spice.zlib_compression().unwrap(),
            Some(SpiceWanCompression::Auto)
        );
        assert_eq!(spice.playback_compression().unwrap(), Some(OnOff(true)));
        assert_eq!(
            spice.streaming_mode().unwrap(),
            Some(SpiceStreamingMode::Filter)
        );
        assert_eq!(spice.clipboard_copypaste().unwrap(), Some(YesNo(false)));
        assert_eq!(spice.filetransfer_enable().unwrap(), Some(YesNo(false)));
        assert_eq!(spice.mouse_mode().unwrap(), None);
        assert_eq!(spice.gl_enable().unwrap(), None);
        spice.set_image_compression(Some(SpiceImageCompression::Quic));
        spice.set_jpeg_compression(Some(SpiceWanCompression::Never));
        spice.set_zlib_compression(Some(SpiceWanCompression::Always));
        spice.set_playback_compression(Some(OnOff(false)));
        spice.set_streaming_mode(Some(SpiceStreamingMode::All));
        spice.set_clipboard_copypaste(Some(YesNo(true)));
        spice.set_filetransfer_enable(None);
        spice.set_mouse_mode(Some(MouseMode::Client));
        spice.set_gl_enable(Some(YesNo(true)));
        spice.set_gl_rendernode(Some("/dev/dri/renderD128".into()));

        // D-Bus: from peer-to-peer to a bus address, with its own render node.
        let dbus = &all[2];
        assert_eq!(dbus.p2p().unwrap(), Some(YesNo(true)));
        assert_eq!(dbus.audio_id().unwrap(), Some(1));
        assert_eq!(dbus.address().unwrap(), None);
        dbus.set_p2p(None);
        dbus.set_address(Some("unix:path=/tmp/foo".into()));
        dbus.set_gl_enable(Some(YesNo(true)));
        assert_eq!(dbus.gl_rendernode().unwrap(), None);

        // New: SDL on a given X display, and a VNC server on a UNIX socket.
        let sdl = devices.add_graphics();
        sdl.set_graphics_type(Some(GraphicsType::Sdl));
        sdl.set_display(Some(":0.1".into()));
        sdl.set_xauth(Some("/root/.Xauthority".into()));
        sdl.set_fullscreen(Some(YesNo(true)));
        sdl.set_gl_enable(Some(YesNo(true)));
        assert_eq!(sdl.xauth().unwrap().as_deref(), Some("/root/.Xauthority"));
        let sock = devices.add_graphics();
        sock.set_graphics_type(Some(GraphicsType::Vnc));
        sock.set_socket(Some("/tmp/vnc.sock".into()));
        let listen = sock.add_listen();
        listen.set_listen_type(Some(GraphicsListenType::Socket));
        listen.set_socket(Some("/tmp/vnc.sock".into()));
        assert_eq!(listen.socket().unwrap().as_deref(), Some("/tmp/vnc.sock"));
        assert_eq!(sock.socket().unwrap().as_deref(), Some("/tmp/vnc.sock"));
        let none = devices.add_graphics();
        none.set_graphics_type(Some(GraphicsType::EglHeadless));
        none.set_gl_rendernode(Some("/dev/dri/renderD129".into()));
        none.add_listen();
        assert!(none.remove_listen(&none.listens()[0]));
        let extra = devices.add_graphics();
        assert_eq!(devices.graphics().len(), 7);
        assert!(devices.remove_graphics(&extra));
        assert!(!devices.remove_graphics(&extra));
    });
}

fn rdp_and_desktop_displays() {
    check_domain("dev2-desktop", |dom| {
        let devices = dom.devices().unwrap();
        let desktop = &devices.graphics()[0];
        assert_eq!(
            desktop.graphics_type().unwrap(),
            Some(GraphicsType::Desktop)
        );
        assert_eq!(desktop.display().unwrap().as_deref(), Some(":0.0"));
        assert_eq!(desktop.fullscreen().unwrap(), None);
        desktop.set_fullscreen(Some(YesNo(true)));

        let rdp = devices.add_graphics();
        rdp.set_graphics_type(Some(GraphicsType::Rdp));
        rdp.set_port(Some(3389));
        rdp.set_autoport(Some(YesNo(false)));
        rdp.set_replace_user(Some(YesNo(true)));
        rdp.set_multi_user(Some(YesNo(true)));
        assert_eq!(rdp.replace_user().unwrap(), Some(YesNo(true)));
        assert_eq!(rdp.multi_user().unwrap(), Some(YesNo(true)));
        assert_eq!(rdp.port().unwrap(), Some(3389));

        let model = devices.videos()[0].model().unwrap();
        assert_eq!(model.model_type().unwrap(), Some(VideoModelType::Vbox));
        assert_eq!(model.accel3d().unwrap(), Some(YesNo(true)));
        assert_eq!(model.accel2d().unwrap(), Some(YesNo(false)));
        model.set_accel2d(Some(YesNo(true)));
        model.set_vram(Some(32768));
    });
}

fn listen_state_of_a_running_domain() {
    check_domain("dev2-graphics-status", |dom| {
        let devices = dom.devices().unwrap();
        let all = devices.graphics();
        // The VNC socket path was generated by libvirt; the SPICE address
        // comes from the configuration.
        let vnc = &all[0].listens()[0];
        assert_eq!(vnc.auto_generated().unwrap(), Some(YesNo(true)));
        vnc.set_auto_generated(None);
        vnc.set_socket(Some("/tmp/QEMUGuest1-vnc.sock".into()));
        let spice = &all[1].listens()[0];
        assert_eq!(spice.from_config().unwrap(), Some(0));
        spice.set_from_config(Some(1));
    });
}
