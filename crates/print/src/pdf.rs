//! Placed pages to PDF bytes (printpdf), with the font embedded as a subset
//! of the glyphs the document uses.

use printpdf::{
    Color, Line, LineDashPattern, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rgb, TextItem, TextRenderingMode,
};

use crate::font::{Font, MM_PER_PT};
use crate::layout::{Item, Page};

/// Write `pages` as a PDF titled `title`.
pub fn write(title: &str, pages: &[Page]) -> Vec<u8> {
    let font = Font::get();
    let mut doc = PdfDocument::new(title);
    let font_id = doc.add_font(&font.pdf);
    let handle = PdfFontHandle::External(font_id);
    let pdf_pages = pages
        .iter()
        .map(|page| {
            let mut ops = Vec::with_capacity(page.items.len() * 6);
            ops.push(Op::SetFillColor { col: black() });
            ops.push(Op::SetOutlineColor { col: black() });
            for item in &page.items {
                draw(&mut ops, &handle, page.height, item);
            }
            PdfPage::new(Mm(page.width), Mm(page.height), ops)
        })
        .collect();
    doc.with_pages(pdf_pages);
    let mut warnings = Vec::new();
    let options = PdfSaveOptions {
        subset_fonts: true,
        ..Default::default()
    };
    let mut lo = printpdf::to_lopdf_doc(&doc, &options, &mut warnings);
    // printpdf leaves the font program, its ToUnicode map and the page
    // contents uncompressed: deflate them all (a slip shrinks by a third).
    for object in lo.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object {
            stream.allows_compression = true;
            // A stream that does not deflate stays as it was.
            let _ = stream.compress();
        }
    }
    let mut out = Vec::new();
    if lo.save_modern(&mut out).is_err() {
        // Writing to memory does not fail; printpdf's own writer if it did.
        return doc.save(&options, &mut warnings);
    }
    out
}

fn black() -> Color {
    Color::Rgb(Rgb {
        r: 0.0,
        g: 0.0,
        b: 0.0,
        icc_profile: None,
    })
}

fn point(x_mm: f32, y_mm_from_top: f32, height: f32) -> Point {
    Point {
        x: Mm(x_mm).into(),
        y: Mm(height - y_mm_from_top).into(),
    }
}

fn draw(ops: &mut Vec<Op>, font: &PdfFontHandle, height: f32, item: &Item) {
    match item {
        Item::Text {
            x,
            baseline,
            size,
            bold,
            text,
        } => {
            if text.is_empty() {
                return;
            }
            ops.push(Op::StartTextSection);
            ops.push(Op::SetFont {
                font: font.clone(),
                size: Pt(*size),
            });
            if *bold {
                // One regular face: bold is the outline stroked as well as
                // filled, which printers and poppler both render.
                ops.push(Op::SetOutlineThickness {
                    pt: Pt(size * 0.045),
                });
                ops.push(Op::SetTextRenderingMode {
                    mode: TextRenderingMode::FillStroke,
                });
            } else {
                ops.push(Op::SetTextRenderingMode {
                    mode: TextRenderingMode::Fill,
                });
            }
            ops.push(Op::SetTextCursor {
                pos: point(*x, *baseline, height),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(text.clone())],
            });
            ops.push(Op::EndTextSection);
        }
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            dashed,
        } => {
            ops.push(Op::SaveGraphicsState);
            ops.push(Op::SetOutlineThickness {
                pt: Pt(width / MM_PER_PT),
            });
            if *dashed {
                ops.push(Op::SetLineDashPattern {
                    dash: LineDashPattern::new(0.0, &[3.0, 2.0]),
                });
            }
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: point(*x1, *y1, height),
                            bezier: false,
                        },
                        LinePoint {
                            p: point(*x2, *y2, height),
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            });
            ops.push(Op::RestoreGraphicsState);
        }
    }
}
