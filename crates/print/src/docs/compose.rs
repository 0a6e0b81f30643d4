//! The parts every document is made of (headings, label–value rows, amount
//! rows, tables), sized for the paper it goes on.

use frontdesk_core::money::Fen;
use frontdesk_core::printing::views::{Printed, ShopHeader};
use frontdesk_core::staff::StaffRef;

use crate::layout::{Align, Block, Cell, Part, Sheet, Style};

/// Type sizes for one paper.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub body: f32,
    pub small: f32,
    pub heading: f32,
    pub title: f32,
}

impl Sizes {
    pub fn for_sheet(sheet: &Sheet) -> Sizes {
        if sheet.height.is_none() {
            Sizes {
                body: 9.0,
                small: 7.5,
                heading: 10.5,
                title: 13.0,
            }
        } else if sheet.width < 160.0 {
            Sizes {
                body: 10.0,
                small: 8.0,
                heading: 11.5,
                title: 15.0,
            }
        } else {
            Sizes {
                body: 9.5,
                small: 8.0,
                heading: 11.5,
                title: 16.0,
            }
        }
    }
}

/// A part being written.
pub struct Compose {
    pub sizes: Sizes,
    pub blocks: Vec<Block>,
    /// The label column of [`Compose::field`] and the rest, as row weights:
    /// a fixed width in millimetres, whatever the paper.
    label_mm: f32,
    value_mm: f32,
}

impl Compose {
    pub fn new(sheet: &Sheet) -> Compose {
        let label_mm = if sheet.height.is_none() { 15.0 } else { 22.0 };
        Compose {
            sizes: Sizes::for_sheet(sheet),
            blocks: Vec::new(),
            label_mm,
            value_mm: (sheet.printable_width() - label_mm).max(10.0),
        }
    }

    pub fn finish(self, name: impl Into<String>) -> Part {
        Part {
            name: name.into(),
            blocks: self.blocks,
        }
    }

    /// Shop name, address and phone, centred.
    pub fn shop(&mut self, shop: &ShopHeader) {
        let s = self.sizes;
        self.blocks.push(Block::Text(
            Style::new(s.title).bold().center(),
            shop.name.clone(),
        ));
        let contact = [shop.address.trim(), shop.phone.trim()]
            .iter()
            .filter(|t| !t.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("  ");
        if !contact.is_empty() {
            self.blocks
                .push(Block::Text(Style::new(s.small).center(), contact));
        }
        self.gap(1.0);
    }

    /// The document's name (and copy), centred and bold.
    pub fn title(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Text(
            Style::new(self.sizes.heading).bold().center(),
            text.into(),
        ));
        self.gap(0.8);
    }

    pub fn heading(&mut self, text: impl Into<String>) {
        self.gap(0.8);
        self.blocks
            .push(Block::Text(Style::new(self.sizes.body).bold(), text.into()));
    }

    pub fn text(&mut self, text: impl Into<String>) {
        self.blocks
            .push(Block::Text(Style::new(self.sizes.body), text.into()));
    }

    pub fn bold(&mut self, text: impl Into<String>) {
        self.blocks
            .push(Block::Text(Style::new(self.sizes.body).bold(), text.into()));
    }

    pub fn small(&mut self, text: impl Into<String>) {
        self.blocks
            .push(Block::Text(Style::new(self.sizes.small), text.into()));
    }

    pub fn centered(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Text(
            Style::new(self.sizes.body).center(),
            text.into(),
        ));
    }

    /// `label  value`, the value wrapping in its own column.
    pub fn field(&mut self, label: &str, value: impl Into<String>) {
        let value = value.into();
        if value.trim().is_empty() {
            return;
        }
        self.blocks.push(Block::Row(
            Style::new(self.sizes.body),
            vec![
                Cell::new(label, self.label_mm, Align::Left),
                Cell::new(value, self.value_mm, Align::Left),
            ],
        ));
    }

    /// A label with an amount at the right edge.
    pub fn amount(&mut self, label: impl Into<String>, amount: Fen) {
        self.money_row(label.into(), amount.to_string(), false);
    }

    pub fn amount_bold(&mut self, label: impl Into<String>, amount: Fen) {
        self.money_row(label.into(), amount.to_string(), true);
    }

    /// A label with any text at the right edge (sessions left, a count).
    pub fn right(&mut self, label: impl Into<String>, value: impl Into<String>) {
        self.money_row(label.into(), value.into(), false);
    }

    fn money_row(&mut self, label: String, value: String, bold: bool) {
        let mut style = Style::new(self.sizes.body);
        style.bold = bold;
        self.blocks.push(Block::Row(
            style,
            vec![
                Cell::new(label, 2.6, Align::Left),
                Cell::new(value, 1.4, Align::Right),
            ],
        ));
    }

    /// A table row: cells with weights and alignments.
    pub fn row(&mut self, cells: Vec<Cell>) {
        self.blocks
            .push(Block::Row(Style::new(self.sizes.body), cells));
    }

    pub fn header_row(&mut self, cells: Vec<Cell>) {
        self.blocks
            .push(Block::Row(Style::new(self.sizes.body).bold(), cells));
    }

    pub fn rule(&mut self) {
        self.blocks.push(Block::Rule { dashed: false });
    }

    pub fn dashed(&mut self) {
        self.blocks.push(Block::Rule { dashed: true });
    }

    pub fn gap(&mut self, mm: f32) {
        self.blocks.push(Block::Gap(mm));
    }

    /// "打印：2026-12-01 14:32 · 001 李娜".
    pub fn printed(&mut self, printed: &Printed) {
        self.gap(1.0);
        self.small(format!("打印：{} · {}", printed.at, printed.by));
    }

    /// A line to sign on.
    pub fn signatures(&mut self, labels: &[&str]) {
        self.gap(4.0);
        let cells = labels
            .iter()
            .map(|l| Cell::new(format!("{l}：________________"), 1.0, Align::Left))
            .collect();
        self.row(cells);
    }
}

/// A staff member as shops say it: `3003号 陈静`, or with her role,
/// `3003号美容师 陈静`.
pub fn staff(s: &StaffRef, role: &str) -> String {
    format!("{}号{role} {}", s.staff_no, s.name)
}
