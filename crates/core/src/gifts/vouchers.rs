//! Vouchers (赠券) one by one: received as serial ranges, then each serial
//! moves in stock → issued → redeemed / expired / cancelled, or in stock →
//! destroyed, every change an append-only event. The table's trigger refuses
//! any other change of state, so a serial is redeemed at most once whatever
//! writes to the file; the code names the first redemption when a second is
//! tried. This module is the only writer of `vouchers`, `voucher_batches`
//! and `voucher_events`.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::error::{Entity, Error, Invalid, PriorUse, Result};
use crate::ids::{CustomerId, PromotionTierId, StaffId, VisitId, VoucherBatchId, VoucherTypeId};
use crate::money::Fen;
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};
use crate::validate;

use super::setup::{self, VoucherType};
use super::stock::slip;

crate::text_enum! {
    /// Where a voucher is in its life.
    pub enum VoucherState {
        /// In the drawer, not given to anyone.
        InStock = "in_stock",
        /// Given to a customer, not used yet.
        Issued = "issued",
        Redeemed = "redeemed",
        Expired = "expired",
        /// Its visit was voided and the customer kept it: it can no longer be used.
        Cancelled = "cancelled",
        Destroyed = "destroyed",
    }
}

crate::text_enum! {
    /// What happened to a voucher.
    pub enum VoucherEvent {
        Receive = "receive",
        Issue = "issue",
        Redeem = "redeem",
        /// The redeeming visit was voided: the voucher is hers again.
        Unredeem = "unredeem",
        /// Back from the customer (the issuing visit was voided).
        Recover = "recover",
        Cancel = "cancel",
        Expire = "expire",
        ExpireUnissued = "expire_unissued",
        Destroy = "destroy",
    }
}

/// At most this many serials in one received range.
pub const MAX_BATCH: i64 = 10_000;

/// A voucher row.
#[derive(Debug, Clone)]
pub(crate) struct Voucher {
    pub serial: String,
    pub type_id: VoucherTypeId,
    pub state: VoucherState,
    pub customer: Option<CustomerId>,
    pub expires_on: Option<String>,
}

/// A serial as typed or scanned: full-width folded, upper case, spaces and
/// dashes dropped (A-000101, ａ０００１０１).
pub(crate) fn normalize(typed: &str) -> String {
    crate::text::fold(typed)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

/// The number of a serial of this type, or a format refusal naming `field`.
fn number_of(field: &'static str, t: &VoucherType, serial: &str) -> Result<i64> {
    let digits = serial
        .strip_prefix(t.serial_prefix.as_str())
        .filter(|d| d.len() == t.serial_digits as usize && d.bytes().all(|b| b.is_ascii_digit()))
        .ok_or(Error::invalid(field, Invalid::Format))?;
    digits
        .parse()
        .map_err(|_| Error::invalid(field, Invalid::Format))
}

fn serial_of(t: &VoucherType, number: i64) -> String {
    format!(
        "{}{:0width$}",
        t.serial_prefix,
        number,
        width = t.serial_digits as usize
    )
}

/// The voucher a typed serial names, wherever the app asks for one; an
/// unknown serial (mistyped, never received) is refused naming `field`.
pub(crate) fn find(tx: &Tx<'_>, field: &'static str, typed: &str) -> Result<Voucher> {
    let serial = normalize(typed);
    if serial.is_empty() {
        return Err(Error::invalid(field, Invalid::Required));
    }
    tx.query_row(
        "SELECT serial, voucher_type_id, state, customer_id, expires_on FROM vouchers WHERE serial = ?1",
        [&serial],
        |r| {
            Ok(Voucher {
                serial: r.get(0)?,
                type_id: r.get(1)?,
                state: r.get(2)?,
                customer: r.get(3)?,
                expires_on: r.get(4)?,
            })
        },
    )
    .optional()?
    .ok_or(Error::invalid(field, Invalid::UnknownSerial))
}

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

// ---------------------------------------------------------------- commands

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReceiveVouchersRequest {
    pub voucher_type_id: VoucherTypeId,
    /// The range on the out-slip, both ends included (A000101 – A000300).
    pub first_serial: String,
    pub last_serial: String,
    /// The warehouse out-slip (出库单号).
    pub slip_no: String,
    /// Serials of the range that did not arrive (counted on arrival).
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VoucherBatch {
    pub id: VoucherBatchId,
    pub voucher_type_id: VoucherTypeId,
    pub first_serial: String,
    pub last_serial: String,
    pub received: i64,
    pub missing: Vec<String>,
    pub slip_no: String,
    /// Still in stock.
    pub in_stock: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DestroyVouchersRequest {
    /// In-stock serials to destroy.
    pub serials: Vec<String>,
    pub reason: String,
}

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

/// Take in a range of serials from the warehouse. A range overlapping one
/// received before, or serials not of the type's format, are refused.
pub fn receive_vouchers(
    db: &mut Db,
    session: &Session,
    req: ReceiveVouchersRequest,
) -> Result<VoucherBatch> {
    let slip_no = slip("slip_no", &req.slip_no)?;
    let first_typed = normalize(&req.first_serial);
    let last_typed = normalize(&req.last_serial);
    if first_typed.is_empty() {
        return Err(Error::invalid("first_serial", Invalid::Required));
    }
    if last_typed.is_empty() {
        return Err(Error::invalid("last_serial", Invalid::Required));
    }
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::HandleGifts)?;
        let t = setup::voucher_type(tx, req.voucher_type_id)?
            .filter(|t| t.active)
            .ok_or(Error::invalid("voucher_type_id", Invalid::NotAvailable))?;
        let first = number_of("first_serial", &t, &first_typed)?;
        let last = number_of("last_serial", &t, &last_typed)?;
        if last < first {
            return Err(Error::invalid("last_serial", Invalid::OutOfRange));
        }
        if last - first + 1 > MAX_BATCH {
            return Err(Error::invalid_limit(
                "last_serial",
                Invalid::TooMany,
                MAX_BATCH,
            ));
        }
        let mut missing: Vec<i64> = Vec::new();
        for m in &req.missing {
            let n = number_of("missing", &t, &normalize(m))?;
            if n < first || n > last {
                return Err(Error::invalid("missing", Invalid::OutOfRange));
            }
            if missing.contains(&n) {
                return Err(Error::invalid("missing", Invalid::Repeated));
            }
            missing.push(n);
        }
        let received = last - first + 1 - missing.len() as i64;
        if received < 1 {
            return Err(Error::invalid("missing", Invalid::TooMany));
        }
        let overlaps: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM voucher_batches WHERE voucher_type_id = ?1
                 AND last_no >= ?2 AND first_no <= ?3)",
            params![t.id, first, last],
            |r| r.get(0),
        )?;
        if overlaps {
            return Err(Error::invalid("first_serial", Invalid::Overlaps));
        }
        tx.execute(
            "INSERT INTO voucher_batches (voucher_type_id, first_no, last_no, received, slip_no, at, staff_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![t.id, first, last, received, slip_no, tx.now, session.staff_id],
        )?;
        let batch = VoucherBatchId(tx.last_insert_rowid());
        let today = crate::shop::today(tx)?.format("%Y-%m-%d").to_string();
        {
            let mut row = tx.prepare_cached(
                "INSERT INTO vouchers (serial, voucher_type_id, batch_id, number, state, state_since)
                 VALUES (?1, ?2, ?3, ?4, 'in_stock', ?5)",
            )?;
            let mut ev = tx.prepare_cached(
                "INSERT INTO voucher_events (serial, voucher_type_id, kind, at, business_date, staff_id)
                 VALUES (?1, ?2, 'receive', ?3, ?4, ?5)",
            )?;
            for n in (first..=last).filter(|n| !missing.contains(n)) {
                let serial = serial_of(&t, n);
                row.execute(params![serial, t.id, batch, n, tx.now])?;
                ev.execute(params![serial, t.id, tx.now, today, session.staff_id])?;
            }
        }
        let view = batch_view(tx, batch)?;
        audit::record(
            tx,
            Some(session.staff_id),
            Action::VoucherReceive,
            Some(batch.0),
            audit::NONE,
            Some(&view),
        )?;
        Ok(view)
    })
}

/// A received range as a handover names it (`50元代金券 A000101–A000200`),
/// from the batch and its type alone: no serial is read.
pub(crate) fn batch_label(tx: &Tx<'_>, id: VoucherBatchId) -> Result<String> {
    let (type_id, first, last): (VoucherTypeId, i64, i64) = tx
        .query_row(
            "SELECT voucher_type_id, first_no, last_no FROM voucher_batches WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or(Error::NotFound(Entity::Voucher))?;
    let t = setup::voucher_type_terms(tx, type_id)?.ok_or(Error::NotFound(Entity::VoucherType))?;
    Ok(format!(
        "{} {}–{}",
        t.name,
        serial_of(&t, first),
        serial_of(&t, last)
    ))
}

pub(crate) fn batch_view(tx: &Tx<'_>, id: VoucherBatchId) -> Result<VoucherBatch> {
    let (type_id, first, last, received, slip_no): (VoucherTypeId, i64, i64, i64, String) = tx
        .query_row(
            "SELECT voucher_type_id, first_no, last_no, received, slip_no FROM voucher_batches WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?
        .ok_or(Error::NotFound(Entity::Voucher))?;
    let t = setup::voucher_type_terms(tx, type_id)?.ok_or(Error::NotFound(Entity::VoucherType))?;
    let present: Vec<i64> = tx
        .prepare_cached("SELECT number FROM vouchers WHERE batch_id = ?1 ORDER BY number")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let missing = if received < last - first + 1 {
        gaps(first, last, &present)
            .into_iter()
            .flat_map(|(a, b)| (a..=b).map(|n| serial_of(&t, n)))
            .collect()
    } else {
        Vec::new()
    };
    let in_stock = tx.query_row(
        "SELECT count(*) FROM vouchers WHERE batch_id = ?1 AND state = 'in_stock'",
        [id],
        |r| r.get(0),
    )?;
    Ok(VoucherBatch {
        id,
        voucher_type_id: type_id,
        first_serial: serial_of(&t, first),
        last_serial: serial_of(&t, last),
        received,
        missing,
        slip_no,
        in_stock,
    })
}

/// The runs of numbers of `first..=last` not in `present` (sorted).
pub(crate) fn gaps(first: i64, last: i64, present: &[i64]) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    let mut next = first;
    for &n in present {
        if n > next {
            out.push((next, n - 1));
        }
        next = next.max(n + 1);
    }
    if next <= last {
        out.push((next, last));
    }
    out
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

/// Every received range, newest first, with what is left in stock.
pub fn voucher_batches(db: &mut Db, session: &Session) -> Result<Vec<VoucherBatch>> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::HandleGifts)?;
        let ids: Vec<VoucherBatchId> = tx
            .prepare("SELECT id FROM voucher_batches ORDER BY id DESC")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        ids.into_iter().map(|id| batch_view(tx, id)).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_are_the_runs_not_received() {
        assert_eq!(gaps(1, 10, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), vec![]);
        assert_eq!(gaps(1, 10, &[2, 3, 7]), vec![(1, 1), (4, 6), (8, 10)]);
        assert_eq!(gaps(5, 5, &[]), vec![(5, 5)]);
    }

    #[test]
    fn serials_are_read_as_typed_or_scanned() {
        assert_eq!(normalize(" a-000101 "), "A000101");
        assert_eq!(normalize("Ａ０００１０１"), "A000101");
        assert_eq!(normalize("A 000 101"), "A000101");
    }
}
