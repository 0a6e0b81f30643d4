//! Money: what checked-out visits billed and how it was paid, stored value
//! sold and given back, package cards sold, and the till's money in per
//! method.

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use super::CHECKED_OUT;
use crate::error::Result;
use crate::money::{Fen, PayMethod};
use crate::reports::figures::Period;
use crate::storage::Tx;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MethodAmount {
    pub method: PayMethod,
    pub amount: Fen,
}

/// What checked-out visits billed, and how it was paid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Revenue {
    pub visits: i64,
    /// The bills' totals: `money_taken + stored_value + vouchers`.
    pub billed: Fen,
    pub services: Fen,
    pub products: Fen,
    /// Cash, card and mobile, each method once (zero included).
    pub by_method: Vec<MethodAmount>,
    pub money_taken: Fen,
    /// Paid from members' balances (no money taken now).
    pub stored_value: Fen,
    /// Paid by vouchers.
    pub vouchers: Fen,
    /// Service lines paid by a package session (no money taken now)...
    pub package_sessions: i64,
    /// ...and their menu value.
    pub package_value: Fen,
}

/// Stored value sold and given back.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TopUps {
    pub count: i64,
    /// Money received, per method.
    pub by_method: Vec<MethodAmount>,
    pub received: Fen,
    /// Bonuses the shop added (liability without money).
    pub bonus: Fen,
    /// Balance created: received + bonus.
    pub liability_created: Fen,
    pub refunds: i64,
    /// Money given back from balances, per method...
    pub refunds_by_method: Vec<MethodAmount>,
    /// ...and in all.
    pub refunded: Fen,
}

/// Package cards sold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PackageSales {
    pub count: i64,
    /// Sessions sold (the liability in sessions).
    pub sessions: i64,
    /// Money received, per method.
    pub by_method: Vec<MethodAmount>,
    pub received: Fen,
    /// Paid from balances (an exchange of one liability for another).
    pub from_stored_value: Fen,
    /// The packages' prices: the liability created in money.
    pub liability_created: Fen,
}

/// Money into the till per method: visits, top-ups and package sales, less
/// refunds.
pub(super) fn money_in(
    revenue: &Revenue,
    top_ups: &TopUps,
    packages: &PackageSales,
) -> Vec<MethodAmount> {
    PayMethod::ALL
        .iter()
        .map(|m| {
            let of = |list: &[MethodAmount]| {
                list.iter()
                    .find(|x| x.method == *m)
                    .map_or(0, |x| x.amount.0)
            };
            MethodAmount {
                method: *m,
                amount: Fen(of(&revenue.by_method)
                    + of(&top_ups.by_method)
                    + of(&packages.by_method)
                    - of(&top_ups.refunds_by_method)),
            }
        })
        .collect()
}

/// Each method once, in order, from (method, amount) sums.
fn by_method(sums: &[(PayMethod, Fen)]) -> Vec<MethodAmount> {
    PayMethod::ALL
        .iter()
        .map(|m| MethodAmount {
            method: *m,
            amount: Fen(sums.iter().filter(|(x, _)| x == m).map(|(_, a)| a.0).sum()),
        })
        .collect()
}

fn sum_of(list: &[MethodAmount]) -> Fen {
    Fen(list.iter().map(|m| m.amount.0).sum())
}

pub(super) fn revenue(tx: &Tx<'_>, p: &Period) -> Result<Revenue> {
    let a = params![p.start, p.end];
    let (visits, billed): (i64, Fen) = tx.query_row(
        &format!(
            "SELECT count(*), coalesce(sum(total_fen), 0) FROM visits WHERE id IN ({CHECKED_OUT})"
        ),
        a,
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let (services, products, package_value): (Fen, Fen, Fen) = tx.query_row(
        &format!(
            "SELECT coalesce(sum(CASE WHEN kind = 'service' THEN amount_fen END), 0),
                    coalesce(sum(CASE WHEN kind = 'product' THEN amount_fen END), 0),
                    coalesce(sum(CASE WHEN package_id IS NOT NULL THEN unit_fen * qty END), 0)
             FROM visit_lines WHERE visit_id IN ({CHECKED_OUT})"
        ),
        a,
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let sums: Vec<(PayMethod, Fen)> = {
        let mut stmt = tx.prepare(&format!(
            "SELECT method, sum(amount_fen) FROM visit_payments
             WHERE visit_id IN ({CHECKED_OUT}) GROUP BY method"
        ))?;
        stmt.query_map(a, |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    let by_method = by_method(&sums);
    let stored_value: Fen = tx.query_row(
        &format!(
            "SELECT -coalesce(sum(amount_fen), 0) FROM sv_ledger
             WHERE kind = 'spend' AND visit_id IN ({CHECKED_OUT})"
        ),
        a,
        |r| r.get(0),
    )?;
    let vouchers: Fen = tx.query_row(
        &format!(
            "SELECT coalesce(sum(amount_fen), 0) FROM voucher_events
             WHERE kind = 'redeem' AND visit_id IN ({CHECKED_OUT})"
        ),
        a,
        |r| r.get(0),
    )?;
    let package_sessions: i64 = tx.query_row(
        &format!(
            "SELECT -coalesce(sum(delta), 0) FROM package_uses WHERE visit_id IN ({CHECKED_OUT})"
        ),
        a,
        |r| r.get(0),
    )?;
    Ok(Revenue {
        visits,
        billed,
        services,
        products,
        money_taken: sum_of(&by_method),
        by_method,
        stored_value,
        vouchers,
        package_sessions,
        package_value,
    })
}

pub(super) fn top_ups(tx: &Tx<'_>, p: &Period) -> Result<TopUps> {
    let rows: Vec<(String, Option<PayMethod>, i64, Fen)> = {
        let mut stmt = tx.prepare(
            "SELECT kind, method, count(*), sum(amount_fen) FROM sv_ledger
             WHERE at >= ?1 AND at < ?2 AND kind IN ('topup', 'bonus', 'refund')
             GROUP BY kind, method",
        )?;
        stmt.query_map(params![p.start, p.end], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
    };
    let mut t = TopUps::default();
    let mut received = Vec::new();
    let mut refunded = Vec::new();
    for (kind, method, n, amount) in rows {
        match kind.as_str() {
            "topup" => {
                t.count += n;
                if let Some(m) = method {
                    received.push((m, amount));
                }
            }
            "bonus" => t.bonus = Fen(t.bonus.0 + amount.0),
            _ => {
                t.refunds += n;
                if let Some(m) = method {
                    refunded.push((m, amount.negated()));
                }
            }
        }
    }
    t.refunds_by_method = by_method(&refunded);
    t.refunded = sum_of(&t.refunds_by_method);
    t.by_method = by_method(&received);
    t.received = sum_of(&t.by_method);
    t.liability_created = Fen(t.received.0 + t.bonus.0);
    Ok(t)
}

pub(super) fn package_sales(tx: &Tx<'_>, p: &Period) -> Result<PackageSales> {
    let rows: Vec<(String, i64, i64, Fen)> = {
        let mut stmt = tx.prepare(
            "SELECT method, count(*), sum(sessions_total), sum(price_fen) FROM packages
             WHERE sold_at >= ?1 AND sold_at < ?2 GROUP BY method",
        )?;
        stmt.query_map(params![p.start, p.end], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
    };
    let mut s = PackageSales::default();
    let mut received = Vec::new();
    for (method, n, sessions, price) in rows {
        s.count += n;
        s.sessions += sessions;
        s.liability_created = Fen(s.liability_created.0 + price.0);
        match PayMethod::ALL.iter().find(|m| m.as_str() == method) {
            Some(m) => received.push((*m, price)),
            None => s.from_stored_value = Fen(s.from_stored_value.0 + price.0),
        }
    }
    s.by_method = by_method(&received);
    s.received = sum_of(&s.by_method);
    Ok(s)
}
