//! Stored value and packages: top-ups, refunds, package sales, their use at
//! checkout, a void's reversal, the member's card and the liability report.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::tiers::{self, Tier, TierChange};
use crate::audit::{self, Action};
use crate::clock::Millis;
use crate::customers;
use crate::error::{Entity, Error, Invalid, Result};
use crate::ids::{CustomerId, PackageId, ServiceId, StaffId, VisitId};
use crate::money::{Fen, PayMethod};
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};
use crate::{catalog, shop, validate};

/// The largest single top-up or package price: ¥1,000,000.
const MAX_FEN: i64 = 100_000_000;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TopUpRequest {
    pub customer_id: CustomerId,
    pub amount: Fen,
    /// A bonus the shop adds (充 1000 送 200), 0 for none.
    pub bonus: Fen,
    pub method: PayMethod,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RefundRequest {
    pub customer_id: CustomerId,
    pub amount: Fen,
    pub method: PayMethod,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SellPackageRequest {
    pub customer_id: CustomerId,
    pub service_id: ServiceId,
    pub sessions: i64,
    pub price: Fen,
    /// How it was paid; `stored_value` takes it from her balance.
    pub method: PackagePayment,
    /// YYYY-MM-DD, or None for no expiry.
    pub expires_on: Option<String>,
}

crate::text_enum! {
    /// How a package was paid for.
    pub enum PackagePayment {
        Cash = "cash",
        Card = "card",
        Mobile = "mobile",
        /// From her stored-value balance.
        StoredValue = "stored_value",
    }
}

crate::text_enum! {
    /// What a stored-value ledger row records.
    pub enum LedgerKind {
        Topup = "topup",
        /// The shop's bonus on a top-up (充 1000 送 200).
        Bonus = "bonus",
        Spend = "spend",
        /// Money given back by a manager.
        Refund = "refund",
        /// A voided visit's spend given back.
        Void = "void",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LedgerRow {
    pub id: i64,
    pub at: Millis,
    pub kind: LedgerKind,
    pub amount: Fen,
    pub balance_after: Fen,
    pub method: Option<PayMethod>,
    pub visit_id: Option<VisitId>,
    pub note: String,
    pub staff: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Package {
    pub id: PackageId,
    pub service_id: ServiceId,
    pub name: String,
    pub sessions_total: i64,
    pub sessions_left: i64,
    pub price: Fen,
    pub expires_on: Option<String>,
    pub expired: bool,
    pub sold_at: Millis,
}

/// Everything about her membership, for the card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Membership {
    pub tier: Option<Tier>,
    pub next_tier: Option<Tier>,
    pub spend_12m: Fen,
    /// Spend still missing to reach the next tier by spending, if it has that rule.
    pub to_next_tier: Option<Fen>,
    pub balance: Fen,
    /// Newest first, at most 100.
    pub ledger: Vec<LedgerRow>,
    pub packages: Vec<Package>,
    pub tier_history: Vec<TierChange>,
}

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

pub(crate) fn balance(tx: &Tx<'_>, customer: CustomerId) -> Result<Fen> {
    Ok(tx
        .query_row(
            "SELECT balance_fen FROM sv_balances WHERE customer_id = ?1",
            [customer],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(Fen::ZERO))
}

/// Her stored-value balance just after `at` (None if she never had any).
pub(crate) fn balance_at(tx: &Tx<'_>, customer: CustomerId, at: Millis) -> Result<Option<Fen>> {
    Ok(tx.query_row(
        "SELECT sum(amount_fen) FROM sv_ledger WHERE customer_id = ?1 AND at <= ?2",
        rusqlite::params![customer, at],
        |r| r.get(0),
    )?)
}

/// Her packages with the sessions left just after `at`, and whether `visit`
/// used one of their sessions.
pub(crate) fn packages_at(
    tx: &Tx<'_>,
    customer: CustomerId,
    at: Millis,
    visit: VisitId,
) -> Result<Vec<(String, i64, bool)>> {
    let mut stmt = tx.prepare_cached(
        "SELECT p.name,
                p.sessions_left - coalesce((SELECT sum(u.delta) FROM package_uses u
                                            WHERE u.package_id = p.id AND u.at > ?2), 0),
                EXISTS (SELECT 1 FROM package_uses u WHERE u.package_id = p.id
                          AND u.visit_id = ?3 AND u.delta < 0)
         FROM packages p WHERE p.customer_id = ?1 AND p.sold_at <= ?2 ORDER BY p.id",
    )?;
    let rows = stmt
        .query_map(rusqlite::params![customer, at, visit], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// One stored-value movement.
pub(crate) struct Move<'a> {
    pub customer: CustomerId,
    pub kind: LedgerKind,
    /// Signed: negative takes from the balance.
    pub amount: Fen,
    pub method: Option<PayMethod>,
    pub visit: Option<VisitId>,
    pub note: &'a str,
}

/// One ledger row. A movement that would take the balance below zero fails
/// in the database (sv_balances CHECK); it is reported as an insufficient
/// balance on `field`, with what is available.
pub(crate) fn post(tx: &Tx<'_>, field: &'static str, m: Move<'_>, by: StaffId) -> Result<()> {
    let Move {
        customer,
        kind,
        amount,
        method,
        visit,
        note,
    } = m;
    let r = tx.execute(
        "INSERT INTO sv_ledger (customer_id, kind, amount_fen, method, visit_id, note, at, staff_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![customer, kind, amount, method, visit, note, tx.now, by],
    );
    match r {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Err(Error::InsufficientBalance {
                field,
                available: balance(tx, customer)?,
            })
        }
        Err(e) => Err(e.into()),
    }
}

/// Pay part of a visit's bill from her balance (at checkout).
pub(crate) fn spend_stored_value(
    tx: &Tx<'_>,
    customer: CustomerId,
    amount: Fen,
    visit: VisitId,
    by: StaffId,
) -> Result<()> {
    post(
        tx,
        "stored_value",
        Move {
            customer,
            kind: LedgerKind::Spend,
            amount: amount.negated(),
            method: None,
            visit: Some(visit),
            note: "",
        },
        by,
    )
}

/// What a visit took from her balance (net of a void's return).
pub fn spent_on_visit(tx: &Tx<'_>, visit: VisitId) -> Result<Fen> {
    let spent: Fen = tx.query_row(
        "SELECT -COALESCE(SUM(amount_fen), 0) FROM sv_ledger WHERE visit_id = ?1 AND kind = ?2",
        params![visit, LedgerKind::Spend],
        |r| r.get(0),
    )?;
    Ok(spent)
}

pub fn top_up(db: &mut Db, session: &Session, req: TopUpRequest) -> Result<Membership> {
    validate::in_range("amount", req.amount.0, 1, MAX_FEN)?;
    validate::in_range("bonus", req.bonus.0, 0, MAX_FEN)?;
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::RunVisits)?;
        customers::check_active(tx, req.customer_id)?;
        let c = req.customer_id;
        let before = balance(tx, c)?;
        post(
            tx,
            "amount",
            Move {
                customer: c,
                kind: LedgerKind::Topup,
                amount: req.amount,
                method: Some(req.method),
                visit: None,
                note: "",
            },
            session.staff_id,
        )?;
        if req.bonus.is_positive() {
            post(
                tx,
                "bonus",
                Move {
                    customer: c,
                    kind: LedgerKind::Bonus,
                    amount: req.bonus,
                    method: None,
                    visit: None,
                    note: "",
                },
                session.staff_id,
            )?;
        }
        tiers::upgrade_if_due(tx, c, Some(req.amount), None, session.staff_id)?;
        audit::record_about(
            tx,
            Some(session.staff_id),
            Action::StoredValueTopUp,
            Some(c.0),
            Some(c),
            Some(&serde_json::json!({ "balance": before })),
            Some(&serde_json::json!({
                "balance": balance(tx, c)?, "amount": req.amount, "bonus": req.bonus,
                "method": req.method
            })),
        )?;
        load_membership(tx, c)
    })
}

/// A manager gives money back from her balance (never more than she has).
pub fn refund_stored_value(
    db: &mut Db,
    session: &Session,
    req: RefundRequest,
) -> Result<Membership> {
    validate::in_range("amount", req.amount.0, 1, MAX_FEN)?;
    let reason = validate::required_text("reason", &req.reason, 200)?;
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::RefundStoredValue)?;
        customers::check_active(tx, req.customer_id)?;
        let c = req.customer_id;
        let before = balance(tx, c)?;
        post(
            tx,
            "amount",
            Move {
                customer: c,
                kind: LedgerKind::Refund,
                amount: req.amount.negated(),
                method: Some(req.method),
                visit: None,
                note: &reason,
            },
            session.staff_id,
        )?;
        audit::record_about(
            tx,
            Some(session.staff_id),
            Action::StoredValueRefund,
            Some(c.0),
            Some(c),
            Some(&serde_json::json!({ "balance": before })),
            Some(&serde_json::json!({
                "balance": balance(tx, c)?, "amount": req.amount, "method": req.method,
                "reason": reason
            })),
        )?;
        load_membership(tx, c)
    })
}

pub fn sell_package(db: &mut Db, session: &Session, req: SellPackageRequest) -> Result<Membership> {
    let sessions = validate::in_range("sessions", req.sessions, 1, 200)?;
    let price = validate::in_range("price", req.price.0, 0, MAX_FEN)?;
    let expires = req
        .expires_on
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map_err(|_| Error::invalid("expires_on", Invalid::Date))
        })
        .transpose()?;
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::RunVisits)?;
        customers::check_active(tx, req.customer_id)?;
        let today = shop::today(tx)?;
        if expires.is_some_and(|e| e < today) {
            return Err(Error::invalid("expires_on", Invalid::Date));
        }
        let Some(service) = catalog::service(tx, req.service_id)?.filter(|s| s.active) else {
            return Err(Error::invalid("service_id", Invalid::NotAvailable));
        };
        let name = service.name;
        let c = req.customer_id;
        let method = req.method;
        tx.execute(
            "INSERT INTO packages (customer_id, service_id, name, sessions_total, sessions_left,
                price_fen, method, expires_on, sold_at, sold_by)
             VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                c,
                req.service_id,
                format!("{name} ×{sessions}"),
                sessions,
                price,
                method,
                expires.map(|e| e.format("%Y-%m-%d").to_string()),
                tx.now,
                session.staff_id
            ],
        )?;
        let id = PackageId(tx.last_insert_rowid());
        let before = balance(tx, c)?;
        if req.method == PackagePayment::StoredValue && price > 0 {
            post(
                tx,
                "price",
                Move {
                    customer: c,
                    kind: LedgerKind::Spend,
                    amount: Fen(-price),
                    method: None,
                    visit: None,
                    note: &format!("package {}", id.0),
                },
                session.staff_id,
            )?;
        }
        tiers::upgrade_if_due(tx, c, None, None, session.staff_id)?;
        audit::record_about(
            tx,
            Some(session.staff_id),
            Action::PackageSell,
            Some(c.0),
            Some(c),
            Some(&serde_json::json!({ "balance": before })),
            Some(&serde_json::json!({
                "package": id, "sessions": sessions, "price": Fen(price), "method": method,
                "balance": balance(tx, c)?
            })),
        )?;
        load_membership(tx, c)
    })
}

/// Use one session of `package` for a service line at checkout. Refused
/// when the package is not hers or not for that service, is used up, or has
/// expired.
pub(crate) fn use_package(
    tx: &Tx<'_>,
    customer: CustomerId,
    package: PackageId,
    service: ServiceId,
    visit: VisitId,
    by: StaffId,
) -> Result<()> {
    let row: Option<(CustomerId, ServiceId, i64, Option<String>)> = tx
        .query_row(
            "SELECT customer_id, service_id, sessions_left, expires_on FROM packages WHERE id = ?1",
            [package],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((owner, svc, left, expires)) = row else {
        return Err(Error::NotFound(Entity::Package));
    };
    if owner != customer || svc != service {
        return Err(Error::invalid("package_uses", Invalid::NotAvailable));
    }
    if left < 1 {
        return Err(Error::PackageUsedUp);
    }
    let today = shop::today(tx)?.format("%Y-%m-%d").to_string();
    if expires.is_some_and(|e| e < today) {
        return Err(Error::Expired {
            field: "package_uses",
        });
    }
    tx.execute(
        "INSERT INTO package_uses (package_id, visit_id, delta, at, staff_id) VALUES (?1, ?2, -1, ?3, ?4)",
        params![package, visit, tx.now, by],
    )?;
    Ok(())
}

/// A void gives back the stored value and package sessions a visit used.
pub(crate) fn reverse_visit(tx: &Tx<'_>, visit: VisitId, by: StaffId) -> Result<()> {
    let spends: Vec<(CustomerId, Fen)> = {
        let mut stmt = tx.prepare(
            "SELECT customer_id, SUM(amount_fen) FROM sv_ledger WHERE visit_id = ?1
             GROUP BY customer_id HAVING SUM(amount_fen) <> 0",
        )?;
        stmt.query_map([visit], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    for (customer, sum) in spends {
        post(
            tx,
            "payments",
            Move {
                customer,
                kind: LedgerKind::Void,
                amount: sum.negated(),
                method: None,
                visit: Some(visit),
                note: "visit voided",
            },
            by,
        )?;
    }
    let uses: Vec<(PackageId, i64)> = {
        let mut stmt = tx.prepare(
            "SELECT package_id, SUM(delta) FROM package_uses WHERE visit_id = ?1
             GROUP BY package_id HAVING SUM(delta) <> 0",
        )?;
        stmt.query_map([visit], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    for (package, sum) in uses {
        for _ in 0..(-sum) {
            tx.execute(
                "INSERT INTO package_uses (package_id, visit_id, delta, at, staff_id) VALUES (?1, ?2, 1, ?3, ?4)",
                params![package, visit, tx.now, by],
            )?;
        }
    }
    Ok(())
}

pub(crate) fn load_packages(tx: &Tx<'_>, customer: CustomerId) -> Result<Vec<Package>> {
    let today = shop::today(tx)?.format("%Y-%m-%d").to_string();
    let mut stmt = tx.prepare_cached(
        "SELECT id, service_id, name, sessions_total, sessions_left, price_fen, expires_on, sold_at
         FROM packages WHERE customer_id = ?1 ORDER BY sessions_left = 0, id DESC",
    )?;
    let rows = stmt
        .query_map([customer], |r| {
            let expires: Option<String> = r.get(6)?;
            Ok(Package {
                id: r.get(0)?,
                service_id: r.get(1)?,
                name: r.get(2)?,
                sessions_total: r.get(3)?,
                sessions_left: r.get(4)?,
                price: r.get(5)?,
                expired: expires.as_deref().is_some_and(|e| e < today.as_str()),
                expires_on: expires,
                sold_at: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub(crate) fn load_membership(tx: &Tx<'_>, customer: CustomerId) -> Result<Membership> {
    let tiers::Progress {
        current: tier,
        next: next_tier,
        spend,
        missing,
    } = tiers::progress(tx, customer)?;
    let balance_now = balance(tx, customer)?;
    let mut stmt = tx.prepare_cached(
        "SELECT l.id, l.at, l.kind, l.amount_fen, l.method AS method, l.visit_id, l.note,
                s.staff_no || ' ' || s.name
         FROM sv_ledger l JOIN staff s ON s.id = l.staff_id
         WHERE l.customer_id = ?1 ORDER BY l.id DESC LIMIT 100",
    )?;
    let mut ledger = stmt
        .query_map([customer], |r| {
            Ok(LedgerRow {
                id: r.get(0)?,
                at: r.get(1)?,
                kind: r.get(2)?,
                amount: r.get(3)?,
                balance_after: Fen::ZERO,
                method: crate::codes::optional(r, "method")?,
                visit_id: r.get(5)?,
                note: r.get(6)?,
                staff: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // Balances after each row, walking back from today's balance.
    let mut after = balance_now;
    for row in &mut ledger {
        row.balance_after = after;
        after = Fen(after.0.saturating_sub(row.amount.0));
    }
    Ok(Membership {
        tier,
        next_tier,
        spend_12m: spend,
        to_next_tier: missing,
        balance: balance_now,
        ledger,
        packages: load_packages(tx, customer)?,
        tier_history: tiers::tier_history(tx, customer)?,
    })
}

pub fn customer_membership(db: &mut Db, session: &Session, id: CustomerId) -> Result<Membership> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewCustomers)?;
        customers::check_active(tx, id).or_else(|e| match e {
            Error::Erased => Ok(()),
            other => Err(other),
        })?;
        load_membership(tx, id)
    })
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
