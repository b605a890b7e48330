//! Console widgets for Vireo, independent of relm4: plain GTK4 widgets an app embeds.
//!
//! - [`VncDisplay`] (`VireoVncDisplay`): a guest's graphical console over VNC. gvnc
//!   (gtk-vnc's GTK-free RFB engine) decodes into memory the widget owns; the widget
//!   uploads only changed bands to textures, scales keeping the aspect ratio (fit or 1:1,
//!   HiDPI-aware), sends keys (with QEMU scancodes), pointer and scroll, grabs the
//!   keyboard, sends key combinations, follows desktop resizes, asks for a password
//!   through a signal and shows its [`ConsoleState`] in an overlay.
//! - [`SerialConsole`] (`VireoSerialConsole`): a VTE terminal on a guest's serial or
//!   console device (`virDomainOpenConsole`), reconnecting after the guest restarts.
//! - [`metadata`]: the per-VM clipboard-sharing choice, kept in the domain's
//!   `<metadata>` under [`metadata::VIREO_NS`].
//!
//! Clipboard privacy: host clipboard text never reaches a guest unless the display's
//! `share-clipboard` property is on (it is off by default).

pub mod metadata;
mod serial;
mod vnc;
mod watch;

pub use serial::{console_devices, ConsoleDevice, SerialConsole};
pub use vnc::keys;
pub use vnc::{ConsoleState, DisplayStats, ScaleMode, VncDisplay};
