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

use unicode_linebreak::{BreakOpportunity, linebreaks};

use crate::font::{Font, MM_PER_PT};

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

fn roll_page(sheet: Sheet, bands: Vec<Band>) -> Page {
    let mut y = sheet.top;
    let mut items = Vec::new();
    for band in bands {
        items.extend(band.items.into_iter().map(|i| shifted(i, y)));
        y += band.height;
    }
    Page {
        width: sheet.width,
        height: y + sheet.bottom,
        items,
        ends_part: false,
    }
}

fn paginate(sheet: Sheet, height: f32, bands: Vec<Band>, pages: &mut Vec<Page>) {
    let footer_room = FOOTER.line_height() + 2.0;
    let limit = height - sheet.bottom - footer_room;
    let new_page = || Page {
        width: sheet.width,
        height,
        items: Vec::new(),
        ends_part: false,
    };
    let mut page = new_page();
    let mut y = sheet.top;
    let mut i = 0;
    while i < bands.len() {
        // The run of bands that belong together (one table row).
        let mut j = i;
        let mut run = bands[i].height;
        while bands[j].keep_with_next && j + 1 < bands.len() {
            j += 1;
            run += bands[j].height;
        }
        let room = limit - sheet.top;
        let fits_on_a_page = run <= room;
        if y + run > limit && fits_on_a_page && !page.items.is_empty() {
            pages.push(std::mem::replace(&mut page, new_page()));
            y = sheet.top;
        }
        for band in &bands[i..=j] {
            if y + band.height > limit && !page.items.is_empty() {
                pages.push(std::mem::replace(&mut page, new_page()));
                y = sheet.top;
            }
            page.items
                .extend(band.items.iter().cloned().map(|it| shifted(it, y)));
            y += band.height;
        }
        i = j + 1;
    }
    pages.push(page);
}

fn number_pages(font: &Font, sheet: Sheet, name: &str, pages: &mut [Page]) {
    let total = pages.len();
    for (n, page) in pages.iter_mut().enumerate() {
        let label = format!("{name}    第 {} / {total} 页", n + 1);
        let top = page.height - sheet.bottom - FOOTER.line_height();
        let style = FOOTER.center();
        let x = aligned(font, sheet.side, sheet.printable_width(), &label, &style);
        page.items.push(text_item(x, top, &style, label));
    }
}

fn shifted(item: Item, dy: f32) -> Item {
    match item {
        Item::Text {
            x,
            baseline,
            size,
            bold,
            text,
        } => Item::Text {
            x,
            baseline: baseline + dy,
            size,
            bold,
            text,
        },
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            dashed,
        } => Item::Line {
            x1,
            y1: y1 + dy,
            x2,
            y2: y2 + dy,
            width,
            dashed,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widest(pages: &[Page]) -> f32 {
        let font = Font::get();
        pages
            .iter()
            .flat_map(|p| &p.items)
            .filter_map(|i| match i {
                Item::Text { x, size, text, .. } => Some(x + font.width_mm(text, *size)),
                Item::Line { .. } => None,
            })
            .fold(0.0, f32::max)
    }

    #[test]
    fn long_names_and_notes_wrap_inside_the_roll() {
        let name = "欧阳".to_string() + &"美".repeat(18);
        let note = "早晚洁面后使用补水精华，避免暴晒。".repeat(18);
        let latin = "Supercalifragilisticexpialidocious".repeat(3);
        let part = Part {
            name: "slip".into(),
            blocks: vec![
                Block::Text(Style::new(12.0).bold(), name.clone()),
                Block::Text(Style::new(9.0), note.clone()),
                Block::Text(Style::new(9.0), latin.clone()),
                Block::Row(
                    Style::new(9.0),
                    vec![
                        Cell::new(name.clone(), 3.0, Align::Left),
                        Cell::new("¥1,234,567.89", 1.0, Align::Right),
                    ],
                ),
            ],
        };
        let pages = lay_out(Sheet::ROLL_80, &[part]);
        assert_eq!(pages.len(), 1);
        assert!(widest(&pages) <= 76.0 + 0.01, "{}", widest(&pages));
        let joined: String = pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.as_str()),
                Item::Line { .. } => None,
            })
            .collect();
        for whole in [&name, &note, &latin] {
            assert!(joined.contains(whole.as_str()), "{whole} was cut");
        }
        let last_baseline = pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { baseline, .. } => Some(*baseline),
                Item::Line { .. } => None,
            })
            .fold(0.0, f32::max);
        assert!(pages[0].height > last_baseline + 3.0);
    }

    #[test]
    fn long_lists_continue_on_the_next_sheet_with_page_numbers() {
        let blocks = (1..=120)
            .map(|i| {
                Block::Row(
                    Style::new(10.0),
                    vec![
                        Cell::new(format!("第{i}项 深层补水护理"), 3.0, Align::Left),
                        Cell::new("¥388.00", 1.0, Align::Right),
                    ],
                )
            })
            .collect();
        let pages = lay_out(
            Sheet::A5,
            &[Part {
                name: "服务单".into(),
                blocks,
            }],
        );
        assert!(pages.len() >= 3, "{} pages", pages.len());
        for (n, page) in pages.iter().enumerate() {
            let footer = format!("第 {} / {} 页", n + 1, pages.len());
            assert!(
                page.items
                    .iter()
                    .any(|i| matches!(i, Item::Text { text, .. } if text.contains(&footer)))
            );
            for item in &page.items {
                if let Item::Text { baseline, .. } = item {
                    assert!(*baseline < page.height - Sheet::A5.bottom + 0.01);
                }
            }
        }
        assert!(pages.last().is_some_and(|p| p.ends_part));
    }

    #[test]
    fn wrap_breaks_between_han_characters_and_at_spaces() {
        let font = Font::get();
        let em = 10.0 * MM_PER_PT;
        assert_eq!(
            wrap(font, "美丽人生美容", 10.0, em * 4.0 + 0.01),
            vec!["美丽人生", "美容"]
        );
        let w = font
            .width_mm("world", 10.0)
            .max(font.width_mm("hello", 10.0))
            + 0.01;
        assert_eq!(wrap(font, "hello world", 10.0, w), vec!["hello", "world"]);
        assert_eq!(wrap(font, "a\n\nb", 10.0, 50.0), vec!["a", "", "b"]);
    }
}
