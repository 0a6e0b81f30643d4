//! The stored-value ledger (`sv_ledger`): append-only rows whose trigger
//! moves `sv_balances`, which cannot go below zero. Top-ups (with the shop's
//! bonus), a manager's refund, spending at checkout, and balances now and at
//! a past moment.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::clock::Millis;
use crate::customers;
use crate::error::{Error, Result};
use crate::ids::{CustomerId, StaffId, VisitId};
use crate::membership::tiers;
use crate::money::{Fen, PayMethod};
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};
use crate::validate;

use super::MAX_FEN;
use super::card::{Membership, load_membership};

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
