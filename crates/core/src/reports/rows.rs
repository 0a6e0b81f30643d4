//! The rows behind a money figure that is not a visit's (明细): the
//! stored-value top-ups, bonuses and refunds, and the package cards sold in
//! the period, as the daily summary counts them (on the day of their row).

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::figures::Period;
use crate::clock::{self, Millis};
use crate::error::{Error, Invalid, Result};
use crate::ids::CustomerId;
use crate::money::Fen;
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};

crate::text_enum! {
    /// Which money rows.
    pub enum MoneyRowKind {
        TopUps = "top_ups",
        Bonuses = "bonuses",
        Refunds = "refunds",
        PackageSales = "package_sales",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MoneyRowsRequest {
    pub from: String,
    pub to: String,
    pub kind: MoneyRowKind,
    /// 1-based; 1–500 rows a page.
    pub page: i64,
    pub page_size: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MoneyRows {
    pub total: i64,
    /// Of all the rows, not only the page's.
    pub amount: Fen,
    pub rows: Vec<MoneyRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MoneyRow {
    /// "2026-11-23 14:05" in the shop's zone.
    pub at: String,
    pub customer_id: CustomerId,
    pub customer: String,
    /// The package's name; empty for stored value.
    pub what: String,
    /// cash / card / mobile / stored_value; empty for a bonus.
    pub method: String,
    /// Money received (a refund: given back, positive).
    pub amount: Fen,
    /// "2001 张敏".
    pub staff: String,
}

/// The rows as SQL: (at, customer, what, method, amount, staff) from one
/// table, `?1`–`?2` the period's instants.
fn source(kind: MoneyRowKind) -> &'static str {
    match kind {
        MoneyRowKind::TopUps => {
            "SELECT l.at AS at, l.id AS id, l.customer_id AS customer_id, '' AS what,
                    coalesce(l.method, '') AS method, l.amount_fen AS amount, l.staff_id AS staff_id
             FROM sv_ledger l WHERE l.at >= ?1 AND l.at < ?2 AND l.kind = 'topup'"
        }
        MoneyRowKind::Bonuses => {
            "SELECT l.at AS at, l.id AS id, l.customer_id AS customer_id, '' AS what, '' AS method,
                    l.amount_fen AS amount, l.staff_id AS staff_id
             FROM sv_ledger l WHERE l.at >= ?1 AND l.at < ?2 AND l.kind = 'bonus'"
        }
        MoneyRowKind::Refunds => {
            "SELECT l.at AS at, l.id AS id, l.customer_id AS customer_id, '' AS what,
                    coalesce(l.method, '') AS method, -l.amount_fen AS amount, l.staff_id AS staff_id
             FROM sv_ledger l WHERE l.at >= ?1 AND l.at < ?2 AND l.kind = 'refund'"
        }
        MoneyRowKind::PackageSales => {
            "SELECT p.sold_at AS at, p.id AS id, p.customer_id AS customer_id, p.name AS what,
                    p.method AS method, p.price_fen AS amount, p.sold_by AS staff_id
             FROM packages p WHERE p.sold_at >= ?1 AND p.sold_at < ?2"
        }
    }
}

/// A page of the money rows behind a figure (managers: `ViewReports`).
pub fn money_rows(db: &mut Db, session: &Session, req: MoneyRowsRequest) -> Result<MoneyRows> {
    if !(1..=500).contains(&req.page_size) {
        return Err(Error::invalid("page_size", Invalid::OutOfRange));
    }
    if !(1..=1_000_000).contains(&req.page) {
        return Err(Error::invalid("page", Invalid::OutOfRange));
    }
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewReports)?;
        money_rows_in(tx, &req)
    })
}

fn money_rows_in(tx: &Tx<'_>, req: &MoneyRowsRequest) -> Result<MoneyRows> {
    let p = Period::resolve(tx, &req.from, &req.to)?;
    let src = source(req.kind);
    let (total, amount): (i64, Fen) = tx.query_row(
        &format!("SELECT count(*), coalesce(sum(amount), 0) FROM ({src})"),
        params![p.start, p.end],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut stmt = tx.prepare(&format!(
        "SELECT r.at, r.customer_id, coalesce(c.name, ''), r.what, r.method, r.amount,
                coalesce(s.staff_no || ' ' || s.name, '')
         FROM ({src}) r
         LEFT JOIN customers c ON c.id = r.customer_id
         LEFT JOIN staff s ON s.id = r.staff_id
         ORDER BY r.at, r.id LIMIT ?3 OFFSET ?4"
    ))?;
    let rows = stmt
        .query_map(
            params![
                p.start,
                p.end,
                req.page_size,
                (req.page - 1) * req.page_size
            ],
            |r| {
                Ok(MoneyRow {
                    at: clock::local_minute(r.get::<_, Millis>(0)?, p.tz),
                    customer_id: r.get(1)?,
                    customer: r.get(2)?,
                    what: r.get(3)?,
                    method: r.get(4)?,
                    amount: r.get(5)?,
                    staff: r.get(6)?,
                })
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(MoneyRows {
        total,
        amount,
        rows,
    })
}
