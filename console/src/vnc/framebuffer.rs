//! The desktop's pixels: memory we own that gvnc decodes into, and the textures drawn
//! from it, one per horizontal band so that an update copies and uploads only the
//! bands it touched.

use glib::translate::{FromGlibPtrFull, ToGlibPtr};
use gtk::gdk;

/// Bytes per pixel of the local format.
pub(crate) const BPP: usize = 4;
/// Rows per texture band: a VGA text line is 16 rows.
pub(crate) const BAND_ROWS: usize = 16;

/// 32-bit little-endian xRGB: bytes B, G, R, x in memory (the padding byte is set to
/// 0xff when a band is copied, which makes it `B8g8r8a8Premultiplied`, cairo's own).
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

/// A desktop-sized framebuffer for gvnc plus its band textures.
pub(crate) struct Framebuffer {
    /// The gvnc framebuffer; it owns the pixel memory (object data), so the memory
    /// lives exactly as long as any reference gvnc keeps.
    pub(crate) vnc: gvnc::BaseFramebuffer,
    width: usize,
    height: usize,
    bands: Vec<Option<gdk::Texture>>,
    dirty: Vec<bool>,
    /// Bytes copied into textures since creation (for the benchmark).
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

    /// The pixel memory (what gvnc decoded so far).
    pub(crate) fn pixels(&self) -> &[u8] {
        gvnc::FramebufferManualExt::buffer(&self.vnc)
    }

    /// Re-creates the textures of changed bands; returns how many were re-created.
    pub(crate) fn refresh(&mut self) -> usize {
        let stride = self.width * BPP;
        let mut n = 0;
        for b in 0..self.bands.len() {
            if !std::mem::take(&mut self.dirty[b]) {
                continue;
            }
            let y0 = b * BAND_ROWS;
            // One row of overlap with the next band hides seams when scaled.
            let rows = (BAND_ROWS + 1).min(self.height - y0);
            let src = &self.pixels()[y0 * stride..(y0 + rows) * stride];
            let mut copy = src.to_vec();
            for px in copy.chunks_exact_mut(BPP) {
                px[3] = 0xff;
            }
            self.copied += copy.len() as u64;
            let tex = gdk::MemoryTexture::new(
                self.width as i32,
                rows as i32,
                gdk::MemoryFormat::B8g8r8a8Premultiplied,
                &glib::Bytes::from_owned(copy),
                stride,
            );
            self.bands[b] = Some(tex.upcast());
            n += 1;
        }
        n
    }

    /// The band textures with their first row.
    pub(crate) fn bands(&self) -> impl Iterator<Item = (usize, &gdk::Texture)> {
        self.bands
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.as_ref().map(|t| (i * BAND_ROWS, t)))
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

use gtk::prelude::Cast;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_damaged_bands_are_copied_again() {
        let mut fb = Framebuffer::new(40, 40, &local_format());
        assert_eq!((fb.width(), fb.height()), (40, 40));
        // Three bands (16 + 16 + 8 rows), each copied with one row of overlap.
        assert_eq!(fb.refresh(), 3);
        assert_eq!(fb.copied, ((17 + 17 + 8) * 40 * BPP) as u64);
        assert_eq!(fb.refresh(), 0, "nothing changed");
        fb.damage(17, 2);
        assert_eq!(fb.refresh(), 1);
        assert_eq!(fb.copied, ((17 + 17 + 8 + 17) * 40 * BPP) as u64);
        // A rectangle across a band boundary touches both; out of range is ignored.
        fb.damage(15, 2);
        fb.damage(400, 10);
        assert_eq!(fb.refresh(), 2);
        let starts: Vec<usize> = fb.bands().map(|(y, _)| y).collect();
        assert_eq!(starts, [0, 16, 32]);
        assert_eq!(fb.to_rgb().len(), 40 * 40 * 3);
    }
}
