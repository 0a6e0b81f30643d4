//! The life of a voucher once received: issued to a customer, redeemed on a
//! visit, given back or cancelled by a void, expired at the daily close,
//! destroyed by a manager. Each change moves the row from the state it must
//! be in (the table's trigger allows no other) and appends its
//! `voucher_events` row.

use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::error::{Entity, Error, Invalid, Result};
use crate::gifts::setup;
use crate::ids::{CustomerId, PromotionTierId, StaffId, VisitId};
use crate::money::Fen;
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};
use crate::validate;

use super::lookup::{VoucherView, check_redeemable, view};
use super::{Voucher, VoucherEvent, VoucherState, find};

/// What an event is about, beyond the voucher.
#[derive(Default)]
struct About<'a> {
    visit: Option<VisitId>,
    customer: Option<CustomerId>,
    tier: Option<PromotionTierId>,
    amount: Fen,
    reason: &'a str,
}

fn event(
    tx: &Tx<'_>,
    v: &Voucher,
    kind: VoucherEvent,
    about: About<'_>,
    by: StaffId,
) -> Result<()> {
    let About {
        visit,
        customer,
        tier,
        amount,
        reason,
    } = about;
    let today = crate::shop::today(tx)?.format("%Y-%m-%d").to_string();
    tx.execute(
        "INSERT INTO voucher_events (serial, voucher_type_id, kind, visit_id, customer_id,
            promotion_tier_id, amount_fen, reason, at, business_date, staff_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            v.serial, v.type_id, kind, visit, customer, tier, amount, reason, tx.now, today, by
        ],
    )?;
    Ok(())
}

fn set_state(
    tx: &Tx<'_>,
    v: &Voucher,
    from: VoucherState,
    to: VoucherState,
    customer: Option<CustomerId>,
    expires_on: Option<&str>,
) -> Result<()> {
    let n = tx.execute(
        "UPDATE vouchers SET state = ?3, customer_id = ?4, expires_on = ?5, state_since = ?6
         WHERE serial = ?1 AND state = ?2",
        params![v.serial, from, to, customer, expires_on, tx.now],
    )?;
    if n == 1 {
        Ok(())
    } else {
        Err(Error::Internal(format!(
            "voucher {} was not {from:?}",
            v.serial
        )))
    }
}

/// Give an in-stock voucher to a customer (or a walk-in) on a visit; its
/// expiry is fixed now.
pub(crate) fn issue(
    tx: &Tx<'_>,
    field: &'static str,
    v: &Voucher,
    customer: Option<CustomerId>,
    visit: Option<VisitId>,
    tier: Option<PromotionTierId>,
    by: StaffId,
) -> Result<()> {
    if v.state != VoucherState::InStock {
        return Err(Error::invalid(field, Invalid::NotAvailable));
    }
    let t =
        setup::voucher_type_terms(tx, v.type_id)?.ok_or(Error::NotFound(Entity::VoucherType))?;
    let today = crate::shop::today(tx)?;
    let expires = match (&t.valid_to, t.valid_days) {
        (Some(to), _) => to.clone(),
        (None, Some(days)) => (today + chrono::Days::new(days as u64 - 1))
            .format("%Y-%m-%d")
            .to_string(),
        (None, None) => return Err(Error::Internal("a voucher type without validity".into())),
    };
    if expires < today.format("%Y-%m-%d").to_string() {
        return Err(Error::Expired { field });
    }
    set_state(
        tx,
        v,
        VoucherState::InStock,
        VoucherState::Issued,
        customer,
        Some(&expires),
    )?;
    event(
        tx,
        v,
        VoucherEvent::Issue,
        About {
            visit,
            customer,
            tier,
            ..About::default()
        },
        by,
    )
}

/// Redeem an issued voucher on a visit for `amount` of its bill.
pub(crate) fn redeem(
    tx: &Tx<'_>,
    field: &'static str,
    v: &Voucher,
    visit: VisitId,
    customer: Option<CustomerId>,
    amount: Fen,
    by: StaffId,
) -> Result<()> {
    check_redeemable(tx, field, v)?;
    set_state(
        tx,
        v,
        VoucherState::Issued,
        VoucherState::Redeemed,
        v.customer,
        v.expires_on.as_deref(),
    )?;
    event(
        tx,
        v,
        VoucherEvent::Redeem,
        About {
            visit: Some(visit),
            customer: customer.or(v.customer),
            amount,
            ..About::default()
        },
        by,
    )
}

/// What a visit did to vouchers, undone by its void: those it redeemed are
/// the customer's again; those it issued come back to the drawer when
/// `recovered`, else they are cancelled (she keeps a voucher nobody honours).
pub(crate) fn reverse_visit(
    tx: &Tx<'_>,
    visit: VisitId,
    recovered: bool,
    by: StaffId,
) -> Result<()> {
    let touched: Vec<(String, VoucherEvent)> = tx
        .prepare(
            "SELECT serial, kind FROM voucher_events WHERE visit_id = ?1
             AND kind IN ('issue', 'redeem') ORDER BY id",
        )?
        .query_map([visit], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (serial, kind) in touched {
        let v = find(tx, "vouchers", &serial)?;
        match (kind, v.state) {
            (VoucherEvent::Redeem, VoucherState::Redeemed) => {
                set_state(
                    tx,
                    &v,
                    VoucherState::Redeemed,
                    VoucherState::Issued,
                    v.customer,
                    v.expires_on.as_deref(),
                )?;
                event(
                    tx,
                    &v,
                    VoucherEvent::Unredeem,
                    About {
                        visit: Some(visit),
                        customer: v.customer,
                        ..About::default()
                    },
                    by,
                )?;
            }
            (VoucherEvent::Issue, VoucherState::Issued) if recovered => {
                set_state(
                    tx,
                    &v,
                    VoucherState::Issued,
                    VoucherState::InStock,
                    None,
                    None,
                )?;
                event(
                    tx,
                    &v,
                    VoucherEvent::Recover,
                    About {
                        visit: Some(visit),
                        customer: v.customer,
                        ..About::default()
                    },
                    by,
                )?;
            }
            (VoucherEvent::Issue, VoucherState::Issued) => {
                set_state(
                    tx,
                    &v,
                    VoucherState::Issued,
                    VoucherState::Cancelled,
                    v.customer,
                    v.expires_on.as_deref(),
                )?;
                event(
                    tx,
                    &v,
                    VoucherEvent::Cancel,
                    About {
                        visit: Some(visit),
                        customer: v.customer,
                        ..About::default()
                    },
                    by,
                )?;
            }
            // Used since on another visit, or already expired: nothing to undo.
            _ => {}
        }
    }
    Ok(())
}

/// Expire what ran out before `today` (at the daily close): issued vouchers
/// past their date, and vouchers in stock of types whose dates have passed.
pub(crate) fn expire_due(tx: &Tx<'_>, today: NaiveDate, by: StaffId) -> Result<i64> {
    let today = today.format("%Y-%m-%d").to_string();
    let due: Vec<String> = tx
        .prepare(
            "SELECT v.serial FROM vouchers v JOIN voucher_types t ON t.id = v.voucher_type_id
             WHERE (v.state = 'issued' AND v.expires_on < ?1)
                OR (v.state = 'in_stock' AND t.valid_to < ?1)",
        )?
        .query_map([&today], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for serial in &due {
        let v = find(tx, "vouchers", serial)?;
        let kind = if v.state == VoucherState::Issued {
            VoucherEvent::Expire
        } else {
            VoucherEvent::ExpireUnissued
        };
        set_state(
            tx,
            &v,
            v.state,
            VoucherState::Expired,
            v.customer,
            v.expires_on.as_deref(),
        )?;
        event(
            tx,
            &v,
            kind,
            About {
                customer: v.customer,
                ..About::default()
            },
            by,
        )?;
    }
    Ok(due.len() as i64)
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DestroyVouchersRequest {
    /// In-stock serials to destroy.
    pub serials: Vec<String>,
    pub reason: String,
}

/// Destroy vouchers still in stock (manager), with a reason: damaged, or
/// missing at a count.
pub fn destroy_vouchers(
    db: &mut Db,
    session: &Session,
    req: DestroyVouchersRequest,
) -> Result<Vec<VoucherView>> {
    let reason = validate::required_text("reason", &req.reason, 100)?;
    if req.serials.is_empty() {
        return Err(Error::invalid("serials", Invalid::Required));
    }
    if req.serials.len() > 1000 {
        return Err(Error::invalid_limit("serials", Invalid::TooMany, 1000));
    }
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::ManageGifts)?;
        let mut out = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        for typed in &req.serials {
            let v = find(tx, "serials", typed)?;
            if seen.contains(&v.serial) {
                return Err(Error::invalid("serials", Invalid::Repeated));
            }
            if v.state != VoucherState::InStock {
                return Err(Error::invalid("serials", Invalid::NotAvailable));
            }
            set_state(
                tx,
                &v,
                VoucherState::InStock,
                VoucherState::Destroyed,
                None,
                None,
            )?;
            event(
                tx,
                &v,
                VoucherEvent::Destroy,
                About {
                    reason: &reason,
                    ..About::default()
                },
                session.staff_id,
            )?;
            seen.push(v.serial.clone());
            out.push(view(tx, &find(tx, "serials", &v.serial)?)?);
        }
        audit::record(
            tx,
            Some(session.staff_id),
            Action::VoucherDestroy,
            None,
            Some(&serde_json::json!({ "state": VoucherState::InStock })),
            Some(&serde_json::json!({
                "state": VoucherState::Destroyed, "count": seen.len(), "serials": seen,
                "reason": reason
            })),
        )?;
        Ok(out)
    })
}
