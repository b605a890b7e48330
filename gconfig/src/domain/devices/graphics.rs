//! `<graphics>`: a graphical display (VNC, SPICE, SDL, RDP, D-Bus, ...).
//!
//! ```
//! use libvirt_gconfig::value::YesNo;
//! use libvirt_gconfig::{Domain, GraphicsListenType, GraphicsType};
//! let dom = Domain::from_xml("<domain>\n  <devices>\n    <graphics type='vnc' port='5900'/>\n  </devices>\n</domain>")?;
//! let vnc = &dom.devices().expect("devices").graphics()[0];
//! assert_eq!(vnc.graphics_type()?, Some(GraphicsType::Vnc));
//! assert_eq!(vnc.port()?, Some(5900));
//! vnc.set_port(Some(-1));
//! vnc.set_autoport(Some(YesNo(true)));
//! let listen = vnc.add_listen();
//! listen.set_listen_type(Some(GraphicsListenType::Address));
//! listen.set_address(Some("127.0.0.1".into()));
//! assert_eq!(
//!     dom.to_xml(),
//!     "<domain>\n  <devices>\n    <graphics type='vnc' port='-1' autoport='yes'>\n      \
//!      <listen type='address' address='127.0.0.1'/>\n    </graphics>\n  </devices>\n</domain>"
//! );
//! # Ok::<(), libvirt_gconfig::Error>(())
//! ```

use crate::value::{OnOff, YesNo};
use crate::{xml_element, xml_enum};

xml_enum! {
    /// The kind of display (`<graphics type='...'>`).
    pub enum GraphicsType {
        /// A window on the host's X display.
        Sdl = "sdl",
        /// A VNC server.
        Vnc = "vnc",
        /// A SPICE server.
        Spice = "spice",
        /// An RDP server (VirtualBox, Hyper-V).
        Rdp = "rdp",
        /// The host desktop (VirtualBox).
        Desktop = "desktop",
        /// Headless OpenGL rendering for another display.
        EglHeadless = "egl-headless",
        /// A D-Bus display.
        Dbus = "dbus",
    }
}

xml_enum! {
    /// What a VNC server does when a second client connects (`sharePolicy`).
    pub enum VncSharePolicy {
        /// A client may ask for exclusive access.
        AllowExclusive = "allow-exclusive",
        /// Every client shares the display.
        ForceShared = "force-shared",
        /// Follow each client's request.
        Ignore = "ignore",
    }
}

xml_enum! {
    /// What happens to connected clients when the password changes (`connected`).
    pub enum GraphicsConnected {
        /// Refuse the change.
        Fail = "fail",
        /// Disconnect them.
        Disconnect = "disconnect",
        /// Keep them.
        Keep = "keep",
    }
}

xml_enum! {
    /// Whether a SPICE channel uses TLS (`defaultMode`, `<channel mode>`).
    pub enum SpiceChannelMode {
        /// Either.
        Any = "any",
        /// TLS only.
        Secure = "secure",
        /// Plain only.
        Insecure = "insecure",
    }
}

xml_enum! {
    /// A SPICE channel (`<channel name='...'>`).
    pub enum SpiceChannelName {
        /// The main channel.
        Main = "main",
        /// Display.
        Display = "display",
        /// Keyboard and mouse.
        Inputs = "inputs",
        /// Cursor.
        Cursor = "cursor",
        /// Audio playback.
        Playback = "playback",
        /// Audio recording.
        Record = "record",
        /// Smartcard.
        Smartcard = "smartcard",
        /// USB redirection.
        Usbredir = "usbredir",
    }
}

xml_enum! {
    /// SPICE image compression (`<image compression='...'>`).
    pub enum SpiceImageCompression {
        /// Automatic, global dictionary LZ.
        AutoGlz = "auto_glz",
        /// Automatic LZ.
        AutoLz = "auto_lz",
        /// QUIC.
        Quic = "quic",
        /// Global dictionary LZ.
        Glz = "glz",
        /// LZ.
        Lz = "lz",
        /// None.
        Off = "off",
    }
}

xml_enum! {
    /// SPICE WAN compression of JPEG and zlib (`<jpeg>`, `<zlib>`).
    pub enum SpiceWanCompression {
        /// Automatic.
        Auto = "auto",
        /// Never.
        Never = "never",
        /// Always.
        Always = "always",
    }
}

xml_enum! {
    /// SPICE video streaming detection (`<streaming mode='...'>`).
    pub enum SpiceStreamingMode {
        /// Detect video areas.
        Filter = "filter",
        /// Stream everything.
        All = "all",
        /// No streaming.
        Off = "off",
    }
}

xml_enum! {
    /// Who draws the mouse pointer (`<mouse mode='...'>`).
    pub enum MouseMode {
        /// The server (relative motion).
        Server = "server",
        /// The client (absolute position).
        Client = "client",
    }
}

xml_enum! {
    /// What a display listens on (`<listen type='...'>`).
    pub enum GraphicsListenType {
        /// An IP address or host name.
        Address = "address",
        /// An address of a libvirt network.
        Network = "network",
        /// A UNIX socket.
        Socket = "socket",
        /// Nothing (no network access).
        None = "none",
    }
}

xml_element! {
    /// `<devices><graphics>`: a graphical display. Which attributes apply
    /// depends on [`GraphicsType`].
    pub struct DomainGraphics = "graphics", order = [
        "listen", "channel", "image", "jpeg", "zlib", "playback", "streaming", "mouse",
        "clipboard", "filetransfer", "gl", "audio",
    ] {
        /// The kind of display.
        attr graphics_type, set_graphics_type: GraphicsType = "type";
        /// TCP port (`vnc`, `spice`, `rdp`); `-1` with `autoport` means allocated.
        attr port, set_port: i32 = "port";
        /// TLS port (`spice`).
        attr tls_port, set_tls_port: i32 = "tlsPort";
        /// Whether ports are allocated automatically.
        attr autoport, set_autoport: YesNo = "autoport";
        /// WebSocket port (`vnc`); `-1` means allocated.
        attr websocket, set_websocket: i32 = "websocket";
        /// Listen address (the first `<listen type='address'>`, kept in sync by libvirt).
        attr listen, set_listen: String = "listen";
        /// UNIX socket path (`vnc`).
        attr socket, set_socket: String = "socket";
        /// Password (`vnc`, `spice`).
        attr passwd, set_passwd: String = "passwd";
        /// Keyboard layout (`vnc`, `spice`), e.g. `en-us`.
        attr keymap, set_keymap: String = "keymap";
        /// Password expiry time, `YYYY-MM-DDTHH:MM:SS` UTC (`vnc`, `spice`).
        attr passwd_valid_to, set_passwd_valid_to: String = "passwdValidTo";
        /// Clients on password change (`vnc`, `spice`).
        attr connected, set_connected: GraphicsConnected = "connected";
        /// Second-client policy (`vnc`).
        attr share_policy, set_share_policy: VncSharePolicy = "sharePolicy";
        /// Whether clients may power the guest off, reset it... (`vnc`).
        attr power_control, set_power_control: YesNo = "powerControl";
        /// Default TLS mode of channels (`spice`).
        attr default_mode, set_default_mode: SpiceChannelMode = "defaultMode";
        /// X display (`sdl`, `desktop`), e.g. `:0.1`.
        attr display, set_display: String = "display";
        /// X authority file (`sdl`).
        attr xauth, set_xauth: String = "xauth";
        /// Full screen (`sdl`, `desktop`).
        attr fullscreen, set_fullscreen: YesNo = "fullscreen";
        /// Replace a connected user (`rdp`).
        attr replace_user, set_replace_user: YesNo = "replaceUser";
        /// Several simultaneous users (`rdp`).
        attr multi_user, set_multi_user: YesNo = "multiUser";
        /// D-Bus address (`dbus`), e.g. `unix:path=/tmp/foo`.
        attr address, set_address: String = "address";
        /// Peer-to-peer D-Bus (`dbus`).
        attr p2p, set_p2p: YesNo = "p2p";
        /// What the display listens on.
        children listens, add_listen, remove_listen: DomainGraphicsListen = "listen";
        /// Per-channel TLS modes (`spice`).
        children channels, add_channel, remove_channel: DomainGraphicsChannel = "channel";
        /// Image compression (`spice`).
        child_attr image_compression, set_image_compression: SpiceImageCompression = "image" / "compression";
        /// JPEG compression over WAN (`spice`).
        child_attr jpeg_compression, set_jpeg_compression: SpiceWanCompression = "jpeg" / "compression";
        /// zlib compression over WAN (`spice`).
        child_attr zlib_compression, set_zlib_compression: SpiceWanCompression = "zlib" / "compression";
        /// Audio stream compression (`spice`).
        child_attr playback_compression, set_playback_compression: OnOff = "playback" / "compression";
        /// Video streaming (`spice`).
        child_attr streaming_mode, set_streaming_mode: SpiceStreamingMode = "streaming" / "mode";
        /// Mouse mode (`spice`).
        child_attr mouse_mode, set_mouse_mode: MouseMode = "mouse" / "mode";
        /// Clipboard sharing (`spice`).
        child_attr clipboard_copypaste, set_clipboard_copypaste: YesNo = "clipboard" / "copypaste";
        /// File transfer (`spice`).
        child_attr filetransfer_enable, set_filetransfer_enable: YesNo = "filetransfer" / "enable";
        /// OpenGL acceleration (`spice`, `sdl`, `dbus`).
        child_attr gl_enable, set_gl_enable: YesNo = "gl" / "enable";
        /// DRM render node for OpenGL (`spice`, `dbus`, `egl-headless`).
        child_attr gl_rendernode, set_gl_rendernode: String = "gl" / "rendernode";
        /// The `<audio id>` backend this display plays sound through (`vnc`, `dbus`).
        child_attr audio_id, set_audio_id: u32 = "audio" / "id";
    }
}

xml_element! {
    /// `<graphics><listen>`: one thing a display listens on.
    pub struct DomainGraphicsListen = "listen" {
        /// What it listens on.
        attr listen_type, set_listen_type: GraphicsListenType = "type";
        /// IP address or host name (`address`, and `network` once resolved).
        attr address, set_address: String = "address";
        /// Libvirt network (`network`).
        attr network, set_network: String = "network";
        /// UNIX socket path (`socket`).
        attr socket, set_socket: String = "socket";
        /// Whether the address came from the configuration (runtime state, `0`/`1`).
        attr from_config, set_from_config: u32 = "fromConfig";
        /// Whether the socket path was generated by libvirt (runtime state).
        attr auto_generated, set_auto_generated: YesNo = "autoGenerated";
    }
}

xml_element! {
    /// `<graphics><channel>`: the TLS mode of one SPICE channel.
    pub struct DomainGraphicsChannel = "channel" {
        /// The channel.
        attr name, set_name: SpiceChannelName = "name";
        /// Its TLS mode.
        attr mode, set_mode: SpiceChannelMode = "mode";
    }
}
