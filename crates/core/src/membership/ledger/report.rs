//! The membership report: members per tier, and what the shop owes its
//! customers (stored-value balances, sessions left on packages and their
//! value), on screen and as CSV for Excel.

use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::membership::tiers;
use crate::money::Fen;
use crate::shop;
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TierCount {
    pub tier: String,
    pub color: String,
    pub members: i64,
}

/// What the shop owes its customers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MembershipReport {
    pub tiers: Vec<TierCount>,
    /// Sum of every stored-value balance.
    pub liability: Fen,
    pub customers_with_balance: i64,
    /// Sessions left on packages not expired.
    pub package_sessions: i64,
    /// ... and their value at each package's price per session (rounded down).
    pub package_value: Fen,
}

pub fn membership_report(db: &mut Db, session: &Session) -> Result<MembershipReport> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewReports)?;
        membership_report_in(tx)
    })
}

pub(crate) fn membership_report_in(tx: &Tx<'_>) -> Result<MembershipReport> {
    let all: i64 = tx.query_row(
        // All minus erased: counted on indexes, without reading every card.
        "SELECT (SELECT COUNT(*) FROM customers)
              - (SELECT COUNT(*) FROM customers WHERE erased_at IS NOT NULL)",
        [],
        |r| r.get(0),
    )?;
    let tiers = tiers::load_tiers(tx)?;
    let mut counts = Vec::new();
    let mut placed = 0;
    for (i, t) in tiers.iter().enumerate() {
        let n: i64 = tx.query_row(
            "SELECT COUNT(*) FROM customer_tiers WHERE tier_id = ?1",
            [t.id],
            |r| r.get(0),
        )?;
        placed += n;
        counts.push((i, n));
    }
    let mut out: Vec<TierCount> = tiers
        .iter()
        .zip(counts)
        .map(|(t, (_, n))| TierCount {
            tier: t.name.clone(),
            color: t.color.clone(),
            members: n,
        })
        .collect();
    // Customers never placed are in the entry tier.
    if let Some(first) = out.first_mut() {
        first.members += (all - placed).max(0);
    }
    // Kept by triggers as balances move (0007); the property test checks it
    // against the sum of every balance.
    let (liability, with_balance): (Fen, i64) = tx.query_row(
        "SELECT liability_fen, members_with_balance FROM sv_totals WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let today = shop::today(tx)?.format("%Y-%m-%d").to_string();
    let (sessions, value): (i64, Fen) = tx.query_row(
        "SELECT COALESCE(SUM(sessions_left), 0),
                COALESCE(SUM(price_fen * sessions_left / sessions_total), 0)
         FROM packages WHERE sessions_left > 0 AND (expires_on IS NULL OR expires_on >= ?1)",
        [today],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(MembershipReport {
        tiers: out,
        liability,
        customers_with_balance: with_balance,
        package_sessions: sessions,
        package_value: value,
    })
}

/// Export the membership report to `exports/会员报表-<date>-<time>.csv`.
pub fn export_membership_report(
    db: &mut Db,
    session: &Session,
) -> Result<crate::spreadsheet::ExportResult> {
    let sheet = db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewReports)?;
        membership_sheet(tx)
    })?;
    let rows = sheet.rows();
    crate::spreadsheet::write_export(db, "会员报表", &sheet.into_bytes(), rows)
}

/// The membership report as CSV for Excel (see [`crate::spreadsheet`];
/// amounts in yuan with two decimals).
pub fn membership_report_csv(db: &mut Db, session: &Session) -> Result<Vec<u8>> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewReports)?;
        Ok(membership_sheet(tx)?.into_bytes())
    })
}

fn membership_sheet(tx: &Tx<'_>) -> Result<crate::spreadsheet::Sheet> {
    {
        let r = membership_report_in(tx)?;
        let mut sheet = crate::spreadsheet::Sheet::new();
        sheet.header(&["等级", "会员数"]);
        for t in &r.tiers {
            sheet.text(&t.tier).number(t.members).end_row();
        }
        sheet.end_row();
        sheet.header(&["项目", "数值"]);
        sheet
            .text("储值余额合计（元）")
            .number(r.liability.plain_yuan())
            .end_row();
        sheet
            .text("有余额的会员")
            .number(r.customers_with_balance)
            .end_row();
        sheet
            .text("未用次卡次数")
            .number(r.package_sessions)
            .end_row();
        sheet
            .text("未用次卡价值（元）")
            .number(r.package_value.plain_yuan())
            .end_row();
        Ok(sheet)
    }
}
