//! Gifts and vouchers at the desk: what a visit's spend earns (the
//! promotions running today, highest tier first, with the stock left), the
//! issue at checkout checked against the tier, vouchers taken as payment,
//! the birthday gift, and what a customer has received.
//!
//! The voucher payment rule: a voucher pays at most what is still due on the
//! lines it may pay for (all of them, or its services and products when it
//! is restricted), once the bill reaches its minimum spend. A face value
//! above that is not given back as change or stored value: the rest of the
//! voucher is forfeited, and the desk says so before taking it. A voucher
//! that would pay nothing is refused rather than spent.

use chrono::Datelike;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::error::{Entity, Error, Invalid, Result};
use crate::ids::{
    CustomerId, GiftItemId, ProductId, PromotionId, PromotionTierId, ServiceId, StaffId, VisitId,
    VoucherTypeId,
};
use crate::money::Fen;
use crate::staff::{self, Permission, Session};
use crate::storage::{Db, Tx};
use crate::validate;

use super::setup;
use super::stock::{self, Move, MoveKind};
use super::vouchers::{self, VoucherState};

/// The manual's time standard for issuing (发放标准), in seconds: 1 minute
/// for up to 3 purchase receipts, 2 up to 6, 3 above.
pub fn standard_seconds(receipts: i64) -> i64 {
    match receipts {
        ..=3 => 60,
        4..=6 => 120,
        _ => 180,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OfferReward {
    pub item_id: Option<GiftItemId>,
    pub voucher_type_id: Option<VoucherTypeId>,
    pub name: String,
    pub quantity: i64,
    /// What is on the shelf (gift items) or in the drawer (vouchers of the type).
    pub in_stock: i64,
    /// A voucher's face value.
    pub face_value: Option<Fen>,
    /// The next serials in the drawer (as many as the tier gives), to hand
    /// over in order; the desk scans the one it actually hands over.
    pub next_serials: Vec<String>,
}

/// A tier the spend reaches, with what it earns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Offer {
    pub promotion_id: PromotionId,
    pub promotion: String,
    pub tier_id: PromotionTierId,
    pub threshold: Fen,
    pub rewards: Vec<OfferReward>,
    /// Some reward has less in stock than the tier gives.
    pub short: bool,
}

/// Her tier's birthday gift, when this is her birthday month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BirthdayOffer {
    pub item_id: GiftItemId,
    pub name: String,
    pub quantity: i64,
    pub in_stock: i64,
    /// Already given this year.
    pub given: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ItemQty {
    pub item_id: GiftItemId,
    pub quantity: i64,
}

/// What one tier's rewards the desk hands over.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TierIssue {
    pub tier_id: PromotionTierId,
    pub items: Vec<ItemQty>,
    /// Serials of the vouchers handed over, as scanned.
    pub vouchers: Vec<String>,
}

/// The gifts and vouchers issued at a checkout.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GiftIssue {
    /// At most one tier per promotion.
    pub tiers: Vec<TierIssue>,
    /// Purchase receipts (购物单据) shown.
    pub receipts: i64,
    /// How long issuing took, by the desk's timer.
    pub seconds: i64,
}

/// A voucher as it would pay this bill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AppliedVoucher {
    pub serial: String,
    pub type_name: String,
    pub face_value: Fen,
    /// What it pays of this bill.
    pub amount: Fen,
    /// Face value it leaves unused (not given back).
    pub forfeited: Fen,
}

/// A bill line as a voucher sees it: what it is and what is due on it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Payable {
    pub service: Option<ServiceId>,
    pub product: Option<ProductId>,
    pub amount: Fen,
}

fn today_text(tx: &Tx<'_>) -> Result<String> {
    Ok(crate::shop::today(tx)?.format("%Y-%m-%d").to_string())
}

/// The tiers `spend` reaches in the promotions running today, highest
/// threshold first.
pub(crate) fn offers(tx: &Tx<'_>, spend: Fen) -> Result<Vec<Offer>> {
    let today = today_text(tx)?;
    let tiers: Vec<(PromotionId, String, PromotionTierId, Fen)> = tx
        .prepare_cached(
            "SELECT p.id, p.name, t.id, t.threshold_fen FROM promotion_tiers t
             JOIN promotions p ON p.id = t.promotion_id
             WHERE t.active = 1 AND p.active = 1 AND p.starts_on <= ?1 AND p.ends_on >= ?1
               AND t.threshold_fen <= ?2
             ORDER BY t.threshold_fen DESC, p.id",
        )?
        .query_map(params![today, spend], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for (promotion_id, promotion, tier_id, threshold) in tiers {
        let mut rewards = Vec::new();
        for r in setup::rewards_of(tx, tier_id)? {
            rewards.push(match (r.item_id, r.voucher_type_id) {
                (Some(i), _) => {
                    let item = setup::item(tx, i)?.ok_or(Error::NotFound(Entity::GiftItem))?;
                    OfferReward {
                        item_id: Some(i),
                        voucher_type_id: None,
                        name: item.name,
                        quantity: r.quantity,
                        in_stock: item.stock,
                        face_value: None,
                        next_serials: Vec::new(),
                    }
                }
                (_, Some(v)) => {
                    let t =
                        setup::voucher_type(tx, v)?.ok_or(Error::NotFound(Entity::VoucherType))?;
                    OfferReward {
                        item_id: None,
                        voucher_type_id: Some(v),
                        name: t.name,
                        quantity: r.quantity,
                        in_stock: t.in_stock,
                        face_value: Some(t.face_value),
                        next_serials: tx
                            .prepare_cached(
                                "SELECT serial FROM vouchers WHERE voucher_type_id = ?1
                                 AND state = 'in_stock' ORDER BY serial LIMIT ?2",
                            )?
                            .query_map(params![v, r.quantity], |row| row.get(0))?
                            .collect::<rusqlite::Result<Vec<_>>>()?,
                    }
                }
                _ => continue,
            });
        }
        let short = rewards.iter().any(|r| r.in_stock < r.quantity);
        out.push(Offer {
            promotion_id,
            promotion,
            tier_id,
            threshold,
            rewards,
            short,
        });
    }
    Ok(out)
}

/// Check and post what the desk hands over at a checkout: each tier reached
/// by `spend` in a promotion running today, one per promotion, nothing it
/// does not give and no more of it; vouchers by serial, from the drawer.
pub(crate) fn issue_rewards(
    tx: &Tx<'_>,
    visit: VisitId,
    customer: Option<CustomerId>,
    spend: Fen,
    issue: &GiftIssue,
    by: StaffId,
) -> Result<()> {
    if issue.tiers.is_empty() {
        return Ok(());
    }
    let receipts = validate::in_range("receipts", issue.receipts, 1, 99)?;
    let seconds = validate::in_range("seconds", issue.seconds, 0, 86_400)?;
    let offered = offers(tx, spend)?;
    let mut promotions: Vec<PromotionId> = Vec::new();
    let mut serials: Vec<String> = Vec::new();
    for t in &issue.tiers {
        let offer = offered
            .iter()
            .find(|o| o.tier_id == t.tier_id)
            .ok_or(Error::invalid("gifts", Invalid::NotAvailable))?;
        if promotions.contains(&offer.promotion_id) {
            return Err(Error::invalid("gifts", Invalid::Repeated));
        }
        promotions.push(offer.promotion_id);
        for (i, it) in t.items.iter().enumerate() {
            let quantity = validate::in_range("gifts", it.quantity, 1, 99)?;
            let allowed = offer
                .rewards
                .iter()
                .find(|r| r.item_id == Some(it.item_id))
                .map_or(0, |r| r.quantity);
            if t.items[..i].iter().any(|j| j.item_id == it.item_id) {
                return Err(Error::invalid("gifts", Invalid::Repeated));
            }
            if quantity > allowed {
                return Err(Error::invalid_limit("gifts", Invalid::OutOfRange, allowed));
            }
            let mut m = Move::new(it.item_id, MoveKind::Issue, -quantity);
            m.visit = Some(visit);
            m.customer = customer;
            m.tier = Some(t.tier_id);
            m.receipts = Some(receipts);
            m.seconds = Some(seconds);
            stock::post(tx, "gifts", m, by)?;
        }
        let mut per_type: Vec<(VoucherTypeId, i64)> = Vec::new();
        for typed in &t.vouchers {
            let v = vouchers::find(tx, "issued_vouchers", typed)?;
            if serials.contains(&v.serial) {
                return Err(Error::invalid("issued_vouchers", Invalid::Repeated));
            }
            let allowed = offer
                .rewards
                .iter()
                .find(|r| r.voucher_type_id == Some(v.type_id))
                .map_or(0, |r| r.quantity);
            let n = match per_type.iter_mut().find(|(t, _)| *t == v.type_id) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    per_type.push((v.type_id, 1));
                    1
                }
            };
            if n > allowed {
                return Err(Error::invalid_limit(
                    "issued_vouchers",
                    Invalid::OutOfRange,
                    allowed,
                ));
            }
            vouchers::issue(
                tx,
                "issued_vouchers",
                &v,
                customer,
                Some(visit),
                Some(t.tier_id),
                by,
            )?;
            serials.push(v.serial);
        }
    }
    Ok(())
}

/// The vouchers offered as payment, as they would pay this bill (nothing
/// written): each known, issued, within its dates, the bill at its minimum
/// spend, paying what is still due on the lines it may pay for.
pub(crate) fn apply_vouchers(
    tx: &Tx<'_>,
    serials: &[String],
    total: Fen,
    lines: &[Payable],
) -> Result<Vec<AppliedVoucher>> {
    if serials.len() > 20 {
        return Err(Error::invalid_limit("vouchers", Invalid::TooMany, 20));
    }
    let mut due: Vec<Fen> = lines.iter().map(|l| l.amount).collect();
    let mut out: Vec<AppliedVoucher> = Vec::new();
    for typed in serials {
        let v = vouchers::find(tx, "vouchers", typed)?;
        if out.iter().any(|a| a.serial == v.serial) {
            return Err(Error::invalid("vouchers", Invalid::Repeated));
        }
        vouchers::check_redeemable(tx, "vouchers", &v)?;
        let t = setup::voucher_type_terms(tx, v.type_id)?
            .ok_or(Error::NotFound(Entity::VoucherType))?;
        if total < t.min_spend {
            return Err(Error::invalid_limit(
                "vouchers",
                Invalid::BelowMinimum,
                t.min_spend.0,
            ));
        }
        let restricted = !(t.services.is_empty() && t.products.is_empty());
        let mut left = t.face_value;
        let mut paid = Fen::ZERO;
        for (l, d) in lines.iter().zip(due.iter_mut()) {
            let may = !restricted
                || l.service.is_some_and(|s| t.services.contains(&s))
                || l.product.is_some_and(|p| t.products.contains(&p));
            if !may || !d.is_positive() || !left.is_positive() {
                continue;
            }
            let take = (*d).min(left);
            *d = d.minus(take, "vouchers")?;
            left = left.minus(take, "vouchers")?;
            paid = paid.plus(take, "vouchers")?;
        }
        if !paid.is_positive() {
            return Err(Error::invalid("vouchers", Invalid::NotAvailable));
        }
        out.push(AppliedVoucher {
            serial: v.serial,
            type_name: t.name,
            face_value: t.face_value,
            amount: paid,
            forfeited: left,
        });
    }
    Ok(out)
}

/// Redeem the applied vouchers on the visit.
pub(crate) fn redeem_vouchers(
    tx: &Tx<'_>,
    visit: VisitId,
    customer: Option<CustomerId>,
    applied: &[AppliedVoucher],
    by: StaffId,
) -> Result<()> {
    for a in applied {
        let v = vouchers::find(tx, "vouchers", &a.serial)?;
        vouchers::redeem(tx, "vouchers", &v, visit, customer, a.amount, by)?;
    }
    Ok(())
}

/// Undo what a voided visit did with gifts and vouchers. Gifts it issued
/// come back to the shelf when `recovered`, else they are recorded as not
/// recovered; vouchers likewise (see [`vouchers::reverse_visit`]).
pub(crate) fn reverse_visit(
    tx: &Tx<'_>,
    visit: VisitId,
    recovered: bool,
    by: StaffId,
) -> Result<()> {
    let issued: Vec<(GiftItemId, i64, Option<CustomerId>, Option<PromotionTierId>)> = tx
        .prepare(
            "SELECT item_id, -sum(qty), customer_id, promotion_tier_id FROM gift_moves
             WHERE visit_id = ?1 AND kind = 'issue' GROUP BY item_id, customer_id, promotion_tier_id",
        )?
        .query_map([visit], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (item, qty, customer, tier) in issued {
        let (kind, change) = if recovered {
            (MoveKind::Recover, qty)
        } else {
            (MoveKind::NotRecovered, 0)
        };
        let mut m = Move::new(item, kind, change);
        m.visit = Some(visit);
        m.customer = customer;
        m.tier = tier;
        m.reason = if recovered { "" } else { "未收回" };
        stock::post(tx, "gifts", m, by)?;
    }
    vouchers::reverse_visit(tx, visit, recovered, by)
}

/// Her tier's birthday gift, when this is her birthday month.
pub(crate) fn birthday_offer(tx: &Tx<'_>, customer: CustomerId) -> Result<Option<BirthdayOffer>> {
    let birthday: Option<String> = tx
        .query_row(
            "SELECT birthday FROM customers WHERE id = ?1 AND erased_at IS NULL",
            [customer],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let Some(month) = birthday
        .as_deref()
        .and_then(|b| chrono::NaiveDate::parse_from_str(b, "%Y-%m-%d").ok())
        .map(|d| d.month())
    else {
        return Ok(None);
    };
    let today = crate::shop::today(tx)?;
    if month != today.month() {
        return Ok(None);
    }
    let Some(tier) = crate::membership::tiers::current_tier(tx, customer)? else {
        return Ok(None);
    };
    let Some(gift) = setup::birthday_gifts(tx)?
        .into_iter()
        .find(|g| g.membership_tier_id == tier.id)
    else {
        return Ok(None);
    };
    let item = setup::item(tx, gift.item_id)?.ok_or(Error::NotFound(Entity::GiftItem))?;
    let given: bool = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM gift_moves WHERE customer_id = ?1 AND birthday_year = ?2
             AND kind = 'issue')",
        params![customer, today.year()],
        |r| r.get(0),
    )?;
    Ok(Some(BirthdayOffer {
        item_id: item.id,
        name: item.name,
        quantity: gift.quantity,
        in_stock: item.stock,
        given,
    }))
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BirthdayGiftRequest {
    pub customer_id: CustomerId,
    /// The visit she is on, if any.
    pub visit_id: Option<VisitId>,
}

/// Give her tier's birthday gift from stock: in her birthday month, once a
/// year (the database refuses a second one too).
pub fn issue_birthday_gift(
    db: &mut Db,
    session: &Session,
    req: BirthdayGiftRequest,
) -> Result<CustomerGifts> {
    db.transact(|tx| {
        staff::authorize(tx, session, Permission::HandleGifts)?;
        crate::customers::check_active(tx, req.customer_id)?;
        let offer = birthday_offer(tx, req.customer_id)?
            .ok_or(Error::invalid("customer_id", Invalid::NotAvailable))?;
        if offer.given {
            return Err(Error::Duplicate {
                field: "customer_id",
            });
        }
        if let Some(v) = req.visit_id {
            check_her_visit(tx, v, req.customer_id)?;
        }
        let mut m = Move::new(offer.item_id, MoveKind::Issue, -offer.quantity);
        m.customer = Some(req.customer_id);
        m.visit = req.visit_id;
        m.birthday_year = Some(crate::shop::today(tx)?.year());
        let book_before = stock::book(tx, offer.item_id)?;
        stock::post(tx, "customer_id", m, session.staff_id)?;
        audit::record_about(
            tx,
            Some(session.staff_id),
            Action::GiftBirthday,
            Some(req.customer_id.0),
            Some(req.customer_id),
            Some(&serde_json::json!({ "book": book_before })),
            Some(&serde_json::json!({
                "item": offer.item_id, "quantity": offer.quantity,
                "book": stock::book(tx, offer.item_id)?
            })),
        )?;
        gifts_of(tx, req.customer_id)
    })
}

/// The visit a birthday gift is given on must be one of hers (a visit that
/// does not exist, or another customer's, is refused as not available).
fn check_her_visit(tx: &Tx<'_>, visit: VisitId, customer: CustomerId) -> Result<()> {
    let owner: Option<Option<CustomerId>> = tx
        .query_row(
            "SELECT customer_id FROM visits WHERE id = ?1",
            [visit],
            |r| r.get(0),
        )
        .optional()?;
    match owner {
        Some(Some(o)) if o == customer => Ok(()),
        _ => Err(Error::invalid("visit_id", Invalid::NotAvailable)),
    }
}

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

fn gifts_of(tx: &Tx<'_>, customer: CustomerId) -> Result<CustomerGifts> {
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
