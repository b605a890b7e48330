//! Helpers of the console tests: the guest, rendering a widget to pixels, comparing
//! images, saving screenshots.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::PathBuf;

use gtk::prelude::*;
use libvirt_gobject::{Connection, Domain};

use crate::common::{self, run, until, Cleanup};

pub mod rfb;

/// Defines and starts the test guest as `name` on `conn` (of `uri`); the cleanup guard
/// destroys and undefines it. `None` when there is no guest (skipping outside CI).
pub fn start_guest(conn: &Connection, uri: &'static str, name: &str) -> Option<(Cleanup, Domain)> {
    let (guard, d) = common::define_guest(conn, uri, name)?;
    run(30, d.start_future(0)).unwrap();
    run(
        30,
        until(20, || d.state() == libvirt_gobject::DomainState::Running),
    );
    Some((guard, d))
}

/// Opens `qemu:///system` and starts the test guest as `name` on it; `None` when
/// either is missing (skipping outside CI).
pub fn local_guest(name: &str) -> Option<(Connection, Cleanup, Domain)> {
    const LOCAL: &str = "qemu:///system";
    let conn = common::open_or_skip(LOCAL)?;
    let (guard, d) = start_guest(&conn, LOCAL, name)?;
    Some((conn, guard, d))
}

/// An RGB image.
#[derive(Clone)]
pub struct Image {
    pub width: usize,
    pub height: usize,
    pub rgb: Vec<u8>,
}

impl Image {
    /// Decodes an image file's bytes (PNG, PPM, ...) through GDK.
    pub fn decode(bytes: &glib::Bytes) -> Image {
        let tex = gtk::gdk::Texture::from_bytes(bytes).expect("decodable image");
        Image::from_texture(&tex)
    }

    /// Downloads a texture.
    pub fn from_texture(tex: &gtk::gdk::Texture) -> Image {
        let (w, h) = (tex.width() as usize, tex.height() as usize);
        let mut bgra = vec![0u8; w * h * 4];
        tex.download(&mut bgra, w * 4);
        let rgb = bgra
            .chunks_exact(4)
            .flat_map(|p| [p[2], p[1], p[0]])
            .collect();
        Image {
            width: w,
            height: h,
            rgb,
        }
    }

    /// The part at (`x`, `y`) of `w`×`h` pixels.
    pub fn crop(&self, x: usize, y: usize, w: usize, h: usize) -> Image {
        let mut rgb = Vec::with_capacity(w * h * 3);
        for row in y..y + h {
            let start = (row * self.width + x) * 3;
            rgb.extend_from_slice(&self.rgb[start..start + w * 3]);
        }
        Image {
            width: w,
            height: h,
            rgb,
        }
    }

    /// The share of pixels (0..1) differing from `other` by more than `tolerance` in
    /// some channel; 1.0 when the sizes differ.
    pub fn diff(&self, other: &Image, tolerance: u8) -> f64 {
        if (self.width, self.height) != (other.width, other.height) {
            return 1.0;
        }
        let bad = self
            .rgb
            .chunks_exact(3)
            .zip(other.rgb.chunks_exact(3))
            .filter(|(a, b)| {
                a.iter()
                    .zip(b.iter())
                    .any(|(x, y)| x.abs_diff(*y) > tolerance)
            })
            .count();
        bad as f64 / (self.width * self.height).max(1) as f64
    }

    /// How many distinct colours it has (a blank image has one).
    pub fn colours(&self) -> usize {
        let mut set = std::collections::HashSet::new();
        for p in self.rgb.chunks_exact(3) {
            set.insert([p[0], p[1], p[2]]);
        }
        set.len()
    }
}

/// Renders `widget` as it is on screen, with its window's renderer; waits (up to 5 s)
/// while the widget has a layout pending and so cannot draw.
pub async fn render(widget: &impl IsA<gtk::Widget>) -> gtk::gdk::Texture {
    let widget = widget.as_ref();
    let end = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let (w, h) = (widget.width(), widget.height());
        let paintable = gtk::WidgetPaintable::new(Some(widget));
        let snap = gtk::Snapshot::new();
        paintable.snapshot(&snap, f64::from(w), f64::from(h));
        if let Some(node) = snap.to_node() {
            let renderer = widget
                .native()
                .and_then(|n| n.renderer())
                .expect("a realized widget");
            return renderer.render_texture(
                &node,
                Some(&gtk::graphene::Rect::new(0.0, 0.0, w as f32, h as f32)),
            );
        }
        assert!(std::time::Instant::now() < end, "the widget draws nothing");
        common::settle(50).await;
    }
}

/// Where screenshots go: `target/screenshots/` of the workspace.
pub fn screenshot_dir() -> PathBuf {
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../target")))
        .join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Saves the window of `widget` (rendered) as `target/screenshots/<name>.png`.
pub async fn save_screenshot(widget: &impl IsA<gtk::Widget>, name: &str) -> PathBuf {
    let root = widget.as_ref().root().expect("in a window");
    let whole = root
        .downcast_ref::<gtk::Window>()
        .and_then(|w| w.child())
        .unwrap_or_else(|| widget.as_ref().clone());
    let tex = render(&whole).await;
    let path = screenshot_dir().join(format!("{name}.png"));
    tex.save_to_png(&path).unwrap();
    path
}

/// Gives the keyboard focus to the window titled `title` (waiting until it exists and
/// has the focus).
pub async fn focus_window(title: &str) {
    xdotool(&["search", "--sync", "--name", title, "windowfocus", "--sync"]).await;
}

/// Runs `xdotool` with `args` (real X input through XTEST) while the main loop runs.
pub async fn xdotool(args: &[&str]) {
    let mut child = std::process::Command::new("xdotool")
        .args(args)
        .spawn()
        .expect("xdotool (scripts/install-deps.sh installs it)");
    let end = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "xdotool {args:?}: {status}");
            return;
        }
        assert!(std::time::Instant::now() < end, "xdotool {args:?} hangs");
        common::settle(20).await;
    }
}
