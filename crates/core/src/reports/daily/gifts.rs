//! Gifts and vouchers issued and redeemed with the period's visits, or on
//! its days without one.

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::ids::{GiftItemId, VoucherTypeId};
use crate::money::Fen;
use crate::reports::figures::Period;
use crate::storage::Tx;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct GiftFigure {
    pub item_id: GiftItemId,
    pub name: String,
    pub unit: String,
    pub issued: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VoucherFigure {
    pub voucher_type_id: VoucherTypeId,
    pub name: String,
    pub face_value: Fen,
    pub issued: i64,
    pub redeemed: i64,
    /// What the redeemed vouchers paid.
    pub redeemed_amount: Fen,
}

/// Issued with checked-out visits of the period, or on a day of it without
/// a visit or with one not checked out (a birthday gift handed over while the
/// visit is open, or cancelled after); never with a voided visit.
const ISSUED_HERE: &str = "(visit_id IN (SELECT id FROM visits WHERE status = 'checked_out'
        AND closed_at >= ?1 AND closed_at < ?2)
     OR ((visit_id IS NULL OR visit_id IN (SELECT id FROM visits WHERE status IN ('open', 'cancelled')))
         AND business_date BETWEEN ?3 AND ?4))";

pub(super) fn gifts(tx: &Tx<'_>, p: &Period) -> Result<Vec<GiftFigure>> {
    let mut stmt = tx.prepare(&format!(
        "SELECT i.id, i.name, i.unit, -sum(m.qty)
         FROM (SELECT item_id, qty FROM gift_moves WHERE kind = 'issue' AND {ISSUED_HERE}) m
         JOIN gift_items i ON i.id = m.item_id
         GROUP BY i.id ORDER BY i.name"
    ))?;
    let rows = stmt
        .query_map(params![p.start, p.end, p.from, p.to], |r| {
            Ok(GiftFigure {
                item_id: r.get(0)?,
                name: r.get(1)?,
                unit: r.get(2)?,
                issued: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub(super) fn vouchers(tx: &Tx<'_>, p: &Period) -> Result<Vec<VoucherFigure>> {
    let mut stmt = tx.prepare(&format!(
        "SELECT t.id, t.name, t.face_value_fen, sum(e.kind = 'issue'), sum(e.kind = 'redeem'),
                coalesce(sum(CASE WHEN e.kind = 'redeem' THEN e.amount_fen END), 0)
         FROM (SELECT voucher_type_id, kind, amount_fen FROM voucher_events
               WHERE kind IN ('issue', 'redeem') AND {ISSUED_HERE}) e
         JOIN voucher_types t ON t.id = e.voucher_type_id
         GROUP BY t.id ORDER BY t.name"
    ))?;
    let rows = stmt
        .query_map(params![p.start, p.end, p.from, p.to], |r| {
            Ok(VoucherFigure {
                voucher_type_id: r.get(0)?,
                name: r.get(1)?,
                face_value: r.get(2)?,
                issued: r.get(3)?,
                redeemed: r.get(4)?,
                redeemed_amount: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
