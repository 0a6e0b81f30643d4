//! Every report as titled tables of text, the one form both the CSV export
//! and the printed report are made from, so paper, file and screen carry
//! the same figures. Money is yuan with two decimals (`1234.50`), a share
//! is a percentage with one decimal, a rating an average with one decimal.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::figures::Rating;
use super::lists::{self, CustomerListKind};
use super::trends::TrendRequest;
use super::{SummaryRequest, customers, daily, staff, trends};
use crate::error::Result;
use crate::money::Fen;
use crate::spreadsheet::{ExportResult, Sheet};
use crate::staff::{self as staff_mod, Permission, Session};
use crate::storage::{Db, Tx};

mod daily_sheet;
mod others;

/// Which report, for its CSV or its printout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "report", rename_all = "snake_case")]
pub enum ReportRequest {
    DailySummary { period: SummaryRequest },
    Staff { period: SummaryRequest },
    Customers { period: SummaryRequest },
    Trend { trend: TrendRequest },
    CustomerList { list: CustomerListKind },
}

/// A report as tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReportTables {
    pub title: String,
    /// "2026-11-01 至 2026-11-30", or what the list is.
    pub subtitle: String,
    pub sections: Vec<Table>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Table {
    pub title: String,
    /// Columns that name a row (repeated when paper splits a wide table).
    pub key_columns: usize,
    pub header: Vec<String>,
    pub rows: Vec<Vec<TableCell>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(tag = "kind", content = "text", rename_all = "snake_case")]
pub enum TableCell {
    Text(String),
    /// A figure: right-aligned on paper, a number to Excel.
    Number(String),
}

impl Table {
    pub(crate) fn new(title: &str, header: &[&str]) -> Table {
        Table {
            title: title.to_string(),
            key_columns: 1,
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }
    pub(crate) fn keyed_by(mut self, columns: usize) -> Table {
        self.key_columns = columns;
        self
    }
    pub(crate) fn row(&mut self, cells: Vec<TableCell>) -> &mut Table {
        self.rows.push(cells);
        self
    }
    /// A label and one figure.
    pub(crate) fn pair(&mut self, label: &str, value: TableCell) -> &mut Table {
        self.row(vec![text(label), value])
    }
}

pub(crate) fn text(s: impl Into<String>) -> TableCell {
    TableCell::Text(s.into())
}
pub(crate) fn int(n: i64) -> TableCell {
    TableCell::Number(n.to_string())
}
pub(crate) fn money(f: Fen) -> TableCell {
    TableCell::Number(f.plain_yuan())
}
/// Tenths of a percent as "12.5%", "—" for none.
pub(crate) fn percent(permille: Option<i64>) -> TableCell {
    match permille {
        Some(p) => TableCell::Number(format!("{}.{}%", p / 10, p % 10)),
        None => text("—"),
    }
}
/// An average rating as "4.6", "—" when nobody rated.
pub(crate) fn rating(r: &Rating) -> TableCell {
    match r.average_tenths {
        Some(t) => TableCell::Number(format!("{}.{}", t / 10, t % 10)),
        None => text("—"),
    }
}

fn period_line(from: &str, to: &str) -> String {
    if from == to {
        from.to_string()
    } else {
        format!("{from} 至 {to}")
    }
}

/// The report as tables, read in `tx` (no permission check: the caller's).
pub fn tables_in(tx: &Tx<'_>, req: &ReportRequest) -> Result<ReportTables> {
    Ok(match req {
        ReportRequest::DailySummary { period } => {
            let s = daily::daily_summary_in(tx, period)?;
            ReportTables {
                title: "营业日报".into(),
                subtitle: period_line(&s.from, &s.to),
                sections: daily_sheet::tables(&s),
            }
        }
        ReportRequest::Staff { period } => {
            let r = staff::staff_report_in(tx, period)?;
            ReportTables {
                title: "员工业绩".into(),
                subtitle: period_line(&r.from, &r.to),
                sections: others::staff(&r),
            }
        }
        ReportRequest::Customers { period } => {
            let r = customers::customer_report_in(tx, period)?;
            ReportTables {
                title: "顾客分析".into(),
                subtitle: period_line(&r.from, &r.to),
                sections: others::customers(&r),
            }
        }
        ReportRequest::Trend { trend } => {
            let t = trends::trend_in(tx, trend)?;
            ReportTables {
                title: "经营趋势".into(),
                subtitle: format!(
                    "{}（按{}）",
                    period_line(&t.from, &t.to),
                    others::bucket_name(t.bucket)
                ),
                sections: others::trend(&t),
            }
        }
        ReportRequest::CustomerList { list } => {
            let rows = lists::all_rows(tx, *list)?;
            let (title, subtitle) = match list {
                CustomerListKind::Dormant { days } => {
                    ("流失顾客".to_string(), format!("{days} 天以上未到店"))
                }
                CustomerListKind::Birthdays { month } => {
                    ("生日顾客".to_string(), format!("{month} 月生日"))
                }
            };
            ReportTables {
                title,
                subtitle,
                sections: vec![others::customer_list(&rows)],
            }
        }
    })
}

/// The report as a CSV in the exports folder (managers: `ViewReports`).
pub fn export_report(db: &mut Db, session: &Session, req: ReportRequest) -> Result<ExportResult> {
    let tables = db.read(|tx| {
        staff_mod::authorize(tx, session, Permission::ViewReports)?;
        tables_in(tx, &req)
    })?;
    let (bytes, rows) = csv(&tables);
    crate::spreadsheet::write_export(db, &tables.title, &bytes, rows)
}

/// The tables one after another, each under its title, a blank row between.
pub fn csv(t: &ReportTables) -> (Vec<u8>, usize) {
    let mut sheet = Sheet::new();
    sheet.text(&t.title).text(&t.subtitle).end_row();
    for table in &t.sections {
        sheet.end_row();
        sheet.text(&table.title).end_row();
        let header: Vec<&str> = table.header.iter().map(String::as_str).collect();
        sheet.header(&header);
        for row in &table.rows {
            for cell in row {
                match cell {
                    TableCell::Text(s) => sheet.text(s),
                    TableCell::Number(n) => sheet.number(n),
                };
            }
            sheet.end_row();
        }
    }
    let rows = sheet.rows();
    (sheet.into_bytes(), rows)
}
