//! The one layout model every document uses: a document is a list of parts
//! (a slip's three copies, or one report), a part is a list of [`Block`]s,
//! and [`lay_out`] measures, wraps and places them on pages of a [`Sheet`].
//! The PDF and raster backends draw the placed [`Page`]s and nothing else,
//! so both print exactly the same thing.
//!
//! Text wraps at legal break points (UAX #14: between any two Han characters,
//! at spaces in Latin text), and a word wider than its column is broken
//! between characters, so nothing ever runs past the printable width. A roll
//! part is one page exactly as tall as its content; a sheet part continues
//! on the next page, with the part's name and page numbers in the footer.

use crate::font::{Font, MM_PER_PT};

mod pages;
mod wrap;

use pages::{number_pages, paginate, roll_page};
pub use wrap::wrap;

/// Paper, in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sheet {
    pub width: f32,
    /// None: a roll, cut to the content's height.
    pub height: Option<f32>,
    /// Left and right margins; the printable width is what is between.
    pub side: f32,
    pub top: f32,
    pub bottom: f32,
}

impl Sheet {
    /// An 80 mm thermal roll: 72 mm printable (576 dots at 8 dots/mm).
    pub const ROLL_80: Sheet = Sheet {
        width: 80.0,
        height: None,
        side: 4.0,
        top: 3.0,
        bottom: 6.0,
    };
    pub const A5: Sheet = Sheet {
        width: 148.0,
        height: Some(210.0),
        side: 12.0,
        top: 12.0,
        bottom: 14.0,
    };
    pub const A4: Sheet = Sheet {
        width: 210.0,
        height: Some(297.0),
        side: 15.0,
        top: 15.0,
        bottom: 16.0,
    };

    pub fn printable_width(&self) -> f32 {
        self.width - 2.0 * self.side
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Points.
    pub size: f32,
    pub bold: bool,
    pub align: Align,
}

impl Style {
    pub const fn new(size: f32) -> Style {
        Style {
            size,
            bold: false,
            align: Align::Left,
        }
    }
    pub const fn bold(self) -> Style {
        Style { bold: true, ..self }
    }
    pub const fn center(self) -> Style {
        Style {
            align: Align::Center,
            ..self
        }
    }
    pub const fn right(self) -> Style {
        Style {
            align: Align::Right,
            ..self
        }
    }
    /// The height of one line, in millimetres.
    pub fn line_height(&self) -> f32 {
        self.size * 1.32 * MM_PER_PT
    }
}

/// One cell of a [`Block::Row`]: its share of the printable width.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    /// Relative width (the row's weights are summed).
    pub weight: f32,
    pub align: Align,
}

impl Cell {
    pub fn new(text: impl Into<String>, weight: f32, align: Align) -> Cell {
        Cell {
            text: text.into(),
            weight,
            align,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph; `\n` starts a new line.
    Text(Style, String),
    /// Columns side by side, each wrapping within its own width.
    Row(Style, Vec<Cell>),
    /// A horizontal rule across the printable width.
    Rule { dashed: bool },
    /// Vertical space, in millimetres.
    Gap(f32),
}

/// One copy of a slip, or one whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// Printed in the footer of sheet pages with the page number
    /// (服务单·顾客联 第 1/2 页).
    pub name: String,
    pub blocks: Vec<Block>,
}

/// Something placed on a page. Coordinates are millimetres from the page's
/// top-left corner; text is placed by its baseline.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        bold: bool,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        dashed: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
    /// The last page of a part: a roll printer cuts after it.
    pub ends_part: bool,
}

/// The baseline sits this far down a line box, as a share of the font size
/// (Noto Sans CJK's ideographic box runs from −0.12 to 0.88 em).
const BASELINE: f32 = 1.0;
const FOOTER: Style = Style::new(7.5);

/// Lay out every part on pages of `sheet`.
pub fn lay_out(sheet: Sheet, parts: &[Part]) -> Vec<Page> {
    let font = Font::get();
    let mut pages = Vec::new();
    for part in parts {
        let lines = part_lines(font, sheet, part);
        let first = pages.len();
        match sheet.height {
            None => pages.push(roll_page(sheet, lines)),
            Some(height) => paginate(sheet, height, lines, &mut pages),
        }
        if let Some(last) = pages.last_mut() {
            last.ends_part = true;
        }
        if sheet.height.is_some() {
            number_pages(font, sheet, &part.name, &mut pages[first..]);
        }
    }
    pages
}

/// A unit that is placed whole: one line of text, one row, a rule or a gap.
struct Band {
    height: f32,
    /// Items positioned relative to the band's top.
    items: Vec<Item>,
    /// Bands of one row (a multi-line cell) stay on one page when they fit.
    keep_with_next: bool,
}

fn part_lines(font: &Font, sheet: Sheet, part: &Part) -> Vec<Band> {
    let left = sheet.side;
    let width = sheet.printable_width();
    let mut bands = Vec::new();
    for block in &part.blocks {
        match block {
            Block::Text(style, text) => {
                for line in wrap(font, text, style.size, width) {
                    let x = aligned(font, left, width, &line, style);
                    bands.push(Band {
                        height: style.line_height(),
                        items: vec![text_item(x, 0.0, style, line)],
                        keep_with_next: false,
                    });
                }
            }
            Block::Row(style, cells) => bands.extend(row(font, left, width, style, cells)),
            Block::Rule { dashed } => bands.push(Band {
                height: 2.4,
                items: vec![Item::Line {
                    x1: left,
                    y1: 1.2,
                    x2: left + width,
                    y2: 1.2,
                    width: 0.25,
                    dashed: *dashed,
                }],
                keep_with_next: false,
            }),
            Block::Gap(mm) => bands.push(Band {
                height: mm.max(0.0),
                items: Vec::new(),
                keep_with_next: false,
            }),
        }
    }
    bands
}

fn row(font: &Font, left: f32, width: f32, style: &Style, cells: &[Cell]) -> Vec<Band> {
    const GUTTER: f32 = 1.5;
    let total: f32 = cells
        .iter()
        .map(|c| c.weight.max(0.0))
        .sum::<f32>()
        .max(f32::EPSILON);
    let gutters = GUTTER * cells.len().saturating_sub(1) as f32;
    let usable = (width - gutters).max(1.0);
    let Some(widths) = column_widths(usable, total, cells, style) else {
        // Too many columns for the paper: one cell under another, each the
        // full width, rather than any of them cut.
        return cells
            .iter()
            .flat_map(|c| {
                let st = Style {
                    align: c.align,
                    ..*style
                };
                wrap(font, &c.text, style.size, width)
                    .into_iter()
                    .map(move |line| Band {
                        height: st.line_height(),
                        items: vec![text_item(
                            aligned(font, left, width, &line, &st),
                            0.0,
                            &st,
                            line,
                        )],
                        keep_with_next: false,
                    })
            })
            .collect();
    };
    let mut x = left;
    let mut columns = Vec::new();
    for (cell, w) in cells.iter().zip(widths) {
        let cell_style = Style {
            align: cell.align,
            ..*style
        };
        let lines = wrap(font, &cell.text, style.size, w);
        columns.push((x, w, cell_style, lines));
        x += w + GUTTER;
    }
    let depth = columns.iter().map(|c| c.3.len()).max().unwrap_or(0);
    (0..depth)
        .map(|i| Band {
            height: style.line_height(),
            items: columns
                .iter()
                .filter_map(|(x, w, st, lines)| {
                    let line = lines.get(i)?;
                    let lx = aligned(font, *x, *w, line, st);
                    Some(text_item(lx, 0.0, st, line.clone()))
                })
                .collect(),
            keep_with_next: i + 1 < depth,
        })
        .collect()
}

/// Each cell's width: its share of `usable`, but never narrower than one
/// character (taken from the widest column); None when even that does not fit.
fn column_widths(usable: f32, total: f32, cells: &[Cell], style: &Style) -> Option<Vec<f32>> {
    let min = style.size * MM_PER_PT * 1.05;
    if min * cells.len() as f32 > usable {
        return None;
    }
    let mut widths: Vec<f32> = cells
        .iter()
        .map(|c| usable * c.weight.max(0.0) / total)
        .collect();
    // Each pass sets one column to `min` and takes it from the widest, which
    // stays at or above the mean (≥ min); bounded all the same.
    for _ in 0..cells.len() * 4 {
        let Some(narrow) = widths.iter().position(|w| *w < min - 0.001) else {
            break;
        };
        let deficit = min - widths[narrow];
        widths[narrow] = min;
        let widest = (0..widths.len())
            .max_by(|a, b| widths[*a].total_cmp(&widths[*b]))
            .unwrap_or(narrow);
        widths[widest] -= deficit;
    }
    Some(widths)
}

fn text_item(x: f32, top: f32, style: &Style, text: String) -> Item {
    Item::Text {
        x,
        baseline: top + BASELINE * style.size * MM_PER_PT,
        size: style.size,
        bold: style.bold,
        text,
    }
}

fn aligned(font: &Font, left: f32, width: f32, line: &str, style: &Style) -> f32 {
    let w = font.width_mm(line, style.size);
    match style.align {
        Align::Left => left,
        Align::Center => left + ((width - w) / 2.0).max(0.0),
        Align::Right => left + (width - w).max(0.0),
    }
}

#[cfg(test)]
mod tests;
