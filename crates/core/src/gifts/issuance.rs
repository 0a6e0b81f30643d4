//! The day's issuance summary (发放明细) the closing receptionist sends to
//! the marketing supervisor: what each promotion's tiers gave, per staff
//! member with the time issuing took against the manual's standard, and the
//! vouchers issued and redeemed. Read from the day's ledger rows; exported to
//! CSV and printed with the daily close.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::money::Fen;
use crate::spreadsheet::{ExportResult, Sheet};
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};
use crate::validate;

use super::rewards::standard_seconds;
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DayRequest {
    /// A business date, YYYY-MM-DD.
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IssuedLine {
    /// The promotion, or empty for birthday gifts.
    pub promotion: String,
    pub threshold: Option<Fen>,
    pub reward: String,
    pub quantity: i64,
    /// Recovered after a void, the same day.
    pub recovered: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StaffIssuance {
    pub staff: String,
    /// Checkouts with gifts.
    pub issues: i64,
    pub units: i64,
    pub average_seconds: Option<i64>,
    /// Issues that took longer than the manual's standard.
    pub over_standard: i64,
    pub vouchers_issued: i64,
    pub vouchers_redeemed: i64,
    pub redeemed_amount: Fen,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IssuanceSummary {
    pub date: String,
    pub lines: Vec<IssuedLine>,
    pub staff: Vec<StaffIssuance>,
    pub vouchers_issued: i64,
    pub vouchers_redeemed: i64,
    pub redeemed_amount: Fen,
}

pub(crate) fn summary_in(tx: &Tx<'_>, date: &str) -> Result<IssuanceSummary> {
    let mut lines: Vec<IssuedLine> = tx
        .prepare_cached(
            "SELECT coalesce(p.name, ''), t.threshold_fen, i.name,
                    -sum(CASE WHEN m.kind = 'issue' THEN m.qty ELSE 0 END),
                    sum(CASE WHEN m.kind = 'recover' THEN m.qty ELSE 0 END)
             FROM gift_moves m JOIN gift_items i ON i.id = m.item_id
             LEFT JOIN promotion_tiers t ON t.id = m.promotion_tier_id
             LEFT JOIN promotions p ON p.id = t.promotion_id
             WHERE m.business_date = ?1 AND m.kind IN ('issue', 'recover')
             GROUP BY p.id, t.id, i.id ORDER BY p.name, t.threshold_fen DESC, i.name",
        )?
        .query_map([date], |r| {
            Ok(IssuedLine {
                promotion: r.get(0)?,
                threshold: r.get(1)?,
                reward: r.get(2)?,
                quantity: r.get(3)?,
                recovered: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let voucher_lines: Vec<IssuedLine> = tx
        .prepare_cached(
            "SELECT coalesce(p.name, ''), t.threshold_fen, vt.name,
                    sum(e.kind = 'issue'), sum(e.kind = 'recover')
             FROM voucher_events e JOIN voucher_types vt ON vt.id = e.voucher_type_id
             LEFT JOIN promotion_tiers t ON t.id = e.promotion_tier_id
             LEFT JOIN promotions p ON p.id = t.promotion_id
             WHERE e.business_date = ?1 AND e.kind IN ('issue', 'recover')
             GROUP BY p.id, t.id, vt.id ORDER BY p.name, t.threshold_fen DESC, vt.name",
        )?
        .query_map([date], |r| {
            Ok(IssuedLine {
                promotion: r.get(0)?,
                threshold: r.get(1)?,
                reward: r.get(2)?,
                quantity: r.get(3)?,
                recovered: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    lines.extend(voucher_lines);
    type Gifts = (i64, String, i64, i64, Option<i64>, i64);
    let gifts: Vec<Gifts> = tx
        .prepare_cached(
            "SELECT s.id, s.staff_no || ' ' || s.name, count(DISTINCT coalesce(m.visit_id, -m.id)),
                    -sum(m.qty), avg(m.seconds), 0
             FROM gift_moves m JOIN staff s ON s.id = m.staff_id
             WHERE m.business_date = ?1 AND m.kind = 'issue' GROUP BY s.id ORDER BY s.staff_no",
        )?
        .query_map([date], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get::<_, Option<f64>>(4)?.map(|a| a.round() as i64),
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // Over the standard: per checkout (one time for all its gifts).
    let timed: Vec<(i64, i64, i64)> = tx
        .prepare_cached(
            "SELECT staff_id, max(receipts), max(seconds) FROM gift_moves
             WHERE business_date = ?1 AND kind = 'issue' AND visit_id IS NOT NULL
               AND seconds IS NOT NULL GROUP BY visit_id, staff_id",
        )?
        .query_map([date], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let vouchers: Vec<(i64, String, i64, i64, Fen)> = tx
        .prepare_cached(
            "SELECT s.id, s.staff_no || ' ' || s.name, sum(e.kind = 'issue'),
                    sum(e.kind = 'redeem') - sum(e.kind = 'unredeem'),
                    sum(CASE WHEN e.kind = 'redeem' THEN e.amount_fen ELSE 0 END)
             FROM voucher_events e JOIN staff s ON s.id = e.staff_id
             WHERE e.business_date = ?1 AND e.kind IN ('issue', 'redeem', 'unredeem')
             GROUP BY s.id ORDER BY s.staff_no",
        )?
        .query_map([date], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut staff: Vec<(i64, StaffIssuance)> = Vec::new();
    fn entry(staff: &mut Vec<(i64, StaffIssuance)>, id: i64, name: &str) -> usize {
        if let Some(i) = staff.iter().position(|(s, _)| *s == id) {
            return i;
        }
        staff.push((
            id,
            StaffIssuance {
                staff: name.to_string(),
                issues: 0,
                units: 0,
                average_seconds: None,
                over_standard: 0,
                vouchers_issued: 0,
                vouchers_redeemed: 0,
                redeemed_amount: Fen::ZERO,
            },
        ));
        staff.len() - 1
    }
    for (id, name, issues, units, avg, _) in gifts {
        let i = entry(&mut staff, id, &name);
        staff[i].1.issues = issues;
        staff[i].1.units = units;
        staff[i].1.average_seconds = avg;
    }
    for (id, name, issued, redeemed, amount) in vouchers {
        let i = entry(&mut staff, id, &name);
        staff[i].1.vouchers_issued = issued;
        staff[i].1.vouchers_redeemed = redeemed;
        staff[i].1.redeemed_amount = amount;
    }
    for (id, receipts, seconds) in timed {
        if seconds > standard_seconds(receipts)
            && let Some((_, s)) = staff.iter_mut().find(|(s, _)| *s == id)
        {
            s.over_standard += 1;
        }
    }
    let staff: Vec<StaffIssuance> = staff.into_iter().map(|(_, s)| s).collect();
    Ok(IssuanceSummary {
        date: date.to_string(),
        vouchers_issued: staff.iter().map(|s| s.vouchers_issued).sum(),
        vouchers_redeemed: staff.iter().map(|s| s.vouchers_redeemed).sum(),
        redeemed_amount: staff.iter().map(|s| &s.redeemed_amount).sum(),
        lines,
        staff,
    })
}

/// The day's issuance: by promotion, tier and reward, and by staff member.
pub fn issuance_summary(
    db: &mut Db,
    session: &Session,
    req: DayRequest,
) -> Result<IssuanceSummary> {
    let date = validate::calendar_date("date", &req.date)?
        .format("%Y-%m-%d")
        .to_string();
    db.read(|tx| {
        staff::authorize(tx, session, Permission::HandleGifts)?;
        summary_in(tx, &date)
    })
}

/// The day's issuance as CSV for the marketing supervisor, in `exports/`.
pub fn export_issuance_summary(
    db: &mut Db,
    session: &Session,
    req: DayRequest,
) -> Result<ExportResult> {
    let date = validate::calendar_date("date", &req.date)?
        .format("%Y-%m-%d")
        .to_string();
    let r = db.read(|tx| {
        staff::authorize(tx, session, Permission::HandleGifts)?;
        summary_in(tx, &date)
    })?;
    let mut s = Sheet::new();
    s.header(&[
        "日期",
        "活动",
        "档级（元）",
        "赠品/赠券",
        "发放数量",
        "收回数量",
    ]);
    for l in &r.lines {
        s.text(&r.date)
            .text(if l.promotion.is_empty() {
                "生日礼"
            } else {
                &l.promotion
            })
            .text(&l.threshold.map_or(String::new(), |t| t.plain_yuan()))
            .text(&l.reward)
            .number(l.quantity)
            .number(l.recovered)
            .end_row();
    }
    s.end_row();
    s.header(&[
        "员工",
        "发放次数",
        "赠品件数",
        "平均用时（秒）",
        "超时次数",
        "发出赠券",
        "收回使用赠券",
        "赠券抵扣（元）",
    ]);
    for st in &r.staff {
        s.text(&st.staff)
            .number(st.issues)
            .number(st.units)
            .text(&st.average_seconds.map_or(String::new(), |a| a.to_string()))
            .number(st.over_standard)
            .number(st.vouchers_issued)
            .number(st.vouchers_redeemed)
            .number(st.redeemed_amount.plain_yuan())
            .end_row();
    }
    let rows = s.rows();
    crate::spreadsheet::write_export(
        db,
        &format!("赠品发放明细-{}", r.date),
        &s.into_bytes(),
        rows,
    )
}
