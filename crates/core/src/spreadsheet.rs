//! CSV files for Excel: the one writer every export uses.
//!
//! What Excel on a Chinese Windows PC needs: UTF-8 with a BOM (without it the
//! file is read as GBK and every name is garbled), CRLF line ends, RFC 4180
//! quoting. Two more rules protect the shop:
//!
//! - **No live formulas** (CSV injection): a cell starting with `=`, `+`, `-`,
//!   `@`, a tab or a CR is a formula to Excel, which would run whatever a
//!   customer typed as her name or a note. Such a cell is written with a
//!   leading apostrophe (`'=1+1`), which Excel shows as text; the importer
//!   strips it again ([`unescape_formula`]), so an export imports back as it
//!   was.
//! - **Digits stay digits**: phones and card numbers are written as
//!   `="0012"`, which Excel shows as 0012 rather than 12 or 1.38E+10. Only
//!   [`Sheet::digits`] writes that form, and only for digits and letters.

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::storage::Db;

/// Where an export was written, for the UI to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExportResult {
    pub path: String,
    /// Rows written (customers, members, ...), not counting the header.
    pub rows: usize,
}

/// Write an export to `exports/<title>-<date>-<time>.csv` in the data folder
/// (beside the data file), the stamp in the shop's time zone.
pub fn write_export(db: &mut Db, title: &str, bytes: &[u8], rows: usize) -> Result<ExportResult> {
    let dir = db
        .path()
        .and_then(|p| p.parent())
        .map(|d| d.join("exports"))
        .ok_or_else(|| Error::Internal("an in-memory shop has no data folder".into()))?;
    let stamp = crate::clock::local_stamp(db.now_ms(), crate::shop::time_zone_of(db)?);
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{title}-{stamp}.csv"));
    std::fs::write(&path, bytes)?;
    Ok(ExportResult {
        path: path.display().to_string(),
        rows,
    })
}

/// A CSV document being written, row by row.
pub struct Sheet {
    out: String,
    row: Vec<String>,
    rows: usize,
}

/// Characters that make Excel read a cell as a formula.
fn starts_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A cell neutralised against formulas and quoted as RFC 4180 asks.
fn text_cell(cell: &str) -> String {
    let safe = if starts_formula(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    if safe.contains([',', '"', '\r', '\n']) || safe.starts_with(' ') || safe.ends_with(' ') {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

/// Undo the apostrophe [`Sheet::text`] puts before a formula-like cell.
pub fn unescape_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if starts_formula(rest) => rest,
        _ => cell,
    }
}

impl Default for Sheet {
    fn default() -> Self {
        Sheet::new()
    }
}

impl Sheet {
    pub fn new() -> Sheet {
        Sheet {
            out: String::from("\u{feff}"),
            row: Vec::new(),
            rows: 0,
        }
    }

    /// A header row (not counted in [`Sheet::rows`]).
    pub fn header(&mut self, titles: &[&str]) -> &mut Sheet {
        for t in titles {
            self.text(t);
        }
        self.finish_row();
        self
    }

    /// An ordinary cell: any text, made safe.
    pub fn text(&mut self, value: &str) -> &mut Sheet {
        self.row.push(text_cell(value));
        self
    }

    /// A number the app computed (a count, yuan as `1234.50`, `-3`): written
    /// as is so Excel sums it. Anything not numeric is written as text.
    pub fn number(&mut self, value: impl std::fmt::Display) -> &mut Sheet {
        let v = value.to_string();
        let numeric = !v.is_empty()
            && v.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
            && v.chars().skip(1).all(|c| c != '-');
        self.row.push(if numeric { v } else { text_cell(&v) });
        self
    }

    /// A phone or card number Excel must keep as typed: `="0012"`. Anything
    /// but digits, letters, spaces and `+-()` is written as ordinary text.
    pub fn digits(&mut self, value: &str) -> &mut Sheet {
        let plain = value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '+' | '-' | '(' | ')'));
        if value.is_empty() {
            self.row.push(String::new());
        } else if plain {
            self.row.push(format!("=\"{value}\""));
        } else {
            self.row.push(text_cell(value));
        }
        self
    }

    /// End the current row.
    pub fn end_row(&mut self) -> &mut Sheet {
        self.finish_row();
        self.rows += 1;
        self
    }

    fn finish_row(&mut self) {
        self.out.push_str(&self.row.join(","));
        self.out.push_str("\r\n");
        self.row.clear();
    }

    /// Data rows written so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.out.into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(
        "=HYPERLINK(\"http://x\",\"点我\")",
        "\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\""
    )]
    #[case("+8613812345678", "'+8613812345678")]
    #[case("-1+2", "'-1+2")]
    #[case("@SUM(A1)", "'@SUM(A1)")]
    #[case("\t=1", "'\t=1")]
    #[case("\r=1", "\"'\r=1\"")]
    #[case("李美华", "李美华")]
    #[case("a,b", "\"a,b\"")]
    #[case(" padded ", "\" padded \"")]
    #[case("say \"hi\"", "\"say \"\"hi\"\"\"")]
    fn cells_are_neutralised_and_quoted(#[case] value: &str, #[case] want: &str) {
        assert_eq!(text_cell(value), want);
    }

    #[rstest]
    #[case("=1+1")]
    #[case("+86")]
    #[case("-5")]
    #[case("@me")]
    #[case("'quoted already")]
    #[case("plain")]
    fn a_neutralised_cell_reads_back_as_it_was(#[case] value: &str) {
        let written = text_cell(value);
        let unquoted = written
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .map(|s| s.replace("\"\"", "\""))
            .unwrap_or(written);
        assert_eq!(unescape_formula(&unquoted), value);
    }

    #[test]
    fn a_sheet_has_a_bom_crlf_and_digits_kept_as_text() {
        let mut s = Sheet::new();
        s.header(&["姓名", "手机号"]);
        s.text("=cmd").digits("0012").end_row();
        s.text("x").digits("1,2").end_row();
        s.number(-1250).number("12.50").number("=1").end_row();
        assert_eq!(s.rows(), 3);
        let text = String::from_utf8(s.into_bytes()).unwrap();
        assert_eq!(
            text,
            "\u{feff}姓名,手机号\r\n'=cmd,=\"0012\"\r\nx,\"1,2\"\r\n-1250,12.50,'=1\r\n"
        );
    }
}
