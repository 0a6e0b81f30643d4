//! Breaking text into lines no wider than a column: at UAX #14 break
//! opportunities, and between characters for a word wider than the column.

use unicode_linebreak::{BreakOpportunity, linebreaks};

use crate::font::Font;

/// Break `text` into lines no wider than `width` millimetres.
pub fn wrap(font: &Font, text: &str, size: f32, width: f32) -> Vec<String> {
    let text = font.printable(text);
    let mut out = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(font, paragraph.trim_end(), size, width, &mut out);
    }
    out
}

fn wrap_paragraph(font: &Font, text: &str, size: f32, width: f32, out: &mut Vec<String>) {
    if text.is_empty() {
        out.push(String::new());
        return;
    }
    let mut line = String::new();
    let mut line_w = 0.0;
    let mut start = 0;
    for (end, kind) in linebreaks(text) {
        let segment = &text[start..end];
        start = end;
        let seg_w = font.width_mm(segment, size);
        // A segment's trailing spaces may hang past the edge.
        let fit_w = font.width_mm(segment.trim_end(), size);
        if line_w + fit_w <= width {
            line.push_str(segment);
            line_w += seg_w;
        } else {
            if !line.trim_end().is_empty() {
                out.push(line.trim_end().to_string());
            }
            line = String::new();
            line_w = 0.0;
            if fit_w <= width {
                line.push_str(segment);
                line_w = seg_w;
            }
            // A word wider than the column breaks between characters.
            for c in segment.chars().filter(|_| fit_w > width) {
                let cw = font.advance_mm(c, size);
                if line_w + cw > width && !line.is_empty() && !c.is_whitespace() {
                    out.push(line.trim_end().to_string());
                    line = String::new();
                    line_w = 0.0;
                }
                line.push(c);
                line_w += cw;
            }
        }
        if kind == BreakOpportunity::Mandatory {
            out.push(line.trim_end().to_string());
            line = String::new();
            line_w = 0.0;
        }
    }
    if !line.trim_end().is_empty() {
        out.push(line.trim_end().to_string());
    }
}
