//! Gifts and vouchers at the desk: what a visit's spend earns (the
//! promotions running today, highest tier first, with the stock left), the
//! issue at checkout checked against the tier, vouchers taken as payment,
//! the birthday gift, and what a customer has received.
//!
//! - `issue`: the tiers a spend reaches and the issue at checkout.
//! - `payment`: vouchers as payment, and the rule of what they pay.
//! - `birthday`: her tier's birthday gift, in her birthday month.
//! - `received`: what a customer received, and what a visit gave and took.
//!
//! This file holds the manual's time standard for issuing and the void's
//! reversal of all of it.

mod birthday;
mod issue;
mod payment;
mod received;

use crate::error::Result;
use crate::ids::{CustomerId, GiftItemId, PromotionTierId, StaffId, VisitId};
use crate::storage::Tx;

use super::stock::{self, Move, MoveKind};
use super::vouchers;

pub(crate) use birthday::birthday_offer;
pub use birthday::{BirthdayGiftRequest, BirthdayOffer, issue_birthday_gift};
pub use issue::{GiftIssue, ItemQty, Offer, OfferReward, TierIssue};
pub(crate) use issue::{issue_rewards, offers};
pub use payment::AppliedVoucher;
pub(crate) use payment::{Payable, apply_vouchers, redeem_vouchers};
pub(crate) use received::of_visit;
pub use received::{
    CustomerGifts, GiftReceived, VisitGift, VisitRewards, VisitVoucher, VoucherHeld, customer_gifts,
};

/// The manual's time standard for issuing (发放标准), in seconds: 1 minute
/// for up to 3 purchase receipts, 2 up to 6, 3 above.
pub fn standard_seconds(receipts: i64) -> i64 {
    match receipts {
        ..=3 => 60,
        4..=6 => 120,
        _ => 180,
    }
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
