//! [`Thumbnails`]: small pictures of running VMs' screens for the list and the overview.
//!
//! Widgets that show a thumbnail *watch* their [`VmItem`] (list cells on bind, the
//! overview while it exists). Once a second a tick looks at the watches whose widget is
//! on screen (mapped, inside its scrolled window's viewport, the window not minimized)
//! and whose domain runs, and asks `virDomainScreenshot` (through
//! [`Domain::screenshot_future`](libvirt_gobject::Domain::screenshot_future)) for those
//! whose picture is older than the refresh interval — never more than
//! [`MAX_IN_FLIGHT`] at once. The image (PNG or PPM from QEMU, PNG from the test driver) is
//! decoded and scaled down on a worker thread; the main thread only wraps the pixels in
//! a texture, kept in the item's `thumbnail` property. Shut-off VMs drop theirs.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};
use std::time::{Duration, Instant};

use gtk::prelude::*;
use gtk::{gdk, gdk_pixbuf};

use super::VmItem;
use libvirt_gobject::DomainState;

/// Most screenshots asked for at once.
pub const MAX_IN_FLIGHT: usize = 2;
/// Default time between two screenshots of one VM.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(6);
/// The largest thumbnail kept (the overview's size; list rows scale it down further).
pub const MAX_SIZE: (i32, i32) = (320, 240);
/// How long a VM whose screenshot failed is left alone.
const FAILURE_BACKOFF: Duration = Duration::from_secs(60);

/// One widget showing one VM's thumbnail.
struct Watch {
    item: VmItem,
    widget: glib::WeakRef<gtk::Widget>,
    /// When it was made (watches are looked at oldest first).
    seq: u64,
}

/// The key of a widget's watch: its address. A dead widget's address may be reused by
/// a new one, whose watch then replaces the stale entry.
fn key(widget: &gtk::Widget) -> usize {
    widget.as_ptr() as usize
}

#[derive(Default)]
struct Inner {
    /// By widget: list rows are bound and unbound by the hundred (GTK rebinds every
    /// row whose selection changes), so adding or dropping one is O(1).
    watches: RefCell<HashMap<usize, Watch>>,
    seq: Cell<u64>,
    in_flight: Cell<usize>,
    tick: RefCell<Option<glib::SourceId>>,
    kick: Cell<bool>,
    interval: Cell<Option<Duration>>,
    requests: Cell<u64>,
}

/// The thumbnail service shared by the list and the overview. Cheap to clone.
#[derive(Clone, Default)]
pub struct Thumbnails(Rc<Inner>);

impl std::fmt::Debug for Thumbnails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Thumbnails")
            .field("watches", &self.0.watches.borrow().len())
            .field("in_flight", &self.0.in_flight.get())
            .finish()
    }
}

impl Thumbnails {
    /// A service with no watches.
    pub fn new() -> Self {
        Self::default()
    }

    /// The time between two screenshots of one VM.
    pub fn interval(&self) -> Duration {
        self.0.interval.get().unwrap_or(DEFAULT_INTERVAL)
    }

    /// Changes the refresh interval (tests use a short one).
    pub fn set_interval(&self, d: Duration) {
        self.0.interval.set(Some(d));
    }

    /// How many screenshots were asked for so far.
    pub fn requests(&self) -> u64 {
        self.0.requests.get()
    }

    /// How many screenshots are being taken now.
    pub fn in_flight(&self) -> usize {
        self.0.in_flight.get()
    }

    /// `widget` shows the thumbnail of `item` from now on (replacing what it showed).
    pub fn watch(&self, item: &VmItem, widget: &impl IsA<gtk::Widget>) {
        let widget = widget.as_ref();
        let seq = self.0.seq.get() + 1;
        self.0.seq.set(seq);
        self.0.watches.borrow_mut().insert(
            key(widget),
            Watch {
                item: item.clone(),
                widget: widget.downgrade(),
                seq,
            },
        );
        self.ensure_tick();
        self.kick();
    }

    /// `widget` shows no thumbnail any more.
    pub fn unwatch(&self, widget: &impl IsA<gtk::Widget>) {
        self.0.watches.borrow_mut().remove(&key(widget.as_ref()));
    }

    /// How many widgets are watched (dead ones are dropped at the next tick).
    pub fn watch_count(&self) -> usize {
        self.0.watches.borrow().len()
    }

    /// The items watched by a widget that is on screen now.
    pub fn visible_items(&self) -> Vec<VmItem> {
        let watches = self.0.watches.borrow();
        let mut shown: Vec<&Watch> = watches
            .values()
            .filter(|w| w.widget.upgrade().is_some_and(|w| on_screen(&w)))
            .collect();
        shown.sort_by_key(|w| w.seq);
        let mut out: Vec<VmItem> = Vec::new();
        for w in shown {
            if !out.contains(&w.item) {
                out.push(w.item.clone());
            }
        }
        out
    }

    /// Runs a tick soon (after the current main-loop iteration: widgets bound in a
    /// batch are all seen by one tick).
    fn kick(&self) {
        if self.0.kick.replace(true) {
            return;
        }
        let weak = Rc::downgrade(&self.0);
        glib::idle_add_local_once(move || {
            if let Some(inner) = weak.upgrade() {
                inner.kick.set(false);
                Thumbnails(inner).tick();
            }
        });
    }

    fn ensure_tick(&self) {
        if self.0.tick.borrow().is_some() {
            return;
        }
        let weak: Weak<Inner> = Rc::downgrade(&self.0);
        let id = glib::timeout_add_local(Duration::from_secs(1), move || {
            let Some(inner) = weak.upgrade() else {
                return glib::ControlFlow::Break;
            };
            let t = Thumbnails(inner);
            if t.tick() {
                glib::ControlFlow::Continue
            } else {
                t.0.tick.take();
                glib::ControlFlow::Break
            }
        });
        self.0.tick.replace(Some(id));
    }

    /// Starts the screenshots that are due; returns whether anything is still watched.
    fn tick(&self) -> bool {
        self.0
            .watches
            .borrow_mut()
            .retain(|_, w| w.widget.upgrade().is_some());
        if self.0.watches.borrow().is_empty() {
            return false;
        }
        let now = Instant::now();
        let interval = self.interval();
        for item in self.visible_items() {
            if self.0.in_flight.get() >= MAX_IN_FLIGHT {
                break;
            }
            if item.current_state() != DomainState::Running || item.thumbnail_busy() {
                continue;
            }
            if item.thumbnail_due_at().is_some_and(|t| t > now) {
                continue;
            }
            self.fetch(&item, now + interval);
        }
        true
    }

    fn fetch(&self, item: &VmItem, next: Instant) {
        let inner = self.0.clone();
        inner.in_flight.set(inner.in_flight.get() + 1);
        inner.requests.set(inner.requests.get() + 1);
        item.set_thumbnail_busy(true);
        item.set_thumbnail_due_at(Some(next));
        let item = item.clone();
        let shot = item.dom().screenshot_future(0);
        glib::MainContext::default().spawn_local(async move {
            let result = match shot.await {
                Ok((mime, bytes)) => gio::spawn_blocking(move || decode(&mime, &bytes))
                    .await
                    .unwrap_or_else(|_| Err("the decoder panicked".into())),
                Err(e) => Err(e.message().to_owned()),
            };
            inner.in_flight.set(inner.in_flight.get() - 1);
            item.set_thumbnail_busy(false);
            match result {
                // A VM stopped meanwhile keeps no picture.
                Ok(t) if item.state().is_active() => item.set_thumbnail(Some(t.texture())),
                Ok(_) => {}
                Err(msg) => {
                    tracing::debug!(domain = %item.dom().name(), %msg, "no thumbnail");
                    item.set_thumbnail_due_at(Some(Instant::now() + FAILURE_BACKOFF));
                }
            }
            // The next one may start now rather than at the next tick.
            Thumbnails(inner).kick();
        });
    }
}

/// Whether `w` is drawn now: mapped, within the viewport of its scrolled window, and
/// its window not minimized.
pub fn on_screen(w: &gtk::Widget) -> bool {
    if !w.is_drawable() {
        return false;
    }
    if let Some(surface) = w.native().and_then(|n| n.surface()) {
        if let Some(top) = surface.downcast_ref::<gdk::Toplevel>() {
            if top.state().contains(gdk::ToplevelState::MINIMIZED) {
                return false;
            }
        }
    }
    let Some(sw) = w.ancestor(gtk::ScrolledWindow::static_type()) else {
        return true;
    };
    let Some(b) = w.compute_bounds(&sw) else {
        return false;
    };
    let (sw_w, sw_h) = (sw.width() as f32, sw.height() as f32);
    b.x() < sw_w && b.y() < sw_h && b.x() + b.width() > 0.0 && b.y() + b.height() > 0.0
}

/// A decoded, scaled-down screenshot: RGB(A) rows (made on a worker thread).
#[derive(Debug)]
pub struct Decoded {
    /// Width in pixels.
    pub width: i32,
    /// Height in pixels.
    pub height: i32,
    /// Bytes per row.
    pub stride: usize,
    /// Whether pixels have an alpha byte.
    pub alpha: bool,
    /// The pixels.
    pub pixels: Vec<u8>,
}

impl Decoded {
    /// The pixels as a texture (main thread).
    pub fn texture(self) -> gdk::Texture {
        let format = if self.alpha {
            gdk::MemoryFormat::R8g8b8a8
        } else {
            gdk::MemoryFormat::R8g8b8
        };
        gdk::MemoryTexture::new(
            self.width,
            self.height,
            format,
            &glib::Bytes::from_owned(self.pixels),
            self.stride,
        )
        .upcast()
    }
}

/// Decodes a screenshot (`mime` as libvirt reports it: PPM, PNG, …) and scales it to fit
/// [`MAX_SIZE`]. Runs on any thread (the pixbuf never leaves it).
pub fn decode(mime: &str, bytes: &[u8]) -> Result<Decoded, String> {
    let loader = gdk_pixbuf::PixbufLoader::with_mime_type(mime)
        .or_else(|_| Ok::<_, glib::Error>(gdk_pixbuf::PixbufLoader::new()))
        .map_err(|e| e.to_string())?;
    loader
        .write(bytes)
        .and_then(|()| loader.close())
        .map_err(|e| format!("cannot decode the {mime} screenshot: {e}"))?;
    let pb = loader
        .pixbuf()
        .ok_or_else(|| format!("empty {mime} screenshot"))?;
    let (w, h) = (pb.width(), pb.height());
    if w <= 0 || h <= 0 {
        return Err(format!("empty {mime} screenshot"));
    }
    let scale = (f64::from(MAX_SIZE.0) / f64::from(w))
        .min(f64::from(MAX_SIZE.1) / f64::from(h))
        .min(1.0);
    let (tw, th) = (
        ((f64::from(w) * scale).round() as i32).max(1),
        ((f64::from(h) * scale).round() as i32).max(1),
    );
    let pb = if (tw, th) == (w, h) {
        pb
    } else {
        pb.scale_simple(tw, th, gdk_pixbuf::InterpType::Bilinear)
            .ok_or("out of memory scaling the screenshot")?
    };
    Ok(Decoded {
        width: pb.width(),
        height: pb.height(),
        stride: pb.rowstride() as usize,
        alpha: pb.has_alpha(),
        pixels: pb.read_pixel_bytes().to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ppm_is_decoded_and_scaled_to_fit() {
        let (w, h) = (720usize, 400usize);
        let mut ppm = format!("P6\n{w} {h}\n255\n").into_bytes();
        for y in 0..h {
            for _ in 0..w {
                ppm.extend_from_slice(&[if y < h / 2 { 200 } else { 10 }, 0, 0]);
            }
        }
        let d = decode("image/x-portable-pixmap", &ppm).expect("decoded");
        assert_eq!((d.width, d.height), (320, 178));
        assert!(!d.alpha);
        assert!(d.pixels.len() >= d.stride * (d.height as usize - 1) + 3 * d.width as usize);
        assert!(d.pixels[0] > 150, "top half is red");
        let last = d.stride * (d.height as usize - 1);
        assert!(d.pixels[last] < 50, "bottom half is dark");
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let e = decode("image/png", b"not a png").expect_err("rejected");
        assert!(e.contains("image/png"), "{e}");
        assert!(decode("image/x-portable-pixmap", b"").is_err());
    }
}
