//! Closing a visit other than by checkout: cancelling an open one (she left
//! before checkout), and a manager's void of a checked-out one, which
//! reverses every money and stock movement it made. Both keep the rows, for
//! the record.

use rusqlite::params;

use super::model::{CloseVisitRequest, Stage, Visit, VisitStatus, VoidVisitRequest};
use super::read::{load_visit, open_row, row};
use super::stages::record_stage;
use crate::audit::{self, Action};
use crate::error::{Entity, Error, Result};
use crate::ids::{CustomerId, VisitId};
use crate::money::Fen;
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};
use crate::{catalog, followups, membership, validate};

/// Cancel an open visit (she left before checkout), with a reason.
pub fn cancel_visit(db: &mut Db, session: &Session, req: CloseVisitRequest) -> Result<Visit> {
    let reason = validate::required_text("reason", &req.reason, 200)?;
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::RunVisits)?;
        let v = open_row(tx, req.visit_id)?;
        tx.execute(
            "UPDATE visits SET stage = ?5, status = ?6, stage_since = ?2,
                closed_at = ?2, closed_by = ?3, close_reason = ?4 WHERE id = ?1",
            params![
                req.visit_id,
                tx.now,
                session.staff_id,
                reason,
                Stage::Done,
                VisitStatus::Cancelled
            ],
        )?;
        record_stage(tx, req.visit_id, Stage::Done, session.staff_id, "cancel")?;
        audit::record_about(
            tx,
            Some(session.staff_id),
            Action::VisitCancel,
            Some(req.visit_id.0),
            v.customer_id,
            audit::NONE,
            Some(&serde_json::json!({ "reason": reason })),
        )?;
        load_visit(tx, req.visit_id)
    })
}

/// A manager's void of a checked-out visit: stock sold goes back on the
/// shelf, stored value and package sessions come back, the upgrade it caused
/// is undone, the follow-ups it scheduled are cancelled, the vouchers it
/// redeemed are hers again, the gifts and vouchers it issued come back (or
/// are recorded as not recovered), and its money no longer counts anywhere
/// (reports read checked-out visits only).
pub fn void_visit(db: &mut Db, session: &Session, req: VoidVisitRequest) -> Result<Visit> {
    let reason = validate::required_text("reason", &req.reason, 200)?;
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::VoidVisits)?;
        let v = row(tx, req.visit_id)?;
        if v.status != VisitStatus::CheckedOut {
            return Err(Error::Closed(Entity::Visit));
        }
        let before = money_of(tx, req.visit_id, v.customer_id)?;
        catalog::return_stock_of_visit(tx, req.visit_id, session.staff_id)?;
        membership::reverse_visit(tx, req.visit_id, session.staff_id)?;
        crate::gifts::rewards::reverse_visit(
            tx,
            req.visit_id,
            req.gifts_recovered,
            session.staff_id,
        )?;
        followups::cancel_for_visit(tx, req.visit_id, session.staff_id)?;
        tx.execute(
            "UPDATE visits SET status = ?5, voided_at = ?2, voided_by = ?3, void_reason = ?4
             WHERE id = ?1",
            params![
                req.visit_id,
                tx.now,
                session.staff_id,
                reason,
                VisitStatus::Voided
            ],
        )?;
        record_stage(tx, req.visit_id, Stage::Done, session.staff_id, "void")?;
        if let Some(customer) = v.customer_id {
            membership::tiers::undo_upgrade_of(tx, customer, req.visit_id, session.staff_id)?;
        }
        audit::record_about(
            tx,
            Some(session.staff_id),
            Action::VisitVoid,
            Some(req.visit_id.0),
            v.customer_id,
            Some(&serde_json::json!({
                "status": VisitStatus::CheckedOut, "total": before.total,
                "payments": before.payments, "balance": before.balance
            })),
            Some(&serde_json::json!({
                "status": VisitStatus::Voided, "refunded": before.total,
                "payments": before.payments,
                "balance": v.customer_id.map(|c| membership::balance(tx, c)).transpose()?,
                "reason": reason, "gifts_recovered": req.gifts_recovered
            })),
        )?;
        load_visit(tx, req.visit_id)
    })
}

/// What a checked-out visit took, for the void's audit row: its total, its
/// payments by method and her stored-value balance before the void.
struct VisitMoney {
    total: Fen,
    payments: Vec<serde_json::Value>,
    balance: Option<Fen>,
}

fn money_of(tx: &Tx<'_>, visit: VisitId, customer: Option<CustomerId>) -> Result<VisitMoney> {
    let total: Fen = tx.query_row(
        "SELECT COALESCE(total_fen, 0) FROM visits WHERE id = ?1",
        [visit],
        |r| r.get(0),
    )?;
    let mut stmt = tx
        .prepare("SELECT method, amount_fen FROM visit_payments WHERE visit_id = ?1 ORDER BY id")?;
    let payments = stmt
        .query_map([visit], |r| {
            let method: String = r.get(0)?;
            let amount: Fen = r.get(1)?;
            Ok(serde_json::json!({ "method": method, "amount": amount }))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let balance = customer.map(|c| membership::balance(tx, c)).transpose()?;
    Ok(VisitMoney {
        total,
        payments,
        balance,
    })
}

/// Blank the customer's own words on her visits (erasure on request); the
/// money and stock rows stay.
pub(crate) fn erase_words(tx: &Tx<'_>, customer: CustomerId) -> Result<()> {
    tx.execute(
        "UPDATE visits SET needs = '', care_plan = '', service_notes = '',
            remarks_for_consultant = '', comments = '', home_care = '', recommendations = '',
            walk_in_label = '', text_erased = 1
         WHERE customer_id = ?1",
        [customer],
    )?;
    Ok(())
}
