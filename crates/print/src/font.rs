//! The one font every document is set in: Noto Sans CJK SC Regular, subset
//! to GBK's Han characters plus Latin and the symbols a slip prints
//! (`scripts/subset-font.py`; licence in `fonts/OFL.txt`). It is compiled
//! into the binary, so a slip prints the same on any shop's machine, and it is
//! parsed once per process ([`Font::get`]), off the desk's critical path.
//!
//! Two parsers read the same bytes: `ab_glyph` for advances (layout) and
//! outlines (the raster backend), printpdf for embedding (it writes a subset
//! of only the glyphs a document uses).

use std::sync::OnceLock;

use ab_glyph::{Font as _, FontRef, GlyphId};

/// The font file, as `scripts/subset-font.py` writes it.
pub const FONT_BYTES: &[u8] = include_bytes!("../fonts/FrontdeskSansSC.otf");

/// Printed in place of a character the font has no glyph for (a rare
/// character outside GBK), so the rest of the line keeps its place.
pub const MISSING: char = '□';

/// Millimetres per point.
pub const MM_PER_PT: f32 = 25.4 / 72.0;

pub struct Font {
    pub(crate) outlines: FontRef<'static>,
    pub(crate) pdf: printpdf::ParsedFont,
    units_per_em: f32,
}

static FONT: OnceLock<Font> = OnceLock::new();

impl Font {
    /// The parsed font, parsed on first use. Call it at start-up on a
    /// background thread so the first slip does not pay for it.
    pub fn get() -> &'static Font {
        FONT.get_or_init(Font::parse)
    }

    /// Parse the bundled font (what [`Font::get`] does once; the benchmark
    /// times it).
    pub fn parse() -> Font {
        // The font is compiled in and checked by the tests: if either
        // parser refused it, no document could ever print.
        #[allow(clippy::expect_used)]
        let outlines = FontRef::try_from_slice(FONT_BYTES).expect("the bundled font parses");
        let mut warnings = Vec::new();
        #[allow(clippy::expect_used)]
        let pdf = printpdf::ParsedFont::from_bytes(FONT_BYTES, 0, &mut warnings)
            .expect("the bundled font parses for PDF");
        let units_per_em = outlines.units_per_em().unwrap_or(1000.0);
        Font {
            outlines,
            pdf,
            units_per_em,
        }
    }

    pub fn has_glyph(&self, c: char) -> bool {
        self.outlines.glyph_id(c) != GlyphId(0)
    }

    /// Text as it will be printed: control characters and tabs become
    /// spaces, characters the font lacks become [`MISSING`].
    pub fn printable(&self, text: &str) -> String {
        text.chars()
            .map(|c| match c {
                '\n' => '\n',
                c if c.is_control() => ' ',
                c if self.has_glyph(c) => c,
                _ => MISSING,
            })
            .collect()
    }

    /// Advance of one character at `size_pt`, in millimetres.
    pub fn advance_mm(&self, c: char, size_pt: f32) -> f32 {
        let id = self.outlines.glyph_id(c);
        self.outlines.h_advance_unscaled(id) / self.units_per_em * size_pt * MM_PER_PT
    }

    /// Width of a run of printable text at `size_pt`, in millimetres.
    pub fn width_mm(&self, text: &str, size_pt: f32) -> f32 {
        text.chars().map(|c| self.advance_mm(c, size_pt)).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_font_covers_what_a_shop_prints() {
        let font = Font::get();
        // GB2312, the name characters GB2312 lacks, Latin, money and symbols.
        for c in "欢迎您再次光临玥堃喆婧犇淼燚欧阳ABCxyz0123456789¥￥·①★✓□".chars()
        {
            assert!(font.has_glyph(c), "no glyph for {c}");
        }
        assert!(
            !font.has_glyph('𠮷'),
            "an Extension B character is outside the subset"
        );
        assert_eq!(font.printable("𠮷野\t家"), "□野 家");
    }

    #[test]
    fn han_characters_are_one_em_wide_and_digits_narrower() {
        let font = Font::get();
        let em = 10.0 * MM_PER_PT;
        assert!((font.advance_mm('美', 10.0) - em).abs() < 0.01);
        let digit = font.advance_mm('8', 10.0);
        assert!(digit > 0.3 * em && digit < 0.7 * em, "{digit}");
    }
}
