//! What was received, read back: the gifts and vouchers a customer was
//! given, for her card; and what a visit gave and took in gifts and
//! vouchers, for its page and slip.

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Entity, Error, Result};
use crate::gifts::vouchers::VoucherState;
use crate::ids::{CustomerId, VisitId};
use crate::money::Fen;
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};

use super::birthday::{BirthdayOffer, birthday_offer};

/// A gift she received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct GiftReceived {
    pub at: i64,
    pub item: String,
    pub quantity: i64,
    /// "双十二 · ≥ ¥500", or the birthday year.
    pub why: String,
    pub birthday: bool,
    pub slip_no: Option<String>,
}

/// A voucher she was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VoucherHeld {
    pub serial: String,
    pub type_name: String,
    pub face_value: Fen,
    pub state: VoucherState,
    pub expires_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CustomerGifts {
    /// Newest first.
    pub gifts: Vec<GiftReceived>,
    /// Usable ones first, then the rest, newest first.
    pub vouchers: Vec<VoucherHeld>,
    pub birthday: Option<BirthdayOffer>,
}

pub(super) fn gifts_of(tx: &Tx<'_>, customer: CustomerId) -> Result<CustomerGifts> {
    let gifts = tx
        .prepare_cached(
            "SELECT m.at, i.name, -m.qty, p.name, t.threshold_fen, m.birthday_year, v.slip_no
             FROM gift_moves m JOIN gift_items i ON i.id = m.item_id
             LEFT JOIN promotion_tiers t ON t.id = m.promotion_tier_id
             LEFT JOIN promotions p ON p.id = t.promotion_id
             LEFT JOIN visits v ON v.id = m.visit_id
             WHERE m.customer_id = ?1 AND m.kind = 'issue'
               AND NOT EXISTS (SELECT 1 FROM gift_moves r WHERE r.visit_id = m.visit_id
                               AND r.item_id = m.item_id AND r.kind = 'recover')
             ORDER BY m.id DESC",
        )?
        .query_map([customer], |r| {
            let year: Option<i64> = r.get(5)?;
            let promotion: Option<String> = r.get(3)?;
            let threshold: Option<Fen> = r.get(4)?;
            Ok(GiftReceived {
                at: r.get(0)?,
                item: r.get(1)?,
                quantity: r.get(2)?,
                why: match (year, promotion, threshold) {
                    (Some(y), _, _) => y.to_string(),
                    (None, Some(p), Some(t)) => format!("{p} · ≥ {t}"),
                    _ => String::new(),
                },
                birthday: year.is_some(),
                slip_no: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let vouchers = tx
        .prepare_cached(
            "SELECT v.serial, t.name, t.face_value_fen, v.state, v.expires_on FROM vouchers v
             JOIN voucher_types t ON t.id = v.voucher_type_id
             WHERE v.customer_id = ?1
             ORDER BY v.state <> 'issued', v.state_since DESC",
        )?
        .query_map([customer], |r| {
            Ok(VoucherHeld {
                serial: r.get(0)?,
                type_name: r.get(1)?,
                face_value: r.get(2)?,
                state: r.get(3)?,
                expires_on: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(CustomerGifts {
        gifts,
        vouchers,
        birthday: birthday_offer(tx, customer)?,
    })
}

/// The gifts and vouchers a customer has received, for her card.
pub fn customer_gifts(
    db: &mut Db,
    session: &Session,
    customer: CustomerId,
) -> Result<CustomerGifts> {
    db.read(|tx| {
        staff::authorize(tx, session, Permission::ViewCustomers)?;
        if !tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM customers WHERE id = ?1)",
            [customer],
            |r| r.get::<_, bool>(0),
        )? {
            return Err(Error::NotFound(Entity::Customer));
        }
        gifts_of(tx, customer)
    })
}

/// A gift issued on a visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VisitGift {
    pub item: String,
    pub quantity: i64,
    /// Given back after a void.
    pub recovered: bool,
}

/// A voucher issued or redeemed on a visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VisitVoucher {
    pub serial: String,
    pub type_name: String,
    pub face_value: Fen,
    /// What it paid (redeemed ones).
    pub amount: Fen,
}

/// What a visit gave and took in gifts and vouchers, for its page and slip.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VisitRewards {
    pub gifts: Vec<VisitGift>,
    pub issued_vouchers: Vec<VisitVoucher>,
    pub redeemed_vouchers: Vec<VisitVoucher>,
    /// Receipts shown and how long issuing took.
    pub receipts: Option<i64>,
    pub seconds: Option<i64>,
}

pub(crate) fn of_visit(tx: &Tx<'_>, visit: VisitId) -> Result<VisitRewards> {
    let gifts = tx
        .prepare_cached(
            "SELECT i.name, -sum(CASE WHEN m.kind = 'issue' THEN m.qty ELSE 0 END),
                    sum(m.kind = 'recover') > 0
             FROM gift_moves m JOIN gift_items i ON i.id = m.item_id
             WHERE m.visit_id = ?1 AND m.kind IN ('issue', 'recover')
             GROUP BY m.item_id ORDER BY min(m.id)",
        )?
        .query_map([visit], |r| {
            Ok(VisitGift {
                item: r.get(0)?,
                quantity: r.get(1)?,
                recovered: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let (receipts, seconds): (Option<i64>, Option<i64>) = tx.query_row(
        "SELECT max(receipts), max(seconds) FROM gift_moves WHERE visit_id = ?1 AND kind = 'issue'",
        [visit],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let vouchers = |kind: &str| -> Result<Vec<VisitVoucher>> {
        Ok(tx
            .prepare_cached(
                "SELECT e.serial, t.name, t.face_value_fen, e.amount_fen FROM voucher_events e
                 JOIN voucher_types t ON t.id = e.voucher_type_id
                 WHERE e.visit_id = ?1 AND e.kind = ?2 ORDER BY e.id",
            )?
            .query_map(params![visit, kind], |r| {
                Ok(VisitVoucher {
                    serial: r.get(0)?,
                    type_name: r.get(1)?,
                    face_value: r.get(2)?,
                    amount: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    };
    Ok(VisitRewards {
        gifts,
        issued_vouchers: vouchers("issue")?,
        redeemed_vouchers: vouchers("redeem")?,
        receipts,
        seconds,
    })
}
