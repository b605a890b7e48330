//! The desktop's pixels: memory we own that gvnc decodes into, and the render nodes
//! drawn from it, one per horizontal band so that an update redraws only the bands it
//! touched.
//!
//! A band's node is kept until the band changes, so GTK sees the same node in the
//! next frame and repaints nothing there. With GTK's cairo renderer the pixel memory
//! is itself a cairo RGB24 image surface, and a band's node is a cairo node that
//! paints that surface: nothing is copied when a band changes (the node only records
//! which surface and rectangle to paint, and cairo reads the pixels when GTK draws
//! the node). With a GPU renderer a band is a texture node (copied and uploaded once).

use glib::translate::{FromGlibPtrFull, ToGlibPtr};
use gtk::gsk::prelude::IsRenderNode;
use gtk::prelude::ObjectExt;
use gtk::{cairo, gdk, graphene, gsk};

/// Bytes per pixel of the local format.
pub(crate) const BPP: usize = 4;
/// Rows per band: a VGA text line is 16 rows.
pub(crate) const BAND_ROWS: usize = 16;

/// 32-bit little-endian xRGB: bytes B, G, R, x in memory — cairo's RGB24, which
/// ignores the padding byte (for a texture it is set to 0xff when a band is copied,
/// which makes it `B8g8r8a8Premultiplied`).
pub(crate) fn local_format() -> gvnc::PixelFormat {
    gvnc::PixelFormat::new_with(
        (255, 255, 255),
        (16, 8, 0),
        24,
        32,
        gvnc::ByteOrder::Little,
        1,
    )
    .expect("a valid pixel format")
}

/// How band nodes are made: for the renderer that draws them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NodeKind {
    /// A cairo node painting an image surface (GTK's cairo renderer).
    Cairo,
    /// A texture node (GPU renderers).
    Texture,
}

impl NodeKind {
    /// The kind that suits `renderer` (cairo when unknown: it is always correct).
    pub(crate) fn for_renderer(renderer: Option<&gsk::Renderer>) -> NodeKind {
        match renderer {
            Some(r) if !r.is::<gsk::CairoRenderer>() => NodeKind::Texture,
            _ => NodeKind::Cairo,
        }
    }
}

/// A desktop-sized framebuffer for gvnc plus its band nodes.
pub(crate) struct Framebuffer {
    /// The gvnc framebuffer over the memory of `surface`; it keeps a reference to the
    /// surface (object data), so the memory lives as long as gvnc may write to it.
    pub(crate) vnc: gvnc::BaseFramebuffer,
    /// The pixel memory: a cairo image surface that cairo allocated.
    ///
    /// gvnc writes it directly, without telling cairo (no `cairo_surface_mark_dirty`),
    /// which is what keeps the band nodes live: a cairo node records a paint of this
    /// surface through one lazily copied snapshot of it, and cairo copies the
    /// snapshot's pixels only when the surface is marked dirty, flushed or destroyed.
    /// So a node draws the memory as it is when GTK renders it. That is exactly
    /// right here, because GTK renders a band's area again only when its node
    /// changed, and a band's node changes whenever gvnc wrote into it. When the
    /// surface is destroyed (a new desktop size), cairo hands its memory to the
    /// snapshot without copying.
    surface: cairo::ImageSurface,
    width: usize,
    height: usize,
    bands: Vec<Option<gsk::RenderNode>>,
    dirty: Vec<bool>,
    kind: NodeKind,
    /// Bytes copied into band nodes since creation (texture nodes only; cairo nodes
    /// copy nothing).
    pub(crate) copied: u64,
}

impl Framebuffer {
    /// A framebuffer of `width`×`height` for a server sending `remote` pixels, or
    /// `None` when cairo cannot make the surface (too large, out of memory).
    pub(crate) fn new(width: u16, height: u16, remote: &gvnc::PixelFormat) -> Option<Self> {
        // At least one pixel, so that the memory pointer is never null.
        let surface = cairo::ImageSurface::create(
            cairo::Format::Rgb24,
            i32::from(width.max(1)),
            i32::from(height.max(1)),
        )
        .inspect_err(|e| tracing::debug!(%e, width, height, "framebuffer surface"))
        .ok()?;
        // Not "clear" any more for cairo (gvnc writes the memory behind its back), and
        // marked now, before any snapshot of it exists: marking it later would copy.
        surface.mark_dirty();
        let stride = surface.stride();
        let local = local_format();
        // SAFETY: the surface is a valid image surface; its data pointer addresses
        // `height.max(1)` rows of `stride` bytes (of which gvnc uses `width` × 4), and
        // stays valid while the surface lives. The surface is stored as data of the
        // new gvnc framebuffer right below, so it lives as long as that object,
        // however long gvnc keeps a reference to it.
        let vnc = unsafe {
            let data = cairo::ffi::cairo_image_surface_get_data(surface.to_raw_none());
            if data.is_null() {
                return None;
            }
            let fb = gvnc::ffi::vnc_base_framebuffer_new(
                data,
                width,
                height,
                stride,
                local.to_glib_none().0,
                remote.to_glib_none().0,
            );
            gvnc::BaseFramebuffer::from_glib_full(fb)
        };
        // SAFETY: the key is private to this module and always holds an `ImageSurface`.
        unsafe {
            glib::prelude::ObjectExt::set_data(&vnc, "vireo-console-pixels", surface.clone())
        };
        let n = usize::from(height).div_ceil(BAND_ROWS);
        Some(Framebuffer {
            vnc,
            surface,
            width: width.into(),
            height: height.into(),
            bands: vec![None; n],
            dirty: vec![true; n],
            kind: NodeKind::Cairo,
            copied: 0,
        })
    }

    /// Width in pixels.
    pub(crate) fn width(&self) -> usize {
        self.width
    }

    /// Height in pixels.
    pub(crate) fn height(&self) -> usize {
        self.height
    }

    /// Marks rows `y .. y + h` as changed.
    pub(crate) fn damage(&mut self, y: usize, h: usize) {
        let end = (y + h).min(self.height);
        if y >= end {
            return;
        }
        for b in y / BAND_ROWS..=(end - 1) / BAND_ROWS {
            self.dirty[b] = true;
        }
    }

    /// Whether some band changed since the last [`refresh`](Self::refresh).
    pub(crate) fn is_dirty(&self) -> bool {
        self.dirty.contains(&true)
    }

    /// The pixel memory (what gvnc decoded so far).
    pub(crate) fn pixels(&self) -> &[u8] {
        gvnc::FramebufferManualExt::buffer(&self.vnc)
    }

    /// Re-creates the nodes of changed bands (of all bands when `kind` changed);
    /// returns how many were re-created.
    pub(crate) fn refresh(&mut self, kind: NodeKind) -> usize {
        if self.kind != kind {
            self.kind = kind;
            self.dirty.fill(true);
        }
        if self.width == 0 {
            // Nothing to show (and a texture cannot be 0 pixels wide).
            self.dirty.fill(false);
            return 0;
        }
        let mut n = 0;
        for b in 0..self.bands.len() {
            if !std::mem::take(&mut self.dirty[b]) {
                continue;
            }
            let y0 = b * BAND_ROWS;
            // One row of overlap with the next band hides seams when scaled.
            let rows = (BAND_ROWS + 1).min(self.height - y0);
            self.bands[b] = match kind {
                NodeKind::Cairo => self.cairo_band(y0, rows),
                NodeKind::Texture => {
                    self.copied += (rows * self.width * BPP) as u64;
                    Some(self.texture_band(y0, rows))
                }
            };
            n += 1;
        }
        n
    }

    /// Rows `y0 .. y0 + rows` as a cairo node painting the framebuffer surface (see
    /// [`Framebuffer::surface`]), or `None` if cairo fails (the band stays black).
    fn cairo_band(&self, y0: usize, rows: usize) -> Option<gsk::RenderNode> {
        let node = gsk::CairoNode::new(&self.band_rect(y0, rows));
        let cr = node.draw_context();
        // The node's recording is bounded by the band: the paint covers the band only.
        cr.set_source_surface(&self.surface, 0.0, 0.0)
            .inspect_err(|e| tracing::debug!(%e, "band node"))
            .ok()?;
        cr.paint()
            .inspect_err(|e| tracing::debug!(%e, "band node"))
            .ok()?;
        Some(node.upcast())
    }

    /// Rows `y0 .. y0 + rows` as a texture node.
    fn texture_band(&self, y0: usize, rows: usize) -> gsk::RenderNode {
        let stride = self.width * BPP;
        let mut copy = self.pixels()[y0 * stride..(y0 + rows) * stride].to_vec();
        for px in copy.chunks_exact_mut(BPP) {
            px[3] = 0xff;
        }
        let tex = gdk::MemoryTexture::new(
            self.width as i32,
            rows as i32,
            gdk::MemoryFormat::B8g8r8a8Premultiplied,
            &glib::Bytes::from_owned(copy),
            stride,
        );
        gsk::TextureNode::new(&tex, &self.band_rect(y0, rows)).upcast()
    }

    fn band_rect(&self, y0: usize, rows: usize) -> graphene::Rect {
        graphene::Rect::new(0.0, y0 as f32, self.width as f32, rows as f32)
    }

    /// The band nodes, in desktop coordinates.
    pub(crate) fn bands(&self) -> impl Iterator<Item = &gsk::RenderNode> {
        self.bands.iter().flatten()
    }

    /// The desktop as RGB bytes (for thumbnails and tests).
    pub(crate) fn to_rgb(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.width * self.height * 3);
        for px in self.pixels().chunks_exact(BPP) {
            out.extend_from_slice(&[px[2], px[1], px[0]]);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node_ptr(n: &gsk::RenderNode) -> *mut gsk::ffi::GskRenderNode {
        n.to_glib_none().0
    }

    /// GSK registers its node types lazily (`gtk::init` does it in the app).
    fn register_node_types() {
        use glib::prelude::StaticType;
        let _ = (
            gsk::CairoNode::static_type(),
            gsk::TextureNode::static_type(),
        );
    }

    fn framebuffer(width: u16, height: u16) -> Framebuffer {
        Framebuffer::new(width, height, &local_format()).expect("a framebuffer")
    }

    /// Fills a rectangle of the framebuffer the way gvnc's decoders do.
    fn fill(fb: &Framebuffer, bgrx: [u8; 4], x: u16, y: u16, w: u16, h: u16) {
        use glib::prelude::Cast;
        let vnc: &gvnc::Framebuffer = fb.vnc.upcast_ref();
        // SAFETY: a valid framebuffer and a pixel of the local format (4 bytes); gvnc
        // clips nothing, so the rectangle is within the desktop in every caller.
        unsafe {
            gvnc::ffi::vnc_framebuffer_fill(
                vnc.to_glib_none().0,
                bgrx.as_ptr() as *mut u8,
                x,
                y,
                w,
                h,
            )
        };
    }

    /// The pixel at (`x`, `y`) of `node` drawn by cairo, as (R, G, B).
    fn drawn_pixel(node: &gsk::RenderNode, x: i32, y: i32) -> (u8, u8, u8) {
        let mut img = cairo::ImageSurface::create(cairo::Format::Rgb24, 64, 64).expect("surface");
        {
            let cr = cairo::Context::new(&img).expect("context");
            node.draw(&cr);
        }
        let stride = img.stride() as usize;
        let data = img.data().expect("pixels");
        let p = &data[y as usize * stride + x as usize * 4..][..4];
        (p[2], p[1], p[0])
    }

    #[test]
    fn cairo_bands_draw_the_memory_without_copying_it() {
        register_node_types();
        let mut fb = framebuffer(40, 40);
        assert_eq!(fb.refresh(NodeKind::Cairo), 3);
        fill(&fb, [0x30, 0x20, 0x10, 0], 0, 20, 40, 4);
        fill(&fb, [0, 0xff, 0, 0], 0, 33, 40, 7);
        fb.damage(20, 4);
        fb.damage(33, 7);
        assert_eq!(fb.refresh(NodeKind::Cairo), 2);
        assert_eq!(fb.copied, 0, "cairo band nodes copy nothing");
        let band: Vec<gsk::RenderNode> = fb.bands().cloned().collect();
        assert_eq!(drawn_pixel(&band[1], 5, 21), (0x10, 0x20, 0x30));
        assert_eq!(drawn_pixel(&band[1], 5, 25), (0, 0, 0));
        // Each node paints its own rows only (16..33 here, 32..40 for the next band).
        assert_eq!(drawn_pixel(&band[1], 5, 34), (0, 0, 0));
        assert_eq!(drawn_pixel(&band[2], 5, 34), (0, 0xff, 0));
        // A later write shows in the band's next node (and in the pixels).
        fill(&fb, [0, 0, 0xff, 0], 0, 25, 40, 1);
        fb.damage(25, 1);
        assert_eq!(fb.refresh(NodeKind::Cairo), 1);
        let node = fb.bands().nth(1).expect("band 1").clone();
        assert_eq!(drawn_pixel(&node, 39, 25), (0xff, 0, 0));
        // Even the band's previous node draws the memory as it is now: no node holds a
        // copy of the pixels.
        assert_eq!(drawn_pixel(&band[1], 39, 25), (0xff, 0, 0));
        assert_eq!(&fb.to_rgb()[(25 * 40 + 39) * 3..][..3], &[0xff, 0, 0]);
        // The memory outlives the framebuffer while gvnc or a node still uses it.
        drop(fb);
        assert_eq!(drawn_pixel(&node, 39, 25), (0xff, 0, 0));
    }

    #[test]
    fn a_desktop_cairo_cannot_hold_is_refused() {
        assert!(Framebuffer::new(40_000, 2, &local_format()).is_none());
    }

    #[test]
    fn only_damaged_bands_are_made_again() {
        register_node_types();
        for kind in [NodeKind::Cairo, NodeKind::Texture] {
            let mut fb = framebuffer(40, 40);
            assert_eq!((fb.width(), fb.height()), (40, 40));
            // Three bands (16 + 16 + 8 rows); textures are copied with one row of overlap.
            let copy = |rows: usize| match kind {
                NodeKind::Cairo => 0,
                NodeKind::Texture => (rows * 40 * BPP) as u64,
            };
            assert!(fb.is_dirty());
            assert_eq!(fb.refresh(kind), 3);
            assert_eq!(fb.copied, copy(17 + 17 + 8));
            assert!(!fb.is_dirty());
            assert_eq!(fb.refresh(kind), 0, "nothing changed");
            let before: Vec<gsk::RenderNode> = fb.bands().cloned().collect();
            fb.damage(17, 2);
            assert!(fb.is_dirty());
            assert_eq!(fb.refresh(kind), 1);
            assert_eq!(fb.copied, copy(17 + 17 + 8 + 17));
            // Untouched bands keep their node (GTK then repaints nothing there).
            let after: Vec<gsk::RenderNode> = fb.bands().cloned().collect();
            let same: Vec<bool> = before
                .iter()
                .zip(&after)
                .map(|(a, b)| node_ptr(a) == node_ptr(b))
                .collect();
            assert_eq!(same, [true, false, true]);
            // A rectangle across a band boundary touches both; out of range is ignored.
            fb.damage(15, 2);
            fb.damage(400, 10);
            assert_eq!(fb.refresh(kind), 2);
            let rows: Vec<(f32, f32)> = fb
                .bands()
                .map(|n| (n.bounds().y(), n.bounds().height()))
                .collect();
            assert_eq!(rows, [(0.0, 17.0), (16.0, 17.0), (32.0, 8.0)]);
            assert_eq!(fb.to_rgb().len(), 40 * 40 * 3);
        }
    }

    #[test]
    fn another_renderer_remakes_every_band() {
        register_node_types();
        let mut fb = framebuffer(8, 40);
        assert_eq!(fb.refresh(NodeKind::Cairo), 3);
        assert_eq!(fb.refresh(NodeKind::Texture), 3);
        assert!(fb
            .bands()
            .all(|n| n.node_type() == gsk::RenderNodeType::TextureNode));
        assert_eq!(fb.refresh(NodeKind::Cairo), 3);
        assert!(fb
            .bands()
            .all(|n| n.node_type() == gsk::RenderNodeType::CairoNode));
    }
}
