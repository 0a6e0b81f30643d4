//! The model's money: revenue of the range's checked-out visits by method,
//! stored value and vouchers taken, package sessions; top-ups, bonuses and
//! refunds, package sales, and the till's money in per method, each by the
//! business day of its row.

use std::collections::BTreeMap;

use frontdesk_core::money::{Fen, PayMethod};
use frontdesk_core::reports::{MethodAmount, PackageSales, Revenue, TopUps};

use super::{LedgerRow, Recount, VisitRaw, methods, rows};

pub(super) struct Money {
    pub(super) revenue: Revenue,
    pub(super) top_ups: TopUps,
    pub(super) packages: PackageSales,
    pub(super) money_in: Vec<MethodAmount>,
}

pub(super) fn recount(rc: &Recount<'_>, out: &[&VisitRaw]) -> Money {
    let lines = rc.checked_out_lines();
    let mut paid = BTreeMap::new();
    for (visit, method, amount) in rows(
        rc.db,
        "SELECT visit_id, method, amount_fen FROM visit_payments",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        },
    ) {
        if rc.is_out(Some(visit)) {
            *paid.entry(method).or_insert(0) += amount;
        }
    }
    let ledger: Vec<LedgerRow> = rows(
        rc.db,
        "SELECT kind, amount_fen, method, visit_id, at FROM sv_ledger",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    );
    let stored_value: i64 = ledger
        .iter()
        .filter(|l| l.0 == "spend" && rc.is_out(l.3))
        .map(|l| -l.1)
        .sum();
    let events = rc.voucher_events();
    let vouchers_paid: i64 = events
        .iter()
        .filter(|e| e.1 == "redeem" && rc.is_out(e.2))
        .map(|e| e.3)
        .sum();
    let by_method = methods(&paid);
    let money_taken: i64 = paid.values().sum();
    let revenue = Revenue {
        visits: out.len() as i64,
        billed: Fen(out.iter().map(|v| v.total).sum()),
        services: Fen(lines.iter().filter(|l| l.1 == "service").map(|l| l.5).sum()),
        products: Fen(lines.iter().filter(|l| l.1 == "product").map(|l| l.5).sum()),
        by_method,
        money_taken: Fen(money_taken),
        stored_value: Fen(stored_value),
        vouchers: Fen(vouchers_paid),
        package_sessions: lines.iter().filter(|l| l.6.is_some()).map(|l| l.3).sum(),
        package_value: Fen(lines
            .iter()
            .filter(|l| l.6.is_some())
            .map(|l| l.4 * l.3)
            .sum()),
    };

    // Top-ups and refunds.
    let mut top = BTreeMap::new();
    let mut refunds = BTreeMap::new();
    let mut top_ups = TopUps::default();
    for (kind, amount, method, _, at) in &ledger {
        if !rc.within(rc.day(*at)) {
            continue;
        }
        match kind.as_str() {
            "topup" => {
                top_ups.count += 1;
                *top.entry(method.clone().unwrap()).or_insert(0) += amount;
            }
            "bonus" => top_ups.bonus = Fen(top_ups.bonus.0 + amount),
            "refund" => {
                top_ups.refunds += 1;
                *refunds.entry(method.clone().unwrap()).or_insert(0) -= amount;
            }
            _ => {}
        }
    }
    top_ups.by_method = methods(&top);
    top_ups.received = Fen(top.values().sum());
    top_ups.liability_created = Fen(top_ups.received.0 + top_ups.bonus.0);
    top_ups.refunds_by_method = methods(&refunds);
    top_ups.refunded = Fen(refunds.values().sum());

    // Packages sold.
    let mut packages = PackageSales::default();
    let mut sold = BTreeMap::new();
    for (method, sessions, price, at) in rows(
        rc.db,
        "SELECT method, sessions_total, price_fen, sold_at FROM packages",
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
            ))
        },
    ) {
        if !rc.within(rc.day(at)) {
            continue;
        }
        packages.count += 1;
        packages.sessions += sessions;
        packages.liability_created = Fen(packages.liability_created.0 + price);
        if method == "stored_value" {
            packages.from_stored_value = Fen(packages.from_stored_value.0 + price);
        } else {
            *sold.entry(method).or_insert(0) += price;
        }
    }
    packages.by_method = methods(&sold);
    packages.received = Fen(sold.values().sum());
    let money_in = PayMethod::ALL
        .iter()
        .map(|m| {
            let k = m.as_str();
            MethodAmount {
                method: *m,
                amount: Fen(paid.get(k).unwrap_or(&0)
                    + top.get(k).unwrap_or(&0)
                    + sold.get(k).unwrap_or(&0)
                    - refunds.get(k).unwrap_or(&0)),
            }
        })
        .collect();

    Money {
        revenue,
        top_ups,
        packages,
        money_in,
    }
}
