//! Any report as its tables (员工业绩, 顾客分析, 经营趋势, 顾客名单), on
//! A4: the same tables its CSV carries, so paper and file agree. A table
//! wider than the page is cut into several, each repeating the columns that
//! name a row.

use frontdesk_core::printing::views::ReportView;
use frontdesk_core::reports::sheets::{Table, TableCell};

use super::compose::Compose;
use crate::layout::{Align, Cell, Part, Sheet};

/// Columns one printed table holds at most, the naming ones included.
const MAX_COLUMNS: usize = 10;
/// Below this many width units (about half the page) a table is narrow.
const NARROW: f32 = 40.0;

pub fn report(v: &ReportView, sheet: &Sheet) -> Vec<Part> {
    let t = &v.tables;
    let mut c = Compose::new(sheet);
    c.shop(&v.shop);
    c.title(t.title.clone());
    c.centered(t.subtitle.clone());
    for table in &t.sections {
        for (i, columns) in column_groups(table).iter().enumerate() {
            c.heading(if i == 0 {
                table.title.clone()
            } else {
                format!("{}（续）", table.title)
            });
            draw(&mut c, table, columns);
        }
    }
    c.printed(&v.printed);
    vec![c.finish(format!("{} {}", t.title, t.subtitle))]
}

/// The column indexes of each printed part of `table`.
fn column_groups(table: &Table) -> Vec<Vec<usize>> {
    let n = table.header.len();
    let keys = table.key_columns.min(n);
    if n <= MAX_COLUMNS || keys >= MAX_COLUMNS {
        return vec![(0..n).collect()];
    }
    // As few parts as fit, the columns shared out evenly between them.
    let rest = n - keys;
    let parts = rest.div_ceil(MAX_COLUMNS - keys);
    (keys..n)
        .collect::<Vec<_>>()
        .chunks(rest.div_ceil(parts))
        .map(|rest| (0..keys).chain(rest.iter().copied()).collect())
        .collect()
}

/// A column's width: its longest text in characters (a Han character
/// counting two), between 4 and 14.
fn weight(table: &Table, col: usize) -> f32 {
    let width = |s: &str| {
        s.chars()
            .map(|ch| if ch.is_ascii() { 1 } else { 2 })
            .sum::<usize>()
    };
    let mut w = width(&table.header[col]);
    for row in &table.rows {
        if let Some(cell) = row.get(col) {
            w = w.max(width(cell_text(cell)));
        }
    }
    w.clamp(4, 14) as f32
}

fn cell_text(cell: &TableCell) -> &str {
    match cell {
        TableCell::Text(s) | TableCell::Number(s) => s,
    }
}

fn draw(c: &mut Compose, table: &Table, columns: &[usize]) {
    let weights: Vec<f32> = columns.iter().map(|&i| weight(table, i)).collect();
    // A narrow table keeps to the left instead of spreading its few
    // columns over the page: an empty column takes up the rest.
    let total: f32 = weights.iter().sum();
    let filler = (total < NARROW).then(|| Cell::new("", NARROW - total, Align::Left));
    // A column of figures is right-aligned, its header too.
    let numeric: Vec<bool> = columns
        .iter()
        .map(|&i| {
            table
                .rows
                .iter()
                .any(|r| matches!(r.get(i), Some(TableCell::Number(_))))
        })
        .collect();
    let align = |k: usize| {
        if numeric[k] {
            Align::Right
        } else {
            Align::Left
        }
    };
    c.header_row(
        columns
            .iter()
            .enumerate()
            .map(|(k, &i)| Cell::new(table.header[i].clone(), weights[k], align(k)))
            .chain(filler.clone())
            .collect(),
    );
    if table.rows.is_empty() {
        c.small("（无）");
        return;
    }
    for row in &table.rows {
        c.row(
            columns
                .iter()
                .enumerate()
                .map(|(k, &i)| {
                    let text = row.get(i).map(cell_text).unwrap_or("");
                    Cell::new(text, weights[k], align(k))
                })
                .chain(filler.clone())
                .collect(),
        );
    }
}
