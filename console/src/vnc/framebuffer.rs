//! The desktop's pixels: memory we own that gvnc decodes into, and the render nodes
//! drawn from it, one per horizontal band so that an update copies, uploads and
//! redraws only the bands it touched.
//!
//! A band's node is kept until the band changes, so GTK sees the same node in the
//! next frame and repaints nothing there. With GTK's cairo renderer the node is a
//! cairo node over an RGB24 image surface: cairo draws it as it is, while a texture
//! would be converted pixel by pixel (through floats, in GTK 4.8) every time it is
//! drawn, damaged or not. With a GPU renderer it is a texture node (uploaded once).

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
    /// The gvnc framebuffer; it owns the pixel memory (object data), so the memory
    /// lives exactly as long as any reference gvnc keeps.
    pub(crate) vnc: gvnc::BaseFramebuffer,
    width: usize,
    height: usize,
    bands: Vec<Option<gsk::RenderNode>>,
    dirty: Vec<bool>,
    kind: NodeKind,
    /// Bytes copied into band nodes since creation (for the benchmark).
    pub(crate) copied: u64,
}

impl Framebuffer {
    /// A framebuffer of `width`×`height` for a server sending `remote` pixels.
    pub(crate) fn new(width: u16, height: u16, remote: &gvnc::PixelFormat) -> Self {
        let stride = usize::from(width) * BPP;
        let mut buffer = vec![0u8; stride * usize::from(height).max(1)].into_boxed_slice();
        let local = local_format();
        // SAFETY: `buffer` holds `height` rows of `stride` bytes. It is stored as data of
        // the new framebuffer object right below, so it is freed only when the object is
        // finalized (however long gvnc keeps a reference); a boxed slice never moves.
        let vnc = unsafe {
            let fb = gvnc::ffi::vnc_base_framebuffer_new(
                buffer.as_mut_ptr(),
                width,
                height,
                stride as i32,
                local.to_glib_none().0,
                remote.to_glib_none().0,
            );
            gvnc::BaseFramebuffer::from_glib_full(fb)
        };
        // SAFETY: the key is private to this module and always holds a `Box<[u8]>`.
        unsafe { glib::prelude::ObjectExt::set_data(&vnc, "vireo-console-pixels", buffer) };
        let n = usize::from(height).div_ceil(BAND_ROWS);
        Framebuffer {
            vnc,
            width: width.into(),
            height: height.into(),
            bands: vec![None; n],
            dirty: vec![true; n],
            kind: NodeKind::Cairo,
            copied: 0,
        }
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
                NodeKind::Texture => Some(self.texture_band(y0, rows)),
            };
            self.copied += (rows * self.width * BPP) as u64;
            n += 1;
        }
        n
    }

    /// Rows `y0 .. y0 + rows` as a cairo node (`None` if cairo cannot make the
    /// surface, e.g. out of memory: the band stays black).
    fn cairo_band(&self, y0: usize, rows: usize) -> Option<gsk::RenderNode> {
        let stride = self.width * BPP;
        // Cairo allocates the memory: the recording takes the surface over without a
        // copy when it is dropped below (a surface over memory cairo does not own
        // would be copied for the recording).
        let mut surface =
            cairo::ImageSurface::create(cairo::Format::Rgb24, self.width as i32, rows as i32)
                .inspect_err(|e| tracing::debug!(%e, "band surface"))
                .ok()?;
        let dst_stride = usize::try_from(surface.stride()).ok()?;
        {
            let mut dst = surface.data().ok()?;
            let src = &self.pixels()[y0 * stride..(y0 + rows) * stride];
            for (d, s) in dst
                .chunks_exact_mut(dst_stride)
                .zip(src.chunks_exact(stride))
            {
                d[..stride].copy_from_slice(s);
            }
        }
        let node = gsk::CairoNode::new(&self.band_rect(y0, rows));
        let cr = node.draw_context();
        cr.set_source_surface(&surface, 0.0, y0 as f64).ok()?;
        cr.paint().ok()?;
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

    #[test]
    fn only_damaged_bands_are_copied_again() {
        register_node_types();
        for kind in [NodeKind::Cairo, NodeKind::Texture] {
            let mut fb = Framebuffer::new(40, 40, &local_format());
            assert_eq!((fb.width(), fb.height()), (40, 40));
            // Three bands (16 + 16 + 8 rows), each copied with one row of overlap.
            assert!(fb.is_dirty());
            assert_eq!(fb.refresh(kind), 3);
            assert_eq!(fb.copied, ((17 + 17 + 8) * 40 * BPP) as u64);
            assert!(!fb.is_dirty());
            assert_eq!(fb.refresh(kind), 0, "nothing changed");
            let before: Vec<gsk::RenderNode> = fb.bands().cloned().collect();
            fb.damage(17, 2);
            assert!(fb.is_dirty());
            assert_eq!(fb.refresh(kind), 1);
            assert_eq!(fb.copied, ((17 + 17 + 8 + 17) * 40 * BPP) as u64);
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
        let mut fb = Framebuffer::new(8, 40, &local_format());
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
