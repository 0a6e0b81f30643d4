//! Placing bands on pages: a roll part on one page as tall as its content,
//! a sheet part over as many pages as it takes, numbered in the footer.

use super::{Band, FOOTER, Item, Page, Sheet, aligned, text_item};
use crate::font::Font;

pub(super) fn roll_page(sheet: Sheet, bands: Vec<Band>) -> Page {
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

pub(super) fn paginate(sheet: Sheet, height: f32, bands: Vec<Band>, pages: &mut Vec<Page>) {
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

pub(super) fn number_pages(font: &Font, sheet: Sheet, name: &str, pages: &mut [Page]) {
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
