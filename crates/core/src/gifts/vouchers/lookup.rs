//! Reading a voucher: a serial's type, state and history as the desk looks
//! it up, the first redemption a second one is refused with, and whether a
//! voucher may pay now.

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Entity, Error, Invalid, PriorUse, Result};
use crate::gifts::setup;
use crate::ids::{CustomerId, VisitId, VoucherTypeId};
use crate::money::Fen;
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};

use super::{Voucher, VoucherEvent, VoucherState, find};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VoucherRequest {
    /// As typed or scanned.
    pub serial: String,
}

/// A voucher and its history, wherever a serial is looked up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VoucherView {
    pub serial: String,
    pub voucher_type_id: VoucherTypeId,
    pub type_name: String,
    pub face_value: Fen,
    pub min_spend: Fen,
    pub restricted: bool,
    pub state: VoucherState,
    pub customer_id: Option<CustomerId>,
    pub customer_name: Option<String>,
    pub expires_on: Option<String>,
    /// Oldest first.
    pub events: Vec<VoucherEventRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VoucherEventRow {
    pub at: i64,
    pub kind: VoucherEvent,
    pub visit_id: Option<VisitId>,
    pub slip_no: Option<String>,
    pub amount: Fen,
    pub reason: String,
    pub staff: String,
}

/// A serial, its type, state and history.
pub fn voucher(db: &mut Db, session: &Session, req: VoucherRequest) -> Result<VoucherView> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::HandleGifts)?;
        let v = find(tx, "serial", &req.serial)?;
        view(tx, &v)
    })
}

pub(crate) fn view(tx: &Tx<'_>, v: &Voucher) -> Result<VoucherView> {
    let t =
        setup::voucher_type_terms(tx, v.type_id)?.ok_or(Error::NotFound(Entity::VoucherType))?;
    let customer_name: Option<String> = match v.customer {
        Some(c) => tx
            .query_row("SELECT name FROM customers WHERE id = ?1", [c], |r| {
                r.get(0)
            })
            .optional()?,
        None => None,
    };
    let events = tx
        .prepare_cached(
            "SELECT e.at, e.kind, e.visit_id, vi.slip_no, e.amount_fen, e.reason,
                    s.staff_no || ' ' || s.name
             FROM voucher_events e JOIN staff s ON s.id = e.staff_id
             LEFT JOIN visits vi ON vi.id = e.visit_id
             WHERE e.serial = ?1 ORDER BY e.id",
        )?
        .query_map([&v.serial], |r| {
            Ok(VoucherEventRow {
                at: r.get(0)?,
                kind: r.get(1)?,
                visit_id: r.get(2)?,
                slip_no: r.get(3)?,
                amount: r.get(4)?,
                reason: r.get(5)?,
                staff: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(VoucherView {
        serial: v.serial.clone(),
        voucher_type_id: t.id,
        type_name: t.name,
        face_value: t.face_value,
        min_spend: t.min_spend,
        restricted: !(t.services.is_empty() && t.products.is_empty()),
        state: v.state,
        customer_id: v.customer,
        customer_name,
        expires_on: v.expires_on.clone(),
        events,
    })
}

/// The first (standing) redemption of a voucher.
fn prior_use(tx: &Tx<'_>, serial: &str) -> Result<PriorUse> {
    Ok(tx.query_row(
        "SELECT e.at, e.visit_id, coalesce(v.slip_no, ''), s.staff_no || ' ' || s.name
         FROM voucher_events e JOIN staff s ON s.id = e.staff_id
         LEFT JOIN visits v ON v.id = e.visit_id
         WHERE e.serial = ?1 AND e.kind = 'redeem' ORDER BY e.id DESC LIMIT 1",
        [serial],
        |r| {
            Ok(PriorUse {
                at: r.get(0)?,
                visit_id: r.get(1)?,
                slip_no: r.get(2)?,
                staff: r.get(3)?,
            })
        },
    )?)
}

/// Why an issued-or-not voucher cannot pay, naming `field`; Ok when it can
/// (issued, within its dates).
pub(crate) fn check_redeemable(tx: &Tx<'_>, field: &'static str, v: &Voucher) -> Result<()> {
    match v.state {
        VoucherState::Issued => {}
        VoucherState::Redeemed => {
            return Err(Error::AlreadyRedeemed {
                field,
                prior: Box::new(prior_use(tx, &v.serial)?),
            });
        }
        VoucherState::InStock => return Err(Error::invalid(field, Invalid::NotIssued)),
        VoucherState::Cancelled => return Err(Error::invalid(field, Invalid::Cancelled)),
        VoucherState::Destroyed => return Err(Error::invalid(field, Invalid::Destroyed)),
        VoucherState::Expired => return Err(Error::Expired { field }),
    }
    let today = crate::shop::today(tx)?.format("%Y-%m-%d").to_string();
    if v.expires_on.as_deref().is_some_and(|e| e < today.as_str()) {
        return Err(Error::Expired { field });
    }
    let t =
        setup::voucher_type_terms(tx, v.type_id)?.ok_or(Error::NotFound(Entity::VoucherType))?;
    if t.valid_from.as_deref().is_some_and(|f| f > today.as_str()) {
        return Err(Error::invalid(field, Invalid::Date));
    }
    Ok(())
}
