//! Placed pages to 1-bit bitmaps, for printers that take pixels: ESC/POS
//! thermal printers ([`roll`], 8 dots/mm) and the Windows GDI path (the
//! printer's own resolution). Text is drawn from the same outlines and at the
//! same positions as the PDF, so a slip looks the same on either path.

use ab_glyph::{Font as _, PxScale, point};

use crate::font::{Font, MM_PER_PT};
use crate::layout::{Item, Page};

/// An 80 mm thermal printer's resolution: 203 dpi.
pub const ROLL_DOTS_PER_MM: f32 = 8.0;
/// Its printable width: 72 mm, 576 dots, centred on the 80 mm roll.
pub const ROLL_WIDTH_DOTS: u32 = 576;

/// Bold is the glyph drawn again this far to the right (1 dot on the roll).
const BOLD_MM: f32 = 0.125;
/// Dashed rules, as the PDF draws them (its dash array `[3 2]` is in points).
const DASH_ON_MM: f32 = 3.0 * MM_PER_PT;
const DASH_OFF_MM: f32 = 2.0 * MM_PER_PT;

/// A 1-bit image: 1 = black, 8 pixels a byte, most significant bit leftmost,
/// each row padded to whole bytes. This is exactly the order of ESC/POS
/// `GS v 0` raster data and of a binary PBM (P4) file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bitmap {
    pub width: u32,
    pub height: u32,
    pub data: Vec<u8>,
}

impl Bitmap {
    /// A white bitmap.
    pub fn new(width: u32, height: u32) -> Bitmap {
        let stride = (width as usize).div_ceil(8);
        Bitmap {
            width,
            height,
            data: vec![0; stride * height as usize],
        }
    }

    /// Bytes per row.
    pub fn stride(&self) -> usize {
        (self.width as usize).div_ceil(8)
    }

    /// Whether the pixel is black; false outside the bitmap.
    pub fn get(&self, x: u32, y: u32) -> bool {
        if x >= self.width || y >= self.height {
            return false;
        }
        let byte = self.data[y as usize * self.stride() + x as usize / 8];
        byte & (0x80 >> (x % 8)) != 0
    }

    /// Blacken one pixel; coordinates outside the bitmap are ignored.
    pub fn set(&mut self, x: i64, y: i64) {
        if x < 0 || y < 0 || x >= i64::from(self.width) || y >= i64::from(self.height) {
            return;
        }
        let i = y as usize * self.stride() + x as usize / 8;
        self.data[i] |= 0x80 >> (x % 8);
    }

    /// Blacken the pixels with `x0 <= x < x1` and `y0 <= y < y1`.
    pub fn fill_rect(&mut self, x0: i64, y0: i64, x1: i64, y1: i64) {
        for y in y0.max(0)..y1.min(i64::from(self.height)) {
            for x in x0.max(0)..x1.min(i64::from(self.width)) {
                self.set(x, y);
            }
        }
    }

    /// Number of black pixels.
    pub fn ink(&self) -> usize {
        let mut n = 0;
        for y in 0..self.height {
            for x in 0..self.width {
                n += usize::from(self.get(x, y));
            }
        }
        n
    }

    /// The middle `width` columns (padded with white when narrower).
    pub fn crop_centred(&self, width: u32) -> Bitmap {
        let offset = (i64::from(self.width) - i64::from(width)) / 2;
        let mut out = Bitmap::new(width, self.height);
        for y in 0..self.height {
            for x in 0..width {
                let from = i64::from(x) + offset;
                if from >= 0 && u32::try_from(from).is_ok_and(|f| self.get(f, y)) {
                    out.set(i64::from(x), i64::from(y));
                }
            }
        }
        out
    }

    /// A binary PBM (P4) file of the bitmap, for looking at it.
    pub fn to_pbm(&self) -> Vec<u8> {
        let mut out = format!("P4\n{} {}\n", self.width, self.height).into_bytes();
        out.extend_from_slice(&self.data);
        out
    }

    /// Read a binary PBM (P4), as `pdftoppm -mono` writes it.
    pub fn from_pbm(bytes: &[u8]) -> Option<Bitmap> {
        let mut fields = Vec::new();
        let mut i = 0;
        while fields.len() < 3 {
            while bytes.get(i)?.is_ascii_whitespace() {
                i += 1;
            }
            if bytes[i] == b'#' {
                while *bytes.get(i)? != b'\n' {
                    i += 1;
                }
                continue;
            }
            let start = i;
            while !bytes.get(i)?.is_ascii_whitespace() {
                i += 1;
            }
            fields.push(std::str::from_utf8(&bytes[start..i]).ok()?);
        }
        // One whitespace byte separates the header from the data.
        let data = bytes.get(i + 1..)?;
        if fields[0] != "P4" {
            return None;
        }
        let mut bitmap = Bitmap::new(fields[1].parse().ok()?, fields[2].parse().ok()?);
        let len = bitmap.data.len();
        bitmap.data.copy_from_slice(data.get(..len)?);
        Some(bitmap)
    }
}

/// Draw `page` at `dots_per_mm`: glyph outlines filled where they cover at
/// least half a pixel, rules as filled rectangles at least a dot thick.
pub fn render(page: &Page, dots_per_mm: f32) -> Bitmap {
    let width = (page.width * dots_per_mm).round().max(1.0) as u32;
    let height = (page.height * dots_per_mm).round().max(1.0) as u32;
    let mut bitmap = Bitmap::new(width, height);
    let font = Font::get();
    for item in &page.items {
        match item {
            Item::Text {
                x,
                baseline,
                size,
                bold,
                text,
            } => draw_text(
                &mut bitmap,
                font,
                dots_per_mm,
                (*x, *baseline),
                *size,
                *bold,
                text,
            ),
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                dashed,
            } => draw_line(
                &mut bitmap,
                dots_per_mm,
                (*x1, *y1),
                (*x2, *y2),
                *width,
                *dashed,
            ),
        }
    }
    bitmap
}

/// An 80 mm roll page as a thermal printer prints it: 8 dots/mm, the
/// middle 72 mm (576 dots) that the head reaches. The layout keeps all
/// content between x = 4 mm and x = 76 mm, so nothing is lost.
pub fn roll(page: &Page) -> Bitmap {
    render(page, ROLL_DOTS_PER_MM).crop_centred(ROLL_WIDTH_DOTS)
}

fn draw_text(
    bitmap: &mut Bitmap,
    font: &Font,
    dpm: f32,
    (x_mm, baseline_mm): (f32, f32),
    size: f32,
    bold: bool,
    text: &str,
) {
    let outlines = &font.outlines;
    let px_per_em = size * MM_PER_PT * dpm;
    let units_per_em = outlines.units_per_em().unwrap_or(1000.0);
    // ab_glyph scales by ascent − descent, not by the em.
    let scale = PxScale::from(px_per_em * outlines.height_unscaled() / units_per_em);
    let bold_dots = if bold {
        (BOLD_MM * dpm).round().max(1.0) as i64
    } else {
        0
    };
    let mut x = x_mm;
    for c in text.chars() {
        let glyph = outlines
            .glyph_id(c)
            .with_scale_and_position(scale, point(x * dpm, baseline_mm * dpm));
        if let Some(outlined) = outlines.outline_glyph(glyph) {
            let min = outlined.px_bounds().min;
            outlined.draw(|gx, gy, coverage| {
                if coverage >= 0.5 {
                    let px = min.x as i64 + i64::from(gx);
                    let py = min.y as i64 + i64::from(gy);
                    for dx in 0..=bold_dots {
                        bitmap.set(px + dx, py);
                    }
                }
            });
        }
        x += font.advance_mm(c, size);
    }
}

fn draw_line(
    bitmap: &mut Bitmap,
    dpm: f32,
    (x1, y1): (f32, f32),
    (x2, y2): (f32, f32),
    width: f32,
    dashed: bool,
) {
    let length = (x2 - x1).hypot(y2 - y1);
    if length <= 0.0 {
        return;
    }
    let (ux, uy) = ((x2 - x1) / length, (y2 - y1) / length);
    let thickness = (width * dpm).max(1.0);
    let mut start = 0.0;
    while start < length {
        let end = if dashed {
            (start + DASH_ON_MM).min(length)
        } else {
            length
        };
        let (ax, ay) = ((x1 + ux * start) * dpm, (y1 + uy * start) * dpm);
        let (bx, by) = ((x1 + ux * end) * dpm, (y1 + uy * end) * dpm);
        if ay == by || ax == bx {
            // Horizontal or vertical: a rectangle, as thick as the line
            // across it and exactly as long as the line along it.
            let half = thickness / 2.0;
            let (hx, hy) = if ay == by { (0.0, half) } else { (half, 0.0) };
            let (left, right) = span(ax.min(bx) - hx, ax.max(bx) + hx);
            let (top, bottom) = span(ay.min(by) - hy, ay.max(by) + hy);
            bitmap.fill_rect(left, top, right, bottom);
        } else {
            // Slanted (no document draws one yet): square dabs along it.
            let steps = ((end - start) * dpm * 2.0).ceil() as i64;
            for i in 0..=steps {
                let t = i as f32 / steps.max(1) as f32;
                let (cx, cy) = (ax + (bx - ax) * t, ay + (by - ay) * t);
                let (left, right) = span(cx - thickness / 2.0, cx + thickness / 2.0);
                let (top, bottom) = span(cy - thickness / 2.0, cy + thickness / 2.0);
                bitmap.fill_rect(left, top, right, bottom);
            }
        }
        start = end + DASH_OFF_MM;
    }
}

/// Whole pixels from `a` to `b`, at least one.
fn span(a: f32, b: f32) -> (i64, i64) {
    let from = a.round() as i64;
    (from, (b.round() as i64).max(from + 1))
}

#[cfg(test)]
mod tests;
