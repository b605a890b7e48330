//! The desktop's pixels: memory we own that gvnc decodes into, and the render nodes
//! drawn from it, so that an update redraws only what it touched.
//!
//! The desktop is cut into bands of 16 rows, and a band into a few tiles. A node is
//! kept until its pixels change, so GTK sees the same node in the next frame and
//! repaints nothing there; GTK repaints (and, with its cairo renderer on X11, uploads)
//! the area of the nodes that changed, so the tiles keep a change to the start of a
//! text line from repainting the whole width. A band all of whose tiles changed is one
//! node.
//!
//! With GTK's cairo renderer the pixel memory is itself a cairo RGB24 image surface,
//! and a node is a cairo node that paints a rectangle of that surface: nothing is
//! copied when pixels change (the node only records which surface and rectangle to
//! paint, and cairo reads the pixels when GTK draws the node). With a GPU renderer a
//! node is a texture node (copied and uploaded once).

use glib::translate::{FromGlibPtrFull, ToGlibPtr};
use gtk::gsk::prelude::IsRenderNode;
use gtk::prelude::ObjectExt;
use gtk::{cairo, gdk, graphene, gsk};

/// Bytes per pixel of the local format.
pub(crate) const BPP: usize = 4;
/// Rows per band: a VGA text line is 16 rows.
pub(crate) const BAND_ROWS: usize = 16;
/// Columns per tile, at least.
const MIN_TILE_COLS: usize = 128;
/// Tiles per band, at most (wider desktops have wider tiles).
const MAX_TILES: usize = 8;

/// The nodes of one band.
struct Band {
    /// Whether one node shows the whole band (`whole`), else one per tile (`tiles`).
    is_whole: bool,
    whole: Option<gsk::RenderNode>,
    /// `None` where a node could not be made (that part stays black).
    tiles: Vec<Option<gsk::RenderNode>>,
    /// Which tiles changed since the last refresh.
    dirty: Vec<bool>,
}

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

/// A desktop-sized framebuffer for gvnc plus its nodes.
pub(crate) struct Framebuffer {
    /// The gvnc framebuffer over the memory of `surface`; it keeps a reference to the
    /// surface (object data), so the memory lives as long as gvnc may write to it.
    pub(crate) vnc: gvnc::BaseFramebuffer,
    /// The pixel memory: a cairo image surface that cairo allocated.
    ///
    /// gvnc writes it directly, without telling cairo (no `cairo_surface_mark_dirty`),
    /// which is what keeps the nodes live: a cairo node records a paint of this
    /// surface through one lazily copied snapshot of it, and cairo copies the
    /// snapshot's pixels only when the surface is marked dirty, flushed or destroyed.
    /// So a node draws the memory as it is when GTK renders it. That is exactly
    /// right here, because GTK renders a node's area again only when the node
    /// changed, and a node is replaced whenever gvnc wrote into its area. When the
    /// surface is destroyed (a new desktop size), cairo hands its memory to the
    /// snapshot without copying.
    surface: cairo::ImageSurface,
    width: usize,
    height: usize,
    /// Columns per tile.
    tile_cols: usize,
    bands: Vec<Band>,
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
        let width = usize::from(width);
        let tile_cols = width
            .div_ceil(MAX_TILES)
            .next_multiple_of(16)
            .max(MIN_TILE_COLS);
        let tiles = width.div_ceil(tile_cols).max(1);
        let bands = (0..usize::from(height).div_ceil(BAND_ROWS))
            .map(|_| Band {
                is_whole: false,
                whole: None,
                tiles: vec![None; tiles],
                dirty: vec![true; tiles],
            })
            .collect();
        Some(Framebuffer {
            vnc,
            surface,
            width,
            height: height.into(),
            tile_cols,
            bands,
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

    /// Marks the rectangle at (`x`, `y`) of `w`×`h` pixels as changed.
    pub(crate) fn damage(&mut self, x: usize, y: usize, w: usize, h: usize) {
        let (x_end, y_end) = (
            x.saturating_add(w).min(self.width),
            y.saturating_add(h).min(self.height),
        );
        if x >= x_end || y >= y_end {
            return;
        }
        let tiles = x / self.tile_cols..=(x_end - 1) / self.tile_cols;
        for band in &mut self.bands[y / BAND_ROWS..=(y_end - 1) / BAND_ROWS] {
            band.dirty[tiles.clone()].fill(true);
        }
    }

    /// Whether something changed since the last [`refresh`](Self::refresh).
    pub(crate) fn is_dirty(&self) -> bool {
        self.bands.iter().any(|b| b.dirty.contains(&true))
    }

    /// The pixel memory (what gvnc decoded so far).
    pub(crate) fn pixels(&self) -> &[u8] {
        gvnc::FramebufferManualExt::buffer(&self.vnc)
    }

    /// Re-creates the nodes of what changed (of everything when `kind` changed);
    /// returns how many nodes were made.
    pub(crate) fn refresh(&mut self, kind: NodeKind) -> usize {
        if self.kind != kind {
            self.kind = kind;
            for band in &mut self.bands {
                band.dirty.fill(true);
            }
        }
        let mut n = 0;
        for b in 0..self.bands.len() {
            let band = &self.bands[b];
            if !band.dirty.contains(&true) {
                continue;
            }
            let y0 = b * BAND_ROWS;
            // One row (and column) of overlap with the next band (and tile) hides seams
            // when scaled.
            let rows = (BAND_ROWS + 1).min(self.height - y0);
            if band.dirty.iter().all(|&d| d) {
                let whole = self.node(0, y0, self.width, rows);
                let band = &mut self.bands[b];
                band.is_whole = true;
                band.whole = whole;
                band.tiles.fill(None);
                n += 1;
            } else {
                // A band shown whole so far needs all its tiles now.
                let all = band.is_whole;
                let dirty = band.dirty.clone();
                for (t, changed) in dirty.into_iter().enumerate() {
                    if all || changed {
                        let x0 = t * self.tile_cols;
                        let cols = (self.tile_cols + 1).min(self.width - x0);
                        self.bands[b].tiles[t] = self.node(x0, y0, cols, rows);
                        n += 1;
                    }
                }
                let band = &mut self.bands[b];
                band.is_whole = false;
                band.whole = None;
            }
            self.bands[b].dirty.fill(false);
        }
        n
    }

    /// A node for the rectangle at (`x0`, `y0`) of `cols`×`rows` pixels (`None` if it
    /// cannot be made: that part stays black).
    fn node(&mut self, x0: usize, y0: usize, cols: usize, rows: usize) -> Option<gsk::RenderNode> {
        if cols == 0 || rows == 0 {
            return None;
        }
        let rect = graphene::Rect::new(x0 as f32, y0 as f32, cols as f32, rows as f32);
        match self.kind {
            NodeKind::Cairo => self.cairo_node(&rect),
            NodeKind::Texture => {
                self.copied += (cols * rows * BPP) as u64;
                self.texture_node(x0, y0, cols, rows, &rect)
            }
        }
    }

    /// A cairo node painting `rect` of the framebuffer surface (see
    /// [`Framebuffer::surface`]).
    fn cairo_node(&self, rect: &graphene::Rect) -> Option<gsk::RenderNode> {
        let node = gsk::CairoNode::new(rect);
        let cr = node.draw_context();
        // The node's recording is bounded by `rect`: the paint covers that only.
        cr.set_source_surface(&self.surface, 0.0, 0.0)
            .inspect_err(|e| tracing::debug!(%e, "framebuffer node"))
            .ok()?;
        cr.paint()
            .inspect_err(|e| tracing::debug!(%e, "framebuffer node"))
            .ok()?;
        Some(node.upcast())
    }

    /// A texture node of a copy of the rectangle at (`x0`, `y0`) of `cols`×`rows`.
    fn texture_node(
        &self,
        x0: usize,
        y0: usize,
        cols: usize,
        rows: usize,
        rect: &graphene::Rect,
    ) -> Option<gsk::RenderNode> {
        let (stride, line) = (self.width * BPP, cols * BPP);
        let pixels = self.pixels();
        let mut copy = Vec::with_capacity(line * rows);
        for y in y0..y0 + rows {
            let start = y * stride + x0 * BPP;
            copy.extend_from_slice(pixels.get(start..start + line)?);
        }
        for px in copy.chunks_exact_mut(BPP) {
            px[3] = 0xff;
        }
        let tex = gdk::MemoryTexture::new(
            cols as i32,
            rows as i32,
            gdk::MemoryFormat::B8g8r8a8Premultiplied,
            &glib::Bytes::from_owned(copy),
            line,
        );
        Some(gsk::TextureNode::new(&tex, rect).upcast())
    }

    /// The nodes, in desktop coordinates.
    pub(crate) fn nodes(&self) -> impl Iterator<Item = &gsk::RenderNode> {
        self.bands.iter().flat_map(|b| {
            let (whole, tiles) = if b.is_whole {
                (b.whole.as_ref(), &b.tiles[..0])
            } else {
                (None, &b.tiles[..])
            };
            whole.into_iter().chain(tiles.iter().flatten())
        })
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

    fn rects(fb: &Framebuffer) -> Vec<(f32, f32, f32, f32)> {
        fb.nodes()
            .map(|n| {
                let b = n.bounds();
                (b.x(), b.y(), b.width(), b.height())
            })
            .collect()
    }

    #[test]
    fn cairo_nodes_draw_the_memory_without_copying_it() {
        register_node_types();
        let mut fb = framebuffer(40, 40);
        assert_eq!(fb.refresh(NodeKind::Cairo), 3);
        fill(&fb, [0x30, 0x20, 0x10, 0], 0, 20, 40, 4);
        fill(&fb, [0, 0xff, 0, 0], 0, 33, 40, 7);
        fb.damage(0, 20, 40, 4);
        fb.damage(0, 33, 40, 7);
        assert_eq!(fb.refresh(NodeKind::Cairo), 2);
        assert_eq!(fb.copied, 0, "cairo nodes copy nothing");
        let band: Vec<gsk::RenderNode> = fb.nodes().cloned().collect();
        assert_eq!(drawn_pixel(&band[1], 5, 21), (0x10, 0x20, 0x30));
        assert_eq!(drawn_pixel(&band[1], 5, 25), (0, 0, 0));
        // Each node paints its own rows only (16..33 here, 32..40 for the next band).
        assert_eq!(drawn_pixel(&band[1], 5, 34), (0, 0, 0));
        assert_eq!(drawn_pixel(&band[2], 5, 34), (0, 0xff, 0));
        // A later write shows in the band's next node (and in the pixels).
        fill(&fb, [0, 0, 0xff, 0], 0, 25, 40, 1);
        fb.damage(0, 25, 40, 1);
        assert_eq!(fb.refresh(NodeKind::Cairo), 1);
        let node = fb.nodes().nth(1).expect("band 1").clone();
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
    fn only_what_changed_is_made_again() {
        register_node_types();
        for kind in [NodeKind::Cairo, NodeKind::Texture] {
            // Three bands (16 + 16 + 8 rows) of three tiles (128 + 128 + 44 columns).
            let mut fb = framebuffer(300, 40);
            assert_eq!((fb.width(), fb.height()), (300, 40));
            // Textures are copies, with one row and column of overlap.
            let copy = |px: usize| match kind {
                NodeKind::Cairo => 0,
                NodeKind::Texture => (px * BPP) as u64,
            };
            assert!(fb.is_dirty());
            assert_eq!(fb.refresh(kind), 3, "whole bands at first");
            assert_eq!(fb.copied, copy(300 * (17 + 17 + 8)));
            assert!(!fb.is_dirty());
            assert_eq!(fb.refresh(kind), 0, "nothing changed");
            assert_eq!(
                rects(&fb),
                [
                    (0.0, 0.0, 300.0, 17.0),
                    (0.0, 16.0, 300.0, 17.0),
                    (0.0, 32.0, 300.0, 8.0)
                ]
            );
            let before: Vec<gsk::RenderNode> = fb.nodes().cloned().collect();

            // A glyph in the middle tile of band 1: that band is cut into its tiles.
            fb.damage(130, 17, 5, 2);
            assert!(fb.is_dirty());
            assert_eq!(fb.refresh(kind), 3);
            assert_eq!(
                rects(&fb)[1..4],
                [
                    (0.0, 16.0, 129.0, 17.0),
                    (128.0, 16.0, 129.0, 17.0),
                    (256.0, 16.0, 44.0, 17.0)
                ]
            );
            let after: Vec<gsk::RenderNode> = fb.nodes().cloned().collect();
            assert_eq!(node_ptr(&before[0]), node_ptr(&after[0]));
            assert_eq!(node_ptr(&before[2]), node_ptr(&after[4]));

            // Then only that tile is made again; the other nodes stay (GTK then
            // repaints nothing there).
            let copied = fb.copied;
            fb.damage(200, 20, 10, 1);
            assert_eq!(fb.refresh(kind), 1);
            assert_eq!(fb.copied, copied + copy(129 * 17));
            let again: Vec<gsk::RenderNode> = fb.nodes().cloned().collect();
            let same: Vec<bool> = after
                .iter()
                .zip(&again)
                .map(|(a, b)| node_ptr(a) == node_ptr(b))
                .collect();
            assert_eq!(same, [true, true, false, true, true]);

            // A rectangle across a band boundary touches both bands; a full-width one
            // makes a band whole again; out of range is ignored.
            fb.damage(0, 15, 300, 2);
            fb.damage(400, 10, 5, 5);
            fb.damage(0, 400, 5, 5);
            assert_eq!(fb.refresh(kind), 2);
            assert_eq!(rects(&fb), rects(&framebuffer_refreshed(kind)));
            assert_eq!(fb.to_rgb().len(), 300 * 40 * 3);
        }
    }

    fn framebuffer_refreshed(kind: NodeKind) -> Framebuffer {
        let mut fb = framebuffer(300, 40);
        fb.refresh(kind);
        fb
    }

    #[test]
    fn wide_desktops_have_at_most_eight_tiles_a_band() {
        register_node_types();
        let mut fb = framebuffer(1920, 16);
        fb.refresh(NodeKind::Cairo);
        fb.damage(0, 0, 1, 1);
        assert_eq!(fb.refresh(NodeKind::Cairo), 8);
        assert_eq!(rects(&fb)[1], (240.0, 0.0, 241.0, 16.0));
    }

    #[test]
    fn another_renderer_remakes_every_band() {
        register_node_types();
        let mut fb = framebuffer(8, 40);
        assert_eq!(fb.refresh(NodeKind::Cairo), 3);
        assert_eq!(fb.refresh(NodeKind::Texture), 3);
        assert!(fb
            .nodes()
            .all(|n| n.node_type() == gsk::RenderNodeType::TextureNode));
        assert_eq!(fb.refresh(NodeKind::Cairo), 3);
        assert!(fb
            .nodes()
            .all(|n| n.node_type() == gsk::RenderNodeType::CairoNode));
    }
}
