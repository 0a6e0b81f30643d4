//! What a visit's spend earns and the issue at checkout: the tiers reached
//! in the promotions running today, highest first, with what is left on the
//! shelf and in the drawer; and what the desk hands over, checked against
//! the tier (one tier per promotion, nothing it does not give, no more of
//! it), gifts posted to the ledger and vouchers issued by serial.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Entity, Error, Invalid, Result};
use crate::gifts::stock::{self, Move, MoveKind};
use crate::gifts::{setup, vouchers};
use crate::ids::{
    CustomerId, GiftItemId, PromotionId, PromotionTierId, StaffId, VisitId, VoucherTypeId,
};
use crate::money::Fen;
use crate::storage::Tx;
use crate::validate;

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
